/**
 * The caps (DOMAIN.md §4, §11.5 M then A), in one pass over all the person's claim-days in (service
 * date, claimId) order: first the month's package of the claim's setting (`MONTHLY_CAP_REACHED`), then
 * the annual cap (`ANNUAL_CAP_REACHED`). "Paid so far" sums paid(d) of the earlier claim-days of the
 * pass, so a day the annual cap cut leaves its package unused.
 */
import { compareIds, type Day, yearOf, ymd } from '../../dates.ts';
import { type Dec, maxDec, minDec, ZERO } from '../../money.ts';
import type { CareSetting } from '../../policy/schema.ts';
import { DrawDown } from '../shared/draw-down.ts';
import { factsOn, type PreparedCareClaim } from './prepared.ts';

/** A claim-day that passed rules 1–7a, as the caps see it. */
export interface CappedDay {
  readonly day: Day;
  readonly fundBeforeCap: Dec;
  /** The month's package for the day's grade (§11.6), if any, and what was paid in the month and setting before this day. */
  monthlyCap: Dec | undefined;
  monthPaidBefore: Dec | undefined;
  /** m(d): the fund after the monthly cap (fund(d) without one). */
  afterMonthlyCap: Dec;
  monthlyCut: boolean;
  /** What is left of the year's cap before this day is paid. */
  capRemainingBefore: Dec | undefined;
  paid: Dec;
  capCut: boolean;
}

/**
 * Sorts the days and sets, on each, what the monthly then the annual cap did to it.
 * @example applyCaps(days); days.filter((d) => d.r.capCut) // the days ANNUAL_CAP_REACHED marks
 */
export function applyCaps(days: { readonly p: PreparedCareClaim; readonly r: CappedDay }[]): void {
  days.sort((a, b) => a.r.day - b.r.day || compareIds(a.p.claim.claimId, b.p.claim.claimId));
  const annual = new DrawDown<number>();
  const monthPaid = new Map<string, Dec>();
  for (const { p, r } of days) {
    const facts = factsOn(p, r.day);
    const key = monthKey(p.claim.setting, r.day);
    let m = r.fundBeforeCap;
    r.monthlyCap = facts.monthlyCap;
    if (facts.monthlyCap !== undefined) {
      const before = monthPaid.get(key) ?? ZERO;
      r.monthPaidBefore = before;
      m = minDec(r.fundBeforeCap, maxDec(ZERO, facts.monthlyCap.minus(before)));
    }
    r.afterMonthlyCap = m;
    r.monthlyCut = m.lessThan(r.fundBeforeCap);
    // The cap of a year is that of the version in force on its first paid day.
    const { before, paid } = annual.draw(yearOf(r.day), () => facts.annualCap, m);
    r.capRemainingBefore = before;
    r.paid = paid;
    r.capCut = paid.lessThan(m);
    // Days of a grade without a package count too: a later day's package sees every payment of the month.
    monthPaid.set(key, (monthPaid.get(key) ?? ZERO).plus(paid));
  }
}

function monthKey(setting: CareSetting, d: Day): string {
  const { year, month } = ymd(d);
  return `${setting}|${year * 12 + month}`;
}
