/**
 * Idempotency records for submissions (`IDEM#<caller>#<key>` / `IDEM`, see keys.ts).
 *
 * The first request with a key claims it with a conditional put (state IN_PROGRESS, a random token,
 * a lease); only the holder enqueues, so two concurrent first requests never both do. The holder then
 * stores its answer (COMPLETED) or, when it failed for a reason worth retrying (5xx), deletes the
 * claim so the caller can retry with the same key. A holder that died leaves a lease that lapses; a
 * later request with the same body may then take over — enqueueing again is harmless, because queue
 * deduplication ids and the adjudicator are both keyed by claim content. Records live 24 hours
 * (`expiresAt`, the table's TTL attribute); one past its expiry counts as absent even before TTL
 * deletes it.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keyPart } from './keys.ts';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Longer than the API's 30-second integration timeout, so a live holder never loses its lease. */
export const IDEMPOTENCY_LEASE_SECONDS = 60;

export interface StoredAnswer {
  readonly statusCode: number;
  readonly body: string;
}

export type IdempotencyClaim =
  | { readonly state: 'acquired'; readonly token: string }
  | { readonly state: 'completed'; readonly answer: StoredAnswer }
  | { readonly state: 'in-progress' }
  | { readonly state: 'mismatch' };

/**
 * Claims, completes and releases idempotency keys.
 * @example const c = await store.acquire({ kind: 'institution', id: 'INST-A' }, 'key-1', fingerprint, new Date());
 */
export class IdempotencyStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** Claims `key` for a request whose body has `fingerprint`, or reports who has it. */
  async acquire(caller: IdempotencyCaller, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim> {
    const nowSec = Math.floor(now.getTime() / 1000);
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = randomUUID();
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: idemPk(caller, key),
              sk: 'IDEM',
              state: 'IN_PROGRESS',
              fingerprint,
              token,
              lockedUntil: nowSec + IDEMPOTENCY_LEASE_SECONDS,
              expiresAt: nowSec + IDEMPOTENCY_TTL_SECONDS,
              createdAt: now.toISOString(),
            },
            ConditionExpression:
              'attribute_not_exists(pk) OR expiresAt < :now OR (#state = :inProgress AND lockedUntil < :now AND fingerprint = :fp)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':now': nowSec, ':inProgress': 'IN_PROGRESS', ':fp': fingerprint },
          }),
        );
        return { state: 'acquired', token };
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
      const r = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: idemPk(caller, key), sk: 'IDEM' }, ConsistentRead: true }),
      );
      const item = r.Item;
      // Gone (released) or lapsed meanwhile: try to claim it again.
      if (!item || Number(item.expiresAt) < nowSec) continue;
      if (item.fingerprint !== fingerprint) return { state: 'mismatch' };
      if (item.state === 'COMPLETED')
        return { state: 'completed', answer: { statusCode: Number(item.statusCode), body: String(item.body) } };
      if (Number(item.lockedUntil) >= nowSec) return { state: 'in-progress' };
    }
    return { state: 'in-progress' };
  }

  /** Stores the answer of the request holding `token`; false if it no longer held the key. */
  async complete(caller: IdempotencyCaller, key: string, token: string, answer: StoredAnswer, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: idemPk(caller, key), sk: 'IDEM' },
          UpdateExpression: 'SET #state = :completed, statusCode = :status, body = :body, expiresAt = :exp REMOVE lockedUntil',
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#state': 'state', '#token': 'token' },
          ExpressionAttributeValues: {
            ':completed': 'COMPLETED',
            ':status': answer.statusCode,
            ':body': answer.body,
            ':exp': Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
            ':token': token,
          },
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  /** Gives the key up so that the caller may retry (the request failed before it had an answer). */
  async release(caller: IdempotencyCaller, key: string, token: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: idemPk(caller, key), sk: 'IDEM' },
          ConditionExpression: '#token = :token AND #state = :inProgress',
          ExpressionAttributeNames: { '#token': 'token', '#state': 'state' },
          ExpressionAttributeValues: { ':token': token, ':inProgress': 'IN_PROGRESS' },
        }),
      );
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }
}

/** Whose key it is: an institution's (POST /claims), or a bureau user's (POST /migrations/claims). */
export interface IdempotencyCaller {
  readonly kind: 'institution' | 'migration';
  readonly id: string;
}

/**
 * `IDEM#<institution>#<key>` or `IDEM-MIGRATION#<user>#<key>`, the caller %-encoded so that it holds
 * no `#`: otherwise caller `A#B` with key `C` and caller `A` with key `B#C` would share one record.
 */
export const idemPk = (caller: IdempotencyCaller, key: string) =>
  `${caller.kind === 'institution' ? 'IDEM' : 'IDEM-MIGRATION'}#${keyPart(caller.id)}#${key}`;
