/**
 * The bureau's reference data: PUT /registry/persons/{id}, PUT /registry/institutions/{id},
 * PUT /registry/agreements/{id} (agreements.ts) and PUT /policies/{policyId} (`{ effectiveFrom, policy: <partial override of demo-2026> }`). Bureau
 * role only. Documents are validated by the domain's schemas (ReferenceStore); a failure is a 400
 * with field errors, and a path id that differs from the body's is a 400 `ID_MISMATCH`. The GET
 * routes that read them back are in reads.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DateString, type FieldError } from '../../domain/validation.ts';
import { AgreementStore } from '../adapters/agreements.ts';
import { ReferenceDataError, ReferenceStore } from '../adapters/reference-store.ts';
import { RegistryReader } from '../adapters/registry-reads.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { idProblem } from '../http/bounds.ts';
import { ValidationError } from '../http/errors.ts';
import { httpHandler, json, type Observability, parseInput } from '../http/http.ts';
import type { JsonEvent } from '../http/middleware.ts';
import { tracer } from '../http/observability.ts';
import { type AgreementDeps, agreementRoutes } from './agreements.ts';
import { institutionLimitErrors, personLimitErrors } from './limits.ts';
import { type ReadDeps, readRoutes } from './reads.ts';

export const PolicyVersionSchema = z.object({
  effectiveFrom: DateString,
  policy: z.record(z.string(), z.unknown()),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export interface ReferenceDeps extends Observability, ReadDeps, AgreementDeps {
  readonly reference: Pick<ReferenceStore, 'putPerson' | 'putInstitution' | 'putPolicy' | 'policyBook'>;
}

/**
 * Builds the reference-data function.
 * @example const handler = makeHandler({ reference: new ReferenceStore(doc, table), registry: new RegistryReader(doc, table), now: () => new Date() });
 */
export function makeHandler(deps: ReferenceDeps) {
  /** Bureau only, then the body checked against the path id and the registry's bounds. */
  const put =
    (idField: string, limits: (body: Record<string, unknown>) => FieldError[], store: (body: unknown) => Promise<unknown>) =>
    async (event: JsonEvent) => {
      requireRole(principalOf(event), 'bureau');
      const id = pathId(event, 'id');
      const body = event.jsonBody;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new ValidationError([{ path: '', code: 'INVALID_TYPE', message: 'must be an object', messageZh: '须为对象' }]);
      }
      if ((body as Record<string, unknown>)[idField] !== id) throw idMismatch(idField, id);
      const beyond = limits(body as Record<string, unknown>);
      if (beyond.length > 0) throw new ValidationError(beyond);
      return json(200, await fieldErrors(() => store(body)));
    };

  const putPolicy = async (event: JsonEvent) => {
    requireRole(principalOf(event), 'bureau');
    const policyId = pathId(event, 'policyId');
    const body = parseInput(PolicyVersionSchema, event.jsonBody ?? {});
    if (body.policy.policyId !== undefined && body.policy.policyId !== policyId) throw idMismatch('policy.policyId', policyId);
    const stored = await fieldErrors(() => deps.reference.putPolicy(policyId, body.effectiveFrom, body.policy), 'policy');
    return json(200, stored);
  };

  return httpHandler(
    {
      ...readRoutes(deps),
      ...agreementRoutes(deps),
      'PUT /registry/persons/{id}': put('personId', personLimitErrors, (b) => deps.reference.putPerson(b)),
      'PUT /registry/institutions/{id}': put('institutionId', institutionLimitErrors, (b) => deps.reference.putInstitution(b)),
      'PUT /policies/{policyId}': putPolicy,
    },
    deps,
  );
}

/** ReferenceDataError → 400, with paths relative to the request body (`prefix` names where the document sits). */
async function fieldErrors<T>(store: () => Promise<T>, prefix = ''): Promise<T> {
  try {
    return await store();
  } catch (e) {
    if (!(e instanceof ReferenceDataError)) throw e;
    const at = (path: string) =>
      prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
    throw new ValidationError(
      e.errors.map((f) => ({ ...f, path: at(f.path) })),
      { cause: e },
    );
  }
}

/** A path id within the bounds every id has (bounds.ts): it becomes a DynamoDB key. */
function pathId(event: JsonEvent, name: string): string {
  const id = event.pathParameters?.[name] ?? '';
  const problem = idProblem(id, name);
  if (problem) throw new ValidationError([problem]);
  return id;
}

const idMismatch = (path: string, id: string) =>
  new ValidationError(
    [{ path, code: 'ID_MISMATCH', message: `must equal the id in the path (${id})`, messageZh: `须与路径中的编号（${id}）一致` }],
    {
      code: 'ID_MISMATCH',
      message: 'The body names another id than the path',
      messageZh: '请求体中的编号与路径不一致',
    },
  );

const doc = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});

const table = process.env.TABLE_NAME ?? '';

/** The deployed function (env: TABLE_NAME). */
export const handler = makeHandler({
  reference: new ReferenceStore(doc, table),
  registry: new RegistryReader(doc, table),
  agreements: new AgreementStore(doc, table),
  now: () => new Date(),
});
