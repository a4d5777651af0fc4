/**
 * One zod schema per claim kind (DOMAIN.md §4–§6, §11.3): the shape and the field rules, with a stable code
 * and a Chinese message on every error. A business rule never fails here.
 */
import { z } from 'zod';
import { parseMonth } from '../dates.ts';
import { money } from '../money.ts';
import { PROJECT_TYPES } from '../policy/schema.ts';
import { addIssue, DateString, IdString, MoneyString, MonthString } from '../validation.ts';
import { Base, dayOrUndefined, submittedDay } from './fields.ts';

export {
  CareServiceClaimSchema,
  FamilyCareClaimSchema,
  PricedCareClaimSchema,
  parseCareServiceClaim,
} from './care-service-schema.ts';

/** @example MedicalSettlementClaimSchema.safeParse(json).success // false when costs.eligible exceeds costs.total */
export const MedicalSettlementClaimSchema = z
  .object({
    kind: z.literal('medical-settlement'),
    ...Base,
    personId: IdString,
    episode: z.object({
      admittedOn: DateString,
      dischargedOn: DateString,
      referredFrom: IdString.nullish().transform((v) => v ?? undefined),
      settlementMode: z.enum(['fee-for-service', 'per-bed-day']),
    }),
    costs: z.object({ total: MoneyString, eligible: MoneyString }),
  })
  .superRefine((c, ctx) => {
    const a = dayOrUndefined(c.episode.admittedOn);
    const d = dayOrUndefined(c.episode.dischargedOn);
    if (a !== undefined && d !== undefined && d < a)
      addIssue(ctx, ['episode', 'dischargedOn'], 'DATE_ORDER', 'must not be before admittedOn', '出院日期不能早于入院日期');
    const sub = submittedDay(c.submittedAt);
    if (d !== undefined && sub !== undefined && d > sub)
      addIssue(
        ctx,
        ['episode', 'dischargedOn'],
        'AFTER_SUBMISSION',
        'must not be after the date of submittedAt (Asia/Shanghai)',
        '出院日期不能晚于提交日期',
      );
    const { total, eligible } = c.costs;
    if (MoneyString.safeParse(total).success && MoneyString.safeParse(eligible).success && money(eligible).greaterThan(money(total))) {
      addIssue(ctx, ['costs', 'eligible'], 'ELIGIBLE_ABOVE_TOTAL', 'must not exceed costs.total', '政策范围内费用不能超过总费用');
    }
  });

/** @example ConstructionSubsidyClaimSchema.safeParse(json).success // false when acceptedOn is after submittedAt's date */
export const ConstructionSubsidyClaimSchema = z
  .object({
    kind: z.literal('construction-subsidy'),
    ...Base,
    projectType: z.enum(PROJECT_TYPES),
    acceptedOn: DateString,
    beds: z.array(IdString).min(1),
    requestedAmount: MoneyString.optional(),
  })
  .superRefine((c, ctx) => {
    const acc = dayOrUndefined(c.acceptedOn);
    const sub = submittedDay(c.submittedAt);
    if (acc !== undefined && sub !== undefined && acc > sub)
      addIssue(
        ctx,
        ['acceptedOn'],
        'AFTER_SUBMISSION',
        'must not be after the date of submittedAt (Asia/Shanghai)',
        '竣工验收日期不能晚于提交日期',
      );
  });

/** @example OperatingSubsidyClaimSchema.safeParse(json).success // false when the month has not ended by submittedAt */
export const OperatingSubsidyClaimSchema = z
  .object({
    kind: z.literal('operating-subsidy'),
    ...Base,
    month: MonthString,
    residents: z.array(z.object({ personId: IdString, from: DateString, to: DateString })).min(1),
  })
  .superRefine((c, ctx) => {
    const span = parseMonth(c.month);
    if (!span) return;
    const sub = submittedDay(c.submittedAt);
    if (sub !== undefined && span.last > sub)
      addIssue(
        ctx,
        ['month'],
        'MONTH_NOT_ENDED',
        'must have ended by the date of submittedAt (Asia/Shanghai)',
        '申报月份须在提交日期前结束',
      );
    const seen = new Set<string>();
    c.residents.forEach((r, i) => {
      if (seen.has(r.personId))
        addIssue(
          ctx,
          ['residents', i, 'personId'],
          'DUPLICATE_RESIDENT',
          'appears more than once in this claim',
          '同一人员在本申报中重复出现',
        );
      seen.add(r.personId);
      const f = dayOrUndefined(r.from);
      const t = dayOrUndefined(r.to);
      if (f !== undefined && (f < span.first || f > span.last))
        addIssue(ctx, ['residents', i, 'from'], 'OUTSIDE_MONTH', 'must lie inside month', '日期须在申报月份内');
      if (t !== undefined && (t < span.first || t > span.last))
        addIssue(ctx, ['residents', i, 'to'], 'OUTSIDE_MONTH', 'must lie inside month', '日期须在申报月份内');
      if (f !== undefined && t !== undefined && t < f)
        addIssue(ctx, ['residents', i, 'to'], 'DATE_ORDER', 'must not be before from', '结束日期不能早于开始日期');
    });
  });
