/**
 * `BUDGET_EXHAUSTED` (DOMAIN.md §6, seed 001: 700余万元): annualBudget per calendar year (Asia/Shanghai)
 * of submittedAt, shared by all construction claims, funded in (submittedAt, claimId) order; the part
 * that does not fit is the claim's deferredAmount (status `deferred`). Deferred money is not carried
 * over automatically: the bureau decides on it.
 */
import type { ConstructionSubsidyClaim } from '../../claims.ts';
import { type Day, parseMonth } from '../../dates.ts';
import { type Dec, fmt } from '../../money.ts';
import type { RuleContext } from '../context.ts';
import type { Rule } from '../rule.ts';
import { DrawDown } from '../shared/draw-down.ts';

/** What the budget funded of one claim. */
export interface BudgetShare {
  readonly funded: Dec;
  readonly deferred: Dec;
  readonly budgetRemainingBefore: Dec;
}

/**
 * Funds a budget year's claims, given in (submittedAt, claimId) order, from the budget of the version
 * in force on 1 January.
 * @example fundBudgetYear(ctx, 2026, claims).get('SUB-3')?.deferred.toFixed(2) // '4000.00'
 */
export function fundBudgetYear(
  ctx: RuleContext,
  year: number,
  claimsInOrder: readonly { claim: ConstructionSubsidyClaim; amount: Dec }[],
): Map<string, BudgetShare> {
  const firstDay = (parseMonth(`${String(year).padStart(4, '0')}-01`) as { first: Day }).first;
  const version = ctx.policy.at(firstDay);
  const budget = new DrawDown<number>();
  const out = new Map<string, BudgetShare>();
  for (const { claim, amount } of claimsInOrder) {
    const { before, paid } = budget.draw(year, () => version.dec(version.document.subsidy.annualBudget), amount);
    out.set(claim.claimId, { funded: paid, deferred: amount.minus(paid), budgetRemainingBefore: before });
  }
  return out;
}

/** @example budgetExhausted.held({ funded: money('9000.00'), deferred: money('4000.00'), budgetRemainingBefore: money('9000.00') }) // false */
export const budgetExhausted: Rule<BudgetShare> = {
  code: 'BUDGET_EXHAUSTED',
  held: (s) => !s.deferred.greaterThan(0),
  saw: (s) => ({ budgetRemainingBefore: fmt(s.budgetRemainingBefore), funded: fmt(s.funded), deferred: fmt(s.deferred) }),
};
