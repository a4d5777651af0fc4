/**
 * `ANNUAL_CAP_REACHED` (DOMAIN.md §4, §11.5 A): days are paid in (service date, claimId) order against
 * the person's annual cap for the calendar year of the service date; the day that crosses it is paid
 * the remainder, later days 0, and every day whose amount after the monthly cap (its fund(d) without
 * one) was cut, partly or wholly, is marked. The pass itself is `caps.ts`.
 */
import type { Day } from '../../dates.ts';
import type { Fen } from '../../fen.ts';
import { fmt } from '../../money.ts';
import type { Rule } from '../rule.ts';
import type { CappedDay } from './caps.ts';

/** A year's pre-cap fund over the person's claims, and the cap of its first payable day. */
export interface YearTotal {
  total: Fen;
  first: Day;
  cap: Fen;
}

/**
 * The fast path's test: no year's pre-cap total exceeds its cap, so no day can be cut and the
 * day-by-day pass would change nothing.
 * @example annualCapsHold([{ total: fen.parse('900.00'), first, cap: fen.parse('20000.00') }]) // true
 */
export function annualCapsHold(years: Iterable<YearTotal>): boolean {
  for (const t of years) if (t.total > t.cap) return false;
  return true;
}

/**
 * How the annual cap ended for one day, for the explanation.
 * @example annualCapReached.held(cappedDay) // false when the day was cut
 */
export const annualCapReached: Rule<CappedDay> = {
  code: 'ANNUAL_CAP_REACHED',
  held: (r) => !r.capCut,
  saw: (r) => ({
    fund: fmt(r.fundBeforeCap),
    ...(r.monthlyCap !== undefined ? { afterMonthlyCap: fmt(r.afterMonthlyCap) } : {}),
    annualCapRemaining: r.capRemainingBefore ? fmt(r.capRemainingBefore) : null,
    paid: fmt(r.paid),
  }),
};
