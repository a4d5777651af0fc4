/** Rule 4, `GRADE_NOT_ELIGIBLE` (DOMAIN.md §4): the grade in force on the day must be eligible; each day uses its own grade. */
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

/**
 * @example gradeNotEligible.held(unitWithGrade(2)) // false under demo-2026 (grades 3, 4, 5)
 */
export const gradeNotEligible: Rule<CareUnit> = {
  code: 'GRADE_NOT_ELIGIBLE',
  held: (u) => u.assessment !== undefined && u.ltc.eligibleGrades.includes(u.assessment.grade),
  saw: (u) => ({ gradeInForce: u.assessment?.grade ?? null, eligibleGrades: u.ltc.eligibleGrades.join('|') }),
};
