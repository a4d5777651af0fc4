/**
 * How a stored claim is shown through the API. The stored outcome stays the engine's (a reviewed
 * claim keeps `needs-review` there); the API adds the effective status after the bureau's review.
 */

import { hasFailingCode } from '../../domain/outcome.ts';
import type { Member, Review, StoredOutcome } from '../adapters/partition-store.ts';

export const LISTED_STATUSES = ['approved', 'partially-approved', 'rejected', 'needs-review', 'deferred'] as const;
export type ListedStatus = (typeof LISTED_STATUSES)[number];

/**
 * The status a user sees: after an approving review `approved`, or `partially-approved` when a
 * failing reason code remains; after an adjusting review (less than proposed) `partially-approved`;
 * after a rejecting review `rejected`; otherwise the engine's status.
 * @example effectiveStatus({ status: 'needs-review', reasonCodes: [], fundAmount: '12000.00' }, approve) // 'approved'
 */
export function effectiveStatus(outcome: StoredOutcome, review: Review | undefined): string {
  if (outcome.status !== 'needs-review' || !review) return outcome.status;
  if (review.decision === 'reject') return 'rejected';
  if (review.decision === 'adjust') return 'partially-approved';
  return hasFailingCode(outcome.reasonCodes) ? 'partially-approved' : 'approved';
}

/** The person a care-service or medical claim is for (a reviewer groups claims by it). */
function personOf(m: Member): { personId?: string } {
  const personId = (m.content as { personId?: unknown } | null)?.personId;
  return typeof personId === 'string' ? { personId } : {};
}

/**
 * The visit records (上门服务签到签退, DOMAIN.md §11.3) of a home-visit claim's lines, by line index as
 * the explanation's units name them; the explanation says what the rules saw (dates, minutes), this
 * says what was sent.
 */
function visitsOf(m: Member): { visits?: { line: number; checkIn: string; checkOut: string }[] } {
  const lines = (m.content as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines)) return {};
  const visits = lines.flatMap((l, line) => {
    const v = (l as { visit?: { checkIn?: unknown; checkOut?: unknown } } | null)?.visit;
    return v && typeof v.checkIn === 'string' && typeof v.checkOut === 'string' ? [{ line, checkIn: v.checkIn, checkOut: v.checkOut }] : [];
  });
  return visits.length > 0 ? { visits } : {};
}

/** One row of a listing. */
export function claimSummary(m: Member) {
  return {
    claimId: m.claimId,
    kind: m.kind,
    institutionId: m.institutionId,
    ...personOf(m),
    submittedAt: m.submittedAt,
    status: effectiveStatus(m.outcome, m.review),
    fundAmount: m.outcome.fundAmount,
    payable: m.payable,
    reasonCodes: m.outcome.reasonCodes,
    ...(m.review ? { review: m.review } : {}),
  };
}

/** The full view of one claim; `explanation` is the engine's, rule by rule. */
export function claimDetail(m: Member, explanation: unknown) {
  return {
    claimId: m.claimId,
    kind: m.kind,
    institutionId: m.institutionId,
    ...personOf(m),
    submittedAt: m.submittedAt,
    decidedAt: m.decidedAt,
    status: effectiveStatus(m.outcome, m.review),
    outcome: m.outcome,
    payable: m.payable,
    adjustments: m.adjustments,
    review: m.review ?? null,
    // Who sent it and how: an institution (submittedAt = receivedAt) or a bureau migration.
    provenance: m.provenance ?? null,
    ...visitsOf(m),
    // Lists rather than maps: ids as values, where an institution's redaction can reach them.
    madeWith: m.madeWith
      ? {
          persons: Object.entries(m.madeWith.persons).map(([personId, version]) => ({ personId, version })),
          institutions: Object.entries(m.madeWith.institutions).map(([institutionId, version]) => ({ institutionId, version })),
          policies: m.madeWith.policies,
        }
      : null,
    explanation: explanation ?? null,
  };
}
