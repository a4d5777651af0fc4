/**
 * The day's fund (DOMAIN.md §4, §11.5): for the priced settings allowable(d) = min(charge(d),
 * dailyCap); for family care allowable(d) = the daily allowance of the grade (no daily cap, no bill);
 * then fund(d) = round_fen(allowable(d) × ratio), rounded half-up per day. Both care paths compute it
 * here.
 */

import type { Fen, Micro } from '../../fen.ts';
import * as fen from '../../fen.ts';
import { type Dec, minDec, roundFen, ZERO } from '../../money.ts';
import type { DayFacts } from './prepared.ts';

/**
 * The amount before rounding and the day's fund for a day's covered charge (ignored for family care,
 * whose covered day is worth its allowance).
 * @example dayFund(money('80.00'), { dailyCap: money('60.00'), ratio: money('0.70'), … }).fund.toFixed(2) // '42.00'
 */
export function dayFund(charge: Dec, facts: DayFacts): { readonly allowable: Dec; readonly fund: Dec } {
  const allowable = facts.allowance ?? minDec(charge, facts.dailyCap as Dec);
  return { allowable, fund: roundFen(allowable.times(facts.ratio)) };
}

/**
 * `dayFund`'s fund in exact integers: the day's charge in micros, min with the daily cap (or the
 * allowance), times the ratio, rounded half-up to the fen — the same number, with no decimal
 * allocated (the fast path sums these).
 * @example fen.format(dayFundFen(fen.micro('80.00'), facts)) // '42.00' with a 60.00 cap and 0.70
 */
export function dayFundFen(charge: Micro, facts: DayFacts): Fen {
  const exact = facts.exact;
  let allowable = exact.allowance;
  if (allowable === undefined) {
    const cap = exact.dailyCap;
    // No cap and no allowance cannot be priced: fail as the decimal path does.
    if (cap === undefined) return fen.halfUp(dayFund(ZERO, facts).fund);
    allowable = charge < cap ? charge : cap;
  }
  return fen.microTimesRatio(allowable, exact.ratio);
}
