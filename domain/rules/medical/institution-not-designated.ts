/**
 * `INSTITUTION_NOT_DESIGNATED` for a hospital stay (DOMAIN.md §5, claim level): the institution needs
 * a `hospitalLevel` and a `medical` designation covering `admittedOn`. Skipped (it holds) when the
 * institution is unknown: UNKNOWN_INSTITUTION already rejects the claim.
 */
import type { MedicalSettlementClaim } from '../../claims.ts';
import { formatDay } from '../../dates.ts';
import { isDesignated, type Registry } from '../../registry.ts';
import type { Rule } from '../rule.ts';

/**
 * @example institutionNotDesignated.held({ registry, claim }) // false for an elderly-care home (no hospitalLevel)
 */
export const institutionNotDesignated: Rule<{ readonly registry: Registry; readonly claim: MedicalSettlementClaim }> = {
  code: 'INSTITUTION_NOT_DESIGNATED',
  held: ({ registry, claim }) => {
    const inst = registry.institutions.get(claim.institutionId);
    return !inst || (inst.hospitalLevel !== undefined && isDesignated(inst, 'medical', claim.admittedOn));
  },
  saw: ({ registry, claim }) => {
    const inst = registry.institutions.get(claim.institutionId);
    return {
      hospitalLevel: inst?.hospitalLevel ?? null,
      medicalDesignationOnAdmission: inst ? isDesignated(inst, 'medical', claim.admittedOn) : null,
      admittedOn: formatDay(claim.admittedOn),
    };
  },
};
