/**
 * The adjudication engine: a pure function of the policy, the registry and the set of claims received
 * so far (DOMAIN.md §7), computed incrementally. Each arrival re-adjudicates only the partition its
 * outcome can depend on — the person (care-service and medical), the institution and budget year
 * (construction), the residents' months (operating) — and posts a REPROCESSED adjustment for every
 * already-decided claim whose fund amount changed.
 */
import { type Claim, type MedicalSettlementClaim, validateClaim } from './claims.ts';
import type { Day } from './dates.ts';
import { StoredClaimError } from './errors.ts';
import { type Dec, ZERO } from './money.ts';
import type { Outcome } from './outcome.ts';
import type { ReasonCode } from './reasons.ts';
import { adjudicateCareClaims, adjudicateCareClaimsExhaustive, type PreparedCareClaim, prepareCareClaim } from './rules/care-service.ts';
import {
  type BedDecision,
  constructionOutcome,
  decideBeds,
  fundBudgetYear,
  type PreparedConstructionClaim,
  prepareConstructionClaim,
  submissionOrder,
} from './rules/construction-subsidy.ts';
import type { RuleContext } from './rules/context.ts';
import { adjudicateMedicalClaims, inpatientDaysOf } from './rules/medical-settlement.ts';
import {
  operatingOutcome,
  type PreparedOperatingClaim,
  prepareOperatingClaim,
  type ResidentEntry,
  type ResidentShare,
  shareResidentMonth,
} from './rules/operating-subsidy.ts';
import type { FieldError } from './validation.ts';

export interface Adjustment {
  readonly claimId: string;
  readonly amount: Dec;
  readonly reason: 'REPROCESSED';
  readonly triggeredBy: string;
}

/** A claim whose outcome changed on an arrival (the arriving claim itself has no `before`). */
export interface OutcomeChange {
  readonly claimId: string;
  readonly before: Outcome | undefined;
  readonly after: Outcome;
}

export type Arrival =
  | {
      readonly type: 'invalid';
      readonly claimId: string | null;
      readonly kind: string | null;
      readonly reason: Extract<ReasonCode, 'VALIDATION_FAILED' | 'CLAIM_ID_CONFLICT'>;
      readonly errors: readonly FieldError[];
      /** The validated claim, for a CLAIM_ID_CONFLICT. */
      readonly claim?: Claim;
    }
  | { readonly type: 'redelivery'; readonly claim: Claim }
  | {
      readonly type: 'accepted';
      readonly claim: Claim;
      readonly outcome: Outcome;
      readonly adjustments: readonly Adjustment[];
      readonly changes: readonly OutcomeChange[];
    };

interface Accepted {
  readonly claim: Claim;
  readonly contentKey: string;
  readonly arrival: number;
}

interface OperatingState {
  readonly prepared: PreparedOperatingClaim;
  readonly shares: (ResidentShare | undefined)[];
}

/** The partitions an insertion touched, to be recomputed. */
interface Touched {
  readonly persons: Set<string>;
  readonly medicalPersons: Set<string>;
  readonly institutions: Set<string>;
  readonly budgetYears: Set<number>;
  readonly residentMonths: Set<string>;
  readonly operatingClaims: Set<string>;
}

const emptyTouched = (): Touched => ({
  persons: new Set(),
  medicalPersons: new Set(),
  institutions: new Set(),
  budgetYears: new Set(),
  residentMonths: new Set(),
  operatingClaims: new Set(),
});

interface PersonPartition {
  readonly care: PreparedCareClaim[];
  readonly medical: MedicalSettlementClaim[];
  /** Inpatient days of every validated medical claim: a new Set only when a medical claim arrives. */
  inpatient: ReadonlySet<Day>;
}

export interface EngineOptions {
  /** Adjudicate care days exhaustively, day by day (the reference the fast path is tested against). */
  readonly exhaustive?: boolean;
}

/**
 * Adjudicates arrivals one by one.
 * @example
 * const engine = new Engine({ policy: PolicyBook.single(DEMO_2026), registry });
 * const arrival = engine.accept(claimJson);
 * if (arrival.type === 'accepted') console.log(arrival.outcome.status, arrival.adjustments);
 */
export class Engine {
  readonly ctx: RuleContext;
  private readonly accepted = new Map<string, Accepted>();
  private readonly outcomes = new Map<string, Outcome>();
  private readonly persons = new Map<string, PersonPartition>();
  private readonly constructionByInstitution = new Map<string, PreparedConstructionClaim[]>();
  private readonly constructionByYear = new Map<number, PreparedConstructionClaim[]>();
  private readonly bedDecisions = new Map<string, BedDecision>();
  private readonly residentMonths = new Map<string, ResidentEntry[]>();
  private readonly constructionPrepared = new Map<string, PreparedConstructionClaim>();
  private readonly operating = new Map<string, OperatingState>();
  private arrivals = 0;
  private recomputedCount = 0;

  private readonly options: EngineOptions;

  constructor(ctx: RuleContext, options: EngineOptions = {}) {
    this.ctx = ctx;
    this.options = options;
  }

  /** Validates, deduplicates and adjudicates one arrival. */
  accept(raw: unknown): Arrival {
    const v = validateClaim(raw);
    if (!v.ok) return { type: 'invalid', claimId: v.claimId, kind: v.kind, reason: 'VALIDATION_FAILED', errors: v.errors };
    const known = this.accepted.get(v.claim.claimId);
    if (known) {
      if (known.contentKey === v.contentKey) return { type: 'redelivery', claim: known.claim };
      return {
        type: 'invalid',
        claimId: v.claim.claimId,
        kind: v.claim.kind,
        reason: 'CLAIM_ID_CONFLICT',
        claim: v.claim,
        errors: [
          {
            path: 'claimId',
            code: 'CLAIM_ID_CONFLICT',
            message: 'was already accepted with different content; the first one stands',
            messageZh: '该申报编号已被内容不同的申报使用，以首次受理的为准',
          },
        ],
      };
    }
    const claim = v.claim;
    this.accepted.set(claim.claimId, { claim, contentKey: v.contentKey, arrival: this.arrivals++ });
    const touched = emptyTouched();
    this.insert(claim, touched);
    return this.post(claim, this.recompute(touched));
  }

  /**
   * Re-establishes the state after claims accepted earlier, given in their arrival order, with one
   * recomputation per partition and no adjustments. Used by the pipeline, which keeps a partition's
   * claims in DynamoDB and rebuilds its engine for each arrival. Throws if a claim is not valid, or
   * repeats an id: a stored history is never supposed to hold either.
   */
  restore(raws: Iterable<unknown>): void {
    const touched = emptyTouched();
    for (const raw of raws) {
      const v = validateClaim(raw);
      if (!v.ok) throw new StoredClaimError(v.claimId, `is not valid: ${v.errors[0]?.path} ${v.errors[0]?.message}`);
      if (this.accepted.has(v.claim.claimId)) throw new StoredClaimError(v.claim.claimId, 'appears twice');
      this.accepted.set(v.claim.claimId, { claim: v.claim, contentKey: v.contentKey, arrival: this.arrivals++ });
      this.insert(v.claim, touched);
    }
    for (const [id, o] of this.recompute(touched)) this.outcomes.set(id, o);
  }

  /**
   * How many claim outcomes the engine has recomputed so far, over all arrivals: a measure of its
   * work that no clock or machine affects (the benchmark shows it depends on partitions, not totals).
   */
  get recomputed(): number {
    return this.recomputedCount;
  }

  /** The canonical content of an accepted claim, as compared for re-deliveries. */
  contentKey(claimId: string): string | undefined {
    return this.accepted.get(claimId)?.contentKey;
  }

  /** The current outcome of an accepted claim. */
  outcome(claimId: string): Outcome | undefined {
    return this.outcomes.get(claimId);
  }

  /** The accepted claim with this id. */
  claim(claimId: string): Claim | undefined {
    return this.accepted.get(claimId)?.claim;
  }

  /** All current outcomes, in arrival order. */
  *allOutcomes(): IterableIterator<Outcome> {
    for (const id of this.accepted.keys()) yield this.outcomes.get(id) as Outcome;
  }

  /** The current outcome with its explanation, rule by rule (recomputed on demand). */
  explain(claimId: string): Outcome | undefined {
    const claim = this.accepted.get(claimId)?.claim;
    if (!claim) return undefined;
    switch (claim.kind) {
      case 'care-service':
      case 'medical-settlement':
        return this.recomputePerson(claim.personId, true).get(claimId);
      case 'construction-subsidy': {
        const p = this.constructionPrepared.get(claimId) as PreparedConstructionClaim;
        const budget = this.budgetYear(p.budgetYear, this.constructionByYear.get(p.budgetYear) ?? []);
        return constructionOutcome(p, this.bedDecisions.get(claimId), budget.get(claimId), true);
      }
      case 'operating-subsidy': {
        const s = this.operating.get(claimId) as OperatingState;
        return operatingOutcome(s.prepared, s.shares, this.ctx);
      }
    }
  }

  /** Adds a claim to its partitions, noting which partitions must be recomputed. */
  private insert(claim: Claim, touched: Touched): void {
    switch (claim.kind) {
      case 'care-service':
        this.person(claim.personId).care.push(prepareCareClaim(this.ctx, claim));
        touched.persons.add(claim.personId);
        return;
      case 'medical-settlement': {
        const part = this.person(claim.personId);
        part.medical.push(claim);
        part.inpatient = new Set([...part.inpatient, ...inpatientDaysOf(claim)]);
        touched.persons.add(claim.personId);
        touched.medicalPersons.add(claim.personId);
        return;
      }
      case 'construction-subsidy': {
        const prepared = prepareConstructionClaim(this.ctx, claim);
        this.constructionPrepared.set(claim.claimId, prepared);
        const institution = this.constructionByInstitution.get(claim.institutionId) ?? [];
        institution.push(prepared);
        this.constructionByInstitution.set(claim.institutionId, institution);
        const year = this.constructionByYear.get(prepared.budgetYear) ?? [];
        year.splice(insertionIndex(year, prepared), 0, prepared);
        this.constructionByYear.set(prepared.budgetYear, year);
        touched.institutions.add(claim.institutionId);
        touched.budgetYears.add(prepared.budgetYear);
        return;
      }
      case 'operating-subsidy': {
        const prepared = prepareOperatingClaim(this.ctx, claim);
        this.operating.set(claim.claimId, { prepared, shares: prepared.residents.map(() => undefined) });
        touched.operatingClaims.add(claim.claimId);
        prepared.residents.forEach((r, residentIndex) => {
          if (r.failed) return;
          const key = `${r.personId}\u0000${claim.month}`;
          const entries = this.residentMonths.get(key) ?? [];
          entries.push({ prepared, residentIndex });
          this.residentMonths.set(key, entries);
          touched.residentMonths.add(key);
        });
        return;
      }
    }
  }

  /** Recomputes the touched partitions; returns the outcomes of every claim in them. */
  private recompute(touched: Touched): Map<string, Outcome> {
    const out = new Map<string, Outcome>();
    for (const personId of touched.persons) {
      for (const [id, o] of this.recomputePerson(personId, false, touched.medicalPersons.has(personId))) out.set(id, o);
    }
    if (touched.institutions.size > 0 || touched.budgetYears.size > 0) this.recomputeConstruction(touched, out);
    if (touched.residentMonths.size > 0 || touched.operatingClaims.size > 0) this.recomputeOperating(touched, out);
    return out;
  }

  private person(personId: string): PersonPartition {
    let p = this.persons.get(personId);
    if (!p) {
      p = { care: [], medical: [], inpatient: new Set() };
      this.persons.set(personId, p);
    }
    return p;
  }

  /** Medical outcomes only when a medical claim arrived (they never depend on care claims). */
  private recomputePerson(personId: string, explain: boolean, medicalChanged = true): Map<string, Outcome> {
    const part = this.person(personId);
    const out =
      part.medical.length > 0 && (medicalChanged || explain)
        ? adjudicateMedicalClaims(this.ctx, part.medical, explain)
        : new Map<string, Outcome>();
    const care = this.options.exhaustive ? adjudicateCareClaimsExhaustive : adjudicateCareClaims;
    for (const [id, o] of care(this.ctx, part.care, part.inpatient, explain)) out.set(id, o);
    return out;
  }

  /** Beds per touched institution; then every budget year in which some claim's bed decision changed. */
  private recomputeConstruction(touched: Touched, out: Map<string, Outcome>): void {
    const dirtyYears = new Set(touched.budgetYears);
    for (const institutionId of touched.institutions) {
      const institution = this.constructionByInstitution.get(institutionId) ?? [];
      const decisions = decideBeds(institution);
      for (const p of institution) {
        const before = this.bedDecisions.get(p.claim.claimId);
        const after = decisions.get(p.claim.claimId);
        if (after) this.bedDecisions.set(p.claim.claimId, after);
        const same =
          before === after || (before && after && before.amount.equals(after.amount) && before.codes.join() === after.codes.join());
        if (!same) dirtyYears.add(p.budgetYear);
      }
    }
    for (const y of dirtyYears) {
      const claims = this.constructionByYear.get(y) ?? [];
      const shares = this.budgetYear(y, claims);
      for (const p of claims)
        out.set(p.claim.claimId, constructionOutcome(p, this.bedDecisions.get(p.claim.claimId), shares.get(p.claim.claimId)));
    }
  }

  private budgetYear(year: number, claims: readonly PreparedConstructionClaim[]) {
    return fundBudgetYear(
      this.ctx,
      year,
      claims.map((p) => ({ claim: p.claim, amount: this.bedDecisions.get(p.claim.claimId)?.amount ?? ZERO })),
    );
  }

  /** Day competition per touched (resident, month); then the totals of every claim involved. */
  private recomputeOperating(touched: Touched, out: Map<string, Outcome>): void {
    const claims = new Set(touched.operatingClaims);
    for (const key of touched.residentMonths) {
      for (const [entry, share] of shareResidentMonth(this.residentMonths.get(key) ?? [])) {
        const s = this.operating.get(entry.prepared.claim.claimId);
        if (s) s.shares[entry.residentIndex] = share;
        claims.add(entry.prepared.claim.claimId);
      }
    }
    for (const id of claims) {
      const s = this.operating.get(id) as OperatingState;
      out.set(id, operatingOutcome(s.prepared, s.shares));
    }
  }

  /** Stores the recomputed outcomes and derives the adjustments and changes of this arrival. */
  private post(claim: Claim, recomputed: Map<string, Outcome>): Arrival {
    this.recomputedCount += recomputed.size;
    const adjustments: { adj: Adjustment; arrival: number }[] = [];
    const changes: { change: OutcomeChange; arrival: number }[] = [];
    for (const [id, after] of recomputed) {
      const before = this.outcomes.get(id);
      if (before === after) continue;
      this.outcomes.set(id, after);
      const arrival = (this.accepted.get(id) as Accepted).arrival;
      if (before?.fund.equals(after.fund) && before.status === after.status) continue;
      changes.push({ change: { claimId: id, before, after }, arrival });
      if (before && !before.fund.equals(after.fund)) {
        adjustments.push({
          adj: { claimId: id, amount: after.fund.minus(before.fund), reason: 'REPROCESSED', triggeredBy: claim.claimId },
          arrival,
        });
      }
    }
    adjustments.sort((a, b) => a.arrival - b.arrival);
    changes.sort((a, b) => a.arrival - b.arrival);
    return {
      type: 'accepted',
      claim,
      outcome: this.outcomes.get(claim.claimId) as Outcome,
      adjustments: adjustments.map((a) => a.adj),
      changes: changes.map((c) => c.change),
    };
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
