/**
 * Construction subsidies (建设补贴, 改造提升, DOMAIN.md §6): claim-level rules, the bed registry and
 * the annual budget with deferral. Rates come from seed 001 (新建每张1.3万元, 改造提升每张0.4万元).
 */
import type { ConstructionSubsidyClaim } from '../claims.ts';
import { compareIds, compareInstants, type Day, formatDay, parseMonth } from '../dates.ts';
import { type Dec, fmt, minDec, ZERO } from '../money.ts';
import { baseStatus, type Outcome, type RuleCheck, sortedCodes } from '../outcome.ts';
import type { ReasonCode } from '../reasons.ts';
import type { RuleContext } from './context.ts';

export interface PreparedConstructionClaim {
  readonly claim: ConstructionSubsidyClaim;
  readonly claimLevel: readonly ReasonCode[];
  readonly claimRules: readonly RuleCheck[];
  readonly rate: Dec | undefined;
  readonly budgetYear: number;
  readonly nursingBeds: number;
}

/** (submittedAt, claimId) order: beds are granted and budgets funded in it. */
export function submissionOrder(
  a: { submitted: ConstructionSubsidyClaim['submitted']; claimId: string },
  b: { submitted: ConstructionSubsidyClaim['submitted']; claimId: string },
): number {
  return compareInstants(a.submitted, b.submitted) || compareIds(a.claimId, b.claimId);
}

/** Claim-level rules; all failures are reported, and those needing the institution are skipped without one. */
export function prepareConstructionClaim(ctx: RuleContext, claim: ConstructionSubsidyClaim): PreparedConstructionClaim {
  const version = ctx.policy.at(claim.acceptedOn);
  const subsidy = version.document.subsidy;
  const inst = ctx.registry.institutions.get(claim.institutionId);
  const checks: RuleCheck[] = [];
  const check = (rule: ReasonCode, held: boolean, saw: RuleCheck['saw']) => checks.push({ rule, held, saw });

  check('UNKNOWN_INSTITUTION', inst !== undefined, { institutionId: claim.institutionId });
  const rateText = inst ? subsidy.constructionRates[inst.institutionType]?.[claim.projectType] : undefined;
  if (inst)
    check('PROJECT_TYPE_NOT_COVERED', rateText !== undefined, { institutionType: inst.institutionType, projectType: claim.projectType });
  const effectiveFrom = subsidy.effectiveFrom;
  check('BEFORE_POLICY_EFFECTIVE', formatDay(claim.acceptedOn) >= effectiveFrom, {
    acceptedOn: formatDay(claim.acceptedOn),
    effectiveFrom,
  });
  if (inst) {
    // The entry with the largest minTotalBeds ≤ totalBeds applies; on a tie the first listed.
    let requirement: (typeof subsidy.medicalFacilityRequirements)[number] | undefined;
    for (const r of subsidy.medicalFacilityRequirements) {
      if (r.minTotalBeds <= inst.totalBeds && (!requirement || r.minTotalBeds > requirement.minTotalBeds)) requirement = r;
    }
    check('MEDICAL_FACILITY_REQUIRED', requirement?.accepted.includes(inst.medicalFacility) ?? false, {
      totalBeds: inst.totalBeds,
      medicalFacility: inst.medicalFacility,
      accepted: requirement?.accepted.join('|') ?? null,
    });
    const minRatio = version.dec(subsidy.publicNursingBedRatio);
    check('NURSING_BED_RATIO', inst.ownership !== 'public' || minRatio.times(inst.totalBeds).lessThanOrEqualTo(inst.nursingBeds), {
      ownership: inst.ownership,
      nursingBeds: inst.nursingBeds,
      totalBeds: inst.totalBeds,
      minimumRatio: subsidy.publicNursingBedRatio,
    });
  }
  const budgetYear = Number(formatDay(claim.submittedDay).slice(0, 4));
  return {
    claim,
    claimLevel: checks.filter((c) => !c.held).map((c) => c.rule as ReasonCode),
    claimRules: checks,
    rate: rateText === undefined ? undefined : version.dec(rateText),
    budgetYear,
    nursingBeds: inst?.nursingBeds ?? 0,
  };
}

/** The bed-level decision for one claim, before the budget. */
export interface BedDecision {
  readonly amount: Dec;
  readonly codes: readonly ReasonCode[];
  readonly beds: readonly { bed: string; decidedBy: ReasonCode | 'GRANTED' }[];
  readonly grantedBeds: number;
}

/**
 * Bed-level rules over one institution's construction claims that passed the claim-level rules, in
 * (submittedAt, claimId, listed) order: DUPLICATE_BED_IN_CLAIM, BED_ALREADY_SUBSIDIZED,
 * EXCEEDS_NURSING_BEDS. A bed counts as granted once it passes, whatever is later funded.
 */
export function decideBeds(prepared: readonly PreparedConstructionClaim[]): Map<string, BedDecision> {
  const granted = new Set<string>();
  const grantedCount = new Map<string, number>();
  const out = new Map<string, BedDecision>();
  const ordered = prepared.filter((p) => p.claimLevel.length === 0).sort((a, b) => submissionOrder(a.claim, b.claim));
  for (const p of ordered) {
    const type = p.claim.projectType;
    const listed = new Set<string>();
    const beds: { bed: string; decidedBy: ReasonCode | 'GRANTED' }[] = [];
    const codes: ReasonCode[] = [];
    let count = 0;
    for (const bed of p.claim.beds) {
      let decidedBy: ReasonCode | 'GRANTED';
      const key = `${type}\u0000${bed}`;
      if (listed.has(bed)) decidedBy = 'DUPLICATE_BED_IN_CLAIM';
      else if (granted.has(key)) decidedBy = 'BED_ALREADY_SUBSIDIZED';
      else if ((grantedCount.get(type) ?? 0) >= p.nursingBeds) decidedBy = 'EXCEEDS_NURSING_BEDS';
      else {
        decidedBy = 'GRANTED';
        granted.add(key);
        grantedCount.set(type, (grantedCount.get(type) ?? 0) + 1);
        count++;
      }
      listed.add(bed);
      if (decidedBy !== 'GRANTED') codes.push(decidedBy);
      beds.push({ bed, decidedBy });
    }
    let amount = (p.rate as Dec).times(count);
    if (p.claim.requestedAmount?.lessThan(amount)) {
      amount = p.claim.requestedAmount;
      codes.push('CAPPED_BY_REQUEST');
    }
    out.set(p.claim.claimId, { amount, codes, beds, grantedBeds: count });
  }
  return out;
}

/** What the budget funded of one claim. */
export interface BudgetShare {
  readonly funded: Dec;
  readonly deferred: Dec;
  readonly budgetRemainingBefore: Dec;
}

/**
 * Funds a budget year's claims in (submittedAt, claimId) order; the part that does not fit is
 * deferred (the bureau decides on it; nothing carries over automatically).
 */
export function fundBudgetYear(
  ctx: RuleContext,
  year: number,
  claimsInOrder: readonly { claim: ConstructionSubsidyClaim; amount: Dec }[],
): Map<string, BudgetShare> {
  const firstDay = (parseMonth(`${String(year).padStart(4, '0')}-01`) as { first: Day }).first;
  const version = ctx.policy.at(firstDay);
  let left = version.dec(version.document.subsidy.annualBudget);
  const out = new Map<string, BudgetShare>();
  for (const { claim, amount } of claimsInOrder) {
    const funded = minDec(amount, left);
    out.set(claim.claimId, { funded, deferred: amount.minus(funded), budgetRemainingBefore: left });
    left = left.minus(funded);
  }
  return out;
}

/** The outcome of a construction claim from its claim-level rules, beds and budget share. */
export function constructionOutcome(
  p: PreparedConstructionClaim,
  beds: BedDecision | undefined,
  budget: BudgetShare | undefined,
  explain = false,
): Outcome {
  const codes: ReasonCode[] = [...p.claimLevel, ...(beds?.codes ?? [])];
  const funded = budget?.funded ?? ZERO;
  const deferred = budget?.deferred ?? ZERO;
  if (deferred.greaterThan(0)) codes.push('BUDGET_EXHAUSTED');
  const bedFailed = (beds?.codes ?? []).some((c) => c !== 'CAPPED_BY_REQUEST');
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
      },
    },
  };
}
