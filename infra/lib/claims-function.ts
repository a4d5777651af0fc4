/**
 * One Lambda function the way this project wants all of them: nodejs22.x on arm64, bundled by the
 * local esbuild as ESM, X-Ray active, its own log group with a retention, encrypted with the
 * customer-managed key, and its own role that can write only to that log group until the caller
 * grants exactly the table and queue actions it needs.
 */
import { fileURLToPath } from 'node:url';
import { type Duration, Validations } from 'aws-cdk-lib';
import { type PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LOG_RETENTION, METRICS_NAMESPACE, SERVICE_NAME } from './settings.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ClaimsFunctionProps {
  /** The handler file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly environment: Record<string, string>;
  /** Exactly the data-plane actions this function needs; no wildcards. */
  readonly statements: PolicyStatement[];
  /** Encrypts the function's log group (the customer-managed data key). */
  readonly logKey: IKey;
  /** The HMAC key of person pseudonyms in logs, resolved into LOG_PSEUDONYM_KEY at deploy time. */
  readonly logPseudonymKey?: ISecret;
  /** Concurrency kept for this function alone, and its ceiling. */
  readonly reservedConcurrency?: number;
}

/**
 * @example
 * new ClaimsFunction(this, 'ReadClaims', {
 *   entry: 'functions/read-claims/handler.ts', description: 'GET /claims', timeout: Duration.seconds(10),
 *   environment: { TABLE_NAME: table.tableName }, statements: [readTable],
 * });
 */
export class ClaimsFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ClaimsFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: LOG_RETENTION, encryptionKey: props.logKey });
    // An explicit role instead of AWSLambdaBasicExecutionRole, whose logs:* reach every log group.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    this.logGroup.grantWrite(this.role);
    for (const statement of props.statements) this.role.addToPrincipalPolicy(statement);

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${repoRoot}${props.entry}`,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
        // A CloudFormation dynamic reference: the key is not in the template, only in the function's configuration.
        ...(props.logPseudonymKey ? { LOG_PSEUDONYM_KEY: props.logPseudonymKey.secretValue.unsafeUnwrap() } : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies still call require(); ESM output needs it defined.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        // The SDK clients are pinned in package.json; bundle them rather than trust the runtime's copy.
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        forceDockerBundling: false,
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x on purpose: the engine, tests and local runtime are all built and checked on Node 22.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray grants on no narrower resource.',
    });
  }
}
