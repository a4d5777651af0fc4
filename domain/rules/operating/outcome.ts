/** An operating subsidy's outcome from its residents' shares (DOMAIN.md §6, §7). */
import { formatDay } from '../../dates.ts';
import { fmt, ZERO } from '../../money.ts';
import { baseStatus, type Outcome, sortedCodes } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { RuleContext } from '../context.ts';
import { check, type RuleCheck } from '../rule.ts';
import { duplicateServiceDay, type ResidentShare } from './duplicate-service-day.ts';
import { type PreparedOperatingClaim, residentRules } from './prepare.ts';

/**
 * The outcome of an operating claim; shares are undefined for residents that did not compete. With
 * `explainWith`, each resident's rules are explained too.
 * @example operatingOutcome(p, shares).fund.toFixed(2) // Σ of the residents' rounded amounts
 */
export function operatingOutcome(
  p: PreparedOperatingClaim,
  shares: readonly (ResidentShare | undefined)[],
  explainWith?: RuleContext,
): Outcome {
  const codes: ReasonCode[] = [...p.claimLevel];
  let fund = ZERO;
  p.residents.forEach((r, i) => {
    if (r.failed) codes.push(r.failed);
    const s = shares[i];
    if (s) {
      fund = fund.plus(s.amount);
      if (!duplicateServiceDay.held(s)) codes.push(duplicateServiceDay.code);
    }
  });
  const unitFailed = codes.length > p.claimLevel.length;
  const outcome: Outcome = {
    claimId: p.claim.claimId,
    kind: 'operating-subsidy',
    status: baseStatus(p.claimLevel.length > 0, unitFailed, fund),
    fund,
    reasonCodes: sortedCodes(codes),
  };
  if (!explainWith) return outcome;
  return {
    ...outcome,
    explanation: {
      claimRules: p.claimRules,
      items: p.residents.map((r, i) => {
        const share = shares[i];
        const rules: RuleCheck[] = residentRules(explainWith.registry, r.personId);
        if (share) rules.push(check(duplicateServiceDay, share));
        return {
          personId: r.personId,
          from: formatDay(r.from),
          to: formatDay(r.to),
          decidedBy: r.failed ?? ((share?.lostDays ?? 0) > 0 ? 'DUPLICATE_SERVICE_DAY' : 'GRANTED'),
          gradesByDay: r.grades,
          daysLostTo: share?.keptBy ?? [],
          beforeRounding: share?.exact.toString() ?? null,
          amount: fmt(share?.amount ?? ZERO),
          rules,
        };
      }),
      facts: { month: p.claim.month, daysInMonth: p.claim.span.days, fund: fmt(fund) },
    },
  };
}
