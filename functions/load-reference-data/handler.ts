/**
 * The bureau's reference data: PUT /registry/persons/{id}, PUT /registry/institutions/{id},
 * PUT /registry/agreements/{id} (agreements.ts) and PUT /policies/{policyId} (`{ effectiveFrom, policy: <partial override of demo-2026>, reason }`). Bureau
 * role only. Documents are validated by the domain's schemas (ReferenceStore); a failure is a 400
 * with field errors, and a path id that differs from the body's is a 400 `ID_MISMATCH`. Every change
 * needs a `reason` beside the document (change.ts) and is kept as a version with who, when and why.
 * The GET routes that read them back are in reads.ts, their histories in history.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DateString, type FieldError } from '../../domain/validation.ts';
import { AgreementStore } from '../adapters/agreements.ts';
import { ChangeJobs } from '../adapters/change-jobs.ts';
import { ChangeQueue } from '../adapters/change-queue.ts';
import { ReferenceDataError, ReferenceStore } from '../adapters/reference-store.ts';
import { type Change, ReferenceVersions, VersionConflictError } from '../adapters/reference-versions.ts';
import { RegistryReader } from '../adapters/registry-reads.ts';
import { systemClock } from '../clock.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { idProblem } from '../http/bounds.ts';
import { ConflictError, ValidationError } from '../http/errors.ts';
import { httpHandler, json, type Observability, parseInput } from '../http/http.ts';
import type { JsonEvent } from '../http/middleware.ts';
import { tracer } from '../http/observability.ts';
import { type AgreementDeps, agreementRoutes } from './agreements.ts';
import { ChangeFieldsSchema, changeOf, changeProblems } from './change.ts';
import { type ChangeDeps, changeRoutes } from './changes.ts';
import { type HistoryDeps, historyRoutes } from './history.ts';
import { institutionLimitErrors, personLimitErrors } from './limits.ts';
import { type ReadDeps, readRoutes } from './reads.ts';

export const PolicyVersionSchema = z.object({
  effectiveFrom: DateString,
  policy: z.record(z.string(), z.unknown()),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;
/** The PUT body: the version and why it is published or changed. */
export const PolicyVersionBodySchema = PolicyVersionSchema.extend(ChangeFieldsSchema.shape);

export interface ReferenceDeps extends Observability, ReadDeps, AgreementDeps, HistoryDeps, ChangeDeps {
  readonly reference: Pick<ReferenceStore, 'putPerson' | 'putInstitution' | 'putPolicy' | 'policyBook'>;
  /** Starts the fan-out that re-decides the claims a change touches (the changes queue). */
  readonly changeQueue: Pick<ChangeQueue, 'fanOut'>;
}

/**
 * Builds the reference-data function.
 * @example const handler = makeHandler({ reference: new ReferenceStore(doc, table), registry: new RegistryReader(doc, table), now: () => new Date() });
 */
export function makeHandler(deps: ReferenceDeps) {
  /** Bureau only, then the body checked against the path id and the registry's bounds. */
  const put =
    (
      idField: string,
      limits: (body: Record<string, unknown>) => FieldError[],
      store: (body: unknown, change: Change) => Promise<{ changeId: string }>,
    ) =>
    async (event: JsonEvent) => {
      const principal = principalOf(event);
      requireRole(principal, 'bureau');
      const id = pathId(event, 'id');
      const body = event.jsonBody;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new ValidationError([{ path: '', code: 'INVALID_TYPE', message: 'must be an object', messageZh: '须为对象' }]);
      }
      const fields = body as Record<string, unknown>;
      if (fields[idField] !== id) throw idMismatch(idField, id);
      const beyond = [...limits(fields), ...changeProblems(fields)];
      if (beyond.length > 0) throw new ValidationError(beyond);
      const change = changeOf(fields, principal, deps.now());
      const stored = await versioned(() => fieldErrors(() => store(body, change)));
      await startFanOut(stored.changeId);
      return json(200, stored);
    };

  /**
   * After the version's transaction (which wrote the change's job): the fan-out's first message. A
   * save equal to the current version sends it again, so a PUT retried after this send failed still
   * starts the re-adjudication; the fan-out does nothing for a change already sent.
   */
  const startFanOut = (changeId: string) => deps.changeQueue.fanOut(changeId);

  const putPolicy = async (event: JsonEvent) => {
    const principal = principalOf(event);
    requireRole(principal, 'bureau');
    const policyId = pathId(event, 'policyId');
    const input = event.jsonBody ?? {};
    const body = parseInput(PolicyVersionSchema, input);
    const missing = changeProblems(input as Record<string, unknown>);
    if (missing.length > 0) throw new ValidationError(missing);
    if (body.policy.policyId !== undefined && body.policy.policyId !== policyId) throw idMismatch('policy.policyId', policyId);
    const change = changeOf(input as Record<string, unknown>, principal, deps.now());
    const stored = await versioned(() =>
      fieldErrors(() => deps.reference.putPolicy(policyId, body.effectiveFrom, body.policy, change), 'policy'),
    );
    await startFanOut(stored.changeId);
    return json(200, stored);
  };

  return httpHandler(
    {
      ...readRoutes(deps),
      ...historyRoutes(deps),
      ...agreementRoutes(deps),
      ...changeRoutes(deps),
      'PUT /registry/persons/{id}': put('personId', personLimitErrors, (b, c) => deps.reference.putPerson(b, c)),
      'PUT /registry/institutions/{id}': put('institutionId', institutionLimitErrors, (b, c) => deps.reference.putInstitution(b, c)),
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

/** VersionConflictError → 409, naming the version now current so the clerk can reload it. */
async function versioned<T>(store: () => Promise<T>): Promise<T> {
  try {
    return await store();
  } catch (e) {
    if (!(e instanceof VersionConflictError)) throw e;
    throw new ConflictError(
      'VERSION_CONFLICT',
      `The record was changed meanwhile (now version ${e.current}); reload it and make the change again`,
      `该记录已被他人修改（当前为第 ${e.current} 版），请刷新后重新修改`,
      { currentVersion: e.current },
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

/** The deployed function (env: TABLE_NAME, CHANGES_QUEUE_URL). */
export const handler = makeHandler({
  reference: new ReferenceStore(doc, table),
  registry: new RegistryReader(doc, table),
  agreements: new AgreementStore(doc, table),
  versions: new ReferenceVersions(doc, table),
  changes: new ChangeJobs(doc, table),
  changeQueue: new ChangeQueue(tracer.captureAWSv3Client(new SQSClient({})), {
    claims: process.env.CLAIMS_QUEUE_URL ?? '',
    subsidy: process.env.SUBSIDY_QUEUE_URL ?? '',
    changes: process.env.CHANGES_QUEUE_URL ?? '',
  }),
  now: systemClock,
});
