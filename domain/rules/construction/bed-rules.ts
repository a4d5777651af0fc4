/**
 * The bed-level rules (DOMAIN.md §6), in this order, over one institution's claims that passed the
 * claim-level rules, in (submittedAt, claimId, listed) order. A bed counts as granted once it passes
 * them, whatever is later funded or deferred.
 */
import type { Rule } from '../rule.ts';
import { bedAlreadySubsidized } from './bed-already-subsidized.ts';
import type { BedView } from './bed-view.ts';
import { duplicateBedInClaim } from './duplicate-bed-in-claim.ts';
import { exceedsNursingBeds } from './exceeds-nursing-beds.ts';

/**
 * The bed rules in order: the first that fails decides the bed.
 * @example firstFailing(BED_RULES, view) // 'BED_ALREADY_SUBSIDIZED', or undefined for a granted bed
 */
export const BED_RULES: readonly Rule<BedView>[] = [duplicateBedInClaim, bedAlreadySubsidized, exceedsNursingBeds];
