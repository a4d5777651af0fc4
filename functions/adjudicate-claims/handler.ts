/**
 * The adjudicator: consumes FIFO batches from the claims and subsidy queues. Records are processed in
 * order; a failure fails the rest of its message group only (SqsFifoPartialProcessorAsync with
 * skipGroupOnError), so FIFO order holds per person or institution and other groups go on. A record
 * that fails is retried by SQS and lands in the queue's DLQ after maxReceiveCount; its reason is kept.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { FailureStore } from '../adapters/failure-store.ts';
import { PartitionStore } from '../adapters/partition-store.ts';
import { ReferenceStore } from '../adapters/reference-store.ts';
import { type AdjudicationResult, ContentionError, makeAdjudicator, PoisonMessageError, postedAt } from './adjudicate.ts';

export interface AdjudicatorHandlerDeps {
  readonly adjudicate: (claim: unknown) => Promise<AdjudicationResult>;
  readonly failures: Pick<FailureStore, 'record'>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now: () => Date;
}

/** The queue message body the submit function sends. */
export interface ClaimMessage {
  readonly type: 'claim';
  readonly claim: unknown;
}

function parseBody(record: SQSRecord): ClaimMessage {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch (e) {
    throw new PoisonMessageError('message body is not JSON', [], { cause: e });
  }
  if (typeof body !== 'object' || body === null || (body as { type?: unknown }).type !== 'claim' || !('claim' in body)) {
    throw new PoisonMessageError('message body is not a claim envelope { type: "claim", claim }');
  }
  return body as ClaimMessage;
}

/**
 * Builds the SQS handler around an adjudication function.
 * @example export const handler = makeHandler({ adjudicate, failures, logger, now: () => new Date() });
 */
export function makeHandler(deps: AdjudicatorHandlerDeps) {
  const recordHandler = async (record: SQSRecord): Promise<AdjudicationResult> => {
    let claimId: string | null = null;
    try {
      const message = parseBody(record);
      const raw = message.claim as { claimId?: unknown };
      claimId = typeof raw?.claimId === 'string' ? raw.claimId : null;
      const result = await deps.adjudicate(message.claim);
      deps.logger.info('adjudicated', {
        messageId: record.messageId,
        ...result,
        outcome: 'outcome' in result ? result.outcome.status : undefined,
      });
      return result;
    } catch (e) {
      const code = e instanceof PoisonMessageError ? 'POISON_MESSAGE' : e instanceof ContentionError ? 'CONTENTION' : 'PROCESSING_ERROR';
      const reason = e instanceof Error ? e.message : String(e);
      deps.logger.warn('record failed', { messageId: record.messageId, claimId, code, reason });
      await deps.failures.record({
        messageId: record.messageId,
        claimId,
        code,
        reason,
        receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
        at: postedAt(deps.now()),
      });
      throw e;
    }
  };
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const processor = new SqsFifoPartialProcessorAsync();
    return processPartialResponse(event, recordHandler, processor, { skipGroupOnError: true, ...(context ? { context } : {}) });
  };
}

const tableName = process.env.TABLE_NAME ?? '';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ltc-claims' });
const now = () => new Date();

export const handler = makeHandler({
  adjudicate: makeAdjudicator({ store: new PartitionStore(doc, tableName), reference: new ReferenceStore(doc, tableName), now }),
  failures: new FailureStore(doc, tableName),
  logger,
  now,
});
