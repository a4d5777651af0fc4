import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, NumberValue, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ClaimIndex } from '../../functions/adapters/claim-index.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReviewStore } from '../../functions/adapters/review-store.ts';
import { encodeToken } from '../../functions/http/http.ts';
import { makeHandler } from '../../functions/review-claims/handler.ts';
import { memberItems } from './stored.ts';
import { answer, careClaim, context, event, type Json, quiet, reviewedSizeClaim, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'Claims';
const NOW = new Date('2026-04-10T02:00:00Z');

function build(maxAttempts = 5) {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    reviews: new ReviewStore(doc, TABLE),
    partitions: new PartitionStore(doc, TABLE),
    index: new ClaimIndex(doc, TABLE),
    now: () => NOW,
    sleep: async () => {},
    maxAttempts,
    ...quiet(),
  });
}
const call = async (name: string, changes: Parameters<typeof event>[1] = {}, maxAttempts?: number) =>
  answer(await build(maxAttempts)(event(name, changes) as never, context));
const queueEvent = { routeKey: 'GET /review-queue', rawBody: '' };

/** CS-9 (needs review, 12390.00 proposed) stored at seq 1 of a partition whose head is at `versions` in turn. */
function store(member: Json, versions: number[] = [3], closes: Json[] = []) {
  ddb
    .on(GetCommand, { Key: { pk: 'ID#CS-9', sk: 'ID' } })
    .resolves({ Item: { partition: 'person#P001', seq: 1, contentKey: member.contentKey } });
  const head = ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'HEAD' } });
  for (const v of versions) head.resolvesOnce({ Item: { version: v, nextSeq: 2 } });
  ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'C#0000000001' } }).resolves({ Item: member });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CLOSE' } }).resolves({ Items: closes });
}
const needsReview = () => memberItems([reviewedSizeClaim('CS-9')])[0] as Json;
const transactions = () => ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems ?? []);
const conflict = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }],
  });

beforeEach(() => ddb.reset());

describe('bureau-only routes', () => {
  it.each([
    ['an institution', users.institution('INST-A')],
    ['finance', users.finance],
  ])('refuses %s with 403 ROLE_REQUIRED on the review and the queue', async (_, claims) => {
    const review = await call('review-claim', { claims });
    const queue = await call('review-claim', { claims, ...queueEvent });
    for (const res of [review, queue]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'ROLE_REQUIRED', details: { required: ['bureau'] } });
    }
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /review-queue', () => {
  it('pages through GSI2', async () => {
    const item = needsReview();
    const last = { pk: item.pk, sk: item.sk, gsi2pk: 'REVIEW', gsi2sk: item.gsi2sk };
    ddb.on(QueryCommand).resolves({ Items: [item], LastEvaluatedKey: last });
    const res = await call('review-claim', { ...queueEvent, query: { limit: '1' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [expect.objectContaining({ claimId: 'CS-9', status: 'needs-review', fundAmount: '12390.00', payable: '0.00' })],
      nextToken: encodeToken(last),
    });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'gsi2',
      ExpressionAttributeValues: { ':pk': 'REVIEW' },
      Limit: 1,
    });
  });
});

describe('POST /claims/{id}/review', () => {
  it('approves in one transaction: head version, member still under review, ledger entry and running total', async () => {
    store(needsReview());
    const res = await call('review-claim');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      claimId: 'CS-9',
      status: 'approved',
      payable: '12390.00',
      outcome: { status: 'needs-review' },
      review: { decision: 'approve', adjudicator: '王审核', reason: '护理记录齐全，同意支付', at: '2026-04-10T10:00:00.000+08:00' },
    });
    const [items] = transactions();
    expect(items).toHaveLength(5);
    expect(items?.[0]?.Update).toMatchObject({
      Key: { pk: 'P#person#P001', sk: 'HEAD' },
      UpdateExpression: 'SET version = :v1',
      ConditionExpression: 'version = :v AND attribute_not_exists(pending)',
      ExpressionAttributeValues: { ':v': 3, ':v1': 4 },
    });
    expect(items?.[1]?.Update).toMatchObject({
      Key: { pk: 'P#person#P001', sk: 'C#0000000001' },
      UpdateExpression: 'SET review = :r, payable = :p, reviewedBy = :by REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk) AND #st = :nr AND attribute_not_exists(review)',
      ExpressionAttributeValues: { ':p': '12390.00', ':nr': 'needs-review', ':by': 'analyst-1' },
    });
    expect(items?.[2]?.Put?.Item).toMatchObject({
      pk: 'L#INST-A#2026-04',
      sk: 'E#2026-04-10T10:00:00.000+08:00#person#P001#0000000001#review#CS-9',
      institutionId: 'INST-A',
      claimId: 'CS-9',
      kind: 'care-service',
      amount: '12390.00',
      accountingMonth: '2026-04',
      priorPeriod: false,
      triggeredBy: 'CS-9',
    });
    expect(items?.[3]?.Update).toMatchObject({
      Key: { pk: 'L#INST-A#2026-04', sk: 'TOTAL' },
      UpdateExpression: 'ADD payable :a, entries :one, priorPeriod :p SET institutionId = :i, #m = :m',
    });
    expect(items?.[3]?.Update?.ExpressionAttributeValues?.[':a']).toEqual(NumberValue.from('12390.00'));
    expect(items?.[4]?.ConditionCheck).toMatchObject({
      Key: { pk: 'CLOSE', sk: 'M#2026-04' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('rejects without a ledger entry, since nothing becomes payable', async () => {
    store(needsReview());
    const res = await call('review-claim', { body: { decision: 'reject', adjudicator: '王审核', reason: '重复计费' } });
    expect(res.body).toMatchObject({ status: 'rejected', payable: '0.00' });
    expect(transactions()[0]).toHaveLength(2);
  });

  it('posts into the next open month when the month of the review is closed', async () => {
    store(needsReview(), [3], [{ pk: 'CLOSE', sk: 'M#2026-04', month: '2026-04', at: '2026-04-09T18:00:00+08:00' }]);
    await call('review-claim');
    const items = transactions()[0];
    expect(items?.[2]?.Put?.Item).toMatchObject({ pk: 'L#INST-A#2026-05', accountingMonth: '2026-05', priorPeriod: true });
    expect(items?.[4]?.ConditionCheck?.Key).toEqual({ pk: 'CLOSE', sk: 'M#2026-05' });
  });

  it('reloads and retries when it loses a race with the adjudicator', async () => {
    store(needsReview(), [3, 4]);
    ddb.on(TransactWriteCommand).rejectsOnce(conflict()).resolves({});
    const res = await call('review-claim');
    expect(res.status).toBe(200);
    const versions = transactions().map((items) => items[0]?.Update?.ExpressionAttributeValues?.[':v']);
    expect(versions).toEqual([3, 4]);
  });

  it('answers 503 CONTENTION when every attempt loses', async () => {
    store(needsReview(), [3, 4, 5]);
    ddb.on(TransactWriteCommand).rejects(conflict());
    const res = await call('review-claim', {}, 3);
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'CONTENTION' });
    expect(transactions()).toHaveLength(3);
  });

  it('refuses a claim that does not need review with 409 NOT_UNDER_REVIEW', async () => {
    const approved = { ...(memberItems([careClaim('CS-9')])[0] as Json) };
    store(approved);
    const res = await call('review-claim');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NOT_UNDER_REVIEW', details: { status: 'approved' } });
    expect(transactions()).toHaveLength(0);
  });

  it('refuses a second review with 409 NOT_UNDER_REVIEW', async () => {
    store({ ...needsReview(), review: { decision: 'reject', adjudicator: '李', reason: 'x', at: '2026-04-09T10:00:00+08:00' } });
    const res = await call('review-claim');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NOT_UNDER_REVIEW' });
  });

  it('answers 400 with field errors for a malformed decision', async () => {
    const res = await call('review-claim', { body: { decision: 'maybe', reason: '' } });
    expect(res.status).toBe(400);
    const details = (res.body.error as { details: Json[] }).details;
    expect(details.map((d) => [d.path, d.code])).toEqual([
      ['decision', 'INVALID_VALUE'],
      ['adjudicator', 'REQUIRED'],
      ['reason', 'REQUIRED'],
    ]);
    expect(details[1]).toMatchObject({ message: 'is required', messageZh: '必填' });
  });

  it('refuses an unbounded reason with 400 TEXT_TOO_LONG', async () => {
    const res = await call('review-claim', { body: { decision: 'approve', adjudicator: '王审核', reason: '理'.repeat(1001) } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'reason', code: 'TEXT_TOO_LONG', messageZh: '不能超过 1000 个字符' }] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('adjusts: pays what the reviewer allows, posts that amount and records it with who and why', async () => {
    store(needsReview());
    const body = { decision: 'adjust', amount: '9000', adjudicator: '王审核', reason: '第 3 周护理记录不全，扣减' };
    const res = await call('review-claim', { body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'partially-approved',
      payable: '9000.00',
      outcome: { status: 'needs-review', fundAmount: '12390.00' },
      review: { decision: 'adjust', amount: '9000.00', adjudicator: '王审核', reason: body.reason },
    });
    const [items] = transactions();
    expect(items?.[1]?.Update?.ExpressionAttributeValues).toMatchObject({ ':p': '9000.00' });
    expect(items?.[2]?.Put?.Item).toMatchObject({ claimId: 'CS-9', amount: '9000.00' });
    expect(items?.[3]?.Update?.ExpressionAttributeValues?.[':a']).toEqual(NumberValue.from('9000.00'));
  });

  it.each([
    ['0.00', 'a zero adjustment (that is a rejection)'],
    ['12390.00', 'the whole proposed fund (that is an approval)'],
    ['20000.00', 'more than proposed'],
  ])('refuses an adjustment of %s — %s — with 400 ADJUSTMENT_OUT_OF_RANGE and writes nothing', async (amount) => {
    store(needsReview());
    const res = await call('review-claim', { body: { decision: 'adjust', amount, adjudicator: '王审核', reason: '扣减' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      details: [{ path: 'amount', code: 'ADJUSTMENT_OUT_OF_RANGE', messageZh: '调整金额须大于 0.00 且小于拟支付金额 12390.00' }],
    });
    expect(transactions()).toHaveLength(0);
  });

  it('asks for the amount of an adjustment, and refuses one given with another decision', async () => {
    const missing = await call('review-claim', { body: { decision: 'adjust', adjudicator: '王审核', reason: '扣减' } });
    const stray = await call('review-claim', { body: { decision: 'approve', amount: '1.00', adjudicator: '王审核', reason: '同意' } });
    expect([missing.status, stray.status]).toEqual([400, 400]);
    expect(missing.body.error).toMatchObject({ details: [{ path: 'amount', code: 'REQUIRED' }] });
    expect(stray.body.error).toMatchObject({ details: [{ path: 'amount', code: 'NOT_ALLOWED' }] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 404 for an unknown claim', async () => {
    ddb.on(GetCommand).resolves({});
    const res = await call('review-claim');
    expect(res.status).toBe(404);
  });
});
