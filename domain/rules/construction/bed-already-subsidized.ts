/**
 * `BED_ALREADY_SUBSIDIZED` (DOMAIN.md §6): a bed — keyed by institutionId and bed id — gets at most
 * one construction and at most one renovation subsidy, ever.
 */
import type { Rule } from '../rule.ts';
import { type BedView, grantKey } from './bed-view.ts';

/** @example bedAlreadySubsidized.held(viewOf('B-1', { granted: [grantKey('new-construction', 'B-1')] })) // false */
export const bedAlreadySubsidized: Rule<BedView> = {
  code: 'BED_ALREADY_SUBSIDIZED',
  held: (b) => !b.granted.has(grantKey(b.projectType, b.bed)),
  saw: (b) => ({ bed: b.bed, projectType: b.projectType }),
};
