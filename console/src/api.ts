/**
 * Calls the API with the session's token. Every failure becomes an ApiError with the API's code,
 * its Chinese and English messages and its details (field errors), or a network error that says the
 * API could not be reached.
 */
export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly messageZh: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, messageZh: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.details = details;
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT', path: string, body: unknown, type?: string): Promise<T>;
  /** A response body as text (CSV downloads). */
  text(path: string): Promise<string>;
}

/** What the gateway (not a function) answers: `{ message }` only. */
function gatewayError(status: number, body: unknown): ApiError {
  if (status === 401) return new ApiError(401, 'UNAUTHENTICATED', 'Your sign-in has expired; sign in again', '登录已过期，请重新登录');
  if (status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The file is too large for one request', '文件过大，无法一次提交');
  const message = (body as { message?: string } | null)?.message ?? `HTTP ${status}`;
  return new ApiError(status, `HTTP_${status}`, message, `服务返回错误（${status}）`);
}

/**
 * @example const api = makeApi('http://127.0.0.1:3000', () => session.token, () => signOut());
 */
export function makeApi(baseUrl: string, token: () => string | undefined, onUnauthorized: () => void): Api {
  const call = async (method: string, path: string, body?: string, type?: string): Promise<Response> => {
    let r: Response;
    try {
      const t = token();
      r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(t ? { authorization: `Bearer ${t}` } : {}),
          ...(body !== undefined ? { 'content-type': type ?? 'application/json' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
      });
    } catch {
      throw new ApiError(
        0,
        'NETWORK',
        `The API at ${baseUrl || location.origin} cannot be reached; check the connection and try again`,
        '无法连接服务，请检查网络后重试',
      );
    }
    if (r.status === 401) onUnauthorized();
    if (r.ok) return r;
    const text = await r.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the gateway's own page.
    }
    const e = (parsed as { error?: { code: string; message: string; messageZh: string; details?: unknown } } | null)?.error;
    throw e ? new ApiError(r.status, e.code, e.message, e.messageZh, e.details) : gatewayError(r.status, parsed);
  };
  return {
    get: async (path) => (await call('GET', path)).json(),
    send: async (method, path, body, type) =>
      (await call(method, path, typeof body === 'string' ? body : JSON.stringify(body), type)).json(),
    text: async (path) => (await call('GET', path)).text(),
  };
}

/** Field errors of an ApiError (a 400's details), flattened. */
export function fieldErrorsOf(e: unknown): FieldError[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return e.details.flatMap((d: unknown) => {
    const x = d as Partial<FieldError> & { errors?: FieldError[] };
    if (Array.isArray(x.errors)) return x.errors;
    return typeof x.path === 'string' ? [x as FieldError] : [];
  });
}
