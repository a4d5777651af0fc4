/**
 * `Idempotency-Key` as a middy middleware, in the shape of Powertools' `makeHandlerIdempotent`
 * (`{ before, after, onError }`) over this project's own store (adapters/idempotency-store.ts; the
 * README says why not Powertools' persistence layer). The same key with the same body answers what
 * the first request answered (marked `idempotent-replayed: true`); with another body it is
 * `409 IDEMPOTENCY_KEY_REUSED`; while the first is still running, `409 IDEMPOTENCY_IN_PROGRESS`.
 * A 4xx depends only on the body and the stored claim ids, so it is kept as the answer; anything else
 * may succeed on retry, so the key is released.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { canonicalJson } from '../../domain/claims.ts';
import type { IdempotencyCaller, IdempotencyStore, StoredAnswer } from '../adapters/idempotency-store.ts';
import { sha256 } from '../adapters/keys.ts';
import type { Clock } from '../clock.ts';
import { ConflictError, HttpError, ValidationError } from './errors.ts';
import { errorResponse, headerOf, type JsonEvent } from './middleware.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export interface IdempotencyOptions {
  readonly store: Pick<IdempotencyStore, 'acquire' | 'complete' | 'release'>;
  readonly now: Clock;
  /**
   * Whose key it is, or undefined when the request is not one to make idempotent (its route then
   * refuses it: a caller without the route's role never reaches the store).
   */
  readonly callerOf: (event: JsonEvent) => IdempotencyCaller | undefined;
}

type HttpRequest = Request<JsonEvent, APIGatewayProxyStructuredResultV2>;

interface Held {
  readonly caller: IdempotencyCaller;
  readonly key: string;
  readonly token: string;
}

/**
 * @example middy(route).use(httpErrors(logger)).use(idempotentRequests({ store, now, callerOf }))
 */
export function idempotentRequests(options: IdempotencyOptions): MiddlewareObj<JsonEvent, APIGatewayProxyStructuredResultV2> {
  const held = new WeakMap<HttpRequest, Held>();

  const before = async (request: HttpRequest): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
    const key = headerOf(request.event, 'idempotency-key');
    if (key === undefined) return undefined;
    const caller = options.callerOf(request.event);
    if (!caller) return undefined;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ValidationError([
        {
          path: 'Idempotency-Key',
          code: 'INVALID_IDEMPOTENCY_KEY',
          message: 'must be 1–128 printable ASCII characters',
          messageZh: '须为 1–128 个可打印 ASCII 字符',
        },
      ]);
    }
    const fingerprint = sha256(canonicalJson(request.event.jsonBody ?? null));
    const claim = await options.store.acquire(caller, key, fingerprint, options.now());
    if (claim.state === 'mismatch') {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different body',
        '该幂等键已用于内容不同的请求',
      );
    }
    if (claim.state === 'in-progress') {
      throw new ConflictError(
        'IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry shortly',
        '使用该幂等键的请求仍在处理中，请稍后重试',
      );
    }
    // The first answer, returned early: the route does not run again.
    if (claim.state === 'completed') return replay(claim.answer);
    held.set(request, { caller, key, token: claim.token });
    return undefined;
  };

  /** Keeps the answer; a failure to keep it leaves the lease to lapse (the caller may then retry). */
  const keep = async (request: HttpRequest, answer: StoredAnswer): Promise<void> => {
    const h = held.get(request);
    if (!h) return;
    held.delete(request);
    await options.store.complete(h.caller, h.key, h.token, answer, options.now());
  };

  return {
    before,
    after: async (request) => {
      const r = request.response;
      await keep(request, { statusCode: Number(r?.statusCode ?? 200), body: String(r?.body ?? '') });
    },
    onError: async (request) => {
      const e = request.error;
      if (e instanceof HttpError && e.expose && e.status < 500) {
        const answer = errorResponse(e);
        return keep(request, { statusCode: answer.statusCode, body: answer.body });
      }
      const h = held.get(request);
      if (!h) return;
      held.delete(request);
      await options.store.release(h.caller, h.key, h.token);
    },
  };
}

function replay(answer: StoredAnswer): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'idempotent-replayed': 'true' },
    body: answer.body,
  };
}
