/**
 * The local runtime creates its DynamoDB tables, SQS queues and S3 buckets from the synthesised
 * stateful template, so the local schema cannot drift from the deployed one. These functions are
 * pure: template JSON in, plain create-request objects out.
 */
import type { AttributeDefinition, CreateTableInput, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { App } from 'aws-cdk-lib';
import { StatefulStack } from '../lib/stateful-stack.ts';

/** The subset of a CloudFormation template these functions read. */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** A queue to create, in an order where every dead-letter queue precedes the queues that use it. */
export interface QueueDefinition {
  readonly logicalId: string;
  /** The construct id in the stateful stack, e.g. `ClaimsQueue` (falls back to the logical id). */
  readonly id: string;
  /** The given name, or the logical id (plus `.fifo` for a FIFO queue, as SQS requires). */
  readonly queueName: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly visibilityTimeoutSeconds?: number;
  readonly messageRetentionPeriodSeconds?: number;
  readonly redrive?: { readonly deadLetterQueueLogicalId: string; readonly deadLetterQueueName: string; readonly maxReceiveCount: number };
  /** CreateQueue attributes, RedrivePolicy excluded (it needs the dead-letter queue's local ARN). */
  readonly attributes: Record<string, string>;
}

export interface BucketDefinition {
  readonly logicalId: string;
  readonly id: string;
  /** The given name, or the lower-cased logical id (S3 names are lower case). */
  readonly bucketName: string;
  readonly versioned: boolean;
}

/**
 * Synthesises only the stateful stack, in process, without bundling or validation (about 2 s).
 * @example
 * const [table] = tableDefinitions(synthStatefulTemplate());
 */
export function synthStatefulTemplate(): CfnTemplate {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new StatefulStack(app, 'LtcClaims-Stateful', { env: { region: 'cn-north-1' } });
  return app.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
}

/**
 * CreateTable requests for every AWS::DynamoDB::Table: keys, attributes, GSIs, on-demand billing.
 * @example
 * await client.send(new CreateTableCommand({ ...tableDefinitions(template)[0], TableName: 'claims' }));
 */
export function tableDefinitions(template: CfnTemplate): CreateTableInput[] {
  return resourcesOfType(template, 'AWS::DynamoDB::Table').map(([logicalId, props]) => {
    const indexes = (props.GlobalSecondaryIndexes as Record<string, unknown>[] | undefined) ?? [];
    return {
      TableName: typeof props.TableName === 'string' ? props.TableName : logicalId,
      KeySchema: props.KeySchema as KeySchemaElement[],
      AttributeDefinitions: props.AttributeDefinitions as AttributeDefinition[],
      ...(indexes.length > 0
        ? {
            GlobalSecondaryIndexes: indexes.map(
              (index): GlobalSecondaryIndex => ({
                IndexName: index.IndexName as string,
                KeySchema: index.KeySchema as KeySchemaElement[],
                Projection: index.Projection as GlobalSecondaryIndex['Projection'],
              }),
            ),
          }
        : {}),
      BillingMode: 'PAY_PER_REQUEST',
    };
  });
}

/** The TTL attribute of each table, keyed by the table name {@link tableDefinitions} gives. */
export function timeToLiveAttributes(template: CfnTemplate): Record<string, string> {
  const entries = resourcesOfType(template, 'AWS::DynamoDB::Table').flatMap(([logicalId, props]) => {
    const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
    const name = typeof props.TableName === 'string' ? props.TableName : logicalId;
    return ttl?.Enabled && ttl.AttributeName ? [[name, ttl.AttributeName] as const] : [];
  });
  return Object.fromEntries(entries);
}

/**
 * Every AWS::SQS::Queue, dead-letter queues first, with its redrive target resolved to a name.
 * @example
 * const claims = queueDefinitions(template).find((q) => q.id === 'ClaimsQueue');
 */
export function queueDefinitions(template: CfnTemplate): QueueDefinition[] {
  const queues = resourcesOfType(template, 'AWS::SQS::Queue');
  const nameOf = new Map(queues.map(([logicalId, props]) => [logicalId, queueName(logicalId, props)]));
  const definitions = queues.map(([logicalId, props, resource]): QueueDefinition => {
    const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
    const contentBasedDeduplication = props.ContentBasedDeduplication === true || props.ContentBasedDeduplication === 'true';
    const visibility = optionalNumber(props.VisibilityTimeout);
    const retention = optionalNumber(props.MessageRetentionPeriod);
    const attributes: Record<string, string> = {};
    if (fifo) attributes.FifoQueue = 'true';
    if (fifo) attributes.ContentBasedDeduplication = String(contentBasedDeduplication);
    if (visibility !== undefined) attributes.VisibilityTimeout = String(visibility);
    if (retention !== undefined) attributes.MessageRetentionPeriod = String(retention);
    const redrive = props.RedrivePolicy as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | undefined;
    const target = redrive ? referencedLogicalId(redrive.deadLetterTargetArn) : undefined;
    if (redrive && (target === undefined || !nameOf.has(target))) {
      throw new Error(`queue ${logicalId} redrives to a queue outside this template`);
    }
    return {
      logicalId,
      id: constructId(logicalId, resource),
      queueName: nameOf.get(logicalId) as string,
      fifo,
      contentBasedDeduplication,
      ...(visibility !== undefined ? { visibilityTimeoutSeconds: visibility } : {}),
      ...(retention !== undefined ? { messageRetentionPeriodSeconds: retention } : {}),
      ...(redrive && target
        ? {
            redrive: {
              deadLetterQueueLogicalId: target,
              deadLetterQueueName: nameOf.get(target) as string,
              maxReceiveCount: Number(redrive.maxReceiveCount),
            },
          }
        : {}),
      attributes,
    };
  });
  // Dead-letter queues carry no redrive of their own here, so creating those first suffices.
  return [...definitions.filter((q) => !q.redrive), ...definitions.filter((q) => q.redrive)];
}

/** Every AWS::S3::Bucket with the name a local S3 can create it under. */
export function bucketDefinitions(template: CfnTemplate): BucketDefinition[] {
  return resourcesOfType(template, 'AWS::S3::Bucket').map(([logicalId, props, resource]) => ({
    logicalId,
    id: constructId(logicalId, resource),
    bucketName: typeof props.BucketName === 'string' ? props.BucketName : logicalId.toLowerCase(),
    versioned: (props.VersioningConfiguration as { Status?: string } | undefined)?.Status === 'Enabled',
  }));
}

function resourcesOfType(template: CfnTemplate, type: string): [string, Record<string, unknown>, CfnResource][] {
  return Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}, resource]);
}

function queueName(logicalId: string, props: Record<string, unknown>): string {
  if (typeof props.QueueName === 'string') return props.QueueName;
  const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
  return fifo ? `${logicalId}.fifo` : logicalId;
}

/** `LtcClaims-Stateful/ClaimsQueue/Resource` → `ClaimsQueue`, when path metadata is present. */
function constructId(logicalId: string, resource: CfnResource): string {
  const path = resource.Metadata?.['aws:cdk:path'];
  if (typeof path !== 'string') return logicalId;
  const parts = path.split('/').slice(1);
  if (parts.at(-1) === 'Resource') parts.pop();
  return parts.join('/') || logicalId;
}

function referencedLogicalId(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    const ref = (value as { Ref?: unknown }).Ref;
    if (typeof ref === 'string') return ref;
  }
  return undefined;
}

function optionalNumber(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}
