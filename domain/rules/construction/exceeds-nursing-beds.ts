/** `EXCEEDS_NURSING_BEDS` (DOMAIN.md §6): per institution and project type, the beds granted may not outnumber its nursingBeds. */
import type { Rule } from '../rule.ts';
import type { BedView } from './bed-view.ts';

/** @example exceedsNursingBeds.held(viewOf('B-5', { grantedOfType: 4, nursingBeds: 4 })) // false */
export const exceedsNursingBeds: Rule<BedView> = {
  code: 'EXCEEDS_NURSING_BEDS',
  held: (b) => b.grantedOfType < b.nursingBeds,
  saw: (b) => ({ grantedBefore: b.grantedOfType, nursingBeds: b.nursingBeds }),
};
