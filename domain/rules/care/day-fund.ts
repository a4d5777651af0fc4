/**
 * The day's fund (DOMAIN.md §4, §11.5): for the priced settings allowable(d) = min(charge(d),
 * dailyCap); for family care allowable(d) = the daily allowance of the grade (no daily cap, no bill);
 * then fund(d) = round_fen(allowable(d) × ratio), rounded half-up per day. Both care paths compute it
 * here.
 */
import { type Dec, minDec, roundFen } from '../../money.ts';
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
 * Day funds memoised by identity of the charge and the day facts: most days of a claim charge the
 * same (shared) amount under the same (interned) facts, so each distinct pair is computed once.
 * @example const funds = new DayFunds(); funds.of(charge, facts) === funds.of(charge, facts) // true
 */
export class DayFunds {
  private readonly memo = new Map<Dec, Map<DayFacts, Dec>>();

  of(charge: Dec, facts: DayFacts): Dec {
    let byFacts = this.memo.get(charge);
    if (!byFacts) {
      byFacts = new Map();
      this.memo.set(charge, byFacts);
    }
    let fund = byFacts.get(facts);
    if (fund === undefined) {
      fund = dayFund(charge, facts).fund;
      byFacts.set(facts, fund);
    }
    return fund;
  }
}
