/**
 * What one arrival writes, derived from the partition as stored and the engine's new state: every
 * member whose §9 outcome changed, a REPROCESSED adjustment where its fund moved, and a ledger entry
 * where its payable amount moved. Compared with the stored outcomes (not the restored ones), so a
 * registry or policy change made since is settled by the next arrival in the partition.
 */

import { claimEntry } from '../../domain/claim-entry.ts';
import { type Claim, canonicalJson } from '../../domain/claims.ts';
import { formatDay, parseInstant } from '../../domain/dates.ts';
import type { Engine } from '../../domain/engine.ts';
import { accountingMonth, type MonthClose, payableAfterReview } from '../../domain/ledger.ts';
import { fmt, money } from '../../domain/money.ts';
import type { Outcome } from '../../domain/outcome.ts';
import type { ArrivalPlan, LedgerPosting, MemberChange, PartitionState, Provenance } from '../adapters/partition-store.ts';
import { asDecision } from '../adapters/review-decision.ts';

export interface ArrivalInput {
  readonly state: PartitionState;
  readonly engine: Engine;
  readonly claim: Claim;
  readonly contentKey: string;
  readonly content: unknown;
  readonly provenance?: Provenance;
  /** The processing clock, ISO-8601. */
  readonly postedAt: string;
  readonly closes: readonly MonthClose[];
}

/** Builds the plan for one accepted arrival. */
export function planArrival(input: ArrivalInput): ArrivalPlan {
  const { state, engine, claim, postedAt } = input;
  const instant = parseInstant(postedAt);
  if (!instant) throw new Error(`postedAt ${postedAt} is not a timestamp`);
  const { month, priorPeriod } = accountingMonth(input.closes, instant);
  const ledger: LedgerPosting[] = [];
  const post = (institutionId: string, claimId: string, kind: string, amount: string) =>
    ledger.push({ institutionId, claimId, kind, amount, postedAt, accountingMonth: month, priorPeriod, triggeredBy: claim.claimId });

  const changes: MemberChange[] = [];
  for (const m of state.members) {
    const o = engine.outcome(m.claimId) as Outcome;
    const entry = claimEntry(o, engine.claim(m.claimId) as Claim);
    if (canonicalJson(entry) === canonicalJson(m.outcome)) continue;
    const payable = payableAfterReview(o, asDecision(m.review));
    const oldFund = money(m.outcome.fundAmount);
    const delta = payable.minus(money(m.payable));
    changes.push({
      seq: m.seq,
      claimId: m.claimId,
      outcome: entry,
      payable: fmt(payable),
      needsReview: o.status === 'needs-review' && !m.review,
      ...(oldFund.equals(o.fund)
        ? {}
        : { adjustment: { amount: fmt(o.fund.minus(oldFund)), reason: 'REPROCESSED' as const, triggeredBy: claim.claimId, postedAt } }),
    });
    if (!delta.isZero()) post(m.institutionId, m.claimId, m.kind, fmt(delta));
  }

  const seq = state.nextSeq;
  const o = engine.outcome(claim.claimId) as Outcome;
  const payable = payableAfterReview(o, undefined);
  if (!payable.isZero()) post(claim.institutionId, claim.claimId, claim.kind, fmt(payable));
  // Ledger entries follow the arrival's own decision first, then the adjusted claims in arrival order.
  ledger.sort((a, b) => (a.claimId === claim.claimId ? -1 : b.claimId === claim.claimId ? 1 : 0));
  return {
    partition: state.partition,
    expectedVersion: state.version,
    seq,
    member: {
      seq,
      claimId: claim.claimId,
      kind: claim.kind,
      institutionId: claim.institutionId,
      submittedAt: claim.submittedAt,
      submittedMonth: formatDay(claim.submittedDay).slice(0, 7),
      content: input.content,
      contentKey: input.contentKey,
      outcome: claimEntry(o, claim),
      payable: fmt(payable),
      adjustments: [],
      decidedAt: postedAt,
      needsReview: o.status === 'needs-review',
      ...(input.provenance ? { provenance: input.provenance } : {}),
    },
    changes,
    ledger,
    postedAt,
  };
}
