/** What the episode rules found for one valid hospital stay (DOMAIN.md §5), for its outcome and explanation. */
import type { MedicalSettlementClaim } from '../../claims.ts';
import type { Dec } from '../../money.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { ReferralView } from './referral-not-continuous.ts';

/** What the episode rules found for one valid episode. */
export interface EpisodeResult {
  readonly codes: ReasonCode[];
  readonly referral: ReferralView;
  readonly referrer: MedicalSettlementClaim | undefined;
  readonly root: MedicalSettlementClaim;
  readonly admissionIndex: number;
  readonly benefitYear: number;
  readonly level: 1 | 2 | 3;
  readonly allowable: Dec;
  readonly nominal: Dec;
  readonly deductibleApplied: Dec;
  readonly deductibleBefore: Dec;
  readonly ratio: Dec;
  readonly fundBeforeCap: Dec;
  readonly capRemainingBefore: Dec;
  readonly fund: Dec;
}
