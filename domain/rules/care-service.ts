/**
 * Care-service claims (长期护理保险 护理服务费用, DOMAIN.md §4).
 *
 * Rules 1–5 depend only on the claim, the registry and the policy, so they are evaluated once when
 * the claim is accepted (`prepareCareClaim`). Rule 6 (inpatient days), rule 7 (duplicate days) and
 * the annual cap depend on the person's other claims and run in `adjudicateCareClaims`.
 */
import type { CareServiceClaim } from '../claims.ts';
import { addMonths, compareIds, compareInstants, type Day, formatDay, type Instant, yearOf } from '../dates.ts';
import { type Dec, fmt, minDec, roundFen, ZERO } from '../money.ts';
import { baseStatus, type Outcome, type RuleCheck, sortedCodes } from '../outcome.ts';
import { capAtOne } from '../policy/schema.ts';
import type { ReasonCode } from '../reasons.ts';
import { assessmentInForce, isDesignated } from '../registry.ts';
import type { RuleContext } from './context.ts';

/** One unit group: a line on one day (quantity units of one code). */
interface Unit {
  readonly line: number;
  readonly day: Day;
  readonly amount: Dec;
  /** The first of rules 1–5 that failed, if any. */
  readonly failed: ReasonCode | undefined;
}

/** The facts of one service day that do not depend on other claims. */
interface DayFacts {
  readonly grade: number | undefined;
  readonly dailyCap: Dec | undefined;
  readonly ratio: Dec;
  readonly annualCap: Dec;
}

/** A care-service claim with rules 1–5 applied. */
export interface PreparedCareClaim {
  readonly claim: CareServiceClaim;
  readonly claimLevel: readonly ReasonCode[];
  readonly units: readonly Unit[];
  readonly days: ReadonlyMap<Day, DayFacts>;
  readonly charged: Dec;
  readonly reviewThreshold: Dec;
}

/** Claim-level rules, then rules 1–5 for every unit. */
export function prepareCareClaim(ctx: RuleContext, claim: CareServiceClaim): PreparedCareClaim {
  const person = ctx.registry.persons.get(claim.personId);
  const inst = ctx.registry.institutions.get(claim.institutionId);
  const claimLevel: ReasonCode[] = [];
  if (!person) claimLevel.push('UNKNOWN_PERSON');
  if (!inst) claimLevel.push('UNKNOWN_INSTITUTION');
  const charged = roundFen(claim.lines.reduce((s, l) => s.plus(l.unitPrice.times(l.quantity * (l.to - l.from + 1))), ZERO));
  const reviewThreshold = ctx.policy.at(claim.period.from).dec(ctx.policy.at(claim.period.from).document.ltc.reviewThreshold);
  const units: Unit[] = [];
  const days = new Map<Day, DayFacts>();
  if (!person || !inst) return { claim, claimLevel, units, days, charged, reviewThreshold };

  const setting = claim.setting;
  for (const line of claim.lines) {
    const amount = line.unitPrice.times(line.quantity);
    for (let d = line.from; d <= line.to; d++) {
      const version = ctx.policy.at(d);
      const ltc = version.document.ltc;
      let facts = days.get(d);
      const assessment = assessmentInForce(person, d, ltc.validityMonths);
      if (!facts) {
        const grade = assessment?.grade;
        const capText =
          setting === 'medical-care'
            ? inst.hospitalLevel === undefined
              ? undefined
              : ltc.dailyCap['medical-care'][String(inst.hospitalLevel) as '1' | '2' | '3']
            : grade === undefined
              ? undefined
              : ltc.dailyCap[setting][String(grade) as '0'];
        const base = version.dec(ltc.fundRatio[person.insuredType]);
        const ratio = setting === 'home-visit' ? capAtOne(base.plus(version.dec(ltc.homeVisitRatioBonus))) : base;
        facts = { grade, dailyCap: capText === undefined ? undefined : version.dec(capText), ratio, annualCap: version.dec(ltc.annualCap) };
        days.set(d, facts);
      }
      let failed: ReasonCode | undefined;
      if (!ltc.catalog[setting].includes(line.serviceCode)) failed = 'SERVICE_NOT_COVERED';
      else if (d < addMonths(person.enrolledOn, ltc.waitingPeriodMonths)) failed = 'WAITING_PERIOD';
      else if (!assessment) failed = 'NO_VALID_ASSESSMENT';
      else if (!ltc.eligibleGrades.includes(assessment.grade)) failed = 'GRADE_NOT_ELIGIBLE';
      else if (
        !isDesignated(inst, 'ltc', d, setting) ||
        (setting === 'medical-care' && (inst.institutionType !== 'hospital' || inst.hospitalLevel === undefined))
      )
        failed = 'INSTITUTION_NOT_DESIGNATED';
      units.push({ line: line.index, day: d, amount, failed });
    }
  }
  return { claim, claimLevel, units, days, charged, reviewThreshold };
}

/** The claim that keeps a day contested by several: earlier submittedAt, then smaller claimId. */
export function earlierClaim<T extends { submitted: Instant; claimId: string }>(a: T, b: T): T {
  const c = compareInstants(a.submitted, b.submitted);
  if (c !== 0) return c < 0 ? a : b;
  return compareIds(a.claimId, b.claimId) <= 0 ? a : b;
}

interface DayResult {
  readonly day: Day;
  charge: Dec;
  allowable: Dec;
  fundBeforeCap: Dec;
  paid: Dec;
  capRemainingBefore: Dec | undefined;
  capCut: boolean;
  lostToClaim: string | undefined;
}

/**
 * Rules 6 and 7, daily caps, ratios and the annual cap for all care-service claims of one person.
 * `inpatientDays` are the person's inpatient days from every validated medical settlement.
 */
export function adjudicateCareClaims(
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  explain = false,
): Map<string, Outcome> {
  // Rule 6, and which days each claim has (a unit on the day passed rules 1–6).
  const unitCodes = new Map<PreparedCareClaim, (ReasonCode | undefined)[]>();
  const owner = new Map<Day, PreparedCareClaim>();
  for (const p of prepared) {
    if (p.claimLevel.length > 0) continue;
    const codes = p.units.map((u) => u.failed ?? (inpatientDays.has(u.day) ? ('INPATIENT_OVERLAP' as const) : undefined));
    unitCodes.set(p, codes);
    p.units.forEach((u, i) => {
      if (codes[i] !== undefined) return;
      const current = owner.get(u.day);
      if (!current || (current !== p && earlierClaim(p.claim, current.claim) === p.claim)) owner.set(u.day, p);
    });
  }

  // Rule 7 and the day amounts.
  const dayResults = new Map<PreparedCareClaim, Map<Day, DayResult>>();
  const payable: { p: PreparedCareClaim; r: DayResult }[] = [];
  for (const [p, codes] of unitCodes) {
    const results = new Map<Day, DayResult>();
    p.units.forEach((u, i) => {
      if (codes[i] !== undefined) return;
      const keeper = owner.get(u.day) as PreparedCareClaim;
      let r = results.get(u.day);
      if (!r) {
        r = {
          day: u.day,
          charge: ZERO,
          allowable: ZERO,
          fundBeforeCap: ZERO,
          paid: ZERO,
          capRemainingBefore: undefined,
          capCut: false,
          lostToClaim: undefined,
        };
        results.set(u.day, r);
      }
      if (keeper !== p) {
        codes[i] = 'DUPLICATE_SERVICE_DAY';
        r.lostToClaim = keeper.claim.claimId;
        return;
      }
      r.charge = r.charge.plus(u.amount);
    });
    for (const r of results.values()) {
      if (r.lostToClaim !== undefined) continue;
      const facts = p.days.get(r.day) as DayFacts;
      r.allowable = minDec(r.charge, facts.dailyCap as Dec);
      r.fundBeforeCap = roundFen(r.allowable.times(facts.ratio));
      payable.push({ p, r });
    }
    dayResults.set(p, results);
  }

  // The annual cap: days in (service date, claimId) order against each calendar year's cap.
  payable.sort((a, b) => a.r.day - b.r.day || compareIds(a.p.claim.claimId, b.p.claim.claimId));
  const remaining = new Map<number, Dec>();
  for (const { p, r } of payable) {
    const year = yearOf(r.day);
    const left = remaining.get(year) ?? (p.days.get(r.day) as DayFacts).annualCap;
    r.capRemainingBefore = left;
    r.paid = minDec(r.fundBeforeCap, left);
    r.capCut = r.fundBeforeCap.greaterThan(0) && r.paid.lessThan(r.fundBeforeCap);
    remaining.set(year, left.minus(r.paid));
  }

  const outcomes = new Map<string, Outcome>();
  for (const p of prepared) outcomes.set(p.claim.claimId, careOutcome(p, unitCodes.get(p), dayResults.get(p), explain));
  return outcomes;
}

function careOutcome(
  p: PreparedCareClaim,
  codes: (ReasonCode | undefined)[] | undefined,
  days: Map<Day, DayResult> | undefined,
  explain: boolean,
): Outcome {
  const claimId = p.claim.claimId;
  if (!codes || !days) {
    return {
      claimId,
      kind: 'care-service',
      status: 'rejected',
      fund: ZERO,
      personal: p.charged,
      reasonCodes: sortedCodes(p.claimLevel),
      ...(explain ? { explanation: { claimRules: claimRules(p), items: [], facts: { charged: fmt(p.charged) } } } : {}),
    };
  }
  const all = new Set<ReasonCode>();
  let fund = ZERO;
  let lostDay = false;
  for (const c of codes) if (c !== undefined) all.add(c);
  for (const r of days.values()) {
    fund = fund.plus(r.paid);
    if (r.capCut) all.add('ANNUAL_CAP_REACHED');
    if (r.lostToClaim !== undefined) lostDay = true;
  }
  let status = baseStatus(false, all.size > 0, fund);
  if ((status === 'approved' || status === 'partially-approved') && (fund.greaterThan(p.reviewThreshold) || lostDay)) {
    status = 'needs-review';
  }
  const outcome: Outcome = {
    claimId,
    kind: 'care-service',
    status,
    fund,
    personal: p.charged.minus(fund),
    reasonCodes: sortedCodes(all),
  };
  return explain ? { ...outcome, explanation: explainCare(p, codes, days, fund) } : outcome;
}

function claimRules(p: PreparedCareClaim): RuleCheck[] {
  return [
    { rule: 'UNKNOWN_PERSON', held: !p.claimLevel.includes('UNKNOWN_PERSON'), saw: { personId: p.claim.personId } },
    { rule: 'UNKNOWN_INSTITUTION', held: !p.claimLevel.includes('UNKNOWN_INSTITUTION'), saw: { institutionId: p.claim.institutionId } },
  ];
}

function explainCare(p: PreparedCareClaim, codes: (ReasonCode | undefined)[], days: Map<Day, DayResult>, fund: Dec) {
  const byDay = new Map<Day, Record<string, unknown>[]>();
  p.units.forEach((u, i) => {
    const line = p.claim.lines[u.line];
    const list = byDay.get(u.day) ?? [];
    list.push({
      line: u.line,
      serviceCode: line?.serviceCode,
      quantity: line?.quantity,
      unitPrice: line?.unitPrice.toString(),
      charge: u.amount.toString(),
      decidedBy: codes[i] ?? 'COVERED',
    });
    byDay.set(u.day, list);
  });
  const items = [...byDay.keys()]
    .sort((a, b) => a - b)
    .map((d) => {
      const facts = p.days.get(d);
      const r = days.get(d);
      return {
        date: formatDay(d),
        units: byDay.get(d),
        gradeInForce: facts?.grade ?? null,
        dailyCap: facts?.dailyCap?.toFixed(2) ?? null,
        ratio: facts?.ratio.toString() ?? null,
        ...(r && r.lostToClaim === undefined
          ? {
              charge: r.charge.toString(),
              allowable: r.allowable.toString(),
              fundBeforeRounding: r.allowable.times(facts?.ratio ?? 0).toString(),
              fund: fmt(r.fundBeforeCap),
              annualCapRemaining: r.capRemainingBefore ? fmt(r.capRemainingBefore) : null,
              paid: fmt(r.paid),
              annualCapReached: r.capCut,
            }
          : r
            ? { keptBy: r.lostToClaim, paid: '0.00' }
            : { paid: '0.00' }),
      };
    });
  return {
    claimRules: claimRules(p),
    items,
    facts: { setting: p.claim.setting, charged: fmt(p.charged), fund: fmt(fund), reviewThreshold: fmt(p.reviewThreshold) },
  };
}
