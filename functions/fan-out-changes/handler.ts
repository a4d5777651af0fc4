/**
 * The fan-out function: consumes the changes queue (FIFO, one group per change) and sends every
 * partition a change can move a reprocess message on the claims or subsidy queue (fan-out.ts). A
 * failed record is retried by SQS (the job's cursor says where to go on) and lands in the queue's
 * dead-letter queue after maxReceiveCount.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ChangeJobs } from '../adapters/change-jobs.ts';
import { ChangePartitions } from '../adapters/change-partitions.ts';
import { ChangeQueue } from '../adapters/change-queue.ts';
import { type FanOutResult, makeFanOut } from './fan-out.ts';

export interface FanOutHandlerDeps {
  readonly fanOut: (changeId: string, remainingMs: () => number) => Promise<FanOutResult>;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
}

/** A fan-out message's change id; anything else cannot be fanned out and is refused. */
function changeIdOf(record: SQSRecord): string {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch (e) {
    throw new Error('fan-out message body is not JSON', { cause: e });
  }
  const b = body as { type?: unknown; changeId?: unknown } | null;
  if (b?.type !== 'fan-out' || typeof b.changeId !== 'string') throw new Error('message is not { type: "fan-out", changeId }');
  return b.changeId;
}

/**
 * @example export const handler = makeHandler({ fanOut: makeFanOut({ jobs, partitions, queue }), logger });
 */
export function makeHandler(deps: FanOutHandlerDeps) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    // Without a Lambda context (a test), there is no deadline.
    const remaining = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
    const recordHandler = async (record: SQSRecord) => {
      const result = await deps.fanOut(changeIdOf(record), remaining);
      if (result.type === 'unknown-change') deps.logger.warn('fan-out of an unknown change', { ...result, messageId: record.messageId });
      else deps.logger.info('fan-out', { ...result, messageId: record.messageId });
      return result;
    };
    return processPartialResponse(event, recordHandler, new SqsFifoPartialProcessorAsync(), {
      skipGroupOnError: true,
      ...(context ? { context } : {}),
    });
  };
}

const env = process.env;
const tableName = env.TABLE_NAME ?? '';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

/** The deployed function (env: TABLE_NAME, CLAIMS_QUEUE_URL, SUBSIDY_QUEUE_URL, CHANGES_QUEUE_URL). */
export const handler = makeHandler({
  fanOut: makeFanOut({
    jobs: new ChangeJobs(doc, tableName),
    partitions: new ChangePartitions(doc, tableName),
    queue: new ChangeQueue(new SQSClient({}), {
      claims: env.CLAIMS_QUEUE_URL ?? '',
      subsidy: env.SUBSIDY_QUEUE_URL ?? '',
      changes: env.CHANGES_QUEUE_URL ?? '',
    }),
  }),
  logger: new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'ltc-claims' }),
});
