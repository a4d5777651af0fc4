/**
 * The explanation of a care-service decision, rule by rule: the claim-level checks, then per service
 * day the facts used (grade in force, daily cap or family-care allowance, ratio, the amount before and
 * after rounding, the month's package used and left, the annual cap remaining) and per unit the rules
 * it met, in pipeline order, up to the one that decided (the care plan matched and its counts so far,
 * the visit's minutes against the minimum).
 */
import type { CareLine } from '../../claims.ts';
import { type Day, formatDay } from '../../dates.ts';
import { type Dec, fmt, ZERO } from '../../money.ts';
import { assessmentInForce } from '../../registry.ts';
import type { RuleContext } from '../context.ts';
import { check, checksUntilFailure, type RuleCheck } from '../rule.ts';
import { unknownInstitution } from '../shared/unknown-institution.ts';
import { unknownPerson } from '../shared/unknown-person.ts';
import { annualCapReached } from './annual-cap-reached.ts';
import type { CappedDay } from './caps.ts';
import type { CareUnit } from './care-unit.ts';
import type { DayResult, ExplainWith, UnitDecisions } from './decisions.ts';
import { duplicateServiceDay } from './duplicate-service-day.ts';
import { inpatientOverlap } from './inpatient-overlap.ts';
import { monthlyCapReached } from './monthly-cap-reached.ts';
import { RULES_AFTER_INPATIENT, RULES_ON_ACCEPTANCE } from './pipeline.ts';
import { type FrequencyCount, planFrequencyExceeded } from './plan-frequency-exceeded.ts';
import type { PreparedCareClaim, Unit } from './prepared.ts';

/**
 * UNKNOWN_PERSON and UNKNOWN_INSTITUTION as they were applied.
 * @example careClaimRules(ctx, p).map((c) => c.held) // [true, true]
 */
export function careClaimRules(ctx: RuleContext, p: PreparedCareClaim): RuleCheck[] {
  return [
    check(unknownPerson, { registry: ctx.registry, personId: p.claim.personId }),
    check(unknownInstitution, { registry: ctx.registry, institutionId: p.claim.institutionId }),
  ];
}

/** Rules 1–7a for one unit, in order, up to the first that failed (the §11 rules only where they apply). */
function unitRules(
  { ctx, inpatientDays }: ExplainWith,
  p: PreparedCareClaim,
  u: Unit,
  r: DayResult | undefined,
  frequency: FrequencyCount | undefined,
): RuleCheck[] {
  const person = ctx.registry.persons.get(p.claim.personId);
  const institution = ctx.registry.institutions.get(p.claim.institutionId);
  if (!person || !institution) return [];
  const ltc = ctx.policy.at(u.day).document.ltc;
  const unit: CareUnit = {
    claim: p.claim,
    line: p.claim.lines[u.line] as CareLine,
    day: u.day,
    person,
    institution,
    ltc,
    assessment: assessmentInForce(person, u.day, ltc.validityMonths, ltc.benefitStart),
  };
  const checks = checksUntilFailure(RULES_ON_ACCEPTANCE, unit);
  if (checks.some((c) => !c.held)) return checks;
  const inpatient = check(inpatientOverlap, { day: u.day, inpatient: inpatientDays });
  checks.push(inpatient);
  if (!inpatient.held) return checks;
  checks.push(...checksUntilFailure(RULES_AFTER_INPATIENT, unit));
  if (checks.some((c) => !c.held)) return checks;
  const kept = check(duplicateServiceDay, { day: u.day, keptBy: r?.lostToClaim });
  checks.push(kept);
  if (kept.held && frequency) checks.push(check(planFrequencyExceeded, frequency));
  return checks;
}

/** The caps of a paid day, in the pass's order: the month's package where there is one, then the year's. */
const capChecks = (r: CappedDay): RuleCheck[] =>
  [monthlyCapReached, annualCapReached].filter((rule) => !rule.applies || rule.applies(r)).map((rule) => check(rule, r));

/**
 * The explanation of a claim that passed the claim-level rules.
 * @example explainCare(explain, p, decided, days, fund).items[0]?.units // [{ line: 0, …, decidedBy: 'COVERED', rules: […] }]
 */
export function explainCare(
  explain: ExplainWith,
  p: PreparedCareClaim,
  { units, codes, frequency }: UnitDecisions,
  days: ReadonlyMap<Day, DayResult>,
  fund: Dec,
) {
  const byDay = new Map<Day, Record<string, unknown>[]>();
  units.forEach((u, i) => {
    const line = p.claim.lines[u.line];
    const list = byDay.get(u.day) ?? [];
    list.push({
      line: u.line,
      serviceCode: line?.serviceCode,
      quantity: line?.quantity,
      unitPrice: line?.unitPrice.toString(),
      charge: u.amount.toString(),
      decidedBy: codes[i] ?? 'COVERED',
      rules: unitRules(explain, p, u, days.get(u.day), frequency[i]),
    });
    byDay.set(u.day, list);
  });
  const items = [...byDay.keys()]
    .sort((a, b) => a - b)
    .map((d) => {
      const facts = p.facts[d - p.firstDay];
      const r = days.get(d);
      return {
        date: formatDay(d),
        units: byDay.get(d),
        gradeInForce: facts?.grade ?? null,
        dailyCap: facts?.dailyCap?.toFixed(2) ?? null,
        ...(facts?.allowance !== undefined ? { dailyAllowance: fmt(facts.allowance) } : {}),
        ratio: facts?.ratio.toString() ?? null,
        ...(r && r.lostToClaim === undefined && r.covered
          ? {
              charge: r.charge.toString(),
              allowable: r.allowable.toString(),
              fundBeforeRounding: r.allowable.times(facts?.ratio ?? 0).toString(),
              fund: fmt(r.fundBeforeCap),
              ...(r.monthlyCap !== undefined
                ? {
                    monthlyCap: fmt(r.monthlyCap),
                    monthUsedBefore: fmt(r.monthPaidBefore ?? ZERO),
                    afterMonthlyCap: fmt(r.afterMonthlyCap),
                    monthlyCapReached: r.monthlyCut,
                  }
                : {}),
              annualCapRemaining: r.capRemainingBefore ? fmt(r.capRemainingBefore) : null,
              paid: fmt(r.paid),
              annualCapReached: r.capCut,
              rules: capChecks(r),
            }
          : r?.lostToClaim !== undefined
            ? { keptBy: r.lostToClaim, paid: '0.00' }
            : { paid: '0.00' }),
      };
    });
  return {
    claimRules: careClaimRules(explain.ctx, p),
    items,
    // A family-care claim has no bill: charged is its fund amount (§11.5).
    facts: {
      setting: p.claim.setting,
      charged: fmt(p.claim.setting === 'family-care' ? fund : p.charged),
      fund: fmt(fund),
      reviewThreshold: fmt(p.reviewThreshold),
    },
  };
}
