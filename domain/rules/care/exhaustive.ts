/**
 * The exhaustive, day-by-day care-service adjudication: the reference the fast path must equal, the
 * path taken whenever a cap could bite, and the explainer.
 */
import type { Day } from '../../dates.ts';
import { ZERO } from '../../money.ts';
import type { Outcome } from '../../outcome.ts';
import type { RuleContext } from '../context.ts';
import { applyAnnualCap } from './annual-cap-reached.ts';
import { dayFund } from './day-fund.ts';
import type { DayResult, UnitDecisions } from './decisions.ts';
import { duplicateServiceDays } from './duplicate-service-day.ts';
import { careOutcome } from './outcome.ts';
import { unitCode } from './pipeline.ts';
import { factsOn, type PreparedCareClaim, unitsOf } from './prepared.ts';

const newDay = (day: Day): DayResult => ({
  day,
  charge: ZERO,
  allowable: ZERO,
  fundBeforeCap: ZERO,
  paid: ZERO,
  capRemainingBefore: undefined,
  capCut: false,
  lostToClaim: undefined,
});

/**
 * Rules 6 and 7, day funds and the annual cap for all care-service claims of one person, day by day.
 * With `explainWith` every outcome carries its explanation, rule by rule.
 * @example adjudicateCareExhaustive(prepared, inpatientDays, ctx).get('CS-1')?.explanation?.items
 */
export function adjudicateCareExhaustive(
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  explainWith?: RuleContext,
): Map<string, Outcome> {
  // Rule 6, and which days each claim has (a unit on the day passed rules 1–6).
  const decided = new Map<PreparedCareClaim, UnitDecisions>();
  const contenders: { claim: PreparedCareClaim['claim']; first: Day; last: Day; days: Day[]; p: PreparedCareClaim }[] = [];
  for (const p of prepared) {
    if (p.claimLevel.length > 0) continue;
    const units = unitsOf(p);
    const codes = units.map((u) => unitCode(u.failed, u.day, inpatientDays));
    decided.set(p, { units, codes });
    const days = units.filter((_, i) => codes[i] === undefined).map((u) => u.day);
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const d of days) {
      first = Math.min(first, d);
      last = Math.max(last, d);
    }
    contenders.push({ claim: p.claim, first, last, days, p });
  }
  const lostDays = new Map<PreparedCareClaim, ReadonlyMap<Day, { p: PreparedCareClaim }>>();
  for (const [c, days] of duplicateServiceDays(contenders)) lostDays.set(c.p, days);

  // Rule 7 and the day amounts.
  const dayResults = new Map<PreparedCareClaim, Map<Day, DayResult>>();
  const payable: { p: PreparedCareClaim; r: DayResult }[] = [];
  for (const [p, { units, codes }] of decided) {
    const results = new Map<Day, DayResult>();
    const lost = lostDays.get(p);
    units.forEach((u, i) => {
      if (codes[i] !== undefined) return;
      let r = results.get(u.day);
      if (!r) {
        r = newDay(u.day);
        results.set(u.day, r);
      }
      const keeper = lost?.get(u.day);
      if (keeper) {
        codes[i] = 'DUPLICATE_SERVICE_DAY';
        r.lostToClaim = keeper.p.claim.claimId;
        return;
      }
      r.charge = r.charge.plus(u.amount);
    });
    for (const r of results.values()) {
      if (r.lostToClaim !== undefined) continue;
      const { allowable, fund } = dayFund(r.charge, factsOn(p, r.day));
      r.allowable = allowable;
      r.fundBeforeCap = fund;
      payable.push({ p, r });
    }
    dayResults.set(p, results);
  }

  applyAnnualCap(payable);

  const outcomes = new Map<string, Outcome>();
  const explain = explainWith ? { ctx: explainWith, inpatientDays } : undefined;
  for (const p of prepared) outcomes.set(p.claim.claimId, careOutcome(p, decided.get(p), dayResults.get(p), explain));
  return outcomes;
}
