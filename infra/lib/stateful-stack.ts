/**
 * Everything that holds data and must outlive a redeploy: the single table, the two FIFO queues with
 * their dead-letter queues, the document bucket, the user pool, and the key that encrypts them.
 * All of it is RETAINed; the stateless stack receives it through {@link StatefulResources}.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  type IUserPool,
  type IUserPoolClient,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, type ITable, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CHANGES_QUEUE_VISIBILITY_TIMEOUT, MAX_RECEIVE_COUNT, QUEUE_VISIBILITY_TIMEOUT } from './settings.ts';

/** What the stateless stack may use. Nothing else crosses the stack boundary. */
export interface StatefulResources {
  /** Encrypts the table, the queues, the document bucket and the log groups. */
  readonly dataKey: IKey;
  /** The key of the person pseudonyms in logs (functions/pseudonym.ts); kept across redeploys so pseudonyms stay stable. */
  readonly logPseudonymKey: ISecret;
  readonly table: ITable;
  /** Care-service and medical claims; message group = person. */
  readonly claimsQueue: IQueue;
  readonly claimsDeadLetterQueue: IQueue;
  /** Construction and operating subsidies; message group = institution. */
  readonly subsidyQueue: IQueue;
  readonly subsidyDeadLetterQueue: IQueue;
  /** Reference changes to fan out (registry records, policy versions); message group = the change. */
  readonly changesQueue: IQueue;
  readonly changesDeadLetterQueue: IQueue;
  /** Imports and monthly statements. */
  readonly documentsBucket: IBucket;
  /** Who signs the bearer tokens the HTTP API accepts. */
  readonly tokenIssuer: TokenIssuer;
  /** The Cognito user pool, when there is one (the console adds its own sign-in client to it). */
  readonly userPool?: IUserPool;
}

/** An OpenID Connect issuer and the audiences (client ids) its tokens must carry. */
export interface TokenIssuer {
  readonly issuerUrl: string;
  readonly audience: string[];
}

export interface StatefulStackProps extends StackProps {
  /**
   * An external OpenID Connect issuer (the bureau's own IdP) instead of a Cognito user pool.
   * CloudFormation has no Cognito user pools in cn-north-1 and cn-northwest-1, so an aws-cn deployment
   * needs one; its tokens must carry the role in a `cognito:groups`-compatible claim.
   * @default - a Cognito user pool with the groups institution, bureau and finance
   */
  readonly externalIssuer?: TokenIssuer;
}

/**
 * gsi1 lists an institution's claims by month; gsi2 is the (sparse) review queue; gsi3 lists partition
 * heads by the latest date their claims name (keys only), for the fan-out of a policy change.
 */
export const TABLE_INDEXES = ['gsi1', 'gsi2', 'gsi3'] as const;

/** The three roles of DOMAIN.md: institutions submit, the bureau reviews and loads data, finance pays. */
export const USER_GROUPS = ['institution', 'bureau', 'finance'] as const;

/**
 * @example
 * const stateful = new StatefulStack(app, 'LtcClaims-Stateful', { env: { region: 'cn-north-1' } });
 * new StatelessStack(app, 'LtcClaims-Stateless', { resources: stateful });
 */
export class StatefulStack extends Stack implements StatefulResources {
  readonly dataKey: Key;
  readonly logPseudonymKey: Secret;
  readonly table: Table;
  readonly claimsQueue: Queue;
  readonly claimsDeadLetterQueue: Queue;
  readonly subsidyQueue: Queue;
  readonly subsidyDeadLetterQueue: Queue;
  readonly changesQueue: Queue;
  readonly changesDeadLetterQueue: Queue;
  readonly documentsBucket: Bucket;
  readonly accessLogsBucket: Bucket;
  readonly tokenIssuer: TokenIssuer;
  /** Undefined when an external issuer was given. */
  readonly userPool?: UserPool;
  readonly userPoolClient?: IUserPoolClient;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    // Grant log delivery by bucket policy rather than by the legacy ACL, so ACLs can stay disabled.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    this.dataKey = new Key(this, 'DataKey', {
      description: 'ltc-claims: personal health and claim data at rest (table, queues, documents, logs)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.allowLogsToUseKey();
    this.logPseudonymKey = new Secret(this, 'LogPseudonymKey', {
      description: 'ltc-claims: HMAC key of the person pseudonyms in logs',
      encryptionKey: this.dataKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logPseudonymKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A pseudonymisation key, not a credential: rotating it would cut every person’s log trail in two; only the functions read it.',
    });

    this.table = this.createTable();
    [this.claimsQueue, this.claimsDeadLetterQueue] = this.createFifoQueue('ClaimsQueue');
    [this.subsidyQueue, this.subsidyDeadLetterQueue] = this.createFifoQueue('SubsidyQueue');
    [this.changesQueue, this.changesDeadLetterQueue] = this.createFifoQueue('ChangesQueue', CHANGES_QUEUE_VISIBILITY_TIMEOUT);
    [this.documentsBucket, this.accessLogsBucket] = this.createBuckets();
    if (props.externalIssuer) {
      this.tokenIssuer = props.externalIssuer;
    } else {
      const [userPool, userPoolClient] = this.createUserPool();
      this.userPool = userPool;
      this.userPoolClient = userPoolClient;
      this.tokenIssuer = {
        // Built by hand: HttpUserPoolAuthorizer hard-codes amazonaws.com, which is wrong in aws-cn.
        issuerUrl: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${userPool.userPoolId}`,
        audience: [userPoolClient.userPoolClientId],
      };
      new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    }

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'ClaimsQueueUrl', { value: this.claimsQueue.queueUrl });
    new CfnOutput(this, 'SubsidyQueueUrl', { value: this.subsidyQueue.queueUrl });
    new CfnOutput(this, 'ChangesQueueUrl', { value: this.changesQueue.queueUrl });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.documentsBucket.bucketName });
  }

  /**
   * CloudWatch Logs encrypts the log groups with the data key. Its service principal is regional and
   * partition-specific (logs.cn-north-1.amazonaws.com.cn in aws-cn), and the key is usable only for
   * this account's log groups in this region (the encryption context CloudWatch Logs sends).
   */
  private allowLogsToUseKey(): void {
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.${Aws.URL_SUFFIX}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
        },
      }),
    );
  }

  /** The single-table layout is documented in functions/adapters/keys.ts. */
  private createTable(): Table {
    const table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      deletionProtection: true,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An institution's claims by month of submission: gsi1pk = I#<institutionId>#<YYYY-MM>.
    table.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    // The review queue, sparse: only claims waiting for a bureau decision carry gsi2pk.
    table.addGlobalSecondaryIndex({
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    // Partition heads by the latest date their claims name: gsi3pk = HEADS#<family>, gsi3sk = <date>#<partition>.
    table.addGlobalSecondaryIndex({
      indexName: 'gsi3',
      partitionKey: { name: 'gsi3pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi3sk', type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    return table;
  }

  /**
   * The producer sends an explicit MessageDeduplicationId (the claim id and content hash), so
   * content-based deduplication stays off: two identical bodies for different claims must both pass.
   */
  private createFifoQueue(id: string, visibilityTimeout = QUEUE_VISIBILITY_TIMEOUT): [Queue, Queue] {
    const deadLetterQueue = new Queue(this, `${id}DeadLetters`, {
      fifo: true,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.dataKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const queue = new Queue(this, id, {
      fifo: true,
      contentBasedDeduplication: false,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.dataKey,
      enforceSSL: true,
      visibilityTimeout,
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return [queue, deadLetterQueue];
  }

  private createBuckets(): [Bucket, Bucket] {
    // Server access logs cannot be delivered to a bucket encrypted with a customer-managed key.
    const accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log target itself; logging it into itself would loop.',
    });
    const documentsBucket = new Bucket(this, 'DocumentsBucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'documents/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return [documentsBucket, accessLogsBucket];
  }

  private createUserPool(): [UserPool, IUserPoolClient] {
    const userPool = new UserPool(this, 'UserPool', {
      // Accounts are issued by the bureau; nobody signs themselves up to see health data.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      customAttributes: {
        // Set once by the bureau when the account is created; the API scopes every request by it.
        institutionId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      mfa: Mfa.REQUIRED,
      // TOTP only: SMS would need an SNS sender and a registered signature in the China regions.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'Staff accounts are few and bureau-issued with TOTP MFA required; the Plus plan adds per-user cost for little.',
    });
    for (const groupName of USER_GROUPS) {
      new UserPoolGroup(this, `Group-${groupName}`, { userPool, groupName, description: `ltc-claims ${groupName} role` });
    }
    const userPoolClient = userPool.addClient('AppClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // Users may not write institutionId (or anything but their email) through the client.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
    return [userPool, userPoolClient];
  }
}
