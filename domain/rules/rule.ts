/**
 * The shape every rule has. A rule is named after the reason code it gives when it fails
 * (`waitingPeriod` gives `WAITING_PERIOD`, in `care/waiting-period.ts`), and says two things: whether
 * it held, and what it saw. The engine asks only `held` (it runs on every service day of every
 * claim); an explanation asks both, through `check`, so that every decision explains itself rule by
 * rule, as json-rules-engine's condition results do.
 */
import type { RuleCheck, Saw } from '../outcome.ts';
import type { ReasonCode } from '../reasons.ts';

export type { RuleCheck, Saw };

/**
 * A rule over some input (a claim, a service day, a bed, a resident).
 * @example
 * const unknownInstitution: Rule<{ registry: Registry; institutionId: string }> = {
 *   code: 'UNKNOWN_INSTITUTION',
 *   held: ({ registry, institutionId }) => registry.institutions.has(institutionId),
 *   saw: ({ institutionId }) => ({ institutionId }),
 * };
 */
export interface Rule<In> {
  readonly code: ReasonCode;
  /** Whether the rule holds for this input; when it does not, the input gets `code`. */
  readonly held: (input: In) => boolean;
  /** The facts the rule looked at, for the explanation. */
  readonly saw: (input: In) => Saw;
  /**
   * Whether the rule applies to this input at all; absent: always. A rule that does not apply (a
   * §11 rule whose policy key is not set) holds, and explanations leave it out.
   */
  readonly applies?: (input: In) => boolean;
}

/**
 * Applies a rule and records what it saw.
 * @example check(unknownInstitution, { registry, institutionId: 'INST-X' }) // { rule: 'UNKNOWN_INSTITUTION', held: false, saw: { institutionId: 'INST-X' } }
 */
export function check<In>(rule: Rule<In>, input: In): RuleCheck {
  return { rule: rule.code, held: rule.held(input), saw: rule.saw(input) };
}

/**
 * The code of the first rule, in order, that does not hold (the pipelines of §4 and §6 stop there).
 * @example firstFailing([serviceNotCovered, waitingPeriod], unit) // 'WAITING_PERIOD' or undefined
 */
export function firstFailing<In>(rules: readonly Rule<In>[], input: In): ReasonCode | undefined {
  for (const rule of rules) if (!rule.held(input)) return rule.code;
  return undefined;
}

/**
 * `firstFailing` for one fixed list, for a hot loop. Each position of the list gets a call site of its
 * own, so V8 can inline each rule there; a loop over the list calls every rule from one site, which
 * it stops optimising once it has seen more than four. The list stays the one statement of the order.
 * @example const failedOnAcceptance = firstFailingOf(RULES_ON_ACCEPTANCE); failedOnAcceptance(unit) // 'WAITING_PERIOD'
 */
export function firstFailingOf<In>(rules: readonly Rule<In>[]): (input: In) => ReasonCode | undefined {
  if (rules.length > 6) return (input) => firstFailing(rules, input);
  const [r0, r1, r2, r3, r4, r5] = rules;
  return (input) => {
    if (r0 !== undefined && !r0.held(input)) return r0.code;
    if (r1 !== undefined && !r1.held(input)) return r1.code;
    if (r2 !== undefined && !r2.held(input)) return r2.code;
    if (r3 !== undefined && !r3.held(input)) return r3.code;
    if (r4 !== undefined && !r4.held(input)) return r4.code;
    if (r5 !== undefined && !r5.held(input)) return r5.code;
    return undefined;
  };
}

/**
 * The checks of the rules, in order, up to and including the first that does not hold: what a
 * first-failing-rule pipeline looked at.
 * @example checksUntilFailure([serviceNotCovered, waitingPeriod], unit).map((c) => c.held) // [true, false]
 */
export function checksUntilFailure<In>(rules: readonly Rule<In>[], input: In): RuleCheck[] {
  const checks: RuleCheck[] = [];
  for (const rule of rules) {
    if (rule.applies && !rule.applies(input)) continue;
    const c = check(rule, input);
    checks.push(c);
    if (!c.held) break;
  }
  return checks;
}

/**
 * The codes of the checks that did not hold, in order (claim-level rules report every failure).
 * @example failedCodes([{ rule: 'UNKNOWN_PERSON', held: false, saw: {} }]) // ['UNKNOWN_PERSON']
 */
export function failedCodes(checks: readonly RuleCheck[]): ReasonCode[] {
  return checks.filter((c) => !c.held).map((c) => c.rule as ReasonCode);
}
