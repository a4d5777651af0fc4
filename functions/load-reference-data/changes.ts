/**
 * A reference change's re-adjudication, for the bureau: GET /reference-changes/{changeId} answers
 * what changed (record and version), who, when and why, how many partitions it re-decides (`total`,
 * growing while the fan-out sends them) and how many are done. `ltc changes status` reads it.
 */
import { z } from 'zod';
import { DateString } from '../../domain/validation.ts';
import { ChangeJobs } from '../adapters/change-jobs.ts';
import { REFERENCE_KEY } from '../adapters/registry-reads.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { decodeToken, encodeToken, json, parseInput, type Route } from '../http/http.ts';

export interface ChangeDeps {
  readonly changes: Pick<ChangeJobs, 'status' | 'list'>;
}

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const ChangeListQuerySchema = z
  .object({
    record: z
      .string()
      .regex(/^(person|institution|policy):[\x21-\x7e]{1,64}$/)
      .optional()
      .describe('某一记录的变更，如 person:P001、institution:INST-A、policy:city / one record’s changes'),
    by: z.string().min(1).max(128).optional().describe('某一用户所作的变更 / the changes one user made'),
    month: Month.optional().describe('某月的变更（上海时间）/ the changes of a month, Asia/Shanghai'),
    day: DateString.optional().describe('某日的变更（须在 month 内，可单独使用）/ the changes of a day'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    nextToken: z.string().optional(),
  })
  .describe('三者择一：record、by、month（或 day）/ exactly one of record, by, month (or day)');

/** A change id as the PUT answers it: `person:P001:v2`, `policy:city@2026-03-01:v1` (at most 64 + 40 characters). */
const ChangeIdSchema = z
  .string()
  .min(1)
  .max(160)
  .regex(/^[\x21-\x7e]+$/);

/** The routes, keyed as API Gateway names them. */
export function changeRoutes(deps: ChangeDeps): Record<string, Route> {
  return {
    'GET /reference-changes': async (event) => {
      requireRole(principalOf(event), 'bureau');
      const q = parseInput(ChangeListQuerySchema, event.queryStringParameters ?? {});
      const month = q.month ?? q.day?.slice(0, 7);
      const chosen = [q.record, q.by, month].filter((x) => x !== undefined).length;
      if (chosen !== 1 || (q.day !== undefined && q.day.slice(0, 7) !== month)) {
        throw new ValidationError([
          {
            path: 'record',
            code: 'ONE_LISTING',
            message: 'name exactly one of record, by, month (or a day within it)',
            messageZh: '须且只能指定 record、by、month（或其中一日）之一',
          },
        ]);
      }
      const listing = q.record
        ? { record: { type: q.record.slice(0, q.record.indexOf(':')), id: q.record.slice(q.record.indexOf(':') + 1) } }
        : q.by !== undefined
          ? { by: q.by }
          : { month: month as string, ...(q.day ? { day: q.day } : {}) };
      const startKey = decodeToken(q.nextToken, REFERENCE_KEY, { pk: ChangeJobs.listingPk(listing) });
      const page = await deps.changes.list(listing, { limit: q.limit, ...(startKey ? { startKey } : {}) });
      const nextToken = encodeToken(page.nextKey);
      return json(200, { items: page.items, ...(nextToken ? { nextToken } : {}) });
    },
    'GET /reference-changes/{changeId}': async (event) => {
      requireRole(principalOf(event), 'bureau');
      const { changeId } = parseInput(z.object({ changeId: ChangeIdSchema }), event.pathParameters ?? {});
      const status = await deps.changes.status(changeId);
      if (!status) {
        throw new NotFoundError('CHANGE_NOT_FOUND', `No reference change ${changeId}`, `不存在变更 ${changeId}`);
      }
      const { changeId: id, record, recordedBy, recordedAt, reason, total, done, state } = status;
      return json(200, { changeId: id, record, recordedBy, recordedAt, reason, total, done, state });
    },
  };
}
