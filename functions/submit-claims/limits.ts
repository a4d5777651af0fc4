/**
 * The submission limits: bounds the API puts on a claim before the domain's schema sees it, so that
 * nothing unbounded reaches DynamoDB keys, SQS groups or the engine's day-by-day work. They are the
 * API's, not the domain's (`ltc replay` decides whatever it is given): ids are bounded (bounds.ts), a
 * line's span and a claim's period are at most a year, lists have a ceiling, amounts a number of
 * digits, and no service date lies after today in Asia/Shanghai. A field of the wrong type is left to
 * the domain's schema, which names it; only a value of the right type that is too big fails here.
 */
import { z } from 'zod';
import { type Day, formatDay, parseDate } from '../../domain/dates.ts';
import { addIssue, type FieldError, toFieldErrors } from '../../domain/validation.ts';
import { amountProblem, idProblem, textProblem } from '../http/bounds.ts';

/** A line's from..to, a claim's period and a hospital stay: at most a year, inclusive (a leap year's 366 days). */
export const MAX_SPAN_DAYS = 366;
/** A month of several home visits a day fits many times over. */
export const MAX_LINES = 1000;
/** A family-care claim lists each day at most once: a year of days. */
export const MAX_DAY_ENTRIES = 366;
/** The largest homes in a city have a few thousand beds. */
export const MAX_BEDS = 3000;
export const MAX_RESIDENTS = 3000;
/** Units of one service on one day. */
export const MAX_QUANTITY = 100;
/** A timestamp with a nanosecond fraction and an offset is 35 characters. */
const MAX_TIMESTAMP_LENGTH = 40;

type Ctx = z.RefinementCtx;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function forward(ctx: Ctx, issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []) {
  for (const i of issues) ctx.addIssue({ ...(i as z.core.$ZodIssueCustom), code: 'custom', path: [...prefix, ...i.path] });
}

/** A value checked by `problem` when present. */
const value = (problem: (v: unknown) => FieldError | undefined) =>
  z.unknown().superRefine((v, ctx) => {
    const p = problem(v);
    if (p) addIssue(ctx, [], p.code, p.message, p.messageZh);
  });

/** An object's known fields checked when it is an object; other keys pass (the domain drops them). */
function object(shape: Record<string, z.ZodType>, refine?: (o: Record<string, unknown>, ctx: Ctx) => void) {
  const schema = z.looseObject(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])));
  return z.unknown().superRefine((v, ctx) => {
    if (!isObject(v)) return;
    const r = schema.safeParse(v);
    if (!r.success) forward(ctx, r.error.issues);
    refine?.(v, ctx);
  });
}

/** A list of at most `max` items, each checked by `element`, when it is a list. */
function list(element: z.ZodType, max: number) {
  return z.unknown().superRefine((v, ctx) => {
    if (!Array.isArray(v)) return;
    if (v.length > max) {
      addIssue(ctx, [], 'TOO_MANY_ITEMS', `must have at most ${max} items (got ${v.length})`, `最多 ${max} 项（实际 ${v.length} 项）`);
      return;
    }
    v.forEach((e, i) => {
      const r = element.safeParse(e);
      if (!r.success) forward(ctx, r.error.issues, [i]);
    });
  });
}

const date = (v: unknown): Day | undefined => (typeof v === 'string' ? parseDate(v) : undefined);
const id = value((v) => idProblem(v, ''));
const amount = value((v) => amountProblem(v, ''));
const timestamp = value((v) => textProblem(v, '', MAX_TIMESTAMP_LENGTH));
const quantity = value((v) =>
  typeof v === 'number' && Number.isInteger(v) && v > MAX_QUANTITY
    ? { path: '', code: 'TOO_BIG', message: `must be at most ${MAX_QUANTITY}`, messageZh: `不能大于 ${MAX_QUANTITY}` }
    : undefined,
);

/**
 * The limits of one claim, for service dates up to `today` (Asia/Shanghai).
 * @example submissionLimits(today).safeParse(claim).success
 */
export function submissionLimits(today: Day) {
  const notAfterToday = value((v) => {
    const d = date(v);
    if (d === undefined || d <= today) return undefined;
    return {
      path: '',
      code: 'SERVICE_DATE_IN_FUTURE',
      message: `must not be after today (${formatDay(today)}, Asia/Shanghai)`,
      messageZh: `不能晚于今天（${formatDay(today)}，北京时间）`,
    };
  });
  /** from..to of at most MAX_SPAN_DAYS days; the problem is reported on `to`. */
  const span = (fromKey: string, toKey: string) => (o: Record<string, unknown>, ctx: Ctx) => {
    const [f, t] = [date(o[fromKey]), date(o[toKey])];
    if (f === undefined || t === undefined || t - f + 1 <= MAX_SPAN_DAYS) return;
    addIssue(
      ctx,
      [toKey],
      'SPAN_TOO_LONG',
      `${fromKey}..${toKey} may span at most ${MAX_SPAN_DAYS} days (got ${t - f + 1})`,
      `${fromKey} 至 ${toKey} 最长 ${MAX_SPAN_DAYS} 天（实际 ${t - f + 1} 天）`,
    );
  };
  const dated = { date: notAfterToday, from: notAfterToday, to: notAfterToday };
  const base = { claimId: id, institutionId: id, submittedAt: timestamp };

  const careLine = object(
    {
      ...dated,
      serviceCode: id,
      unitPrice: amount,
      quantity,
      visit: object({ checkIn: timestamp, checkOut: timestamp }),
    },
    span('from', 'to'),
  );
  const care = object({
    ...base,
    personId: id,
    period: object(dated, span('from', 'to')),
    lines: list(careLine, MAX_LINES),
    days: list(object(dated, span('from', 'to')), MAX_DAY_ENTRIES),
  });
  const medical = object({
    ...base,
    personId: id,
    episode: object({ admittedOn: notAfterToday, dischargedOn: notAfterToday, referredFrom: id }, span('admittedOn', 'dischargedOn')),
    costs: object({ total: amount, eligible: amount }),
  });
  const construction = object({ ...base, acceptedOn: notAfterToday, beds: list(id, MAX_BEDS), requestedAmount: amount });
  const operating = object({ ...base, residents: list(object({ personId: id, ...dated }), MAX_RESIDENTS) });
  const byKind: Record<string, z.ZodType> = {
    'care-service': care,
    'medical-settlement': medical,
    'construction-subsidy': construction,
    'operating-subsidy': operating,
  };
  return z.unknown().superRefine((v, ctx) => {
    if (!isObject(v)) return;
    const schema = typeof v.kind === 'string' && Object.hasOwn(byKind, v.kind) ? byKind[v.kind] : object(base);
    const r = (schema as z.ZodType).safeParse(v);
    if (!r.success) forward(ctx, r.error.issues);
  });
}

/**
 * The limit errors of one claim (empty when it is within every limit).
 * @example limitErrors({ kind: 'care-service', claimId: 'x'.repeat(3000) }, today)[0].code // 'INVALID_ID'
 */
export function limitErrors(raw: unknown, today: Day): FieldError[] {
  if (cached?.today !== today) cached = { today, schema: submissionLimits(today) };
  const r = cached.schema.safeParse(raw);
  return r.success ? [] : toFieldErrors(r.error.issues);
}

/** The schema of the current day: a batch of 500 claims builds it once. */
let cached: { today: Day; schema: ReturnType<typeof submissionLimits> } | undefined;
