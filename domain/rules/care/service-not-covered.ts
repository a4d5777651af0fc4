/**
 * Rule 1, `SERVICE_NOT_COVERED` (DOMAIN.md §4, §11.5): the service code must be in the catalog of the
 * claim's setting; a family-care day is covered only when the policy sets `familyCare`.
 */
import type { Rule, Saw } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

/**
 * Bed fees and meals (`BED-FEE`, `MEALS`) are in no catalog, so they never pay.
 * @example serviceNotCovered.held(unitOf('BED-FEE')) // false
 */
export const serviceNotCovered: Rule<CareUnit> = {
  code: 'SERVICE_NOT_COVERED',
  held: (u) =>
    u.claim.setting === 'family-care' ? u.ltc.familyCare !== undefined : u.ltc.catalog[u.claim.setting].includes(u.line.serviceCode),
  saw: (u): Saw =>
    u.claim.setting === 'family-care'
      ? { serviceCode: u.line.serviceCode, setting: u.claim.setting, familyCareInPolicy: u.ltc.familyCare !== undefined }
      : { serviceCode: u.line.serviceCode, setting: u.claim.setting, catalog: u.ltc.catalog[u.claim.setting].join('|') },
};
