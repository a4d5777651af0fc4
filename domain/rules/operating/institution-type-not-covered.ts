/** `INSTITUTION_TYPE_NOT_COVERED` (DOMAIN.md §6): the operating subsidy excludes some institution types (hospitals in demo-2026). */
import type { OperatingSubsidyClaim } from '../../claims.ts';
import type { PolicyVersion } from '../../policy/policy.ts';
import type { Institution } from '../../registry.ts';
import type { Rule } from '../rule.ts';

/** An operating claim with its institution and the version in force on the month's first day. */
export interface OperatingView {
  readonly claim: OperatingSubsidyClaim;
  readonly version: PolicyVersion;
  readonly institution: Institution;
}

/** @example institutionTypeNotCovered.held(viewOf('hospital')) // false */
export const institutionTypeNotCovered: Rule<OperatingView> = {
  code: 'INSTITUTION_TYPE_NOT_COVERED',
  held: ({ version, institution }) => !version.document.subsidy.operating.excludedInstitutionTypes.includes(institution.institutionType),
  saw: ({ institution }) => ({ institutionType: institution.institutionType }),
};
