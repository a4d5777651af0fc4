import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { formatDay, type Instant, parseInstant, shanghaiDay } from '../../domain/dates.ts';
import { loggablePartition } from '../pseudonym.ts';
import { backOff } from './backoff.ts';
import { type CommitExtra, extraItem } from './change-items.ts';
import { arrivalSk, CLOSES_PK, chunkSk, guardKey, HEAD, memberSk, partitionPk, refusalKey, sha256 } from './keys.ts';
import { countUpdate, type LedgerPosting, openMonthCheck } from './ledger-items.ts';
import type { MadeWith } from './made-with.ts';
import { type Member, type MemberChange, memberItem, toMember } from './member-items.ts';
import { type Projection, pack, projectionsOf } from './projections.ts';
import { queryAll } from './reads.ts';
import { firstConditionFailed, isConflict, MAX_TRANSACTION_ITEMS, type TransactItem } from './transact.ts';

export type { LedgerPosting } from './ledger-items.ts';
export type { Member, MemberChange, Provenance, Review, StoredAdjustment, StoredOutcome } from './member-items.ts';
export { toMember } from './member-items.ts';
export { isConflict, MAX_TRANSACTION_ITEMS } from './transact.ts';

export interface PartitionState {
  readonly partition: string;
  /** 0 for a partition never written. */
  readonly version: number;
  readonly nextSeq: number;
  readonly pending?: number;
  readonly members: readonly Member[];
  /** The versions the last commit decided the whole partition with: every stored outcome holds under them. */
  readonly madeWith?: MadeWith;
}

export interface Guard {
  readonly partition: string;
  readonly seq: number;
  readonly contentKey: string;
}

/**
 * Everything one arrival writes. A reprocess (a reference change re-deciding the partition) is an
 * arrival without a member: its record names the change as `trigger`.
 */
export interface ArrivalPlan {
  readonly partition: string;
  readonly expectedVersion: number;
  readonly seq: number;
  readonly member?: Member & { readonly needsReview: boolean };
  /** What caused an arrival without a member (a reference change's id). */
  readonly trigger?: string;
  readonly changes: readonly MemberChange[];
  readonly ledger: readonly LedgerPosting[];
  readonly postedAt: string;
  /** Attributes set on the head besides its version (its GSI3 keys, the versions decided with). */
  readonly head?: Readonly<Record<string, string>>;
  /** Further items of the commit transaction (an institution's index item, a change's marker). */
  readonly also?: readonly CommitExtra[];
}

export type CommitResult = 'committed' | 'retry';

/** A chunk that lost a race is written again after this wait (it had not applied). */
const CHUNK_RETRY = { baseMs: 25, capMs: 2000 };

/**
 * Reads and writes partitions.
 * @example const store = new PartitionStore(documentClient, 'ClaimsTable'); const state = await store.load('person#P001');
 */
export class PartitionStore {
  private readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** The head and every member, strongly consistent, members in arrival order. */
  async load(partition: string): Promise<PartitionState> {
    const pk = partitionPk(partition);
    const head = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk: HEAD }, ConsistentRead: true }));
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': pk, ':c': 'C#' },
      ConsistentRead: true,
    });
    const members = items.map(toMember);
    const h = head.Item;
    return {
      partition,
      version: h ? Number(h.version) : 0,
      nextSeq: h ? Number(h.nextSeq) : 1,
      ...(h?.pending !== undefined ? { pending: Number(h.pending) } : {}),
      members,
      ...(typeof h?.madeWith === 'string' ? { madeWith: JSON.parse(h.madeWith) as MadeWith } : {}),
    };
  }

  /** Where an accepted claimId lives, if anywhere. */
  async guard(claimId: string): Promise<Guard | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: guardKey(claimId), ConsistentRead: true }));
    if (!r.Item) return undefined;
    return { partition: String(r.Item.partition), seq: Number(r.Item.seq), contentKey: String(r.Item.contentKey) };
  }

  /** One member by partition and seq. */
  async member(partition: string, seq: number): Promise<Member | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: partitionPk(partition), sk: memberSk(seq) } }));
    return r.Item ? toMember(r.Item) : undefined;
  }

  /**
   * Records a refused delivery (same claimId, different content), once per distinct content, and
   * counts it as received (not decided) in its institution's submission month.
   */
  async recordRefusal(claimId: string, contentKey: string, content: unknown, at: string): Promise<void> {
    const refusal: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: {
          ...refusalKey(claimId, sha256(contentKey)),
          reason: 'CLAIM_ID_CONFLICT',
          content: JSON.stringify(content),
          at,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const { institutionId, submittedAt } = (content ?? {}) as { institutionId?: unknown; submittedAt?: unknown };
    const instant = typeof submittedAt === 'string' ? parseInstant(submittedAt) : undefined;
    const counted =
      typeof institutionId === 'string' && instant ? [countUpdate(this.tableName, institutionId, monthOfInstant(instant), 0)] : [];
    try {
      await this.transact([refusal, ...counted]);
    } catch (e) {
      // Recorded (and counted) before; a TransactionConflict on the counter is retried by the queue.
      if (!firstConditionFailed(e)) throw e;
    }
  }

  /** Months closed so far, with their closing instants. */
  async closes(): Promise<{ month: string; at: string }[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': CLOSES_PK },
    });
    return items.map((item) => ({ month: String(item.month), at: String(item.at) }));
  }

  /**
   * Commits an arrival. 'retry' means another writer got there first (version, guard or a month
   * closed meanwhile): reload and decide again.
   */
  async commit(plan: ArrivalPlan): Promise<CommitResult> {
    const core = this.coreItems(plan);
    const projections = projectionsOf(this.tableName, plan.partition, plan.seq, plan.changes, plan.ledger);
    const together = pack(this.tableName, projections, MAX_TRANSACTION_ITEMS - core.length - 1);
    const overflow = together.length > 1;
    const headUpdate = this.headUpdate(plan, overflow);
    try {
      await this.transact([headUpdate, ...core, ...(overflow ? [] : (together[0] ?? []))]);
    } catch (e) {
      if (isConflict(e)) return 'retry';
      throw e;
    }
    if (overflow) await this.writeChunks(plan.partition, plan.seq, projections);
    return 'committed';
  }

  /** Completes a pending arrival's projections from its arrival record. */
  async rollForward(partition: string, seq: number): Promise<void> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: partitionPk(partition), sk: arrivalSk(seq) }, ConsistentRead: true }),
    );
    if (!r.Item) throw new Error(`arrival record ${loggablePartition(partition)} ${seq} is missing`);
    const changes = JSON.parse(String(r.Item.changes)) as MemberChange[];
    const ledger = JSON.parse(String(r.Item.ledger)) as LedgerPosting[];
    await this.writeChunks(partition, seq, projectionsOf(this.tableName, partition, seq, changes, ledger));
  }

  private async writeChunks(partition: string, seq: number, groups: Projection[]): Promise<void> {
    // Each chunk leaves room for its marker and, on the last, the head's pending flag.
    const chunks = pack(this.tableName, groups, MAX_TRANSACTION_ITEMS - 2);
    for (const [i, items] of chunks.entries()) {
      const marker: TransactItem = {
        Put: {
          TableName: this.tableName,
          Item: { pk: partitionPk(partition), sk: chunkSk(seq, i), kind: 'chunk' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
      const last = i === chunks.length - 1;
      const clear: TransactItem[] = last
        ? [
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: partitionPk(partition), sk: HEAD },
                UpdateExpression: 'REMOVE pending',
                ConditionExpression: 'pending = :seq',
                ExpressionAttributeValues: { ':seq': seq },
              },
            },
          ]
        : [];
      for (let attempt = 1; ; attempt++) {
        try {
          await this.transact([marker, ...items, ...clear]);
          break;
        } catch (e) {
          // Only a failed marker condition means the chunk was applied before; a conflict or a
          // throttle means it was not, so it is written again.
          if (firstConditionFailed(e)) break;
          if (!isConflict(e) || attempt >= 8) throw e;
          await backOff(attempt, CHUNK_RETRY);
        }
      }
    }
  }

  private headUpdate(plan: ArrivalPlan, overflow: boolean): TransactItem {
    const values: Record<string, unknown> = { ':v1': plan.expectedVersion + 1, ':n': plan.seq + 1 };
    if (plan.expectedVersion > 0) values[':v'] = plan.expectedVersion;
    if (overflow) values[':p'] = plan.seq;
    const extra = Object.entries(plan.head ?? {});
    for (const [i, [, value]] of extra.entries()) values[`:h${i}`] = value;
    const sets = extra.map(([name], i) => `, ${name} = :h${i}`).join('');
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: partitionPk(plan.partition), sk: HEAD },
        UpdateExpression: `SET version = :v1, nextSeq = :n${overflow ? ', pending = :p' : ''}${sets}`,
        ConditionExpression: plan.expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v AND attribute_not_exists(pending)',
        ExpressionAttributeValues: values,
      },
    };
  }

  private coreItems(plan: ArrivalPlan): TransactItem[] {
    const m = plan.member;
    const t = this.tableName;
    const months = [...new Set(plan.ledger.map((l) => l.accountingMonth))].sort();
    const memberItems: TransactItem[] = m
      ? [
          {
            Put: {
              TableName: t,
              Item: { ...guardKey(m.claimId), partition: plan.partition, seq: m.seq, contentKey: m.contentKey },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: t, Item: memberItem(plan.partition, m), ConditionExpression: 'attribute_not_exists(pk)' } },
        ]
      : [];
    return [
      ...memberItems,
      {
        Put: {
          TableName: t,
          Item: {
            pk: partitionPk(plan.partition),
            sk: arrivalSk(plan.seq),
            ...(m ? { claimId: m.claimId } : { trigger: plan.trigger }),
            postedAt: plan.postedAt,
            changes: JSON.stringify(plan.changes),
            ledger: JSON.stringify(plan.ledger),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...months.map((month) => openMonthCheck(t, month)),
      ...(m ? [countUpdate(t, m.institutionId, m.submittedMonth, 1)] : []),
      ...(plan.also ?? []).map((x) => extraItem(t, plan.partition, x)),
    ];
  }

  private async transact(items: TransactItem[]): Promise<void> {
    await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
  }
}

function monthOfInstant(instant: Instant): string {
  return formatDay(shanghaiDay(instant)).slice(0, 7);
}
