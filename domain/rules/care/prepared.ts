/**
 * A care-service claim as the engine keeps it once accepted: its claim-level result and its units
 * with rules 1–5, 6a and 6b applied (they depend on no other claim, so they are evaluated once, in
 * `prepare.ts`).
 */
import type { PlanService } from '../../care-plans.ts';
import type { CareServiceClaim } from '../../claims.ts';
import type { Day } from '../../dates.ts';
import type { Fen, Micro, Ratio } from '../../fen.ts';
import type { Dec } from '../../money.ts';
import type { Outcome } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';

/** What a unit met on acceptance: rules 1–5, then 6a and 6b, and the plan service rule 7a counts it under. */
export interface AcceptedUnit {
  /** The first of rules 1–5 that failed, if any. */
  readonly failed: ReasonCode | undefined;
  /** The first of rules 6a and 6b that failed, if any (they rank after rule 6, decided on adjudication). */
  readonly failedAfterInpatient: ReasonCode | undefined;
  /** The care plan's service that matched in rule 6a, when it limits how often (rule 7a). */
  readonly limit: PlanService | undefined;
}

/** One unit group: a line on one day (quantity units of one code). */
export interface Unit extends AcceptedUnit {
  readonly line: number;
  readonly day: Day;
  /** quantity × unitPrice. */
  readonly amount: Dec;
}

/**
 * Consecutive days of one line on which rules 1–5 gave the same result: how units are kept. A month's
 * line is usually one run, where a unit per day would be thirty objects held for the claim's lifetime
 * (a million-claim engine spends its garbage collections tracing what it holds).
 */
export interface UnitRun extends AcceptedUnit {
  readonly line: number;
  readonly from: Day;
  readonly to: Day;
  readonly amount: Dec;
  /** The same amount in micros, exactly. */
  readonly micro: Micro;
}

/** The facts of one service day that do not depend on other claims. */
export interface DayFacts {
  readonly grade: number | undefined;
  /** Priced settings: the daily cap on the charge. */
  readonly dailyCap: Dec | undefined;
  /** Family care (§11.5): the daily allowance of the grade, which is the day's allowable amount. */
  readonly allowance: Dec | undefined;
  /** The fund ratio: fundRatio (+ the home-visit bonus), or familyCare.ratio. */
  readonly ratio: Dec;
  /** The package of the setting and grade for the day's calendar month (§11.6), if the policy has one. */
  readonly monthlyCap: Dec | undefined;
  readonly annualCap: Dec;
  /** The same amounts as exact integers, for the fast path's sums (`fen.ts`). */
  readonly exact: ExactDayFacts;
}

/** A day's facts as integers: the charge side in micros (a charge may be below the fen), the caps in fen. */
export interface ExactDayFacts {
  readonly dailyCap: Micro | undefined;
  readonly allowance: Micro | undefined;
  readonly ratio: Ratio;
  readonly monthlyCap: Fen | undefined;
  readonly annualCap: Fen;
}

/** A care-service claim with its claim-level rules and rules 1–5 applied. */
export interface PreparedCareClaim {
  readonly claim: CareServiceClaim;
  /** UNKNOWN_PERSON and UNKNOWN_INSTITUTION, when they failed. */
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
   * The last evaluation under rule 6, for the fast path (kept on the claim, not in a WeakMap: a
   * million-entry WeakMap makes every major garbage collection slow).
   */
  evaluation?: Evaluation;
}

/** The fast path's cache on a claim: its units under rule 6, and what each candidate day pays if the claim keeps it. */
export interface Evaluation {
  inpatient: ReadonlySet<Day>;
  readonly inpatientKey: string;
  readonly failedCodes: ReadonlySet<ReasonCode>;
  /** Days on which some unit passed rules 1–6b, in day order, and each day's fund before the caps. */
  readonly candidateDays: Int32Array;
  readonly candidateFunds: readonly Fen[];
  /** Some candidate unit is counted by rule 7a (a plan service with a limit): the fast path gives way. */
  readonly limited: boolean;
  /** By calendar year, in year order (a claim mostly has one). */
  readonly byYear: readonly YearShare[];
  /** By calendar month, when some candidate day has a package (§11.6); undefined otherwise. */
  readonly byMonth: ReadonlyMap<number, MonthShare> | undefined;
  readonly firstDay: Day;
  readonly lastDay: Day;
  /** The outcome when the claim keeps all its days and no cap bites (computed once). */
  uncontested?: Outcome;
  /** The claim as a contender for its days under rule 7 (built once per evaluation). */
  contender?: CareContender;
}

/** A claim competing for its days (rule 7) in an adjudication of its person. */
export interface CareContender {
  readonly claim: CareServiceClaim;
  readonly first: Day;
  readonly last: Day;
  readonly days: Int32Array;
  readonly p: PreparedCareClaim;
  readonly e: Evaluation;
}

/** A claim's pre-cap fund in one calendar year, its first payable day there, and that day's annual cap. */
export interface YearShare {
  readonly year: number;
  readonly fund: Fen;
  readonly first: Day;
  readonly cap: Fen;
}

/** A claim's pre-cap fund in one calendar month, and the smallest package among those days. */
export interface MonthShare {
  readonly fund: Fen;
  readonly smallestCap: Fen | undefined;
}

/**
 * The facts of a day on which the claim has a unit.
 * @example factsOn(prepared, day('2026-03-05')).dailyCap?.toFixed(2) // '60.00'
 */
export const factsOn = (p: PreparedCareClaim, d: Day): DayFacts => p.facts[d - p.firstDay] as DayFacts;

/**
 * The units one by one, in line and day order (for the exhaustive path and explanations).
 * @example unitsOf(prepared).length // Σ over lines of their days
 */
export function unitsOf(p: PreparedCareClaim): Unit[] {
  const units: Unit[] = [];
  for (const r of p.runs) {
    for (let d = r.from; d <= r.to; d++) {
      units.push({
        line: r.line,
        day: d,
        amount: r.amount,
        failed: r.failed,
        failedAfterInpatient: r.failedAfterInpatient,
        limit: r.limit,
      });
    }
  }
  return units;
}
