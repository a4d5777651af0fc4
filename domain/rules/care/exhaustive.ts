/**
 * The exhaustive, day-by-day care-service adjudication: the reference the fast path must equal, the
 * path taken whenever a cap or a plan frequency could bite, and the explainer.
 */
import type { Day } from '../../dates.ts';
import { ZERO } from '../../money.ts';
import type { Outcome } from '../../outcome.ts';
import type { RuleContext } from '../context.ts';
import { applyCaps } from './caps.ts';
import { dayFund } from './day-fund.ts';
import type { DayResult, UnitDecisions } from './decisions.ts';
import { duplicateServiceDays } from './duplicate-service-day.ts';
import { careOutcome } from './outcome.ts';
import { unitCode } from './pipeline.ts';
import { allowPlanFrequencies, type FrequencyUnit } from './plan-frequency-exceeded.ts';
import { factsOn, type PreparedCareClaim, unitsOf } from './prepared.ts';

const newDay = (day: Day): DayResult => ({
  day,
  charge: ZERO,
  covered: false,
  allowable: ZERO,
  fundBeforeCap: ZERO,
  monthlyCap: undefined,
  monthPaidBefore: undefined,
  afterMonthlyCap: ZERO,
  monthlyCut: false,
  paid: ZERO,
  capRemainingBefore: undefined,
  capCut: false,
  lostToClaim: undefined,
});

/**
 * Rules 6–7a, day funds and the caps for all care-service claims of one person, day by day. With
 * `explainWith` every outcome carries its explanation, rule by rule.
 * @example adjudicateCareExhaustive(prepared, inpatientDays, ctx).get('CS-1')?.explanation?.items
 */
export function adjudicateCareExhaustive(
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  explainWith?: RuleContext,
): Map<string, Outcome> {
  // Rules 6–6b, and which days each claim has (a unit on the day passed them).
  const decided = new Map<PreparedCareClaim, UnitDecisions>();
  const contenders: { claim: PreparedCareClaim['claim']; first: Day; last: Day; days: Day[]; p: PreparedCareClaim }[] = [];
  for (const p of prepared) {
    if (p.claimLevel.length > 0) continue;
    const units = unitsOf(p);
    const codes = units.map((u) => unitCode(u, u.day, inpatientDays));
    decided.set(p, { units, codes, frequency: [] });
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

  // Rule 7, then rule 7a over the units that passed 1–7 under a limited plan service, from every claim.
  const dayResults = new Map<PreparedCareClaim, Map<Day, DayResult>>();
  const limited: { d: UnitDecisions; i: number; unit: FrequencyUnit }[] = [];
  for (const [p, d] of decided) {
    const results = new Map<Day, DayResult>();
    const lost = lostDays.get(p);
    d.units.forEach((u, i) => {
      if (d.codes[i] !== undefined) return;
      let r = results.get(u.day);
      if (!r) {
        r = newDay(u.day);
        results.set(u.day, r);
      }
      const keeper = lost?.get(u.day);
      if (keeper) {
        d.codes[i] = 'DUPLICATE_SERVICE_DAY';
        r.lostToClaim = keeper.p.claim.claimId;
      } else if (u.limit) {
        const quantity = (p.claim.lines[u.line] as { quantity: number }).quantity;
        limited.push({ d, i, unit: { day: u.day, claimId: p.claim.claimId, line: u.line, quantity, limit: u.limit } });
      }
    });
    dayResults.set(p, results);
  }
  const counts = allowPlanFrequencies(limited.map((l) => l.unit));
  limited.forEach(({ d, i }, k) => {
    const count = counts[k];
    d.frequency[i] = count;
    if (count && count.allowed < count.quantity) d.codes[i] = 'PLAN_FREQUENCY_EXCEEDED';
  });

  // The day amounts, from the allowed units.
  const payable: { p: PreparedCareClaim; r: DayResult }[] = [];
  for (const [p, d] of decided) {
    const results = dayResults.get(p) as Map<Day, DayResult>;
    d.units.forEach((u, i) => {
      const count = d.frequency[i];
      const code = d.codes[i];
      if (code !== undefined && !(code === 'PLAN_FREQUENCY_EXCEEDED' && count && count.allowed > 0)) return;
      const r = results.get(u.day) as DayResult;
      r.covered = true;
      const line = p.claim.lines[u.line];
      r.charge = r.charge.plus(count && line ? line.unitPrice.times(count.allowed) : u.amount);
    });
    for (const r of results.values()) {
      if (r.lostToClaim !== undefined || !r.covered) continue;
      const { allowable, fund } = dayFund(r.charge, factsOn(p, r.day));
      r.allowable = allowable;
      r.fundBeforeCap = fund;
      payable.push({ p, r });
    }
  }

  applyCaps(payable);

  const outcomes = new Map<string, Outcome>();
  const explain = explainWith ? { ctx: explainWith, inpatientDays } : undefined;
  for (const p of prepared) outcomes.set(p.claim.claimId, careOutcome(p, decided.get(p), dayResults.get(p), explain));
  return outcomes;
}
