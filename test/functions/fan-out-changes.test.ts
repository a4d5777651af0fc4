import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangedRecord } from '../../domain/reference-change.ts';
import type { ChangeJob } from '../../functions/adapters/change-jobs.ts';
import { ChangeJobs } from '../../functions/adapters/change-jobs.ts';
import { ChangePartitions } from '../../functions/adapters/change-partitions.ts';
import { ChangeQueue, reprocessDeduplicationId } from '../../functions/adapters/change-queue.ts';
import { FAN_OUT_RESERVE_MS, makeFanOut } from '../../functions/fan-out-changes/fan-out.ts';
import { makeHandler } from '../../functions/fan-out-changes/handler.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
const URLS = { claims: 'q/claims.fifo', subsidy: 'q/subsidy.fifo', changes: 'q/changes.fifo' };
const POLICY: ChangedRecord = { type: 'policy', id: 'city', effectiveFrom: '2026-03-10', version: 1 };
const job = (over: Partial<ChangeJob> = {}): ChangeJob => ({
  changeId: 'policy:city@2026-03-10:v1',
  record: POLICY,
  recordedBy: 'clerk-li',
  recordedAt: '2026-04-10T12:00:00.000+08:00',
  reason: '日限额上调',
  total: 0,
  cursor: '',
  fannedOut: false,
  ...over,
});

/** A job store in memory that honours advance's condition, and a queue that records what it was asked to send. */
function fakes(pages: { partitions: string[]; next: string | undefined }[], start: ChangeJob | null = job()) {
  let stored: ChangeJob | undefined = start ?? undefined;
  const sent: string[][] = [];
  const continued: string[] = [];
  const deps = {
    jobs: {
      get: async () => stored,
      advance: async (_: string, from: string, to: string | undefined, n: number) => {
        if (!stored || stored.cursor !== from || stored.fannedOut) return false;
        stored = { ...stored, cursor: to ?? '', fannedOut: to === undefined, total: stored.total + n };
        return true;
      },
    },
    partitions: {
      page: async (_: ChangedRecord, cursor: string) => {
        const at = cursor === '' ? 0 : Number(cursor);
        return pages[at] as { partitions: string[]; next: string | undefined };
      },
    },
    queue: {
      reprocess: async (_: string, partitions: readonly string[]) => void sent.push([...partitions]),
      fanOut: async (_: string, step?: string) => void continued.push(step ?? ''),
    },
  };
  return { deps, sent, continued, job: () => stored };
}

beforeEach(() => {
  ddb.reset();
  sqs.reset();
});

describe('the fan-out of a change', () => {
  it('sends every page of partitions and counts them on the job, then marks it fanned out', async () => {
    // Prepare
    const f = fakes([
      { partitions: ['person#A', 'person#B'], next: '1' },
      { partitions: ['construction'], next: undefined },
    ]);
    // Act
    const result = await makeFanOut(f.deps)('policy:city@2026-03-10:v1', () => Number.POSITIVE_INFINITY);
    // Assess
    expect(result).toEqual({ type: 'fanned-out', changeId: 'policy:city@2026-03-10:v1', sent: 3 });
    expect(f.sent).toEqual([['person#A', 'person#B'], ['construction']]);
    expect(f.job()).toMatchObject({ total: 3, fannedOut: true, cursor: '' });
  });

  it('hands the rest to a continuation message before its time runs out', async () => {
    // Prepare: time for one page only.
    const f = fakes([
      { partitions: ['person#A'], next: '1' },
      { partitions: ['person#B'], next: undefined },
    ]);
    let remaining = FAN_OUT_RESERVE_MS + 1;
    // Act
    const result = await makeFanOut(f.deps)('policy:city@2026-03-10:v1', () => {
      const r = remaining;
      remaining = 0;
      return r;
    });
    // Assess
    expect(result).toEqual({ type: 'continued', changeId: 'policy:city@2026-03-10:v1', sent: 1 });
    expect(f.continued).toEqual(['1']);
    expect(f.job()).toMatchObject({ total: 1, cursor: '1', fannedOut: false });
  });

  it('does nothing for a change already fanned out, and names an unknown change', async () => {
    const done = fakes([], job({ fannedOut: true, total: 7 }));
    expect(await makeFanOut(done.deps)('policy:city@2026-03-10:v1', () => Number.POSITIVE_INFINITY)).toMatchObject({ sent: 0 });
    expect(done.sent).toEqual([]);
    const unknown = fakes([], null);
    expect(await makeFanOut(unknown.deps)('person:X:v1', () => Number.POSITIVE_INFINITY)).toEqual({
      type: 'unknown-change',
      changeId: 'person:X:v1',
    });
  });

  it('counts a page once when another invocation moved the cursor first', async () => {
    // Prepare: the stored cursor is already past page 0 (a redelivered message resumed the change).
    const f = fakes(
      [
        { partitions: ['person#A'], next: '1' },
        { partitions: ['person#B'], next: undefined },
      ],
      job({ cursor: '1', total: 1 }),
    );
    // Act
    await makeFanOut(f.deps)('policy:city@2026-03-10:v1', () => Number.POSITIVE_INFINITY);
    // Assess
    expect(f.job()).toMatchObject({ total: 2, fannedOut: true });
  });

  it('fails a message that is not a fan-out and goes on with the others', async () => {
    // Prepare
    const f = fakes([{ partitions: [], next: undefined }]);
    const event = {
      Records: [
        { messageId: 'm1', body: 'not json', attributes: { MessageGroupId: 'g1' } },
        {
          messageId: 'm2',
          body: JSON.stringify({ type: 'fan-out', changeId: 'policy:city@2026-03-10:v1' }),
          attributes: { MessageGroupId: 'g2' },
        },
      ],
    } as unknown as SQSEvent;
    // Act
    const response = await makeHandler({ fanOut: makeFanOut(f.deps), logger: { info: () => {}, warn: () => {} } })(event);
    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(f.job()?.fannedOut).toBe(true);
  });
});

describe('the change queue', () => {
  it('sends a person partition to the claims queue in its claims’ group, subsidy partitions to the subsidy queue, deduplicated by change and partition', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    // Act
    await new ChangeQueue(new SQSClient({ region: 'cn-north-1' }), URLS).reprocess('person:P001:v2', ['person#P001', 'operating#2026-03']);
    // Assess
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.QueueUrl)).toEqual([URLS.claims, URLS.subsidy]);
    expect(calls[0]?.Entries?.[0]).toMatchObject({
      MessageGroupId: 'person#P001',
      MessageDeduplicationId: reprocessDeduplicationId('person:P001:v2', 'person#P001'),
    });
    expect(JSON.parse(String(calls[1]?.Entries?.[0]?.MessageBody))).toEqual({
      type: 'reprocess',
      changeId: 'person:P001:v2',
      partition: 'operating#2026-03',
    });
  });

  it('sends ten to a batch, retries the entries SQS failed and throws for what still fails', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [{ Id: 'r0', Code: 'InternalError', SenderFault: false }] });
    const partitions = Array.from({ length: 12 }, (_, i) => `person#P${i}`);
    // Act
    const sending = new ChangeQueue(new SQSClient({ region: 'cn-north-1' }), URLS, { maxAttempts: 2 }).reprocess('person:X:v1', partitions);
    // Assess
    await expect(sending).rejects.toThrow(/1 reprocess messages of person:X:v1 not sent: InternalError/);
    const sizes = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 1]);
  });

  it('starts a fan-out in the change’s own group, a continuation deduplicated apart from the start', async () => {
    sqs.on(SendMessageCommand).resolves({});
    const queue = new ChangeQueue(new SQSClient({ region: 'cn-north-1' }), URLS);
    await queue.fanOut('person:P001:v2');
    await queue.fanOut('person:P001:v2', '{"source":1}');
    const [start, next] = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(start).toMatchObject({ QueueUrl: URLS.changes, MessageBody: JSON.stringify({ type: 'fan-out', changeId: 'person:P001:v2' }) });
    expect(next?.MessageGroupId).toBe(start?.MessageGroupId);
    expect(next?.MessageDeduplicationId).not.toBe(start?.MessageDeduplicationId);
  });
});

describe('the change job and the partitions of a change', () => {
  it('moves the cursor only from where it was read, naming the reserved words', async () => {
    // Prepare
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    const jobs = new ChangeJobs(doc, 'Claims');
    // Act
    const moved = await jobs.advance('person:P001:v2', '', '{"source":1}', 1);
    const stale = await jobs.advance('person:P001:v2', '', '{"source":1}', 1);
    // Assess
    expect([moved, stale]).toEqual([true, false]);
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'CHANGE#person%3AP001%3Av2', sk: 'JOB' },
      ConditionExpression: '#c = :from AND #f = :no',
      ExpressionAttributeNames: { '#c': 'cursor', '#f': 'fannedOut', '#t': 'total' },
      ExpressionAttributeValues: expect.objectContaining({ ':to': '{"source":1}', ':n': 1, ':f': false }),
    });
  });

  it('gives a person’s partition, then the operating months', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ pk: 'P#operating#2026-03', sk: 'HEAD' }] });
    const partitions = new ChangePartitions(doc, 'Claims');
    const person: ChangedRecord = { type: 'person', id: 'P001', version: 2 };
    // Act
    const first = await partitions.page(person, '', 100);
    const second = await partitions.page(person, first.next ?? '', 100);
    // Assess
    expect(first.partitions).toEqual(['person#P001']);
    expect(second).toEqual({ partitions: ['operating#2026-03'], next: undefined });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'gsi3',
      ExpressionAttributeValues: { ':f': 'HEADS#operating' },
    });
  });

  it('reads heads from a policy version’s effective date, or all of them when no version starts before it', async () => {
    // Prepare: an earlier version exists for the first call, none for the second.
    const earliest = (sk: string) => {
      ddb.reset();
      ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({ Items: [{ sk }] });
      ddb.on(QueryCommand, { IndexName: 'gsi3' }).resolves({ Items: [] });
    };
    const partitions = new ChangePartitions(doc, 'Claims');
    const heads = () =>
      ddb
        .commandCalls(QueryCommand)
        .filter((c) => c.args[0].input.IndexName === 'gsi3')
        .map((c) => c.args[0].input);
    // Act
    earliest('V#1970-01-01#city');
    await partitions.page(POLICY, '', 100);
    const ranged = heads();
    earliest('V#2026-03-10#city');
    await partitions.page(POLICY, '', 100);
    const all = heads();
    // Assess: 16 person shards, construction and operating, each queried.
    expect(ranged).toHaveLength(18);
    expect(ranged.every((q) => q.KeyConditionExpression === 'gsi3pk = :f AND gsi3sk >= :from')).toBe(true);
    expect(ranged[0]?.ExpressionAttributeValues).toMatchObject({ ':from': '2026-03-10' });
    expect(all.every((q) => q.KeyConditionExpression === 'gsi3pk = :f')).toBe(true);
  });
});
