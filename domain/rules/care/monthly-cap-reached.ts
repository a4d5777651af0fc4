/**
 * `MONTHLY_CAP_REACHED` (DOMAIN.md §11.5 M, §11.6): a person's fund in one calendar month and setting
 * (every grade, institution and claim together) is limited by that month's package of the day's
 * grade: m(d) = min(fund(d), max(0, package − paid so far in the month and setting)); what is left at
 * the end of a month is lost (不予转存). Applied after the ratio and rounding, before the annual cap;
 * the pass itself is `caps.ts`.
 */
import type { Fen } from '../../fen.ts';
import { fmt, ZERO } from '../../money.ts';
import type { Rule } from '../rule.ts';
import type { CappedDay } from './caps.ts';

/** A month's pre-cap fund in one setting over the person's claims, and the smallest package of its days. */
export interface MonthTotal {
  total: Fen;
  /** The smallest package among the month's days that have one (undefined: none has). */
  smallestCap: Fen | undefined;
}

/**
 * The fast path's test: no month's pre-cap total in a setting exceeds the smallest package of its
 * days, so no day's package can bite (paid so far never exceeds the pre-cap total).
 * @example monthlyCapsHold([{ total: fen.parse('900.00'), smallestCap: fen.parse('1050.00') }]) // true
 */
export function monthlyCapsHold(months: Iterable<MonthTotal>): boolean {
  for (const t of months) if (t.smallestCap !== undefined && t.total > t.smallestCap) return false;
  return true;
}

/**
 * How the month's package ended for one day, for the explanation: the package, what the month had
 * used before the day, and what was left.
 * @example monthlyCapReached.held(cappedDay) // false when the package cut the day
 */
export const monthlyCapReached: Rule<CappedDay> = {
  code: 'MONTHLY_CAP_REACHED',
  applies: (r) => r.monthlyCap !== undefined,
  held: (r) => !r.monthlyCut,
  saw: (r) => {
    const cap = r.monthlyCap ?? ZERO;
    const used = r.monthPaidBefore ?? ZERO;
    return {
      fund: fmt(r.fundBeforeCap),
      monthlyCap: fmt(cap),
      monthUsedBefore: fmt(used),
      monthLeftBefore: fmt(cap.greaterThan(used) ? cap.minus(used) : ZERO),
      afterMonthlyCap: fmt(r.afterMonthlyCap),
    };
  },
};
