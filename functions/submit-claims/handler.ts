/**
 * POST /claims (institution users) and POST /migrations/claims (the bureau): one claim or a batch of
 * up to 500 — all or nothing — stamped by the server's clock, their ids reserved for their
 * institution, sent to the SQS FIFO queues; answers 202 `{ accepted, receivedAt, provenance, claims }`.
 * An institution's claims are submitted at the instant the request is received; a bureau migration
 * carries historical claims with their own submittedAt, and the stored claim says who migrated it.
 * With an `Idempotency-Key` header the first answer is kept for 24 hours and repeated for the same
 * body; the same key with another body is a 409.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { canonicalJson } from '../../domain/claims.ts';
import { AgreementStore } from '../adapters/agreements.ts';
import { ClaimIds } from '../adapters/claim-ids.ts';
import { ClaimQueue } from '../adapters/claim-queue.ts';
import { type IdempotencyCaller, IdempotencyStore } from '../adapters/idempotency-store.ts';
import { sha256 } from '../adapters/keys.ts';
import { systemClock } from '../clock.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { ConflictError, HttpError, ValidationError } from '../http/errors.ts';
import { httpHandler, json, type Observability } from '../http/http.ts';
import { errorResponse, headerOf, type JsonEvent } from '../http/middleware.ts';
import { metrics as defaultMetrics, MetricUnit, tracer } from '../http/observability.ts';
import type { Submitter } from './submission.ts';
import { type SubmitFlowDeps, submitClaims } from './submit.ts';

export interface SubmitDeps extends Observability, SubmitFlowDeps {
  readonly idempotency: Pick<IdempotencyStore, 'acquire' | 'complete' | 'release'>;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

type Answer = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

/**
 * Builds the submit function.
 * @example const handler = makeHandler({ queue, claimIds, idempotency, now: () => new Date() });
 */
export function makeHandler(deps: SubmitDeps) {
  const metrics = deps.metrics ?? defaultMetrics;

  const submit = async (event: JsonEvent, submitter: Submitter, user: string): Promise<Answer> => {
    const body = await submitClaims(deps, event.jsonBody, submitter, user);
    metrics.addMetric(submitter.mode === 'migration' ? 'ClaimsMigrated' : 'ClaimsAccepted', MetricUnit.Count, body.accepted.length);
    return json(202, body) as Answer;
  };

  /** Runs `work` once per Idempotency-Key and body, replaying its answer to repeats. */
  const once = async (
    event: JsonEvent,
    caller: IdempotencyCaller,
    work: () => Promise<Answer>,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const key = headerOf(event, 'idempotency-key');
    if (key === undefined) return work();
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ValidationError([
        {
          path: 'Idempotency-Key',
          code: 'INVALID_IDEMPOTENCY_KEY',
          message: 'must be 1–128 printable ASCII characters',
          messageZh: '须为 1–128 个可打印 ASCII 字符',
        },
      ]);
    }
    const fingerprint = sha256(canonicalJson(event.jsonBody ?? null));
    const held = await deps.idempotency.acquire(caller, key, fingerprint, deps.now());
    if (held.state === 'mismatch') {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different body',
        '该幂等键已用于内容不同的请求',
      );
    }
    if (held.state === 'in-progress') {
      throw new ConflictError(
        'IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry shortly',
        '使用该幂等键的请求仍在处理中，请稍后重试',
      );
    }
    if (held.state === 'completed') return replay(held.answer);
    let answer: Answer;
    try {
      answer = await work();
    } catch (e) {
      // A 4xx depends only on the body and the stored claim ids: it is the answer to keep. Anything else may succeed on retry.
      if (e instanceof HttpError && e.expose && e.status < 500) answer = errorResponse(e);
      else {
        await deps.idempotency.release(caller, key, held.token);
        throw e;
      }
    }
    await deps.idempotency.complete(caller, key, held.token, { statusCode: answer.statusCode, body: answer.body }, deps.now());
    return answer;
  };

  return httpHandler(
    {
      'POST /claims': async (event) => {
        const principal = principalOf(event);
        requireRole(principal, 'institution');
        const submitter: Submitter = { mode: 'institution', institutionId: principal.institutionId };
        return once(event, { kind: 'institution', id: principal.institutionId }, () => submit(event, submitter, principal.user));
      },
      'POST /migrations/claims': async (event) => {
        const principal = principalOf(event);
        requireRole(principal, 'bureau');
        return once(event, { kind: 'migration', id: principal.user }, () => submit(event, { mode: 'migration' }, principal.user));
      },
    },
    deps,
  );
}

function replay(answer: { statusCode: number; body: string }): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'idempotent-replayed': 'true' },
    body: answer.body,
  };
}

const doc = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
const table = process.env.TABLE_NAME ?? '';
const skew = Number(process.env.SUBMITTED_AT_MAX_SKEW_SECONDS);

/** The deployed function (env: TABLE_NAME, CLAIMS_QUEUE_URL, SUBSIDY_QUEUE_URL, SUBMITTED_AT_MAX_SKEW_SECONDS). */
export const handler = makeHandler({
  queue: new ClaimQueue(sqs, { claims: process.env.CLAIMS_QUEUE_URL ?? '', subsidy: process.env.SUBSIDY_QUEUE_URL ?? '' }),
  claimIds: new ClaimIds(doc, table),
  agreements: new AgreementStore(doc, table),
  idempotency: new IdempotencyStore(doc, table),
  now: systemClock,
  ...(Number.isFinite(skew) && skew > 0 ? { maxSkewMs: skew * 1000 } : {}),
});
