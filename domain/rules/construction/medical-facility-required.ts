/**
 * `MEDICAL_FACILITY_REQUIRED` (DOMAIN.md §6): the entry of medicalFacilityRequirements with the
 * largest minTotalBeds ≤ totalBeds (on a tie the first listed) names the accepted facilities — in
 * demo-2026, 100 beds and more need an internal one (seed 004), fewer an internal or contracted one
 * (seed 000).
 */
import type { Rule } from '../rule.ts';
import type { ConstructionView } from './construction-view.ts';

function requirementOf({ version, institution }: ConstructionView) {
  let requirement: (typeof version.document.subsidy.medicalFacilityRequirements)[number] | undefined;
  for (const r of version.document.subsidy.medicalFacilityRequirements) {
    if (r.minTotalBeds <= institution.totalBeds && (!requirement || r.minTotalBeds > requirement.minTotalBeds)) requirement = r;
  }
  return requirement;
}

/** @example medicalFacilityRequired.held(viewOf({ totalBeds: 120, medicalFacility: 'contracted' })) // false */
export const medicalFacilityRequired: Rule<ConstructionView> = {
  code: 'MEDICAL_FACILITY_REQUIRED',
  held: (v) => requirementOf(v)?.accepted.includes(v.institution.medicalFacility) ?? false,
  saw: (v) => ({
    totalBeds: v.institution.totalBeds,
    medicalFacility: v.institution.medicalFacility,
    accepted: requirementOf(v)?.accepted.join('|') ?? null,
  }),
};
