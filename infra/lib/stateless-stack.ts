/**
 * Everything that can be torn down and redeployed without losing data: the five functions, the HTTP
 * API in front of four of them, and the alarms. It reaches the stateful resources only through
 * {@link StatelessStackProps.resources}, and each function gets exactly the actions its code performs.
 */
import { Aws, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IAlarm, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { ClientAttributes, OAuthScope, UserPoolClient, UserPoolClientIdentityProvider, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { API_ROUTES, type ApiFunction, routeKey } from '../../functions/http/routes.ts';
import { ClaimsFunction } from './claims-function.ts';
import { ConsoleHosting } from './console-hosting.ts';
import {
  ADJUDICATOR_TIMEOUT,
  API_THROTTLE,
  DRAFT_STATEMENT_SCHEDULE,
  FAN_OUT_CONCURRENCY,
  FAN_OUT_TIMEOUT,
  FINANCE_TIMEOUT,
  LOG_RETENTION,
  MAX_RECEIVE_COUNT,
  OLDEST_MESSAGE_ALARM_AGE,
  RESERVED_CONCURRENCY,
  ROUTE_THROTTLE,
  SUBMITTED_AT_MAX_SKEW,
} from './settings.ts';
import { type StatefulResources, TABLE_INDEXES } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  readonly resources: StatefulResources;
  /** The web console's sign-in; see {@link ConsoleSignIn}. */
  readonly console?: ConsoleSignIn;
}

/**
 * How the deployed console signs users in (OIDC authorization code + PKCE). With the Cognito user pool
 * the stack adds a hosted-UI domain and a public app client of its own; with an external issuer
 * (aws-cn) the bureau registers `<api>/console/` as a redirect URI at its IdP and names the client.
 */
export interface ConsoleSignIn {
  /** The client id at the external issuer. @default the first audience of the issuer */
  readonly clientId?: string;
  /** The Cognito hosted-UI domain prefix. @default ltc-claims-<account> */
  readonly domainPrefix?: string;
}

/** KMS actions for reading the table (or receiving from a queue) encrypted with the data key. */
const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
/**
 * Writing to the table, sending to a queue or putting an object also has the service make a data key
 * under the key (GenerateDataKey); none of them calls kms:Encrypt, so no function may.
 */
const KEY_WRITE = [...KEY_READ, 'kms:GenerateDataKey'];

/** The partition keys each writer writes (functions/adapters/keys.ts). */
export const SUBMIT_WRITES = ['IDEM#*', 'IDEM-MIGRATION#*', 'ID#*'];
export const ADJUDICATOR_WRITES = ['P#*', 'ID#*', 'L#*', 'CTRL#*', 'FAIL#*', 'CHANGE#*', 'PI#*'];
/** The fan-out of a reference change moves only its job's cursor and total. */
export const FAN_OUT_WRITES = ['CHANGE#*'];
export const FINANCE_WRITES = ['PAY#*', 'IMPORT#*', 'IMPORTS', 'L#*', 'CLOSE'];

/**
 * @example
 * new StatelessStack(app, 'LtcClaims-Stateless', { resources: stateful, env });
 */
export class StatelessStack extends Stack {
  readonly functions: Record<
    | 'submitClaims'
    | 'adjudicateClaims'
    | 'fanOutChanges'
    | 'readClaims'
    | 'reviewClaims'
    | 'loadReferenceData'
    | 'finance'
    | 'apiDocs'
    | 'serveConsole',
    ClaimsFunction
  >;
  readonly api: HttpApi;
  readonly console: ConsoleHosting;
  readonly alarms: IAlarm[] = [];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const {
      table,
      dataKey,
      logPseudonymKey,
      claimsQueue,
      subsidyQueue,
      changesQueue,
      claimsDeadLetterQueue,
      subsidyDeadLetterQueue,
      documentsBucket,
    } = props.resources;

    const tableArns = [table.tableArn];
    // Named indexes rather than index/*: least privilege, and no wildcard for cdk-nag to flag.
    const tableAndIndexArns = [table.tableArn, ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index}`)];
    const onTable = (actions: string[], resources = tableArns) => new PolicyStatement({ actions, resources });
    /**
     * Actions on items whose partition key matches one of `prefixes` only (dynamodb:LeadingKeys; in a
     * TransactWriteItems each item is authorised by its own key), so a function can write no item of
     * another's: the key layout is in functions/adapters/keys.ts.
     */
    const onKeys = (actions: string[], prefixes: string[]) =>
      new PolicyStatement({
        actions,
        resources: tableArns,
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } },
      });
    const common = { logKey: dataKey, logPseudonymKey };
    const onKey = (actions: string[]) => new PolicyStatement({ actions, resources: [dataKey.keyArn] });
    const tableEnv = { TABLE_NAME: table.tableName };

    const submitClaims = new ClaimsFunction(this, 'SubmitClaims', {
      entry: 'functions/submit-claims/handler.ts',
      description: 'POST /claims and POST /migrations/claims: stamp, validate, reserve ids, enqueue',
      timeout: Duration.seconds(25),
      environment: {
        ...tableEnv,
        CLAIMS_QUEUE_URL: claimsQueue.queueUrl,
        SUBSIDY_QUEUE_URL: subsidyQueue.queueUrl,
        SUBMITTED_AT_MAX_SKEW_SECONDS: String(SUBMITTED_AT_MAX_SKEW.toSeconds()),
      },
      statements: [
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [claimsQueue.queueArn, subsidyQueue.queueArn] }),
        // Idempotency records: acquire (Put), replay (Get), complete (Update), release (Delete);
        // claim-id reservations: reserve and release (Update), read the holder (Get).
        onKeys(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], SUBMIT_WRITES),
        // The service records of the persons a submission names.
        onKeys(['dynamodb:BatchGetItem'], ['SERVES#*']),
        onKey(KEY_WRITE),
      ],
      reservedConcurrency: RESERVED_CONCURRENCY.submitClaims,
      ...common,
    });

    const adjudicateClaims = new ClaimsFunction(this, 'AdjudicateClaims', {
      entry: 'functions/adjudicate-claims/handler.ts',
      description: 'Adjudicates FIFO batches in one TransactWriteItems per claim',
      timeout: ADJUDICATOR_TIMEOUT,
      environment: {
        ...tableEnv,
        CLAIMS_QUEUE_ARN: claimsQueue.queueArn,
        CLAIMS_DLQ_URL: claimsDeadLetterQueue.queueUrl,
        SUBSIDY_QUEUE_ARN: subsidyQueue.queueArn,
        SUBSIDY_DLQ_URL: subsidyDeadLetterQueue.queueUrl,
      },
      statements: [
        // Poison messages are parked in the dead-letter queues at once (functions/adapters/dead-letters.ts).
        new PolicyStatement({
          actions: ['sqs:SendMessage'],
          resources: [claimsDeadLetterQueue.queueArn, subsidyDeadLetterQueue.queueArn],
        }),
        // Reads: partitions, claim-id guards, the registry records and policy versions the rules consult,
        // closes, and whether a reference change has re-decided a partition (its marker).
        onKeys(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'], ['P#*', 'ID#*', 'REG#*', 'POLICY', 'CLOSE', 'CHANGE#*']),
        // TransactWriteItems is authorised per item as PutItem, UpdateItem and ConditionCheckItem.
        onKeys(['dynamodb:PutItem', 'dynamodb:UpdateItem'], ADJUDICATOR_WRITES),
        onKeys(['dynamodb:ConditionCheckItem'], ['CLOSE']),
        onKey(KEY_WRITE),
      ],
      reservedConcurrency: RESERVED_CONCURRENCY.adjudicateClaims,
      ...common,
    });
    for (const queue of [claimsQueue, subsidyQueue]) {
      adjudicateClaims.function.addEventSource(
        // At most as many pollers as the function has concurrency: more would only be throttled.
        new SqsEventSource(queue, {
          batchSize: 10,
          reportBatchItemFailures: true,
          maxConcurrency: RESERVED_CONCURRENCY.adjudicateClaims,
        }),
      );
    }

    const fanOutChanges = new ClaimsFunction(this, 'FanOutChanges', {
      entry: 'functions/fan-out-changes/handler.ts',
      description: 'Sends every partition a reference change can move a reprocess message',
      timeout: FAN_OUT_TIMEOUT,
      environment: {
        ...tableEnv,
        CLAIMS_QUEUE_URL: claimsQueue.queueUrl,
        SUBSIDY_QUEUE_URL: subsidyQueue.queueUrl,
        CHANGES_QUEUE_URL: changesQueue.queueUrl,
      },
      statements: [
        // Reprocess messages to the adjudicator's queues; a continuation to its own.
        new PolicyStatement({
          actions: ['sqs:SendMessage'],
          resources: [claimsQueue.queueArn, subsidyQueue.queueArn, changesQueue.queueArn],
        }),
        // The change's job (read, cursor and total moved), an institution's partitions (PI#) and the
        // earliest policy version (POLICY, keys only).
        onKeys(['dynamodb:GetItem', 'dynamodb:UpdateItem'], FAN_OUT_WRITES),
        onKeys(['dynamodb:Query'], ['PI#*', 'POLICY']),
        // The heads by latest date (keys only: partition names, nothing of a claim).
        new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/gsi3`] }),
        onKey(KEY_WRITE),
      ],
      ...common,
    });
    // One change at a time per invocation: it has the whole timeout to page before handing on.
    // Changes are few and each fans out in order; two pollers (SQS's least) keep them moving.
    fanOutChanges.function.addEventSource(
      new SqsEventSource(changesQueue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: FAN_OUT_CONCURRENCY }),
    );

    const readClaims = new ClaimsFunction(this, 'ReadClaims', {
      entry: 'functions/read-claims/handler.ts',
      description: 'GET /claims and GET /claims/{id}',
      timeout: Duration.seconds(10),
      environment: tableEnv,
      statements: [onTable(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'], tableAndIndexArns), onKey(KEY_READ)],
      ...common,
    });

    const reviewClaims = new ClaimsFunction(this, 'ReviewClaims', {
      entry: 'functions/review-claims/handler.ts',
      description: 'GET /review-queue and POST /claims/{id}/review',
      timeout: Duration.seconds(10),
      environment: tableEnv,
      statements: [
        onTable(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'], tableAndIndexArns),
        // A review: the partition head and member, the ledger entry and its running total; the month still open.
        onKeys(['dynamodb:PutItem', 'dynamodb:UpdateItem'], ['P#*', 'L#*']),
        onKeys(['dynamodb:ConditionCheckItem'], ['CLOSE']),
        onKey(KEY_WRITE),
      ],
      ...common,
    });

    const loadReferenceData = new ClaimsFunction(this, 'LoadReferenceData', {
      entry: 'functions/load-reference-data/handler.ts',
      description: 'PUT and GET /registry/... and /policies/..., GET /reference-changes/{changeId}',
      timeout: Duration.seconds(10),
      environment: { ...tableEnv, CHANGES_QUEUE_URL: changesQueue.queueUrl },
      statements: [
        // Query: registry pages, policy versions, a change's markers (base table only).
        onTable(['dynamodb:GetItem', 'dynamodb:Query']),
        // Registry records and policy versions, each in one transaction with its version item and the
        // change's job (Put); a service record in one transaction with its history and its pair item
        // (Put, Update), checking the institution and person (ConditionCheck).
        onKeys(['dynamodb:PutItem'], ['REG#*', 'POLICY', 'REGHIST#*', 'POLICYHIST#*', 'AGREEHIST#*', 'CHANGE#*', 'CHANGES#*']),
        // The first fan-out message of a change.
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [changesQueue.queueArn] }),
        onKeys(['dynamodb:UpdateItem'], ['SERVES#*']),
        onKeys(['dynamodb:ConditionCheckItem'], ['REG#*']),
        onKey(KEY_WRITE),
      ],
      ...common,
    });

    // The API reference: no data, no key, no table.
    const apiDocs = new ClaimsFunction(this, 'ApiDocs', {
      entry: 'functions/api-docs/handler.ts',
      description: 'GET /openapi.json (public): the OpenAPI 3.1 document',
      timeout: Duration.seconds(10),
      memorySize: 512,
      environment: {},
      statements: [],
      logKey: dataKey,
    });

    // The same export the cross-stack reference would create, made explicit so its name is known here.
    const bucketArn = Stack.of(documentsBucket).exportValue(documentsBucket.bucketArn);
    const documentPrefixes = ['imports/*', 'statements/*'];
    const finance = new ClaimsFunction(this, 'Finance', {
      entry: 'functions/finance/handler.ts',
      description: 'Disbursement imports, month statements, month close; drafts the statement on the 1st',
      timeout: FINANCE_TIMEOUT,
      environment: { ...tableEnv, BUCKET_NAME: documentsBucket.bucketName },
      statements: [
        // Statements: Query the registry and counters, BatchGet totals and payment ids. No index is read.
        onTable(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem']),
        // Imports: payments, import records and their markers, the PAID totals (Put/Update/Delete in
        // transactions). Close: a conditional Put.
        onKeys(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], FINANCE_WRITES),
        // Only the two prefixes it writes: raw imports and statements (drafts included).
        new PolicyStatement({ actions: ['s3:PutObject'], resources: documentPrefixes.map((p) => `${bucketArn}/${p}`) }),
        onKey(KEY_WRITE),
      ],
      ...common,
    });
    // cdk-nag names the finding by the resolved ARN: the stateful stack's export of the bucket ARN.
    const exportName = (this.resolve(bucketArn) as { 'Fn::ImportValue': string })['Fn::ImportValue'];
    for (const prefix of documentPrefixes) {
      Validations.of(finance.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${exportName}/${prefix}]`,
        reason: 'Object keys under imports/ and statements/ are named per file and month; s3:PutObject only, on those prefixes only.',
      });
    }
    // Statement drafts on the 1st at 01:00 Asia/Shanghai (see DRAFT_STATEMENT_SCHEDULE for the UTC cron).
    new Rule(this, 'DraftStatementSchedule', {
      description: "Drafts the previous month's statement on the 1st at 01:00 Asia/Shanghai",
      schedule: Schedule.expression(DRAFT_STATEMENT_SCHEDULE),
      targets: [new LambdaFunction(finance.function, { retryAttempts: 2 })],
    });

    this.console = new ConsoleHosting(this, 'Console', { logKey: dataKey });
    const serveConsole = this.console.server;
    this.functions = {
      submitClaims,
      adjudicateClaims,
      fanOutChanges,
      readClaims,
      reviewClaims,
      loadReferenceData,
      finance,
      apiDocs,
      serveConsole,
    };
    this.api = this.createApi(props.resources, props.console ?? {});
    this.createAlarms(props.resources);
  }

  private createApi(resources: StatefulResources, signIn: ConsoleSignIn): HttpApi {
    const { submitClaims, readClaims, reviewClaims, loadReferenceData, finance, apiDocs, serveConsole } = this.functions;
    const { issuerUrl, audience } = resources.tokenIssuer;
    // No default authorizer: the console's app client needs the API's URL, and the authorizer that
    // client, so each route names its authorizer below.
    const api = new HttpApi(this, 'Api', {
      apiName: 'ltc-claims',
      description: 'Long-term-care insurance claims',
      createDefaultStage: false,
    });
    const consoleUrl = `${api.apiEndpoint}/console/`;
    const auth = this.consoleAuth(resources, signIn, consoleUrl);
    const authorizer = new HttpJwtAuthorizer('JwtAuthorizer', issuerUrl, {
      jwtAudience: auth.clientId === undefined || audience.includes(auth.clientId) ? audience : [...audience, auth.clientId],
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: LOG_RETENTION, encryptionKey: resources.dataKey });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      autoDeploy: true,
      // Every route's ceiling; the routes that write have lower ones (ROUTE_THROTTLE).
      throttle: { rateLimit: API_THROTTLE.rateLimit, burstLimit: API_THROTTLE.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
      },
    });

    const byName: Record<ApiFunction, ClaimsFunction> = {
      'submit-claims': submitClaims,
      'read-claims': readClaims,
      'review-claims': reviewClaims,
      'load-reference-data': loadReferenceData,
      finance,
      'api-docs': apiDocs,
      'serve-console': serveConsole,
    };
    const integrations = new Map<ClaimsFunction, HttpLambdaIntegration>();
    const none = new HttpNoneAuthorizer();
    // RouteSettings is free-form JSON in CloudFormation, keyed by route, with RouteSettings' own (PascalCase) names.
    const throttled: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of API_ROUTES) {
      const fn = byName[route.fn];
      const integration = integrations.get(fn) ?? new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function);
      integrations.set(fn, integration);
      const added = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: route.public ? none : authorizer,
      });
      const key = routeKey(route);
      const limit = Object.hasOwn(ROUTE_THROTTLE, key) ? ROUTE_THROTTLE[key as keyof typeof ROUTE_THROTTLE] : undefined;
      if (limit) {
        throttled[key] = { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit };
        // The stage names the route by its key, so the route must exist first.
        for (const r of added) stage.node.addDependency(r);
      }
      if (route.public) {
        for (const r of added) {
          Validations.of(r).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason:
              'Public by design: the OpenAPI document and the console’s static files; they hold no data, every data route needs a JWT.',
          });
        }
      }
    }
    (stage.node.defaultChild as CfnStage).routeSettings = throttled;
    this.console.deploy({
      apiUrl: api.apiEndpoint,
      auth: {
        mode: 'oidc',
        issuer: issuerUrl,
        clientId: auth.clientId ?? audience[0] ?? '',
        scopes: ['openid', 'email', 'profile'],
        ...auth.endpoints,
      },
    });
    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl });
    new CfnOutput(this, 'TokenIssuer', { value: issuerUrl });
    return api;
  }

  /**
   * The console's OIDC client: with the Cognito pool, a hosted-UI domain and a public client (code
   * grant, PKCE, no secret) whose only redirect is the console; otherwise the external issuer's client.
   */
  private consoleAuth(resources: StatefulResources, signIn: ConsoleSignIn, consoleUrl: string) {
    const pool = resources.userPool;
    if (!pool) return { clientId: signIn.clientId, endpoints: {} };
    const domain = new UserPoolDomain(this, 'ConsoleSignInDomain', {
      userPool: pool,
      cognitoDomain: { domainPrefix: signIn.domainPrefix ?? `ltc-claims-${Aws.ACCOUNT_ID}` },
    });
    const client = new UserPoolClient(this, 'ConsoleClient', {
      userPool: pool,
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
    const base = domain.baseUrl();
    return {
      clientId: client.userPoolClientId,
      endpoints: { authorizeEndpoint: `${base}/oauth2/authorize`, tokenEndpoint: `${base}/oauth2/token`, logoutEndpoint: `${base}/logout` },
    };
  }

  /** Alarms only; who gets paged (SNS, DingTalk, WeCom) is an operator's choice, wired to `alarms`. */
  private createAlarms(resources: StatefulResources) {
    const alarm = (id: string, metric: Metric, threshold: number, description: string) => {
      const created = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      this.alarms.push(created);
    };
    const oneMinute = { period: Duration.minutes(1), statistic: 'Maximum' };
    const queues = [
      ['Claims', resources.claimsQueue, resources.claimsDeadLetterQueue],
      ['Subsidy', resources.subsidyQueue, resources.subsidyDeadLetterQueue],
      ['Changes', resources.changesQueue, resources.changesDeadLetterQueue],
    ] as const;
    for (const [name, , deadLetterQueue] of queues) {
      alarm(
        `${name}DeadLettersAlarm`,
        deadLetterQueue.metricApproximateNumberOfMessagesVisible(oneMinute),
        0,
        `A ${name.toLowerCase()} message failed ${MAX_RECEIVE_COUNT} deliveries; the rest of its FIFO group waits behind it.`,
      );
    }
    for (const [name, queue] of queues) {
      alarm(
        `${name}QueueAgeAlarm`,
        queue.metricApproximateAgeOfOldestMessage(oneMinute),
        OLDEST_MESSAGE_ALARM_AGE.toSeconds(),
        `${name} claims have waited more than ${OLDEST_MESSAGE_ALARM_AGE.toMinutes()} minutes for adjudication.`,
      );
    }
    for (const [name, fn] of Object.entries(this.functions)) {
      alarm(
        `${fn.node.id}ErrorsAlarm`,
        fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        0,
        `${name} threw (not a business refusal, which is a response) in the last 5 minutes.`,
      );
    }
  }
}
