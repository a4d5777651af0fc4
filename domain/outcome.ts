/**
 * What the engine decides for one claim: status, amounts and reason codes, with an optional
 * explanation a bureau clerk can read rule by rule.
 */
import type { ClaimKind } from './claims.ts';
import { type Dec, ZERO } from './money.ts';
import { INFORMATIONAL, type ReasonCode, sortedCodes } from './reasons.ts';

/**
 * A claim's status (DOMAIN.md §7).
 * @example STATUSES.includes('deferred') // true
 */
export const STATUSES = ['invalid', 'rejected', 'partially-approved', 'approved', 'needs-review', 'deferred'] as const;
export type Status = (typeof STATUSES)[number];

export interface Outcome {
  readonly claimId: string;
  readonly kind: ClaimKind;
  readonly status: Status;
  /** The fund amount (for a construction subsidy: the funded part). */
  readonly fund: Dec;
  /** Care-service and medical only: charged (or total) − fund. */
  readonly personal?: Dec;
  /** Medical only. */
  readonly deductibleApplied?: Dec;
  /** Medical only: the nominal deductible (dedc_std) and the fund ratio (pool_prop_selfpay). */
  readonly nominalDeductible?: Dec;
  readonly ratio?: Dec;
  readonly eligible?: Dec;
  /** Construction only. */
  readonly deferred?: Dec;
  readonly reasonCodes: readonly ReasonCode[];
  /** The decision rule by rule, only when an explanation was asked for. */
  readonly explanation?: Explanation;
}

/** What a rule looked at, flat enough for a clerk's table. */
export type Saw = Readonly<Record<string, string | number | boolean | null>>;

/** One rule as it was applied: what it saw and whether it held (json-rules-engine's condition result). */
export interface RuleCheck {
  readonly rule: string;
  readonly held: boolean;
  readonly saw: Saw;
}

export interface Explanation {
  readonly claimRules: readonly RuleCheck[];
  /** Care-service: one row per service day; operating: one per resident; construction: one per bed. */
  readonly items: readonly Readonly<Record<string, unknown>>[];
  readonly facts: Readonly<Record<string, unknown>>;
}

/**
 * Status from the failures found (DOMAIN.md §7, steps 1–4).
 * @example baseStatus(false, true, ZERO) // 'rejected'
 */
export function baseStatus(claimLevelFailed: boolean, someUnitFailed: boolean, fund: Dec): Status {
  if (claimLevelFailed) return 'rejected';
  if (someUnitFailed) return fund.isZero() ? 'rejected' : 'partially-approved';
  return 'approved';
}

/**
 * Codes that lower a status: every code except the informational ones.
 * @example hasFailingCode(['CAPPED_BY_REQUEST']) // false
 */
export function hasFailingCode(codes: Iterable<ReasonCode>): boolean {
  for (const c of codes) if (!INFORMATIONAL.has(c)) return true;
  return false;
}

export { sortedCodes, ZERO };
