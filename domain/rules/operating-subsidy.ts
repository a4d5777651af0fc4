/**
 * Operating subsidies (运营补贴, DOMAIN.md §6): the family's entry point. A base per occupied bed-month
 * raised by each day's disability grade (`operating/day-value.ts`), pro-rated by day. Each rule sits
 * in `operating/` in a file named after its reason code: the claim-level
 * `institution-type-not-covered.ts` and `operating-too-short.ts` (UNKNOWN_INSTITUTION and the resident
 * rule UNKNOWN_PERSON are shared, in `shared/`), the resident rule `special-hardship-excluded.ts`, and
 * `duplicate-service-day.ts`, where a resident day claimed twice goes to the earlier claim.
 */
export { type ResidentEntry, type ResidentShare, shareResidentMonth } from './operating/duplicate-service-day.ts';
export { operatingOutcome } from './operating/outcome.ts';
export { type PreparedOperatingClaim, type PreparedResident, prepareOperatingClaim } from './operating/prepare.ts';
