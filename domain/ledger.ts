/**
 * The ledger (DOMAIN.md §8, §10): every change of a claim's payable amount posts an entry, dated by
 * the processing clock, in the Asia/Shanghai month of its posting — or, when that month is already
 * closed, in the next open month as a prior-period item. Nothing posts into a closed month.
 */
import type { Claim } from './claims.ts';
import { compareInstants, formatDay, type Instant, monthOf, parseMonth, shanghaiDay } from './dates.ts';
import type { OutcomeChange } from './engine.ts';
import { InvariantError } from './errors.ts';
import { type Dec, money, ZERO } from './money.ts';
import type { Outcome } from './outcome.ts';

/** A month close: month M is final from instant `at` on. */
export interface MonthClose {
  readonly month: string;
  readonly at: Instant;
}

export interface LedgerEntry {
  readonly institutionId: string;
  readonly claimId: string;
  readonly kind: Claim['kind'];
  readonly amount: Dec;
  readonly postedAt: Instant;
  readonly accountingMonth: string;
  readonly priorPeriod: boolean;
  readonly triggeredBy: string;
}

/**
 * Payable: the fund amount while approved, partially approved or deferred (the funded part); 0 while
 * it needs review, or is rejected or invalid.
 * @example payableOf(needsReviewOutcome).toFixed(2) // '0.00'
 */
export function payableOf(o: Outcome | undefined): Dec {
  if (!o) return ZERO;
  return o.status === 'approved' || o.status === 'partially-approved' || o.status === 'deferred' ? o.fund : ZERO;
}

/**
 * A bureau adjudicator's decision on a claim that needs review. `adjust` pays less than proposed:
 * `amount` (2 decimals) is what the reviewer allows.
 */
export type ReviewDecision = { readonly decision: 'approve' | 'reject' } | { readonly decision: 'adjust'; readonly amount: string };

/**
 * Payable once reviews are taken into account: an approved review makes the proposed fund payable,
 * a rejected one keeps it at 0, an adjusting one pays the amount it allows — and never more than
 * the fund the engine proposes now, so a later re-adjudication that lowers the fund lowers the
 * payable with it. A review counts only while the claim still needs review.
 * @example payableAfterReview(needsReviewOutcome, { decision: 'adjust', amount: '9000.00' }) // 9000.00 (or the fund, if lower)
 */
export function payableAfterReview(o: Outcome, review: ReviewDecision | undefined): Dec {
  if (o.status !== 'needs-review' || !review) return payableOf(o);
  if (review.decision !== 'adjust') return review.decision === 'approve' ? o.fund : ZERO;
  const allowed = money(review.amount);
  return allowed.lessThan(o.fund) ? allowed : o.fund;
}

/**
 * The month after `YYYY-MM`.
 * @example nextMonth('2026-12') // '2027-01'
 */
export function nextMonth(month: string): string {
  const span = parseMonth(month);
  if (!span) throw new InvariantError(`invalid month ${month}`);
  return monthOf(span.last + 1);
}

/**
 * Whether `month` was closed at an instant ≤ `at`.
 * @example isClosedAt([{ month: '2026-03', at }], '2026-03', at) // true
 */
export function isClosedAt(closes: readonly MonthClose[], month: string, at: Instant): boolean {
  return closes.some((c) => c.month === month && compareInstants(c.at, at) <= 0);
}

/**
 * The accounting month of an entry posted at `postedAt`.
 * @example accountingMonth([], parseInstant('2026-01-31T20:00:00Z')!) // { month: '2026-02', priorPeriod: false }
 */
export function accountingMonth(closes: readonly MonthClose[], postedAt: Instant): { month: string; priorPeriod: boolean } {
  let month = formatDay(shanghaiDay(postedAt)).slice(0, 7);
  if (!isClosedAt(closes, month, postedAt)) return { month, priorPeriod: false };
  do month = nextMonth(month);
  while (isClosedAt(closes, month, postedAt));
  return { month, priorPeriod: true };
}

/**
 * The entries one arrival posts: one per claim whose payable amount changed.
 * @example entriesFor(arrival.changes, (id) => engine.claim(id)!, arrival.claim.claimId, postedAt, closes)[0]?.accountingMonth // '2026-04'
 */
export function entriesFor(
  changes: readonly OutcomeChange[],
  claimOf: (claimId: string) => Claim,
  triggeredBy: string,
  postedAt: Instant,
  closes: readonly MonthClose[],
): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const ch of changes) {
    const amount = payableOf(ch.after).minus(payableOf(ch.before));
    if (amount.isZero()) continue;
    const claim = claimOf(ch.claimId);
    const { month, priorPeriod } = accountingMonth(closes, postedAt);
    out.push({
      institutionId: claim.institutionId,
      claimId: ch.claimId,
      kind: claim.kind,
      amount,
      postedAt,
      accountingMonth: month,
      priorPeriod,
      triggeredBy,
    });
  }
  return out;
}
