/**
 * The errors an HTTP handler throws. Each carries its status, a stable code, messages in English and
 * Chinese, and `expose`: 4xx reach the caller as they are, 5xx become a generic body (see
 * middleware.ts) so that nothing internal leaks.
 */
import type { FieldError } from '../../domain/validation.ts';

export interface HttpErrorOptions {
  readonly details?: unknown;
  readonly cause?: unknown;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Base of every error with an HTTP meaning.
 * @example throw new HttpError(418, 'TEAPOT', 'I am a teapot', '我是茶壶');
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the message and details may be shown to the caller. */
  readonly expose: boolean;

  constructor(status: number, code: string, message: string, messageZh: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.details = options.details;
    this.headers = options.headers ?? {};
    this.expose = status < 500;
  }
}

/**
 * 400: the request is malformed; `details` lists field errors.
 * @example throw new ValidationError([{ path: 'month', code: 'REQUIRED', message: 'is required', messageZh: '必填' }]);
 */
export class ValidationError extends HttpError {
  override readonly name = 'ValidationError';
  constructor(
    details: readonly FieldError[] | unknown,
    options: { code?: string; message?: string; messageZh?: string; cause?: unknown } = {},
  ) {
    super(
      400,
      options.code ?? 'VALIDATION_FAILED',
      options.message ?? 'The request failed validation',
      options.messageZh ?? '请求数据校验未通过',
      { details, cause: options.cause },
    );
  }
}

/**
 * 401: no authenticated principal reached the function (a route without its authorizer).
 * @example throw new UnauthorizedError();
 */
export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';
  constructor() {
    super(401, 'UNAUTHENTICATED', 'The request carries no authenticated user', '请求未携带已认证的用户信息');
  }
}

/**
 * 403: the caller may not do this (`ROLE_REQUIRED`, `AMBIGUOUS_ROLE`, `FORBIDDEN_INSTITUTION`, …).
 * @example throw new ForbiddenError('ROLE_REQUIRED', 'Only the bureau may review claims', '仅医保局可审核申报');
 */
export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';
  constructor(code: string, message: string, messageZh: string, details?: unknown) {
    super(403, code, message, messageZh, { details });
  }
}

/**
 * 404.
 * @example throw new NotFoundError('CLAIM_NOT_FOUND', 'No claim CS-1', '未找到申报 CS-1');
 */
export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  constructor(code: string, message: string, messageZh: string) {
    super(404, code, message, messageZh);
  }
}

/**
 * 409: the request conflicts with the stored state.
 * @example throw new ConflictError('NOT_UNDER_REVIEW', 'CS-1 does not need review', '申报 CS-1 无需审核');
 */
export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string, messageZh: string, details?: unknown) {
    super(409, code, message, messageZh, { details });
  }
}

/**
 * 413: the body or the batch is too large.
 * @example throw new PayloadTooLargeError('TOO_MANY_CLAIMS', 'At most 500 claims per request', '每次最多提交 500 条申报');
 */
export class PayloadTooLargeError extends HttpError {
  override readonly name = 'PayloadTooLargeError';
  constructor(code: string, message: string, messageZh: string, details?: unknown) {
    super(413, code, message, messageZh, { details });
  }
}

/**
 * 503: a dependency is unavailable or kept moving; the same request may be retried. Its message is
 * fixed, so it is safe to show even though it is a 5xx.
 * @example throw new ServiceUnavailableError('QUEUE_UNAVAILABLE', 'Try again', '请稍后重试', { cause: e });
 */
export class ServiceUnavailableError extends HttpError {
  override readonly name = 'ServiceUnavailableError';
  override readonly expose = true;
  constructor(code: string, message: string, messageZh: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(503, code, message, messageZh, { ...options, headers: { 'retry-after': '1' } });
  }
}
