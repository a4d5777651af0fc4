/** `NURSING_BED_RATIO` (DOMAIN.md §6, seed 003): a public institution needs nursingBeds ≥ publicNursingBedRatio × totalBeds. */
import type { Rule } from '../rule.ts';
import type { ConstructionView } from './construction-view.ts';

/** @example nursingBedRatio.held(viewOf({ ownership: 'public', totalBeds: 40, nursingBeds: 6 })) // false (6 < 12) */
export const nursingBedRatio: Rule<ConstructionView> = {
  code: 'NURSING_BED_RATIO',
  held: ({ version, institution }) =>
    institution.ownership !== 'public' ||
    version.dec(version.document.subsidy.publicNursingBedRatio).times(institution.totalBeds).lessThanOrEqualTo(institution.nursingBeds),
  saw: ({ version, institution }) => ({
    ownership: institution.ownership,
    nursingBeds: institution.nursingBeds,
    totalBeds: institution.totalBeds,
    minimumRatio: version.document.subsidy.publicNursingBedRatio,
  }),
};
