/**
 * Field-level validation shared by the policy, registry and claim schemas: zod building blocks that
 * carry a stable error code and a Chinese message, and the translation of zod issues into
 * `{ path, code, message, messageZh }`.
 */
import { z } from 'zod';
import { parseDate, parseInstant, parseMonth } from './dates.ts';
import type { FieldError } from './errors.ts';
import { DECIMAL_PATTERN, Dec, MONEY_PATTERN, UNIT_PRICE_PATTERN } from './money.ts';

/** One field error, as the API and `ltc replay` report it (defined beside the errors that carry it). */
export type { FieldError };

const issue = (code: string, en: string, zh: string) => ({ message: en, params: { code, zh } });

/** @example MoneyString.safeParse('1e3').success // false */
export const MoneyString = z
  .string()
  .refine(
    (v) => MONEY_PATTERN.test(v),
    issue('INVALID_MONEY', 'must be a money string such as "12.34" (at most 2 decimals)', '金额须为字符串，如 "12.34"，最多两位小数'),
  );

/** @example UnitPriceString.safeParse('45.005').success // true */
export const UnitPriceString = z
  .string()
  .refine(
    (v) => UNIT_PRICE_PATTERN.test(v),
    issue('INVALID_MONEY', 'must be a price string such as "12.345678" (at most 6 decimals)', '单价须为字符串，最多六位小数'),
  );

/** @example DecimalString.safeParse('.5').success // false */
export const DecimalString = z
  .string()
  .refine((v) => DECIMAL_PATTERN.test(v), issue('INVALID_DECIMAL', 'must be a decimal string such as "0.70"', '须为小数字符串，如 "0.70"'));

/** @example RatioString.safeParse('1.10').success // false */
export const RatioString = DecimalString.refine(
  (v) => !DECIMAL_PATTERN.test(v) || new Dec(v).lessThanOrEqualTo(1),
  issue('OUT_OF_RANGE', 'must lie in [0, 1]', '比例须在 0 到 1 之间'),
);

/** @example DateString.safeParse('2026-02-29').success // false */
export const DateString = z
  .string()
  .refine((v) => parseDate(v) !== undefined, issue('INVALID_DATE', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD'));

/** @example MonthString.safeParse('2026-13').success // false */
export const MonthString = z
  .string()
  .refine((v) => parseMonth(v) !== undefined, issue('INVALID_MONTH', 'must be a month YYYY-MM', '须为月份 YYYY-MM'));

/** @example TimestampString.safeParse('2026-04-02T09:00:00').success // false: no offset */
export const TimestampString = z
  .string()
  .refine(
    (v) => parseInstant(v) !== undefined,
    issue(
      'INVALID_TIMESTAMP',
      'must be an ISO-8601 timestamp with an offset, e.g. 2026-04-02T09:00:00+08:00',
      '须为带时区的 ISO-8601 时间，如 2026-04-02T09:00:00+08:00',
    ),
  );

/** @example IdString.safeParse('').success // false */
export const IdString = z.string().refine((v) => v.length > 0, issue('REQUIRED', 'must be a non-empty string', '不能为空'));

/**
 * A registry field where `null` means absent.
 * @example nullable(z.string()).parse(null) // undefined
 */
export function nullable<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

/**
 * Adds a custom issue with a stable code.
 * @example addIssue(ctx, ['period', 'to'], 'DATE_ORDER', 'must not be before period.from', '结束日期不能早于开始日期')
 */
export function addIssue(ctx: z.RefinementCtx, path: (string | number)[], code: string, en: string, zh: string): void {
  ctx.addIssue({ code: 'custom', path, message: en, params: { code, zh } });
}

/**
 * Renders a path the way a clerk reads it.
 * @example formatPath(['lines', 0, 'unitPrice']) // 'lines[0].unitPrice'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
};

/**
 * Translates zod issues into field errors with a stable code and messages in both languages.
 * @example toFieldErrors(result.error.issues)[0] // { path: 'lines.0.unitPrice', code: 'INVALID_MONEY', message: '…', messageZh: '…' }
 */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): FieldError[] {
  return issues.map((i) => {
    const path = formatPath([...prefix, ...i.path]);
    const params = (i as { params?: { code?: string; zh?: string } }).params;
    if (params?.code) {
      return { path, code: params.code, message: i.message, messageZh: params.zh ?? i.message };
    }
    switch (i.code) {
      case 'invalid_type': {
        // zod 4 keeps the input on an issue only with reportInput; its message still says what it received.
        const missing = 'input' in i ? i.input === undefined : / received undefined$/.test(i.message);
        if (missing) return { path, code: 'REQUIRED', message: 'is required', messageZh: '必填' };
        const expected = String(i.expected);
        return {
          path,
          code: 'INVALID_TYPE',
          message: `must be ${expected === 'int' ? 'an integer' : `a ${expected}`}`,
          messageZh: `须为${TYPE_ZH[expected] ?? expected}`,
        };
      }
      case 'invalid_value':
        return {
          path,
          code: 'INVALID_VALUE',
          message: `must be one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`,
          messageZh: `须为以下之一：${i.values.map((v) => JSON.stringify(v)).join('、')}`,
        };
      case 'unrecognized_keys':
        return {
          path: formatPath([...prefix, ...i.path, ...(i.keys.length === 1 ? [i.keys[0] as string] : [])]),
          code: 'UNKNOWN_KEY',
          message: `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`,
          messageZh: `未知字段：${i.keys.join('、')}`,
        };
      case 'invalid_union': {
        // A discriminated union (a care-service claim's `setting`) reports the values it knows.
        const options = (i as { options?: unknown[] }).options;
        if (!options) return { path, code: 'INVALID', message: i.message, messageZh: '数据无效' };
        return {
          path,
          code: 'INVALID_VALUE',
          message: `must be one of ${options.map((v) => JSON.stringify(v)).join(', ')}`,
          messageZh: `须为以下之一：${options.map((v) => JSON.stringify(v)).join('、')}`,
        };
      }
      case 'too_small':
        return {
          path,
          code: 'TOO_SMALL',
          message: i.origin === 'array' ? `must have at least ${i.minimum} item(s)` : `must be at least ${i.minimum}`,
          messageZh: i.origin === 'array' ? `至少需要 ${i.minimum} 项` : `不能小于 ${i.minimum}`,
        };
      case 'too_big':
        return {
          path,
          code: 'TOO_BIG',
          message: i.origin === 'array' ? `must have at most ${i.maximum} item(s)` : `must be at most ${i.maximum}`,
          messageZh: i.origin === 'array' ? `最多 ${i.maximum} 项` : `不能大于 ${i.maximum}`,
        };
      default:
        return { path, code: 'INVALID', message: i.message, messageZh: '数据无效' };
    }
  });
}

/**
 * One line naming the first bad field, for command-line errors.
 * @example oneLine('policy', errors) // 'policy.ltc.anualCap: unknown key anualCap'
 */
export function oneLine(prefix: string, errors: readonly FieldError[]): string {
  const first = errors[0];
  if (!first) return `${prefix}: invalid`;
  const where = first.path === '' ? prefix : `${prefix}.${first.path}`.replace('.[', '[');
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}
