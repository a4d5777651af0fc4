/**
 * Builds an HTTP API Lambda from a table of routes keyed by `event.routeKey`, wrapped in the shared
 * middlewares (Powertools context, metrics and tracing; JSON body; the error body).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { toFieldErrors } from '../../domain/validation.ts';
import { HttpError, ValidationError } from './errors.ts';
import { httpErrors, type JsonEvent, jsonBody } from './middleware.ts';
import {
  logger as defaultLogger,
  metrics as defaultMetrics,
  tracer as defaultTracer,
  type Logger,
  type Metrics,
  type Tracer,
} from './observability.ts';

export type Route = (event: JsonEvent) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Observability {
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly tracer?: Tracer;
}

export type HttpHandler = MiddyfiedHandler<JsonEvent, APIGatewayProxyStructuredResultV2, Error, Context>;

/**
 * One Lambda serving several routes. `use` adds middlewares inside the shared ones: they see the
 * parsed body, and their errors become the error body like the routes'.
 * @example export const handler = httpHandler({ 'GET /claims/{id}': getClaim });
 */
export function httpHandler(
  routes: Readonly<Record<string, Route>>,
  options: Observability & { maxBodyBytes?: number; use?: readonly MiddlewareObj<JsonEvent, APIGatewayProxyStructuredResultV2>[] } = {},
): HttpHandler {
  const logger = options.logger ?? defaultLogger;
  const route: Route = async (event) => {
    const handle = Object.hasOwn(routes, event.routeKey) ? routes[event.routeKey] : undefined;
    if (!handle) throw new HttpError(404, 'ROUTE_NOT_FOUND', `No route ${event.routeKey}`, `不存在路由 ${event.routeKey}`);
    return handle(event);
  };
  return middy<JsonEvent, APIGatewayProxyStructuredResultV2, Error, Context>(route)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics(options.metrics ?? defaultMetrics))
    .use(captureLambdaHandler(options.tracer ?? defaultTracer, { captureResponse: false }))
    .use(jsonBody(options.maxBodyBytes === undefined ? {} : { maxBytes: options.maxBodyBytes }))
    .use(httpErrors(logger))
    .use([...(options.use ?? [])]);
}

/**
 * Publishes the request's metrics, if it recorded any: unlike Powertools' logMetrics it stays quiet
 * on requests (most reads) that record none.
 */
function publishMetrics(metrics: Metrics): MiddlewareObj {
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
}

/**
 * A JSON response.
 * @example return json(202, { accepted: ['CS-1'] });
 */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

/**
 * Parses input with a zod schema; failures are a 400 with field errors in both languages.
 * @example const q = parseInput(ListQuerySchema, event.queryStringParameters ?? {});
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(toFieldErrors(r.error.issues));
  return r.data;
}

/**
 * Opaque pagination tokens: the DynamoDB key to resume from, as base64url JSON. A token is checked on
 * the way back in (string attributes only, and the caller's own partition key), so a forged token can
 * neither reach another listing nor make DynamoDB fail.
 * @example encodeToken({ pk: 'P#x', sk: 'C#1' }) // 'eyJwayI6…'
 */
export function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/** Decodes a token made by encodeToken; `expected` names attributes it must have with these values. */
export function decodeToken(
  token: string | undefined,
  attributes: readonly string[],
  expected: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  if (token === undefined) return undefined;
  const bad = () =>
    new ValidationError([
      { path: 'nextToken', code: 'INVALID_NEXT_TOKEN', message: 'is not a token from this listing', messageZh: '分页标记无效' },
    ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (key === null || typeof key !== 'object' || Array.isArray(key)) throw bad();
  const entries = Object.entries(key as Record<string, unknown>);
  if (entries.length !== attributes.length || entries.some(([k, v]) => !attributes.includes(k) || typeof v !== 'string' || v === ''))
    throw bad();
  for (const [k, v] of Object.entries(expected)) if ((key as Record<string, string>)[k] !== v) throw bad();
  return key as Record<string, string>;
}
