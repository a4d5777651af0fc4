/**
 * Medical settlements (医保住院结算) and the continuous deductible (DOMAIN.md §5): the family's entry
 * point. Each rule sits in `medical/` in a file named after its reason code — the claim-level
 * `institution-not-designated.ts` and `overlapping-episode.ts` (UNKNOWN_PERSON and
 * UNKNOWN_INSTITUTION are shared, in `shared/`), then `referral-not-continuous.ts`, `deductible.ts`
 * and `annual-cap-reached.ts` — and `medical/adjudicate.ts` runs them in order.
 */
export { adjudicateMedicalClaims } from './medical/adjudicate.ts';
export { episodeOrder, inpatientDaysOf } from './medical/episode.ts';
