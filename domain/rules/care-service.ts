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
import type { PolicyVersion } from '../policy/policy.ts';
import { type CareSetting, capAtOne } from '../policy/schema.ts';
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

/**
 * Consecutive days of one line on which rules 1–5 gave the same result: how units are kept. A month's
 * line is usually one run, where a unit per day would be thirty objects held for the claim's lifetime
 * (a million-claim engine spends its garbage collections tracing what it holds).
 */
interface UnitRun {
  readonly line: number;
  readonly from: Day;
  readonly to: Day;
  readonly amount: Dec;
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
  /** The units, line by line and day by day, as runs (`unitsOf` lists them one by one). */
  readonly runs: readonly UnitRun[];
  /** The first and last day of any unit (+∞ and −∞ without units). */
  readonly firstDay: Day;
  readonly lastDay: Day;
  /** The facts of each day from `firstDay` on (interned objects, so mostly one shared per claim). */
  readonly facts: readonly (DayFacts | undefined)[];
  readonly charged: Dec;
  readonly reviewThreshold: Dec;
  /**
   * The last evaluation under rule 6 (kept on the claim, not in a WeakMap: a million-entry WeakMap
   * makes every major garbage collection slow).
   */
  evaluation?: Evaluation;
}

/** The facts of a day on which the claim has a unit. */
const factsOn = (p: PreparedCareClaim, d: Day): DayFacts => p.facts[d - p.firstDay] as DayFacts;

/** The units one by one, in line and day order (for the exhaustive path and explanations). */
function unitsOf(p: PreparedCareClaim): Unit[] {
  const units: Unit[] = [];
  for (const r of p.runs) for (let d = r.from; d <= r.to; d++) units.push({ line: r.line, day: d, amount: r.amount, failed: r.failed });
  return units;
}

const NO_CODES: ReadonlySet<ReasonCode> = new Set();

/** The first day after the waiting period: addMonths(enrolledOn, waitingPeriodMonths), memoised. */
const waitingEnds = new Map<string, Day>();
function waitingEnd(enrolledOn: Day, months: number): Day {
  const key = `${enrolledOn}:${months}`;
  let end = waitingEnds.get(key);
  if (end === undefined) {
    end = addMonths(enrolledOn, months);
    if (waitingEnds.size > 100_000) waitingEnds.clear();
    waitingEnds.set(key, end);
  }
  return end;
}

/** Day facts are interned: equal days share one object, so amounts can be memoised by identity. */
const factsCache = new WeakMap<PolicyVersion, Map<string, DayFacts>>();
function dayFacts(
  version: PolicyVersion,
  setting: CareSetting,
  insuredType: 'employee' | 'resident',
  grade: number | undefined,
  capText: string | undefined,
): DayFacts {
  let cache = factsCache.get(version);
  if (!cache) {
    cache = new Map();
    factsCache.set(version, cache);
  }
  const key = `${setting}|${insuredType}|${grade ?? ''}|${capText ?? ''}`;
  let facts = cache.get(key);
  if (!facts) {
    const ltc = version.document.ltc;
    const base = version.dec(ltc.fundRatio[insuredType]);
    const ratio = setting === 'home-visit' ? capAtOne(base.plus(version.dec(ltc.homeVisitRatioBonus))) : base;
    facts = { grade, dailyCap: capText === undefined ? undefined : version.dec(capText), ratio, annualCap: version.dec(ltc.annualCap) };
    cache.set(key, facts);
  }
  return facts;
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
  const runs: UnitRun[] = [];
  if (!person || !inst || claim.lines.length === 0) {
    return {
      claim,
      claimLevel,
      runs,
      firstDay: Number.POSITIVE_INFINITY,
      lastDay: Number.NEGATIVE_INFINITY,
      facts: [],
      charged,
      reviewThreshold,
    };
  }

  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const line of claim.lines) {
    firstDay = Math.min(firstDay, line.from);
    lastDay = Math.max(lastDay, line.to);
  }
  const facts: (DayFacts | undefined)[] = new Array(lastDay - firstDay + 1).fill(undefined);
  const setting = claim.setting;
  // The facts of a day depend only on its policy version and grade here: look them up once each.
  const factsMemo = new Map<PolicyVersion, Map<number | undefined, DayFacts>>();
  for (const line of claim.lines) {
    const amount = line.unitPrice.times(line.quantity);
    let run: { from: Day; to: Day; failed: ReasonCode | undefined } | undefined;
    for (let d = line.from; d <= line.to; d++) {
      const version = ctx.policy.at(d);
      const ltc = version.document.ltc;
      const assessment = assessmentInForce(person, d, ltc.validityMonths);
      if (facts[d - firstDay] === undefined) {
        const grade = assessment?.grade;
        let f = factsMemo.get(version)?.get(grade);
        if (!f) {
          const capText =
            setting === 'medical-care'
              ? inst.hospitalLevel === undefined
                ? undefined
                : ltc.dailyCap['medical-care'][String(inst.hospitalLevel) as '1' | '2' | '3']
              : grade === undefined
                ? undefined
                : ltc.dailyCap[setting][String(grade) as '0'];
          f = dayFacts(version, setting, person.insuredType, grade, capText);
          const byGrade = factsMemo.get(version) ?? new Map<number | undefined, DayFacts>();
          byGrade.set(grade, f);
          factsMemo.set(version, byGrade);
        }
        facts[d - firstDay] = f;
      }
      let failed: ReasonCode | undefined;
      if (!ltc.catalog[setting].includes(line.serviceCode)) failed = 'SERVICE_NOT_COVERED';
      else if (d < waitingEnd(person.enrolledOn, ltc.waitingPeriodMonths)) failed = 'WAITING_PERIOD';
      else if (!assessment) failed = 'NO_VALID_ASSESSMENT';
      else if (!ltc.eligibleGrades.includes(assessment.grade)) failed = 'GRADE_NOT_ELIGIBLE';
      else if (
        !isDesignated(inst, 'ltc', d, setting) ||
        (setting === 'medical-care' && (inst.institutionType !== 'hospital' || inst.hospitalLevel === undefined))
      )
        failed = 'INSTITUTION_NOT_DESIGNATED';
      if (run && run.failed === failed) run.to = d;
      else {
        if (run) runs.push({ line: line.index, amount, ...run });
        run = { from: d, to: d, failed };
      }
    }
    if (run) runs.push({ line: line.index, amount, ...run });
  }
  return { claim, claimLevel, runs, firstDay, lastDay, facts, charged, reviewThreshold };
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
 * `inpatientDays` are the person's inpatient days from every validated medical settlement; pass the
 * same Set object while they do not change, so each claim's day amounts are computed only once.
 *
 * The common case — no contested days in a year, the year's total under the annual cap — is decided
 * from per-claim sums cached by `evaluate`. Anything else (a cap cut, an explanation) takes the
 * exhaustive path below, day by day; both give identical outcomes (a property test holds them equal).
 */
export function adjudicateCareClaims(
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  explain = false,
): Map<string, Outcome> {
  if (explain) return adjudicateCareClaimsExhaustive(prepared, inpatientDays, true);
  const evaluated: { p: PreparedCareClaim; e: Evaluation }[] = [];
  for (const p of prepared) if (p.claimLevel.length === 0) evaluated.push({ p, e: evaluate(p, inpatientDays) });

  // Rule 7 only where two claims' candidate days can meet.
  const lost = contestedDaysLost(evaluated);

  // Pre-cap fund per claim per year, and each year's total against the cap of its first payable day.
  const perClaim = new Map<PreparedCareClaim, ReadonlyMap<number, YearShare>>();
  const years = new Map<number, { total: Dec; first: Day; cap: Dec }>();
  for (const { p, e } of evaluated) {
    const lostDays = lost.get(p);
    const byYear = lostDays ? yearShares(p, e, lostDays) : e.byYear;
    perClaim.set(p, byYear);
    for (const [y, share] of byYear) {
      const t = years.get(y);
      if (!t) years.set(y, { total: share.fund, first: share.first, cap: share.cap });
      else {
        t.total = t.total.plus(share.fund);
        if (share.first < t.first) Object.assign(t, { first: share.first, cap: share.cap });
      }
    }
  }
  for (const t of years.values()) if (t.total.greaterThan(t.cap)) return adjudicateCareClaimsExhaustive(prepared, inpatientDays, false);

  const outcomes = new Map<string, Outcome>();
  for (const p of prepared) {
    if (p.claimLevel.length > 0) {
      outcomes.set(p.claim.claimId, careOutcome(p, undefined, undefined, false));
      continue;
    }
    const e = p.evaluation as Evaluation;
    const lostDays = lost.get(p);
    if (!lostDays && e.uncontested) {
      // Nothing this claim depends on moved: the same outcome object, which the engine skips at once.
      outcomes.set(p.claim.claimId, e.uncontested);
      continue;
    }
    const codes = new Set<ReasonCode>(e.failedCodes);
    if (lostDays) codes.add('DUPLICATE_SERVICE_DAY');
    let fund = ZERO;
    for (const share of (perClaim.get(p) as ReadonlyMap<number, YearShare>).values()) fund = fund.plus(share.fund);
    const outcome = summarise(p, codes, fund, lostDays !== undefined);
    if (!lostDays) e.uncontested = outcome;
    outcomes.set(p.claim.claimId, outcome);
  }
  return outcomes;
}

/** A claim's units under rule 6, and what each candidate day pays if the claim keeps it. */
interface Evaluation {
  inpatient: ReadonlySet<Day>;
  readonly inpatientKey: string;
  readonly failedCodes: ReadonlySet<ReasonCode>;
  /** Days on which some unit passed rules 1–6, in day order, and each day's fund before the cap. */
  readonly candidateDays: Int32Array;
  readonly candidateFunds: readonly Dec[];
  readonly byYear: ReadonlyMap<number, YearShare>;
  readonly firstDay: Day;
  readonly lastDay: Day;
  /** The outcome when the claim keeps all its days and no cap bites (computed once). */
  uncontested?: Outcome;
}

/** A claim's pre-cap fund in one calendar year, its first payable day there, and that day's annual cap. */
interface YearShare {
  fund: Dec;
  readonly first: Day;
  readonly cap: Dec;
}

function yearShares(
  p: PreparedCareClaim,
  e: Pick<Evaluation, 'candidateDays' | 'candidateFunds'>,
  lost?: ReadonlySet<Day>,
): Map<number, YearShare> {
  // Σ by counting equal amounts (fund × count), not adding day by day.
  const counts = new Map<number, { first: Day; byFund: Map<Dec, number> }>();
  e.candidateDays.forEach((day, i) => {
    if (lost?.has(day)) return;
    const fund = e.candidateFunds[i] as Dec;
    const y = yearOf(day);
    let entry = counts.get(y);
    if (!entry) {
      entry = { first: day, byFund: new Map() };
      counts.set(y, entry);
    }
    entry.byFund.set(fund, (entry.byFund.get(fund) ?? 0) + 1);
  });
  const out = new Map<number, YearShare>();
  for (const [y, { first, byFund }] of counts) {
    let fund = ZERO;
    for (const [amount, n] of byFund) fund = fund.plus(n === 1 ? amount : amount.times(n));
    out.set(y, { fund, first, cap: factsOn(p, first).annualCap });
  }
  return out;
}

/** The inpatient days inside a claim's units' range: all of rule 6 a claim can see. */
function inpatientWithin(p: PreparedCareClaim, inpatient: ReadonlySet<Day>): string {
  if (inpatient.size === 0 || p.runs.length === 0) return '';
  const seen: Day[] = [];
  for (const d of inpatient) if (d >= p.firstDay && d <= p.lastDay) seen.push(d);
  return seen.sort((a, b) => a - b).join(',');
}

function evaluate(p: PreparedCareClaim, inpatient: ReadonlySet<Day>): Evaluation {
  const cached = p.evaluation;
  if (cached && (cached.inpatient === inpatient || cached.inpatientKey === inpatientWithin(p, inpatient))) {
    if (cached.inpatient !== inpatient) cached.inpatient = inpatient;
    return cached;
  }
  let failedCodes: Set<ReasonCode> | undefined;
  const charge = new Map<Day, Dec>();
  for (const r of p.runs) {
    for (let d = r.from; d <= r.to; d++) {
      const code = r.failed ?? (inpatient.has(d) ? ('INPATIENT_OVERLAP' as const) : undefined);
      if (code) {
        failedCodes ??= new Set();
        failedCodes.add(code);
      } else {
        const c = charge.get(d);
        charge.set(d, c === undefined ? r.amount : c.plus(r.amount));
      }
    }
  }
  // Most days of a claim are alike: one computation per distinct (charge, day facts).
  const memo = new Map<Dec, Map<DayFacts, Dec>>();
  const candidateDays = Int32Array.from(charge.keys()).sort();
  const candidateFunds = Array.from(candidateDays, (day) => {
    const c = charge.get(day) as Dec;
    const facts = factsOn(p, day);
    let byFacts = memo.get(c);
    if (!byFacts) {
      byFacts = new Map();
      memo.set(c, byFacts);
    }
    let fund = byFacts.get(facts);
    if (fund === undefined) {
      fund = roundFen(minDec(c, facts.dailyCap as Dec).times(facts.ratio));
      byFacts.set(facts, fund);
    }
    return fund;
  });
  const candidates = { candidateDays, candidateFunds };
  const e: Evaluation = {
    inpatient,
    inpatientKey: inpatientWithin(p, inpatient),
    failedCodes: failedCodes ?? NO_CODES,
    ...candidates,
    byYear: yearShares(p, candidates),
    firstDay: candidateDays[0] ?? Number.POSITIVE_INFINITY,
    lastDay: candidateDays.at(-1) ?? Number.NEGATIVE_INFINITY,
  };
  p.evaluation = e;
  return e;
}

/** Rule 7: for claims whose candidate days meet another claim's, the days each one loses. */
function contestedDaysLost(evaluated: readonly { p: PreparedCareClaim; e: Evaluation }[]): Map<PreparedCareClaim, Set<Day>> {
  const lost = new Map<PreparedCareClaim, Set<Day>>();
  const ordered = evaluated.filter((x) => x.e.candidateDays.length > 0).sort((a, b) => a.e.firstDay - b.e.firstDay);
  const overlapping = new Set<number>();
  let reach = Number.NEGATIVE_INFINITY;
  let reachIndex = -1;
  ordered.forEach((x, i) => {
    if (x.e.firstDay <= reach) {
      overlapping.add(i);
      overlapping.add(reachIndex);
    }
    if (x.e.lastDay > reach) {
      reach = x.e.lastDay;
      reachIndex = i;
    }
  });
  if (overlapping.size === 0) return lost;
  const owner = new Map<Day, PreparedCareClaim>();
  for (const i of overlapping) {
    const { p, e } = ordered[i] as { p: PreparedCareClaim; e: Evaluation };
    for (const day of e.candidateDays) {
      const current = owner.get(day);
      if (!current || earlierClaim(p.claim, current.claim) === p.claim) owner.set(day, p);
    }
  }
  for (const i of overlapping) {
    const { p, e } = ordered[i] as { p: PreparedCareClaim; e: Evaluation };
    for (const day of e.candidateDays) {
      if (owner.get(day) === p) continue;
      const set = lost.get(p) ?? new Set<Day>();
      set.add(day);
      lost.set(p, set);
    }
  }
  return lost;
}

/** The exhaustive, day-by-day adjudication: the reference the fast path must equal, and the explainer. */
export function adjudicateCareClaimsExhaustive(
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  explain = false,
): Map<string, Outcome> {
  // Rule 6, and which days each claim has (a unit on the day passed rules 1–6).
  const decided = new Map<PreparedCareClaim, UnitDecisions>();
  const owner = new Map<Day, PreparedCareClaim>();
  for (const p of prepared) {
    if (p.claimLevel.length > 0) continue;
    const units = unitsOf(p);
    const codes = units.map((u) => u.failed ?? (inpatientDays.has(u.day) ? ('INPATIENT_OVERLAP' as const) : undefined));
    decided.set(p, { units, codes });
    units.forEach((u, i) => {
      if (codes[i] !== undefined) return;
      const current = owner.get(u.day);
      if (!current || (current !== p && earlierClaim(p.claim, current.claim) === p.claim)) owner.set(u.day, p);
    });
  }

  // Rule 7 and the day amounts.
  const dayResults = new Map<PreparedCareClaim, Map<Day, DayResult>>();
  const payable: { p: PreparedCareClaim; r: DayResult }[] = [];
  for (const [p, { units, codes }] of decided) {
    const results = new Map<Day, DayResult>();
    units.forEach((u, i) => {
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
      const facts = factsOn(p, r.day);
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
    const left = remaining.get(year) ?? factsOn(p, r.day).annualCap;
    r.capRemainingBefore = left;
    r.paid = minDec(r.fundBeforeCap, left);
    r.capCut = r.fundBeforeCap.greaterThan(0) && r.paid.lessThan(r.fundBeforeCap);
    remaining.set(year, left.minus(r.paid));
  }

  const outcomes = new Map<string, Outcome>();
  for (const p of prepared) outcomes.set(p.claim.claimId, careOutcome(p, decided.get(p), dayResults.get(p), explain));
  return outcomes;
}

/** A claim's units, each with the rule that decided it (undefined: covered and kept). */
interface UnitDecisions {
  readonly units: readonly Unit[];
  readonly codes: (ReasonCode | undefined)[];
}

function careOutcome(
  p: PreparedCareClaim,
  decided: UnitDecisions | undefined,
  days: Map<Day, DayResult> | undefined,
  explain: boolean,
): Outcome {
  const claimId = p.claim.claimId;
  if (!decided || !days) {
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
  for (const c of decided.codes) if (c !== undefined) all.add(c);
  for (const r of days.values()) {
    fund = fund.plus(r.paid);
    if (r.capCut) all.add('ANNUAL_CAP_REACHED');
    if (r.lostToClaim !== undefined) lostDay = true;
  }
  const outcome = summarise(p, all, fund, lostDay);
  return explain ? { ...outcome, explanation: explainCare(p, decided, days, fund) } : outcome;
}

/** Status (with the review triggers of §7), amounts and codes of a care claim that passed the claim-level rules. */
function summarise(p: PreparedCareClaim, codes: ReadonlySet<ReasonCode>, fund: Dec, lostDay: boolean): Outcome {
  let status = baseStatus(false, codes.size > 0, fund);
  if ((status === 'approved' || status === 'partially-approved') && (fund.greaterThan(p.reviewThreshold) || lostDay)) {
    status = 'needs-review';
  }
  return { claimId: p.claim.claimId, kind: 'care-service', status, fund, personal: p.charged.minus(fund), reasonCodes: sortedCodes(codes) };
}

function claimRules(p: PreparedCareClaim): RuleCheck[] {
  return [
    { rule: 'UNKNOWN_PERSON', held: !p.claimLevel.includes('UNKNOWN_PERSON'), saw: { personId: p.claim.personId } },
    { rule: 'UNKNOWN_INSTITUTION', held: !p.claimLevel.includes('UNKNOWN_INSTITUTION'), saw: { institutionId: p.claim.institutionId } },
  ];
}

function explainCare(p: PreparedCareClaim, { units, codes }: UnitDecisions, days: Map<Day, DayResult>, fund: Dec) {
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
