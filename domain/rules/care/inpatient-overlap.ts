/**
 * Rule 6, `INPATIENT_OVERLAP` (DOMAIN.md §4): a care day on which the person was an inpatient under
 * any validated medical-settlement claim (admittedOn ≤ d < dischargedOn; a same-day stay: its day)
 * pays nothing. It depends on the person's medical claims, so it runs on every adjudication.
 */
import { type Day, formatDay } from '../../dates.ts';
import type { Rule } from '../rule.ts';

/** A service day and the person's inpatient days (from `inpatientDaysOf` of every medical claim). */
export interface InpatientView {
  readonly day: Day;
  readonly inpatient: ReadonlySet<Day>;
}

/**
 * @example inpatientOverlap.held({ day: day('2026-02-05'), inpatient }) // false when a stay covers 02-05
 */
export const inpatientOverlap: Rule<InpatientView> = {
  code: 'INPATIENT_OVERLAP',
  held: ({ day, inpatient }) => !inpatient.has(day),
  saw: ({ day, inpatient }) => ({ serviceDate: formatDay(day), inpatientThatDay: inpatient.has(day) }),
};
