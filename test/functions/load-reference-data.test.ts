import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PersonSchema } from '../../domain/registry.ts';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
import { ChangeJobs } from '../../functions/adapters/change-jobs.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { ReferenceVersions } from '../../functions/adapters/reference-versions.ts';
import { RegistryReader } from '../../functions/adapters/registry-reads.ts';
import { StoredInstitutionSchema, StoredPersonSchema, StoredPolicySchema } from '../../functions/http/responses.ts';
import { makeHandler } from '../../functions/load-reference-data/handler.ts';
import { registry } from './stored.ts';
import { answer, context, event, type Json, quiet, users } from './support.ts';

/** The fan-out messages the handler sent: one change id each. */
const started: string[] = [];
const fanOuts = { fanOut: async (changeId: string) => void started.push(changeId) };

const ddb = mockClient(DynamoDBDocumentClient);

function build() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    reference: new ReferenceStore(doc, 'Claims'),
    registry: new RegistryReader(doc, 'Claims'),
    agreements: new AgreementStore(doc, 'Claims'),
    versions: new ReferenceVersions(doc, 'Claims'),
    changes: new ChangeJobs(doc, 'Claims'),
    changeQueue: fanOuts,
    now: () => new Date('2026-04-10T04:00:00Z'),
    ...quiet(),
  });
}
const call = async (changes: Parameters<typeof event>[1] = {}) => answer(await build()(event('put-person', changes) as never, context));
const REASON = '复评：等级由 3 级调整为 4 级';
const institutionRoute = {
  routeKey: 'PUT /registry/institutions/{id}',
  pathParameters: { id: 'INST-A' },
  body: { ...(registry.institutions[0] as Json), reason: '新增定点机构' },
};
const policyRoute = {
  routeKey: 'PUT /policies/{policyId}',
  pathParameters: { policyId: 'demo-2026b' },
  body: { effectiveFrom: '2026-07-01', policy: { ltc: { annualCap: '24000.00' } }, reason: '年度限额上调' },
};
const personBody = (changes: Json = {}) => ({ ...(registry.persons[0] as Json), reason: REASON, ...changes });
/** The items of the n-th transaction: [current record, version]. */
const written = (n = 0) => ddb.commandCalls(TransactWriteCommand)[n]?.args[0].input.TransactItems ?? [];
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
});

describe('reference data routes', () => {
  it('writes the change’s job in the version’s transaction and starts its fan-out, answering the change id', async () => {
    // Prepare
    started.length = 0;
    // Act
    const res = await call({ body: personBody() });
    // Assess
    expect(res.body).toMatchObject({ version: 1, changeId: 'person:P001:v1' });
    const job = written()[2]?.Put;
    expect(job).toMatchObject({
      Item: { pk: 'CHANGE#person%3AP001%3Av1', sk: 'JOB', record: { type: 'person', id: 'P001', version: 1 }, total: 0, fannedOut: false },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(job?.Item).toMatchObject({ recordedBy: 'analyst-1', reason: REASON });
    expect(started).toEqual(['person:P001:v1']);
  });

  it('stores a person for the bureau as version 1, with who (the token), when (the server clock) and why', async () => {
    // Act
    const res = await call({ body: personBody() });
    // Assess
    expect(res.status).toBe(200);
    expect(StoredPersonSchema.parse(res.body)).toMatchObject({
      personId: 'P001',
      insuredType: 'employee',
      specialHardship: false,
      version: 1,
      recordedBy: 'analyst-1',
      recordedAt: '2026-04-10T12:00:00.000+08:00',
      reason: REASON,
      changed: true,
    });
    const [current, version] = written();
    expect(current?.Put).toMatchObject({
      Item: { pk: 'REG#PERSON', sk: 'P001', version: 1, recordedBy: 'analyst-1', reason: REASON },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(JSON.parse(String(current?.Put?.Item?.doc))).not.toHaveProperty('reason');
    expect(version?.Put).toMatchObject({
      Item: { pk: 'REGHIST#PERSON#P001', sk: 'V#0000000001', version: 1, recordedAt: '2026-04-10T12:00:00.000+08:00' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(version?.Put?.Item).not.toHaveProperty('before');
  });

  it('keeps what the person was before: a change is the next version, conditioned on the version it read', async () => {
    // Prepare
    const before = { ...(registry.persons[0] as Json), specialHardship: false, assessments: [{ grade: 3, assessedOn: '2025-01-10' }] };
    ddb.on(GetCommand, { Key: { pk: 'REG#PERSON', sk: 'P001' } }).resolves({
      Item: { pk: 'REG#PERSON', sk: 'P001', doc: JSON.stringify(before), version: 4, recordedBy: 'a', recordedAt: 'x', reason: 'r' },
    });
    // Act
    const res = await call({
      body: personBody({
        assessments: [
          { grade: 3, assessedOn: '2025-01-10' },
          { grade: 4, assessedOn: '2026-04-01' },
        ],
      }),
    });
    // Assess
    expect(res.body).toMatchObject({ version: 5, changed: true });
    const [current, version] = written();
    expect(current?.Put).toMatchObject({ ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 4 } });
    expect(version?.Put?.Item).toMatchObject({ sk: 'V#0000000005' });
    expect(JSON.parse(String(version?.Put?.Item?.before))).toEqual(before);
  });

  it('records nothing for a document equal to the current version', async () => {
    const same = PersonSchema.parse(registry.persons[0]);
    ddb.on(GetCommand).resolves({
      Item: { pk: 'REG#PERSON', sk: 'P001', doc: JSON.stringify(same), version: 2, recordedBy: 'a', recordedAt: 't', reason: 'r' },
    });
    const res = await call({ body: personBody() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, recordedBy: 'a', changed: false });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('writes the first version over a record stored before history was kept, keeping it as before', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'REG#PERSON', sk: 'P001', doc: '{"personId":"P001","old":true}' } });
    const res = await call({ body: personBody() });
    expect(res.body).toMatchObject({ version: 1 });
    const [current, version] = written();
    expect(current?.Put?.ConditionExpression).toBe('attribute_exists(pk) AND attribute_not_exists(version)');
    expect(version?.Put?.Item?.before).toBe('{"personId":"P001","old":true}');
  });

  it('answers 409 VERSION_CONFLICT when the clerk edited a version that is no longer current, writing nothing', async () => {
    ddb
      .on(GetCommand)
      .resolves({ Item: { pk: 'REG#PERSON', sk: 'P001', doc: '{}', version: 3, recordedBy: 'a', recordedAt: 't', reason: 'r' } });
    const res = await call({ body: personBody({ expectedVersion: 2 }) });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 3 } });
    expect((res.body.error as Json).messageZh).toContain('第 3 版');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('writes again after losing a race to another change (no version named), over the version that won', async () => {
    // Prepare
    ddb
      .on(GetCommand)
      .resolvesOnce({})
      .resolves({ Item: { pk: 'REG#PERSON', sk: 'P001', doc: '{"x":1}', version: 1, recordedBy: 'b', recordedAt: 't', reason: 'r' } });
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None']))
      .resolves({});
    // Act
    const res = await call({ body: personBody() });
    // Assess
    expect(res.body).toMatchObject({ version: 2 });
    expect(written(1)[1]?.Put?.Item).toMatchObject({ sk: 'V#0000000002', before: '{"x":1}' });
  });

  it('requires a reason, in both languages, before anything is read or stored', async () => {
    for (const body of [{ ...(registry.persons[0] as Json) }, personBody({ reason: '   ' }), personBody({ reason: 'x'.repeat(1001) })]) {
      const res = await call({ body });
      expect(res.status).toBe(400);
      const [detail] = (res.body.error as { details: Json[] }).details;
      expect(detail).toMatchObject({ path: 'reason', code: expect.stringMatching(/^(REQUIRED|TEXT_TOO_LONG)$/) });
      expect(detail?.messageZh).toEqual(expect.any(String));
    }
    const missing = await call({ body: registry.persons[0] });
    expect((missing.body.error as { details: Json[] }).details[0]).toMatchObject({
      code: 'REQUIRED',
      messageZh: '必填：请说明变更理由（变更人与时间由系统记录）',
    });
    const policy = await call({ ...policyRoute, body: { effectiveFrom: '2026-07-01', policy: {} } });
    expect(policy.body.error).toMatchObject({ details: [{ path: 'reason', code: 'REQUIRED' }] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('stores an institution for the bureau', async () => {
    const res = await call(institutionRoute);
    expect(res.status).toBe(200);
    expect(StoredInstitutionSchema.parse(res.body)).toMatchObject({ institutionId: 'INST-A', version: 1, reason: '新增定点机构' });
    expect(written()[0]?.Put?.Item).toMatchObject({ pk: 'REG#INST', sk: 'INST-A' });
    expect(written()[1]?.Put?.Item).toMatchObject({ pk: 'REGHIST#INST#INST-A', sk: 'V#0000000001' });
  });

  it('stores a policy version merged onto demo-2026, as a revision of that effective version', async () => {
    const res = await call(policyRoute);
    expect(res.status).toBe(200);
    expect(StoredPolicySchema.parse(res.body)).toMatchObject({
      policyId: 'demo-2026b',
      effectiveFrom: '2026-07-01',
      document: { ltc: { annualCap: '24000.00', reviewThreshold: '10000.00' } },
      version: 1,
      reason: '年度限额上调',
    });
    expect(written()[0]?.Put?.Item).toMatchObject({ pk: 'POLICY', sk: 'V#2026-07-01#demo-2026b', policyId: 'demo-2026b' });
    expect(written()[1]?.Put?.Item).toMatchObject({
      pk: 'POLICYHIST#demo-2026b',
      sk: 'E#2026-07-01#V#0000000001',
      effectiveFrom: '2026-07-01',
    });
  });

  it.each([
    ['an institution', users.institution('INST-A')],
    ['finance', users.finance],
  ])('refuses %s with 403 ROLE_REQUIRED on every route', async (_, claims) => {
    for (const route of [{}, institutionRoute, policyRoute]) {
      const res = await call({ body: personBody(), ...route, claims });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'ROLE_REQUIRED' });
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses a body whose id differs from the path with 400 ID_MISMATCH', async () => {
    const res = await call({ body: personBody(), pathParameters: { id: 'P002' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'ID_MISMATCH', details: [{ path: 'personId', code: 'ID_MISMATCH' }] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers field errors in both languages for an invalid person', async () => {
    const res = await call({
      body: {
        personId: 'P001',
        insuredType: 'retired',
        enrolledOn: '2024-02-30',
        assessments: [{ grade: 7, assessedOn: '2025-06-10' }],
        reason: REASON,
      },
    });
    expect(res.status).toBe(400);
    const details = (res.body.error as { details: Json[] }).details;
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining(['insuredType', 'enrolledOn', 'assessments[0].grade']));
    for (const d of details)
      expect(d).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.any(String), messageZh: expect.any(String) });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers field errors under policy. for a policy override with a typo', async () => {
    const res = await call({
      ...policyRoute,
      body: { effectiveFrom: '2026-07-01', policy: { ltc: { anualCap: '24000.00' } }, reason: REASON },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'policy.ltc.anualCap', code: 'UNKNOWN_KEY' }] });
  });

  it('answers 400 for a malformed effectiveFrom', async () => {
    const res = await call({ ...policyRoute, body: { effectiveFrom: '2026-13-01', policy: {}, reason: REASON } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'effectiveFrom', code: 'INVALID_DATE' }] });
  });

  it('refuses a 3,000-character id in the path before anything is stored', async () => {
    const id = 'P'.repeat(3000);
    const res = await call({ pathParameters: { id }, body: personBody({ personId: id }) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'id', code: 'INVALID_ID' }] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses more than 100 assessments and an unbounded certificate number', async () => {
    const assessments = Array.from({ length: 101 }, () => ({ grade: 4, assessedOn: '2025-06-10', certificateNo: 'c'.repeat(201) }));
    const res = await call({ body: personBody({ assessments }) });
    expect(res.status).toBe(400);
    expect((res.body.error as { details: Json[] }).details.map((d) => d.code)).toEqual([
      'TOO_MANY_ITEMS',
      ...Array(101).fill('TEXT_TOO_LONG'),
    ]);
  });

  it('stores a person without the unknown keys it was sent with, in a form the schema reads back the same', async () => {
    // Act
    const res = await call({
      body: personBody({ nickname: '老王', assessments: [{ grade: 4, assessedOn: '2025-06-10', x: 1 }] }),
    });
    // Assess
    expect(res.status).toBe(200);
    const stored = JSON.parse(String(written()[0]?.Put?.Item?.doc));
    expect(stored).not.toHaveProperty('nickname');
    expect(stored.assessments[0]).not.toHaveProperty('x');
    expect(PersonSchema.parse(stored)).toEqual(PersonSchema.parse(res.body));
    expect(JSON.parse(String(written()[1]?.Put?.Item?.document))).toEqual(stored);
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
