/**
 * `ANNUAL_CAP_REACHED` for hospital stays (DOMAIN.md §5): the fund is limited by what is left of the
 * annual cap of the chain's benefit year (the calendar year of its first episode's admission), drawn
 * in (admittedOn, claimId) order; an episode whose fund > 0 was cut is marked.
 */

import type { Dec } from '../../money.ts';
import { fmt } from '../../money.ts';
import type { Rule } from '../rule.ts';

/** One episode's fund before and after the cap. */
export interface CappedEpisode {
  readonly fundBeforeCap: Dec;
  readonly capRemainingBefore: Dec;
  readonly fund: Dec;
}

/**
 * @example annualCapReached.held({ fundBeforeCap: money('900'), capRemainingBefore: money('500'), fund: money('500') }) // false
 */
export const annualCapReached: Rule<CappedEpisode> = {
  code: 'ANNUAL_CAP_REACHED',
  held: (e) => !(e.fundBeforeCap.greaterThan(0) && e.fund.lessThan(e.fundBeforeCap)),
  saw: (e) => ({ fundBeforeCap: fmt(e.fundBeforeCap), annualCapRemaining: fmt(e.capRemainingBefore), fund: fmt(e.fund) }),
};
