/**
 * All medical settlements of one person, adjudicated together (DOMAIN.md §5): the claim-level rules
 * (all reported), then the valid episodes in (admittedOn, claimId) order — referral chains, admission
 * indices, the continuous deductible, the ratio and the annual cap of the chain's benefit year.
 */
import type { MedicalSettlementClaim } from '../../claims.ts';
import { yearOf } from '../../dates.ts';
import { minDec, roundFen, ZERO } from '../../money.ts';
import { baseStatus, type Outcome, sortedCodes } from '../../outcome.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { RuleContext } from '../context.ts';
import { DrawDown } from '../shared/draw-down.ts';
import { unknownInstitution } from '../shared/unknown-institution.ts';
import { unknownPerson } from '../shared/unknown-person.ts';
import { annualCapReached } from './annual-cap-reached.ts';
import { deductibleApplied, nominalDeductible } from './deductible.ts';
import { episodeOrder, inpatientDayCount } from './episode.ts';
import type { EpisodeResult } from './episode-result.ts';
import { explainEpisode } from './explain.ts';
import { institutionNotDesignated } from './institution-not-designated.ts';
import { overlappingEpisode } from './overlapping-episode.ts';
import { type ReferralView, referralNotContinuous, referrerOf } from './referral-not-continuous.ts';

const NONE_LINKED: ReadonlySet<MedicalSettlementClaim> = new Set();

/** Claim-level rules other than OVERLAPPING_EPISODE, which needs the person's other stays. */
function ownClaimLevel(ctx: RuleContext, claim: MedicalSettlementClaim): ReasonCode[] {
  const codes: ReasonCode[] = [];
  if (!unknownPerson.held({ registry: ctx.registry, personId: claim.personId })) codes.push(unknownPerson.code);
  if (!unknownInstitution.held({ registry: ctx.registry, institutionId: claim.institutionId })) codes.push(unknownInstitution.code);
  if (!institutionNotDesignated.held({ registry: ctx.registry, claim })) codes.push(institutionNotDesignated.code);
  return codes;
}

/**
 * The outcomes of all of one person's medical settlements, with explanations when asked.
 * @example adjudicateMedicalClaims(ctx, [ms1, ms2]).get('MS-2')?.deductibleApplied?.toFixed(2) // '400.00' after an upward referral
 */
export function adjudicateMedicalClaims(
  ctx: RuleContext,
  claims: readonly MedicalSettlementClaim[],
  explain = false,
): Map<string, Outcome> {
  const claimLevel = new Map<MedicalSettlementClaim, ReasonCode[]>(claims.map((c) => [c, ownClaimLevel(ctx, c)]));
  const passedOther = claims.filter((c) => (claimLevel.get(c) as ReasonCode[]).length === 0);
  for (const c of claims) {
    if (!overlappingEpisode.held({ claim: c, others: passedOther })) (claimLevel.get(c) as ReasonCode[]).push(overlappingEpisode.code);
  }
  const valid = claims.filter((c) => (claimLevel.get(c) as ReasonCode[]).length === 0).sort(episodeOrder);
  const results = chainEpisodes(ctx, valid);

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
    outcomes.set(c.claimId, explain ? { ...outcome, explanation: explainEpisode(ctx, c, failed, passedOther, r) } : outcome);
  }
  return outcomes;
}

/** The valid episodes, in (admittedOn, claimId) order: chains, deductibles, ratios and the cap. */
function chainEpisodes(ctx: RuleContext, valid: readonly MedicalSettlementClaim[]): Map<MedicalSettlementClaim, EpisodeResult> {
  const person = ctx.registry.persons.get(valid[0]?.personId ?? '');
  const insuredType = person?.insuredType ?? 'employee';
  const results = new Map<MedicalSettlementClaim, EpisodeResult>();
  const byId = new Map(valid.map((c) => [c.claimId, c]));
  const positionOf = new Map(valid.map((c, i) => [c, i]));
  const linked = new Set<MedicalSettlementClaim>();
  const admissions = new Map<number, number>();
  const caps = new DrawDown<number>();

  for (const [position, e] of valid.entries()) {
    const version = ctx.policy.at(e.admittedOn);
    const med = version.document.medical;
    const codes: ReasonCode[] = [];
    // The view is read again by the explanation, so it keeps the links made before this episode.
    const linkedBefore = linked.size === 0 ? NONE_LINKED : new Set(linked);
    const referral: ReferralView = { episode: e, position, byId, positionOf, linked: linkedBefore, windowDays: med.referralWindowDays };
    const referrer = referrerOf(referral);
    if (referrer) linked.add(referrer);
    if (!referralNotContinuous.held(referral)) codes.push(referralNotContinuous.code);
    const parent = referrer ? (results.get(referrer) as EpisodeResult) : undefined;
    const root = parent ? parent.root : e;
    const benefitYear = yearOf(root.admittedOn);
    let admissionIndex: number;
    if (parent) admissionIndex = parent.admissionIndex;
    else {
      admissionIndex = (admissions.get(benefitYear) ?? 0) + 1;
      admissions.set(benefitYear, admissionIndex);
    }
    const level = ctx.registry.institutions.get(e.institutionId)?.hospitalLevel as 1 | 2 | 3;
    const key = String(level) as '1' | '2' | '3';
    const allowable =
      e.settlementMode === 'per-bed-day' ? minDec(e.eligible, version.dec(med.perBedDayRate[key]).times(inpatientDayCount(e))) : e.eligible;
    const nominal = nominalDeductible(version, key, admissionIndex);
    const deductibleBefore = parent ? parent.deductibleBefore.plus(parent.deductibleApplied) : ZERO;
    const applied = deductibleApplied(allowable, nominal, deductibleBefore);
    const ratio = version.dec(med.ratio[insuredType][key]);
    const fundBeforeCap = roundFen(allowable.minus(applied).times(ratio));
    const rootVersion = ctx.policy.at(root.admittedOn);
    const { before, paid } = caps.draw(
      benefitYear,
      () => rootVersion.dec(rootVersion.document.medical.annualCap[insuredType]),
      fundBeforeCap,
    );
    const capped = { fundBeforeCap, capRemainingBefore: before, fund: paid };
    if (!annualCapReached.held(capped)) codes.push(annualCapReached.code);
    results.set(e, {
      codes,
      referral,
      referrer,
      root,
      admissionIndex,
      benefitYear,
      level,
      allowable,
      nominal,
      deductibleApplied: applied,
      deductibleBefore,
      ratio,
      ...capped,
    });
  }
  return results;
}
