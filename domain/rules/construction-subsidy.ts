/**
 * Construction subsidies (建设补贴, 改造提升, DOMAIN.md §6): the family's entry point. Rates come from
 * seed 001 (新建每张1.3万元, 改造提升每张0.4万元). Each rule sits in `construction/` in a file named after
 * its reason code: the claim-level `project-type-not-covered.ts`, `before-policy-effective.ts`,
 * `medical-facility-required.ts`, `nursing-bed-ratio.ts` (UNKNOWN_INSTITUTION is shared, in `shared/`);
 * the bed rules in `bed-rules.ts`; `capped-by-request.ts`; and the budget in `budget-exhausted.ts`.
 */
export { type BedDecision, decideBeds } from './construction/beds.ts';
export { type BudgetShare, fundBudgetYear } from './construction/budget-exhausted.ts';
export { constructionOutcome } from './construction/outcome.ts';
export { type PreparedConstructionClaim, prepareConstructionClaim } from './construction/prepare.ts';
