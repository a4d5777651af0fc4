/**
 * Rule 7, `DUPLICATE_SERVICE_DAY` (DOMAIN.md §4): when two care-service claims of the same person, in
 * any setting and from any institution, both have a day (a unit on it passed rules 1–6), the claim
 * submitted first keeps it (earlier submittedAt, then smaller claimId); the other's units that day pay
 * nothing, and losing a day sends a claim to review (§7). Several lines of one claim on one day are
 * not duplicates.
 */
import { type Day, formatDay } from '../../dates.ts';
import type { Rule } from '../rule.ts';
import { awardContestedDays, type Contender } from '../shared/contested-days.ts';

/**
 * The days each claim loses, and to whom: the shared award of contested days (operating subsidies
 * award resident days through the same function).
 * @example duplicateServiceDays([{ claim: cs1, first, last, days: cs1Days }, …]).get(second)?.get(d) // the keeper of d
 */
export function duplicateServiceDays<T extends Contender>(claims: readonly T[]): Map<T, Map<Day, T>> {
  return awardContestedDays(claims);
}

/** A unit's day and the claim that kept it, if another did. */
export interface KeptDay {
  readonly day: Day;
  readonly keptBy: string | undefined;
}

/**
 * How rule 7 ended for one unit, for the explanation.
 * @example duplicateServiceDay.held({ day, keptBy: 'CS-1' }) // false: CS-1 keeps the day
 */
export const duplicateServiceDay: Rule<KeptDay> = {
  code: 'DUPLICATE_SERVICE_DAY',
  held: ({ keptBy }) => keptBy === undefined,
  saw: ({ day, keptBy }) => ({ serviceDate: formatDay(day), keptBy: keptBy ?? null }),
};
