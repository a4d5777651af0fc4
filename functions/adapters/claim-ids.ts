/**
 * Claim ids belong to their institution: `POST /claims` reserves each id before it enqueues
 * (`ID#<claimId>` / `OWNER`, beside the adjudicator's guard `ID#<claimId>` / `ID`). The reservation
 * names the owning institution, a hash of the claim's content without `submittedAt`, and the
 * `submittedAt` the server gave it. So:
 * - another institution's id is refused at POST time (`taken`), and the answer says nothing else;
 * - the same institution with other content is refused at POST time (`conflict`), not silently later;
 * - the same content again is a re-send: it gets the first `submittedAt`, so the message enqueued is
 *   the same claim and the adjudicator sees an exact re-delivery.
 * A request whose batch fails after some of its reservations were made releases the content of the
 * ones it made (`release`); the id stays its institution's, which harms no one else.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { guardPk } from './keys.ts';

export const OWNER = 'OWNER';
/** Reservations are written this many at a time. */
const WIDTH = 16;

export interface ReservationRequest {
  readonly claimId: string;
  readonly institutionId: string;
  /** Hash of the claim's content without submittedAt. */
  readonly contentHash: string;
  /** The server's submittedAt for a first submission (or the migrated one). */
  readonly submittedAt: string;
}

export type ReservationResult =
  | { readonly state: 'reserved'; readonly claimId: string; readonly submittedAt: string; readonly created: boolean }
  | { readonly state: 'taken' | 'conflict'; readonly claimId: string };

/**
 * @example const results = await new ClaimIds(doc, table).reserve(requests, token, new Date());
 */
export class ClaimIds {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** Reserves every id (`token` marks the ones this request creates), in the order given. */
  async reserve(requests: readonly ReservationRequest[], token: string, now: Date): Promise<ReservationResult[]> {
    const out: ReservationResult[] = new Array(requests.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(WIDTH, requests.length) }, async () => {
        while (next < requests.length) {
          const i = next++;
          out[i] = await this.reserveOne(requests[i] as ReservationRequest, token, now);
        }
      }),
    );
    return out;
  }

  /** Gives up the content of the reservations this request made, so a corrected claim may take them. */
  async release(claimIds: readonly string[], token: string): Promise<void> {
    for (const claimId of claimIds) {
      try {
        await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: guardPk(claimId), sk: OWNER },
            UpdateExpression: 'REMOVE contentHash, submittedAt, reservedBy, reservedAt',
            ConditionExpression: 'reservedBy = :token',
            ExpressionAttributeValues: { ':token': token },
          }),
        );
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
    }
  }

  private async reserveOne(r: ReservationRequest, token: string, now: Date): Promise<ReservationResult> {
    try {
      const done = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: guardPk(r.claimId), sk: OWNER },
          UpdateExpression:
            'SET institutionId = :inst, contentHash = if_not_exists(contentHash, :hash), submittedAt = if_not_exists(submittedAt, :at), reservedBy = if_not_exists(reservedBy, :token), reservedAt = if_not_exists(reservedAt, :now)',
          ConditionExpression:
            'attribute_not_exists(pk) OR (institutionId = :inst AND (attribute_not_exists(contentHash) OR contentHash = :hash))',
          ExpressionAttributeValues: {
            ':inst': r.institutionId,
            ':hash': r.contentHash,
            ':at': r.submittedAt,
            ':token': token,
            ':now': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = done.Attributes ?? {};
      return { state: 'reserved', claimId: r.claimId, submittedAt: String(item.submittedAt), created: item.reservedBy === token };
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
    const held = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: guardPk(r.claimId), sk: OWNER }, ConsistentRead: true }),
    );
    return { state: held.Item?.institutionId === r.institutionId ? 'conflict' : 'taken', claimId: r.claimId };
  }
}
