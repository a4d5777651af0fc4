/**
 * The web console, deployed: its files in a private S3 bucket encrypted with a key of its own, served
 * through the HTTP API by a small function (GET /console/…), and a `config.json` written beside them
 * at deploy time with the API URL and the identity settings, so nothing of either is in the bundle.
 *
 * Why not CloudFront: it exists in aws-cn, but only on an ICP-filed domain of the operator's, with no
 * default *.cloudfront.net name; serving through the API is the same in both partitions, TLS only
 * (API Gateway has no plain-HTTP listener) and same-origin with the API (no CORS).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ClaimsFunction } from './claims-function.ts';
import { LOG_RETENTION } from './settings.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What the page reads from config.json (console/src/config.ts). */
export interface ConsoleConfig {
  readonly apiUrl: string;
  readonly auth: {
    readonly mode: 'oidc';
    readonly issuer: string;
    readonly clientId: string;
    readonly scopes: readonly string[];
    readonly authorizeEndpoint?: string;
    readonly tokenEndpoint?: string;
    readonly logoutEndpoint?: string;
  };
}

/**
 * @example
 * const hosting = new ConsoleHosting(this, 'Console');   // before the API: its function serves routes
 * hosting.deploy({ apiUrl, auth: { mode: 'oidc', issuer, clientId, scopes: ['openid'] } });
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly server: ClaimsFunction;
  /** Encrypts the log groups (the stack's customer-managed data key). */
  private readonly logKey: IKey;
  /** What config.json says, as given to deploy() (tokens resolve at deploy time). */
  config?: ConsoleConfig;

  constructor(scope: Construct, id: string, props: { readonly logKey: IKey }) {
    super(scope, id);
    this.logKey = props.logKey;
    // Its own key: the bundle is no claims data, and a key in this stack keeps the stateful one untouched.
    this.key = new Key(this, 'Key', {
      description: 'ltc-claims web console bundle',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The deployment empties it when it is deleted; everything in it is rebuilt from the repository.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'A build artifact rewritten on every deploy and read only by the serving function; each request is in the API access log.',
    });
    this.server = new ClaimsFunction(this, 'Server', {
      entry: 'functions/serve-console/handler.ts',
      description: 'GET /console/... (public): the web console from its private bucket',
      timeout: Duration.seconds(10),
      memorySize: 512,
      environment: { CONSOLE_BUCKET: this.bucket.bucketName },
      statements: [
        new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects('*')] }),
        new PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.key.keyArn] }),
      ],
      logKey: props.logKey,
    });
    Validations.of(this.server.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.bucketLogicalId()}.Arn>/*]`,
      reason: 'The bundle’s files are named by the build; s3:GetObject only, on this bucket only.',
    });
  }

  private bucketLogicalId(): string {
    return (Stack.of(this).resolve(this.bucket.bucketArn) as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  }

  /** Uploads the built bundle and writes config.json beside it (the values resolve at deploy time). */
  deploy(config: ConsoleConfig): BucketDeployment {
    this.config = config;
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the web console bundle and its config.json into the console bucket',
    });
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: LOG_RETENTION, encryptionKey: this.logKey });
    logGroup.grantWrite(role);
    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [bundle(), Source.jsonData('config.json', config)],
      prune: true,
      retainOnDelete: false,
      role,
      logGroup,
      memoryLimit: 512,
    });
    const stack = Stack.of(this);
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const bucketId = this.bucketLogicalId();
    const granted = [
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'].map(
        (a) => `Action::${a}`,
      ),
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*`,
      `Resource::<${bucketId}.Arn>/*`,
    ];
    for (const finding of granted) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: 'aws-cdk-lib’s BucketDeployment grants: read the bootstrap asset bucket, write and prune this bucket, at deploy time only.',
      });
    }
    // The deployment's handler is a stack-level singleton that aws-cdk-lib creates and keeps current.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-L1',
          reason: 'aws-cdk-lib’s BucketDeployment handler: its runtime is chosen by aws-cdk-lib and it runs only during a deploy.',
        });
      }
    }
    return deployment;
  }
}

/** The console built by Vite into the asset directory at synth time (no Docker). */
function bundle() {
  return Source.asset(`${repoRoot}console`, {
    assetHashType: AssetHashType.OUTPUT,
    exclude: ['dist', 'e2e', 'node_modules'],
    bundling: {
      // Never used: the local build below always answers.
      image: DockerImage.fromRegistry('node:22-slim'),
      local: {
        tryBundle(outputDir: string) {
          const vite = `${repoRoot}node_modules/vite/bin/vite.js`;
          const r = spawnSync(
            process.execPath,
            [vite, 'build', '-c', `${repoRoot}console/vite.config.ts`, '--outDir', outputDir, '--emptyOutDir'],
            {
              cwd: repoRoot,
              stdio: ['ignore', 'ignore', 'inherit'],
            },
          );
          if (r.status !== 0) throw new Error(`the console build failed (exit ${r.status}); run npm run build:console to see why`);
          return true;
        },
      },
    },
  });
}
