import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PersonSchema } from '../../domain/registry.ts';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
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
    agreements: new AgreementStore(doc, 'Claims'),
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

  describe('PUT /registry/agreements/{id}', () => {
    const agreement = {
      agreementId: 'SA-1',
      kind: 'care',
      institutionId: 'INST-A',
      personId: 'P001',
      from: '2026-01-01',
      reason: '入住协议（2026-01-01 签订）',
    };
    const route = (body: unknown, claims: Json = users.bureau) =>
      call({ routeKey: 'PUT /registry/agreements/{id}', pathParameters: { id: 'SA-1' }, body, claims });

    it('records who, when and why with the record, its history and the pair the submit function reads, in one transaction', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      // Act
      const res = await route({ ...agreement, note: 'dropped' });
      // Assess
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...agreement, recordedBy: 'analyst-1', recordedAt: '2026-04-10T12:00:00.000+08:00' });
      const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
      expect(items.map((i) => Object.keys(i)[0])).toEqual(['ConditionCheck', 'ConditionCheck', 'Put', 'Update', 'Put']);
      expect(items[2]?.Put?.Item).toMatchObject({ pk: 'REG#AGREEMENT', sk: 'SA-1', recordedBy: 'analyst-1', reason: agreement.reason });
      expect(items[2]?.Put?.Item).not.toHaveProperty('note');
      expect(items[3]?.Update).toMatchObject({
        Key: { pk: 'SERVES#INST-A#P001', sk: 'SERVES' },
        ExpressionAttributeNames: { '#a': 'agreement:SA-1' },
        ExpressionAttributeValues: { ':period': { kind: 'care', from: '2026-01-01' } },
      });
      expect(items[4]?.Put?.Item).toMatchObject({ pk: 'AGREEHIST#SA-1', sk: expect.stringMatching(/^2026-04-10T12:00:00\.000\+08:00#/) });
    });

    it('names an institution or person not in the registry, and refuses to move an agreement to other parties', async () => {
      const cancelled = (codes: string[]) =>
        new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
      ddb
        .on(TransactWriteCommand)
        .rejectsOnce(cancelled(['None', 'ConditionalCheckFailed', 'None', 'None', 'None']))
        .rejectsOnce(cancelled(['None', 'None', 'ConditionalCheckFailed', 'None', 'None']));
      const unknown = await route(agreement);
      const moved = await route({ ...agreement, personId: 'P002' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatchObject({
        details: [{ path: 'personId', code: 'UNKNOWN_PERSON', messageZh: '不在登记库中（P001）' }],
      });
      expect(moved.status).toBe(409);
      expect(moved.body.error).toMatchObject({ code: 'AGREEMENT_PARTIES_FIXED' });
    });

    it('requires a reason, bounded ids and the bureau', async () => {
      const noReason = await route({ ...agreement, reason: '' });
      const institution = await route(agreement, users.institution('INST-A'));
      expect(noReason.body.error).toMatchObject({ details: [{ path: 'reason', code: 'REQUIRED' }] });
      expect(institution.status).toBe(403);
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });
  });
});
