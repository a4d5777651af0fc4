/**
 * Operating subsidies (运营补贴, DOMAIN.md §6): a base per occupied bed-month raised by each day's
 * disability grade, pro-rated by day; special-hardship residents are funded elsewhere; a resident day
 * claimed twice goes to the earlier claim.
 */
import type { OperatingSubsidyClaim } from '../claims.ts';
import { addMonths, type Day, formatDay } from '../dates.ts';
import { type Dec, fmt, roundFen, ZERO } from '../money.ts';
import { baseStatus, type Outcome, type RuleCheck, sortedCodes } from '../outcome.ts';
import type { PolicyVersion } from '../policy/policy.ts';
import type { ReasonCode } from '../reasons.ts';
import { assessmentInForce } from '../registry.ts';
import { earlierClaim } from './care-service.ts';
import type { RuleContext } from './context.ts';

export interface PreparedResident {
  readonly personId: string;
  readonly from: Day;
  readonly to: Day;
  /** UNKNOWN_PERSON or SPECIAL_HARDSHIP_EXCLUDED, when a resident rule failed. */
  readonly failed: ReasonCode | undefined;
  /** base × (1 + uplift) for each day from `from` to `to`. */
  readonly dayValues: readonly Dec[];
  readonly grades: readonly (number | null)[];
}

export interface PreparedOperatingClaim {
  readonly claim: OperatingSubsidyClaim;
  readonly claimLevel: readonly ReasonCode[];
  readonly claimRules: readonly RuleCheck[];
  readonly residents: readonly PreparedResident[];
}

/** base × (1 + uplift of the grade): one Decimal per policy version and grade, shared by every day. */
const dayValues = new WeakMap<PolicyVersion, Map<number | undefined, Dec>>();
function dayValue(v: PolicyVersion, grade: number | undefined): Dec {
  let byGrade = dayValues.get(v);
  if (!byGrade) {
    byGrade = new Map();
    dayValues.set(v, byGrade);
  }
  let value = byGrade.get(grade);
  if (!value) {
    const op = v.document.subsidy.operating;
    const uplift = grade === undefined ? '0' : (op.gradeUplift[String(grade) as '0'] ?? '0');
    value = v.dec(op.basePerBedMonth).times(v.dec(uplift).plus(1));
    byGrade.set(grade, value);
  }
  return value;
}

/** Σ of shared Decimal values, by counting each distinct one (value × count). */
function sumByCount(values: readonly Dec[]): Dec {
  const counts = new Map<Dec, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let total = ZERO;
  for (const [v, n] of counts) total = total.plus(n === 1 ? v : v.times(n));
  return total;
}

/** Claim-level and resident rules (everything except the competition for days). */
export function prepareOperatingClaim(ctx: RuleContext, claim: OperatingSubsidyClaim): PreparedOperatingClaim {
  const version = ctx.policy.at(claim.span.first);
  const op = version.document.subsidy.operating;
  const inst = ctx.registry.institutions.get(claim.institutionId);
  const claimRules: RuleCheck[] = [{ rule: 'UNKNOWN_INSTITUTION', held: inst !== undefined, saw: { institutionId: claim.institutionId } }];
  if (inst) {
    claimRules.push({
      rule: 'INSTITUTION_TYPE_NOT_COVERED',
      held: !op.excludedInstitutionTypes.includes(inst.institutionType),
      saw: { institutionType: inst.institutionType },
    });
    const eligibleFrom = addMonths(inst.registeredOn, op.minOperatingMonths);
    claimRules.push({
      rule: 'OPERATING_TOO_SHORT',
      held: eligibleFrom <= claim.span.first,
      saw: { registeredOn: formatDay(inst.registeredOn), minOperatingMonths: op.minOperatingMonths, month: claim.month },
    });
  }
  const claimLevel = claimRules.filter((r) => !r.held).map((r) => r.rule as ReasonCode);
  const residents: PreparedResident[] =
    claimLevel.length > 0
      ? []
      : claim.residents.map((r) => {
          const person = ctx.registry.persons.get(r.personId);
          const failed: ReasonCode | undefined = !person
            ? 'UNKNOWN_PERSON'
            : person.specialHardship
              ? 'SPECIAL_HARDSHIP_EXCLUDED'
              : undefined;
          const dayValues: Dec[] = [];
          const grades: (number | null)[] = [];
          if (person && !failed) {
            for (let d = r.from; d <= r.to; d++) {
              const v = ctx.policy.at(d);
              const grade = assessmentInForce(person, d, v.document.ltc.validityMonths)?.grade;
              dayValues.push(dayValue(v, grade));
              grades.push(grade ?? null);
            }
          }
          return { personId: r.personId, from: r.from, to: r.to, failed, dayValues, grades };
        });
  return { claim, claimLevel, claimRules, residents };
}

/** One resident of one claim, competing for the days of a (person, month). */
export interface ResidentEntry {
  readonly prepared: PreparedOperatingClaim;
  readonly residentIndex: number;
}

export interface ResidentShare {
  /** Σ won days' value / daysInMonth, before rounding. */
  readonly exact: Dec;
  readonly amount: Dec;
  readonly lostDays: number;
  readonly keptBy: readonly string[];
}

/**
 * The competition for one person's days in one month: each day goes to the earlier submittedAt,
 * then the smaller claimId, among residents that passed the resident rules in claims that passed
 * the claim-level rules. Per resident: round_fen(Σ won days' value / daysInMonth).
 */
export function shareResidentMonth(entries: readonly ResidentEntry[]): Map<ResidentEntry, ResidentShare> {
  const competing = entries.filter(
    (e) => e.prepared.claimLevel.length === 0 && e.prepared.residents[e.residentIndex]?.failed === undefined,
  );
  const owner = new Map<Day, ResidentEntry>();
  for (const e of competing) {
    const r = e.prepared.residents[e.residentIndex] as PreparedResident;
    for (let d = r.from; d <= r.to; d++) {
      const cur = owner.get(d);
      if (!cur || earlierClaim(e.prepared.claim, cur.prepared.claim) === e.prepared.claim) owner.set(d, e);
    }
  }
  const out = new Map<ResidentEntry, ResidentShare>();
  for (const e of competing) {
    const r = e.prepared.residents[e.residentIndex] as PreparedResident;
    const won: Dec[] = [];
    const keptBy = new Set<string>();
    let lostDays = 0;
    for (let d = r.from; d <= r.to; d++) {
      const o = owner.get(d) as ResidentEntry;
      if (o === e) won.push(r.dayValues[d - r.from] as Dec);
      else {
        lostDays++;
        keptBy.add(o.prepared.claim.claimId);
      }
    }
    const exact = sumByCount(won).dividedBy(e.prepared.claim.span.days);
    out.set(e, { exact, amount: roundFen(exact), lostDays, keptBy: [...keptBy] });
  }
  return out;
}

/** The outcome of an operating claim from its residents' shares (undefined for non-competing residents). */
export function operatingOutcome(p: PreparedOperatingClaim, shares: readonly (ResidentShare | undefined)[], explain = false): Outcome {
  const codes: ReasonCode[] = [...p.claimLevel];
  let fund = ZERO;
  p.residents.forEach((r, i) => {
    if (r.failed) codes.push(r.failed);
    const s = shares[i];
    if (s) {
      fund = fund.plus(s.amount);
      if (s.lostDays > 0) codes.push('DUPLICATE_SERVICE_DAY');
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
  if (!explain) return outcome;
  return {
    ...outcome,
    explanation: {
      claimRules: p.claimRules,
      items: p.residents.map((r, i) => ({
        personId: r.personId,
        from: formatDay(r.from),
        to: formatDay(r.to),
        decidedBy: r.failed ?? ((shares[i]?.lostDays ?? 0) > 0 ? 'DUPLICATE_SERVICE_DAY' : 'GRANTED'),
        gradesByDay: r.grades,
        daysLostTo: shares[i]?.keptBy ?? [],
        beforeRounding: shares[i]?.exact.toString() ?? null,
        amount: fmt(shares[i]?.amount ?? ZERO),
      })),
      facts: { month: p.claim.month, daysInMonth: p.claim.span.days, fund: fmt(fund) },
    },
  };
}
