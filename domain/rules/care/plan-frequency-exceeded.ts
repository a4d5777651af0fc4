/**
 * Rule 7a, `PLAN_FREQUENCY_EXCEEDED` (DOMAIN.md §11.5): for each plan service with `maxPerMonth`
 * and/or `maxPerWeek`, the units that passed rules 1–7 and matched it in rule 6a, from all the
 * person's care-service claims, are taken in (service date, claimId, line index) order. A unit of
 * quantity q is allowed a = min(q, maxPerMonth − allowed so far in its calendar month, maxPerWeek −
 * allowed so far in its ISO week); its other q − a units fail and are left out of charge(d). A week
 * spanning two months counts against each month for its own days and against the week for all of
 * them; counts are per plan service, so two consecutive plans count separately.
 */
import type { PlanService } from '../../care-plans.ts';
import { compareIds, type Day, formatDay, ymd } from '../../dates.ts';
import type { Rule } from '../rule.ts';

/** A unit that passed rules 1–7 under a plan service with a limit. */
export interface FrequencyUnit {
  readonly day: Day;
  readonly claimId: string;
  readonly line: number;
  readonly quantity: number;
  readonly limit: PlanService;
}

/** What rule 7a counted for one unit: the limits, what was allowed before it, and what it was allowed. */
export interface FrequencyCount {
  readonly limit: PlanService;
  readonly day: Day;
  readonly quantity: number;
  readonly allowed: number;
  readonly allowedInMonthBefore: number;
  readonly allowedInWeekBefore: number;
}

/** ISO 8601 weeks run Monday to Sunday; day 0 (1970-01-01) was a Thursday. */
const weekOf = (d: Day): number => Math.floor((d + 3) / 7);
const monthOf = (d: Day): number => {
  const { year, month } = ymd(d);
  return year * 12 + month;
};

/**
 * Counts the units in (service date, claimId, line index) order and returns each one's count, in the
 * order given.
 * @example allowPlanFrequencies([bath1, bath2]).map((c) => c.allowed) // [1, 0] under maxPerWeek: 1
 */
export function allowPlanFrequencies(units: readonly FrequencyUnit[]): FrequencyCount[] {
  const order = units.map((_, i) => i);
  order.sort((a, b) => {
    const x = units[a] as FrequencyUnit;
    const y = units[b] as FrequencyUnit;
    return x.day - y.day || compareIds(x.claimId, y.claimId) || x.line - y.line;
  });
  const used = new Map<PlanService, { months: Map<number, number>; weeks: Map<number, number> }>();
  const counts: FrequencyCount[] = new Array(units.length);
  for (const i of order) {
    const u = units[i] as FrequencyUnit;
    let c = used.get(u.limit);
    if (!c) {
      c = { months: new Map(), weeks: new Map() };
      used.set(u.limit, c);
    }
    const month = monthOf(u.day);
    const week = weekOf(u.day);
    const inMonth = c.months.get(month) ?? 0;
    const inWeek = c.weeks.get(week) ?? 0;
    let allowed = u.quantity;
    if (u.limit.maxPerMonth !== undefined) allowed = Math.min(allowed, u.limit.maxPerMonth - inMonth);
    if (u.limit.maxPerWeek !== undefined) allowed = Math.min(allowed, u.limit.maxPerWeek - inWeek);
    allowed = Math.max(0, allowed);
    c.months.set(month, inMonth + allowed);
    c.weeks.set(week, inWeek + allowed);
    counts[i] = { limit: u.limit, day: u.day, quantity: u.quantity, allowed, allowedInMonthBefore: inMonth, allowedInWeekBefore: inWeek };
  }
  return counts;
}

/**
 * How rule 7a ended for one unit, for the explanation: the plan, its limits and its counts so far.
 * @example planFrequencyExceeded.held(count) // false when only part of the quantity was allowed
 */
export const planFrequencyExceeded: Rule<FrequencyCount> = {
  code: 'PLAN_FREQUENCY_EXCEEDED',
  held: (c) => c.allowed === c.quantity,
  saw: (c) => ({
    planId: c.limit.planId,
    serviceCode: c.limit.serviceCode,
    quantity: c.quantity,
    allowedQuantity: c.allowed,
    maxPerMonth: c.limit.maxPerMonth ?? null,
    allowedInMonthBefore: c.allowedInMonthBefore,
    maxPerWeek: c.limit.maxPerWeek ?? null,
    weekStarting: formatDay(weekOf(c.day) * 7 - 3),
    allowedInWeekBefore: c.allowedInWeekBefore,
  }),
};
