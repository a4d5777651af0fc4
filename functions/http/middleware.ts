/**
 * Middy middlewares shared by the HTTP handlers: the error body every route answers with, and a JSON
 * body parser with a size limit.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError, PayloadTooLargeError, ValidationError } from './errors.ts';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly messageZh: string; readonly details?: unknown };
}

/** 1 MiB: a batch of 500 claims fits comfortably; larger bodies are refused before parsing. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Turns any error into `{ error: { code, message, messageZh, details } }`. Exposed errors (4xx, and
 * 503 with its fixed message) explain themselves; anything else is logged and answered with a generic
 * `INTERNAL_ERROR`, whatever it said.
 * @example middy(route).use(httpErrors(logger))
 */
export function httpErrors(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const error = request.error;
      const known = error instanceof HttpError ? error : undefined;
      if (!known || known.status >= 500) logger.error('request failed', { error: error as Error, status: known?.status ?? 500 });
      request.response = errorResponse(error);
    },
  };
}

/**
 * The response for an error: its own code and messages when it may be exposed, else a generic 500.
 * @example errorResponse(new NotFoundError('CLAIM_NOT_FOUND', 'No claim', '未找到申报')).statusCode // 404
 */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string } {
  const known = error instanceof HttpError && error.expose ? error : undefined;
  const body: ErrorBody = known
    ? { error: { code: known.code, message: known.message, messageZh: known.messageZh, details: known.details } }
    : { error: { code: 'INTERNAL_ERROR', message: 'An internal error occurred', messageZh: '系统内部错误' } };
  return {
    statusCode: error instanceof HttpError ? error.status : 500,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(known?.headers ?? {}) },
    body: JSON.stringify(body),
  };
}

/** An event whose body has been parsed; `jsonBody` is undefined when there was no body. */
export type JsonEvent = APIGatewayProxyEventV2 & { jsonBody?: unknown };

/**
 * Parses a JSON body: larger than `maxBytes` → 413 `PAYLOAD_TOO_LARGE`, not JSON → 400 `INVALID_JSON`,
 * a content type other than JSON → 415 `UNSUPPORTED_MEDIA_TYPE`.
 * @example middy(route).use(jsonBody({ maxBytes: 1024 * 1024 }))
 */
export function jsonBody(options: { maxBytes?: number } = {}): MiddlewareObj<JsonEvent, APIGatewayProxyStructuredResultV2> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  return {
    before: (request) => {
      const event = request.event;
      if (event.body === undefined || event.body === null || event.body === '') return;
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
      if (raw.byteLength > maxBytes) {
        throw new PayloadTooLargeError(
          'PAYLOAD_TOO_LARGE',
          `The body may be at most ${maxBytes} bytes`,
          `请求体不能超过 ${maxBytes} 字节`,
          {
            maxBytes,
            bytes: raw.byteLength,
          },
        );
      }
      const type = headerOf(event, 'content-type');
      if (type !== undefined && !/^application\/([\w.+-]*\+)?json\b/i.test(type.trim())) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body must be application/json', '请求体须为 application/json');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch (e) {
        throw new ValidationError(
          [{ path: '', code: 'INVALID_JSON', message: 'the body is not valid JSON', messageZh: '请求体不是合法的 JSON' }],
          {
            code: 'INVALID_JSON',
            message: 'The body is not valid JSON',
            messageZh: '请求体不是合法的 JSON',
            cause: e,
          },
        );
      }
      if (nestingDepth(parsed, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
        throw new ValidationError(
          [
            {
              path: '',
              code: 'BODY_TOO_DEEP',
              message: `the body may nest at most ${MAX_BODY_DEPTH} levels`,
              messageZh: `请求体嵌套不能超过 ${MAX_BODY_DEPTH} 层`,
            },
          ],
          {
            code: 'BODY_TOO_DEEP',
            message: `The body may nest at most ${MAX_BODY_DEPTH} levels`,
            messageZh: `请求体嵌套不能超过 ${MAX_BODY_DEPTH} 层`,
          },
        );
      }
      event.jsonBody = parsed;
    },
  };
}

/** No claim nests deeper than a few levels; anything past this is refused before recursive code sees it. */
export const MAX_BODY_DEPTH = 64;

/** The nesting depth of a JSON value, counted iteratively and only up to `limit + 1`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > deepest) deepest = d;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d]);
  }
  return deepest;
}

/** A request header, case-insensitively (HTTP API lower-cases them already). */
export function headerOf(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
