/**
 * The signed-in user: the access token and what the console reads from it (role, institution,
 * user name). The token lives in sessionStorage: it ends with the tab, and the API still decides
 * what is allowed whatever the page shows.
 */
export type Role = 'institution' | 'bureau' | 'finance';

export interface Session {
  readonly token: string;
  readonly role: Role;
  readonly institutionId?: string;
  readonly user: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
}

const KEY = 'ltc.session';

function decodePart(part: string): Record<string, unknown> {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const text = new TextDecoder().decode(Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)));
  return JSON.parse(text) as Record<string, unknown>;
}

/** The groups claim as API Gateway and Cognito write it: an array, or a string `[a b]` / `a,b`. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * A session from a JWT, or an error message (in both languages) saying why the token cannot be used.
 * @example sessionFromToken(token).role // 'bureau'
 */
export function sessionFromToken(token: string): Session | { error: string } {
  let claims: Record<string, unknown>;
  try {
    claims = decodePart(token.split('.')[1] ?? '');
  } catch {
    return { error: '令牌无法读取 / the token cannot be read' };
  }
  const groups = groupsOf(claims['cognito:groups']);
  const role = groups.find((g): g is Role => g === 'institution' || g === 'bureau' || g === 'finance');
  if (!role || groups.length !== 1)
    return { error: '账号须且只能属于一个角色组（机构、医保局或财务）/ the account needs exactly one role group' };
  const institutionId = typeof claims['custom:institutionId'] === 'string' ? (claims['custom:institutionId'] as string) : undefined;
  if (role === 'institution' && !institutionId) return { error: '机构账号未设置所属机构 / the institution account has no institution' };
  const user = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? '');
  return { token, role, ...(institutionId ? { institutionId } : {}), user, exp: Number(claims.exp ?? 0) };
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

/** The stored session, unless it has expired. */
export function currentSession(now = Date.now()): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  const s = JSON.parse(raw) as Session;
  return s.exp * 1000 > now ? s : undefined;
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
