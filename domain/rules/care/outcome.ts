/** A care-service claim's outcome: status with the review triggers of §7, amounts and codes. */
import type { Day } from '../../dates.ts';
import { type Dec, ZERO } from '../../money.ts';
import { baseStatus, type Outcome, sortedCodes } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';
import { sumEqualAmounts } from '../shared/equal-amounts.ts';
import type { DayResult, ExplainWith, UnitDecisions } from './decisions.ts';
import { careClaimRules, explainCare } from './explain.ts';
import type { PreparedCareClaim } from './prepared.ts';

/**
 * The outcome of one claim from its unit decisions and day results (both undefined when a
 * claim-level rule failed).
 * @example careOutcome(p, decided, days, undefined).status // 'needs-review' after losing a duplicate day
 */
export function careOutcome(
  p: PreparedCareClaim,
  decided: UnitDecisions | undefined,
  days: ReadonlyMap<Day, DayResult> | undefined,
  explain: ExplainWith | undefined,
): Outcome {
  if (!decided || !days) {
    const outcome: Outcome = {
      claimId: p.claim.claimId,
      kind: 'care-service',
      status: 'rejected',
      fund: ZERO,
      personal: p.charged,
      reasonCodes: sortedCodes(p.claimLevel),
    };
    if (!explain) return outcome;
    return { ...outcome, explanation: { claimRules: careClaimRules(explain.ctx, p), items: [], facts: { charged: p.charged.toFixed(2) } } };
  }
  const all = new Set<ReasonCode>();
  let lostDay = false;
  for (const c of decided.codes) if (c !== undefined) all.add(c);
  for (const r of days.values()) {
    if (r.monthlyCut) all.add('MONTHLY_CAP_REACHED');
    if (r.capCut) all.add('ANNUAL_CAP_REACHED');
    if (r.lostToClaim !== undefined) lostDay = true;
  }
  const fund = sumEqualAmounts([...days.values()].map((r) => r.paid));
  const outcome = summarise(p, all, fund, lostDay);
  return explain ? { ...outcome, explanation: explainCare(explain, p, decided, days, fund) } : outcome;
}

/**
 * Status (with the review triggers of §7), amounts and codes of a claim that passed the claim-level
 * rules: needs-review when approved or partially approved and the fund exceeds reviewThreshold or
 * the claim lost a DUPLICATE_SERVICE_DAY.
 * @example summarise(p, new Set(), money('12000.00'), false).status // 'needs-review' (over 10000.00)
 */
export function summarise(p: PreparedCareClaim, codes: ReadonlySet<ReasonCode>, fund: Dec, lostDay: boolean): Outcome {
  let status = baseStatus(false, codes.size > 0, fund);
  if ((status === 'approved' || status === 'partially-approved') && (fund.greaterThan(p.reviewThreshold) || lostDay)) {
    status = 'needs-review';
  }
  return { claimId: p.claim.claimId, kind: 'care-service', status, fund, personal: personalOf(p, fund), reasonCodes: sortedCodes(codes) };
}

/**
 * charged − fund; a family-care claim has no bill: its charged amount is its fund amount and its
 * personal amount 0.00 (§11.5).
 * @example personalOf(familyCareClaim, money('450.00')).toFixed(2) // '0.00'
 */
export function personalOf(p: PreparedCareClaim, fund: Dec): Dec {
  return p.claim.setting === 'family-care' ? ZERO : p.charged.minus(fund);
}
