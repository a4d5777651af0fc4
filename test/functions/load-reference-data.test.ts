import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PersonSchema } from '../../domain/registry.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { RegistryReader } from '../../functions/adapters/registry-reads.ts';
import { makeHandler } from '../../functions/load-reference-data/handler.ts';
import { registry } from './stored.ts';
import { answer, context, event, type Json, quiet, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);

function build() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    reference: new ReferenceStore(doc, 'Claims'),
    registry: new RegistryReader(doc, 'Claims'),
    now: () => new Date('2026-04-10T04:00:00Z'),
    ...quiet(),
  });
}
const call = async (changes: Parameters<typeof event>[1] = {}) => answer(await build()(event('put-person', changes) as never, context));
const institutionRoute = { routeKey: 'PUT /registry/institutions/{id}', pathParameters: { id: 'INST-A' }, body: registry.institutions[0] };
const policyRoute = {
  routeKey: 'PUT /policies/{policyId}',
  pathParameters: { policyId: 'demo-2026b' },
  body: { effectiveFrom: '2026-07-01', policy: { ltc: { annualCap: '24000.00' } } },
};

beforeEach(() => {
  ddb.reset();
  ddb.on(PutCommand).resolves({});
});

describe('reference data routes', () => {
  it('stores a person for the bureau', async () => {
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ personId: 'P001', insuredType: 'employee', specialHardship: false });
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({ pk: 'REG#PERSON', sk: 'P001' });
  });

  it('stores an institution for the bureau', async () => {
    const res = await call(institutionRoute);
    expect(res.status).toBe(200);
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({ pk: 'REG#INST', sk: 'INST-A' });
  });

  it('stores a policy version merged onto demo-2026', async () => {
    const res = await call(policyRoute);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      policyId: 'demo-2026b',
      effectiveFrom: '2026-07-01',
      document: { ltc: { annualCap: '24000.00', reviewThreshold: '10000.00' } },
    });
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({ pk: 'POLICY', sk: 'V#2026-07-01#demo-2026b' });
  });

  it.each([
    ['an institution', users.institution('INST-A')],
    ['finance', users.finance],
  ])('refuses %s with 403 ROLE_REQUIRED on every route', async (_, claims) => {
    for (const route of [{}, institutionRoute, policyRoute]) {
      const res = await call({ ...route, claims });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'ROLE_REQUIRED' });
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses a body whose id differs from the path with 400 ID_MISMATCH', async () => {
    const res = await call({ pathParameters: { id: 'P002' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'ID_MISMATCH', details: [{ path: 'personId', code: 'ID_MISMATCH' }] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers field errors in both languages for an invalid person', async () => {
    const res = await call({
      body: { personId: 'P001', insuredType: 'retired', enrolledOn: '2024-02-30', assessments: [{ grade: 7, assessedOn: '2025-06-10' }] },
    });
    expect(res.status).toBe(400);
    const details = (res.body.error as { details: Json[] }).details;
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining(['insuredType', 'enrolledOn', 'assessments[0].grade']));
    for (const d of details)
      expect(d).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.any(String), messageZh: expect.any(String) });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers field errors under policy. for a policy override with a typo', async () => {
    const res = await call({ ...policyRoute, body: { effectiveFrom: '2026-07-01', policy: { ltc: { anualCap: '24000.00' } } } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'policy.ltc.anualCap', code: 'UNKNOWN_KEY' }] });
  });

  it('answers 400 for a malformed effectiveFrom', async () => {
    const res = await call({ ...policyRoute, body: { effectiveFrom: '2026-13-01', policy: {} } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'effectiveFrom', code: 'INVALID_DATE' }] });
  });

  it('refuses a 3,000-character id in the path before anything is stored', async () => {
    const id = 'P'.repeat(3000);
    const res = await call({ pathParameters: { id }, body: { ...(registry.persons[0] as Json), personId: id } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'id', code: 'INVALID_ID' }] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses more than 100 assessments and an unbounded certificate number', async () => {
    const assessments = Array.from({ length: 101 }, () => ({ grade: 4, assessedOn: '2025-06-10', certificateNo: 'c'.repeat(201) }));
    const res = await call({ body: { ...(registry.persons[0] as Json), assessments } });
    expect(res.status).toBe(400);
    expect((res.body.error as { details: Json[] }).details.map((d) => d.code)).toEqual([
      'TOO_MANY_ITEMS',
      ...Array(101).fill('TEXT_TOO_LONG'),
    ]);
  });

  it('stores a person without the unknown keys it was sent with, in a form the schema reads back the same', async () => {
    // Act
    const res = await call({
      body: { ...(registry.persons[0] as Json), nickname: '老王', assessments: [{ grade: 4, assessedOn: '2025-06-10', x: 1 }] },
    });
    // Assess
    expect(res.status).toBe(200);
    const stored = JSON.parse(String(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item?.doc));
    expect(stored).not.toHaveProperty('nickname');
    expect(stored.assessments[0]).not.toHaveProperty('x');
    expect(PersonSchema.parse(stored)).toEqual(res.body);
  });
});
