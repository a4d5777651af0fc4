/**
 * The person partitions (DOMAIN.md §7): a person's care-service and medical claims, adjudicated
 * together because rule 6 reads the medical stays and the annual cap spans the claims.
 */
import type { CareServiceClaim, MedicalSettlementClaim } from '../claims.ts';
import type { Day } from '../dates.ts';
import type { Outcome } from '../outcome.ts';
import { adjudicateCareClaims, adjudicateCareClaimsExhaustive, type PreparedCareClaim, prepareCareClaim } from '../rules/care-service.ts';
import type { RuleContext } from '../rules/context.ts';
import { adjudicateMedicalClaims, inpatientDaysOf } from '../rules/medical-settlement.ts';

interface PersonPartition {
  readonly care: PreparedCareClaim[];
  readonly medical: MedicalSettlementClaim[];
  /** Inpatient days of every validated medical claim: a new Set only when a medical claim arrives. */
  inpatient: ReadonlySet<Day>;
}

/**
 * Every person's claims, with care rules 1–5 applied once on insertion.
 * @example persons.insert(careClaim); persons.recompute('P001', false, false).get(careClaim.claimId)?.status
 */
export class PersonPartitions {
  private readonly ctx: RuleContext;
  private readonly exhaustive: boolean;
  private readonly persons = new Map<string, PersonPartition>();

  constructor(ctx: RuleContext, exhaustive: boolean) {
    this.ctx = ctx;
    this.exhaustive = exhaustive;
  }

  insert(claim: CareServiceClaim | MedicalSettlementClaim): void {
    const part = this.person(claim.personId);
    if (claim.kind === 'care-service') part.care.push(prepareCareClaim(this.ctx, claim));
    else {
      part.medical.push(claim);
      part.inpatient = new Set([...part.inpatient, ...inpatientDaysOf(claim)]);
    }
  }

  /**
   * The outcomes of the person's claims, added to `out`; medical ones only when a medical claim
   * arrived (they never depend on care claims).
   */
  recompute(personId: string, explain: boolean, medicalChanged = true, out = new Map<string, Outcome>()): Map<string, Outcome> {
    const part = this.person(personId);
    if (part.medical.length > 0 && (medicalChanged || explain)) {
      for (const [id, o] of adjudicateMedicalClaims(this.ctx, part.medical, explain)) out.set(id, o);
    }
    if (this.exhaustive) {
      for (const [id, o] of adjudicateCareClaimsExhaustive(this.ctx, part.care, part.inpatient, explain)) out.set(id, o);
    } else adjudicateCareClaims(this.ctx, part.care, part.inpatient, explain, out);
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
}
