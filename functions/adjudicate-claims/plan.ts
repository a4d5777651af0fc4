/**
 * What one arrival writes, derived from the partition as stored and the engine's new state: every
 * member whose §9 outcome changed, a REPROCESSED adjustment where its fund moved, and a ledger entry
 * where its payable amount moved. Compared with the stored outcomes (not the restored ones), so a
 * registry or policy change made since is settled by the next arrival in the partition, or by the
 * change's own reprocess of the partition (planReprocess), which names the change as the trigger.
 */

import { claimEntry } from '../../domain/claim-entry.ts';
import { type Claim, canonicalJson } from '../../domain/claims.ts';
import { formatDay, parseInstant } from '../../domain/dates.ts';
import type { Engine } from '../../domain/engine.ts';
import { accountingMonth, type MonthClose, payableAfterReview } from '../../domain/ledger.ts';
import { fmt, money } from '../../domain/money.ts';
import type { Outcome } from '../../domain/outcome.ts';
import { latestDayIn } from '../../domain/reference-change.ts';
import type { CommitExtra } from '../adapters/change-items.ts';
import { headIndexOf } from '../adapters/keys.ts';
import type { MadeWith } from '../adapters/made-with.ts';
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
  /** The registry and policy versions the engine was built with. */
  readonly madeWith?: MadeWith;
}

/** What caused the changes: an arriving claim, or a reference change re-deciding the partition. */
type Trigger = { readonly claimId: string } | { readonly changeId: string };

/** The ledger's accounting month for `postedAt` and a poster of entries named after the trigger. */
function ledgerFor(postedAt: string, closes: readonly MonthClose[], trigger: Trigger) {
  const instant = parseInstant(postedAt);
  if (!instant) throw new Error(`postedAt ${postedAt} is not a timestamp`);
  const { month, priorPeriod } = accountingMonth(closes, instant);
  const ledger: LedgerPosting[] = [];
  const named =
    'claimId' in trigger ? { triggeredBy: trigger.claimId } : { triggeredBy: trigger.changeId, triggerType: 'reference-change' as const };
  const post = (institutionId: string, claimId: string, kind: string, amount: string) =>
    ledger.push({ institutionId, claimId, kind, amount, postedAt, accountingMonth: month, priorPeriod, ...named });
  return { ledger, post, named };
}

/** Every stored member whose §9 outcome the engine now decides otherwise, with its adjustment and ledger entry. */
function memberChanges(
  state: PartitionState,
  engine: Engine,
  postedAt: string,
  named: Pick<LedgerPosting, 'triggeredBy' | 'triggerType'>,
  post: (institutionId: string, claimId: string, kind: string, amount: string) => void,
  madeWith: MadeWith | undefined,
): MemberChange[] {
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
      ...(madeWith ? { madeWith } : {}),
      ...(oldFund.equals(o.fund)
        ? {}
        : { adjustment: { amount: fmt(o.fund.minus(oldFund)), reason: 'REPROCESSED' as const, ...named, postedAt } }),
    });
    if (!delta.isZero()) post(m.institutionId, m.claimId, m.kind, fmt(delta));
  }
  return changes;
}

/** Builds the plan for one accepted arrival. */
export function planArrival(input: ArrivalInput): ArrivalPlan {
  const { state, engine, claim, postedAt } = input;
  const { ledger, post, named } = ledgerFor(postedAt, input.closes, { claimId: claim.claimId });
  const changes = memberChanges(state, engine, postedAt, named, post, input.madeWith);

  const seq = state.nextSeq;
  const o = engine.outcome(claim.claimId) as Outcome;
  const payable = payableAfterReview(o, undefined);
  if (!payable.isZero()) post(claim.institutionId, claim.claimId, claim.kind, fmt(payable));
  // Ledger entries follow the arrival's own decision first, then the adjusted claims in arrival order.
  ledger.sort((a, b) => (a.claimId === claim.claimId ? -1 : b.claimId === claim.claimId ? 1 : 0));
  // The indexes a reference change finds the partition by: the latest date its claims name (a policy
  // version effective after it moves nothing here) and the institutions whose claims it holds.
  const latest = [input.content, ...state.members.map((m) => m.content)].map(latestDayIn).reduce(later, undefined);
  const also: CommitExtra[] = state.members.some((m) => m.institutionId === claim.institutionId)
    ? []
    : [{ kind: 'institution-index', institutionId: claim.institutionId }];
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
      ...(input.madeWith ? { madeWith: input.madeWith } : {}),
    },
    changes,
    ledger,
    postedAt,
    head: { ...(latest ? headIndexOf(state.partition, latest) : {}), ...madeWithOnHead(input.madeWith) },
    also,
  };
}

export interface ReprocessInput {
  readonly state: PartitionState;
  /** The partition's stored claims restored under today's reference data. */
  readonly engine: Engine;
  /** The reference change's id: the trigger of every adjustment and ledger entry. */
  readonly changeId: string;
  readonly postedAt: string;
  readonly closes: readonly MonthClose[];
  readonly madeWith?: MadeWith;
}

/**
 * Builds the plan of a reference change re-deciding a partition: no new member, the moved members
 * adjusted exactly as a late claim would adjust them, and the head's version moved even when nothing
 * else is, so an arrival that read the partition before the change lost its race and decides again.
 */
export function planReprocess(input: ReprocessInput): ArrivalPlan {
  const { state, engine, postedAt } = input;
  const { ledger, post, named } = ledgerFor(postedAt, input.closes, { changeId: input.changeId });
  const changes = memberChanges(state, engine, postedAt, named, post, input.madeWith);
  return {
    partition: state.partition,
    expectedVersion: state.version,
    seq: state.nextSeq,
    trigger: input.changeId,
    changes,
    ledger,
    postedAt,
    head: madeWithOnHead(input.madeWith),
    // The change's marker for this partition: written once, in this transaction.
    also: [{ kind: 'change-marker', changeId: input.changeId, at: postedAt }],
  };
}

const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a > b ? a : b);

/** The head keeps the versions of the partition's last commit (as JSON: a head attribute is text). */
const madeWithOnHead = (madeWith: MadeWith | undefined): Record<string, string> => (madeWith ? { madeWith: JSON.stringify(madeWith) } : {});
