/**
 * The messages of a reference change (keys.ts for groups):
 * - `fan-out` on the changes queue (FIFO, group = the change): the fan-out function pages through the
 *   partitions the change can move; a page it could not finish in one invocation is a continuation
 *   message with its cursor;
 * - `reprocess` on the claims or subsidy queue, in the partition's own message group, deduplicated
 *   by change and partition: the adjudicator re-decides the partition in FIFO order with its claims.
 */
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { partitionQueue, sha256 } from './keys.ts';

export interface ChangeQueueUrls {
  readonly claims: string;
  readonly subsidy: string;
  readonly changes: string;
}

/** The body of a reprocess message. */
export interface ReprocessMessage {
  readonly type: 'reprocess';
  readonly changeId: string;
  readonly partition: string;
}

/** The body of a fan-out message. */
export interface FanOutMessage {
  readonly type: 'fan-out';
  readonly changeId: string;
}

export const reprocessDeduplicationId = (changeId: string, partition: string) => sha256(`reprocess\u0000${changeId}\u0000${partition}`);

/**
 * @example await new ChangeQueue(sqs, urls).reprocess('person:P001:v2', ['person#P001']);
 */
export class ChangeQueue {
  private readonly sqs: SQSClient;
  private readonly urls: ChangeQueueUrls;
  private readonly maxAttempts: number;

  constructor(sqs: SQSClient, urls: ChangeQueueUrls, options: { maxAttempts?: number } = {}) {
    this.sqs = sqs;
    this.urls = urls;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /**
   * Asks the fan-out function to go on with a change (from the cursor on its job). `step` tells a
   * continuation from the start, so FIFO deduplication drops only true repeats.
   */
  async fanOut(changeId: string, step = ''): Promise<void> {
    const body: FanOutMessage = { type: 'fan-out', changeId };
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.urls.changes,
        MessageBody: JSON.stringify(body),
        MessageGroupId: sha256(changeId).slice(0, 64),
        MessageDeduplicationId: sha256(`fan-out\u0000${changeId}\u0000${step}`),
      }),
    );
  }

  /** Sends one reprocess message per partition, ten to a batch; throws when some could not be sent. */
  async reprocess(changeId: string, partitions: readonly string[]): Promise<void> {
    const byQueue = new Map<string, { group: string; partition: string }[]>();
    for (const partition of partitions) {
      const { queue, group } = partitionQueue(partition);
      const url = queue === 'claims' ? this.urls.claims : this.urls.subsidy;
      byQueue.set(url, [...(byQueue.get(url) ?? []), { group, partition }]);
    }
    for (const [url, entries] of byQueue) {
      for (let i = 0; i < entries.length; i += 10) await this.sendBatch(url, changeId, entries.slice(i, i + 10));
    }
  }

  private async sendBatch(url: string, changeId: string, batch: { group: string; partition: string }[]): Promise<void> {
    let pending = batch.map((e, i) => ({ id: `r${i}`, ...e }));
    let lastError = '';
    for (let attempt = 1; attempt <= this.maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      try {
        const r = await this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: pending.map((e) => {
              const body: ReprocessMessage = { type: 'reprocess', changeId, partition: e.partition };
              return {
                Id: e.id,
                MessageBody: JSON.stringify(body),
                MessageGroupId: e.group,
                MessageDeduplicationId: reprocessDeduplicationId(changeId, e.partition),
              };
            }),
          }),
        );
        const failed = new Set((r.Failed ?? []).map((f) => f.Id));
        lastError = (r.Failed ?? [])[0]?.Code ?? '';
        pending = pending.filter((e) => failed.has(e.id));
      } catch (e) {
        lastError = e instanceof Error ? e.name : String(e);
      }
    }
    if (pending.length > 0) throw new Error(`${pending.length} reprocess messages of ${changeId} not sent: ${lastError}`);
  }
}
