/**
 * A partition member: one accepted claim with its content and current outcome, as an item (see
 * keys.ts). Written when its claim arrives, updated when a later arrival changes its outcome, read
 * back by the adjudicator, the read path, the review store and the claim index.
 */

import { type StoredOutcome, StoredOutcomeSchema } from '../../domain/claim-entry.ts';
import { listingPk, memberSk, partitionPk, REVIEW_QUEUE, submissionSk } from './keys.ts';
import type { MadeWith } from './made-with.ts';
import type { TransactItem } from './transact.ts';

/** The §9 rendering of an outcome, as stored on a member: the domain's type and schema. */
export type { StoredOutcome };

export interface Review {
  readonly decision: 'approve' | 'reject' | 'adjust';
  /** For `adjust`: the amount the reviewer allows, 2 decimals, below the proposed fund. */
  readonly amount?: string;
  readonly adjudicator: string;
  readonly reason: string;
  readonly at: string;
}

export interface StoredAdjustment {
  readonly amount: string;
  readonly reason: 'REPROCESSED';
  /** The arriving claim's id, or the reference change's id (then `triggerType` says so). */
  readonly triggeredBy: string;
  readonly triggerType?: 'reference-change';
  readonly postedAt: string;
}

/**
 * Who sent a claim and how, as the submit function recorded it: an institution through POST /claims
 * (its submittedAt is the receive instant), or the bureau migrating a historical claim (its own
 * submittedAt). Claims put on the queue by other means carry none.
 */
export interface Provenance {
  readonly source: 'institution' | 'migration';
  /** The user from the token. */
  readonly by: string;
  /** When the API received it. */
  readonly receivedAt: string;
}

export interface Member {
  readonly seq: number;
  readonly claimId: string;
  readonly kind: string;
  readonly institutionId: string;
  readonly submittedAt: string;
  readonly submittedMonth: string;
  readonly content: unknown;
  readonly contentKey: string;
  readonly outcome: StoredOutcome;
  readonly payable: string;
  readonly review?: Review;
  readonly adjustments: readonly StoredAdjustment[];
  readonly decidedAt: string;
  readonly provenance?: Provenance;
  /** The registry and policy versions its current outcome was decided with (made-with.ts). */
  readonly madeWith?: MadeWith;
}

/** A change to an existing member: its new outcome and payable, and the adjustment if the fund moved. */
export interface MemberChange {
  readonly seq: number;
  readonly claimId: string;
  readonly outcome: StoredOutcome;
  readonly payable: string;
  readonly needsReview: boolean;
  readonly adjustment?: StoredAdjustment;
  readonly madeWith?: MadeWith;
}

/** A new member's item; one that needs review is on the review queue (GSI2). */
export function memberItem(partition: string, m: Member & { needsReview: boolean }): Record<string, unknown> {
  return {
    pk: partitionPk(partition),
    sk: memberSk(m.seq),
    seq: m.seq,
    claimId: m.claimId,
    kind: m.kind,
    institutionId: m.institutionId,
    submittedAt: m.submittedAt,
    submittedMonth: m.submittedMonth,
    content: JSON.stringify(m.content),
    contentKey: m.contentKey,
    outcome: m.outcome,
    status: m.outcome.status,
    payable: m.payable,
    adjustments: [],
    decidedAt: m.decidedAt,
    lastArrival: m.seq,
    gsi1pk: listingPk(m.institutionId, m.submittedMonth),
    gsi1sk: submissionSk(m.submittedAt, m.claimId),
    ...(m.provenance ? { provenance: m.provenance } : {}),
    ...(m.madeWith ? { madeWith: JSON.stringify(m.madeWith) } : {}),
    ...(m.needsReview ? { gsi2pk: REVIEW_QUEUE, gsi2sk: submissionSk(m.submittedAt, m.claimId) } : {}),
  };
}

/**
 * The update arrival `seq` makes to an earlier member: applied once (`lastArrival` only grows), its
 * adjustment appended, on or off the review queue.
 */
export function memberUpdate(table: string, partition: string, seq: number, c: MemberChange): TransactItem {
  const adjust = c.adjustment ? ', adjustments = list_append(if_not_exists(adjustments, :empty), :adj)' : '';
  return {
    Update: {
      TableName: table,
      Key: { pk: partitionPk(partition), sk: memberSk(c.seq) },
      UpdateExpression: `SET outcome = :o, payable = :p, lastArrival = :s, #st = :st${c.madeWith ? ', madeWith = :mw' : ''}${adjust}${c.needsReview ? ', gsi2pk = :rq' : ''}${c.needsReview ? '' : ' REMOVE gsi2pk'}`,
      ConditionExpression: 'lastArrival < :s',
      ExpressionAttributeNames: { '#st': 'status' },
      ExpressionAttributeValues: {
        ':o': c.outcome,
        ':p': c.payable,
        ':s': seq,
        ':st': c.outcome.status,
        ...(c.adjustment ? { ':adj': [c.adjustment], ':empty': [] } : {}),
        ...(c.madeWith ? { ':mw': JSON.stringify(c.madeWith) } : {}),
        ...(c.needsReview ? { ':rq': REVIEW_QUEUE } : {}),
      },
    },
  };
}

/**
 * Reads a member item back; its outcome through the domain's `StoredOutcomeSchema`.
 * @example toMember(item).outcome.fundAmount // '1218.00'
 */
export function toMember(item: Record<string, unknown>): Member {
  return {
    seq: Number(item.seq),
    claimId: String(item.claimId),
    kind: String(item.kind),
    institutionId: String(item.institutionId),
    submittedAt: String(item.submittedAt),
    submittedMonth: String(item.submittedMonth),
    content: JSON.parse(String(item.content)),
    contentKey: String(item.contentKey),
    outcome: StoredOutcomeSchema.parse(item.outcome),
    payable: String(item.payable),
    ...(item.review ? { review: item.review as Review } : {}),
    adjustments: (item.adjustments as StoredAdjustment[] | undefined) ?? [],
    decidedAt: String(item.decidedAt),
    ...(item.provenance ? { provenance: item.provenance as Provenance } : {}),
    ...(typeof item.madeWith === 'string' ? { madeWith: JSON.parse(item.madeWith) as MadeWith } : {}),
  };
}
