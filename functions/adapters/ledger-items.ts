/**
 * The ledger's items (see keys.ts), written by the adjudicator's arrivals and by reviews alike: an
 * entry per payable change, the running total of its institution and accounting month (which the
 * statement reads instead of the entries), the check that the month is still open, and the
 * statement's control counters. Amounts are whole fen, summed with `domain/fen.ts`.
 */
import { NumberValue } from '@aws-sdk/lib-dynamodb';
import * as fen from '../../domain/fen.ts';
import { closeKey, countKey, ledgerEntrySk, totalKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

export interface LedgerPosting {
  readonly institutionId: string;
  readonly claimId: string;
  readonly kind: string;
  readonly amount: string;
  readonly postedAt: string;
  readonly accountingMonth: string;
  readonly priorPeriod: boolean;
  /** The arriving claim's id, or a reference change's id (then `triggerType` says so). */
  readonly triggeredBy: string;
  readonly triggerType?: 'reference-change';
}

/** What one transaction adds to one running total: the entries of one institution and month. */
export interface TotalIncrement {
  readonly institutionId: string;
  readonly month: string;
  readonly payable: fen.Fen;
  /** The part posted into a month after its close (DOMAIN.md §8 prior-period items). */
  readonly prior: fen.Fen;
  readonly entries: number;
}

/**
 * The increment with one more posting (a new increment for the posting's institution and month when
 * `to` is undefined).
 * @example addPosting(undefined, posting).entries // 1
 */
export function addPosting(to: TotalIncrement | undefined, l: LedgerPosting): TotalIncrement {
  const amount = fen.parse(l.amount);
  const prior = l.priorPeriod ? amount : fen.ZERO;
  if (!to) return { institutionId: l.institutionId, month: l.accountingMonth, payable: amount, prior, entries: 1 };
  return { ...to, payable: fen.add(to.payable, amount), prior: fen.add(to.prior, prior), entries: to.entries + 1 };
}

/** A ledger entry, written once. */
export function entryPut(table: string, l: LedgerPosting, sk: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { pk: totalKey(l.institutionId, l.accountingMonth).pk, sk, ...l },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Moves a running total by an increment; an item may appear once in a transaction, so entries share it. */
export function totalUpdate(table: string, t: TotalIncrement): TransactItem {
  // Named for what it adds: one entry (a review's, or an arrival's only one) or several.
  const entries = t.entries === 1 ? ':one' : ':n';
  return {
    Update: {
      TableName: table,
      Key: totalKey(t.institutionId, t.month),
      UpdateExpression: `ADD payable :a, entries ${entries}, priorPeriod :p SET institutionId = :i, #m = :m`,
      ExpressionAttributeNames: { '#m': 'month' },
      ExpressionAttributeValues: {
        ':a': NumberValue.from(fen.format(t.payable)),
        [entries]: t.entries,
        ':p': NumberValue.from(fen.format(t.prior)),
        ':i': t.institutionId,
        ':m': t.month,
      },
    },
  };
}

/** Fails the transaction if the month was closed meanwhile. */
export function openMonthCheck(table: string, month: string): TransactItem {
  return { ConditionCheck: { TableName: table, Key: closeKey(month), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * One posting on its own, as a review writes it: the entry, its running total and the open-month check.
 * @example postingItems(table, posting, ledgerEntrySk(posting.postedAt, partition, seq, 'review', posting.claimId))
 */
export function postingItems(table: string, l: LedgerPosting, sk: string): TransactItem[] {
  return [entryPut(table, l, sk), totalUpdate(table, addPosting(undefined, l)), openMonthCheck(table, l.accountingMonth)];
}

/** The sort key of the `index`-th entry an arrival posts. */
export const arrivalEntrySk = (l: LedgerPosting, partition: string, seq: number, index: number) =>
  ledgerEntrySk(l.postedAt, partition, seq, index, l.claimId);

/**
 * The statement's control counters (DOMAIN.md §10) per institution and submission month, moved in
 * the same transaction as the decision (or refusal) they count: `received` and `decided`.
 */
export function countUpdate(table: string, institutionId: string, month: string, decided: 0 | 1): TransactItem {
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
