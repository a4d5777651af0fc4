/** `DUPLICATE_BED_IN_CLAIM` (DOMAIN.md §6): a second listing of a bed id in one claim. */
import type { Rule } from '../rule.ts';
import type { BedView } from './bed-view.ts';

/** @example duplicateBedInClaim.held(viewOf('B-1', { listedBefore: ['B-1'] })) // false */
export const duplicateBedInClaim: Rule<BedView> = {
  code: 'DUPLICATE_BED_IN_CLAIM',
  held: (b) => !b.listedBefore.has(b.bed),
  saw: (b) => ({ bed: b.bed }),
};
