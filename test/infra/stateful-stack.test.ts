import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADJUDICATOR_TIMEOUT } from '../../infra/lib/settings.ts';
import { StatefulStack } from '../../infra/lib/stateful-stack.ts';

let template: Template;

beforeAll(() => {
  const app = new App({ builtinCloudFormationValidation: false });
  template = Template.fromStack(new StatefulStack(app, 'Stateful', { env: { region: 'cn-north-1' } }));
});

const dataKey = { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] };

describe('the claims table', () => {
  it('is a single on-demand table with PITR, the customer-managed key and deletion protection, retained', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: dataKey },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    });
  });

  it.each(['gsi1', 'gsi2'])('has %s keyed on string <name>pk / <name>sk, projecting everything', (indexName) => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: indexName,
          KeySchema: [
            { AttributeName: `${indexName}pk`, KeyType: 'HASH' },
            { AttributeName: `${indexName}sk`, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]),
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: `${indexName}pk`, AttributeType: 'S' },
        { AttributeName: `${indexName}sk`, AttributeType: 'S' },
      ]),
    });
  });

  it('is encrypted by a key that rotates and is retained', () => {
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
  });
});

describe('the data key', () => {
  it('lets CloudWatch Logs of this account and region use it, by the regional principal of whichever partition', () => {
    // logs.<region>.amazonaws.com, or logs.cn-north-1.amazonaws.com.cn in aws-cn: the URL suffix decides.
    const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'CloudWatchLogsOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: join('logs.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }) },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': join(
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':logs:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':log-group:*',
                ),
              },
            },
          },
        ]),
      },
    });
  });

  it('encrypts the pseudonym key of the logs, which is retained so pseudonyms outlive a redeploy', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KmsKeyId: dataKey, GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) }),
    });
  });
});

describe('the FIFO queues', () => {
  const queues = () => template.findResources('AWS::SQS::Queue');
  const mainQueues = () => Object.entries(queues()).filter(([id]) => /^(Claims|Subsidy)Queue[0-9A-F]{8}$/.test(id));

  it('are two, each redriving after 5 receives to its own FIFO dead-letter queue', () => {
    const main = mainQueues();
    expect(main.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['ClaimsQueue', 'SubsidyQueue']);
    const targets = main.map(([, q]) => {
      const redrive = q.Properties.RedrivePolicy;
      expect(redrive?.maxReceiveCount).toBe(5);
      const dlqId: string = redrive?.deadLetterTargetArn?.['Fn::GetAtt']?.[0];
      expect(queues()[dlqId]?.Properties.FifoQueue).toBe(true);
      return dlqId;
    });
    expect(new Set(targets).size).toBe(2);
  });

  it('are FIFO with producer-supplied deduplication ids, KMS-encrypted, retained', () => {
    for (const [, queue] of mainQueues()) {
      expect(queue.Properties).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, KmsMasterKeyId: expect.anything() });
      expect(queue.DeletionPolicy).toBe('Retain');
    }
    for (const queue of Object.values(queues())) {
      expect(queue.Properties.KmsMasterKeyId?.['Fn::GetAtt']?.[0]).toMatch(/^DataKey/);
    }
  });

  it('hide an in-flight batch for at least six adjudicator timeouts', () => {
    for (const [, queue] of mainQueues()) {
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * ADJUDICATOR_TIMEOUT.toSeconds());
    }
  });

  it('all refuse requests without TLS', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
    });
    const covered = Object.values(policies).flatMap((p) => p.Properties.Queues.map((q: { Ref: string }) => q.Ref));
    expect(covered.sort()).toEqual(Object.keys(queues()).sort());
  });
});

describe('the documents bucket', () => {
  const documents = () => {
    const found = Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('DocumentsBucket'));
    if (!found) throw new Error('no documents bucket');
    return found;
  };

  it('is KMS-encrypted with the data key, versioned, private and logs access to the log bucket', () => {
    const [, bucket] = documents();
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName.Ref).toMatch(/^AccessLogsBucket/);
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('denies every request made without TLS', () => {
    const [id] = documents();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the user pool', () => {
  it('has the three role groups', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['bureau', 'finance', 'institution']);
  });

  it('carries an immutable institutionId, requires MFA and lets nobody sign up alone', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'institutionId', Mutable: false, AttributeDataType: 'String' })]),
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('has an app client that cannot write institutionId', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { WriteAttributes: ['email'] });
  });
});

describe('with an external issuer', () => {
  it('creates no user pool and hands the issuer on', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const issuer = { issuerUrl: 'https://idp.example.cn/realms/ltc', audience: ['ltc-claims'] };
    const stack = new StatefulStack(app, 'Stateful', { externalIssuer: issuer });

    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPool', 0);
    expect(stack.tokenIssuer).toEqual(issuer);
  });
});
