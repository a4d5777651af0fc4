/**
 * Awarding contested days (the mechanics of `DUPLICATE_SERVICE_DAY`, DOMAIN.md §4 rule 7 and §6):
 * a day claimed by several contenders goes to the one submitted first; the others lose it. Care
 * claims of one person (both adjudication paths) and residents of one person's month (operating
 * subsidies) compete through this one function.
 */
import type { Day } from '../../dates.ts';
import { type Submitted, submittedFirst } from './submission-order.ts';

/** One claim (or one resident of a claim) competing for days. */
export interface Contender {
  readonly claim: Submitted;
  /** The first and last day it claims (first > last: none). */
  readonly first: Day;
  readonly last: Day;
  /** The days it claims, repeats allowed; absent: every day from `first` to `last`. */
  readonly days?: Iterable<Day>;
}

function eachDay(c: Contender, visit: (day: Day) => void): void {
  if (c.days) for (const d of c.days) visit(d);
  else for (let d = c.first; d <= c.last; d++) visit(d);
}

/**
 * For each contender that loses a day, the days it loses and who keeps each. Only contenders whose
 * spans meet another's are looked at day by day (a month of one claim meets no one, mostly).
 * @example
 * const lost = awardContestedDays([{ claim: cs1, first: d1, last: d31 }, { claim: cs2, first: d15, last: d15 }]);
 * lost.get(second)?.get(d15) // the first contender, when cs1 was submitted first
 */
export function awardContestedDays<T extends Contender>(contenders: readonly T[]): Map<T, Map<Day, T>> {
  const lost = new Map<T, Map<Day, T>>();
  const ordered = contenders.filter((c) => c.first <= c.last).sort((a, b) => a.first - b.first);
  // A sweep by first day: a span that starts before the furthest reach so far meets the one reaching it.
  const meeting = new Set<T>();
  let reach = Number.NEGATIVE_INFINITY;
  let reacher: T | undefined;
  for (const c of ordered) {
    if (c.first <= reach) {
      meeting.add(c);
      meeting.add(reacher as T);
    }
    if (c.last > reach) {
      reach = c.last;
      reacher = c;
    }
  }
  if (meeting.size === 0) return lost;
  const keeper = new Map<Day, T>();
  for (const c of meeting) {
    eachDay(c, (day) => {
      const current = keeper.get(day);
      if (!current || submittedFirst(c.claim, current.claim) === c.claim) keeper.set(day, c);
    });
  }
  for (const c of meeting) {
    eachDay(c, (day) => {
      const k = keeper.get(day) as T;
      if (k === c) return;
      const days = lost.get(c) ?? new Map<Day, T>();
      days.set(day, k);
      lost.set(c, days);
    });
  }
  return lost;
}
