import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../domain/policy/policy.ts';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
import { ChangeJobs } from '../../functions/adapters/change-jobs.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { ReferenceVersions } from '../../functions/adapters/reference-versions.ts';
import { RegistryReader } from '../../functions/adapters/registry-reads.ts';
import { encodeToken } from '../../functions/http/http.ts';
import {
  InstitutionPageSchema,
  InstitutionViewSchema,
  PersonPageSchema,
  PersonViewSchema,
  PolicyVersionListSchema,
  PolicyVersionsSchema,
} from '../../functions/http/responses.ts';
import { makeHandler } from '../../functions/load-reference-data/handler.ts';
import { registry } from './stored.ts';
import { answer, context, event, type Json, quiet, users } from './support.ts';

/** The fan-out messages the handler sent: one change id each. */
const started: string[] = [];
const fanOuts = { fanOut: async (changeId: string) => void started.push(changeId) };

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'Claims';

function build(now = '2026-04-10T04:00:00Z') {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    reference: new ReferenceStore(doc, TABLE),
    registry: new RegistryReader(doc, TABLE),
    agreements: new AgreementStore(doc, TABLE),
    versions: new ReferenceVersions(doc, TABLE),
    changes: new ChangeJobs(doc, TABLE),
    changeQueue: fanOuts,
    now: () => new Date(now),
    ...quiet(),
  });
}
const get = async (routeKey: string, changes: Parameters<typeof event>[1] = {}, now?: string) =>
  answer(await build(now)(event('list-claims', { routeKey, query: {}, ...changes }) as never, context));

/** A person assessed three times: grade 3 (superseded), grade 4 (in force on 2026-04-10), grade 5 next year. */
const PERSON = {
  personId: 'P001',
  insuredType: 'employee',
  enrolledOn: '2024-01-01',
  assessments: [
    { grade: 5, assessedOn: '2027-01-05' },
    { grade: 3, assessedOn: '2024-03-01', certificateNo: 'A-0' },
    { grade: 4, assessedOn: '2025-06-10', certificateNo: 'A-1' },
  ],
};
const item = (pk: string, sk: string, doc: unknown) => ({ pk, sk, doc: JSON.stringify(doc) });

beforeEach(() => {
  ddb.reset();
  // No published policy: demo-2026 (validity 24 months) applies.
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({ Items: [] });
});

describe('GET /registry/persons/{id}', () => {
  it('shows the assessments as a timeline and the grade in force today, as the rules see them', async () => {
    ddb.on(GetCommand, { Key: { pk: 'REG#PERSON', sk: 'P001' } }).resolves({ Item: item('REG#PERSON', 'P001', PERSON) });
    const res = await get('GET /registry/persons/{id}', { pathParameters: { id: 'P001' } });
    expect(res.status).toBe(200);
    expect(PersonViewSchema.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      today: '2026-04-10',
      validityMonths: 24,
      benefitStart: 'assessment-day',
      inForce: { grade: 4, assessedOn: '2025-06-10', countsFrom: '2025-06-10' },
    });
    expect((res.body.timeline as Json[]).map((t) => [t.assessedOn, t.grade, t.state, t.validUntil])).toEqual([
      ['2024-03-01', 3, 'superseded', '2026-03-01'],
      ['2025-06-10', 4, 'in-force', '2027-06-10'],
      ['2027-01-05', 5, 'future', '2029-01-05'],
    ]);
  });

  it('says an expired assessment is expired and no grade is in force', async () => {
    ddb.on(GetCommand).resolves({ Item: item('REG#PERSON', 'P001', { ...PERSON, assessments: [PERSON.assessments[1]] }) });
    const res = await get('GET /registry/persons/{id}', { pathParameters: { id: 'P001' } });
    expect(res.body).toMatchObject({ inForce: null, timeline: [{ state: 'expired', validUntil: '2026-03-01' }] });
  });

  it('takes "today" in Asia/Shanghai: 16:30 UTC on 9 June is already 10 June there', async () => {
    ddb.on(GetCommand).resolves({ Item: item('REG#PERSON', 'P001', { ...PERSON, assessments: [{ grade: 4, assessedOn: '2026-06-10' }] }) });
    const res = await get('GET /registry/persons/{id}', { pathParameters: { id: 'P001' } }, '2026-06-09T16:30:00Z');
    expect(res.body).toMatchObject({ today: '2026-06-10', inForce: { grade: 4 } });
  });

  it('counts a re-assessment from the next month under a benefitStart next-month policy, as the rules do (§11.4)', async () => {
    // Prepare: a policy in force today starts benefits in the month after the assessment; a grade 5 re-assessment on 2 April.
    const policy = parsePolicy({ policyId: 'city', ltc: { benefitStart: 'next-month' } });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({
      Items: [{ pk: 'POLICY', sk: 'V#2026-01-01#city', policyId: 'city', effectiveFrom: '2026-01-01', document: JSON.stringify(policy) }],
    });
    const reassessed = { ...PERSON, assessments: [PERSON.assessments[2], { grade: 5, assessedOn: '2026-04-02' }] };
    ddb.on(GetCommand, { Key: { pk: 'REG#PERSON', sk: 'P001' } }).resolves({ Item: item('REG#PERSON', 'P001', reassessed) });
    // Act
    const res = await get('GET /registry/persons/{id}', { pathParameters: { id: 'P001' } });
    // Assess
    expect(PersonViewSchema.parse(res.body)).toMatchObject({ benefitStart: 'next-month', inForce: { grade: 4 } });
    expect((res.body.timeline as Json[]).map((t) => [t.assessedOn, t.countsFrom, t.state])).toEqual([
      ['2025-06-10', '2025-07-01', 'in-force'],
      ['2026-04-02', '2026-05-01', 'future'],
    ]);
  });

  it('answers 404 PERSON_NOT_FOUND for an unknown person', async () => {
    ddb.on(GetCommand).resolves({});
    const res = await get('GET /registry/persons/{id}', { pathParameters: { id: 'P404' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'PERSON_NOT_FOUND', messageZh: '登记库中没有参保人 P404' });
  });

  it.each([
    ['an institution', users.institution('INST-A')],
    ['finance', users.finance],
  ])('refuses %s: persons are health data for the bureau only', async (_, claims) => {
    for (const [routeKey, pathParameters] of [
      ['GET /registry/persons/{id}', { id: 'P001' }],
      ['GET /registry/persons', {}],
    ] as const) {
      const res = await get(routeKey, { claims, pathParameters });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'ROLE_REQUIRED' });
    }
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /registry/persons', () => {
  it('searches by id prefix, pages with a token, and gives each person’s grade today', async () => {
    const last = { pk: 'REG#PERSON', sk: 'P001' };
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REG#PERSON', ':q': 'P0' } })
      .resolves({ Items: [item('REG#PERSON', 'P001', PERSON)], LastEvaluatedKey: last });
    const res = await get('GET /registry/persons', { query: { q: 'P0', limit: '1' } });
    expect(res.status).toBe(200);
    expect(PersonPageSchema.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({ items: [{ personId: 'P001', gradeToday: 4, specialHardship: false }], nextToken: encodeToken(last) });
    const q = ddb.commandCalls(QueryCommand).find((c) => c.args[0].input.ExpressionAttributeValues?.[':pk'] === 'REG#PERSON');
    expect(q?.args[0].input).toMatchObject({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :q)', Limit: 1 });
  });

  it('refuses a token of another listing', async () => {
    const res = await get('GET /registry/persons', { query: { nextToken: String(encodeToken({ pk: 'REG#INST', sk: 'X' })) } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'nextToken', code: 'INVALID_NEXT_TOKEN' }] });
  });
});

describe('institutions', () => {
  const INST = registry.institutions[0] as Json;

  it('lists institutions for the bureau and finance', async () => {
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REG#INST' } }).resolves({ Items: [item('REG#INST', 'INST-A', INST)] });
    for (const claims of [users.bureau, users.finance]) {
      const res = await get('GET /registry/institutions', { claims });
      expect(res.status).toBe(200);
      expect(InstitutionPageSchema.parse(res.body).items.map((i) => [i.institutionId, i.totalBeds, i.nursingBeds])).toEqual([
        ['INST-A', 120, 80],
      ]);
    }
  });

  it('refuses the institution listing to an institution user', async () => {
    const res = await get('GET /registry/institutions', { claims: users.institution('INST-A') });
    expect(res.status).toBe(403);
  });

  it('shows an institution its own record with each designation’s state today, and refuses another’s', async () => {
    const withEnded = {
      ...INST,
      designations: [...(INST.designations as Json[]), { scheme: 'medical', from: '2020-01-01', to: '2025-12-31' }],
    };
    ddb.on(GetCommand, { Key: { pk: 'REG#INST', sk: 'INST-A' } }).resolves({ Item: item('REG#INST', 'INST-A', withEnded) });
    const own = await get('GET /registry/institutions/{id}', { claims: users.institution('INST-A'), pathParameters: { id: 'INST-A' } });
    expect(own.status).toBe(200);
    expect(InstitutionViewSchema.parse(own.body).designations.map((d) => [d.scheme, d.state])).toEqual([
      ['ltc', 'in-force'],
      ['medical', 'ended'],
    ]);
    const other = await get('GET /registry/institutions/{id}', { claims: users.institution('INST-B'), pathParameters: { id: 'INST-A' } });
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'FORBIDDEN_INSTITUTION' });
  });

  it('answers 404 INSTITUTION_NOT_FOUND for an unknown institution', async () => {
    ddb.on(GetCommand).resolves({});
    const res = await get('GET /registry/institutions/{id}', { pathParameters: { id: 'NOPE' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'INSTITUTION_NOT_FOUND' });
  });
});

describe('policies', () => {
  it('lists the built-in demo-2026 when the bureau has published none', async () => {
    const res = await get('GET /policies', { claims: users.institution('INST-A') });
    expect(res.status).toBe(200);
    expect(PolicyVersionListSchema.parse(res.body).items).toEqual([
      { policyId: 'demo-2026', effectiveFrom: '1970-01-01', inForce: true, builtIn: true },
    ]);
    const one = await get('GET /policies/{policyId}', { pathParameters: { policyId: 'demo-2026' } });
    expect(PolicyVersionsSchema.parse(one.body).versions[0]?.document).toEqual(parsePolicy());
  });

  it('marks the version in force today the way PolicyBook picks it', async () => {
    const versions = [
      { policyId: 'v2021', effectiveFrom: '2021-01-01' },
      { policyId: 'v2026', effectiveFrom: '2026-01-01' },
      { policyId: 'v2026b', effectiveFrom: '2026-07-01' },
    ];
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({ Items: versions });
    const res = await get('GET /policies');
    expect((res.body.items as Json[]).map((v) => [v.policyId, v.inForce])).toEqual([
      ['v2021', false],
      ['v2026', true],
      ['v2026b', false],
    ]);
  });

  it('returns every version of one policy id, and 404 for an unknown one', async () => {
    const document = parsePolicy({ ltc: { annualCap: '24000.00' } });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY', ':id': 'v2026b' } })
      .resolves({ Items: [{ policyId: 'v2026b', effectiveFrom: '2026-07-01', document: JSON.stringify(document) }] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY', ':id': 'nope' } }).resolves({ Items: [] });
    const res = await get('GET /policies/{policyId}', { claims: users.finance, pathParameters: { policyId: 'v2026b' } });
    expect(res.body).toMatchObject({
      policyId: 'v2026b',
      versions: [{ effectiveFrom: '2026-07-01', document: { ltc: { annualCap: '24000.00' } } }],
    });
    const missing = await get('GET /policies/{policyId}', { pathParameters: { policyId: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'POLICY_NOT_FOUND' });
  });
});
