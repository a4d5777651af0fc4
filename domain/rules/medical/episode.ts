/** Hospital stays as the medical rules and care rule 6 see them (DOMAIN.md §4 rule 6, §5). */
import type { MedicalSettlementClaim } from '../../claims.ts';
import { compareIds, type Day } from '../../dates.ts';

/**
 * (admittedOn, claimId) order: admission indices, chains and the annual cap follow it.
 * @example episodes.sort(episodeOrder)
 */
export function episodeOrder(a: MedicalSettlementClaim, b: MedicalSettlementClaim): number {
  return a.admittedOn - b.admittedOn || compareIds(a.claimId, b.claimId);
}

/**
 * Inpatient days of a stay: admittedOn ≤ d < dischargedOn; a same-day stay has its admission day.
 * @example inpatientDaysOf(stayFrom0203To0205).map(formatDay) // ['2026-02-03', '2026-02-04']
 */
export function inpatientDaysOf(c: MedicalSettlementClaim): Day[] {
  if (c.dischargedOn === c.admittedOn) return [c.admittedOn];
  const days: Day[] = [];
  for (let d = c.admittedOn; d < c.dischargedOn; d++) days.push(d);
  return days;
}

/**
 * Inpatient days = dischargedOn − admittedOn, at least 1 (the per-bed-day allowance counts them).
 * @example inpatientDayCount(sameDayStay) // 1
 */
export function inpatientDayCount(c: MedicalSettlementClaim): number {
  return Math.max(1, c.dischargedOn - c.admittedOn);
}

/**
 * Whether two stays' [admittedOn, dischargedOn) intervals intersect; a same-day stay's interval is
 * empty and meets none (OVERLAPPING_EPISODE).
 * @example staysOverlap(feb3to15, feb10to20) // true
 */
export function staysOverlap(a: MedicalSettlementClaim, b: MedicalSettlementClaim): boolean {
  return a.admittedOn < a.dischargedOn && b.admittedOn < b.dischargedOn && a.admittedOn < b.dischargedOn && b.admittedOn < a.dischargedOn;
}
