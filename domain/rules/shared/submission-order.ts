/**
 * "Earlier submission" (DOMAIN.md §2, §4 rule 7, §5, §6): the earlier `submittedAt` instant, then
 * the smaller claimId in plain string order. Contested care and resident days, overlapping hospital
 * stays, bed grants and the construction budget all follow it.
 */
import { compareIds, compareInstants, type Instant } from '../../dates.ts';

/** Anything submitted: a claim. */
export interface Submitted {
  readonly submitted: Instant;
  readonly claimId: string;
}

/**
 * Negative when `a` was submitted before `b`: (submittedAt, claimId) order.
 * @example claims.sort(submissionOrder)
 */
export function submissionOrder(a: Submitted, b: Submitted): number {
  return compareInstants(a.submitted, b.submitted) || compareIds(a.claimId, b.claimId);
}

/**
 * The one of two claims submitted first (`a` when they are the same claim).
 * @example submittedFirst(cs1, cs2) === cs1 // cs1 has the earlier submittedAt, or the same and a smaller id
 */
export function submittedFirst<T extends Submitted>(a: T, b: T): T {
  return submissionOrder(a, b) <= 0 ? a : b;
}
