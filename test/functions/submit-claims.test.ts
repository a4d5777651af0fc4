import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateClaim } from '../../domain/claims.ts';
import { ClaimIds } from '../../functions/adapters/claim-ids.ts';
import { ClaimQueue } from '../../functions/adapters/claim-queue.ts';
import { IdempotencyStore } from '../../functions/adapters/idempotency-store.ts';
import { deduplicationId } from '../../functions/adapters/keys.ts';
import { makeHandler } from '../../functions/submit-claims/handler.ts';
import { everyoneServed, fakeTable } from './fake-table.ts';
import { answer, careClaim, constructionClaim, context, event, type Json, quiet, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const CLAIMS_QUEUE = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/claims.fifo';
const SUBSIDY_QUEUE = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/subsidy.fifo';

function build() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    queue: new ClaimQueue(
      new SQSClient({ region: 'cn-north-1' }),
      { claims: CLAIMS_QUEUE, subsidy: SUBSIDY_QUEUE },
      { sleep: async () => {} },
    ),
    agreements: everyoneServed,
    claimIds: new ClaimIds(doc, 'Claims'),
    idempotency: new IdempotencyStore(doc, 'Claims'),
    now: () => new Date('2026-04-02T01:00:00Z'),
    ...quiet(),
  });
}

/** The receive instant of every request here, as the server stamps it. */
const RECEIVED = '2026-04-02T09:00:00.000+08:00';
/** A claim as an institution's client sends it now: the server gives it its submittedAt. */
const unstamped = ({ submittedAt: _, ...claim }: Json) => claim;

const post = async (changes: Parameters<typeof event>[1]) => answer(await build()(event('post-claims', changes) as never, context));
const sentEntries = () => sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);

beforeEach(() => {
  ddb.reset();
  fakeTable(ddb);
  sqs.reset();
  sqs
    .on(SendMessageBatchCommand)
    .callsFake((input) => ({ Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id })), Failed: [] }));
});

describe('POST /claims', () => {
  it('queues a single claim by person group with a content-keyed deduplication id', async () => {
    // Prepare: the server's receive instant (2026-04-02T01:00:00Z) is the claim's submittedAt.
    const claim = { ...careClaim('CS-1'), submittedAt: RECEIVED };
    const v = validateClaim(claim);
    if (!v.ok) throw new Error('fixture claim is invalid');
    // Act
    const res = await answer(await build()(event('post-claims') as never, context));
    // Assess
    expect(res).toMatchObject({ status: 202, body: { accepted: ['CS-1'] } });
    const call = sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input;
    expect(call?.QueueUrl).toBe(CLAIMS_QUEUE);
    expect(call?.Entries).toEqual([
      {
        Id: 'm0',
        MessageGroupId: 'person#P001',
        MessageDeduplicationId: deduplicationId('CS-1', v.contentKey),
        MessageBody: expect.any(String),
      },
    ]);
    expect(JSON.parse(call?.Entries?.[0]?.MessageBody ?? '')).toEqual({
      type: 'claim',
      claim,
      provenance: { source: 'institution', by: 'clerk-a', receivedAt: RECEIVED },
    });
  });

  it('sends subsidies to the subsidy queue grouped by institution, in batches of at most 10', async () => {
    const claims = [
      ...Array.from({ length: 12 }, (_, i) => unstamped(constructionClaim(`SUB-${i}`))),
      careClaim('CS-1'),
      careClaim('CS-2', 'INST-A', 'P002'),
    ];
    const res = await post({ body: { claims } });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toHaveLength(14);
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => [c.QueueUrl, c.Entries?.length])).toEqual([
      [SUBSIDY_QUEUE, 10],
      [SUBSIDY_QUEUE, 2],
      [CLAIMS_QUEUE, 2],
    ]);
    expect(new Set(calls[0]?.Entries?.map((e) => e.MessageGroupId))).toEqual(new Set(['inst#INST-A']));
    expect(calls[2]?.Entries?.map((e) => e.MessageGroupId)).toEqual(['person#P001', 'person#P002']);
  });

  it('refuses the whole batch with field errors in both languages when one claim is invalid, and queues nothing', async () => {
    const bad = { ...careClaim('CS-2'), lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: 80 }] };
    const res = await post({ body: { claims: [careClaim('CS-1'), bad, { kind: 'care-service' }] } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_CLAIMS' });
    const details = (res.body.error as { details: Json[] }).details;
    expect(details.map((d) => [d.index, d.claimId])).toEqual([
      [1, 'CS-2'],
      [2, null],
    ]);
    expect(details[0]?.errors).toEqual([
      { path: 'lines[0].unitPrice', code: 'INVALID_TYPE', message: 'must be a string', messageZh: '须为字符串' },
    ]);
    expect(details[1]?.errors).toContainEqual({ path: 'claimId', code: 'REQUIRED', message: 'is required', messageZh: '必填' });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it('refuses a batch of 501 claims with 413 TOO_MANY_CLAIMS', async () => {
    const claims = Array.from({ length: 501 }, (_, i) => careClaim(`CS-${i}`));
    const res = await post({ body: { claims } });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'TOO_MANY_CLAIMS', details: { max: 500, received: 501 } });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it('accepts exactly 500 claims in 50 batches', async () => {
    const claims = Array.from({ length: 500 }, (_, i) => careClaim(`CS-${i}`, 'INST-A', `P${i % 7}`));
    const res = await post({ body: { claims } });
    expect(res.status).toBe(202);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(50);
  });

  it('refuses a claim of another institution with 403 FORBIDDEN_INSTITUTION', async () => {
    const res = await post({ body: { claims: [careClaim('CS-1'), careClaim('CS-2', 'INST-B')] } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'FORBIDDEN_INSTITUTION',
      details: [{ index: 1, claimId: 'CS-2', institutionId: 'INST-B' }],
    });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it.each([
    ['bureau', users.bureau, 'ROLE_REQUIRED'],
    ['finance', users.finance, 'ROLE_REQUIRED'],
    ['no group', { sub: 'x', username: 'x' }, 'ROLE_REQUIRED'],
    ['several groups', { ...users.institution('INST-A'), 'cognito:groups': '[institution bureau]' }, 'AMBIGUOUS_ROLE'],
    ['an institution user without institutionId', { sub: 'x', username: 'x', 'cognito:groups': '[institution]' }, 'INSTITUTION_REQUIRED'],
  ])('refuses %s with 403', async (_, claims, code) => {
    const res = await post({ claims });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it('answers 401, not 500, when no authorizer context reached the function', async () => {
    const e = event('post-claims');
    (e.requestContext as Json).authorizer = undefined;
    const res = answer(await build()(e as never, context));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('retries the entries SQS reports as failed', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [{ Id: 'm0', MessageId: '1', MD5OfMessageBody: '' }],
        Failed: [{ Id: 'm1', Code: 'InternalError', SenderFault: false }],
      })
      .resolvesOnce({ Successful: [{ Id: 'm1', MessageId: '2', MD5OfMessageBody: '' }], Failed: [] });
    const res = await post({ body: { claims: [careClaim('CS-1'), careClaim('CS-2')] } });
    expect(res).toMatchObject({ status: 202, body: { accepted: ['CS-1', 'CS-2'] } });
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.map((e) => e.Id));
    expect(calls).toEqual([['m0', 'm1'], ['m1']]);
  });

  it('answers 503 naming the claims not queued when SQS keeps failing, and frees the idempotency key', async () => {
    const items = fakeTable(ddb);
    sqs.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: [],
      Failed: input.Entries.map((e: { Id: string }) => ({ Id: e.Id, Code: 'ServiceUnavailable', SenderFault: false })),
    }));
    const res = await post({ body: careClaim('CS-1'), headers: { 'idempotency-key': 'k-503' } });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'QUEUE_UNAVAILABLE', details: { notQueued: ['CS-1'], queued: [] } });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(4);
    expect([...items.keys()].filter((k) => k.startsWith('IDEM'))).toEqual([]);
  });

  describe('Idempotency-Key', () => {
    it('returns the stored answer for a repeat and enqueues only once', async () => {
      const items = fakeTable(ddb);
      const first = await post({ body: careClaim('CS-1'), headers: { 'idempotency-key': 'k-1' } });
      const again = await post({ body: careClaim('CS-1'), headers: { 'idempotency-key': 'k-1' } });
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(sentEntries()).toHaveLength(1);
      const record = items.get('IDEM#INST-A#k-1|IDEM');
      expect(record).toMatchObject({
        state: 'COMPLETED',
        statusCode: 202,
        expiresAt: Math.floor(Date.parse('2026-04-02T01:00:00Z') / 1000) + 86_400,
      });
      const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
      expect(put?.ConditionExpression).toMatch(/attribute_not_exists\(pk\)/);
    });

    it('treats key order and whitespace as the same body', async () => {
      fakeTable(ddb);
      const claim = careClaim('CS-1');
      await post({ body: claim, headers: { 'idempotency-key': 'k-1' } });
      const reordered = Object.fromEntries(Object.entries(claim).reverse());
      const again = await post({ rawBody: JSON.stringify(reordered, null, 2), headers: { 'idempotency-key': 'k-1' } });
      expect(again.status).toBe(202);
      expect(sentEntries()).toHaveLength(1);
    });

    it('keeps apart institution A#B with key C and institution A with key B#C', async () => {
      // Prepare: both would have been the record IDEM#A#B#C, so the second got the first's answer.
      fakeTable(ddb);
      const first = await post({ body: careClaim('CS-1', 'A#B'), headers: { 'idempotency-key': 'C' }, claims: users.institution('A#B') });
      // Act
      const second = await post({ body: careClaim('CS-2', 'A'), headers: { 'idempotency-key': 'B#C' }, claims: users.institution('A') });
      // Assess
      expect([first.status, second.status]).toEqual([202, 202]);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.body).toMatchObject({ accepted: ['CS-2'] });
      expect(sentEntries()).toHaveLength(2);
    });

    it('refuses the same key with a different body with 409 IDEMPOTENCY_KEY_REUSED', async () => {
      fakeTable(ddb);
      await post({ body: careClaim('CS-1'), headers: { 'idempotency-key': 'k-1' } });
      const other = await post({ body: careClaim('CS-2'), headers: { 'idempotency-key': 'k-1' } });
      expect(other.status).toBe(409);
      expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(sentEntries()).toHaveLength(1);
    });

    it('answers 409 IDEMPOTENCY_IN_PROGRESS while the first request still holds the key', async () => {
      const items = fakeTable(ddb);
      items.set('IDEM#INST-A#k-1|IDEM', {
        state: 'IN_PROGRESS',
        fingerprint: 'will be replaced',
        lockedUntil: Math.floor(Date.parse('2026-04-02T01:00:30Z') / 1000),
        expiresAt: Math.floor(Date.parse('2026-04-03T01:00:00Z') / 1000),
      });
      const { sha256 } = await import('../../functions/adapters/keys.ts');
      const { canonicalJson } = await import('../../domain/claims.ts');
      (items.get('IDEM#INST-A#k-1|IDEM') as Json).fingerprint = sha256(canonicalJson(careClaim('CS-1')));
      const res = await post({ body: careClaim('CS-1'), headers: { 'idempotency-key': 'k-1' } });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
      expect(sentEntries()).toHaveLength(0);
    });

    it('keeps a validation failure as the answer for its key', async () => {
      fakeTable(ddb);
      const bad = { ...careClaim('CS-1'), submittedAt: 'yesterday' };
      const first = await post({ body: bad, headers: { 'idempotency-key': 'k-2' } });
      const again = await post({ body: bad, headers: { 'idempotency-key': 'k-2' } });
      expect(first.status).toBe(400);
      expect(again).toMatchObject({ status: 400, body: first.body });
    });
  });

  it('answers 400 INVALID_JSON for a body that is not JSON', async () => {
    const res = await post({ rawBody: '{"kind": ' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_JSON' });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 1 MiB', async () => {
    const res = await post({ rawBody: JSON.stringify({ claims: [{ pad: 'x'.repeat(1024 * 1024) }] }) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('never leaks the message of an unexpected error', async () => {
    ddb.on(PutCommand).rejects(new Error('arn:aws-cn:dynamodb:cn-north-1:123456789012:table/Claims is throttled'));
    const res = await post({ body: careClaim('CS-1'), headers: { 'idempotency-key': 'k-3' } });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'An internal error occurred', messageZh: '系统内部错误' } });
    expect(JSON.stringify(res.body)).not.toMatch(/arn|throttled/);
  });
});
