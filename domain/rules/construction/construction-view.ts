/** What the claim-level construction rules look at: the claim, its institution and the subsidy policy. */
import type { ConstructionSubsidyClaim } from '../../claims.ts';
import type { PolicyVersion } from '../../policy/policy.ts';
import type { Institution } from '../../registry.ts';

export interface ConstructionView {
  readonly claim: ConstructionSubsidyClaim;
  /** The version in force on the claim's acceptedOn (DOMAIN.md §2). */
  readonly version: PolicyVersion;
  readonly institution: Institution;
}
