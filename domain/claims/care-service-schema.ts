/**
 * The care-service claim (DOMAIN.md §4, §11.3): priced lines in the institutional, home-visit and
 * medical-care settings (a home-visit date line may carry a visit record), or listed days in the
 * family-care setting. One schema per shape, told apart by `setting`.
 */
import { z } from 'zod';
import { compareInstants, type Day, type Instant, parseInstant } from '../dates.ts';
import { CARE_SETTINGS, PRICED_SETTINGS } from '../policy/schema.ts';
import { addIssue, DateString, IdString, TimestampString, UnitPriceString } from '../validation.ts';
import { Base, dayOrUndefined, submittedDay } from './fields.ts';

/** A visit record (上门服务签到签退, §11.3): when the carer checked in and out. */
const VisitSchema = z.object({ checkIn: TimestampString, checkOut: TimestampString });

const CareLineSchema = z.object({
  serviceCode: IdString,
  unitPrice: UnitPriceString,
  date: DateString.optional(),
  quantity: z.number().int().min(1).optional(),
  from: DateString.optional(),
  to: DateString.optional(),
  visit: VisitSchema.optional(),
});

/** One entry of a family-care claim's `days`: a date, or a from/to range (§11.3). */
const FamilyCareDaySchema = z.object({
  date: DateString.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
  // Read only to refuse it: a listed day is one unit.
  quantity: z.unknown().optional(),
});

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

/** The period rules of §4, shared by both shapes; returns a check that a date lies inside the period. */
function checkPeriod(c: { period: { from: string; to: string }; submittedAt: string }, ctx: Ctx) {
  const pFrom = dayOrUndefined(c.period.from);
  const pTo = dayOrUndefined(c.period.to);
  if (pFrom === undefined || pTo === undefined) return undefined;
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
  return (d: Day | undefined, path: Path, field: string) => {
    if (d !== undefined && (d < pFrom || d > pTo))
      addIssue(ctx, [...path, field], 'OUTSIDE_PERIOD', 'must lie inside period', '日期须在申报期间内');
  };
}

/**
 * The shape of a `date` or `from`/`to` entry (a line, or a family-care day): exactly one of the two,
 * from ≤ to, inside the period. `quantity` is refused on a range (a line's range is one unit a day).
 * With `spans`, adds the entry's days there when its shape and dates are right.
 */
function checkDated(
  entry: { date?: string | undefined; from?: string | undefined; to?: string | undefined; quantity?: unknown },
  path: Path,
  ctx: Ctx,
  inside: ((d: Day | undefined, path: Path, field: string) => void) | undefined,
  spans?: { from: Day; to: Day; index: number }[],
): void {
  const hasDate = entry.date !== undefined;
  const hasRange = entry.from !== undefined || entry.to !== undefined;
  if (hasDate === hasRange) {
    addIssue(ctx, path, 'LINE_SHAPE', 'needs exactly one of date or from/to', '须填写 date 或 from/to 之一');
    return;
  }
  if (hasDate) {
    const d = dayOrUndefined(entry.date);
    inside?.(d, path, 'date');
    if (spans && d !== undefined) spans.push({ from: d, to: d, index: path[1] as number });
    return;
  }
  if (entry.quantity !== undefined)
    addIssue(ctx, [...path, 'quantity'], 'NOT_ALLOWED', 'is not allowed with from/to (one unit per day)', '按日期区间申报时不得填写数量');
  if (entry.from === undefined) addIssue(ctx, [...path, 'from'], 'REQUIRED', 'is required', '必填');
  if (entry.to === undefined) addIssue(ctx, [...path, 'to'], 'REQUIRED', 'is required', '必填');
  const f = dayOrUndefined(entry.from);
  const t = dayOrUndefined(entry.to);
  const ordered = f !== undefined && t !== undefined && t >= f;
  if (f !== undefined && t !== undefined && !ordered)
    addIssue(ctx, [...path, 'to'], 'DATE_ORDER', 'must not be before from', '结束日期不能早于开始日期');
  inside?.(f, path, 'from');
  inside?.(t, path, 'to');
  if (spans && ordered) spans.push({ from: f, to: t, index: path[1] as number });
}

/** A visit record is allowed on a home-visit date line only, and checks out no earlier than it checks in. */
function checkVisit(setting: string, line: z.infer<typeof CareLineSchema>, path: Path, ctx: Ctx): void {
  if (line.visit === undefined) return;
  if (setting !== 'home-visit' || line.date === undefined) {
    addIssue(
      ctx,
      [...path, 'visit'],
      'NOT_ALLOWED',
      'is allowed only on a line with date in a home-visit claim',
      '签到签退记录仅限居家上门申报中按日期申报的明细',
    );
    return;
  }
  const checkIn = parseInstant(line.visit.checkIn);
  const checkOut = parseInstant(line.visit.checkOut);
  if (checkIn && checkOut && compareInstants(checkOut as Instant, checkIn as Instant) < 0) {
    addIssue(ctx, [...path, 'visit', 'checkOut'], 'DATE_ORDER', 'must not be before checkIn', '签退时间不能早于签到时间');
  }
}

const common = {
  kind: z.literal('care-service'),
  ...Base,
  personId: IdString,
  period: z.object({ from: DateString, to: DateString }),
};

/** @example PricedCareClaimSchema.safeParse(json).success // false for a line with both date and from/to */
export const PricedCareClaimSchema = z
  .object({ ...common, setting: z.enum(PRICED_SETTINGS), lines: z.array(CareLineSchema).min(1) })
  .superRefine((c, ctx) => {
    const inside = checkPeriod(c, ctx);
    c.lines.forEach((line, i) => {
      checkDated(line, ['lines', i], ctx, inside);
      checkVisit(c.setting, line, ['lines', i], ctx);
    });
  });

/** @example FamilyCareClaimSchema.safeParse({ ...json, days: [{ date: '2026-03-20' }, { date: '2026-03-20' }] }).success // false */
export const FamilyCareClaimSchema = z
  .object({
    ...common,
    setting: z.literal('family-care'),
    days: z.array(FamilyCareDaySchema).min(1),
    // Read only to refuse it: a family-care claim lists days, not priced lines.
    lines: z.unknown().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.lines !== undefined)
      addIssue(
        ctx,
        ['lines'],
        'NOT_ALLOWED',
        'is not allowed in a family-care claim (it lists days)',
        '居家自主护理申报按日期列出，不得填写 lines',
      );
    const inside = checkPeriod(c, ctx);
    const spans: { from: Day; to: Day; index: number }[] = [];
    c.days.forEach((entry, i) => {
      // A date entry's quantity is refused here; checkDated refuses a range's.
      if (entry.quantity !== undefined && entry.date !== undefined)
        addIssue(
          ctx,
          ['days', i, 'quantity'],
          'NOT_ALLOWED',
          'is not allowed (each listed day is one unit)',
          '每个日期即一个服务单位，不得填写数量',
        );
      checkDated(entry, ['days', i], ctx, inside, spans);
    });
    spans.sort((a, b) => a.from - b.from || a.index - b.index);
    let reach: { to: Day; index: number } | undefined;
    for (const s of spans) {
      if (reach && s.from <= reach.to) {
        const [first, later] = s.index < reach.index ? [s.index, reach.index] : [reach.index, s.index];
        addIssue(ctx, ['days', later], 'DUPLICATE_DAY', `lists a day already listed in days[${first}]`, `与 days[${first}] 的日期重复`);
      }
      if (!reach || s.to > reach.to) reach = s;
    }
  });

/**
 * A care-service claim of either shape, told apart by `setting`.
 * @example CareServiceClaimSchema.safeParse({ ...familyCare, lines: [] }).success // false: family care lists days
 */
export const CareServiceClaimSchema = z.discriminatedUnion('setting', [PricedCareClaimSchema, FamilyCareClaimSchema]);

/**
 * `CareServiceClaimSchema.safeParse`, except that a claim whose `setting` is missing or unknown is
 * checked as a priced claim, so that every other bad field is reported beside it (the union alone
 * would report the setting only), and the setting's error lists all four settings.
 * @example parseCareServiceClaim({ kind: 'care-service' }).error?.issues.map((i) => i.path[0]) // ['claimId', …, 'setting', …]
 */
export function parseCareServiceClaim(
  raw: unknown,
): { success: true; data: z.infer<typeof CareServiceClaimSchema> } | { success: false; error: { issues: z.core.$ZodIssue[] } } {
  const setting = (raw as { setting?: unknown } | null)?.setting;
  if (setting === 'family-care') return FamilyCareClaimSchema.safeParse(raw);
  const result = PricedCareClaimSchema.safeParse(raw);
  if (result.success || (typeof setting === 'string' && (CARE_SETTINGS as readonly string[]).includes(setting))) return result;
  const issues = result.error.issues.map((issue) =>
    issue.code === 'invalid_value' && issue.path.length === 1 && issue.path[0] === 'setting'
      ? { ...issue, values: [...CARE_SETTINGS] }
      : issue,
  );
  return { success: false, error: { issues } };
}
