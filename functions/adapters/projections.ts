/**
 * An arrival's projections — the member updates and ledger entries its decision implies — and how
 * they are packed into transactions: with the arrival's core items when they fit in one, otherwise in
 * marked chunks (partition-store.ts). The packing is deterministic, so a roll-forward from the
 * arrival record rebuilds the very chunks the first writer planned.
 */
import { addPosting, arrivalEntrySk, entryPut, type LedgerPosting, type TotalIncrement, totalUpdate } from './ledger-items.ts';
import { type MemberChange, memberUpdate } from './member-items.ts';
import type { TransactItem } from './transact.ts';

/** One projection: a member update, or a ledger entry with the running total it moves. */
export type Projection =
  | { readonly kind: 'member'; readonly item: TransactItem }
  | { readonly kind: 'ledger'; readonly entry: TransactItem; readonly posting: LedgerPosting };

/** The projections of arrival `seq`: its member changes, then its ledger entries in posting order. */
export function projectionsOf(
  table: string,
  partition: string,
  seq: number,
  changes: readonly MemberChange[],
  ledger: readonly LedgerPosting[],
): Projection[] {
  return [
    ...changes.map((c): Projection => ({ kind: 'member', item: memberUpdate(table, partition, seq, c) })),
    ...ledger.map((l, i): Projection => ({ kind: 'ledger', entry: entryPut(table, l, arrivalEntrySk(l, partition, seq, i)), posting: l })),
  ];
}

const totalOf = (l: LedgerPosting) => `${l.institutionId}\u0000${l.accountingMonth}`;

/**
 * Packs projections into transactions of at most `budget` items, deterministically. A ledger entry
 * travels with its running total; entries of one institution-month in the same transaction share one
 * total update (an item may appear once in a transaction).
 */
export function pack(table: string, projections: readonly Projection[], budget: number): TransactItem[][] {
  const chunks: TransactItem[][] = [];
  let items: TransactItem[] = [];
  let totals = new Map<string, TotalIncrement>();
  const flush = () => {
    for (const t of totals.values()) items.push(totalUpdate(table, t));
    chunks.push(items);
    items = [];
    totals = new Map();
  };
  for (const p of projections) {
    const needed = p.kind === 'member' || totals.has(totalOf(p.posting)) ? 1 : 2;
    if (items.length + totals.size + needed > budget && items.length > 0) flush();
    if (p.kind === 'member') {
      items.push(p.item);
      continue;
    }
    items.push(p.entry);
    totals.set(totalOf(p.posting), addPosting(totals.get(totalOf(p.posting)), p.posting));
  }
  if (items.length > 0 || chunks.length === 0) flush();
  return chunks;
}
