/**
 * A care-service claim as the engine keeps it once accepted: its claim-level result and its units
 * with rules 1–5 applied (they depend on no other claim, so they are evaluated once, in `prepare.ts`).
 */
import type { CareServiceClaim } from '../../claims.ts';
import type { Day } from '../../dates.ts';
import type { Dec } from '../../money.ts';
import type { Outcome } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';

/** One unit group: a line on one day (quantity units of one code). */
export interface Unit {
  readonly line: number;
  readonly day: Day;
  /** quantity × unitPrice. */
  readonly amount: Dec;
  /** The first of rules 1–5 that failed, if any. */
  readonly failed: ReasonCode | undefined;
}

/**
 * Consecutive days of one line on which rules 1–5 gave the same result: how units are kept. A month's
 * line is usually one run, where a unit per day would be thirty objects held for the claim's lifetime
 * (a million-claim engine spends its garbage collections tracing what it holds).
 */
export interface UnitRun {
  readonly line: number;
  readonly from: Day;
  readonly to: Day;
  readonly amount: Dec;
  readonly failed: ReasonCode | undefined;
}

/** The facts of one service day that do not depend on other claims. */
export interface DayFacts {
  readonly grade: number | undefined;
  readonly dailyCap: Dec | undefined;
  readonly ratio: Dec;
  readonly annualCap: Dec;
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
export interface YearShare {
  readonly fund: Dec;
  readonly first: Day;
  readonly cap: Dec;
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
  for (const r of p.runs) for (let d = r.from; d <= r.to; d++) units.push({ line: r.line, day: d, amount: r.amount, failed: r.failed });
  return units;
}
