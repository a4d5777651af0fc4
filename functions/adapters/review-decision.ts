/**
 * The seam between a stored review (what the bureau recorded, with who and why) and the domain's
 * ReviewDecision (what decides the payable amount).
 */
import type { ReviewDecision } from '../../domain/ledger.ts';
import type { Review } from './partition-store.ts';

/**
 * The domain's view of a stored review.
 * @example asDecision({ decision: 'adjust', amount: '9000.00', adjudicator, reason, at }) // { decision: 'adjust', amount: '9000.00' }
 */
export function asDecision(review: Review | undefined): ReviewDecision | undefined {
  if (!review) return undefined;
  if (review.decision !== 'adjust') return { decision: review.decision };
  // Stored only after checkAdjustment in apply-review.ts; a missing amount would be corruption.
  if (review.amount === undefined) throw new Error(`adjusting review without an amount (at ${review.at})`);
  return { decision: 'adjust', amount: review.amount };
}
