/**
 * The care-service pipeline (DOMAIN.md §4, §11.5), in order. Per unit — a line's service day with its
 * quantity, or a listed family-care day — the first failing rule gives the unit's reason and the unit
 * pays 0:
 *
 * | # | rule | file | depends on | evaluated |
 * |---|---|---|---|---|
 * | 1 | `SERVICE_NOT_COVERED` | service-not-covered.ts | claim, policy | once, on acceptance (`prepare.ts`) |
 * | 2 | `WAITING_PERIOD` | waiting-period.ts | person, policy | once |
 * | 3 | `NO_VALID_ASSESSMENT` | no-valid-assessment.ts | person's assessments, benefitStart | once |
 * | 4 | `GRADE_NOT_ELIGIBLE` | grade-not-eligible.ts | grade in force, policy | once |
 * | 5 | `INSTITUTION_NOT_DESIGNATED` | institution-not-designated.ts | designations | once |
 * | 6 | `INPATIENT_OVERLAP` | inpatient-overlap.ts | the person's medical claims | every adjudication (`unitCode`) |
 * | 6a | `NOT_IN_CARE_PLAN` | not-in-care-plan.ts | care plans, carePlanRequired | once (ranked after 6 in `unitCode`) |
 * | 6b | `VISIT_NOT_VERIFIED` | visit-not-verified.ts | the line's visit, visitVerification | once (ranked after 6a) |
 * | 7 | `DUPLICATE_SERVICE_DAY` | duplicate-service-day.ts | the person's other care claims | every adjudication |
 * | 7a | `PLAN_FREQUENCY_EXCEEDED` | plan-frequency-exceeded.ts | the person's care claims under the same plan | every adjudication |
 *
 * Then the day's fund (`day-fund.ts`), then the caps in one pass over the person's claim-days
 * (`caps.ts`): the month's package (`monthly-cap-reached.ts`), then the annual cap
 * (`annual-cap-reached.ts`). The §11 rules (6a, 6b, 7a, the package) apply only when their policy
 * keys are set; otherwise they hold and change nothing.
 */
import type { Day } from '../../dates.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';
import { gradeNotEligible } from './grade-not-eligible.ts';
import { inpatientOverlap } from './inpatient-overlap.ts';
import { institutionNotDesignated } from './institution-not-designated.ts';
import { noValidAssessment } from './no-valid-assessment.ts';
import { notInCarePlan } from './not-in-care-plan.ts';
import type { AcceptedUnit } from './prepared.ts';
import { serviceNotCovered } from './service-not-covered.ts';
import { visitNotVerified } from './visit-not-verified.ts';
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
 * Rules 6a and 6b, in order: they too depend on no other claim and are met on acceptance, but rank
 * after rule 6, so `unitCode` consults them only when rule 6 holds.
 * @example firstFailing(RULES_AFTER_INPATIENT, unit) // 'VISIT_NOT_VERIFIED' for a five-minute bath
 */
export const RULES_AFTER_INPATIENT: readonly Rule<CareUnit>[] = [notInCarePlan, visitNotVerified];

/**
 * A unit's code after rules 1–6b, given what it met on acceptance: both adjudication paths ask this,
 * so they cannot disagree on which days a claim has (rule 7 looks at exactly these).
 * @example unitCode(unit, d, inpatientDays) // 'INPATIENT_OVERLAP' when the person was in hospital on d
 */
export function unitCode(unit: AcceptedUnit, day: Day, inpatient: ReadonlySet<Day>): ReasonCode | undefined {
  if (unit.failed !== undefined) return unit.failed;
  if (!inpatientOverlap.held({ day, inpatient })) return inpatientOverlap.code;
  return unit.failedAfterInpatient;
}
