/**
 * Claim validation (DOMAIN.md §4–§6): one zod schema per kind, field-level errors, and the typed
 * claim the rules work on (dates as day numbers, money as Decimals, instants parsed once).
 */
import { z } from 'zod';
import { type Day, day, type Instant, type MonthSpan, parseInstant, parseMonth, shanghaiDay } from './dates.ts';
import { type Dec, money } from './money.ts';
import { CARE_SETTINGS, type CareSetting, PROJECT_TYPES, type ProjectType } from './policy/schema.ts';
import {
  addIssue,
  DateString,
  type FieldError,
  IdString,
  MoneyString,
  MonthString,
  TimestampString,
  toFieldErrors,
  UnitPriceString,
} from './validation.ts';

export const CLAIM_KINDS = ['care-service', 'medical-settlement', 'construction-subsidy', 'operating-subsidy'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

const Base = { claimId: IdString, institutionId: IdString, submittedAt: TimestampString };

/** The Asia/Shanghai date of a timestamp that passed TimestampString, or undefined. */
const submittedDay = (ts: unknown): Day | undefined => {
  const i = typeof ts === 'string' ? parseInstant(ts) : undefined;
  return i ? shanghaiDay(i) : undefined;
};
const dayOrUndefined = (v: unknown): Day | undefined => {
  try {
    return typeof v === 'string' ? day(v) : undefined;
  } catch {
    return undefined;
  }
};

const CareLineSchema = z.object({
  serviceCode: IdString,
  unitPrice: UnitPriceString,
  date: DateString.optional(),
  quantity: z.number().int().min(1).optional(),
  from: DateString.optional(),
  to: DateString.optional(),
});

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

const SCHEMAS = {
  'care-service': CareServiceClaimSchema,
  'medical-settlement': MedicalSettlementClaimSchema,
  'construction-subsidy': ConstructionSubsidyClaimSchema,
  'operating-subsidy': OperatingSubsidyClaimSchema,
} as const;

interface ClaimBase {
  readonly claimId: string;
  readonly institutionId: string;
  readonly submittedAt: string;
  readonly submitted: Instant;
  readonly submittedDay: Day;
}

export interface CareLine {
  readonly index: number;
  readonly serviceCode: string;
  readonly unitPrice: Dec;
  readonly from: Day;
  readonly to: Day;
  readonly quantity: number;
}

export interface CareServiceClaim extends ClaimBase {
  readonly kind: 'care-service';
  readonly personId: string;
  readonly setting: CareSetting;
  readonly period: { readonly from: Day; readonly to: Day };
  readonly lines: readonly CareLine[];
}

export interface MedicalSettlementClaim extends ClaimBase {
  readonly kind: 'medical-settlement';
  readonly personId: string;
  readonly admittedOn: Day;
  readonly dischargedOn: Day;
  readonly referredFrom: string | undefined;
  readonly settlementMode: 'fee-for-service' | 'per-bed-day';
  readonly total: Dec;
  readonly eligible: Dec;
}

export interface ConstructionSubsidyClaim extends ClaimBase {
  readonly kind: 'construction-subsidy';
  readonly projectType: ProjectType;
  readonly acceptedOn: Day;
  readonly beds: readonly string[];
  readonly requestedAmount: Dec | undefined;
}

export interface OperatingResident {
  readonly personId: string;
  readonly from: Day;
  readonly to: Day;
}

export interface OperatingSubsidyClaim extends ClaimBase {
  readonly kind: 'operating-subsidy';
  readonly month: string;
  readonly span: MonthSpan;
  readonly residents: readonly OperatingResident[];
}

export type Claim = CareServiceClaim | MedicalSettlementClaim | ConstructionSubsidyClaim | OperatingSubsidyClaim;

export type ClaimValidation =
  | { readonly ok: true; readonly claim: Claim; readonly contentKey: string }
  | { readonly ok: false; readonly claimId: string | null; readonly kind: string | null; readonly errors: FieldError[] };

/**
 * A stable rendering of a JSON value: keys sorted, numbers by value, so two deliveries with the
 * same content give the same key whatever their key order or whitespace.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const asGiven = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Validates one arrival. A business rule never fails here; only the shape and the field rules of
 * §4–§6 do.
 * @example validateClaim({ kind: 'care-service' }).ok // false
 */
export function validateClaim(raw: unknown): ClaimValidation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      claimId: null,
      kind: null,
      errors: [{ path: '', code: 'INVALID_TYPE', message: 'a claim must be a JSON object', messageZh: '申报须为 JSON 对象' }],
    };
  }
  const obj = raw as Record<string, unknown>;
  const claimId = asGiven(obj.claimId);
  const kind = asGiven(obj.kind);
  const schema = kind !== null && Object.hasOwn(SCHEMAS, kind) ? SCHEMAS[kind as ClaimKind] : undefined;
  if (!schema) {
    const errors: FieldError[] = [
      {
        path: 'kind',
        code: obj.kind === undefined ? 'REQUIRED' : 'INVALID_VALUE',
        message: `must be one of ${CLAIM_KINDS.join(', ')}`,
        messageZh: `须为以下之一：${CLAIM_KINDS.join('、')}`,
      },
    ];
    if (claimId === null || claimId === '')
      errors.push({ path: 'claimId', code: 'REQUIRED', message: 'must be a non-empty string', messageZh: '不能为空' });
    return { ok: false, claimId, kind, errors };
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, claimId, kind, errors: toFieldErrors(result.error.issues) };
  // zod builds its output in schema key order and drops unknown keys, so this is already canonical.
  return { ok: true, claim: toClaim(result.data), contentKey: JSON.stringify(normalized(result.data)) };
}

/** Content after defaults, so that an omitted `quantity` and `quantity: 1` are the same content. */
function normalized(c: Parsed): Parsed {
  if (c.kind !== 'care-service') return c;
  return { ...c, lines: c.lines.map((l) => (l.date !== undefined && l.quantity === undefined ? { ...l, quantity: 1 } : l)) };
}

function base(c: { claimId: string; institutionId: string; submittedAt: string }): ClaimBase {
  const submitted = parseInstant(c.submittedAt) as Instant;
  return {
    claimId: c.claimId,
    institutionId: c.institutionId,
    submittedAt: c.submittedAt,
    submitted,
    submittedDay: shanghaiDay(submitted),
  };
}

type Parsed =
  | z.infer<typeof CareServiceClaimSchema>
  | z.infer<typeof MedicalSettlementClaimSchema>
  | z.infer<typeof ConstructionSubsidyClaimSchema>
  | z.infer<typeof OperatingSubsidyClaimSchema>;

function toClaim(c: Parsed): Claim {
  switch (c.kind) {
    case 'care-service':
      return {
        ...base(c),
        kind: c.kind,
        personId: c.personId,
        setting: c.setting,
        period: { from: day(c.period.from), to: day(c.period.to) },
        lines: c.lines.map((l, index) => ({
          index,
          serviceCode: l.serviceCode,
          unitPrice: money(l.unitPrice),
          from: day((l.date ?? l.from) as string),
          to: day((l.date ?? l.to) as string),
          quantity: l.date !== undefined ? (l.quantity ?? 1) : 1,
        })),
      };
    case 'medical-settlement':
      return {
        ...base(c),
        kind: c.kind,
        personId: c.personId,
        admittedOn: day(c.episode.admittedOn),
        dischargedOn: day(c.episode.dischargedOn),
        referredFrom: c.episode.referredFrom,
        settlementMode: c.episode.settlementMode,
        total: money(c.costs.total),
        eligible: money(c.costs.eligible),
      };
    case 'construction-subsidy':
      return {
        ...base(c),
        kind: c.kind,
        projectType: c.projectType,
        acceptedOn: day(c.acceptedOn),
        beds: c.beds,
        requestedAmount: c.requestedAmount === undefined ? undefined : money(c.requestedAmount),
      };
    case 'operating-subsidy':
      return {
        ...base(c),
        kind: c.kind,
        month: c.month,
        span: parseMonth(c.month) as MonthSpan,
        residents: c.residents.map((r) => ({ personId: r.personId, from: day(r.from), to: day(r.to) })),
      };
  }
}
