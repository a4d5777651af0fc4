/**
 * Rule 5, `INSTITUTION_NOT_DESIGNATED` (DOMAIN.md §4): the institution needs an `ltc` designation for
 * the claim's setting covering the day; for medical-care it must also be a hospital with a level.
 */
import { formatDay } from '../../dates.ts';
import { isDesignated } from '../../registry.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

/**
 * @example institutionNotDesignated.held(unitOn('2023-12-31')) // false before a designation from 2024-01-01
 */
export const institutionNotDesignated: Rule<CareUnit> = {
  code: 'INSTITUTION_NOT_DESIGNATED',
  held: (u) =>
    isDesignated(u.institution, 'ltc', u.day, u.claim.setting) &&
    (u.claim.setting !== 'medical-care' || (u.institution.institutionType === 'hospital' && u.institution.hospitalLevel !== undefined)),
  saw: (u) => ({
    institutionId: u.institution.institutionId,
    setting: u.claim.setting,
    serviceDate: formatDay(u.day),
    designatedOnDay: isDesignated(u.institution, 'ltc', u.day, u.claim.setting),
    institutionType: u.institution.institutionType,
    hospitalLevel: u.institution.hospitalLevel ?? null,
  }),
};
