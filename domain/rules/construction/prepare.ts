/**
 * Accepting a construction subsidy (DOMAIN.md §6): the claim-level rules, for every institution type,
 * all reported; after UNKNOWN_INSTITUTION the rules that need the institution are skipped.
 */
import type { ConstructionSubsidyClaim } from '../../claims.ts';
import { yearOf } from '../../dates.ts';
import type { Dec } from '../../money.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { RuleContext } from '../context.ts';
import { check, failedCodes, type RuleCheck } from '../rule.ts';
import { unknownInstitution } from '../shared/unknown-institution.ts';
import { beforePolicyEffective } from './before-policy-effective.ts';
import type { ConstructionView } from './construction-view.ts';
import { medicalFacilityRequired } from './medical-facility-required.ts';
import { nursingBedRatio } from './nursing-bed-ratio.ts';
import { projectTypeNotCovered, rateText } from './project-type-not-covered.ts';

export interface PreparedConstructionClaim {
  readonly claim: ConstructionSubsidyClaim;
  readonly claimLevel: readonly ReasonCode[];
  readonly claimRules: readonly RuleCheck[];
  readonly rate: Dec | undefined;
  /** The calendar year (Asia/Shanghai) of submittedAt, whose budget funds the claim. */
  readonly budgetYear: number;
  readonly nursingBeds: number;
}

/**
 * @example prepareConstructionClaim(ctx, claim).claimLevel // ['NURSING_BED_RATIO'] for a public home short of nursing beds
 */
export function prepareConstructionClaim(ctx: RuleContext, claim: ConstructionSubsidyClaim): PreparedConstructionClaim {
  const version = ctx.policy.at(claim.acceptedOn);
  const institution = ctx.registry.institutions.get(claim.institutionId);
  const view: ConstructionView | undefined = institution ? { claim, version, institution } : undefined;
  const checks: RuleCheck[] = [check(unknownInstitution, { registry: ctx.registry, institutionId: claim.institutionId })];
  if (view) checks.push(check(projectTypeNotCovered, view));
  checks.push(check(beforePolicyEffective, { claim, version }));
  if (view) checks.push(check(medicalFacilityRequired, view), check(nursingBedRatio, view));
  const rate = view ? rateText(view) : undefined;
  return {
    claim,
    claimLevel: failedCodes(checks),
    claimRules: checks,
    rate: rate === undefined ? undefined : version.dec(rate),
    budgetYear: yearOf(claim.submittedDay),
    nursingBeds: institution?.nursingBeds ?? 0,
  };
}
