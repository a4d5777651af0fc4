/**
 * The whole system on one machine: DynamoDB Local and fauxqs on loopback ports, the tables, queues,
 * dead-letter queues and bucket created from the synthesised CDK template, the same Lambda handlers
 * wired to local clients, a local event-source mapping per queue and the HTTP API on localhost.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startFauxqs } from 'fauxqs';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
import { ChangeJobs } from '../../functions/adapters/change-jobs.ts';
import { ChangePartitions } from '../../functions/adapters/change-partitions.ts';
import { ChangeQueue } from '../../functions/adapters/change-queue.ts';
import { ClaimIds } from '../../functions/adapters/claim-ids.ts';
import { ClaimIndex } from '../../functions/adapters/claim-index.ts';
import { ClaimQueue } from '../../functions/adapters/claim-queue.ts';
import { DeadLetters } from '../../functions/adapters/dead-letters.ts';
import { FailureStore } from '../../functions/adapters/failure-store.ts';
import { IdempotencyStore } from '../../functions/adapters/idempotency-store.ts';
import { ReferenceAt } from '../../functions/adapters/made-with.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { ReferenceVersions } from '../../functions/adapters/reference-versions.ts';
import { RegistryReader } from '../../functions/adapters/registry-reads.ts';
import { ReviewStore } from '../../functions/adapters/review-store.ts';
import { StatementStore } from '../../functions/adapters/statement-store.ts';
import { makeAdjudicator } from '../../functions/adjudicate-claims/adjudicate.ts';
import { makeHandler as makeAdjudicatorHandler } from '../../functions/adjudicate-claims/handler.ts';
import { makeReprocessor } from '../../functions/adjudicate-claims/reprocess.ts';
import { makeHandler as makeApiDocsHandler } from '../../functions/api-docs/handler.ts';
import { makeFanOut } from '../../functions/fan-out-changes/fan-out.ts';
import { makeHandler as makeFanOutHandler } from '../../functions/fan-out-changes/handler.ts';
import { financeStores, makeHandler as makeFinanceHandler } from '../../functions/finance/handler.ts';
import type { ApiFunction } from '../../functions/http/routes.ts';
import { makeHandler as makeReferenceHandler } from '../../functions/load-reference-data/handler.ts';
import { makeHandler as makeReadHandler } from '../../functions/read-claims/handler.ts';
import { makeHandler as makeReviewHandler } from '../../functions/review-claims/handler.ts';
import { makeHandler as makeSubmitHandler } from '../../functions/submit-claims/handler.ts';
import { type LambdaHttpHandler, lambdaContext, startApiServer } from './api-server.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { LocalEventSource, type SqsHandler } from './event-source.ts';
import { bucketDefinitions, queueDefinitions, synthStatefulTemplate, tableDefinitions, timeToLiveAttributes } from './template.ts';
import { localSecret } from './tokens.ts';

const REGION = 'cn-north-1';

/**
 * Batches in flight per queue locally. One DynamoDB Local on a 2-core machine gains nothing past a
 * few: each batch mostly waits on round trips, and four keep it busy (bench:local, BENCH_ADJUDICATORS).
 */
export const LOCAL_ADJUDICATOR_CONCURRENCY = 4;
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalStackOptions {
  readonly root: string;
  readonly apiPort?: number;
  /**
   * Seconds before a failed message is received again. The template's 360 s suits Lambda; locally a
   * few seconds let you watch retries and the DLQ. Defaults to 5.
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Adjudicator batches in flight per queue, as Lambda scales a FIFO event source out by message group
   * (the CDK app caps it with the event source's maxConcurrency). Defaults to
   * LOCAL_ADJUDICATOR_CONCURRENCY; 1 gives the one-batch-at-a-time poller.
   */
  readonly adjudicatorConcurrency?: number;
  readonly progress?: (line: string) => void;
  /** Powertools logs of the handlers (default: silent). */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** The clock of every handler (default: the real one); month-end tests move it. */
  readonly now?: () => Date;
  /**
   * Replaces or wraps the adjudicator the event sources invoke (fault injection in the reliability
   * suite). Gets the stack's handler and what is needed to build another one on the same table.
   */
  /**
   * An emulator already running (the integration tests' shared one) and a table name of this stack's
   * own on it; without it the stack starts its own DynamoDB Local.
   */
  readonly dynamodb?: { readonly endpoint: string; readonly tableName: string };
  readonly wrapAdjudicator?: (
    handler: SqsHandler,
    env: { tableName: string; dynamodbEndpoint: string; deadLetters: DeadLetters },
  ) => SqsHandler;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly tableName: string;
  readonly queues: {
    readonly claims: string;
    readonly subsidy: string;
    /** Reference changes to fan out. */
    readonly changes: string;
    readonly claimsDlq: string;
    readonly subsidyDlq: string;
  };
  /** The documents bucket (imports, statements). */
  readonly bucket: string;
  /** Invokes the finance function as the EventBridge schedule does, firing at `time`. */
  runSchedule(time: Date): Promise<unknown>;
  readonly clients: {
    readonly dynamodb: DynamoDBClient;
    readonly doc: DynamoDBDocumentClient;
    readonly sqs: SQSClient;
    readonly s3: S3Client;
  };
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string };
  /** Resolves once every queue (changes, claims, subsidy) is empty and no batch is being processed. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts everything; on any failure stops what already started (no orphan processes).
 * @example const stack = await startLocalStack({ root: process.cwd() }); … await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const say = options.progress ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    stops.length = 0;
  };
  try {
    let t = Date.now();
    const ddb = options.dynamodb ?? (await startDynamoDbLocal({ root: options.root }));
    if (!options.dynamodb) stops.push(() => (ddb as Awaited<ReturnType<typeof startDynamoDbLocal>>).stop());
    say(`DynamoDB Local ready on ${ddb.endpoint} (${Date.now() - t} ms)`);
    t = Date.now();
    const fauxqs = await startFauxqs({ port: 0, logger: false, host: 'localhost', defaultRegion: REGION });
    stops.push(() => fauxqs.stop());
    say(`fauxqs (SQS, S3) ready on ${fauxqs.address} (${Date.now() - t} ms)`);

    const dynamodb = new DynamoDBClient({ endpoint: ddb.endpoint, region: REGION, credentials: CREDENTIALS });
    const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    const sqs = new SQSClient({ endpoint: fauxqs.address, region: REGION, credentials: CREDENTIALS, useQueueUrlAsEndpoint: false });
    const s3 = new S3Client({ endpoint: fauxqs.address, region: REGION, credentials: CREDENTIALS, forcePathStyle: true });
    stops.push(async () => {
      dynamodb.destroy();
      sqs.destroy();
      s3.destroy();
    });

    t = Date.now();
    const template = synthStatefulTemplate();
    const [defined] = tableDefinitions(template);
    if (!defined?.TableName) throw new Error('the stateful template defines no table');
    const table = { ...defined, TableName: options.dynamodb?.tableName ?? defined.TableName };
    await dynamodb.send(new CreateTableCommand(table));
    const ttl = timeToLiveAttributes(template)[Object.keys(timeToLiveAttributes(template))[0] ?? ''];
    if (ttl)
      await dynamodb
        .send(new UpdateTimeToLiveCommand({ TableName: table.TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: ttl } }))
        .catch(() => {});
    const visibility = options.visibilityTimeoutSeconds ?? 5;
    const urls = new Map<string, { url: string; arn: string }>();
    for (const q of queueDefinitions(template)) {
      const attributes: Record<string, string> = { ...q.attributes, VisibilityTimeout: String(visibility) };
      if (q.redrive) {
        const dlq = urls.get(q.redrive.deadLetterQueueLogicalId);
        if (!dlq) throw new Error(`dead-letter queue of ${q.queueName} was not created first`);
        attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: q.redrive.maxReceiveCount });
      }
      const created = await sqs.send(new CreateQueueCommand({ QueueName: q.queueName, Attributes: attributes }));
      const url = created.QueueUrl as string;
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes
        ?.QueueArn as string;
      urls.set(q.logicalId, { url, arn });
      urls.set(q.id, { url, arn });
    }
    for (const b of bucketDefinitions(template)) {
      await s3.send(new CreateBucketCommand({ Bucket: b.bucketName }));
      if (b.versioned)
        await s3
          .send(new PutBucketVersioningCommand({ Bucket: b.bucketName, VersioningConfiguration: { Status: 'Enabled' } }))
          .catch(() => {});
    }
    const queueOf = (id: string) => {
      const q = urls.get(id);
      if (!q) throw new Error(`the template has no queue ${id}`);
      return q;
    };
    const claimsQueue = queueOf('ClaimsQueue');
    const subsidyQueue = queueOf('SubsidyQueue');
    const changesQueue = queueOf('ChangesQueue');
    const dlqOf = (id: string) => {
      const def = queueDefinitions(template).find((q) => q.id === id);
      return queueOf(def?.redrive?.deadLetterQueueLogicalId ?? '');
    };
    say(`tables, queues, dead-letter queues and bucket created from the CDK template (${Date.now() - t} ms)`);

    const tableName = table.TableName;
    const logger = new Logger({ serviceName: 'ltc-claims-local', logLevel: options.logLevel ?? 'SILENT' });
    const now = options.now ?? (() => new Date());
    const bucket = bucketDefinitions(template).find((b) => b.id === 'DocumentsBucket')?.bucketName;
    if (!bucket) throw new Error('the stateful template defines no DocumentsBucket');
    const partitions = new PartitionStore(doc, tableName);
    const reference = new ReferenceStore(doc, tableName);
    const index = new ClaimIndex(doc, tableName);
    const registry = new RegistryReader(doc, tableName);
    const changeJobs = new ChangeJobs(doc, tableName);
    const changeQueue = new ChangeQueue(sqs, { claims: claimsQueue.url, subsidy: subsidyQueue.url, changes: changesQueue.url });
    // Running totals are DynamoDB Numbers, read as exact decimal text (as the deployed functions do).
    const exactDoc = DynamoDBDocumentClient.from(dynamodb, { unmarshallOptions: { wrapNumbers: true } });
    const observability = { logger };
    const finance = makeFinanceHandler({ ...observability, ...financeStores(dynamodb, s3, tableName, bucket), now });
    const handlers = {
      'submit-claims': makeSubmitHandler({
        ...observability,
        queue: new ClaimQueue(sqs, { claims: claimsQueue.url, subsidy: subsidyQueue.url }),
        claimIds: new ClaimIds(doc, tableName),
        agreements: new AgreementStore(doc, tableName),
        idempotency: new IdempotencyStore(doc, tableName),
        now,
      }),
      'read-claims': makeReadHandler({
        ...observability,
        partitions,
        reference,
        referenceAt: new ReferenceAt(doc, tableName),
        index,
        registry,
        statements: new StatementStore(exactDoc, tableName),
        now,
      }),
      'review-claims': makeReviewHandler({ ...observability, reviews: new ReviewStore(doc, tableName), partitions, index, now }),
      'load-reference-data': makeReferenceHandler({
        ...observability,
        reference,
        registry,
        agreements: new AgreementStore(doc, tableName),
        versions: new ReferenceVersions(doc, tableName),
        changes: changeJobs,
        changeQueue,
        now,
      }),
      finance,
      'api-docs': makeApiDocsHandler(observability),
      // Deployed, the API serves the console from its bucket; here `ltc start` serves it on its own port.
      'serve-console': async () => ({
        statusCode: 404,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          error: {
            code: 'CONSOLE_NOT_HERE',
            message: 'On the local stack the console is served at the "console:" address ltc start prints',
            messageZh: '本地环境的控制台地址见 ltc start 输出的 “console:” 一行',
          },
        }),
      }),
    } as unknown as Record<ApiFunction, LambdaHttpHandler>;
    const deadLetters = new DeadLetters(sqs, {
      [claimsQueue.arn]: dlqOf('ClaimsQueue').url,
      [subsidyQueue.arn]: dlqOf('SubsidyQueue').url,
    });
    const built = makeAdjudicatorHandler({
      adjudicate: makeAdjudicator({ store: partitions, reference, now }),
      reprocess: makeReprocessor({ store: partitions, reference, changes: changeJobs, now }),
      failures: new FailureStore(doc, tableName),
      deadLetters,
      logger,
      now,
    }) as SqsHandler;
    const adjudicator = options.wrapAdjudicator?.(built, { tableName, dynamodbEndpoint: ddb.endpoint, deadLetters }) ?? built;

    const sources = [claimsQueue, subsidyQueue].map(
      (q) =>
        new LocalEventSource({
          sqs,
          queueUrl: q.url,
          queueArn: q.arn,
          handler: adjudicator,
          functionName: 'adjudicate-claims',
          batchSize: 10,
          batchingWindowMs: 200,
          visibilityTimeoutSeconds: visibility,
          concurrency: options.adjudicatorConcurrency ?? LOCAL_ADJUDICATOR_CONCURRENCY,
        }),
    );
    const fanOut = makeFanOutHandler({
      fanOut: makeFanOut({ jobs: changeJobs, partitions: new ChangePartitions(doc, tableName), queue: changeQueue }),
      logger,
    });
    sources.push(
      new LocalEventSource({
        sqs,
        queueUrl: changesQueue.url,
        queueArn: changesQueue.arn,
        handler: fanOut as SqsHandler,
        functionName: 'fan-out-changes',
        batchSize: 1,
        batchingWindowMs: 0,
        visibilityTimeoutSeconds: visibility,
      }),
    );
    for (const s of sources) s.start();
    stops.push(async () => {
      await Promise.all(sources.map((s) => s.stop()));
    });

    const api = await startApiServer({
      handlers,
      secret: localSecret(options.root),
      ...(options.apiPort !== undefined ? { port: options.apiPort } : {}),
    });
    stops.push(() => api.stop());
    say(`HTTP API on ${api.url}`);

    const waitForIdle = async (timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let pending = 0;
        for (const q of [changesQueue, claimsQueue, subsidyQueue]) {
          const a = await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: q.url,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          );
          pending +=
            Number(a.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
        }
        if (pending === 0 && sources.every((s) => !s.busy)) return;
        if (Date.now() > deadline) throw new Error(`claims still queued after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    return {
      apiUrl: api.url,
      tableName,
      queues: {
        claims: claimsQueue.url,
        subsidy: subsidyQueue.url,
        changes: changesQueue.url,
        claimsDlq: dlqOf('ClaimsQueue').url,
        subsidyDlq: dlqOf('SubsidyQueue').url,
      },
      bucket,
      runSchedule: (time) =>
        finance({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: time.toISOString() }, lambdaContext('finance')),
      clients: { dynamodb, doc, sqs, s3 },
      endpoints: { dynamodb: ddb.endpoint, sqs: fauxqs.address },
      waitForIdle,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
