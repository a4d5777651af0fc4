/**
 * A reference change's job (keys.ts): what changed, who, when and why, how many partitions the
 * fan-out has sent to be re-decided (`total`, with its cursor) and whether it has sent them all.
 * `done` is the number of partition markers, each written in its partition's own commit transaction
 * (change-items.ts), so it is exact under any re-run and no hot counter item is contended by the
 * partitions' commits.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ChangedRecord, changeIdOf } from '../../domain/reference-change.ts';
import {
  CHANGE_MARKER_PREFIX,
  changeJobKey,
  changeListingPks,
  changeMarkerKey,
  changesByPk,
  changesOfMonthPk,
  changesOfRecordPk,
} from './keys.ts';
import type { TransactItem } from './transact.ts';

export interface ChangeJob {
  readonly changeId: string;
  readonly record: ChangedRecord;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly reason: string;
  /** Partitions sent to be re-decided so far. */
  readonly total: number;
  /** Where the fan-out goes on ('' before it starts). */
  readonly cursor: string;
  /** Every partition has been sent. */
  readonly fannedOut: boolean;
}

/** What an audit listing gives of a change. */
export type ChangeSummary = Pick<ChangeJob, 'changeId' | 'record' | 'recordedBy' | 'recordedAt' | 'reason'>;

export type ChangeStatus = ChangeJob & {
  /** Partitions re-decided (their markers). */
  readonly done: number;
  readonly state: 'fanning-out' | 'running' | 'done';
};

/**
 * @example const jobs = new ChangeJobs(doc, table); const status = await jobs.status('person:P001:v2');
 */
export class ChangeJobs {
  private readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /**
   * The job's item and its audit listings (by record, by author, by month), written in the same
   * transaction as the record's new version (each created once).
   */
  jobItems(record: ChangedRecord, stamp: { recordedBy: string; recordedAt: string; reason: string }): TransactItem[] {
    const changeId = changeIdOf(record);
    const summary = { changeId, record, ...stamp };
    const put = (item: Record<string, unknown>): TransactItem => ({
      Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    return [
      put({ ...changeJobKey(changeId), ...summary, total: 0, cursor: '', fannedOut: false }),
      ...changeListingPks(record, stamp.recordedBy, stamp.recordedAt).map((pk) =>
        put({ pk, sk: `${stamp.recordedAt}#${changeId}`, ...summary }),
      ),
    ];
  }

  /**
   * One page of an audit listing, newest first: a record's changes (`record`: `person:P001`,
   * `institution:INST-A`, `policy:city`), a user's, or a month's (`month`, optionally one `day`).
   */
  async list(
    listing: { record: { type: string; id: string } } | { by: string } | { month: string; day?: string },
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: ChangeSummary[]; nextKey?: Record<string, unknown> }> {
    const pk = ChangeJobs.listingPk(listing);
    const day = 'month' in listing ? listing.day : undefined;
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: day ? 'pk = :pk AND begins_with(sk, :day)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(day ? { ':day': day } : {}) },
        ScanIndexForward: false,
        Limit: page.limit,
        ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
      }),
    );
    const items = (r.Items ?? []).map((i) => {
      const { changeId, record, recordedBy, recordedAt, reason } = jobOf({ ...i, total: 0 });
      return { changeId, record, recordedBy, recordedAt, reason };
    });
    return { items, ...(r.LastEvaluatedKey ? { nextKey: r.LastEvaluatedKey } : {}) };
  }

  /** The partition key a listing's pagination token must name. */
  static listingPk(listing: { record: { type: string; id: string } } | { by: string } | { month: string }): string {
    return 'record' in listing
      ? changesOfRecordPk(listing.record.type, listing.record.id)
      : 'by' in listing
        ? changesByPk(listing.by)
        : changesOfMonthPk(listing.month);
  }

  async get(changeId: string): Promise<ChangeJob | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: changeJobKey(changeId), ConsistentRead: true }));
    return r.Item ? jobOf(r.Item) : undefined;
  }

  /** The job with its partitions done; undefined for an unknown change. */
  async status(changeId: string): Promise<ChangeStatus | undefined> {
    const job = await this.get(changeId);
    if (!job) return undefined;
    const done = await this.doneCount(changeId);
    return { ...job, done, state: !job.fannedOut ? 'fanning-out' : done >= job.total ? 'done' : 'running' };
  }

  /** Whether the change has re-decided the partition (its marker exists). */
  async marked(changeId: string, partition: string): Promise<boolean> {
    const r = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: changeMarkerKey(changeId, partition),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return r.Item !== undefined;
  }

  /**
   * Moves the fan-out from `from` to `to` (undefined: finished), counting the partitions sent in
   * between. Conditioned on `from`, so a page sent twice (a retried message) is counted once; false
   * when the cursor had already moved on.
   */
  async advance(changeId: string, from: string, to: string | undefined, sent: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: changeJobKey(changeId),
          // CURSOR and TOTAL are DynamoDB reserved words.
          UpdateExpression: 'SET #c = :to, #f = :f ADD #t :n',
          ConditionExpression: '#c = :from AND #f = :no',
          ExpressionAttributeNames: { '#c': 'cursor', '#f': 'fannedOut', '#t': 'total' },
          ExpressionAttributeValues: { ':to': to ?? '', ':f': to === undefined, ':n': sent, ':from': from, ':no': false },
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  private async doneCount(changeId: string): Promise<number> {
    const { pk } = changeJobKey(changeId);
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': CHANGE_MARKER_PREFIX },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  }
}

function jobOf(item: Record<string, unknown>): ChangeJob {
  return {
    changeId: String(item.changeId),
    // A version read through a client that wraps numbers is a NumberValue: read it as text.
    record: { ...(item.record as ChangedRecord), version: Number(String((item.record as ChangedRecord).version)) },
    recordedBy: String(item.recordedBy),
    recordedAt: String(item.recordedAt),
    reason: String(item.reason),
    total: Number(String(item.total)),
    cursor: String(item.cursor ?? ''),
    fannedOut: item.fannedOut === true,
  };
}
