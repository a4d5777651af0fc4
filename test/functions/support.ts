/**
 * Fixture events (test/fixtures/events) with the changes a test needs, a Lambda context, and quiet
 * Powertools instances for handlers under test.
 */
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

export type Json = Record<string, unknown>;

export interface EventChanges {
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly claims?: Record<string, unknown>;
  readonly routeKey?: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
}

/** A fresh copy of a fixture event with `changes` applied. */
export function event(name: string, changes: EventChanges = {}): Json {
  const e = JSON.parse(readFileSync(new URL(`../fixtures/events/${name}.json`, import.meta.url), 'utf8'));
  if (changes.body !== undefined) e.body = JSON.stringify(changes.body);
  if (changes.rawBody !== undefined) e.body = changes.rawBody;
  if (changes.headers) e.headers = { ...e.headers, ...changes.headers };
  if (changes.claims) e.requestContext.authorizer.jwt.claims = changes.claims;
  if (changes.routeKey) e.routeKey = e.requestContext.routeKey = changes.routeKey;
  if (changes.pathParameters) e.pathParameters = changes.pathParameters;
  if (changes.query) e.queryStringParameters = changes.query;
  return e;
}

/** JWT claims of each kind of user. */
export const users = {
  institution: (institutionId: string) => ({
    sub: `sub-${institutionId}`,
    username: `clerk-${institutionId}`,
    'cognito:groups': '[institution]',
    'custom:institutionId': institutionId,
  }),
  bureau: { sub: 'sub-bureau', username: 'analyst-1', 'cognito:groups': '[bureau]' },
  finance: { sub: 'sub-finance', username: 'cashier-1', 'cognito:groups': '[finance]' },
};

export const context = {
  functionName: 'test-fn',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:test-fn',
  memoryLimitInMB: '256',
  awsRequestId: 'aws-req-1',
  logGroupName: '/aws/lambda/test-fn',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

/** Powertools that print nothing. */
export function quiet() {
  return {
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'test' }),
    tracer: new Tracer({ enabled: false }),
  };
}

/** Status and parsed body of a response. */
export function answer(r: APIGatewayProxyStructuredResultV2 | string | undefined): { status: number; body: Json; headers: Json } {
  const res = r as APIGatewayProxyStructuredResultV2;
  return { status: Number(res.statusCode), body: JSON.parse(String(res.body)), headers: (res.headers ?? {}) as Json };
}

/** A valid care-service claim of an institution. */
export function careClaim(claimId: string, institutionId = 'INST-A', personId = 'P001'): Json {
  return {
    kind: 'care-service',
    claimId,
    institutionId,
    personId,
    submittedAt: '2026-04-02T09:00:00+08:00',
    setting: 'institutional',
    period: { from: '2026-03-01', to: '2026-03-31' },
    lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '80.00' }],
  };
}

/** A valid construction-subsidy claim. */
export function constructionClaim(claimId: string, institutionId = 'INST-A'): Json {
  return {
    kind: 'construction-subsidy',
    claimId,
    institutionId,
    submittedAt: '2026-03-01T10:00:00+08:00',
    projectType: 'new-construction',
    acceptedOn: '2025-12-20',
    beds: ['B-001', 'B-002'],
  };
}

/** A care-service claim worth 12390.00 from the fund: above the review threshold, so it needs review. */
export function reviewedSizeClaim(claimId: string, institutionId = 'INST-A'): Json {
  return {
    ...careClaim(claimId, institutionId),
    period: { from: '2025-06-10', to: '2026-03-31' },
    lines: [{ serviceCode: 'LTC-INST-DAY', from: '2025-06-10', to: '2026-03-31', unitPrice: '80.00' }],
  };
}
