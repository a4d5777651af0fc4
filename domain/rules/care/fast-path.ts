/**
 * The care-service fast path: the common case — no contested days in a year, the year's total under
 * the annual cap, no month over its package, no plan frequency to count — decided from per-claim sums
 * cached on each claim, without walking days. When a cap or a frequency could bite it gives up and
 * the exhaustive path decides; both give identical outcomes (a property test holds them equal, and
 * they share every rule and building block).
 */
import { type Day, daysFromCivil, ymd } from '../../dates.ts';
import type { Fen, Micro } from '../../fen.ts';
import * as fen from '../../fen.ts';
import type { Outcome } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';
import { annualCapsHold, type YearTotal } from './annual-cap-reached.ts';
import { dayFundFen } from './day-fund.ts';
import { duplicateServiceDays } from './duplicate-service-day.ts';
import { type MonthTotal, monthlyCapsHold } from './monthly-cap-reached.ts';
import { careOutcome, summarise } from './outcome.ts';
import { unitCode } from './pipeline.ts';
import {
  type CareContender,
  type DayFacts,
  type Evaluation,
  factsOn,
  type MonthShare,
  type PreparedCareClaim,
  type YearShare,
} from './prepared.ts';

const NO_CODES: ReadonlySet<ReasonCode> = new Set();
const NO_LOSSES: ReadonlyMap<CareContender, ReadonlyMap<Day, CareContender>> = new Map();

/**
 * Rules 6–7a, day funds and the caps for all care-service claims of one person, when no cap and no
 * plan frequency can bite, added to `outcomes`; `undefined` otherwise (then the exhaustive path decides). Pass the same
 * `inpatientDays` Set while they do not change, so each claim's day amounts are computed only once.
 * @example adjudicateCareFast(prepared, inpatientDays) ?? adjudicateCareExhaustive(ctx, prepared, inpatientDays)
 */
export function adjudicateCareFast(
  prepared: readonly PreparedCareClaim[],
  inpatientDays: ReadonlySet<Day>,
  outcomes = new Map<string, Outcome>(),
): Map<string, Outcome> | undefined {
  const contenders: CareContender[] = [];
  for (const p of prepared) {
    if (p.claimLevel.length > 0) continue;
    const e = evaluate(p, inpatientDays);
    if (e.limited) return undefined;
    e.contender ??= { claim: p.claim, first: e.firstDay, last: e.lastDay, days: e.candidateDays, p, e };
    contenders.push(e.contender);
  }
  const lost = contenders.length > 1 ? duplicateServiceDays(contenders) : NO_LOSSES;
  // A claim's year shares after rule 7: its own unless it lost days.
  let sharesAfterLosses: Map<CareContender, readonly YearShare[]> | undefined;

  // Pre-cap fund per claim per year, and each year's total against the cap of its first payable day;
  // per setting and month against the smallest package of its days.
  const years = new Map<number, YearTotal>();
  const months = new Map<string, MonthTotal>();
  for (const c of contenders) {
    const lostDays = lost.get(c);
    let byYear = c.e.byYear;
    if (lostDays) {
      byYear = yearShares(c.p, c.e, lostDays);
      sharesAfterLosses ??= new Map();
      sharesAfterLosses.set(c, byYear);
    }
    for (let i = 0; i < byYear.length; i++) {
      const share = byYear[i] as YearShare;
      const t = years.get(share.year);
      if (!t) years.set(share.year, { total: share.fund, first: share.first, cap: share.cap });
      else {
        t.total = fen.add(t.total, share.fund);
        if (share.first < t.first) Object.assign(t, { first: share.first, cap: share.cap });
      }
    }
    const byMonth = c.e.byMonth && lostDays ? monthShares(c.p, c.e, lostDays) : c.e.byMonth;
    if (byMonth) addMonths(months, c.p.claim.setting, byMonth);
  }
  if (!annualCapsHold(years.values()) || !monthlyCapsHold(months.values())) return undefined;

  // Nothing is added to `outcomes` before this point: giving way leaves it as it was.
  // Contenders are the prepared claims without a claim-level failure, in the same order.
  let next = 0;
  for (const p of prepared) {
    if (p.claimLevel.length > 0) {
      outcomes.set(p.claim.claimId, careOutcome(p, undefined, undefined, undefined));
      continue;
    }
    const c = contenders[next++] as CareContender;
    const e = c.e;
    const lostDays = lost.get(c);
    if (!lostDays && e.uncontested) {
      // Nothing this claim depends on moved: the same outcome object, which the engine skips at once.
      outcomes.set(p.claim.claimId, e.uncontested);
      continue;
    }
    const codes = new Set<ReasonCode>(e.failedCodes);
    if (lostDays) codes.add('DUPLICATE_SERVICE_DAY');
    let fund = fen.ZERO;
    for (const share of sharesAfterLosses?.get(c) ?? e.byYear) fund = fen.add(fund, share.fund);
    const outcome = summarise(p, codes, fen.toDec(fund), lostDays !== undefined);
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
      t.total = fen.add(t.total, share.fund);
      t.smallestCap = smaller(t.smallestCap, share.smallestCap);
    }
  }
}

const smaller = (a: Fen | undefined, b: Fen | undefined): Fen | undefined => (a === undefined ? b : b === undefined ? a : fen.min(a, b));

type Candidates = Pick<Evaluation, 'candidateDays' | 'candidateFunds'>;

/**
 * The claim's pre-cap fund per calendar year (days it lost left out), its first payable day there
 * and that day's annual cap. Candidate days are in day order, so a year's days are consecutive.
 */
function yearShares(p: PreparedCareClaim, e: Candidates, lost?: ReadonlyMap<Day, unknown>): YearShare[] {
  const out: YearShare[] = [];
  const { candidateDays: days, candidateFunds: funds } = e;
  let year = 0;
  let nextYear = Number.NEGATIVE_INFINITY;
  let first: Day = 0;
  let total = 0n;
  const flush = () => out.push({ year, fund: total as Fen, first, cap: factsOn(p, first).exact.annualCap });
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as Day;
    if (lost?.has(day)) continue;
    if (day >= nextYear) {
      if (nextYear !== Number.NEGATIVE_INFINITY) flush();
      year = ymd(day).year;
      nextYear = daysFromCivil(year + 1, 1, 1);
      first = day;
      total = 0n;
    }
    total += funds[i] as Fen;
  }
  if (nextYear !== Number.NEGATIVE_INFINITY) flush();
  return out;
}

/** The claim's pre-cap fund per calendar month (year × 12 + month) and the smallest package among those days. */
function monthShares(p: PreparedCareClaim, e: Candidates, lost?: ReadonlyMap<Day, unknown>): Map<number, MonthShare> {
  const out = new Map<number, MonthShare>();
  const { candidateDays: days, candidateFunds: funds } = e;
  let month = 0;
  let nextMonth = Number.NEGATIVE_INFINITY;
  let cap: Fen | undefined;
  let total = 0n;
  const flush = () => out.set(month, { fund: total as Fen, smallestCap: cap });
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as Day;
    if (lost?.has(day)) continue;
    if (day >= nextMonth) {
      if (nextMonth !== Number.NEGATIVE_INFINITY) flush();
      const { year, month: m } = ymd(day);
      month = year * 12 + m;
      nextMonth = m === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, m + 1, 1);
      cap = undefined;
      total = 0n;
    }
    cap = smaller(cap, factsOn(p, day).exact.monthlyCap);
    total += funds[i] as Fen;
  }
  if (nextMonth !== Number.NEGATIVE_INFINITY) flush();
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
  // Each day's charge in micros, by day from the claim's first (a claim spans about a month).
  const firstDay = p.firstDay;
  const charge: (Micro | undefined)[] = new Array(p.runs.length === 0 ? 0 : p.lastDay - firstDay + 1).fill(undefined);
  for (const r of p.runs) {
    for (let d = r.from; d <= r.to; d++) {
      const code = unitCode(r, d, inpatient);
      if (code) {
        failedCodes ??= new Set();
        failedCodes.add(code);
      } else {
        if (r.limit) limited = true;
        const c = charge[d - firstDay];
        charge[d - firstDay] = c === undefined ? r.micro : ((c + r.micro) as Micro);
      }
    }
  }
  const days: Day[] = [];
  const candidateFunds: Fen[] = [];
  let packaged = false;
  // Consecutive days mostly charge the same under the same facts (a month's range): priced once.
  let lastCharge: Micro | undefined;
  let lastFacts: DayFacts | undefined;
  let lastFund = fen.ZERO;
  for (let i = 0; i < charge.length; i++) {
    const c = charge[i];
    if (c === undefined) continue;
    const facts = factsOn(p, firstDay + i);
    if (c !== lastCharge || facts !== lastFacts) {
      lastFund = dayFundFen(c, facts);
      lastCharge = c;
      lastFacts = facts;
    }
    days.push(firstDay + i);
    candidateFunds.push(lastFund);
    if (facts.monthlyCap !== undefined) packaged = true;
  }
  const candidateDays = Int32Array.from(days);
  const candidates = { candidateDays, candidateFunds };
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
