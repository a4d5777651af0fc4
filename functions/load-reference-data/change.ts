/**
 * Why a record is changed travels in the request body, beside the document: `reason` (required, free
 * text — a Chinese reason such as 复评 does not fit an HTTP header without encoding) and, optionally,
 * `expectedVersion`, the version the clerk was editing (a newer one refuses the change with 409
 * VERSION_CONFLICT instead of writing over a colleague's change). Who comes from the token, when from
 * the server clock; neither is taken from the body.
 */
import { z } from 'zod';
import { type FieldError, toFieldErrors } from '../../domain/validation.ts';
import type { Change } from '../adapters/reference-versions.ts';
import { postedAt } from '../clock.ts';
import type { Principal } from '../http/auth.ts';
import { BoundedText } from '../http/bounds.ts';

export const ChangeFieldsSchema = z.object({
  reason: BoundedText().describe('变更理由（必填，如“复评”“定点协议到期”）/ why the record is changed (required)'),
  expectedVersion: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('所编辑的版本号（可选；已有更新版本时 409 VERSION_CONFLICT）/ the version being edited (optional)'),
});

const REASON_MISSING: FieldError = {
  path: 'reason',
  code: 'REQUIRED',
  message: 'is required: say why the record is changed (who and when are recorded by the server)',
  messageZh: '必填：请说明变更理由（变更人与时间由系统记录）',
};

/**
 * The body's change fields, or what is wrong with them.
 * @example changeProblems({ personId: 'P001' }) // [{ path: 'reason', code: 'REQUIRED', … }]
 */
export function changeProblems(body: Record<string, unknown>): FieldError[] {
  if (body.reason === undefined || body.reason === null) return [REASON_MISSING];
  const r = ChangeFieldsSchema.safeParse(body);
  return r.success ? [] : toFieldErrors(r.error.issues);
}

/** The change a valid body describes, made by the token's user at the server's instant. */
export function changeOf(body: Record<string, unknown>, principal: Principal, now: Date): Change {
  const fields = ChangeFieldsSchema.parse(body);
  return {
    by: principal.user,
    at: postedAt(now),
    reason: fields.reason,
    ...(fields.expectedVersion !== undefined ? { expectedVersion: fields.expectedVersion } : {}),
  };
}
