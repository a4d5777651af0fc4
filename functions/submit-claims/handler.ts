/**
 * POST /claims (institution users) and POST /migrations/claims (the bureau): one claim or a batch of
 * up to 500 — all or nothing — stamped by the server's clock, their ids reserved for their
 * institution, sent to the SQS FIFO queues; answers 202 `{ accepted, receivedAt, provenance, claims }`.
 * An institution's claims are submitted at the instant the request is received; a bureau migration
 * carries historical claims with their own submittedAt, and the stored claim says who migrated it.
 * With an `Idempotency-Key` header the first answer is kept for 24 hours and repeated for the same
 * body; the same key with another body is a 409 (http/idempotency.ts, a middleware).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AgreementStore } from '../adapters/agreements.ts';
import { ClaimIds } from '../adapters/claim-ids.ts';
import { ClaimQueue } from '../adapters/claim-queue.ts';
import { type IdempotencyCaller, IdempotencyStore } from '../adapters/idempotency-store.ts';
import { systemClock } from '../clock.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { httpHandler, json, type Observability } from '../http/http.ts';
import { idempotentRequests } from '../http/idempotency.ts';
import type { JsonEvent } from '../http/middleware.ts';
import { metrics as defaultMetrics, MetricUnit, tracer } from '../http/observability.ts';
import type { Submitter } from './submission.ts';
import { type SubmitFlowDeps, submitClaims } from './submit.ts';

export interface SubmitDeps extends Observability, SubmitFlowDeps {
  readonly idempotency: Pick<IdempotencyStore, 'acquire' | 'complete' | 'release'>;
}

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

  return httpHandler(
    {
      'POST /claims': async (event) => {
        const principal = principalOf(event);
        requireRole(principal, 'institution');
        return submit(event, { mode: 'institution', institutionId: principal.institutionId }, principal.user);
      },
      'POST /migrations/claims': async (event) => {
        const principal = principalOf(event);
        requireRole(principal, 'bureau');
        return submit(event, { mode: 'migration' }, principal.user);
      },
    },
    { ...deps, use: [idempotentRequests({ store: deps.idempotency, now: deps.now, callerOf })] },
  );
}

/** Whose Idempotency-Key a request uses: its institution's on POST /claims, the bureau user's on a migration. */
function callerOf(event: JsonEvent): IdempotencyCaller | undefined {
  try {
    const principal = principalOf(event);
    if (event.routeKey === 'POST /claims') {
      requireRole(principal, 'institution');
      return { kind: 'institution', id: principal.institutionId };
    }
    if (event.routeKey !== 'POST /migrations/claims') return undefined;
    requireRole(principal, 'bureau');
    return { kind: 'migration', id: principal.user };
  } catch {
    // Not allowed on this route: the route itself refuses it, before anything is stored.
    return undefined;
  }
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
