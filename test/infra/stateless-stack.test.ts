import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, routeKey } from '../../functions/http/routes.ts';
import { addLtcClaims } from '../../infra/lib/ltc-claims-app.ts';
import { ADJUDICATOR_TIMEOUT } from '../../infra/lib/settings.ts';

let template: Template;
let statefulTemplate: Template;

beforeAll(() => {
  // Bundling is checked once by `npm run synth`; here the five esbuild runs would only cost time.
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const { stateful, stateless } = addLtcClaims(app, { env: { region: 'cn-north-1' } });
  template = Template.fromStack(stateless);
  statefulTemplate = Template.fromStack(stateful);
});

type Statement = { Action: string | string[]; Resource: unknown };
const FUNCTIONS = [
  'SubmitClaims',
  'AdjudicateClaims',
  'FanOutChanges',
  'ReadClaims',
  'ReviewClaims',
  'LoadReferenceData',
  'Finance',
  'ApiDocs',
  'ConsoleServer',
];
/** Our functions, without aws-cdk-lib's BucketDeployment handler (a deploy-time custom resource). */
const ourFunctions = () =>
  Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => !id.startsWith('CustomCDKBucketDeployment')),
  );
const PUBLIC_ROUTES = ['GET /', 'GET /console', 'GET /console/{proxy+}', 'GET /openapi.json'];

/** The statements of one function's role policy, by the construct id the stack gives the function. */
function statementsOf(functionId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const entry = Object.entries(policies).find(([logicalId]) => logicalId.startsWith(`${functionId}RoleDefaultPolicy`));
  if (!entry) throw new Error(`no role policy for ${functionId}`);
  return entry[1].Properties.PolicyDocument.Statement;
}
const actionsOf = (statement: Statement) => [statement.Action].flat();
const dynamoActions = (functionId: string) =>
  statementsOf(functionId)
    .flatMap(actionsOf)
    .filter((a) => a.startsWith('dynamodb:'))
    .sort();
const importOf = (exportPart: RegExp) => ({ 'Fn::ImportValue': Match.stringLikeRegexp(exportPart.source) });

describe('the functions', () => {
  it('all run nodejs22.x on arm64 with active tracing and the Powertools environment', () => {
    const functions = ourFunctions();
    expect(Object.keys(functions)).toHaveLength(FUNCTIONS.length);
    for (const [logicalId, fn] of Object.entries(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'ltc-claims', POWERTOOLS_METRICS_NAMESPACE: 'LtcClaims' } },
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/Logs/) } },
      });
      // Every function but the API reference and the console's file server works on the table.
      if (!/^(ApiDocs|ConsoleServer)/.test(logicalId)) expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    }
  });

  it('give the API reference nothing to read or write: no table, no key, no queue', () => {
    const actions = statementsOf('ApiDocs').flatMap(actionsOf);
    expect(actions.filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual([]);
  });

  it('each log to their own log group, kept for a year and encrypted with the data key', () => {
    // …plus the API's access log and the console deployment's log.
    template.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: 365, KmsKeyId: importOf(/DataKey/) },
      FUNCTIONS.length + 2,
    );
    template.resourceCountIs('AWS::Logs::LogGroup', FUNCTIONS.length + 2);
  });

  it('name persons in logs by a keyed hash whose key the stack resolves from Secrets Manager at deploy time', () => {
    const functions = Object.entries(template.findResources('AWS::Lambda::Function'));
    const withKey = functions.filter(([, f]) => f.Properties.Environment?.Variables?.LOG_PSEUDONYM_KEY !== undefined);
    // All but the API reference and the console's file server, which handle no person data.
    expect(withKey).toHaveLength(FUNCTIONS.length - 2);
    for (const [, f] of withKey) {
      expect(JSON.stringify(f.Properties.Environment.Variables.LOG_PSEUDONYM_KEY)).toMatch(/\{\{resolve:secretsmanager:.*LogPseudonymKey/);
    }
  });

  it('give the submitter both queue URLs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^POST /claims'),
      Environment: {
        Variables: Match.objectLike({ CLAIMS_QUEUE_URL: importOf(/ClaimsQueue/), SUBSIDY_QUEUE_URL: importOf(/SubsidyQueue/) }),
      },
    });
  });

  it('wait at most a sixth of the queue visibility timeout when adjudicating', () => {
    const adjudicator = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).startsWith('Adjudicates'),
    );
    expect(adjudicator?.Properties.Timeout).toBe(ADJUDICATOR_TIMEOUT.toSeconds());
    for (const queue of Object.values(
      statefulTemplate.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }),
    )) {
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * adjudicator?.Properties.Timeout);
    }
  });
});

describe('IAM', () => {
  it('grants no wildcard action to any role (but aws-cdk-lib’s deploy-time bucket copy)', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => !id.startsWith('ConsoleDeployRole'));
    const actions = policies.map(([, p]) => p).flatMap((p) => (p.Properties.PolicyDocument.Statement as Statement[]).flatMap(actionsOf));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('attaches no managed policy (AWSLambdaBasicExecutionRole would open every log group)', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it.each([
    ['SubmitClaims', ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'UpdateItem']],
    ['AdjudicateClaims', ['BatchGetItem', 'ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']],
    ['FanOutChanges', ['GetItem', 'Query', 'Query', 'UpdateItem']],
    ['ReadClaims', ['BatchGetItem', 'GetItem', 'Query']],
    ['ReviewClaims', ['BatchGetItem', 'ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']],
    ['LoadReferenceData', ['ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']],
    ['Finance', ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']],
    ['ApiDocs', []],
    ['ConsoleServer', []],
  ])('gives %s exactly the DynamoDB actions %j', (functionId, actions) => {
    expect(dynamoActions(functionId)).toEqual(actions.map((a) => `dynamodb:${a}`));
  });

  it.each([
    ['ReadClaims', ['gsi1', 'gsi2', 'gsi3']],
    ['ReviewClaims', ['gsi1', 'gsi2', 'gsi3']],
    ['FanOutChanges', ['gsi3']],
    ['SubmitClaims', false],
    ['AdjudicateClaims', false],
    ['LoadReferenceData', false],
    ['Finance', false],
  ])('lets %s reach the named indexes: %j', (functionId, needsIndexes) => {
    const resources = statementsOf(functionId)
      .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))
      .flatMap((s) => [s.Resource].flat());
    const indexes = resources.map((r) => JSON.stringify(r)).filter((r) => r.includes('/index/'));
    expect(indexes.map((r) => r.match(/\/index\/([^"]+)/)?.[1]).sort()).toEqual(needsIndexes || []);
  });

  it('lets only the submitter and the change fan-out send to the claim queues, only the adjudicator to the dead-letter queues', () => {
    const senders = FUNCTIONS.filter((id) => statementsOf(id).some((s) => actionsOf(s).includes('sqs:SendMessage')));
    expect(senders).toEqual(['SubmitClaims', 'AdjudicateClaims', 'FanOutChanges', 'LoadReferenceData']);
    const sendsTo = (id: string) =>
      statementsOf(id)
        .filter((s) => actionsOf(s).includes('sqs:SendMessage'))
        .flatMap((s) => [s.Resource].flat());
    // The reference-data function only starts a change's fan-out; the fan-out sends the reprocess messages.
    expect(sendsTo('LoadReferenceData')).toEqual([{ 'Fn::ImportValue': expect.stringMatching(/ChangesQueue(?!DeadLetters)/) }]);
    expect(sendsTo('FanOutChanges')).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/ClaimsQueue(?!DeadLetters)/) },
      { 'Fn::ImportValue': expect.stringMatching(/SubsidyQueue(?!DeadLetters)/) },
      { 'Fn::ImportValue': expect.stringMatching(/ChangesQueue(?!DeadLetters)/) },
    ]);
    const sendOf = (id: string) => statementsOf(id).find((s) => actionsOf(s).includes('sqs:SendMessage'))?.Resource;
    expect(sendOf('SubmitClaims')).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/ClaimsQueue(?!DeadLetters)/) },
      { 'Fn::ImportValue': expect.stringMatching(/SubsidyQueue(?!DeadLetters)/) },
    ]);
    expect(sendOf('AdjudicateClaims')).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/ClaimsQueueDeadLetters/) },
      { 'Fn::ImportValue': expect.stringMatching(/SubsidyQueueDeadLetters/) },
    ]);
  });

  it('lets only the finance function write documents, and only under imports/ and statements/', () => {
    const writers = FUNCTIONS.filter((id) =>
      statementsOf(id).some((s) => actionsOf(s).some((a) => a.startsWith('s3:') && a !== 's3:GetObject')),
    );
    expect(writers).toEqual(['Finance']);
    const s3 = statementsOf('Finance').filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf)).toEqual(['s3:PutObject']);
    const prefixes = s3.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r).match(/\/([a-z]+)\/\*"/)?.[1]);
    expect(prefixes.sort()).toEqual(['imports', 'statements']);
  });

  it('lets the reader decrypt but never encrypt with the data key', () => {
    const kms = statementsOf('ReadClaims')
      .flatMap(actionsOf)
      .filter((a) => a.startsWith('kms:'));
    expect(kms.sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });

  it('lets no function call kms:Encrypt: writers make data keys (GenerateDataKey) and decrypt', () => {
    for (const id of FUNCTIONS) {
      const kms = statementsOf(id)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('kms:'));
      expect(kms, id).not.toContain('kms:Encrypt');
    }
    const adjudicator = new Set(statementsOf('AdjudicateClaims').flatMap(actionsOf));
    expect([...adjudicator].filter((a) => a.startsWith('kms:')).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey']);
  });

  /** Each DynamoDB action of a function with the partition keys it is limited to ('*' when it is not). */
  const leadingKeys = (functionId: string) =>
    Object.fromEntries(
      statementsOf(functionId)
        .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))
        .flatMap((s) => {
          const keys = (s as Statement & { Condition?: Record<string, Record<string, string[]>> }).Condition?.['ForAllValues:StringLike']?.[
            'dynamodb:LeadingKeys'
          ];
          return actionsOf(s).map((a) => [a.replace('dynamodb:', ''), keys ? [...keys].sort() : '*']);
        }),
    );

  it.each([
    [
      'SubmitClaims',
      {
        GetItem: ['ID#*', 'IDEM#*', 'IDEM-MIGRATION#*'],
        PutItem: ['ID#*', 'IDEM#*', 'IDEM-MIGRATION#*'],
        UpdateItem: ['ID#*', 'IDEM#*', 'IDEM-MIGRATION#*'],
        DeleteItem: ['ID#*', 'IDEM#*', 'IDEM-MIGRATION#*'],
        BatchGetItem: ['SERVES#*'],
      },
    ],
    [
      'AdjudicateClaims',
      {
        GetItem: ['CHANGE#*', 'CLOSE', 'ID#*', 'P#*', 'POLICY', 'REG#*'],
        Query: ['CHANGE#*', 'CLOSE', 'ID#*', 'P#*', 'POLICY', 'REG#*'],
        BatchGetItem: ['CHANGE#*', 'CLOSE', 'ID#*', 'P#*', 'POLICY', 'REG#*'],
        PutItem: ['CHANGE#*', 'CTRL#*', 'FAIL#*', 'ID#*', 'L#*', 'P#*', 'PI#*'],
        UpdateItem: ['CHANGE#*', 'CTRL#*', 'FAIL#*', 'ID#*', 'L#*', 'P#*', 'PI#*'],
        ConditionCheckItem: ['CLOSE'],
      },
    ],
    // Query: PI#* on the table, and (the later statement) the keys-only gsi3 index, asserted below.
    ['FanOutChanges', { GetItem: ['CHANGE#*'], UpdateItem: ['CHANGE#*'], Query: '*' }],
    [
      'ReviewClaims',
      { GetItem: '*', Query: '*', BatchGetItem: '*', PutItem: ['L#*', 'P#*'], UpdateItem: ['L#*', 'P#*'], ConditionCheckItem: ['CLOSE'] },
    ],
    [
      'LoadReferenceData',
      {
        GetItem: '*',
        Query: '*',
        PutItem: ['AGREEHIST#*', 'CHANGE#*', 'CHANGES#*', 'POLICY', 'POLICYHIST#*', 'REG#*', 'REGHIST#*'],
        UpdateItem: ['SERVES#*'],
        ConditionCheckItem: ['REG#*'],
      },
    ],
    [
      'Finance',
      {
        GetItem: '*',
        Query: '*',
        BatchGetItem: '*',
        PutItem: ['CLOSE', 'IMPORT#*', 'IMPORTS', 'L#*', 'PAY#*'],
        UpdateItem: ['CLOSE', 'IMPORT#*', 'IMPORTS', 'L#*', 'PAY#*'],
        DeleteItem: ['CLOSE', 'IMPORT#*', 'IMPORTS', 'L#*', 'PAY#*'],
      },
    ],
  ])('narrows %s’s writes to the partition keys it writes (dynamodb:LeadingKeys)', (functionId, expected) => {
    expect(leadingKeys(functionId)).toEqual(expected);
  });

  it('lets the fan-out query the table only under PI# and POLICY and otherwise only the keys-only gsi3 index', () => {
    const queries = statementsOf('FanOutChanges').filter((s) => actionsOf(s).includes('dynamodb:Query'));
    const conditioned = queries.filter((s) => (s as { Condition?: unknown }).Condition !== undefined);
    const open = queries.filter((s) => (s as { Condition?: unknown }).Condition === undefined);
    expect(conditioned.map((s) => JSON.stringify(s))).toEqual([expect.stringMatching(/\["PI#\*","POLICY"\]/)]);
    expect(open.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r))).toEqual([expect.stringMatching(/\/index\/gsi3"/)]);
  });

  it('leaves no write action table-wide in any role', () => {
    const writes = ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'BatchWriteItem'];
    for (const id of FUNCTIONS) {
      for (const [action, keys] of Object.entries(leadingKeys(id)))
        if (writes.includes(action)) expect(keys, `${id} ${action}`).not.toBe('*');
    }
  });
});

describe('the adjudicator', () => {
  it('keeps concurrency of its own that a flood of submissions cannot take, and polls with no more than that', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function'));
    const of = (prefix: string) => fns.find((f) => String(f.Properties.Description).startsWith(prefix))?.Properties;
    expect(of('Adjudicates')?.ReservedConcurrentExecutions).toBe(20);
    expect(of('POST /claims')?.ReservedConcurrentExecutions).toBe(20);
    for (const mapping of adjudicatorMappings()) {
      expect(mapping.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 20 });
    }
  });

  const adjudicatorMappings = () =>
    Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((m) =>
      String(m.Properties.FunctionName.Ref).startsWith('AdjudicateClaims'),
    );

  it('consumes both FIFO queues in batches of 10, reporting failures per message', () => {
    const mappings = adjudicatorMappings();
    expect(mappings.map((m) => m.Properties.EventSourceArn['Fn::ImportValue']).sort()).toEqual([
      expect.stringMatching(/ClaimsQueue/),
      expect.stringMatching(/SubsidyQueue/),
    ]);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FunctionName: { Ref: expect.stringMatching(/^AdjudicateClaims/) },
      });
    }
  });
});

describe('the fan-out of reference changes', () => {
  it('consumes the changes queue one change per invocation, with its failures reported per message', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((m) =>
      String(m.Properties.FunctionName.Ref).startsWith('FanOutChanges'),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.Properties).toMatchObject({
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::ImportValue': expect.stringMatching(/ChangesQueue(?!DeadLetters)/) },
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('runs with the queue URLs it sends to, and the changes queue waits six of its timeouts', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).startsWith('Sends every partition'),
    );
    const env = fn?.Properties.Environment.Variables;
    expect(env.CLAIMS_QUEUE_URL['Fn::ImportValue']).toMatch(/RefClaimsQueue/);
    expect(env.SUBSIDY_QUEUE_URL['Fn::ImportValue']).toMatch(/RefSubsidyQueue/);
    expect(env.CHANGES_QUEUE_URL['Fn::ImportValue']).toMatch(/RefChangesQueue/);
    const changes = Object.entries(statefulTemplate.findResources('AWS::SQS::Queue')).find(
      ([id]) => id.startsWith('ChangesQueue') && !id.includes('DeadLetters'),
    );
    expect(changes?.[1].Properties).toMatchObject({ FifoQueue: true, VisibilityTimeout: 6 * fn?.Properties.Timeout });
  });

  it('indexes partition heads by latest date, keys only (gsi3)', () => {
    statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'gsi3',
          KeySchema: [
            { AttributeName: 'gsi3pk', KeyType: 'HASH' },
            { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ]),
    });
  });
});

describe('the HTTP API', () => {
  it('has exactly the routes of the route table', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(API_ROUTES.map(routeKey).sort());
    expect(routeKeys).toEqual(
      expect.arrayContaining([
        'POST /claims',
        'POST /migrations/claims',
        'GET /dashboard',
        'GET /registry/persons/{id}',
        'GET /openapi.json',
      ]),
    );
  });

  it('throttles every route, and the writing routes harder: one institution’s flood cannot take the whole API', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      RouteSettings: {
        'POST /claims': { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 50 },
        'POST /migrations/claims': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
        'POST /disbursements': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 },
      },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const dependedOn = ((stage?.DependsOn ?? []) as string[]).map((id) => routes[id]?.Properties.RouteKey).filter(Boolean);
    expect(dependedOn.sort()).toEqual(['POST /claims', 'POST /disbursements', 'POST /migrations/claims']);
  });

  it('authorizes every route with the JWT authorizer but the public API reference', () => {
    const authorizerId = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0];
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.includes(r.Properties.RouteKey))) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
    const open = routes.filter((r) => PUBLIC_ROUTES.includes(r.Properties.RouteKey));
    expect(open.map((r) => [r.Properties.RouteKey, r.Properties.AuthorizationType]).sort()).toEqual(PUBLIC_ROUTES.map((k) => [k, 'NONE']));
    const docs = routes.find((r) => r.Properties.RouteKey === 'GET /openapi.json');
    expect(JSON.stringify(docs?.Properties.Target)).toMatch(/ApiDocsIntegration/);
  });

  it('trusts the user pool issuer built from the partition URL suffix, for the app client and the console’s client only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [importOf(/UserPoolAppClient/), { Ref: Match.stringLikeRegexp('^ConsoleClient') }],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', importOf(/UserPool/)]],
        },
      },
    });
  });

  it('logs every request', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] }, Format: Match.anyValue() },
    });
  });
});

describe('the statement draft schedule', () => {
  it('fires at 17:00 UTC on the last day of each month, which is 01:00 on the 1st in Asia/Shanghai', () => {
    // Prepare: what the cron means, hour by hour, for every month of a leap and a common year.
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(1);
    const expression = rules[0]?.Properties.ScheduleExpression as string;
    const [minute, hour, dayOfMonth, month, dayOfWeek, year] = /^cron\((.*)\)$/.exec(expression)?.[1]?.split(' ') ?? [];
    // Assess: the fields, then the instants they select, seen from Shanghai.
    expect({ minute, hour, dayOfMonth, month, dayOfWeek, year }).toEqual({
      minute: '0',
      hour: '17',
      dayOfMonth: 'L',
      month: '*',
      dayOfWeek: '?',
      year: '*',
    });
    for (const y of [2026, 2028]) {
      for (let m = 0; m < 12; m++) {
        const lastDayUtc = new Date(Date.UTC(y, m + 1, 0, Number(hour), Number(minute)));
        const shanghai = new Date(lastDayUtc.getTime() + 8 * 3_600_000);
        expect([shanghai.getUTCDate(), shanghai.getUTCHours(), shanghai.getUTCMinutes()]).toEqual([1, 1, 0]);
        expect(shanghai.getUTCMonth()).toBe((m + 1) % 12);
      }
    }
  });

  it('invokes the finance function', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0];
    expect(rule?.Properties.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': [expect.stringMatching(/^Finance/), 'Arn'] } }),
    ]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Finance'), 'Arn'] },
    });
  });
});

describe('the alarms', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const queueOf = (alarm: { Dimensions?: { Value: { 'Fn::ImportValue': string } }[] }) => alarm.Dimensions?.[0]?.Value['Fn::ImportValue'];

  it('fire as soon as either dead-letter queue holds a message', () => {
    const dlqAlarms = alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarms.map(queueOf).sort()).toEqual([
      expect.stringMatching(/ChangesQueueDeadLetters/),
      expect.stringMatching(/ClaimsQueueDeadLetters/),
      expect.stringMatching(/SubsidyQueueDeadLetters/),
    ]);
    for (const alarm of dlqAlarms) {
      expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('watch the age of the oldest claim in both main queues', () => {
    const ageAlarms = alarms().filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(ageAlarms.map(queueOf).sort()).toEqual([
      expect.stringMatching(/ChangesQueue[0-9A-F]{8}Queue/),
      expect.stringMatching(/ClaimsQueue[0-9A-F]{8}Queue/),
      expect.stringMatching(/SubsidyQueue[0-9A-F]{8}Queue/),
    ]);
  });

  it('watch the errors of every function', () => {
    const errorAlarms = alarms().filter((a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda');
    const watched = errorAlarms.map((a) => a.Dimensions[0].Value.Ref).sort();
    expect(watched).toEqual(Object.keys(ourFunctions()).sort());
  });
});

describe('both templates', () => {
  it('write no literal aws partition into an ARN', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:/);
    expect(JSON.stringify(statefulTemplate.toJSON())).not.toMatch(/arn:aws:/);
  });
});
