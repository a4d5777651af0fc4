/**
 * A local SQS event-source mapping that behaves like Lambda's: receives up to `batchSize` messages,
 * waiting at most the batching window; invokes the handler with an SQS event; deletes what succeeded
 * and, with ReportBatchItemFailures, leaves the reported failures (all of them when the handler
 * throws) to reappear after the visibility timeout. The queue itself moves a message to its DLQ
 * after maxReceiveCount receives (fauxqs implements the redrive policy as SQS does).
 *
 * Like Lambda's poller for a FIFO queue, it keeps up to `concurrency` batches in flight at once. Order
 * within a message group holds because the queue never hands out a message of a group while an earlier
 * one of that group is in flight (SQS FIFO does so, and fauxqs too: test/infra/local-event-source.test.ts),
 * so concurrent batches always hold different groups' messages, each group's in order.
 *
 * While a batch runs, its messages' visibility is extended every half timeout. On AWS the queue's
 * visibility is six times the function's timeout, so a running batch is never delivered again; the
 * local timeout is seconds (to watch retries), and without the extension a batch slowed by a loaded
 * machine would be received again by another poller and count receives towards the DLQ while it is
 * still being decided. A batch that fails or throws stops extending: its messages reappear after one
 * visibility timeout, as on AWS.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext } from './api-server.ts';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface EventSourceOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly handler: SqsHandler;
  readonly functionName: string;
  readonly batchSize?: number;
  readonly batchingWindowMs?: number;
  readonly visibilityTimeoutSeconds: number;
  /** Batches in flight at once (Lambda: the event source's maximum concurrency). Defaults to 1. */
  readonly concurrency?: number;
  readonly onBatch?: (info: { received: number; failed: number; error?: unknown }) => void;
}

export class LocalEventSource {
  private running = false;
  private loops: Promise<void>[] = [];
  private inFlight = 0;
  private readonly o: EventSourceOptions;

  constructor(options: EventSourceOptions) {
    this.o = options;
  }

  /** Whether a batch is being processed right now. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: Math.max(1, this.o.concurrency ?? 1) }, () => this.run());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async receiveBatch(): Promise<Message[]> {
    const batchSize = this.o.batchSize ?? 10;
    const deadline = Date.now() + (this.o.batchingWindowMs ?? 200);
    const messages: Message[] = [];
    while (this.running && messages.length < batchSize) {
      const r = await this.o.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.o.queueUrl,
          MaxNumberOfMessages: batchSize - messages.length,
          WaitTimeSeconds: messages.length === 0 ? 1 : 0,
          VisibilityTimeout: this.o.visibilityTimeoutSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      messages.push(...(r.Messages ?? []));
      if ((r.Messages ?? []).length === 0 && (messages.length > 0 || Date.now() >= deadline)) break;
      if (Date.now() >= deadline && messages.length > 0) break;
    }
    return messages;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let messages: Message[];
      try {
        messages = await this.receiveBatch();
      } catch {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (messages.length === 0) continue;
      this.inFlight++;
      try {
        await this.invoke(messages);
      } finally {
        this.inFlight--;
      }
    }
  }

  private async invoke(messages: Message[]): Promise<void> {
    const event: SQSEvent = {
      Records: messages.map((m) => ({
        messageId: m.MessageId as string,
        receiptHandle: m.ReceiptHandle as string,
        body: m.Body ?? '',
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
          SenderId: m.Attributes?.SenderId ?? 'local',
          ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
          ...(m.Attributes?.MessageGroupId ? { MessageGroupId: m.Attributes.MessageGroupId } : {}),
          ...(m.Attributes?.MessageDeduplicationId ? { MessageDeduplicationId: m.Attributes.MessageDeduplicationId } : {}),
          ...(m.Attributes?.SequenceNumber ? { SequenceNumber: m.Attributes.SequenceNumber } : {}),
        },
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: this.o.queueArn,
        awsRegion: 'cn-north-1',
      })),
    };
    let failed: Set<string>;
    let error: unknown;
    const heartbeat = setInterval(() => void this.extend(messages), (this.o.visibilityTimeoutSeconds * 1000) / 2);
    try {
      const response = await this.o.handler(event, lambdaContext(this.o.functionName));
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (e) {
      // A thrown error (e.g. every record failed) fails the whole batch, as Lambda does.
      error = e;
      failed = new Set(messages.map((m) => m.MessageId as string));
    } finally {
      clearInterval(heartbeat);
    }
    const done = messages.filter((m) => !failed.has(m.MessageId as string));
    for (let i = 0; i < done.length; i += 10) {
      await this.o.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.o.queueUrl,
          Entries: done.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle as string })),
        }),
      );
    }
    this.o.onBatch?.({ received: messages.length, failed: failed.size, ...(error ? { error } : {}) });
  }

  /** Keeps a running batch invisible for another timeout (errors ignored: the next beat tries again). */
  private async extend(messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      await this.o.sqs
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.o.queueUrl,
            Entries: messages.slice(i, i + 10).map((m, j) => ({
              Id: String(j),
              ReceiptHandle: m.ReceiptHandle as string,
              VisibilityTimeout: this.o.visibilityTimeoutSeconds,
            })),
          }),
        )
        .catch(() => undefined);
    }
  }
}
