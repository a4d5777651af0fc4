/**
 * The care-service fast path: the common case — no contested days in a year, the year's total under
 * the annual cap, no month over its package, no plan frequency to count — decided from per-claim sums
 * cached on each claim, without walking days. When a cap or a frequency could bite it gives up and
 * the exhaustive path decides; both give identical outcomes (a property test holds them equal, and
 * they share every rule and building block).
 */
import { type Day, yearOf, ymd } from '../../dates.ts';
import { type Dec, minDec, ZERO } from '../../money.ts';
import type { Outcome } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';
import { EqualAmounts } from '../shared/equal-amounts.ts';
import { annualCapsHold, type YearTotal } from './annual-cap-reached.ts';
import { DayFunds } from './day-fund.ts';
import { duplicateServiceDays } from './duplicate-service-day.ts';
import { type MonthTotal, monthlyCapsHold } from './monthly-cap-reached.ts';
import { careOutcome, summarise } from './outcome.ts';
import { unitCode } from './pipeline.ts';
import { type Evaluation, factsOn, type MonthShare, type PreparedCareClaim, type YearShare } from './prepared.ts';

const NO_CODES: ReadonlySet<ReasonCode> = new Set();

/**
 * Rules 6–7a, day funds and the caps for all care-service claims of one person, when no cap and no
 * plan frequency can bite; `undefined` otherwise (then the exhaustive path decides). Pass the same
 * `inpatientDays` Set while they do not change, so each claim's day amounts are computed only once.
 * @example adjudicateCareFast(prepared, inpatientDays) ?? adjudicateCareExhaustive(ctx, prepared, inpatientDays)
 */
export function adjudicateCareFast(
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
): Map<string, Outcome> | undefined {
  const contenders: { claim: PreparedCareClaim['claim']; first: Day; last: Day; days: Int32Array; p: PreparedCareClaim; e: Evaluation }[] =
    [];
  for (const p of prepared) {
    if (p.claimLevel.length > 0) continue;
    const e = evaluate(p, inpatientDays);
    if (e.limited) return undefined;
    contenders.push({ claim: p.claim, first: e.firstDay, last: e.lastDay, days: e.candidateDays, p, e });
  }
  const lost = new Map<PreparedCareClaim, ReadonlyMap<Day, unknown>>();
  for (const [c, days] of duplicateServiceDays(contenders)) lost.set(c.p, days);

  // Pre-cap fund per claim per year, and each year's total against the cap of its first payable day;
  // per setting and month against the smallest package of its days.
  const perClaim = new Map<PreparedCareClaim, ReadonlyMap<number, YearShare>>();
  const years = new Map<number, YearTotal>();
  const months = new Map<string, MonthTotal>();
  for (const { p, e } of contenders) {
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
    const byMonth = e.byMonth && lostDays ? monthShares(p, e, lostDays) : e.byMonth;
    if (byMonth) addMonths(months, p.claim.setting, byMonth);
  }
  if (!annualCapsHold(years.values()) || !monthlyCapsHold(months.values())) return undefined;

  const outcomes = new Map<string, Outcome>();
  for (const p of prepared) {
    if (p.claimLevel.length > 0) {
      outcomes.set(p.claim.claimId, careOutcome(p, undefined, undefined, undefined));
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

/** Adds a claim's month shares to the person's totals per setting and month. */
function addMonths(months: Map<string, MonthTotal>, setting: string, byMonth: ReadonlyMap<number, MonthShare>): void {
  for (const [m, share] of byMonth) {
    const key = `${setting}|${m}`;
    const t = months.get(key);
    if (!t) months.set(key, { total: share.fund, smallestCap: share.smallestCap });
    else {
      t.total = t.total.plus(share.fund);
      t.smallestCap = smaller(t.smallestCap, share.smallestCap);
    }
  }
}

const smaller = (a: Dec | undefined, b: Dec | undefined): Dec | undefined => (a === undefined ? b : b === undefined ? a : minDec(a, b));

type Candidates = Pick<Evaluation, 'candidateDays' | 'candidateFunds'>;

function yearShares(p: PreparedCareClaim, e: Candidates, lost?: ReadonlyMap<Day, unknown>): Map<number, YearShare> {
  const sums = new Map<number, { first: Day; funds: EqualAmounts }>();
  e.candidateDays.forEach((day, i) => {
    if (lost?.has(day)) return;
    const y = yearOf(day);
    let entry = sums.get(y);
    if (!entry) {
      entry = { first: day, funds: new EqualAmounts() };
      sums.set(y, entry);
    }
    entry.funds.add(e.candidateFunds[i] as Dec);
  });
  const out = new Map<number, YearShare>();
  for (const [y, { first, funds }] of sums) out.set(y, { fund: funds.total(), first, cap: factsOn(p, first).annualCap });
  return out;
}

function monthShares(p: PreparedCareClaim, e: Candidates, lost?: ReadonlyMap<Day, unknown>): Map<number, MonthShare> {
  const sums = new Map<number, { cap: Dec | undefined; funds: EqualAmounts }>();
  e.candidateDays.forEach((day, i) => {
    if (lost?.has(day)) return;
    const { year, month } = ymd(day);
    const m = year * 12 + month;
    let entry = sums.get(m);
    if (!entry) {
      entry = { cap: undefined, funds: new EqualAmounts() };
      sums.set(m, entry);
    }
    entry.cap = smaller(entry.cap, factsOn(p, day).monthlyCap);
    entry.funds.add(e.candidateFunds[i] as Dec);
  });
  const out = new Map<number, MonthShare>();
  for (const [m, { cap, funds }] of sums) out.set(m, { fund: funds.total(), smallestCap: cap });
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
  let limited = false;
  const charge = new Map<Day, Dec>();
  for (const r of p.runs) {
    for (let d = r.from; d <= r.to; d++) {
      const code = unitCode(r, d, inpatient);
      if (code) {
        failedCodes ??= new Set();
        failedCodes.add(code);
      } else {
        if (r.limit) limited = true;
        const c = charge.get(d);
        charge.set(d, c === undefined ? r.amount : c.plus(r.amount));
      }
    }
  }
  const funds = new DayFunds();
  const candidateDays = Int32Array.from(charge.keys()).sort();
  const candidateFunds = Array.from(candidateDays, (day) => funds.of(charge.get(day) as Dec, factsOn(p, day)));
  const candidates = { candidateDays, candidateFunds };
  const packaged = candidateDays.some((day) => factsOn(p, day).monthlyCap !== undefined);
  const e: Evaluation = {
    inpatient,
    inpatientKey: inpatientWithin(p, inpatient),
    failedCodes: failedCodes ?? NO_CODES,
    ...candidates,
    limited,
    byYear: yearShares(p, candidates),
    byMonth: packaged ? monthShares(p, candidates) : undefined,
    firstDay: candidateDays[0] ?? Number.POSITIVE_INFINITY,
    lastDay: candidateDays.at(-1) ?? Number.NEGATIVE_INFINITY,
  };
  p.evaluation = e;
  return e;
}
