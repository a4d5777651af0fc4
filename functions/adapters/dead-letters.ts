/**
 * Parks a poison message in its queue's dead-letter queue at once, with its reason as message
 * attributes, so that the rest of its FIFO group goes on. Left to SQS, a message that can never be
 * adjudicated would be received maxReceiveCount times, each after the visibility timeout: half an
 * hour of a person's or an institution's claims waiting behind it.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';

/** SQS message attributes hold at most 256 KiB in all; a reason is a line, not a document. */
const MAX_REASON_LENGTH = 1000;

/**
 * @example const id = await new DeadLetters(sqs, { [claimsQueueArn]: claimsDlqUrl }).park(record, 'POISON_MESSAGE', reason);
 */
export class DeadLetters {
  private readonly sqs: SQSClient;
  private readonly bySource: Readonly<Record<string, string>>;

  /** `bySource` maps each source queue's ARN to its dead-letter queue's URL. */
  constructor(sqs: SQSClient, bySource: Readonly<Record<string, string>>) {
    this.sqs = sqs;
    this.bySource = bySource;
  }

  /** Whether a record's queue has a known dead-letter queue. */
  knows(record: Pick<SQSRecord, 'eventSourceARN'>): boolean {
    return Object.hasOwn(this.bySource, record.eventSourceARN);
  }

  /**
   * Sends the record's body to its dead-letter queue, in its message group; returns the new message
   * id. The deduplication id is the original message id, so parking twice leaves one copy.
   */
  async park(record: SQSRecord, code: string, reason: string): Promise<string> {
    const queueUrl = this.bySource[record.eventSourceARN];
    if (queueUrl === undefined) throw new Error(`no dead-letter queue for ${record.eventSourceARN}`);
    const r = await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: record.body,
        MessageGroupId: record.attributes.MessageGroupId ?? 'dead-letters',
        MessageDeduplicationId: record.messageId,
        MessageAttributes: {
          failureCode: { DataType: 'String', StringValue: code },
          failureReason: { DataType: 'String', StringValue: reason.slice(0, MAX_REASON_LENGTH) || code },
          sourceMessageId: { DataType: 'String', StringValue: record.messageId },
        },
      }),
    );
    return r.MessageId ?? record.messageId;
  }
}
