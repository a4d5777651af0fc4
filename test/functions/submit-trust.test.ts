/**
 * The submit function's trust boundary, each test an attack the review tried: an institution's own
 * clock (backdated or postdated submittedAt), another institution's claim id, the same id with other
 * content; and the bureau's migration route, which alone may carry historical submittedAt.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
import { ClaimIds } from '../../functions/adapters/claim-ids.ts';
import { ClaimQueue } from '../../functions/adapters/claim-queue.ts';
import { IdempotencyStore } from '../../functions/adapters/idempotency-store.ts';
import { makeHandler } from '../../functions/submit-claims/handler.ts';
import { fakeTable, serve } from './fake-table.ts';
import { answer, careClaim, context, event, type Json, quiet, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
let now = new Date('2026-04-02T01:00:00Z');
let items: Map<string, Json>;

function build() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    queue: new ClaimQueue(new SQSClient({ region: 'cn-north-1' }), { claims: 'q-claims', subsidy: 'q-subsidy' }, { sleep: async () => {} }),
    claimIds: new ClaimIds(doc, 'Claims'),
    agreements: new AgreementStore(doc, 'Claims'),
    idempotency: new IdempotencyStore(doc, 'Claims'),
    now: () => now,
    ...quiet(),
  });
}

const post = async (body: unknown, claims: Json = users.institution('INST-A'), routeKey = 'POST /claims') =>
  answer(await build()(event('post-claims', { body, claims, routeKey }) as never, context));
const migrate = (body: unknown, claims: Json = users.bureau) => post(body, claims, 'POST /migrations/claims');
const sent = () => sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
const sentClaims = () => sent().map((e) => JSON.parse(e.MessageBody ?? '') as { claim: Json; provenance: Json });
const { submittedAt: _, ...unstamped } = careClaim('CS-1');
const errorOf = (res: { body: Json }) => res.body.error as { code: string; message: string; messageZh: string; details: Json[] };

beforeEach(() => {
  now = new Date('2026-04-02T01:00:00Z');
  ddb.reset();
  items = fakeTable(ddb);
  for (const [institutionId, personId] of [
    ['INST-A', 'P001'],
    ['INST-B', 'P001'],
    ['INST-B', 'P777'],
  ])
    serve(items, institutionId as string, personId as string, { kind: 'care', from: '2024-01-01' });
  sqs.reset();
  sqs
    .on(SendMessageBatchCommand)
    .callsFake((input) => ({ Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id })), Failed: [] }));
});

describe('the server clock', () => {
  it('stamps every claim of a request with the one instant the request was received', async () => {
    // Act
    const res = await post({ claims: [unstamped, { ...careClaim('CS-2'), submittedAt: '2026-04-02T08:58:00+08:00' }] });
    // Assess: the client's value within the skew is replaced too.
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      receivedAt: '2026-04-02T09:00:00.000+08:00',
      claims: [
        { claimId: 'CS-1', submittedAt: '2026-04-02T09:00:00.000+08:00' },
        { claimId: 'CS-2', submittedAt: '2026-04-02T09:00:00.000+08:00' },
      ],
    });
    expect(sentClaims().map((m) => m.claim.submittedAt)).toEqual(['2026-04-02T09:00:00.000+08:00', '2026-04-02T09:00:00.000+08:00']);
  });

  it.each([
    ['backdated a day', '2026-04-01T09:00:00+08:00'],
    ['backdated six minutes', '2026-04-02T08:54:00+08:00'],
    ['postdated a day', '2026-04-03T09:00:00+08:00'],
  ])('refuses a submittedAt %s with 400 SUBMITTED_AT_SKEW, and queues and reserves nothing', async (_, submittedAt) => {
    // Act
    const res = await post({ ...careClaim('CS-1'), submittedAt });
    // Assess
    expect(res.status).toBe(400);
    expect(errorOf(res).details[0]?.errors).toEqual([
      {
        path: 'submittedAt',
        code: 'SUBMITTED_AT_SKEW',
        message:
          "must be within 5 minute(s) of the server's receive time 2026-04-02T09:00:00.000+08:00 (leave it out: the server records when it received the claim)",
        messageZh: '须与服务器接收时间 2026-04-02T09:00:00.000+08:00 相差不超过 5 分钟（可不填写：提交时间以服务器接收时间为准）',
      },
    ]);
    expect(sent()).toHaveLength(0);
    expect([...items.keys()].filter((k) => k.startsWith('ID#'))).toEqual([]);
  });

  it('refuses service dates after the server’s day even without a submittedAt', async () => {
    const res = await post({
      ...unstamped,
      period: { from: '2026-04-01', to: '2026-04-30' },
      lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-04-01', to: '2026-04-30', unitPrice: '80.00' }],
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).details[0]?.errors).toContainEqual(expect.objectContaining({ path: 'period.to', code: 'SERVICE_DATE_IN_FUTURE' }));
  });
});

describe('claim ids belong to their institution', () => {
  it('refuses another institution’s claim id at POST time with 409 CLAIM_ID_TAKEN, saying nothing else about it', async () => {
    // Prepare: INST-B submits first with the id INST-A is about to use.
    expect((await post({ ...unstamped, institutionId: 'INST-B', personId: 'P777' }, users.institution('INST-B'))).status).toBe(202);
    // Act
    const res = await post(unstamped);
    // Assess
    expect(res.status).toBe(409);
    expect(errorOf(res)).toEqual({
      code: 'CLAIM_ID_TAKEN',
      message: 'This claim id is not available to your institution; choose another (1 claim(s); nothing was submitted)',
      messageZh: '该申报编号不可用于本机构，请另选编号（共 1 条；全部未提交）',
      details: [
        {
          index: 0,
          claimId: 'CS-1',
          code: 'CLAIM_ID_TAKEN',
          message: 'This claim id is not available to your institution; choose another',
          messageZh: '该申报编号不可用于本机构，请另选编号',
        },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/INST-B|P777/);
    expect(sent()).toHaveLength(1);
  });

  it('refuses its own id with other content at POST time with 409 CLAIM_ID_CONFLICT', async () => {
    await post(unstamped);
    const res = await post({
      ...unstamped,
      lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '90.00' }],
    });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('CLAIM_ID_CONFLICT');
    expect(sent()).toHaveLength(1);
  });

  it('takes the same content sent again an hour later as a re-send: the first submittedAt, the same message', async () => {
    // Prepare
    const first = await post(unstamped);
    now = new Date('2026-04-02T02:00:00Z');
    // Act
    const again = await post(unstamped);
    // Assess
    expect(again.status).toBe(202);
    expect(again.body.claims).toEqual([{ claimId: 'CS-1', submittedAt: '2026-04-02T09:00:00.000+08:00', resent: true }]);
    const [a, b] = sent();
    expect(b?.MessageDeduplicationId).toBe(a?.MessageDeduplicationId);
    expect(JSON.parse(b?.MessageBody ?? '').claim).toEqual(JSON.parse(a?.MessageBody ?? '').claim);
    expect(first.body.receivedAt).not.toBe(again.body.receivedAt);
  });

  it('keeps a batch all or nothing: a taken id releases what the request reserved, so a corrected batch goes through', async () => {
    // Prepare: CS-3 is INST-B's.
    await post({ ...careClaim('CS-3', 'INST-B'), submittedAt: undefined }, users.institution('INST-B'));
    // Act
    const refused = await post({ claims: [unstamped, { ...unstamped, claimId: 'CS-2' }, { ...unstamped, claimId: 'CS-3' }] });
    const corrected = await post({
      claims: [
        { ...unstamped, lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '85.00' }] },
        { ...unstamped, claimId: 'CS-2' },
      ],
    });
    // Assess
    expect(refused.status).toBe(409);
    expect(errorOf(refused).details.map((d) => [d.index, d.claimId])).toEqual([[2, 'CS-3']]);
    expect(corrected.status).toBe(202);
    expect(sent()).toHaveLength(3);
  });
});

describe('persons an institution serves', () => {
  const medical = (claimId: string, personId = 'P001') => ({
    kind: 'medical-settlement',
    claimId,
    institutionId: 'HOSP-1',
    personId,
    episode: { admittedOn: '2026-03-10', dischargedOn: '2026-03-20', settlementMode: 'fee-for-service' },
    costs: { total: '5000.00', eligible: '4000.00' },
  });

  it('refuses a claim for a person the institution does not serve with 403 PERSON_NOT_SERVED, the same whether the person exists or not', async () => {
    // Prepare: P001 is served by INST-A (and INST-B), P404 by nobody, and neither exists for INST-C.
    const served = await post({ ...unstamped, institutionId: 'INST-C' }, users.institution('INST-C'));
    const unknown = await post({ ...unstamped, institutionId: 'INST-C', personId: 'P404' }, users.institution('INST-C'));
    // Assess
    expect([served.status, unknown.status]).toEqual([403, 403]);
    expect(errorOf(served)).toEqual({
      code: 'PERSON_NOT_SERVED',
      message: '1 claim(s) name a person your institution has no agreement on record for; nothing was submitted',
      messageZh: '1 条申报涉及本机构无备案服务关系的人员，全部未提交',
      details: [
        {
          index: 0,
          claimId: 'CS-1',
          errors: [
            {
              path: 'personId',
              code: 'PERSON_NOT_SERVED',
              message: 'no service agreement of your institution on record with the bureau covers this person on the service dates',
              messageZh: '医保局备案中没有本机构与该人员覆盖服务日期的服务协议',
            },
          ],
        },
      ],
    });
    expect(unknown.body).toEqual(served.body);
    expect(sent()).toHaveLength(0);
    expect([...items.keys()].filter((k) => k.startsWith('ID#'))).toEqual([]);
  });

  it('needs every service date covered: an agreement that ended mid-month refuses, two that join up accept', async () => {
    serve(items, 'INST-D', 'P001', { kind: 'care', from: '2024-01-01', to: '2026-03-15' });
    const ended = await post({ ...unstamped, institutionId: 'INST-D' }, users.institution('INST-D'));
    serve(items, 'INST-D', 'P001', { kind: 'care', from: '2026-03-16' }, 'SA-2');
    const renewed = await post({ ...unstamped, institutionId: 'INST-D' }, users.institution('INST-D'));
    expect([ended.status, renewed.status]).toEqual([403, 202]);
  });

  it('needs an admission filing covering the whole stay for a medical settlement; a care agreement is not one', async () => {
    serve(items, 'HOSP-1', 'P001', { kind: 'care', from: '2024-01-01' });
    const careOnly = await post(medical('MS-1'), users.institution('HOSP-1'));
    serve(items, 'HOSP-1', 'P001', { kind: 'admission', from: '2026-03-10', to: '2026-03-19' }, 'ADM-1');
    const short = await post(medical('MS-1'), users.institution('HOSP-1'));
    serve(items, 'HOSP-1', 'P001', { kind: 'admission', from: '2026-03-10', to: '2026-03-20' }, 'ADM-1');
    const filed = await post(medical('MS-1'), users.institution('HOSP-1'));
    expect([careOnly.status, short.status, filed.status]).toEqual([403, 403, 202]);
    expect((errorOf(careOnly).details[0]?.errors as Json[] | undefined)?.[0]).toMatchObject({
      messageZh: '医保局备案中没有本院该人员覆盖整个住院期间的住院登记',
    });
  });

  it('names the unserved resident of an operating subsidy', async () => {
    const res = await post({
      kind: 'operating-subsidy',
      claimId: 'OP-1',
      institutionId: 'INST-A',
      month: '2026-03',
      residents: [
        { personId: 'P001', from: '2026-03-01', to: '2026-03-31' },
        { personId: 'P002', from: '2026-03-01', to: '2026-03-31' },
      ],
    });
    expect(res.status).toBe(403);
    expect((errorOf(res).details[0]?.errors as Json[] | undefined)?.map((e) => e.path)).toEqual(['residents[1].personId']);
  });

  it('lets the bureau migrate history without agreements on record', async () => {
    const res = await migrate({ ...careClaim('CS-1'), institutionId: 'INST-Z' });
    expect(res.status).toBe(202);
  });
});

describe('POST /migrations/claims', () => {
  it('keeps a historical submittedAt and records who migrated the claim, in the answer and on the message', async () => {
    // Act
    const res = await migrate({ claims: [careClaim('CS-1'), careClaim('CS-9', 'INST-B')] });
    // Assess
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      provenance: { source: 'migration', by: 'analyst-1', receivedAt: '2026-04-02T09:00:00.000+08:00' },
      claims: [
        { claimId: 'CS-1', submittedAt: '2026-04-02T09:00:00+08:00' },
        { claimId: 'CS-9', submittedAt: '2026-04-02T09:00:00+08:00' },
      ],
    });
    expect(sentClaims().map((m) => [m.claim.submittedAt, m.provenance.source, m.provenance.by])).toEqual([
      ['2026-04-02T09:00:00+08:00', 'migration', 'analyst-1'],
      ['2026-04-02T09:00:00+08:00', 'migration', 'analyst-1'],
    ]);
  });

  it('reserves a migrated claim for its institution: the institution may re-send it, another may not take it', async () => {
    await migrate(careClaim('CS-1'));
    const taken = await post({ ...careClaim('CS-1', 'INST-B'), submittedAt: undefined }, users.institution('INST-B'));
    const resent = await post(unstamped);
    expect(taken.status).toBe(409);
    expect(errorOf(taken).code).toBe('CLAIM_ID_TAKEN');
    // A migrated claim carries its own submittedAt, so the institution's copy is other content.
    expect(errorOf(resent).code).toBe('CLAIM_ID_CONFLICT');
  });

  it('refuses a migrated submittedAt after the server’s time, and a migration without one', async () => {
    const future = await migrate({ ...careClaim('CS-1'), submittedAt: '2026-04-02T09:06:00+08:00' });
    const missing = await migrate(unstamped);
    expect(errorOf(future).details[0]?.errors).toEqual([expect.objectContaining({ path: 'submittedAt', code: 'SUBMITTED_AT_IN_FUTURE' })]);
    expect(errorOf(missing).details[0]?.errors).toEqual([expect.objectContaining({ path: 'submittedAt', code: 'REQUIRED' })]);
    expect(sent()).toHaveLength(0);
  });

  it.each([
    ['an institution', users.institution('INST-A')],
    ['finance', users.finance],
  ])('is the bureau’s alone: %s gets 403 ROLE_REQUIRED', async (_, claims) => {
    const res = await migrate(careClaim('CS-1'), claims);
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('ROLE_REQUIRED');
    expect(sent()).toHaveLength(0);
  });
});
