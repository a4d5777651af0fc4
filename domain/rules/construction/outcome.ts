/** A construction subsidy's outcome from its claim-level rules, beds and budget share (DOMAIN.md §6, §7). */
import { formatDay } from '../../dates.ts';
import { fmt, ZERO } from '../../money.ts';
import { baseStatus, type Outcome, sortedCodes } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';
import { check } from '../rule.ts';
import type { BedDecision } from './beds.ts';
import { type BudgetShare, budgetExhausted } from './budget-exhausted.ts';
import { cappedByRequest } from './capped-by-request.ts';
import type { PreparedConstructionClaim } from './prepare.ts';

/**
 * `deferred` whenever part of the amount did not fit the budget; CAPPED_BY_REQUEST never lowers a status.
 * @example constructionOutcome(p, beds, share).status // 'deferred' when share.deferred > 0
 */
export function constructionOutcome(
  p: PreparedConstructionClaim,
  beds: BedDecision | undefined,
  budget: BudgetShare | undefined,
  explain = false,
): Outcome {
  const codes: ReasonCode[] = [...p.claimLevel, ...(beds?.codes ?? [])];
  const funded = budget?.funded ?? ZERO;
  const deferred = budget?.deferred ?? ZERO;
  if (budget && !budgetExhausted.held(budget)) codes.push(budgetExhausted.code);
  const bedFailed = (beds?.codes ?? []).some((c) => c !== cappedByRequest.code);
  let status = baseStatus(p.claimLevel.length > 0, bedFailed, funded);
  if (deferred.greaterThan(0)) status = 'deferred';
  const outcome: Outcome = {
    claimId: p.claim.claimId,
    kind: 'construction-subsidy',
    status,
    fund: funded,
    deferred,
    reasonCodes: sortedCodes(codes),
  };
  if (!explain) return outcome;
  const rules = [
    ...(beds && p.rate
      ? [check(cappedByRequest, { amount: p.rate.times(beds.grantedBeds), requestedAmount: p.claim.requestedAmount })]
      : []),
    ...(budget ? [check(budgetExhausted, budget)] : []),
  ];
  return {
    ...outcome,
    explanation: {
      claimRules: p.claimRules,
      items: beds?.beds ?? [],
      facts: {
        projectType: p.claim.projectType,
        acceptedOn: formatDay(p.claim.acceptedOn),
        ratePerBed: p.rate ? fmt(p.rate) : null,
        grantedBeds: beds?.grantedBeds ?? 0,
        requestedAmount: p.claim.requestedAmount ? fmt(p.claim.requestedAmount) : null,
        amount: fmt(beds?.amount ?? ZERO),
        budgetYear: p.budgetYear,
        budgetRemainingBefore: budget ? fmt(budget.budgetRemainingBefore) : null,
        funded: fmt(funded),
        deferred: fmt(deferred),
        rules,
      },
    },
  };
}
