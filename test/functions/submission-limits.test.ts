/**
 * The submission limits (functions/submit-claims/limits.ts) through POST /claims: each attack the
 * review tried is a 400 with a stable code naming the field, and nothing is queued.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateClaim } from '../../domain/claims.ts';
import { day } from '../../domain/dates.ts';
import { ClaimIds } from '../../functions/adapters/claim-ids.ts';
import { ClaimQueue } from '../../functions/adapters/claim-queue.ts';
import { IdempotencyStore } from '../../functions/adapters/idempotency-store.ts';
import { makeHandler } from '../../functions/submit-claims/handler.ts';
import { limitErrors } from '../../functions/submit-claims/limits.ts';
import { everyoneServed, fakeTable } from './fake-table.ts';
import { answer, careClaim, constructionClaim, context, event, type Json, quiet } from './support.ts';

const sqs = mockClient(SQSClient);
const ddb = mockClient(DynamoDBDocumentClient);

function build() {
  return makeHandler({
    queue: new ClaimQueue(new SQSClient({ region: 'cn-north-1' }), { claims: 'q-claims', subsidy: 'q-subsidy' }, { sleep: async () => {} }),
    agreements: everyoneServed,
    claimIds: new ClaimIds(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' })), 'Claims'),
    idempotency: new IdempotencyStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' })), 'Claims'),
    now: () => new Date('2026-04-02T01:00:00Z'),
    ...quiet(),
  });
}

/** A claim as an institution's client sends it: no submittedAt (the server records it). */
const unstamped = ({ submittedAt: _, ...claim }: Json) => claim;
const post = async (body: unknown) => answer(await build()(event('post-claims', { body }) as never, context));
const errorsOf = (res: { body: Json }) =>
  ((res.body.error as { details: { errors: { path: string; code: string; message: string; messageZh: string }[] }[] }).details[0]?.errors ??
    []) as { path: string; code: string; message: string; messageZh: string }[];
const sent = () => sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);

beforeEach(() => {
  sqs.reset();
  ddb.reset();
  fakeTable(ddb);
  sqs
    .on(SendMessageBatchCommand)
    .callsFake((input) => ({ Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id })), Failed: [] }));
});

describe('POST /claims within the submission limits', () => {
  it('refuses a 3,000-character claimId with 400 INVALID_ID naming the field, and queues nothing', async () => {
    // Act
    const res = await post({ ...careClaim('x'.repeat(3000)) });
    // Assess
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([
      {
        path: 'claimId',
        code: 'INVALID_ID',
        message: 'must be 1–64 printable ASCII characters without spaces (got 3000 characters)',
        messageZh: '须为 1–64 个不含空格的可打印 ASCII 字符（实际 3000 个字符）',
      },
    ]);
    expect(sent()).toHaveLength(0);
  });

  it.each([
    ['personId', { personId: 'P'.repeat(65) }, 'personId'],
    [
      'a service code',
      { lines: [{ serviceCode: 'LTC INST DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '80.00' }] },
      'lines[0].serviceCode',
    ],
  ])('refuses an unbounded %s', async (_, change, path) => {
    const res = await post({ ...careClaim('CS-1'), ...change });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => [e.path, e.code])).toEqual([[path, 'INVALID_ID']]);
  });

  it('refuses a line spanning a century with 400 SPAN_TOO_LONG on the line and the period', async () => {
    // Prepare: 4.6 KB that used to take seconds and hundreds of MB to explain.
    const claim = {
      ...careClaim('CS-CENTURY'),
      period: { from: '1926-01-01', to: '2026-03-31' },
      lines: [{ serviceCode: 'LTC-INST-DAY', from: '1926-01-01', to: '2026-03-31', unitPrice: '80.00' }],
    };
    // Act
    const res = await post(claim);
    // Assess
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => [e.path, e.code])).toEqual([
      ['period.to', 'SPAN_TOO_LONG'],
      ['lines[0].to', 'SPAN_TOO_LONG'],
    ]);
    expect(errorsOf(res)[0]?.messageZh).toBe('from 至 to 最长 366 天（实际 36615 天）');
    expect(sent()).toHaveLength(0);
  });

  it('accepts a period of exactly 366 days', () => {
    const claim = {
      ...careClaim('CS-YEAR'),
      period: { from: '2024-01-01', to: '2024-12-31' },
      lines: [{ serviceCode: 'LTC-INST-DAY', from: '2024-01-01', to: '2024-12-31', unitPrice: '80.00' }],
    };
    expect(limitErrors(claim, day('2026-04-02'))).toEqual([]);
  });

  it('refuses a hospital stay longer than a year and a 40-digit cost', async () => {
    const res = await post({
      kind: 'medical-settlement',
      claimId: 'MS-1',
      institutionId: 'INST-A',
      personId: 'P001',
      submittedAt: '2026-04-02T09:00:00+08:00',
      episode: { admittedOn: '2024-01-01', dischargedOn: '2026-03-01', settlementMode: 'fee-for-service' },
      costs: { total: '9'.repeat(40), eligible: '1.00' },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => [e.path, e.code])).toEqual([
      ['episode.dischargedOn', 'SPAN_TOO_LONG'],
      ['costs.total', 'AMOUNT_TOO_LARGE'],
    ]);
  });

  it('refuses a service date after today (Asia/Shanghai)', async () => {
    // Prepare: the server's day is 2026-04-02; the claim is for all of April.
    const claim = {
      ...unstamped(careClaim('CS-FUTURE')),
      period: { from: '2026-04-01', to: '2026-04-30' },
      lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-04-01', to: '2026-04-30', unitPrice: '80.00' }],
    };
    // Act
    const res = await post(claim);
    // Assess
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toContainEqual({
      path: 'period.to',
      code: 'SERVICE_DATE_IN_FUTURE',
      message: 'must not be after today (2026-04-02, Asia/Shanghai)',
      messageZh: '不能晚于今天（2026-04-02，北京时间）',
    });
    expect(errorsOf(res).map((e) => e.path)).toContain('lines[0].to');
  });

  it('refuses more than 1,000 lines, 3,000 beds and a quantity above 100', async () => {
    const line = { serviceCode: 'HV-BATH', date: '2026-03-05', quantity: 1, unitPrice: '1.00' };
    const lines = await post({ ...careClaim('CS-L'), setting: 'home-visit', lines: Array.from({ length: 1001 }, () => line) });
    const beds = await post({ ...unstamped(constructionClaim('SUB-B')), beds: Array.from({ length: 3001 }, (_, i) => `B-${i}`) });
    const quantity = await post({ ...careClaim('CS-Q'), setting: 'home-visit', lines: [{ ...line, quantity: 101 }] });
    expect(errorsOf(lines).map((e) => [e.path, e.code])).toEqual([['lines', 'TOO_MANY_ITEMS']]);
    expect(errorsOf(beds).map((e) => [e.path, e.code])).toEqual([['beds', 'TOO_MANY_ITEMS']]);
    expect(errorsOf(quantity).map((e) => [e.path, e.code])).toEqual([['lines[0].quantity', 'TOO_BIG']]);
    expect(sent()).toHaveLength(0);
  });

  it('refuses an unbounded bed or resident id', async () => {
    const beds = await post({ ...unstamped(constructionClaim('SUB-B')), beds: ['B-1', 'B 2'] });
    const residents = await post({
      kind: 'operating-subsidy',
      claimId: 'OP-1',
      institutionId: 'INST-A',
      month: '2026-03',
      residents: [{ personId: '𠮷'.repeat(10), from: '2026-03-01', to: '2026-03-31' }],
    });
    expect(errorsOf(beds).map((e) => [e.path, e.code])).toEqual([['beds[1]', 'INVALID_ID']]);
    expect(errorsOf(residents).map((e) => [e.path, e.code])).toEqual([['residents[0].personId', 'INVALID_ID']]);
  });

  it('leaves a field of the wrong type to the domain, which names it', async () => {
    const res = await post({ ...careClaim('CS-1'), personId: 42 });
    expect(errorsOf(res)).toEqual([{ path: 'personId', code: 'INVALID_TYPE', message: 'must be a string', messageZh: '须为字符串' }]);
  });

  it('drops unknown keys before the claim is queued', async () => {
    // Prepare
    const claim = {
      ...careClaim('CS-1'),
      note: 'x'.repeat(10_000),
      lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '80.00', memo: { a: 1 } }],
    };
    // Act
    const res = await post(claim);
    // Assess
    expect(res.status).toBe(202);
    const body = JSON.parse(sent()[0]?.MessageBody ?? '') as { claim: Json };
    expect(body.claim).toEqual({ ...careClaim('CS-1'), submittedAt: '2026-04-02T09:00:00.000+08:00' });
  });
});

describe('the submission limits', () => {
  const examples = ['nursing-home-month', 'referral-chain', 'subsidy-round', 'statement-march'].flatMap(
    (name) => (JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as { claims: Json[] }).claims,
  );

  it('let every example claim through, and keeping only known keys leaves its content key as it was', () => {
    for (const claim of examples) {
      expect(limitErrors(claim, day('2026-12-31')), String(claim.claimId)).toEqual([]);
      const v = validateClaim(claim);
      if (!v.ok) continue;
      const noisy = validateClaim({ ...claim, extra: 1 });
      expect(noisy.ok && noisy.contentKey).toBe(v.contentKey);
    }
  });
});
