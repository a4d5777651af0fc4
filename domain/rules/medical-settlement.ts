/**
 * Medical settlements (医保住院结算) and the continuous deductible (DOMAIN.md §5).
 * Seed 000: 符合规定的转诊住院患者可以连续计算医保起付线 — a referral chain counts as one admission.
 */
import type { MedicalSettlementClaim } from '../claims.ts';
import { compareIds, type Day, formatDay, yearOf } from '../dates.ts';
import { type Dec, fmt, maxDec, minDec, roundFen, ZERO } from '../money.ts';
import { baseStatus, type Outcome, type RuleCheck, sortedCodes } from '../outcome.ts';
import type { ReasonCode } from '../reasons.ts';
import { isDesignated } from '../registry.ts';
import type { RuleContext } from './context.ts';

/** (admittedOn, claimId) order: admission indices, chains and the annual cap follow it. */
export function episodeOrder(a: MedicalSettlementClaim, b: MedicalSettlementClaim): number {
  return a.admittedOn - b.admittedOn || compareIds(a.claimId, b.claimId);
}

/** Inpatient days of a stay: admittedOn ≤ d < dischargedOn; a same-day stay has its admission day. */
export function inpatientDaysOf(c: MedicalSettlementClaim): Day[] {
  if (c.dischargedOn === c.admittedOn) return [c.admittedOn];
  const days: Day[] = [];
  for (let d = c.admittedOn; d < c.dischargedOn; d++) days.push(d);
  return days;
}

/** Claim-level rules other than OVERLAPPING_EPISODE, which needs the person's other stays. */
function ownClaimLevel(ctx: RuleContext, c: MedicalSettlementClaim): ReasonCode[] {
  const codes: ReasonCode[] = [];
  if (!ctx.registry.persons.has(c.personId)) codes.push('UNKNOWN_PERSON');
  const inst = ctx.registry.institutions.get(c.institutionId);
  if (!inst) codes.push('UNKNOWN_INSTITUTION');
  else if (inst.hospitalLevel === undefined || !isDesignated(inst, 'medical', c.admittedOn)) codes.push('INSTITUTION_NOT_DESIGNATED');
  return codes;
}

/** [admittedOn, dischargedOn) intervals intersect; a same-day stay's interval is empty and meets none. */
const overlaps = (a: MedicalSettlementClaim, b: MedicalSettlementClaim) =>
  a.admittedOn < a.dischargedOn && b.admittedOn < b.dischargedOn && a.admittedOn < b.dischargedOn && b.admittedOn < a.dischargedOn;

const submittedEarlier = (a: MedicalSettlementClaim, b: MedicalSettlementClaim) => {
  const ta = a.submitted;
  const tb = b.submitted;
  if (ta.ms !== tb.ms) return ta.ms < tb.ms;
  const fa = ta.subMs.padEnd(6, '0');
  const fb = tb.subMs.padEnd(6, '0');
  if (fa !== fb) return fa < fb;
  return compareIds(a.claimId, b.claimId) < 0;
};

interface EpisodeResult {
  codes: ReasonCode[];
  referrer: MedicalSettlementClaim | undefined;
  root: MedicalSettlementClaim | undefined;
  admissionIndex: number;
  benefitYear: number;
  level: 1 | 2 | 3;
  allowable: Dec;
  nominal: Dec;
  deductibleApplied: Dec;
  deductibleBefore: Dec;
  ratio: Dec;
  fundBeforeCap: Dec;
  capRemainingBefore: Dec;
  fund: Dec;
}

/** All medical settlements of one person, adjudicated together. */
export function adjudicateMedicalClaims(
  ctx: RuleContext,
  claims: readonly MedicalSettlementClaim[],
  explain = false,
): Map<string, Outcome> {
  const claimLevel = new Map<MedicalSettlementClaim, ReasonCode[]>(claims.map((c) => [c, ownClaimLevel(ctx, c)]));
  const passedOther = claims.filter((c) => (claimLevel.get(c) as ReasonCode[]).length === 0);
  for (const c of claims) {
    if (passedOther.some((o) => o !== c && overlaps(c, o) && submittedEarlier(o, c))) {
      (claimLevel.get(c) as ReasonCode[]).push('OVERLAPPING_EPISODE');
    }
  }
  const valid = claims.filter((c) => (claimLevel.get(c) as ReasonCode[]).length === 0).sort(episodeOrder);
  const person = ctx.registry.persons.get(claims[0]?.personId ?? '');
  const results = new Map<MedicalSettlementClaim, EpisodeResult>();
  const byId = new Map(valid.map((c) => [c.claimId, c]));
  const position = new Map(valid.map((c, i) => [c, i]));
  const linkedReferrers = new Set<MedicalSettlementClaim>();
  const admissions = new Map<number, number>();
  const capLeft = new Map<number, Dec>();

  for (const [i, e] of valid.entries()) {
    const version = ctx.policy.at(e.admittedOn);
    const med = version.document.medical;
    const codes: ReasonCode[] = [];
    let referrer: MedicalSettlementClaim | undefined;
    if (e.referredFrom !== undefined) {
      const r = byId.get(e.referredFrom);
      const gap = r ? e.admittedOn - r.dischargedOn : -1;
      if (r && (position.get(r) as number) < i && gap >= 0 && gap <= med.referralWindowDays && !linkedReferrers.has(r)) {
        referrer = r;
        linkedReferrers.add(r);
      } else codes.push('REFERRAL_NOT_CONTINUOUS');
    }
    const parent = referrer ? (results.get(referrer) as EpisodeResult) : undefined;
    const root = parent ? (parent.root as MedicalSettlementClaim) : e;
    const benefitYear = yearOf(root.admittedOn);
    let admissionIndex: number;
    if (parent) admissionIndex = parent.admissionIndex;
    else {
      admissionIndex = (admissions.get(benefitYear) ?? 0) + 1;
      admissions.set(benefitYear, admissionIndex);
    }
    const level = ctx.registry.institutions.get(e.institutionId)?.hospitalLevel as 1 | 2 | 3;
    const key = String(level) as '1' | '2' | '3';
    const inpatientDays = Math.max(1, e.dischargedOn - e.admittedOn);
    const allowable =
      e.settlementMode === 'per-bed-day' ? minDec(e.eligible, version.dec(med.perBedDayRate[key]).times(inpatientDays)) : e.eligible;
    const factors = med.admissionFactors;
    const factor = version.dec(factors[Math.min(admissionIndex, factors.length) - 1] as string);
    const nominal = roundFen(version.dec(med.deductible[key]).times(factor));
    const deductibleBefore = parent ? parent.deductibleBefore.plus(parent.deductibleApplied) : ZERO;
    const deductibleApplied = minDec(allowable, maxDec(ZERO, nominal.minus(deductibleBefore)));
    const insuredType = person?.insuredType ?? 'employee';
    const ratio = version.dec(med.ratio[insuredType][key]);
    const fundBeforeCap = roundFen(allowable.minus(deductibleApplied).times(ratio));
    const capRemainingBefore =
      capLeft.get(benefitYear) ??
      ctx.policy.at(root.admittedOn).dec(ctx.policy.at(root.admittedOn).document.medical.annualCap[insuredType]);
    const fund = minDec(fundBeforeCap, capRemainingBefore);
    capLeft.set(benefitYear, capRemainingBefore.minus(fund));
    if (fundBeforeCap.greaterThan(0) && fund.lessThan(fundBeforeCap)) codes.push('ANNUAL_CAP_REACHED');
    results.set(e, {
      codes,
      referrer,
      root,
      admissionIndex,
      benefitYear,
      level,
      allowable,
      nominal,
      deductibleApplied,
      deductibleBefore,
      ratio,
      fundBeforeCap,
      capRemainingBefore,
      fund,
    });
  }

  const outcomes = new Map<string, Outcome>();
  for (const c of claims) {
    const failed = claimLevel.get(c) as ReasonCode[];
    const r = results.get(c);
    const codes = r ? r.codes : failed;
    const fund = r?.fund ?? ZERO;
    const outcome: Outcome = {
      claimId: c.claimId,
      kind: 'medical-settlement',
      status: baseStatus(failed.length > 0, codes.includes('ANNUAL_CAP_REACHED'), fund),
      fund,
      personal: c.total.minus(fund),
      deductibleApplied: r?.deductibleApplied ?? ZERO,
      nominalDeductible: r?.nominal ?? ZERO,
      ratio: r?.ratio ?? ZERO,
      eligible: c.eligible,
      reasonCodes: sortedCodes(codes),
    };
    outcomes.set(c.claimId, explain ? { ...outcome, explanation: explainEpisode(c, failed, r) } : outcome);
  }
  return outcomes;
}

function explainEpisode(c: MedicalSettlementClaim, failed: readonly ReasonCode[], r: EpisodeResult | undefined) {
  const claimRules: RuleCheck[] = (
    ['UNKNOWN_PERSON', 'UNKNOWN_INSTITUTION', 'INSTITUTION_NOT_DESIGNATED', 'OVERLAPPING_EPISODE'] as const
  ).map((rule) => ({
    rule,
    held: !failed.includes(rule),
    saw: { personId: c.personId, institutionId: c.institutionId, admittedOn: formatDay(c.admittedOn) },
  }));
  if (!r) return { claimRules, items: [], facts: { admittedOn: formatDay(c.admittedOn), dischargedOn: formatDay(c.dischargedOn) } };
  return {
    claimRules,
    items: [],
    facts: {
      admittedOn: formatDay(c.admittedOn),
      dischargedOn: formatDay(c.dischargedOn),
      settlementMode: c.settlementMode,
      hospitalLevel: r.level,
      referralChain: {
        referredFrom: c.referredFrom ?? null,
        linkedTo: r.referrer?.claimId ?? null,
        chainStartsWith: r.root?.claimId ?? null,
      },
      benefitYear: r.benefitYear,
      admissionIndex: r.admissionIndex,
      eligible: fmt(c.eligible),
      allowable: fmt(r.allowable),
      nominalDeductible: fmt(r.nominal),
      deductiblePaidEarlierInChain: fmt(r.deductibleBefore),
      deductibleApplied: fmt(r.deductibleApplied),
      ratio: r.ratio.toString(),
      fundBeforeRounding: r.allowable.minus(r.deductibleApplied).times(r.ratio).toString(),
      fundBeforeCap: fmt(r.fundBeforeCap),
      annualCapRemaining: fmt(r.capRemainingBefore),
      fund: fmt(r.fund),
      dedc_std: fmt(r.nominal),
      act_pay_dedc: fmt(r.deductibleApplied),
      inscp_scp_amt: fmt(c.eligible),
      hifp_pay: fmt(r.fund),
      pool_prop_selfpay: r.ratio.toString(),
    },
  };
}
