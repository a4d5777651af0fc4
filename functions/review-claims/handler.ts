/**
 * The bureau's review desk: GET /review-queue pages through claims waiting for a decision (GSI2),
 * and POST /claims/{id}/review records `{ decision, amount?, adjudicator, reason }` on one of them
 * (approve, reject, or adjust: pay less than proposed). Bureau role
 * only; a claim that does not need review is a 409 `NOT_UNDER_REVIEW`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { addIssue, MoneyString } from '../../domain/validation.ts';
import { ClaimIndex, REVIEW_KEY } from '../adapters/claim-index.ts';
import { REVIEW_QUEUE } from '../adapters/keys.ts';
import { PartitionStore } from '../adapters/partition-store.ts';
import { ReviewStore } from '../adapters/review-store.ts';
import { systemClock } from '../clock.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { BoundedText, ID_PATTERN } from '../http/bounds.ts';
import { claimDetail, claimSummary } from '../http/claim-view.ts';
import { NotFoundError } from '../http/errors.ts';
import { decodeToken, encodeToken, httpHandler, json, type Observability, parseInput } from '../http/http.ts';
import type { JsonEvent } from '../http/middleware.ts';
import { metrics as defaultMetrics, MetricUnit, tracer } from '../http/observability.ts';
import { applyReview, type ReviewDeps } from './apply-review.ts';

/** An adjudicator's name as the bureau writes it (Chinese names included). */
const MAX_NAME_LENGTH = 100;

export const ReviewBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject', 'adjust']),
    /** For `adjust` (and only then): what the reviewer allows, between 0 and the proposed fund. */
    amount: MoneyString.optional(),
    adjudicator: BoundedText(MAX_NAME_LENGTH),
    reason: BoundedText(),
  })
  .superRefine((b, ctx) => {
    if (b.decision === 'adjust' && b.amount === undefined)
      addIssue(ctx, ['amount'], 'REQUIRED', 'is required to adjust a claim', '调整审核须填写调整金额');
    if (b.decision !== 'adjust' && b.amount !== undefined)
      addIssue(ctx, ['amount'], 'NOT_ALLOWED', 'is only given to adjust a claim', '仅调整审核可填写金额');
  });
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

const REVIEW_METRIC = { approve: 'ReviewsApproved', reject: 'ReviewsRejected', adjust: 'ReviewsAdjusted' } as const;

export const QueueQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  nextToken: z.string().optional(),
});

export interface ReviewHandlerDeps extends ReviewDeps, Observability {
  readonly index: Pick<ClaimIndex, 'reviewQueue'>;
}

/**
 * Builds the review function.
 * @example const handler = makeHandler({ reviews, partitions, index, now: () => new Date() });
 */
export function makeHandler(deps: ReviewHandlerDeps) {
  const metrics = deps.metrics ?? defaultMetrics;

  const reviewQueue = async (event: JsonEvent) => {
    requireRole(principalOf(event), 'bureau');
    const query = parseInput(QueueQuerySchema, event.queryStringParameters ?? {});
    const startKey = decodeToken(query.nextToken, REVIEW_KEY, { gsi2pk: REVIEW_QUEUE });
    const page = await deps.index.reviewQueue({ limit: query.limit, ...(startKey ? { startKey } : {}) });
    const nextToken = encodeToken(page.nextKey);
    return json(200, { items: page.members.map(claimSummary), ...(nextToken ? { nextToken } : {}) });
  };

  const review = async (event: JsonEvent) => {
    const principal = principalOf(event);
    requireRole(principal, 'bureau');
    const body = parseInput(ReviewBodySchema, event.jsonBody ?? {});
    const claimId = event.pathParameters?.id ?? '';
    if (!ID_PATTERN.test(claimId)) throw new NotFoundError('CLAIM_NOT_FOUND', 'No decided claim with this id', '未找到该申报');
    const member = await applyReview(deps, claimId, body, principal.user);
    metrics.addMetric(REVIEW_METRIC[body.decision], MetricUnit.Count, 1);
    return json(200, claimDetail(member, undefined));
  };

  return httpHandler({ 'GET /review-queue': reviewQueue, 'POST /claims/{id}/review': review }, deps);
}

const doc = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
const table = process.env.TABLE_NAME ?? '';

/** The deployed function (env: TABLE_NAME). */
export const handler = makeHandler({
  reviews: new ReviewStore(doc, table),
  partitions: new PartitionStore(doc, table),
  index: new ClaimIndex(doc, table),
  now: systemClock,
});
