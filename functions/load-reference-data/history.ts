/**
 * A reference record's history, for the bureau (an auditor's first question: who changed this grade,
 * when, why, and what did it say before?): GET /registry/persons/{id}/history,
 * GET /registry/institutions/{id}/history and GET /policies/{policyId}/history[?effectiveFrom=].
 * Newest first, paged; each version with who, when, why, the document, the one before it and the
 * fields that changed between them.
 */
import { z } from 'zod';
import { changesBetween } from '../../domain/diff.ts';
import { DateString } from '../../domain/validation.ts';
import {
  institutionKey,
  personKey,
  policyHistoryPk,
  type RecordVersion,
  type ReferenceVersions,
  type VersionedKey,
} from '../adapters/reference-versions.ts';
import { REFERENCE_KEY } from '../adapters/registry-reads.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { BoundedId } from '../http/bounds.ts';
import { NotFoundError } from '../http/errors.ts';
import { decodeToken, encodeToken, json, parseInput, type Route } from '../http/http.ts';

export const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  nextToken: z.string().optional(),
});

export const PolicyHistoryQuerySchema = HistoryQuerySchema.extend({
  effectiveFrom: DateString.optional().describe('只看某一生效日期的版本 / one effective version only'),
});

export interface HistoryDeps {
  readonly versions: Pick<ReferenceVersions, 'history' | 'stamp'>;
}

/** The routes, keyed as API Gateway names them. */
export function historyRoutes(deps: HistoryDeps): Record<string, Route> {
  const page = async (
    key: Pick<VersionedKey, 'historyPk' | 'historyPrefix'>,
    query: z.infer<typeof HistoryQuerySchema>,
    exists: () => Promise<boolean>,
    notFound: () => NotFoundError,
  ) => {
    const startKey = decodeToken(query.nextToken, REFERENCE_KEY, { pk: key.historyPk });
    const r = await deps.versions.history(key, { limit: query.limit, ...(startKey ? { startKey } : {}) });
    // Only an empty first page needs to tell an unknown record from one stored before history was kept.
    if (r.items.length === 0 && !startKey && !(await exists())) throw notFound();
    const nextToken = encodeToken(r.nextKey);
    return json(200, { items: r.items.map(withChanges), ...(nextToken ? { nextToken } : {}) });
  };
  const registryRoute =
    (key: (id: string) => VersionedKey, notFound: (id: string) => NotFoundError): Route =>
    async (event) => {
      requireRole(principalOf(event), 'bureau');
      const id = parseInput(z.object({ id: BoundedId }), event.pathParameters ?? {}).id;
      const query = parseInput(HistoryQuerySchema, event.queryStringParameters ?? {});
      return page(
        key(id),
        query,
        async () => (await deps.versions.stamp(key(id))) !== undefined,
        () => notFound(id),
      );
    };

  return {
    'GET /registry/persons/{id}/history': registryRoute(
      personKey,
      (id) => new NotFoundError('PERSON_NOT_FOUND', `No person ${id} in the registry`, `登记库中没有参保人 ${id}`),
    ),
    'GET /registry/institutions/{id}/history': registryRoute(
      institutionKey,
      (id) => new NotFoundError('INSTITUTION_NOT_FOUND', `No institution ${id} in the registry`, `登记库中没有机构 ${id}`),
    ),
    'GET /policies/{policyId}/history': async (event) => {
      requireRole(principalOf(event), 'bureau');
      const policyId = parseInput(z.object({ policyId: BoundedId }), event.pathParameters ?? {}).policyId;
      const query = parseInput(PolicyHistoryQuerySchema, event.queryStringParameters ?? {});
      const key = {
        historyPk: policyHistoryPk(policyId),
        historyPrefix: query.effectiveFrom ? `E#${query.effectiveFrom}#V#` : 'E#',
      };
      // Policies published before history was kept have no versions to show; an empty page is the answer.
      return page(
        key,
        query,
        async () => true,
        () => new NotFoundError('POLICY_NOT_FOUND', `No policy ${policyId}`, `未找到政策 ${policyId}`),
      );
    },
  };
}

function withChanges(v: RecordVersion) {
  // A version that created the record lists every field it was created with.
  return { ...v, changes: changesBetween(v.before ?? {}, v.document) };
}
