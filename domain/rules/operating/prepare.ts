/**
 * Accepting an operating subsidy (DOMAIN.md §6): the claim-level rules, all reported, then the
 * resident rules for each resident (not evaluated when a claim-level rule failed: README).
 */
import type { OperatingSubsidyClaim } from '../../claims.ts';
import type { Day } from '../../dates.ts';
import type { Dec } from '../../money.ts';
import type { ReasonCode } from '../../reasons.ts';
import { assessmentInForce, type Person, type Registry } from '../../registry.ts';
import type { RuleContext } from '../context.ts';
import { check, checksUntilFailure, failedCodes, firstFailing, type Rule, type RuleCheck } from '../rule.ts';
import { unknownInstitution } from '../shared/unknown-institution.ts';
import { unknownPerson } from '../shared/unknown-person.ts';
import { dayValue } from './day-value.ts';
import { institutionTypeNotCovered, type OperatingView } from './institution-type-not-covered.ts';
import { operatingTooShort } from './operating-too-short.ts';
import { specialHardshipExcluded } from './special-hardship-excluded.ts';

export interface PreparedResident {
  readonly personId: string;
  readonly from: Day;
  readonly to: Day;
  /** UNKNOWN_PERSON or SPECIAL_HARDSHIP_EXCLUDED, when a resident rule failed. */
  readonly failed: ReasonCode | undefined;
  /** base × (1 + uplift) for each day from `from` to `to`. */
  readonly dayValues: readonly Dec[];
  readonly grades: readonly (number | null)[];
}

export interface PreparedOperatingClaim {
  readonly claim: OperatingSubsidyClaim;
  readonly claimLevel: readonly ReasonCode[];
  readonly claimRules: readonly RuleCheck[];
  readonly residents: readonly PreparedResident[];
}

/** What the resident rules look at. */
export interface ResidentView {
  readonly registry: Registry;
  readonly personId: string;
  readonly person: Person | undefined;
}

/**
 * The resident rules in order: the first that fails decides the resident.
 * @example firstFailing(RESIDENT_RULES, { registry, personId: 'P-X', person: undefined }) // 'UNKNOWN_PERSON'
 */
export const RESIDENT_RULES: readonly Rule<ResidentView>[] = [unknownPerson, specialHardshipExcluded];

/**
 * The resident rules as they were applied to one resident, for the explanation.
 * @example residentRules(registry, 'P-X').map((c) => c.rule) // ['UNKNOWN_PERSON']
 */
export function residentRules(registry: Registry, personId: string): RuleCheck[] {
  return checksUntilFailure(RESIDENT_RULES, { registry, personId, person: registry.persons.get(personId) });
}

/**
 * @example prepareOperatingClaim(ctx, claim).claimLevel // ['OPERATING_TOO_SHORT'] for a home registered 6 months before the month
 */
export function prepareOperatingClaim(ctx: RuleContext, claim: OperatingSubsidyClaim): PreparedOperatingClaim {
  const version = ctx.policy.at(claim.span.first);
  const institution = ctx.registry.institutions.get(claim.institutionId);
  const claimRules: RuleCheck[] = [check(unknownInstitution, { registry: ctx.registry, institutionId: claim.institutionId })];
  if (institution) {
    const view: OperatingView = { claim, version, institution };
    claimRules.push(check(institutionTypeNotCovered, view), check(operatingTooShort, view));
  }
  const claimLevel = failedCodes(claimRules);
  const residents: PreparedResident[] =
    claimLevel.length > 0
      ? []
      : claim.residents.map((r) => {
          const person = ctx.registry.persons.get(r.personId);
          const failed = firstFailing(RESIDENT_RULES, { registry: ctx.registry, personId: r.personId, person });
          const dayValues: Dec[] = [];
          const grades: (number | null)[] = [];
          if (person && !failed) {
            for (let d = r.from; d <= r.to; d++) {
              const v = ctx.policy.at(d);
              const grade = assessmentInForce(person, d, v.document.ltc.validityMonths)?.grade;
              dayValues.push(dayValue(v, grade));
              grades.push(grade ?? null);
            }
          }
          return { personId: r.personId, from: r.from, to: r.to, failed, dayValues, grades };
        });
  return { claim, claimLevel, claimRules, residents };
}
