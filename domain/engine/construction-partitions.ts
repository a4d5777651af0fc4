/**
 * The construction partitions (DOMAIN.md §7): an institution's construction claims share its beds,
 * and a budget year's claims share its budget.
 */
import type { ConstructionSubsidyClaim } from '../claims.ts';
import { ZERO } from '../money.ts';
import type { Outcome } from '../outcome.ts';
import {
  type BedDecision,
  constructionOutcome,
  decideBeds,
  fundBudgetYear,
  type PreparedConstructionClaim,
  prepareConstructionClaim,
} from '../rules/construction-subsidy.ts';
import type { RuleContext } from '../rules/context.ts';
import { submissionOrder } from '../rules/shared/submission-order.ts';

/**
 * Every construction claim, by institution and by budget year, with each claim's bed decision.
 * @example construction.insert(claim); construction.recompute(['INST-B'], [2026], out)
 */
export class ConstructionPartitions {
  private readonly ctx: RuleContext;
  private readonly byInstitution = new Map<string, PreparedConstructionClaim[]>();
  /** Each budget year's claims, kept in (submittedAt, claimId) order: the order the budget funds them. */
  private readonly byYear = new Map<number, PreparedConstructionClaim[]>();
  private readonly prepared = new Map<string, PreparedConstructionClaim>();
  private readonly beds = new Map<string, BedDecision>();

  constructor(ctx: RuleContext) {
    this.ctx = ctx;
  }

  insert(claim: ConstructionSubsidyClaim): void {
    const p = prepareConstructionClaim(this.ctx, claim);
    this.prepared.set(claim.claimId, p);
    const institution = this.byInstitution.get(claim.institutionId) ?? [];
    institution.push(p);
    this.byInstitution.set(claim.institutionId, institution);
    const year = this.byYear.get(p.budgetYear) ?? [];
    year.splice(insertionIndex(year, p), 0, p);
    this.byYear.set(p.budgetYear, year);
  }

  /** Beds per touched institution; then every budget year touched or in which a bed decision changed. */
  recompute(institutions: Iterable<string>, budgetYears: Iterable<number>, out: Map<string, Outcome>): void {
    const dirtyYears = new Set(budgetYears);
    for (const institutionId of institutions) {
      const claims = this.byInstitution.get(institutionId) ?? [];
      const decisions = decideBeds(claims);
      for (const p of claims) {
        const before = this.beds.get(p.claim.claimId);
        const after = decisions.get(p.claim.claimId);
        if (after) this.beds.set(p.claim.claimId, after);
        const same =
          before === after || (before && after && before.amount.equals(after.amount) && before.codes.join() === after.codes.join());
        if (!same) dirtyYears.add(p.budgetYear);
      }
    }
    for (const y of dirtyYears) {
      const claims = this.byYear.get(y) ?? [];
      const shares = this.budgetYear(y, claims);
      for (const p of claims) out.set(p.claim.claimId, constructionOutcome(p, this.beds.get(p.claim.claimId), shares.get(p.claim.claimId)));
    }
  }

  /** The current outcome of one claim, with its explanation. */
  explain(claimId: string): Outcome {
    const p = this.prepared.get(claimId) as PreparedConstructionClaim;
    const budget = this.budgetYear(p.budgetYear, this.byYear.get(p.budgetYear) ?? []);
    return constructionOutcome(p, this.beds.get(claimId), budget.get(claimId), true);
  }

  private budgetYear(year: number, claims: readonly PreparedConstructionClaim[]) {
    return fundBudgetYear(
      this.ctx,
      year,
      claims.map((p) => ({ claim: p.claim, amount: this.beds.get(p.claim.claimId)?.amount ?? ZERO })),
    );
  }
}

/** Where a claim goes in a list kept in (submittedAt, claimId) order. */
function insertionIndex(list: readonly PreparedConstructionClaim[], p: PreparedConstructionClaim): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (submissionOrder((list[mid] as PreparedConstructionClaim).claim, p.claim) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
