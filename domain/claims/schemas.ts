/**
 * One zod schema per claim kind (DOMAIN.md §4–§6): the shape and the field rules, with a stable code
 * and a Chinese message on every error. A business rule never fails here.
 */
import { z } from 'zod';
import { type Day, parseDate, parseInstant, parseMonth, shanghaiDay } from '../dates.ts';
import { money } from '../money.ts';
import { CARE_SETTINGS, PROJECT_TYPES } from '../policy/schema.ts';
import { addIssue, DateString, IdString, MoneyString, MonthString, TimestampString, UnitPriceString } from '../validation.ts';

const Base = { claimId: IdString, institutionId: IdString, submittedAt: TimestampString };

/** The Asia/Shanghai date of a timestamp that passed TimestampString, or undefined. */
const submittedDay = (ts: unknown): Day | undefined => {
  const i = typeof ts === 'string' ? parseInstant(ts) : undefined;
  return i ? shanghaiDay(i) : undefined;
};
const dayOrUndefined = (v: unknown): Day | undefined => (typeof v === 'string' ? parseDate(v) : undefined);

const CareLineSchema = z.object({
  serviceCode: IdString,
  unitPrice: UnitPriceString,
  date: DateString.optional(),
  quantity: z.number().int().min(1).optional(),
  from: DateString.optional(),
  to: DateString.optional(),
});

/** @example CareServiceClaimSchema.safeParse(json).success // false for a line with both date and from/to */
export const CareServiceClaimSchema = z
  .object({
    kind: z.literal('care-service'),
    ...Base,
    personId: IdString,
    setting: z.enum(CARE_SETTINGS),
    period: z.object({ from: DateString, to: DateString }),
    lines: z.array(CareLineSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const pFrom = dayOrUndefined(c.period.from);
    const pTo = dayOrUndefined(c.period.to);
    if (pFrom === undefined || pTo === undefined) return;
    if (pTo < pFrom) addIssue(ctx, ['period', 'to'], 'DATE_ORDER', 'must not be before period.from', '结束日期不能早于开始日期');
    const sub = submittedDay(c.submittedAt);
    if (sub !== undefined && pTo > sub) {
      addIssue(
        ctx,
        ['period', 'to'],
        'AFTER_SUBMISSION',
        'must not be after the date of submittedAt (Asia/Shanghai)',
        '服务期间不能晚于提交日期',
      );
    }
    const inside = (d: Day | undefined, path: (string | number)[]) => {
      if (d !== undefined && (d < pFrom || d > pTo)) addIssue(ctx, path, 'OUTSIDE_PERIOD', 'must lie inside period', '日期须在申报期间内');
    };
    c.lines.forEach((line, i) => {
      const hasDate = line.date !== undefined;
      const hasRange = line.from !== undefined || line.to !== undefined;
      if (hasDate === hasRange) {
        addIssue(ctx, ['lines', i], 'LINE_SHAPE', 'needs exactly one of date or from/to', '须填写 date 或 from/to 之一');
        return;
      }
      if (hasDate) {
        inside(dayOrUndefined(line.date), ['lines', i, 'date']);
        return;
      }
      if (line.quantity !== undefined)
        addIssue(
          ctx,
          ['lines', i, 'quantity'],
          'NOT_ALLOWED',
          'is not allowed with from/to (one unit per day)',
          '按日期区间申报时不得填写数量',
        );
      if (line.from === undefined) addIssue(ctx, ['lines', i, 'from'], 'REQUIRED', 'is required', '必填');
      if (line.to === undefined) addIssue(ctx, ['lines', i, 'to'], 'REQUIRED', 'is required', '必填');
      const f = dayOrUndefined(line.from);
      const t = dayOrUndefined(line.to);
      if (f !== undefined && t !== undefined && t < f)
        addIssue(ctx, ['lines', i, 'to'], 'DATE_ORDER', 'must not be before from', '结束日期不能早于开始日期');
      inside(f, ['lines', i, 'from']);
      inside(t, ['lines', i, 'to']);
    });
  });

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
