/**
 * The API's bounds on what reaches storage or the engine, shared by every route: ids are short
 * printable ASCII (they become DynamoDB keys, SQS group ids and log fields), amounts have few enough
 * digits for a DynamoDB Number (38 significant digits) to add them up, and free text is short. These
 * are the API's limits, not the domain's: `ltc replay` takes what it is given.
 */
import { z } from 'zod';
import type { FieldError } from '../../domain/validation.ts';

/** Every id: 1–64 printable ASCII characters, no spaces (Cognito's custom:institutionId allows 64). */
export const MAX_ID_LENGTH = 64;
export const ID_PATTERN = /^[\x21-\x7e]{1,64}$/;
/** Amounts: at most 12 digits before the decimal point (below a trillion yuan). */
export const MAX_AMOUNT_INTEGER_DIGITS = 12;
/** Review reasons, names and other free text. */
export const MAX_TEXT_LENGTH = 1000;

/**
 * A field error with a stable code, in both languages.
 * @example fieldError('claimId', 'INVALID_ID', 'must be 1–64 printable ASCII characters', '须为 1–64 个可打印 ASCII 字符')
 */
export function fieldError(path: string, code: string, message: string, messageZh: string): FieldError {
  return { path, code, message, messageZh };
}

/** Why `value` is not a bounded id, or undefined when it is one (or is not a string: the schemas say so). */
export function idProblem(value: unknown, path: string): FieldError | undefined {
  if (typeof value !== 'string' || ID_PATTERN.test(value)) return undefined;
  return fieldError(
    path,
    'INVALID_ID',
    `must be 1–${MAX_ID_LENGTH} printable ASCII characters without spaces (got ${value.length} characters)`,
    `须为 1–${MAX_ID_LENGTH} 个不含空格的可打印 ASCII 字符（实际 ${value.length} 个字符）`,
  );
}

/** Why `value` has too many integer digits for an amount, or undefined. */
export function amountProblem(value: unknown, path: string): FieldError | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = /^\d+/.exec(value)?.[0].replace(/^0+(?=\d)/, '').length ?? 0;
  if (digits <= MAX_AMOUNT_INTEGER_DIGITS) return undefined;
  return fieldError(
    path,
    'AMOUNT_TOO_LARGE',
    `must have at most ${MAX_AMOUNT_INTEGER_DIGITS} digits before the decimal point (got ${digits})`,
    `整数部分最多 ${MAX_AMOUNT_INTEGER_DIGITS} 位（实际 ${digits} 位）`,
  );
}

/** Why `value` is longer than free text may be, or undefined. */
export function textProblem(value: unknown, path: string, max = MAX_TEXT_LENGTH): FieldError | undefined {
  if (typeof value !== 'string' || value.length <= max) return undefined;
  return fieldError(path, 'TEXT_TOO_LONG', `must be at most ${max} characters`, `不能超过 ${max} 个字符`);
}

/** A bounded id as a zod schema, for query and body schemas of the functions layer. */
export const BoundedId = z.string().refine((v) => ID_PATTERN.test(v), {
  message: `must be 1–${MAX_ID_LENGTH} printable ASCII characters without spaces`,
  params: { code: 'INVALID_ID', zh: `须为 1–${MAX_ID_LENGTH} 个不含空格的可打印 ASCII 字符` },
});

/** Non-empty free text of at most `max` characters, as a zod schema. */
export const BoundedText = (max = MAX_TEXT_LENGTH) =>
  z
    .string()
    .refine((v) => v.trim() !== '', { message: 'must be a non-empty string', params: { code: 'REQUIRED', zh: '不能为空' } })
    .refine((v) => v.length <= max, {
      message: `must be at most ${max} characters`,
      params: { code: 'TEXT_TOO_LONG', zh: `不能超过 ${max} 个字符` },
    });
