/**
 * `OVERLAPPING_EPISODE` (DOMAIN.md §5, claim level): nobody is in two hospitals at once. A stay whose
 * [admittedOn, dischargedOn) meets that of another stay of the same person — one that passed the other
 * claim-level rules and was submitted earlier (submittedAt, then claimId) — is rejected.
 */
import type { MedicalSettlementClaim } from '../../claims.ts';
import type { Rule } from '../rule.ts';
import { submissionOrder } from '../shared/submission-order.ts';
import { staysOverlap } from './episode.ts';

/** A stay and the person's stays that passed the other claim-level rules. */
export interface StayAmongOthers {
  readonly claim: MedicalSettlementClaim;
  readonly others: readonly MedicalSettlementClaim[];
}

/** The earlier-submitted stay this one overlaps, if any. */
function overlappedBy({ claim, others }: StayAmongOthers): MedicalSettlementClaim | undefined {
  return others.find((o) => o !== claim && staysOverlap(claim, o) && submissionOrder(o, claim) < 0);
}

/**
 * @example overlappingEpisode.held({ claim: ms2, others: [ms1, ms2] }) // false when MS-1 overlaps and came first
 */
export const overlappingEpisode: Rule<StayAmongOthers> = {
  code: 'OVERLAPPING_EPISODE',
  held: (s) => overlappedBy(s) === undefined,
  saw: (s) => ({ overlapsEarlierStay: overlappedBy(s)?.claimId ?? null }),
};
