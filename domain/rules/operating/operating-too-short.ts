/** `OPERATING_TOO_SHORT` (DOMAIN.md §6): the institution needs addMonths(registeredOn, minOperatingMonths) ≤ the month's first day. */
import { addMonths, formatDay } from '../../dates.ts';
import type { Rule } from '../rule.ts';
import type { OperatingView } from './institution-type-not-covered.ts';

/** @example operatingTooShort.held(viewOf({ registeredOn: '2025-06-01', month: '2026-03' })) // false (12 months from 2026-06-01) */
export const operatingTooShort: Rule<OperatingView> = {
  code: 'OPERATING_TOO_SHORT',
  held: ({ claim, version, institution }) =>
    addMonths(institution.registeredOn, version.document.subsidy.operating.minOperatingMonths) <= claim.span.first,
  saw: ({ claim, version, institution }) => ({
    registeredOn: formatDay(institution.registeredOn),
    minOperatingMonths: version.document.subsidy.operating.minOperatingMonths,
    month: claim.month,
  }),
};
