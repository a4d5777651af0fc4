/** Rule 2, `WAITING_PERIOD` (DOMAIN.md §4): days before addMonths(enrolledOn, waitingPeriodMonths) pay nothing. */
import { addMonths, type Day, formatDay } from '../../dates.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

const ends = new Map<string, Day>();
/**
 * The first day after the waiting period, memoised (every service day of every claim asks).
 * @example formatDay(waitingEnd(day('2025-08-31'), 6)) // '2026-02-28'
 */
export function waitingEnd(enrolledOn: Day, months: number): Day {
  const key = `${enrolledOn}:${months}`;
  let end = ends.get(key);
  if (end === undefined) {
    end = addMonths(enrolledOn, months);
    if (ends.size > 100_000) ends.clear();
    ends.set(key, end);
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
