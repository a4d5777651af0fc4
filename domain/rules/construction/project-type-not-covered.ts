/**
 * `PROJECT_TYPE_NOT_COVERED` (DOMAIN.md §6): the policy must name a per-bed rate for the institution
 * type and project type (seed 001: 新建 13000.00 for elderly-care and special-hardship homes,
 * 改造提升 4000.00 for special-hardship homes only; hospitals get none).
 */
import type { Rule } from '../rule.ts';
import type { ConstructionView } from './construction-view.ts';

/**
 * The rate as the policy writes it, if any.
 * @example rateText(view) // '13000.00' for an elderly-care home's new construction
 */
export function rateText({ claim, version, institution }: ConstructionView): string | undefined {
  return version.document.subsidy.constructionRates[institution.institutionType]?.[claim.projectType];
}

/** @example projectTypeNotCovered.held(viewOf('elderly-care', 'renovation')) // false */
export const projectTypeNotCovered: Rule<ConstructionView> = {
  code: 'PROJECT_TYPE_NOT_COVERED',
  held: (v) => rateText(v) !== undefined,
  saw: (v) => ({ institutionType: v.institution.institutionType, projectType: v.claim.projectType }),
};
