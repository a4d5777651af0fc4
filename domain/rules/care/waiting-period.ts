/** Rule 2, `WAITING_PERIOD` (DOMAIN.md §4): days before addMonths(enrolledOn, waitingPeriodMonths) pay nothing. */
import { addMonths, type Day, formatDay } from '../../dates.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

/** By waiting period, then enrolment day: number keys, so a lookup allocates nothing. */
const ends = new Map<number, Map<Day, Day>>();
/**
 * The first day after the waiting period, memoised (every service day of every claim asks).
 * @example formatDay(waitingEnd(day('2025-08-31'), 6)) // '2026-02-28'
 */
export function waitingEnd(enrolledOn: Day, months: number): Day {
  let byEnrolment = ends.get(months);
  if (byEnrolment === undefined) {
    byEnrolment = new Map();
    ends.set(months, byEnrolment);
  }
  let end = byEnrolment.get(enrolledOn);
  if (end === undefined) {
    end = addMonths(enrolledOn, months);
    if (byEnrolment.size > 100_000) byEnrolment.clear();
    byEnrolment.set(enrolledOn, end);
  }
  return end;
}

/**
 * @example waitingPeriod.held(unitOn('2026-03-01')) // false for a person enrolled on 2025-10-01 (6 months)
 */
export const waitingPeriod: Rule<CareUnit> = {
  code: 'WAITING_PERIOD',
  held: (u) => u.day >= waitingEnd(u.person.enrolledOn, u.ltc.waitingPeriodMonths),
  saw: (u) => ({
    serviceDate: formatDay(u.day),
    enrolledOn: formatDay(u.person.enrolledOn),
    waitingPeriodMonths: u.ltc.waitingPeriodMonths,
    coveredFrom: formatDay(waitingEnd(u.person.enrolledOn, u.ltc.waitingPeriodMonths)),
  }),
};
