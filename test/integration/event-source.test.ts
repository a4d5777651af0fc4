/**
 * The local event source keeps several batches in flight, as Lambda scales a FIFO event source out by
 * message group, and FIFO order still holds within each group: fauxqs, like SQS, never hands out a
 * message of a group while an earlier one of that group is in flight.
 */
import { CreateQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEventSource } from '../../infra/local/event-source.ts';

const REGION = 'cn-north-1';
let server: Awaited<ReturnType<typeof startFauxqs>>;
let sqs: SQSClient;

beforeAll(async () => {
  server = await startFauxqs({ port: 0, logger: false, host: 'localhost', defaultRegion: REGION });
  sqs = new SQSClient({
    endpoint: server.address,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
});
afterAll(async () => {
  await server?.stop();
});

async function fifoQueue(name: string): Promise<string> {
  const q = await sqs.send(new CreateQueueCommand({ QueueName: `${name}.fifo`, Attributes: { FifoQueue: 'true' } }));
  return q.QueueUrl as string;
}

describe('LocalEventSource with concurrency', () => {
  it('has several batches in flight at once and keeps each group in order', async () => {
    // Prepare: 6 groups × 8 messages, sent interleaved.
    const queueUrl = await fifoQueue('concurrent');
    const groups = ['G0', 'G1', 'G2', 'G3', 'G4', 'G5'];
    const all = Array.from({ length: 8 }, (_, n) => groups.map((g) => ({ g, n }))).flat();
    for (let i = 0; i < all.length; i += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: all.slice(i, i + 10).map((m, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify(m),
            MessageGroupId: m.g,
            MessageDeduplicationId: `${m.g}-${m.n}`,
          })),
        }),
      );
    }
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let maxInFlight = 0;
    let waiting: (() => void) | undefined;
    // The first batch waits (up to 10 s) until a second one starts: only a concurrent poller lets it go on.
    const handler = async (event: SQSEvent) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (inFlight >= 2) waiting?.();
      else if (maxInFlight === 1)
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 10_000);
        });
      for (const r of event.Records) {
        const m = JSON.parse(r.body) as { g: string; n: number };
        seen.set(m.g, [...(seen.get(m.g) ?? []), m.n]);
      }
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { batchItemFailures: [] };
    };
    const source = new LocalEventSource({
      sqs,
      queueUrl,
      queueArn: 'arn:aws-cn:sqs:cn-north-1:000000000000:concurrent.fifo',
      handler,
      functionName: 'test',
      batchSize: 3,
      batchingWindowMs: 20,
      visibilityTimeoutSeconds: 30,
      concurrency: 3,
    });

    // Act
    source.start();
    const deadline = Date.now() + 30_000;
    while ([...seen.values()].reduce((s, v) => s + v.length, 0) < all.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await source.stop();

    // Assess
    expect(maxInFlight).toBeGreaterThanOrEqual(2);
    for (const g of groups) expect(seen.get(g), g).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps a slow batch invisible while it runs, so no other poller receives it again', async () => {
    // Prepare: 4 messages of 4 groups, a 1 s visibility, batches that take 3 s.
    const queueUrl = await fifoQueue('slow');
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [0, 1, 2, 3].map((n) => ({
          Id: String(n),
          MessageBody: String(n),
          MessageGroupId: `G${n}`,
          MessageDeduplicationId: `slow-${n}`,
        })),
      }),
    );
    const receives: { body: string; count: string }[] = [];
    const source = new LocalEventSource({
      sqs,
      queueUrl,
      queueArn: 'arn:aws-cn:sqs:cn-north-1:000000000000:slow.fifo',
      handler: async (event) => {
        for (const r of event.Records) receives.push({ body: r.body, count: r.attributes.ApproximateReceiveCount });
        await new Promise((r) => setTimeout(r, 3000));
        return { batchItemFailures: [] };
      },
      functionName: 'test',
      batchSize: 1,
      batchingWindowMs: 20,
      visibilityTimeoutSeconds: 1,
      concurrency: 3,
    });

    // Act
    source.start();
    const deadline = Date.now() + 30_000;
    while (new Set(receives.map((r) => r.body)).size < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 3500));
    await source.stop();

    // Assess: each message received once, on its first receive.
    expect(receives.map((r) => r.body).sort()).toEqual(['0', '1', '2', '3']);
    expect(receives.every((r) => r.count === '1')).toBe(true);
  });
});
