/**
 * Reference data that keeps its history. The current record stays where every reader already finds it
 * (`REG#PERSON` / `<id>`, `REG#INST` / `<id>`, `POLICY` / `V#<effectiveFrom>#<policyId>`, read with one
 * GetItem, BatchGetItem or Query as before), now stamped with its version number and who changed it,
 * when and why. Each version is also an item of its own, with the document before it:
 * - `REGHIST#PERSON#<id>` / `V#<version, 10 digits>` and `REGHIST#INST#<id>` / `V#…` (ids %-encoded);
 * - `POLICYHIST#<policyId>` / `E#<effectiveFrom>#V#<version>`: one policy id's effective versions, each
 *   with its own revisions.
 * One transaction writes both, conditioned on the version that was read, so two clerks changing one
 * record at once cannot lose a change: the later one is written over the earlier as a version of its
 * own (or refused, when it named the version it was editing).
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Backoff, backOff } from './backoff.ts';
import { keyPart } from './keys.ts';
import { isConflict, type TransactItem } from './transact.ts';

/** Who changes a record, when (the server clock, Asia/Shanghai) and why; optionally the version it was read at. */
export interface Change {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  /** The version the change was made against (0: a record not yet versioned); another current version refuses it. */
  readonly expectedVersion?: number;
}

/** The stamp of a stored version. */
export interface VersionStamp {
  readonly version: number;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly reason: string;
}

export interface RecordVersion extends VersionStamp {
  /** The document as stored in this version. */
  readonly document: unknown;
  /** What it was before this version; null when this version created the record. */
  readonly before: unknown;
  /** The policy version's effective date (policies only). */
  readonly effectiveFrom?: string;
}

/** Where one record and its versions live. */
export interface VersionedKey {
  readonly current: { readonly pk: string; readonly sk: string };
  /** The current item's attribute holding the document as JSON (`doc` for the registry, `document` for policies). */
  readonly field: 'doc' | 'document';
  /** Attributes the current and version items carry besides the document (a policy's id and effective date). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly historyPk: string;
  /** Sort-key prefix of this record's versions within historyPk. */
  readonly historyPrefix: string;
}

export const personKey = (personId: string): VersionedKey => ({
  current: { pk: 'REG#PERSON', sk: personId },
  field: 'doc',
  attributes: {},
  historyPk: `REGHIST#PERSON#${keyPart(personId)}`,
  historyPrefix: 'V#',
});

export const institutionKey = (institutionId: string): VersionedKey => ({
  current: { pk: 'REG#INST', sk: institutionId },
  field: 'doc',
  attributes: {},
  historyPk: `REGHIST#INST#${keyPart(institutionId)}`,
  historyPrefix: 'V#',
});

export const policyKey = (policyId: string, effectiveFrom: string): VersionedKey => ({
  current: { pk: 'POLICY', sk: `V#${effectiveFrom}#${policyId}` },
  field: 'document',
  attributes: { policyId, effectiveFrom },
  historyPk: policyHistoryPk(policyId),
  historyPrefix: `E#${effectiveFrom}#V#`,
});

export const policyHistoryPk = (policyId: string) => `POLICYHIST#${keyPart(policyId)}`;
const versionSk = (key: VersionedKey, version: number) => `${key.historyPrefix}${String(version).padStart(10, '0')}`;

/** The change named a version that is no longer the current one. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  readonly current: number;
  constructor(current: number, options?: { cause?: unknown }) {
    super(`the record is at version ${current}`, options);
    this.current = current;
  }
}

/**
 * Each lost race means another change landed, so with n clerks saving one record at once a save waits
 * at most n − 1 rounds; past this many it is reported rather than retried further.
 */
const MAX_ATTEMPTS = 10;
/** Two clerks saving one record: the loser reads the version again after a short random wait. */
const SAVE_RETRY: Backoff = { baseMs: 5, capMs: 200, jitter: true };

/**
 * @example const stamp = await new ReferenceVersions(doc, table).write(personKey('P001'), person, change);
 */
export class ReferenceVersions {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /**
   * Stores `document` as the record's next version. A document equal to the current version is no
   * change: nothing is written and the current stamp comes back with `changed: false`.
   */
  async write(
    key: VersionedKey,
    document: unknown,
    change: Change,
    /** Further items of the version's transaction (the change's job), given the version being written. */
    also: (stamp: VersionStamp) => TransactItem[] = () => [],
  ): Promise<VersionStamp & { changed: boolean }> {
    const json = JSON.stringify(document);
    for (let attempt = 1; ; attempt++) {
      const current = await this.current(key);
      const version = current?.version ?? 0;
      if (change.expectedVersion !== undefined && change.expectedVersion !== version) throw new VersionConflictError(version);
      if (current?.stamp && current.json === json) return { ...current.stamp, changed: false };
      const stamp: VersionStamp = { version: version + 1, recordedBy: change.by, recordedAt: change.at, reason: change.reason };
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...key.current, ...key.attributes, [key.field]: json, ...stamp },
                  ...(current === undefined
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : current.stamp === undefined
                      ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(version)' }
                      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } }),
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: key.historyPk,
                    sk: versionSk(key, stamp.version),
                    ...key.attributes,
                    document: json,
                    ...(current === undefined ? {} : { before: current.json }),
                    ...stamp,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...also(stamp),
            ],
          }),
        );
        return { ...stamp, changed: true };
      } catch (e) {
        if (!isConflict(e)) throw e;
        if (change.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) {
          throw new VersionConflictError((await this.current(key))?.version ?? 0, { cause: e });
        }
        // Jittered, so racing savers do not meet again on the next round.
        await backOff(attempt, SAVE_RETRY);
      }
    }
  }

  /** The current record's stamp; undefined for a record not yet versioned or absent. */
  async stamp(key: VersionedKey): Promise<VersionStamp | undefined> {
    return (await this.current(key))?.stamp;
  }

  /** The record's versions, newest first, a page at a time. */
  async history(
    key: Pick<VersionedKey, 'historyPk' | 'historyPrefix'>,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: RecordVersion[]; nextKey?: Record<string, unknown> }> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': key.historyPk, ':prefix': key.historyPrefix },
        ScanIndexForward: false,
        Limit: page.limit,
        ConsistentRead: true,
        ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
      }),
    );
    return { items: (r.Items ?? []).map(versionOf), ...(r.LastEvaluatedKey ? { nextKey: r.LastEvaluatedKey } : {}) };
  }

  /** One version of a record, as it was stored. */
  async version(key: VersionedKey, version: number): Promise<RecordVersion | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: key.historyPk, sk: versionSk(key, version) }, ConsistentRead: true }),
    );
    return r.Item ? versionOf(r.Item) : undefined;
  }

  private async current(key: VersionedKey): Promise<{ json: string; version: number; stamp?: VersionStamp } | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key.current, ConsistentRead: true }));
    if (!r.Item) return undefined;
    const json = String(r.Item[key.field]);
    // A record stored before versions were kept is version 0; its first change records it as `before`.
    return r.Item.version !== undefined ? { json, version: numberOf(r.Item.version), stamp: stampOf(r.Item) } : { json, version: 0 };
  }
}

/** A DynamoDB Number read with or without wrapNumbers (a client sharing the middleware stack may wrap them). */
const numberOf = (v: unknown) => Number(String(v));

function stampOf(item: Record<string, unknown>): VersionStamp {
  return {
    version: numberOf(item.version),
    recordedBy: String(item.recordedBy),
    recordedAt: String(item.recordedAt),
    reason: String(item.reason),
  };
}

function versionOf(item: Record<string, unknown>): RecordVersion {
  return {
    ...stampOf(item),
    ...(typeof item.effectiveFrom === 'string' ? { effectiveFrom: item.effectiveFrom } : {}),
    document: JSON.parse(String(item.document)),
    before: typeof item.before === 'string' ? JSON.parse(item.before) : null,
  };
}
