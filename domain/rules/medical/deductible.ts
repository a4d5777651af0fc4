/**
 * The continuous deductible (起付线, DOMAIN.md §5; seed 000: 符合规定的转诊住院患者可以连续计算医保起付线).
 * A chain counts as one admission: its nominal deductible is the hospital level's deductible times the
 * factor of the chain's admission index, and each episode pays only what the earlier episodes of its
 * chain have not (so an upward referral pays the difference, a downward one nothing).
 */
import { type Dec, maxDec, minDec, roundFen, ZERO } from '../../money.ts';
import type { PolicyVersion } from '../../policy/policy.ts';

/**
 * round_fen(deductible(level) × factor(admission index)); the last factor applies to all later admissions.
 * @example nominalDeductible(demo, '3', 2).toFixed(2) // '500.00' (1000.00 × 0.5)
 */
export function nominalDeductible(version: PolicyVersion, level: '1' | '2' | '3', admissionIndex: number): Dec {
  const med = version.document.medical;
  const factor = version.dec(med.admissionFactors[Math.min(admissionIndex, med.admissionFactors.length) - 1] as string);
  return roundFen(version.dec(med.deductible[level]).times(factor));
}

/**
 * deductibleApplied = min(allowable, max(0, nominal − Σ deductibleApplied of earlier episodes in the chain)).
 * @example deductibleApplied(money('5000'), money('1000.00'), money('600.00')).toFixed(2) // '400.00'
 */
export function deductibleApplied(allowable: Dec, nominal: Dec, paidEarlierInChain: Dec): Dec {
  return minDec(allowable, maxDec(ZERO, nominal.minus(paidEarlierInChain)));
}
