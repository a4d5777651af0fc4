/**
 * The adjudicator: consumes FIFO batches from the claims and subsidy queues. Records are processed in
 * order; a failure fails the rest of its message group only (SqsFifoPartialProcessorAsync with
 * skipGroupOnError), so FIFO order holds per person or institution and other groups go on. A record
 * that fails is retried by SQS and lands in the queue's DLQ after maxReceiveCount; its reason is kept.
 * A poison message (it can never be adjudicated: not a claim, or nothing DynamoDB can store) is
 * parked in the DLQ at once with its reason instead, and its group goes on.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { ChangeJobs } from '../adapters/change-jobs.ts';
import { DeadLetters } from '../adapters/dead-letters.ts';
import { FailureStore } from '../adapters/failure-store.ts';
import { PartitionStore, type Provenance } from '../adapters/partition-store.ts';
import { ReferenceStore } from '../adapters/reference-store.ts';
import { postedAt, systemClock } from '../clock.ts';
import { loggablePartition } from '../pseudonym.ts';
import { type AdjudicationResult, ContentionError, makeAdjudicator, PoisonMessageError } from './adjudicate.ts';
import { makeReprocessor, type ReprocessResult } from './reprocess.ts';

export interface AdjudicatorHandlerDeps {
  readonly adjudicate: (claim: unknown, provenance?: Provenance) => Promise<AdjudicationResult>;
  readonly failures: Pick<FailureStore, 'record'>;
  /** Where poison messages are parked; without it (or for an unknown queue) SQS's redrive policy does it. */
  readonly deadLetters?: Pick<DeadLetters, 'knows' | 'park'>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now: () => Date;
  /** Re-decides a partition for a reference change (reprocess.ts); without it a reprocess message is poison. */
  readonly reprocess?: (changeId: string, partition: string) => Promise<ReprocessResult>;
}

/**
 * The queue message body the submit function sends, parsed with the Powertools parser: the record's
 * body is JSON (`JSONStringified`) holding `{ type: "claim", claim, provenance? }`. The claim itself is
 * the domain's to validate; a provenance of another shape is ignored (it is not the claim).
 */
export const ClaimMessageSchema = z.object({
  type: z.literal('claim'),
  claim: z.unknown().refine((claim) => claim !== undefined),
  provenance: z
    .object({ source: z.enum(['institution', 'migration']), by: z.string(), receivedAt: z.string() })
    .optional()
    .catch(undefined),
});
export type ClaimMessage = z.infer<typeof ClaimMessageSchema>;

/** A reference change re-deciding a partition (the change fan-out sends it, change-queue.ts). */
export const ReprocessMessageSchema = z.object({ type: z.literal('reprocess'), changeId: z.string(), partition: z.string() });

/**
 * A record's body. The FIFO partial processor hands the handler one record at a time (a failure must
 * fail only the rest of its group), so the body is parsed per record, as Powertools' batch examples
 * do, rather than through the SqsEnvelope, which parses a whole event at once.
 */
const ClaimRecordBodySchema = JSONStringified(z.discriminatedUnion('type', [ClaimMessageSchema, ReprocessMessageSchema]));

function parseBody(record: SQSRecord): ClaimMessage | z.infer<typeof ReprocessMessageSchema> {
  const parsed = ClaimRecordBodySchema.safeParse(record.body);
  if (parsed.success) return parsed.data;
  const notJson = parsed.error.issues.some((i) => i.message.startsWith('Invalid JSON'));
  if (notJson) throw new PoisonMessageError('message body is not JSON', [], { cause: parsed.error });
  // A reprocess message (a reference change's) that is malformed fails the same way: it is not a claim.
  throw new PoisonMessageError('message body is not a claim envelope { type: "claim", claim }', [], { cause: parsed.error });
}

/**
 * Builds the SQS handler around an adjudication function.
 * @example export const handler = makeHandler({ adjudicate, failures, logger, now: () => new Date() });
 */
export function makeHandler(deps: AdjudicatorHandlerDeps) {
  const recordHandler = async (
    record: SQSRecord,
  ): Promise<AdjudicationResult | ReprocessResult | { type: 'dead-lettered'; claimId: string | null }> => {
    let claimId: string | null = null;
    try {
      const message = parseBody(record);
      if (message.type === 'reprocess') {
        if (!deps.reprocess) throw new PoisonMessageError('this adjudicator does not reprocess partitions');
        const done = await deps.reprocess(message.changeId, message.partition);
        deps.logger.info('reprocessed', { messageId: record.messageId, ...done, partition: loggablePartition(done.partition) });
        return done;
      }
      const raw = message.claim as { claimId?: unknown };
      claimId = typeof raw?.claimId === 'string' ? raw.claimId : null;
      const result = await deps.adjudicate(message.claim, message.provenance);
      deps.logger.info('adjudicated', {
        messageId: record.messageId,
        ...result,
        ...('partition' in result ? { partition: loggablePartition(result.partition) } : {}),
        outcome: 'outcome' in result ? result.outcome.status : undefined,
      });
      return result;
    } catch (e) {
      const code = e instanceof PoisonMessageError ? 'POISON_MESSAGE' : e instanceof ContentionError ? 'CONTENTION' : 'PROCESSING_ERROR';
      const reason = e instanceof Error ? e.message : String(e);
      const failure = {
        claimId,
        code,
        reason,
        receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
        at: postedAt(deps.now()),
      };
      // Recorded before the message is parked: a dead letter is never seen without its reason.
      await deps.failures.record({ messageId: record.messageId, ...failure });
      if (e instanceof PoisonMessageError && deps.deadLetters?.knows(record)) {
        const parked = await deps.deadLetters.park(record, code, reason);
        deps.logger.warn('poison message dead-lettered', { messageId: record.messageId, deadLetterId: parked, claimId, code, reason });
        return { type: 'dead-lettered', claimId };
      }
      deps.logger.warn('record failed', { messageId: record.messageId, claimId, code, reason });
      throw e;
    }
  };
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const processor = new SqsFifoPartialProcessorAsync();
    return processPartialResponse(event, recordHandler, processor, { skipGroupOnError: true, ...(context ? { context } : {}) });
  };
}

const env = process.env;
const tableName = env.TABLE_NAME ?? '';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const logger = new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'ltc-claims' });
const now = systemClock;

/** The deployed function (env: TABLE_NAME; CLAIMS_QUEUE_ARN, CLAIMS_DLQ_URL, SUBSIDY_QUEUE_ARN, SUBSIDY_DLQ_URL). */
const store = new PartitionStore(doc, tableName);
const reference = new ReferenceStore(doc, tableName);
export const handler = makeHandler({
  adjudicate: makeAdjudicator({ store, reference, now }),
  reprocess: makeReprocessor({ store, reference, changes: new ChangeJobs(doc, tableName), now }),
  failures: new FailureStore(doc, tableName),
  deadLetters: new DeadLetters(new SQSClient({}), {
    [env.CLAIMS_QUEUE_ARN ?? 'claims']: env.CLAIMS_DLQ_URL ?? '',
    [env.SUBSIDY_QUEUE_ARN ?? 'subsidy']: env.SUBSIDY_DLQ_URL ?? '',
  }),
  logger,
  now,
});
