/**
 * Claim validation (DOMAIN.md §4–§6): one zod schema per kind (`claims/schemas.ts`), field-level
 * errors, and the typed claim the rules work on (`claims/types.ts`).
 */
import type { z } from 'zod';
import {
  CareServiceClaimSchema,
  ConstructionSubsidyClaimSchema,
  MedicalSettlementClaimSchema,
  OperatingSubsidyClaimSchema,
  parseCareServiceClaim,
} from './claims/schemas.ts';
import { type CareLine, CLAIM_KINDS, type Claim, type ClaimBase, type ClaimKind, FAMILY_CARE_DAY } from './claims/types.ts';
import { day, type Instant, type MonthSpan, parseInstant, parseMonth, shanghaiDay } from './dates.ts';
import type { FieldError } from './errors.ts';
import { type Dec, money, ZERO } from './money.ts';
import { toFieldErrors } from './validation.ts';

export {
  CareServiceClaimSchema,
  ConstructionSubsidyClaimSchema,
  FamilyCareClaimSchema,
  MedicalSettlementClaimSchema,
  OperatingSubsidyClaimSchema,
  PricedCareClaimSchema,
} from './claims/schemas.ts';
export * from './claims/types.ts';

/**
 * The schema of each claim kind.
 * @example CLAIM_SCHEMAS['care-service'].parse(json) // the claim as the domain reads it: unknown keys dropped
 */
export const CLAIM_SCHEMAS = {
  'care-service': CareServiceClaimSchema,
  'medical-settlement': MedicalSettlementClaimSchema,
  'construction-subsidy': ConstructionSubsidyClaimSchema,
  'operating-subsidy': OperatingSubsidyClaimSchema,
} as const;

export type ClaimValidation =
  | { readonly ok: true; readonly claim: Claim; readonly contentKey: string }
  | { readonly ok: false; readonly claimId: string | null; readonly kind: string | null; readonly errors: FieldError[] };

/**
 * A stable rendering of a JSON value: keys sorted, numbers by value, so two deliveries with the
 * same content give the same key whatever their key order or whitespace.
 * @example canonicalJson({ b: 2.0, a: [1] }) // '{"a":[1],"b":2}'
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
  const schema = kind !== null && Object.hasOwn(CLAIM_SCHEMAS, kind) ? CLAIM_SCHEMAS[kind as ClaimKind] : undefined;
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
  const result = kind === 'care-service' ? parseCareServiceClaim(raw) : schema.safeParse(raw);
  if (!result.success) return { ok: false, claimId, kind, errors: toFieldErrors(result.error.issues) };
  // zod builds its output in schema key order and drops unknown keys, so this is already canonical.
  return { ok: true, claim: toClaim(result.data), contentKey: JSON.stringify(normalized(result.data)) };
}

/** Content after defaults, so that an omitted `quantity` and `quantity: 1` are the same content. */
function normalized(c: Parsed): Parsed {
  if (c.kind !== 'care-service' || c.setting === 'family-care') return c;
  if (!c.lines.some((l) => l.date !== undefined && l.quantity === undefined)) return c;
  return { ...c, lines: c.lines.map((l) => (l.date !== undefined && l.quantity === undefined ? { ...l, quantity: 1 } : l)) };
}

/**
 * Unit prices as shared Decimals: a scenario repeats a few dozen prices on every line, and a Decimal
 * is immutable, so each distinct price text is parsed once.
 */
const unitPrices = new Map<string, Dec>();
function unitPrice(text: string): Dec {
  let price = unitPrices.get(text);
  if (price === undefined) {
    price = money(text);
    if (unitPrices.size >= 10_000) unitPrices.clear();
    unitPrices.set(text, price);
  }
  return price;
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

type ParsedLine = Extract<Parsed, { setting: 'institutional' | 'home-visit' | 'medical-care' }>['lines'][number];
type ParsedDay = Extract<Parsed, { setting: 'family-care' }>['days'][number];

function pricedLine(l: ParsedLine, index: number): CareLine {
  return {
    index,
    serviceCode: l.serviceCode,
    unitPrice: unitPrice(l.unitPrice),
    from: day((l.date ?? l.from) as string),
    to: day((l.date ?? l.to) as string),
    quantity: l.date !== undefined ? (l.quantity ?? 1) : 1,
    visit: l.visit && { checkIn: parseInstant(l.visit.checkIn) as Instant, checkOut: parseInstant(l.visit.checkOut) as Instant },
  };
}

/** A listed family-care day entry as the unit §11.3 makes of it. */
function familyCareDay(d: ParsedDay, index: number): CareLine {
  return {
    index,
    serviceCode: FAMILY_CARE_DAY,
    unitPrice: ZERO,
    from: day((d.date ?? d.from) as string),
    to: day((d.date ?? d.to) as string),
    quantity: 1,
    visit: undefined,
  };
}

function toClaim(c: Parsed): Claim {
  switch (c.kind) {
    case 'care-service':
      return {
        ...base(c),
        kind: c.kind,
        personId: c.personId,
        setting: c.setting,
        period: { from: day(c.period.from), to: day(c.period.to) },
        lines: c.setting === 'family-care' ? c.days.map(familyCareDay) : c.lines.map(pricedLine),
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
