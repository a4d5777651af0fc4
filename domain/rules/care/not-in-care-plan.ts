/**
 * Rule 6a, `NOT_IN_CARE_PLAN` (DOMAIN.md §11.5): when the policy lists the claim's setting in
 * `carePlanRequired`, a unit needs a care plan of the person with the claim's institution and setting
 * that covers the day and lists the unit's service code. It reads only the claim, the registry and the
 * policy, so it is decided on acceptance, and ranks after rule 6.
 */
import { type CarePlan, carePlanOn, type PlanService } from '../../care-plans.ts';
import { formatDay } from '../../dates.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

/**
 * Whether the policy in force on the unit's day requires a care plan for its setting.
 * @example carePlanRequired(unit) // true under carePlanRequired: ['home-visit'] for a home visit
 */
export const carePlanRequired = (u: CareUnit): boolean => u.ltc.carePlanRequired?.includes(u.claim.setting) === true;

/**
 * The plan that matches the unit (at most one covers a day, by validation) and the service it lists
 * for the unit's code; undefined when the unit's setting needs no plan or nothing matches.
 * @example planServiceOf(unit)?.service.maxPerWeek // 2
 */
export function planServiceOf(u: CareUnit): { readonly plan: CarePlan; readonly service: PlanService | undefined } | undefined {
  if (!carePlanRequired(u)) return undefined;
  const plan = carePlanOn(u.person.carePlans, u.claim.institutionId, u.claim.setting, u.day);
  if (!plan) return undefined;
  return { plan, service: plan.services.find((s) => s.serviceCode === u.line.serviceCode) };
}

/**
 * @example notInCarePlan.held(unitOf('HV-REHAB')) // false when the plan lists HV-BATH and HV-MED only
 */
export const notInCarePlan: Rule<CareUnit> = {
  code: 'NOT_IN_CARE_PLAN',
  applies: carePlanRequired,
  held: (u) => !carePlanRequired(u) || planServiceOf(u)?.service !== undefined,
  saw: (u) => {
    const matched = planServiceOf(u);
    return {
      institutionId: u.claim.institutionId,
      setting: u.claim.setting,
      serviceCode: u.line.serviceCode,
      serviceDate: formatDay(u.day),
      planId: matched?.plan.planId ?? null,
      planFrom: matched ? formatDay(matched.plan.from) : null,
      planTo: matched?.plan.to !== undefined ? formatDay(matched.plan.to) : null,
      listedInPlan: matched?.service !== undefined,
    };
  },
};
