/** Deciding every bed of one institution's construction claims, then each claim's amount (DOMAIN.md §6). */
import type { Dec } from '../../money.ts';
import type { ReasonCode } from '../../reasons.ts';
import { checksUntilFailure, type RuleCheck } from '../rule.ts';
import { submissionOrder } from '../shared/submission-order.ts';
import { BED_RULES } from './bed-rules.ts';
import { type BedView, grantKey } from './bed-view.ts';
import { cappedByRequest } from './capped-by-request.ts';
import type { PreparedConstructionClaim } from './prepare.ts';

/** The bed-level decision for one claim, before the budget. */
export interface BedDecision {
  readonly amount: Dec;
  readonly codes: readonly ReasonCode[];
  readonly beds: readonly { bed: string; decidedBy: ReasonCode | 'GRANTED'; rules: readonly RuleCheck[] }[];
  readonly grantedBeds: number;
}

/**
 * The bed rules over one institution's claims that passed the claim-level rules, in (submittedAt,
 * claimId, listed) order; then amount = rate × granted beds, capped by requestedAmount.
 * @example decideBeds(institutionClaims).get('SUB-2')?.codes // ['BED_ALREADY_SUBSIDIZED']
 */
export function decideBeds(prepared: readonly PreparedConstructionClaim[]): Map<string, BedDecision> {
  const granted = new Set<string>();
  const grantedCount = new Map<string, number>();
  const out = new Map<string, BedDecision>();
  const ordered = prepared.filter((p) => p.claimLevel.length === 0).sort((a, b) => submissionOrder(a.claim, b.claim));
  for (const p of ordered) {
    const projectType = p.claim.projectType;
    const listedBefore = new Set<string>();
    const beds: BedDecision['beds'][number][] = [];
    const codes: ReasonCode[] = [];
    let count = 0;
    for (const bed of p.claim.beds) {
      const view: BedView = {
        bed,
        projectType,
        listedBefore,
        granted,
        grantedOfType: grantedCount.get(projectType) ?? 0,
        nursingBeds: p.nursingBeds,
      };
      const rules = checksUntilFailure(BED_RULES, view);
      const failed = rules.find((c) => !c.held)?.rule as ReasonCode | undefined;
      if (failed) codes.push(failed);
      else {
        granted.add(grantKey(projectType, bed));
        grantedCount.set(projectType, (grantedCount.get(projectType) ?? 0) + 1);
        count++;
      }
      listedBefore.add(bed);
      beds.push({ bed, decidedBy: failed ?? 'GRANTED', rules });
    }
    let amount = (p.rate as Dec).times(count);
    const request = { amount, requestedAmount: p.claim.requestedAmount };
    if (!cappedByRequest.held(request)) {
      amount = p.claim.requestedAmount as Dec;
      codes.push(cappedByRequest.code);
    }
    out.set(p.claim.claimId, { amount, codes, beds, grantedBeds: count });
  }
  return out;
}
