/** `BEFORE_POLICY_EFFECTIVE` (DOMAIN.md §6): a project accepted (竣工验收) before the subsidy policy's effectiveFrom gets nothing. */
import type { ConstructionSubsidyClaim } from '../../claims.ts';
import { formatDay } from '../../dates.ts';
import type { PolicyVersion } from '../../policy/policy.ts';
import type { Rule } from '../rule.ts';

/** @example beforePolicyEffective.held({ claim: acceptedOn20201231, version }) // false under demo-2026 (from 2021-01-01) */
export const beforePolicyEffective: Rule<{ readonly claim: ConstructionSubsidyClaim; readonly version: PolicyVersion }> = {
  code: 'BEFORE_POLICY_EFFECTIVE',
  held: ({ claim, version }) => formatDay(claim.acceptedOn) >= version.document.subsidy.effectiveFrom,
  saw: ({ claim, version }) => ({ acceptedOn: formatDay(claim.acceptedOn), effectiveFrom: version.document.subsidy.effectiveFrom }),
};
