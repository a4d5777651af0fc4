import { beforeAll, describe, expect, it } from 'vitest';
import {
  bucketDefinitions,
  type CfnTemplate,
  queueDefinitions,
  synthStatefulTemplate,
  tableDefinitions,
  timeToLiveAttributes,
} from '../../infra/local/template.ts';

let template: CfnTemplate;

beforeAll(() => {
  template = synthStatefulTemplate();
});

describe('tableDefinitions', () => {
  it('turns the stateful table into an on-demand CreateTable request with its three GSIs', () => {
    const tables = tableDefinitions(template);

    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([
      'gsi1pk',
      'gsi1sk',
      'gsi2pk',
      'gsi2sk',
      'gsi3pk',
      'gsi3sk',
      'pk',
      'sk',
    ]);
    expect(table?.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'gsi2',
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'gsi3',
        KeySchema: [
          { AttributeName: 'gsi3pk', KeyType: 'HASH' },
          { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
  });

  it('names a table by its logical id unless the template names it, and keeps only CreateTable fields', () => {
    const named: CfnTemplate = {
      Resources: {
        Orders: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'orders',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          },
        },
      },
    };

    expect(tableDefinitions(named)).toEqual([
      {
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ]);
    expect(tableDefinitions(template)[0]?.TableName).toMatch(/^Table[0-9A-F]{8}$/);
  });

  it('reports the expiresAt TTL attribute under the table name', () => {
    const [table] = tableDefinitions(template);

    expect(timeToLiveAttributes(template)).toEqual({ [table?.TableName as string]: 'expiresAt' });
  });
});

describe('queueDefinitions', () => {
  it('lists each dead-letter queue before the FIFO queue that redrives to it', () => {
    const queues = queueDefinitions(template);

    expect(queues.map((q) => q.id)).toEqual([
      'ClaimsQueueDeadLetters',
      'SubsidyQueueDeadLetters',
      'ChangesQueueDeadLetters',
      'ClaimsQueue',
      'SubsidyQueue',
      'ChangesQueue',
    ]);
    const claims = queues.find((q) => q.id === 'ClaimsQueue');
    const claimsDlq = queues.find((q) => q.id === 'ClaimsQueueDeadLetters');
    expect(claims?.redrive).toEqual({
      deadLetterQueueLogicalId: claimsDlq?.logicalId,
      deadLetterQueueName: claimsDlq?.queueName,
      maxReceiveCount: 5,
    });
    expect(queues.indexOf(claimsDlq as never)).toBeLessThan(queues.indexOf(claims as never));
  });

  it('keeps FIFO, explicit deduplication and the visibility timeout as CreateQueue attributes', () => {
    const subsidy = queueDefinitions(template).find((q) => q.id === 'SubsidyQueue');

    expect(subsidy?.queueName).toMatch(/^SubsidyQueue[0-9A-F]{8}\.fifo$/);
    expect(subsidy?.fifo).toBe(true);
    expect(subsidy?.contentBasedDeduplication).toBe(false);
    expect(subsidy?.attributes).toEqual({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      VisibilityTimeout: '360',
      MessageRetentionPeriod: '1209600',
    });
  });

  it('refuses a redrive to a queue the template does not define', () => {
    const broken: CfnTemplate = {
      Resources: {
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: { RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:x:1:elsewhere', maxReceiveCount: 3 } },
        },
      },
    };

    expect(() => queueDefinitions(broken)).toThrow(/outside this template/);
  });
});

describe('bucketDefinitions', () => {
  it('gives each bucket a lower-case name and its versioning', () => {
    const buckets = bucketDefinitions(template);

    expect(buckets.map((b) => b.id).sort()).toEqual(['AccessLogsBucket', 'DocumentsBucket']);
    for (const bucket of buckets) {
      expect(bucket.bucketName).toBe(bucket.logicalId.toLowerCase());
      expect(bucket.versioned).toBe(true);
    }
  });
});
