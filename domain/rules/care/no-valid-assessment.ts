/**
 * Rule 3, `NO_VALID_ASSESSMENT` (DOMAIN.md §4, §3, §11.4): a disability assessment must be in force on
 * the service day. With `benefitStart: "next-month"` an assessment counts from the 1st of the month
 * after assessedOn; its validity still runs from assessedOn.
 */
import { addMonths, formatDay } from '../../dates.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

/**
 * The assessment in force is looked up once per unit (`CareUnit.assessment`, by `assessmentInForce`
 * with the policy's `benefitStart`): the latest that has started counting by the day, still within
 * its validity; an older one is never revived.
 * @example noValidAssessment.held(unitOn('2028-01-01')) // false once a 2025-06-10 assessment has expired (24 months)
 */
export const noValidAssessment: Rule<CareUnit> = {
  code: 'NO_VALID_ASSESSMENT',
  held: (u) => u.assessment !== undefined,
  saw: (u) => ({
    serviceDate: formatDay(u.day),
    assessedOn: u.assessment ? formatDay(u.assessment.assessedOn) : null,
    validUntil: u.assessment ? formatDay(addMonths(u.assessment.assessedOn, u.ltc.validityMonths) - 1) : null,
    validityMonths: u.ltc.validityMonths,
    ...(u.ltc.benefitStart ? { benefitStart: u.ltc.benefitStart } : {}),
  }),
};
