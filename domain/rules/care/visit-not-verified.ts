/**
 * Rule 6b, `VISIT_NOT_VERIFIED` (DOMAIN.md §11.5): in a home-visit claim, when the policy sets
 * `visitVerification`, a unit's line needs a visit record whose check-in and check-out both fall on
 * the line's date (Asia/Shanghai) and which lasted at least quantity × minMinutes (instants compared
 * exactly: 29 min 59 s is shorter than 30 min). A from/to line has no visit, so all its days fail.
 * It reads only the claim and the policy, so it is decided on acceptance, and ranks after 6a.
 */
import { Decimal } from 'decimal.js';
import type { Visit } from '../../claims.ts';
import { formatDay, shanghaiDay } from '../../dates.ts';
import { Dec } from '../../money.ts';
import type { Rule } from '../rule.ts';
import type { CareUnit } from './care-unit.ts';

const MS_PER_MINUTE = 60_000;

/**
 * Whether visits are verified for this unit: a home visit under a policy with `visitVerification`.
 * @example visitsVerified(homeVisitUnit) // true when the policy sets visitVerification
 */
export const visitsVerified = (u: CareUnit): boolean => u.claim.setting === 'home-visit' && u.ltc.visitVerification !== undefined;

/**
 * The minimum minutes of one unit of the line's service: its own, else the default.
 * @example minMinutesOf(unitOf('HV-BATH')) // 45 under the §11.1 example
 */
export function minMinutesOf(u: CareUnit): number {
  const v = u.ltc.visitVerification;
  if (!v) return 0;
  // hasOwn: a service code such as "constructor" must not read a property of Object.prototype.
  return v.minMinutes && Object.hasOwn(v.minMinutes, u.line.serviceCode)
    ? (v.minMinutes[u.line.serviceCode] as number)
    : v.defaultMinMinutes;
}

/** Whether checkOut − checkIn ≥ `ms` milliseconds, exactly (sub-millisecond digits included). */
function lastedAtLeast(v: Visit, ms: number): boolean {
  const diff = v.checkOut.ms - v.checkIn.ms;
  if (diff !== ms) return diff > ms;
  return v.checkOut.subMs.padEnd(6, '0') >= v.checkIn.subMs.padEnd(6, '0');
}

function verified(u: CareUnit): boolean {
  const v = u.line.visit;
  if (!v) return false;
  if (shanghaiDay(v.checkIn) !== u.day || shanghaiDay(v.checkOut) !== u.day) return false;
  return lastedAtLeast(v, u.line.quantity * minMinutesOf(u) * MS_PER_MINUTE);
}

/**
 * @example visitNotVerified.held(unitWithVisit('09:00', '09:29:59')) // false: 30 minutes needed
 */
export const visitNotVerified: Rule<CareUnit> = {
  code: 'VISIT_NOT_VERIFIED',
  applies: visitsVerified,
  held: (u) => !visitsVerified(u) || verified(u),
  saw: (u) => {
    const v = u.line.visit;
    return {
      serviceDate: formatDay(u.day),
      hasVisit: v !== undefined,
      checkInDate: v ? formatDay(shanghaiDay(v.checkIn)) : null,
      checkOutDate: v ? formatDay(shanghaiDay(v.checkOut)) : null,
      // Rounded down, so a visit a fraction short never reads as long enough.
      visitMinutes: v ? new Dec(v.checkOut.ms - v.checkIn.ms).div(MS_PER_MINUTE).toDecimalPlaces(2, Decimal.ROUND_DOWN).toString() : null,
      quantity: u.line.quantity,
      minMinutes: minMinutesOf(u),
      requiredMinutes: u.line.quantity * minMinutesOf(u),
    };
  },
};
