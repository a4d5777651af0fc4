/**
 * `REFERRAL_NOT_CONTINUOUS` (DOMAIN.md §5, informational): an episode naming `referredFrom` joins the
 * referrer's chain — one admission, a continuous deductible — when it is the same person's stay that
 * passed the claim-level rules, comes earlier in (admittedOn, claimId) order, was discharged 0 to
 * referralWindowDays before this admission, and no earlier episode already links to it (chains are
 * linear). Otherwise the episode starts a new chain and carries the code.
 */
import type { MedicalSettlementClaim } from '../../claims.ts';
import type { Rule } from '../rule.ts';

/** An episode, in (admittedOn, claimId) order among the person's valid episodes, and what links it can make. */
export interface ReferralView {
  readonly episode: MedicalSettlementClaim;
  /** Its position in (admittedOn, claimId) order. */
  readonly position: number;
  readonly byId: ReadonlyMap<string, MedicalSettlementClaim>;
  readonly positionOf: ReadonlyMap<MedicalSettlementClaim, number>;
  /** Referrers already linked by earlier episodes. */
  readonly linked: ReadonlySet<MedicalSettlementClaim>;
  readonly windowDays: number;
}

/**
 * The referrer this episode links to, if the link holds.
 * @example referrerOf(view)?.claimId // 'MS-1'
 */
export function referrerOf(v: ReferralView): MedicalSettlementClaim | undefined {
  if (v.episode.referredFrom === undefined) return undefined;
  const r = v.byId.get(v.episode.referredFrom);
  if (!r) return undefined;
  const gap = v.episode.admittedOn - r.dischargedOn;
  const earlier = (v.positionOf.get(r) as number) < v.position;
  return earlier && gap >= 0 && gap <= v.windowDays && !v.linked.has(r) ? r : undefined;
}

/**
 * Holds when the episode names no referrer or links to the one it names.
 * @example referralNotContinuous.held(viewOfMs3) // false when MS-3 was admitted 16 days after MS-2's discharge
 */
export const referralNotContinuous: Rule<ReferralView> = {
  code: 'REFERRAL_NOT_CONTINUOUS',
  held: (v) => v.episode.referredFrom === undefined || referrerOf(v) !== undefined,
  saw: (v) => {
    const r = v.episode.referredFrom === undefined ? undefined : v.byId.get(v.episode.referredFrom);
    return {
      referredFrom: v.episode.referredFrom ?? null,
      referrerValid: r !== undefined,
      daysSinceReferrerDischarge: r ? v.episode.admittedOn - r.dischargedOn : null,
      referralWindowDays: v.windowDays,
      referrerAlreadyLinked: r ? v.linked.has(r) : null,
    };
  },
};
