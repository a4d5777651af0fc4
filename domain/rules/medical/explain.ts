/**
 * The explanation of a medical decision: each claim-level rule with what it saw, then the episode's
 * facts — the referral chain, admission index, deductible paid earlier in the chain, nominal and
 * applied deductible, ratio, cap remaining — and the national settlement field names.
 */
import type { MedicalSettlementClaim } from '../../claims.ts';
import { formatDay } from '../../dates.ts';
import { fmt } from '../../money.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { RuleContext } from '../context.ts';
import { check, type RuleCheck } from '../rule.ts';
import { unknownInstitution } from '../shared/unknown-institution.ts';
import { unknownPerson } from '../shared/unknown-person.ts';
import { annualCapReached } from './annual-cap-reached.ts';
import type { EpisodeResult } from './episode-result.ts';
import { institutionNotDesignated } from './institution-not-designated.ts';
import { overlappingEpisode } from './overlapping-episode.ts';
import { referralNotContinuous } from './referral-not-continuous.ts';

/**
 * @example explainEpisode(ctx, ms2, [], valid, result).facts.deductibleApplied // '400.00'
 */
export function explainEpisode(
  ctx: RuleContext,
  c: MedicalSettlementClaim,
  failed: readonly ReasonCode[],
  passedOther: readonly MedicalSettlementClaim[],
  r: EpisodeResult | undefined,
) {
  const common = { personId: c.personId, institutionId: c.institutionId, admittedOn: formatDay(c.admittedOn) };
  const claimRules: RuleCheck[] = [
    check(unknownPerson, { registry: ctx.registry, personId: c.personId }),
    check(unknownInstitution, { registry: ctx.registry, institutionId: c.institutionId }),
    check(institutionNotDesignated, { registry: ctx.registry, claim: c }),
    check(overlappingEpisode, { claim: c, others: passedOther }),
  ].map((rc) => ({ rule: rc.rule, held: !failed.includes(rc.rule as ReasonCode), saw: { ...common, ...rc.saw } }));
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
        chainStartsWith: r.root.claimId,
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
      rules: [check(referralNotContinuous, r.referral), check(annualCapReached, r)],
    },
  };
}
