/**
 * The care-service pipeline (DOMAIN.md §4), in order. Per unit — a line's service day with its
 * quantity — the first failing rule gives the unit's reason and the unit pays 0:
 *
 * | # | rule | file | depends on | evaluated |
 * |---|---|---|---|---|
 * | 1 | `SERVICE_NOT_COVERED` | service-not-covered.ts | claim, policy | once, on acceptance (`prepare.ts`) |
 * | 2 | `WAITING_PERIOD` | waiting-period.ts | person, policy | once |
 * | 3 | `NO_VALID_ASSESSMENT` | no-valid-assessment.ts | person's assessments | once |
 * | 4 | `GRADE_NOT_ELIGIBLE` | grade-not-eligible.ts | grade in force, policy | once |
 * | 5 | `INSTITUTION_NOT_DESIGNATED` | institution-not-designated.ts | designations | once |
 * | 6 | `INPATIENT_OVERLAP` | inpatient-overlap.ts | the person's medical claims | every adjudication (`unitCode`) |
 * | 7 | `DUPLICATE_SERVICE_DAY` | duplicate-service-day.ts | the person's other care claims | every adjudication |
 *
 * Then the day's fund (`day-fund.ts`), then the caps in one pass over the person's claim-days
 * (`annual-cap-reached.ts`). A new per-unit rule that reads only the claim, registry and policy joins
 * `RULES_ON_ACCEPTANCE` if it ranks before rule 6; one ranking after rule 6 (§11.5's 6a, 6b) is
 * evaluated on acceptance too, kept beside `UnitRun.failed`, and consulted in `unitCode` after rule 6.
 * A rule after rule 7 (§11.5's 7a) runs on the days `duplicateServiceDays` leaves each claim; a cap
 * goes into the caps' pass, in §11.5's order (monthly, then annual).
 */
import type { Day } from '../../dates.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';
import { gradeNotEligible } from './grade-not-eligible.ts';
import { inpatientOverlap } from './inpatient-overlap.ts';
import { institutionNotDesignated } from './institution-not-designated.ts';
import { noValidAssessment } from './no-valid-assessment.ts';
import { serviceNotCovered } from './service-not-covered.ts';
import { waitingPeriod } from './waiting-period.ts';

/**
 * Rules 1–5, in order: they depend on no other claim, so each unit meets them once, when its claim is
 * accepted.
 * @example firstFailing(RULES_ON_ACCEPTANCE, unit) // 'WAITING_PERIOD', or undefined when 1–5 hold
 */
export const RULES_ON_ACCEPTANCE: readonly Rule<CareUnit>[] = [
  serviceNotCovered,
  waitingPeriod,
  noValidAssessment,
  gradeNotEligible,
  institutionNotDesignated,
];

/**
 * A unit's code after rules 1–6, given what rules 1–5 decided on acceptance: both adjudication paths
 * ask this, so they cannot disagree on which days a claim has.
 * @example unitCode(undefined, d, inpatientDays) // 'INPATIENT_OVERLAP' when the person was in hospital on d
 */
export function unitCode(failedOnAcceptance: ReasonCode | undefined, day: Day, inpatient: ReadonlySet<Day>): ReasonCode | undefined {
  if (failedOnAcceptance !== undefined) return failedOnAcceptance;
  return inpatientOverlap.held({ day, inpatient }) ? undefined : inpatientOverlap.code;
}
