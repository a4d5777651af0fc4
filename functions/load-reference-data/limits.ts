/**
 * The bounds on registry documents, checked before the domain's schemas (as limits.ts does for
 * claims): their ids become DynamoDB keys and claim references, their lists are read on every
 * adjudication of the person or institution. A field of the wrong type is the schema's to name.
 */
import type { FieldError } from '../../domain/validation.ts';
import { idProblem, textProblem } from '../http/bounds.ts';

/** Re-assessments every six months for fifty years. */
export const MAX_ASSESSMENTS = 100;
/** Designations and care plans are renewed every few years. */
export const MAX_DESIGNATIONS = 100;
export const MAX_CARE_PLANS = 100;
const MAX_NAME_LENGTH = 200;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function tooMany(value: unknown, path: string, max: number): FieldError | undefined {
  if (!Array.isArray(value) || value.length <= max) return undefined;
  return {
    path,
    code: 'TOO_MANY_ITEMS',
    message: `must have at most ${max} items (got ${value.length})`,
    messageZh: `最多 ${max} 项（实际 ${value.length} 项）`,
  };
}

const each = (value: unknown, check: (item: Record<string, unknown>, i: number) => (FieldError | undefined)[]) =>
  Array.isArray(value) ? value.flatMap((item, i) => (isObject(item) ? check(item, i) : [])) : [];

const found = (problems: (FieldError | undefined)[]) => problems.filter((p): p is FieldError => p !== undefined);

/**
 * A person's bounds.
 * @example personLimitErrors({ personId: 'x'.repeat(3000) })[0].code // 'INVALID_ID'
 */
export function personLimitErrors(body: Record<string, unknown>): FieldError[] {
  return found([
    idProblem(body.personId, 'personId'),
    tooMany(body.assessments, 'assessments', MAX_ASSESSMENTS),
    ...each(body.assessments, (a, i) => [textProblem(a.certificateNo, `assessments[${i}].certificateNo`, MAX_NAME_LENGTH)]),
    tooMany(body.carePlans, 'carePlans', MAX_CARE_PLANS),
    ...each(body.carePlans, (p, i) => [
      idProblem(p.planId, `carePlans[${i}].planId`),
      idProblem(p.institutionId, `carePlans[${i}].institutionId`),
    ]),
  ]);
}

/** An institution's bounds. */
export function institutionLimitErrors(body: Record<string, unknown>): FieldError[] {
  return found([
    idProblem(body.institutionId, 'institutionId'),
    textProblem(body.name, 'name', MAX_NAME_LENGTH),
    tooMany(body.designations, 'designations', MAX_DESIGNATIONS),
  ]);
}
