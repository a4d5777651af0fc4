/** Rule 1, `SERVICE_NOT_COVERED` (DOMAIN.md §4): the service code must be in the catalog of the claim's setting. */
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

/**
 * Bed fees and meals (`BED-FEE`, `MEALS`) are in no catalog, so they never pay.
 * @example serviceNotCovered.held(unitOf('BED-FEE')) // false
 */
export const serviceNotCovered: Rule<CareUnit> = {
  code: 'SERVICE_NOT_COVERED',
  held: (u) => u.ltc.catalog[u.claim.setting].includes(u.line.serviceCode),
  saw: (u) => ({ serviceCode: u.line.serviceCode, setting: u.claim.setting, catalog: u.ltc.catalog[u.claim.setting].join('|') }),
};
