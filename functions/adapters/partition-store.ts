/**
 * A partition's claims and decisions in DynamoDB (see keys.ts for the layout).
 *
 * One arrival is committed by one TransactWriteItems guarded by the partition head's version: the
 * head, the claim-id guard, the new member, the arrival record (the whole decision: changed outcomes,
 * adjustments, ledger entries), a check that every accounting month posted into is still open, and the
 * projections (updated members, ledger entries and running totals). When that exceeds DynamoDB's
 * 100-item limit the arrival record is the commit point: the head is marked `pending`, and the
 * projections are written in chunks of at most 100 items, each with a marker item so that a chunk
 * applies exactly once. Whoever next touches the partition rolls a pending arrival forward first.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  NumberValue,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { arrivalSk, chunkSk, guardPk, HEAD, ledgerPk, listingPk, memberSk, partitionPk, REVIEW_QUEUE, sha256 } from './keys.ts';

export const MAX_TRANSACTION_ITEMS = 100;

/** The §9 rendering of an outcome, as stored on a member. */
export interface StoredOutcome {
  readonly status: string;
  readonly fundAmount: string;
  readonly personalAmount?: string;
  readonly deductibleApplied?: string;
  readonly deferredAmount?: string;
  readonly reasonCodes: readonly string[];
  readonly [field: string]: unknown;
}

export interface Review {
  readonly decision: 'approve' | 'reject';
  readonly adjudicator: string;
  readonly reason: string;
  readonly at: string;
}

export interface StoredAdjustment {
  readonly amount: string;
  readonly reason: 'REPROCESSED';
  readonly triggeredBy: string;
  readonly postedAt: string;
}

export interface Member {
  readonly seq: number;
  readonly claimId: string;
  readonly kind: string;
  readonly institutionId: string;
  readonly submittedAt: string;
  readonly submittedMonth: string;
  readonly content: unknown;
  readonly contentKey: string;
  readonly outcome: StoredOutcome;
  readonly payable: string;
  readonly review?: Review;
  readonly adjustments: readonly StoredAdjustment[];
  readonly decidedAt: string;
}

export interface PartitionState {
  readonly partition: string;
  /** 0 for a partition never written. */
  readonly version: number;
  readonly nextSeq: number;
  readonly pending?: number;
  readonly members: readonly Member[];
}

export interface Guard {
  readonly partition: string;
  readonly seq: number;
  readonly contentKey: string;
}

export interface LedgerPosting {
  readonly institutionId: string;
  readonly claimId: string;
  readonly kind: string;
  readonly amount: string;
  readonly postedAt: string;
  readonly accountingMonth: string;
  readonly priorPeriod: boolean;
  readonly triggeredBy: string;
}

/** A change to an existing member: its new outcome and payable, and the adjustment if the fund moved. */
export interface MemberChange {
  readonly seq: number;
  readonly claimId: string;
  readonly outcome: StoredOutcome;
  readonly payable: string;
  readonly needsReview: boolean;
  readonly adjustment?: StoredAdjustment;
}

/** Everything one arrival writes. */
export interface ArrivalPlan {
  readonly partition: string;
  readonly expectedVersion: number;
  readonly seq: number;
  readonly member: Member & { readonly needsReview: boolean };
  readonly changes: readonly MemberChange[];
  readonly ledger: readonly LedgerPosting[];
  readonly postedAt: string;
}

export type CommitResult = 'committed' | 'retry';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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
    const members: Member[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
          ExpressionAttributeValues: { ':pk': pk, ':c': 'C#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) members.push(toMember(item));
      start = page.LastEvaluatedKey;
    } while (start);
    const h = head.Item;
    return {
      partition,
      version: h ? Number(h.version) : 0,
      nextSeq: h ? Number(h.nextSeq) : 1,
      ...(h?.pending !== undefined ? { pending: Number(h.pending) } : {}),
      members,
    };
  }

  /** Where an accepted claimId lives, if anywhere. */
  async guard(claimId: string): Promise<Guard | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: guardPk(claimId), sk: 'ID' }, ConsistentRead: true }),
    );
    if (!r.Item) return undefined;
    return { partition: String(r.Item.partition), seq: Number(r.Item.seq), contentKey: String(r.Item.contentKey) };
  }

  /** One member by partition and seq. */
  async member(partition: string, seq: number): Promise<Member | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: partitionPk(partition), sk: memberSk(seq) } }));
    return r.Item ? toMember(r.Item) : undefined;
  }

  /** Records a refused delivery (same claimId, different content), once per distinct content. */
  async recordRefusal(claimId: string, contentKey: string, content: unknown, at: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: guardPk(claimId),
            sk: `REFUSED#${sha256(contentKey)}`,
            reason: 'CLAIM_ID_CONFLICT',
            content: JSON.stringify(content),
            at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }

  /** Months closed so far, with their closing instants. */
  async closes(): Promise<{ month: string; at: string }[]> {
    const out: { month: string; at: string }[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'CLOSE' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) out.push({ month: String(item.month), at: String(item.at) });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /**
   * Commits an arrival. 'retry' means another writer got there first (version, guard or a month
   * closed meanwhile): reload and decide again.
   */
  async commit(plan: ArrivalPlan): Promise<CommitResult> {
    const core = this.coreItems(plan);
    const projections = projectionGroups(this.tableName, plan.partition, plan.seq, plan.changes, plan.ledger);
    const flat = projections.flat();
    const overflow = core.length + 1 + flat.length > MAX_TRANSACTION_ITEMS;
    const headUpdate = this.headUpdate(plan, overflow);
    try {
      await this.transact([headUpdate, ...core, ...(overflow ? [] : flat)]);
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
    if (!r.Item) throw new Error(`arrival record ${partition} ${seq} is missing`);
    const changes = JSON.parse(String(r.Item.changes)) as MemberChange[];
    const ledger = JSON.parse(String(r.Item.ledger)) as LedgerPosting[];
    await this.writeChunks(partition, seq, projectionGroups(this.tableName, partition, seq, changes, ledger));
  }

  private async writeChunks(partition: string, seq: number, groups: TransactItem[][]): Promise<void> {
    const chunks: TransactItem[][] = [];
    let current: TransactItem[] = [];
    for (const g of groups) {
      if (current.length + g.length + 2 > MAX_TRANSACTION_ITEMS) {
        chunks.push(current);
        current = [];
      }
      current.push(...g);
    }
    chunks.push(current);
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
      try {
        await this.transact([marker, ...items, ...clear]);
      } catch (e) {
        // A chunk already applied fails on its marker: it is done.
        if (!isConflict(e)) throw e;
      }
    }
  }

  private headUpdate(plan: ArrivalPlan, overflow: boolean): TransactItem {
    const values: Record<string, unknown> = { ':v1': plan.expectedVersion + 1, ':n': plan.seq + 1 };
    if (plan.expectedVersion > 0) values[':v'] = plan.expectedVersion;
    if (overflow) values[':p'] = plan.seq;
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: partitionPk(plan.partition), sk: HEAD },
        UpdateExpression: `SET version = :v1, nextSeq = :n${overflow ? ', pending = :p' : ''}`,
        ConditionExpression: plan.expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v AND attribute_not_exists(pending)',
        ExpressionAttributeValues: values,
      },
    };
  }

  private coreItems(plan: ArrivalPlan): TransactItem[] {
    const m = plan.member;
    const t = this.tableName;
    const months = [...new Set(plan.ledger.map((l) => l.accountingMonth))].sort();
    return [
      {
        Put: {
          TableName: t,
          Item: { pk: guardPk(m.claimId), sk: 'ID', partition: plan.partition, seq: m.seq, contentKey: m.contentKey },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: t, Item: memberItem(plan.partition, m), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: t,
          Item: {
            pk: partitionPk(plan.partition),
            sk: arrivalSk(plan.seq),
            claimId: m.claimId,
            postedAt: plan.postedAt,
            changes: JSON.stringify(plan.changes),
            ledger: JSON.stringify(plan.ledger),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...months.map(
        (month): TransactItem => ({
          ConditionCheck: { TableName: t, Key: { pk: 'CLOSE', sk: `M#${month}` }, ConditionExpression: 'attribute_not_exists(pk)' },
        }),
      ),
    ];
  }

  private async transact(items: TransactItem[]): Promise<void> {
    await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
  }
}

/** Projections in groups that must stay in one transaction (a ledger entry with its running total). */
function projectionGroups(
  table: string,
  partition: string,
  seq: number,
  changes: readonly MemberChange[],
  ledger: readonly LedgerPosting[],
): TransactItem[][] {
  const groups: TransactItem[][] = changes.map((c) => [memberUpdate(table, partition, seq, c)]);
  ledger.forEach((l, i) => {
    const pk = ledgerPk(l.institutionId, l.accountingMonth);
    groups.push([
      {
        Put: {
          TableName: table,
          Item: {
            pk,
            sk: `E#${l.postedAt}#${partition}#${String(seq).padStart(10, '0')}#${String(i).padStart(4, '0')}#${l.claimId}`,
            ...l,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: table,
          Key: { pk, sk: 'TOTAL' },
          UpdateExpression: 'ADD payable :a, entries :one, priorPeriod :p SET institutionId = :i, #m = :m',
          ExpressionAttributeNames: { '#m': 'month' },
          ExpressionAttributeValues: {
            ':a': NumberValue.from(l.amount),
            ':one': 1,
            ':p': NumberValue.from(l.priorPeriod ? l.amount : '0'),
            ':i': l.institutionId,
            ':m': l.accountingMonth,
          },
        },
      },
    ]);
  });
  return mergeTotals(groups);
}

/** Two entries of one institution-month in one transaction would update TOTAL twice: merge them. */
function mergeTotals(groups: TransactItem[][]): TransactItem[][] {
  const byKey = new Map<string, TransactItem[]>();
  const out: TransactItem[][] = [];
  for (const g of groups) {
    const total = g.find((i) => i.Update && (i.Update.Key as { sk: string }).sk === 'TOTAL');
    if (!total?.Update) {
      out.push(g);
      continue;
    }
    const key = String((total.Update.Key as { pk: string }).pk);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, g);
      out.push(g);
      continue;
    }
    const prev = existing.find((i) => i.Update && (i.Update.Key as { sk: string }).sk === 'TOTAL') as TransactItem;
    const pv = prev.Update?.ExpressionAttributeValues as Record<string, NumberValue | number>;
    const nv = total.Update.ExpressionAttributeValues as Record<string, NumberValue | number>;
    pv[':a'] = NumberValue.from(addDecimalStrings(String(pv[':a']), String(nv[':a'])));
    pv[':p'] = NumberValue.from(addDecimalStrings(String(pv[':p']), String(nv[':p'])));
    pv[':one'] = Number(pv[':one']) + 1;
    existing.splice(existing.indexOf(prev), 0, ...g.filter((i) => i !== total));
  }
  return out;
}

function addDecimalStrings(a: string, b: string): string {
  // Ledger amounts are whole fen: add them as integers of fen, exactly.
  const toFen = (s: string) => {
    const neg = s.startsWith('-');
    const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
    const fen = BigInt(i as string) * 100n + BigInt((f + '00').slice(0, 2));
    return neg ? -fen : fen;
  };
  const total = toFen(a) + toFen(b);
  const abs = total < 0n ? -total : total;
  return `${total < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

function memberUpdate(table: string, partition: string, seq: number, c: MemberChange): TransactItem {
  const adjust = c.adjustment ? ', adjustments = list_append(if_not_exists(adjustments, :empty), :adj)' : '';
  return {
    Update: {
      TableName: table,
      Key: { pk: partitionPk(partition), sk: memberSk(c.seq) },
      UpdateExpression: `SET outcome = :o, payable = :p, lastArrival = :s, #st = :st${adjust}${c.needsReview ? ', gsi2pk = :rq' : ''}${c.needsReview ? '' : ' REMOVE gsi2pk'}`,
      ConditionExpression: 'lastArrival < :s',
      ExpressionAttributeNames: { '#st': 'status' },
      ExpressionAttributeValues: {
        ':o': c.outcome,
        ':p': c.payable,
        ':s': seq,
        ':st': c.outcome.status,
        ...(c.adjustment ? { ':adj': [c.adjustment], ':empty': [] } : {}),
        ...(c.needsReview ? { ':rq': REVIEW_QUEUE } : {}),
      },
    },
  };
}

function memberItem(partition: string, m: Member & { needsReview: boolean }): Record<string, unknown> {
  return {
    pk: partitionPk(partition),
    sk: memberSk(m.seq),
    seq: m.seq,
    claimId: m.claimId,
    kind: m.kind,
    institutionId: m.institutionId,
    submittedAt: m.submittedAt,
    submittedMonth: m.submittedMonth,
    content: JSON.stringify(m.content),
    contentKey: m.contentKey,
    outcome: m.outcome,
    status: m.outcome.status,
    payable: m.payable,
    adjustments: [],
    decidedAt: m.decidedAt,
    lastArrival: m.seq,
    gsi1pk: listingPk(m.institutionId, m.submittedMonth),
    gsi1sk: `${m.submittedAt}#${m.claimId}`,
    ...(m.needsReview ? { gsi2pk: REVIEW_QUEUE, gsi2sk: `${m.submittedAt}#${m.claimId}` } : {}),
  };
}

/** Reads a member item back. */
export function toMember(item: Record<string, unknown>): Member {
  return {
    seq: Number(item.seq),
    claimId: String(item.claimId),
    kind: String(item.kind),
    institutionId: String(item.institutionId),
    submittedAt: String(item.submittedAt),
    submittedMonth: String(item.submittedMonth),
    content: JSON.parse(String(item.content)),
    contentKey: String(item.contentKey),
    outcome: item.outcome as StoredOutcome,
    payable: String(item.payable),
    ...(item.review ? { review: item.review as Review } : {}),
    adjustments: (item.adjustments as StoredAdjustment[] | undefined) ?? [],
    decidedAt: String(item.decidedAt),
  };
}

/** A lost race: a condition failed (version moved, claim already stored, month closed meanwhile). */
export function isConflict(e: unknown): boolean {
  if (e instanceof TransactionCanceledException) {
    return (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
  }
  return e instanceof ConditionalCheckFailedException;
}
