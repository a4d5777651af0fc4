/**
 * `ANNUAL_CAP_REACHED` (DOMAIN.md §4): days are paid in (service date, claimId) order against the
 * person's annual cap for the calendar year of the service date; the day that crosses it is paid the
 * remainder, later days 0, and every day whose fund(d) > 0 was cut is marked.
 */
import { compareIds, type Day, yearOf } from '../../dates.ts';
import { type Dec, fmt } from '../../money.ts';
import type { Rule } from '../rule.ts';
import { DrawDown } from '../shared/draw-down.ts';
import { factsOn, type PreparedCareClaim } from './prepared.ts';

/** A claim-day that passed rules 1–7, as the caps see it. */
export interface CappedDay {
  readonly day: Day;
  readonly fundBeforeCap: Dec;
  /** What is left of the year's cap before this day is paid. */
  capRemainingBefore: Dec | undefined;
  paid: Dec;
  capCut: boolean;
}

/**
 * The one pass of the caps over the person's claim-days (§11.5 puts a monthly cap in this same pass,
 * before the annual one): sorts them and sets `capRemainingBefore`, `paid` and `capCut`.
 * @example applyAnnualCap(days); days.filter((d) => d.r.capCut) // the days ANNUAL_CAP_REACHED marks
 */
export function applyAnnualCap(days: { readonly p: PreparedCareClaim; readonly r: CappedDay }[]): void {
  days.sort((a, b) => a.r.day - b.r.day || compareIds(a.p.claim.claimId, b.p.claim.claimId));
  const caps = new DrawDown<number>();
  for (const { p, r } of days) {
    // The cap of a year is that of the version in force on its first paid day.
    const { before, paid } = caps.draw(yearOf(r.day), () => factsOn(p, r.day).annualCap, r.fundBeforeCap);
    r.capRemainingBefore = before;
    r.paid = paid;
    r.capCut = r.fundBeforeCap.greaterThan(0) && paid.lessThan(r.fundBeforeCap);
  }
}

/** A year's pre-cap fund over the person's claims, and the cap of its first payable day. */
export interface YearTotal {
  total: Dec;
  first: Day;
  cap: Dec;
}

/**
 * The fast path's test: no year's pre-cap total exceeds its cap, so no day can be cut and the
 * day-by-day pass would change nothing.
 * @example annualCapsHold([{ total: money('900.00'), first, cap: money('20000.00') }]) // true
 */
export function annualCapsHold(years: Iterable<YearTotal>): boolean {
  for (const t of years) if (t.total.greaterThan(t.cap)) return false;
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
    annualCapRemaining: r.capRemainingBefore ? fmt(r.capRemainingBefore) : null,
    paid: fmt(r.paid),
  }),
};
