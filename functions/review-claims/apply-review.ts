/**
 * A bureau decision on a claim that needs review (DOMAIN.md §7): the payable amount follows the
 * domain's payableAfterReview, a change of it posts a ledger entry in the accounting month of the
 * review (§8), and the write is guarded like an arrival, so a lost race reloads and decides again.
 */
import { parseInstant } from '../../domain/dates.ts';
import { accountingMonth, payableAfterReview } from '../../domain/ledger.ts';
import { fmt, money } from '../../domain/money.ts';
import type { Outcome } from '../../domain/outcome.ts';
import { type Backoff, backoffMs, sleep as wait } from '../adapters/backoff.ts';
import type { LedgerPosting, Member, PartitionStore, Review } from '../adapters/partition-store.ts';
import { asDecision } from '../adapters/review-decision.ts';
import type { ReviewStore } from '../adapters/review-store.ts';
import { postedAt } from '../clock.ts';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../http/errors.ts';

export interface ReviewDeps {
  readonly reviews: Pick<ReviewStore, 'target' | 'commit'>;
  readonly partitions: Pick<PartitionStore, 'closes' | 'rollForward'>;
  readonly now: () => Date;
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ReviewInput {
  readonly decision: 'approve' | 'reject' | 'adjust';
  /** Required for `adjust`: what the reviewer allows, more than 0 and less than the proposed fund. */
  readonly amount?: string;
  readonly adjudicator: string;
  readonly reason: string;
}

/**
 * Records the review and returns the member as it now stands.
 * @example await applyReview(deps, 'CS-9', { decision: 'approve', adjudicator: '王审核', reason: '材料齐全' }, 'analyst-1');
 */
/** Another writer moved the partition: the review is planned again, racing reviewers spread apart. */
const REVIEW_RETRY: Backoff = { baseMs: 25, capMs: 1000, jitter: true };

export async function applyReview(deps: ReviewDeps, claimId: string, input: ReviewInput, reviewedBy: string): Promise<Member> {
  const maxAttempts = deps.maxAttempts ?? 5;
  const sleep = deps.sleep ?? wait;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const target = await deps.reviews.target(claimId);
    if (!target) throw new NotFoundError('CLAIM_NOT_FOUND', `No decided claim ${claimId}`, `未找到已处理的申报 ${claimId}`);
    if (target.pending !== undefined) {
      await deps.partitions.rollForward(target.partition, target.pending);
      continue;
    }
    const m = target.member;
    if (m.outcome.status !== 'needs-review' || m.review) {
      throw new ConflictError('NOT_UNDER_REVIEW', `Claim ${claimId} does not need review`, `申报 ${claimId} 无需审核`, {
        status: m.outcome.status,
        review: m.review ?? null,
      });
    }
    if (input.decision === 'adjust') checkAdjustment(input.amount, m.outcome.fundAmount);
    const at = postedAt(deps.now());
    const review: Review = { ...input, ...(input.amount === undefined ? {} : { amount: fmt(money(input.amount)) }), at };
    const payable = payableAfterReview(asOutcome(m), asDecision(review));
    const delta = payable.minus(money(m.payable));
    const ledger = delta.isZero() ? undefined : await posting(deps, m, fmt(delta), at);
    const result = await deps.reviews.commit({ target, review, payable: fmt(payable), reviewedBy, ...(ledger ? { ledger } : {}) });
    if (result === 'committed') return { ...m, review, payable: fmt(payable) };
    await sleep(backoffMs(attempt, REVIEW_RETRY));
  }
  throw new ServiceUnavailableError(
    'CONTENTION',
    `Claim ${claimId} kept changing while being reviewed; try again`,
    `申报 ${claimId} 审核时数据持续变化，请重试`,
  );
}

async function posting(deps: ReviewDeps, m: Member, amount: string, postedAt: string): Promise<LedgerPosting> {
  const closes = (await deps.partitions.closes()).flatMap((c) => {
    const at = parseInstant(c.at);
    return at ? [{ month: c.month, at }] : [];
  });
  const { month, priorPeriod } = accountingMonth(closes, parseInstant(postedAt) as NonNullable<ReturnType<typeof parseInstant>>);
  return {
    institutionId: m.institutionId,
    claimId: m.claimId,
    kind: m.kind,
    amount,
    postedAt,
    accountingMonth: month,
    priorPeriod,
    triggeredBy: m.claimId,
  };
}

/**
 * An adjustment pays part of what the engine proposes: more than 0 (0 is a rejection) and less than
 * the proposed fund (all of it is an approval), so each decision has one way to be written.
 */
function checkAdjustment(amount: string | undefined, proposed: string): void {
  const allowed = amount === undefined ? undefined : money(amount);
  if (allowed?.greaterThan(0) && allowed.lessThan(money(proposed))) return;
  throw new ValidationError([
    {
      path: 'amount',
      code: 'ADJUSTMENT_OUT_OF_RANGE',
      message: `an adjustment must be more than 0.00 and less than the proposed ${proposed}`,
      messageZh: `调整金额须大于 0.00 且小于拟支付金额 ${proposed}`,
    },
  ]);
}

/** The stored §9 outcome carries what payableAfterReview reads: the status and the fund amount. */
function asOutcome(m: Member): Outcome {
  return {
    claimId: m.claimId,
    kind: m.outcome.kind,
    status: m.outcome.status,
    fund: money(m.outcome.fundAmount),
    reasonCodes: m.outcome.reasonCodes,
  };
}
