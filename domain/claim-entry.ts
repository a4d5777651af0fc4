/**
 * One claim of the §9 document (DOMAIN.md §9): its final outcome rendered as strings — what `ltc
 * replay` prints and what the pipeline stores on a partition member. `StoredOutcomeSchema` describes
 * it, so the store reads it back as a value of this type instead of casting.
 */
import { z } from 'zod';
import { CLAIM_KINDS, type Claim } from './claims.ts';
import { fmt, ZERO } from './money.ts';
import { type Outcome, STATUSES } from './outcome.ts';
import { REASON_CODES } from './reasons.ts';

/** An amount with exactly two decimals; personal amounts and adjustments may be negative. */
const Amount = z.string().regex(/^-?\d+\.\d{2}$/);

const RuleCheckSchema = z.object({
  rule: z.string(),
  held: z.boolean(),
  saw: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

/**
 * The §9 entry of an accepted claim. Medical claims add the national settlement names; construction
 * subsidies add `deferredAmount`; `explanation` only when asked for (never stored).
 * @example StoredOutcomeSchema.parse(item.outcome).fundAmount // '1218.00'
 */
export const StoredOutcomeSchema = z.object({
  claimId: z.string(),
  kind: z.enum(CLAIM_KINDS),
  status: z.enum(STATUSES),
  fundAmount: Amount,
  /** Care-service and medical: charged (or total) − fund. */
  personalAmount: Amount.optional(),
  deductibleApplied: Amount.optional(),
  dedc_std: Amount.optional(),
  act_pay_dedc: Amount.optional(),
  inscp_scp_amt: Amount.optional(),
  hifp_pay: Amount.optional(),
  pool_prop_selfpay: z.string().optional(),
  deferredAmount: Amount.optional(),
  reasonCodes: z.array(z.enum(REASON_CODES)),
  explanation: z
    .object({
      submittedAt: z.string(),
      claimRules: z.array(RuleCheckSchema).readonly(),
      items: z.array(z.record(z.string(), z.unknown())).readonly(),
      facts: z.record(z.string(), z.unknown()),
    })
    .optional(),
});
export type StoredOutcome = z.infer<typeof StoredOutcomeSchema>;

/**
 * §9's rendering of one claim's final outcome.
 * @example claimEntry(engine.outcome('CS-1')!, engine.claim('CS-1')!).fundAmount // '1218.00'
 */
export function claimEntry(o: Outcome, claim: Claim, withExplanation = false): StoredOutcome {
  // Built key by key in the order of the schema (the order JSON.stringify writes), without spreading.
  const entry: { -readonly [K in keyof StoredOutcome]?: StoredOutcome[K] } = {
    claimId: o.claimId,
    kind: o.kind,
    status: o.status,
    fundAmount: fmt(o.fund),
  };
  if (o.personal !== undefined) entry.personalAmount = fmt(o.personal);
  if (o.kind === 'medical-settlement') {
    entry.deductibleApplied = fmt(o.deductibleApplied ?? ZERO);
    entry.dedc_std = fmt(o.nominalDeductible ?? ZERO);
    entry.act_pay_dedc = fmt(o.deductibleApplied ?? ZERO);
    entry.inscp_scp_amt = fmt(o.eligible ?? ZERO);
    entry.hifp_pay = fmt(o.fund);
    entry.pool_prop_selfpay = (o.ratio ?? ZERO).toFixed(2);
  }
  if (o.kind === 'construction-subsidy') entry.deferredAmount = fmt(o.deferred ?? ZERO);
  entry.reasonCodes = [...o.reasonCodes];
  if (withExplanation && o.explanation) entry.explanation = { submittedAt: claim.submittedAt, ...o.explanation };
  return entry as StoredOutcome;
}
