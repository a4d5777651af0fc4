/**
 * POST /claims (institution users): validates one claim or a batch of up to 500 — all or nothing —
 * and sends them to the SQS FIFO queues; answers 202 `{ accepted: [claimIds] }`. With an
 * `Idempotency-Key` header the first answer is kept for 24 hours and repeated for the same body; the
 * same key with another body is a 409.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { canonicalJson } from '../../domain/claims.ts';
import { shanghaiDay } from '../../domain/dates.ts';
import { ClaimQueue } from '../adapters/claim-queue.ts';
import { IdempotencyStore } from '../adapters/idempotency-store.ts';
import { sha256 } from '../adapters/keys.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { ConflictError, HttpError, ServiceUnavailableError, ValidationError } from '../http/errors.ts';
import { httpHandler, json, type Observability } from '../http/http.ts';
import { errorResponse, headerOf, type JsonEvent } from '../http/middleware.ts';
import { metrics as defaultMetrics, MetricUnit, tracer } from '../http/observability.ts';
import { checkSubmission } from './submission.ts';

export interface SubmitDeps extends Observability {
  readonly queue: Pick<ClaimQueue, 'messageFor' | 'send'>;
  readonly idempotency: Pick<IdempotencyStore, 'acquire' | 'complete' | 'release'>;
  readonly now: () => Date;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/**
 * Builds the submit function.
 * @example const handler = makeHandler({ queue, idempotency, now: () => new Date() });
 */
export function makeHandler(deps: SubmitDeps) {
  const metrics = deps.metrics ?? defaultMetrics;

  const submit = async (event: JsonEvent, principal: Extract<ReturnType<typeof principalOf>, { role: 'institution' }>) => {
    const claims = checkSubmission(event.jsonBody, principal, shanghaiDay({ ms: deps.now().getTime(), subMs: '' }));
    const failures = await deps.queue.send(claims.map((c) => deps.queue.messageFor(c.claim, c.contentKey, c.content)));
    if (failures.length > 0) {
      const failed = new Set(failures.map((f) => f.claimId));
      throw new ServiceUnavailableError(
        'QUEUE_UNAVAILABLE',
        'Some claims could not be queued; send the same request again (claims already queued are not queued twice)',
        '部分申报未能进入队列，请重新发送同一请求（已入队的申报不会重复入队）',
        { details: { notQueued: [...failed], queued: claims.map((c) => c.claim.claimId).filter((id) => !failed.has(id)) } },
      );
    }
    metrics.addMetric('ClaimsAccepted', MetricUnit.Count, claims.length);
    return json(202, { accepted: claims.map((c) => c.claim.claimId) });
  };

  return httpHandler(
    {
      'POST /claims': async (event) => {
        const principal = principalOf(event);
        requireRole(principal, 'institution');
        const key = headerOf(event, 'idempotency-key');
        if (key === undefined) return submit(event, principal);
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
        const held = await deps.idempotency.acquire(principal.institutionId, key, fingerprint, deps.now());
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
        let answer: APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };
        try {
          answer = (await submit(event, principal)) as typeof answer;
        } catch (e) {
          // A 4xx depends only on the body: it is the answer to keep. Anything else may succeed on retry.
          if (e instanceof HttpError && e.expose && e.status < 500) answer = errorResponse(e);
          else {
            await deps.idempotency.release(principal.institutionId, key, held.token);
            throw e;
          }
        }
        await deps.idempotency.complete(
          principal.institutionId,
          key,
          held.token,
          { statusCode: answer.statusCode, body: answer.body },
          deps.now(),
        );
        return answer;
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

/** The deployed function (env: TABLE_NAME, CLAIMS_QUEUE_URL, SUBSIDY_QUEUE_URL). */
export const handler = makeHandler({
  queue: new ClaimQueue(sqs, { claims: process.env.CLAIMS_QUEUE_URL ?? '', subsidy: process.env.SUBSIDY_QUEUE_URL ?? '' }),
  idempotency: new IdempotencyStore(doc, table),
  now: () => new Date(),
});
