/**
 * The adjudication engine: a pure function of the policy, the registry and the set of claims received
 * so far (DOMAIN.md §7), computed incrementally. Each arrival re-adjudicates only the partition its
 * outcome can depend on — the person (care-service and medical), the institution and budget year
 * (construction), the residents' months (operating) — and posts a REPROCESSED adjustment for every
 * already-decided claim whose fund amount changed.
 */
import { type Claim, validateClaim } from './claims.ts';
import { ConstructionPartitions } from './engine/construction-partitions.ts';
import { OperatingPartitions, residentMonthKey } from './engine/operating-partitions.ts';
import { PersonPartitions } from './engine/person-partitions.ts';
import { StoredClaimError } from './errors.ts';
import type { Dec } from './money.ts';
import type { Outcome } from './outcome.ts';
import { partitionsOf } from './partition.ts';
import type { ReasonCode } from './reasons.ts';
import type { RuleContext } from './rules/context.ts';
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

/** The partitions an insertion touched, to be recomputed, and what changed in them. */
interface Touched {
  readonly persons: Set<string>;
  /** Persons whose medical claims changed (medical outcomes never depend on care claims). */
  readonly medicalPersons: Set<string>;
  readonly institutions: Set<string>;
  readonly budgetYears: Set<number>;
  readonly residentMonths: Set<string>;
  /** Operating claims inserted: each needs its own outcome even if none of its residents competes. */
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
  private readonly persons: PersonPartitions;
  private readonly construction: ConstructionPartitions;
  private readonly operating: OperatingPartitions;
  private readonly touched = emptyTouched();
  private arrivals = 0;
  private recomputedCount = 0;

  constructor(ctx: RuleContext, options: EngineOptions = {}) {
    this.ctx = ctx;
    this.persons = new PersonPartitions(ctx, options.exhaustive === true);
    this.construction = new ConstructionPartitions(ctx);
    this.operating = new OperatingPartitions(ctx);
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
    // One set of partitions per arrival, emptied and reused: six new Sets per claim are garbage to collect.
    const touched = this.touched;
    for (const set of Object.values(touched) as Set<unknown>[]) set.clear();
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
        return this.persons.recompute(claim.personId, true).get(claimId);
      case 'construction-subsidy':
        return this.construction.explain(claimId);
      case 'operating-subsidy':
        return this.operating.explain(claimId);
    }
  }

  /** Adds a claim to its partition family, noting the partitions it belongs to (`partitionsOf`). */
  private insert(claim: Claim, touched: Touched): void {
    if (claim.kind === 'care-service' || claim.kind === 'medical-settlement') this.persons.insert(claim);
    else if (claim.kind === 'construction-subsidy') this.construction.insert(claim);
    else {
      this.operating.insert(claim);
      touched.operatingClaims.add(claim.claimId);
    }
    if (claim.kind === 'medical-settlement') touched.medicalPersons.add(claim.personId);
    for (const p of partitionsOf(claim)) {
      if (p.kind === 'person') touched.persons.add(p.personId);
      else if (p.kind === 'institution-beds') touched.institutions.add(p.institutionId);
      else if (p.kind === 'budget-year') touched.budgetYears.add(p.year);
      else touched.residentMonths.add(residentMonthKey(p.personId, p.month));
    }
  }

  /** Recomputes the touched partitions; returns the outcomes of every claim in them. */
  private recompute(touched: Touched): Map<string, Outcome> {
    const out = new Map<string, Outcome>();
    for (const personId of touched.persons) {
      this.persons.recompute(personId, false, touched.medicalPersons.has(personId), out);
    }
    if (touched.institutions.size > 0 || touched.budgetYears.size > 0)
      this.construction.recompute(touched.institutions, touched.budgetYears, out);
    if (touched.residentMonths.size > 0 || touched.operatingClaims.size > 0) {
      this.operating.recompute(touched.residentMonths, touched.operatingClaims, out);
    }
    return out;
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
