/**
 * Why a queue message failed, kept by message id so that a message which ends in a dead-letter queue
 * can be shown with its reason (`ltc dlq list`). Kept 14 days, the longest an SQS message lives.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

export interface FailureRecord {
  readonly messageId: string;
  readonly claimId: string | null;
  readonly code: string;
  readonly reason: string;
  readonly receiveCount: number;
  readonly at: string;
}

export class FailureStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** Records (or overwrites with the latest) failure of a message. */
  async record(f: FailureRecord): Promise<void> {
    const expiresAt = Math.floor(Date.parse(f.at) / 1000) + 14 * 86_400;
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: `FAIL#${f.messageId}`, sk: 'REASON', ...f, expiresAt } }));
  }

  async get(messageId: string): Promise<FailureRecord | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: `FAIL#${messageId}`, sk: 'REASON' } }));
    return r.Item as FailureRecord | undefined;
  }
}
