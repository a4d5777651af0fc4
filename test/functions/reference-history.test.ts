import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { changesBetween } from '../../domain/diff.ts';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
import { ChangeJobs } from '../../functions/adapters/change-jobs.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { ReferenceVersions } from '../../functions/adapters/reference-versions.ts';
import { RegistryReader } from '../../functions/adapters/registry-reads.ts';
import { encodeToken } from '../../functions/http/http.ts';
import { HistoryPageSchema, InstitutionViewSchema, PersonViewSchema } from '../../functions/http/responses.ts';
import { makeHandler } from '../../functions/load-reference-data/handler.ts';
import { registry } from './stored.ts';
import { answer, context, event, type Json, quiet, users } from './support.ts';

/** The fan-out messages the handler sent: one change id each. */
const started: string[] = [];
const fanOuts = { fanOut: async (changeId: string) => void started.push(changeId) };

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'Claims';

function build() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    reference: new ReferenceStore(doc, TABLE),
    registry: new RegistryReader(doc, TABLE),
    agreements: new AgreementStore(doc, TABLE),
    versions: new ReferenceVersions(doc, TABLE),
    changes: new ChangeJobs(doc, TABLE),
    changeQueue: fanOuts,
    now: () => new Date('2026-04-10T04:00:00Z'),
    ...quiet(),
  });
}
const get = async (routeKey: string, changes: Parameters<typeof event>[1] = {}) =>
  answer(await build()(event('list-claims', { routeKey, query: {}, ...changes }) as never, context));

const GRADE_3 = {
  personId: 'P001',
  insuredType: 'employee',
  enrolledOn: '2024-01-01',
  specialHardship: false,
  assessments: [{ grade: 3, assessedOn: '2025-01-10' }],
};
const GRADE_4 = { ...GRADE_3, assessments: [...GRADE_3.assessments, { grade: 4, assessedOn: '2026-04-01' }] };
const stamp = (version: number, recordedBy: string, reason: string) => ({
  version,
  recordedBy,
  recordedAt: `2026-04-0${version}T09:00:00.000+08:00`,
  reason,
});
const versionItem = (version: number, doc: unknown, before: unknown, by: string, reason: string) => ({
  pk: 'REGHIST#PERSON#P001',
  sk: `V#${String(version).padStart(10, '0')}`,
  document: JSON.stringify(doc),
  ...(before ? { before: JSON.stringify(before) } : {}),
  ...stamp(version, by, reason),
});

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({ Items: [] });
  ddb.on(GetCommand).resolves({});
});

describe('GET /registry/persons/{id}/history', () => {
  it('lists who changed the person, when and why, newest first, with what it was before and the fields that changed', async () => {
    // Prepare
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REGHIST#PERSON#P001', ':prefix': 'V#' } }).resolves({
      Items: [versionItem(2, GRADE_4, GRADE_3, 'analyst-2', '复评'), versionItem(1, GRADE_3, undefined, 'analyst-1', '参保登记')],
    });
    // Act
    const res = await get('GET /registry/persons/{id}/history', { pathParameters: { id: 'P001' } });
    // Assess
    expect(res.status).toBe(200);
    const page = HistoryPageSchema.parse(res.body);
    expect(page.items.map((v) => [v.version, v.recordedBy, v.reason])).toEqual([
      [2, 'analyst-2', '复评'],
      [1, 'analyst-1', '参保登记'],
    ]);
    expect(page.items[0]?.before).toEqual(GRADE_3);
    expect(page.items[0]?.changes).toEqual([{ path: 'assessments[1]', after: { grade: 4, assessedOn: '2026-04-01' } }]);
    expect(page.items[1]?.before).toBeNull();
    expect(page.items[1]?.changes.map((c) => c.path)).toEqual(['personId', 'insuredType', 'enrolledOn', 'specialHardship', 'assessments']);
    const query = ddb.commandCalls(QueryCommand).find((c) => c.args[0].input.ExpressionAttributeValues?.[':pk'] === 'REGHIST#PERSON#P001');
    expect(query?.args[0].input).toMatchObject({ ScanIndexForward: false, Limit: 20 });
  });

  it('pages with a token that only this record’s history accepts', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [versionItem(3, GRADE_4, GRADE_3, 'a', 'r')],
      LastEvaluatedKey: { pk: 'REGHIST#PERSON#P001', sk: 'V#0000000003' },
    });
    const first = await get('GET /registry/persons/{id}/history', { pathParameters: { id: 'P001' }, query: { limit: '1' } });
    expect(first.body.nextToken).toEqual(expect.any(String));
    const forged = await get('GET /registry/persons/{id}/history', {
      pathParameters: { id: 'P001' },
      query: { nextToken: String(encodeToken({ pk: 'REGHIST#PERSON#P002', sk: 'V#0000000001' })) },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatchObject({ details: [{ path: 'nextToken', code: 'INVALID_NEXT_TOKEN' }] });
  });

  it('answers 404 PERSON_NOT_FOUND for a person with no record and no history', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const res = await get('GET /registry/persons/{id}/history', { pathParameters: { id: 'P404' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  it.each([
    ['an institution', users.institution('INST-A')],
    ['finance', users.finance],
  ])('is the bureau’s: %s gets 403 and nothing is read', async (_, claims) => {
    for (const routeKey of ['GET /registry/persons/{id}/history', 'GET /registry/institutions/{id}/history']) {
      const res = await get(routeKey, { claims, pathParameters: { id: 'INST-A' } });
      expect(res.status).toBe(403);
    }
    const policy = await get('GET /policies/{policyId}/history', { claims, pathParameters: { policyId: 'demo-2026' } });
    expect(policy.status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /policies/{policyId}/history', () => {
  it('reads one effective version’s revisions when effectiveFrom is given, every version’s otherwise', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await get('GET /policies/{policyId}/history', { pathParameters: { policyId: 'v2026b' }, query: { effectiveFrom: '2026-07-01' } });
    await get('GET /policies/{policyId}/history', { pathParameters: { policyId: 'v2026b' } });
    const prefixes = ddb
      .commandCalls(QueryCommand)
      .filter((c) => c.args[0].input.ExpressionAttributeValues?.[':pk'] === 'POLICYHIST#v2026b')
      .map((c) => c.args[0].input.ExpressionAttributeValues?.[':prefix']);
    expect(prefixes).toEqual(['E#2026-07-01#V#', 'E#']);
  });
});

describe('the last change on the record pages', () => {
  it('shows the bureau who last changed a person, and null for a record stored before history was kept', async () => {
    const current = { pk: 'REG#PERSON', sk: 'P001', doc: JSON.stringify(GRADE_4), ...stamp(2, 'analyst-2', '复评') };
    ddb.on(GetCommand, { Key: { pk: 'REG#PERSON', sk: 'P001' } }).resolves({ Item: current });
    ddb
      .on(GetCommand, { Key: { pk: 'REG#PERSON', sk: 'P002' } })
      .resolves({ Item: { pk: 'REG#PERSON', sk: 'P002', doc: JSON.stringify({ ...GRADE_3, personId: 'P002' }) } });
    const versioned = PersonViewSchema.parse((await get('GET /registry/persons/{id}', { pathParameters: { id: 'P001' } })).body);
    const legacy = PersonViewSchema.parse((await get('GET /registry/persons/{id}', { pathParameters: { id: 'P002' } })).body);
    expect(versioned.lastChange).toEqual(stamp(2, 'analyst-2', '复评'));
    expect(legacy.lastChange).toBeNull();
  });

  it('does not tell an institution who changed its record or why', async () => {
    const inst = registry.institutions[0] as Json;
    ddb
      .on(GetCommand)
      .resolves({ Item: { pk: 'REG#INST', sk: 'INST-A', doc: JSON.stringify(inst), ...stamp(1, 'analyst-1', '定点协议续签') } });
    const own = await get('GET /registry/institutions/{id}', { claims: users.institution('INST-A'), pathParameters: { id: 'INST-A' } });
    const bureau = await get('GET /registry/institutions/{id}', { pathParameters: { id: 'INST-A' } });
    expect(own.body).not.toHaveProperty('lastChange');
    expect(InstitutionViewSchema.parse(bureau.body).lastChange).toMatchObject({ recordedBy: 'analyst-1', reason: '定点协议续签' });
  });
});

describe('changesBetween', () => {
  it('names each changed leaf by the path field errors use, and nothing for equal documents', () => {
    expect(changesBetween({ a: { b: '1', c: [1, 2] } }, { a: { b: '2', c: [1] } })).toEqual([
      { path: 'a.b', before: '1', after: '2' },
      { path: 'a.c[1]', before: 2 },
    ]);
    expect(changesBetween(GRADE_4, structuredClone(GRADE_4))).toEqual([]);
  });
});
