/**
 * Care-service claims (长期护理保险 护理服务费用, DOMAIN.md §4): the family's entry point. Read
 * `care/pipeline.ts` first: it lists the rules in order, each in a file named after its reason code.
 *
 * - on acceptance, `prepareCareClaim` (care/prepare.ts) applies the claim-level rules and rules 1–5;
 * - on every adjudication of the person, `adjudicateCareClaims` applies rule 6 (inpatient days),
 *   rule 7 (duplicate days), the day's fund and the annual cap: by the fast path (care/fast-path.ts)
 *   when no cap can bite, else day by day (care/exhaustive.ts), which also explains.
 */
import type { Day } from '../dates.ts';
import type { Outcome } from '../outcome.ts';
import { adjudicateCareExhaustive } from './care/exhaustive.ts';
import { adjudicateCareFast } from './care/fast-path.ts';
import type { PreparedCareClaim } from './care/prepared.ts';
import type { RuleContext } from './context.ts';

export { prepareCareClaim } from './care/prepare.ts';
export type { PreparedCareClaim } from './care/prepared.ts';

/**
 * Rules 6 and 7, day funds and the annual cap for all care-service claims of one person, added to
 * `out` (a new Map by default).
 * `inpatientDays` are the person's inpatient days from every validated medical settlement; pass the
 * same Set object while they do not change, so each claim's day amounts are computed only once.
 * @example adjudicateCareClaims(ctx, person.care, person.inpatient).get('CS-1')?.status // 'approved'
 */
export function adjudicateCareClaims(
  ctx: RuleContext,
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  explain = false,
  out = new Map<string, Outcome>(),
): Map<string, Outcome> {
  const decided = explain ? undefined : adjudicateCareFast(prepared, inpatientDays, out);
  if (decided) return decided;
  for (const [id, o] of adjudicateCareExhaustive(prepared, inpatientDays, explain ? ctx : undefined)) out.set(id, o);
  return out;
}

/**
 * The exhaustive, day-by-day adjudication alone (the reference the fast path is tested against).
 * @example adjudicateCareClaimsExhaustive(ctx, person.care, person.inpatient)
 */
export function adjudicateCareClaimsExhaustive(
  ctx: RuleContext,
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  explain = false,
): Map<string, Outcome> {
  return adjudicateCareExhaustive(prepared, inpatientDays, explain ? ctx : undefined);
}
