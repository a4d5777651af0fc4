/**
 * A reference change's re-adjudication, for the bureau: GET /reference-changes/{changeId} answers
 * what changed (record and version), who, when and why, how many partitions it re-decides (`total`,
 * growing while the fan-out sends them) and how many are done. `ltc changes status` reads it.
 */
import { z } from 'zod';
import type { ChangeJobs } from '../adapters/change-jobs.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { NotFoundError } from '../http/errors.ts';
import { json, parseInput, type Route } from '../http/http.ts';

export interface ChangeDeps {
  readonly changes: Pick<ChangeJobs, 'status'>;
}

/** A change id as the PUT answers it: `person:P001:v2`, `policy:city@2026-03-01:v1` (at most 64 + 40 characters). */
const ChangeIdSchema = z
  .string()
  .min(1)
  .max(160)
  .regex(/^[\x21-\x7e]+$/);

/** The routes, keyed as API Gateway names them. */
export function changeRoutes(deps: ChangeDeps): Record<string, Route> {
  return {
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
