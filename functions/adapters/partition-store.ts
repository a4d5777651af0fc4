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
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type StoredOutcome, StoredOutcomeSchema } from '../../domain/claim-entry.ts';
import { formatDay, type Instant, parseInstant, shanghaiDay } from '../../domain/dates.ts';
import { loggablePartition } from '../http/pseudonym.ts';
import { arrivalSk, chunkSk, countKey, guardPk, HEAD, ledgerPk, listingPk, memberSk, partitionPk, REVIEW_QUEUE, sha256 } from './keys.ts';

export const MAX_TRANSACTION_ITEMS = 100;

/** The §9 rendering of an outcome, as stored on a member: the domain's type and schema. */
export type { StoredOutcome };

export interface Review {
  readonly decision: 'approve' | 'reject' | 'adjust';
  /** For `adjust`: the amount the reviewer allows, 2 decimals, below the proposed fund. */
  readonly amount?: string;
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

/**
 * Who sent a claim and how, as the submit function recorded it: an institution through POST /claims
 * (its submittedAt is the receive instant), or the bureau migrating a historical claim (its own
 * submittedAt). Claims put on the queue by other means carry none.
 */
export interface Provenance {
  readonly source: 'institution' | 'migration';
  /** The user from the token. */
  readonly by: string;
  /** When the API received it. */
  readonly receivedAt: string;
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
  readonly provenance?: Provenance;
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

  /**
   * Records a refused delivery (same claimId, different content), once per distinct content, and
   * counts it as received (not decided) in its institution's submission month.
   */
  async recordRefusal(claimId: string, contentKey: string, content: unknown, at: string): Promise<void> {
    const refusal: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: guardPk(claimId),
          sk: `REFUSED#${sha256(contentKey)}`,
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
      const recorded = e instanceof TransactionCanceledException && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
      if (!recorded) throw e;
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
    await this.writeChunks(partition, seq, projectionGroups(this.tableName, partition, seq, changes, ledger));
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
          if (markerAlreadyWritten(e)) break;
          if (!isConflict(e) || attempt >= 8) throw e;
          await new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** attempt)));
        }
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
      countUpdate(t, m.institutionId, m.submittedMonth, 1),
    ];
  }

  private async transact(items: TransactItem[]): Promise<void> {
    await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
  }
}

/** One projection: a member update, or a ledger entry with the running total it moves. */
type Projection =
  | { readonly kind: 'member'; readonly item: TransactItem }
  | {
      readonly kind: 'ledger';
      readonly entry: TransactItem;
      readonly totalKey: { pk: string; sk: string };
      readonly posting: LedgerPosting;
    };

function projectionGroups(
  table: string,
  partition: string,
  seq: number,
  changes: readonly MemberChange[],
  ledger: readonly LedgerPosting[],
): Projection[] {
  const out: Projection[] = changes.map((c) => ({ kind: 'member', item: memberUpdate(table, partition, seq, c) }));
  ledger.forEach((l, i) => {
    const pk = ledgerPk(l.institutionId, l.accountingMonth);
    out.push({
      kind: 'ledger',
      entry: {
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
      totalKey: { pk, sk: 'TOTAL' },
      posting: l,
    });
  });
  return out;
}

/**
 * Packs projections into transactions of at most `budget` items, deterministically (a roll-forward
 * rebuilds the same chunks). A ledger entry travels with its running total; entries of one
 * institution-month in the same transaction share one TOTAL update (an item may appear once).
 */
function pack(table: string, projections: readonly Projection[], budget: number): TransactItem[][] {
  const chunks: TransactItem[][] = [];
  let items: TransactItem[] = [];
  let totals = new Map<string, { payable: string; prior: string; entries: number; posting: LedgerPosting }>();
  const flush = () => {
    for (const [pk, t] of totals) items.push(totalUpdate(table, pk, t));
    chunks.push(items);
    items = [];
    totals = new Map();
  };
  for (const p of projections) {
    const needed = p.kind === 'member' ? 1 : totals.has(p.totalKey.pk) ? 1 : 2;
    if (items.length + totals.size + needed > budget && items.length > 0) flush();
    if (p.kind === 'member') {
      items.push(p.item);
      continue;
    }
    items.push(p.entry);
    const t = totals.get(p.totalKey.pk);
    const prior = p.posting.priorPeriod ? p.posting.amount : '0.00';
    if (t)
      Object.assign(t, {
        payable: addDecimalStrings(t.payable, p.posting.amount),
        prior: addDecimalStrings(t.prior, prior),
        entries: t.entries + 1,
      });
    else totals.set(p.totalKey.pk, { payable: p.posting.amount, prior, entries: 1, posting: p.posting });
  }
  if (items.length > 0 || chunks.length === 0) flush();
  return chunks;
}

function totalUpdate(
  table: string,
  pk: string,
  t: { payable: string; prior: string; entries: number; posting: LedgerPosting },
): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: { pk, sk: 'TOTAL' },
      UpdateExpression: 'ADD payable :a, entries :n, priorPeriod :p SET institutionId = :i, #m = :m',
      ExpressionAttributeNames: { '#m': 'month' },
      ExpressionAttributeValues: {
        ':a': NumberValue.from(t.payable),
        ':n': t.entries,
        ':p': NumberValue.from(t.prior),
        ':i': t.posting.institutionId,
        ':m': t.posting.accountingMonth,
      },
    },
  };
}

/**
 * The statement's control counters (DOMAIN.md §10) per institution and submission month, moved in
 * the same transaction as the decision (or refusal) they count: `received` and `decided`.
 */
function countUpdate(table: string, institutionId: string, month: string, decided: 0 | 1): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: countKey(institutionId, month),
      UpdateExpression: 'ADD received :one, decided :d SET institutionId = :i, #m = :m',
      ExpressionAttributeNames: { '#m': 'month' },
      ExpressionAttributeValues: { ':one': 1, ':d': decided, ':i': institutionId, ':m': month },
    },
  };
}

function monthOfInstant(instant: Instant): string {
  return formatDay(shanghaiDay(instant)).slice(0, 7);
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
    ...(m.provenance ? { provenance: m.provenance } : {}),
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
    outcome: StoredOutcomeSchema.parse(item.outcome),
    payable: String(item.payable),
    ...(item.review ? { review: item.review as Review } : {}),
    adjustments: (item.adjustments as StoredAdjustment[] | undefined) ?? [],
    decidedAt: String(item.decidedAt),
    ...(item.provenance ? { provenance: item.provenance as Provenance } : {}),
  };
}

/** The chunk marker (the first item) failed its condition: the chunk was written before. */
function markerAlreadyWritten(e: unknown): boolean {
  return e instanceof TransactionCanceledException && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
}

/** A lost race: a condition failed (version moved, claim already stored, month closed meanwhile). */
export function isConflict(e: unknown): boolean {
  if (e instanceof TransactionCanceledException) {
    return (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
  }
  return e instanceof ConditionalCheckFailedException;
}
