/**
 * A small client for the ltc-claims HTTP API (local or deployed): JSON in and out, the error body
 * `{ error: { code, message, messageZh } }` turned into one readable line.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const e = (body as { error?: { code?: string; message?: string; messageZh?: string } })?.error;
    super(e ? `${status} ${e.code}: ${e.message}${e.messageZh ? ` / ${e.messageZh}` : ''}` : `${status} ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string;

  constructor(baseUrl: string, token: string) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.token = token;
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(
        `cannot reach the API at ${this.baseUrl} (${cause?.code ?? cause?.message ?? (e as Error).message}): is the local stack running (npm start)? Or pass --api URL`,
      );
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body: parsed as T };
  }

  /** Like request, but a non-2xx answer throws an ApiError. */
  async call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const r = await this.request<T>(method, path, body, headers);
    if (r.status < 200 || r.status > 299) throw new ApiError(r.status, r.body);
    return r.body;
  }
}

/** What GET /claims/{id} returns. */
export interface ClaimDetail {
  readonly claimId: string;
  readonly kind: string;
  readonly institutionId: string;
  readonly status: string;
  readonly outcome: { status: string; fundAmount: string; reasonCodes: string[]; [k: string]: unknown };
  readonly payable: string;
  readonly adjustments: { amount: string; reason: string; triggeredBy: string; postedAt: string }[];
  readonly review: unknown;
  readonly explanation: unknown;
}
