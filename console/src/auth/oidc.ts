/**
 * OpenID Connect sign-in for the deployed console: authorization code with PKCE (S256), no client
 * secret in the page. The ID token is what the API is called with: it is the token that carries
 * `cognito:groups` and `custom:institutionId` (Cognito access tokens carry no custom attributes), and
 * its audience is the app client the API's JWT authorizer trusts.
 */
import type { AuthConfig } from '../config.ts';

type Oidc = Extract<AuthConfig, { mode: 'oidc' }>;
const PENDING = 'ltc.oidc.pending';

interface Endpoints {
  readonly authorize: string;
  readonly token: string;
  readonly logout?: string;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const random = (n: number) => base64url(crypto.getRandomValues(new Uint8Array(n)));

async function endpoints(auth: Oidc): Promise<Endpoints> {
  if (auth.authorizeEndpoint && auth.tokenEndpoint) {
    return {
      authorize: auth.authorizeEndpoint,
      token: auth.tokenEndpoint,
      ...(auth.logoutEndpoint ? { logout: auth.logoutEndpoint } : {}),
    };
  }
  const r = await fetch(`${auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!r.ok) throw new Error(`OIDC discovery: HTTP ${r.status}`);
  const d = (await r.json()) as { authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string };
  return {
    authorize: d.authorization_endpoint,
    token: d.token_endpoint,
    ...(d.end_session_endpoint ? { logout: d.end_session_endpoint } : {}),
  };
}

const redirectUri = () => `${location.origin}${location.pathname}`;

/** Sends the browser to the identity provider. */
export async function beginSignIn(auth: Oidc): Promise<void> {
  const verifier = random(48);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const e = await endpoints(auth);
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: auth.scopes.join(' '),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  });
  location.assign(`${e.authorize}?${q}`);
}

/**
 * Finishes a sign-in when the page was opened by the identity provider's redirect (`?code&state`):
 * the token, or undefined when this is not such a redirect. A mismatched state is refused.
 */
export async function completeSignIn(auth: Oidc): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; hash: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== params.get('state'))
    throw new Error('登录状态不匹配，请重新登录 / sign-in state mismatch, please sign in again');
  const e = await endpoints(auth);
  const r = await fetch(e.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: auth.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!r.ok) throw new Error(`令牌交换失败 / token exchange failed: HTTP ${r.status}`);
  const t = (await r.json()) as { id_token?: string; access_token?: string };
  history.replaceState(null, '', `${redirectUri()}${pending.hash}`);
  const token = t.id_token ?? t.access_token;
  if (!token) throw new Error('身份提供方未返回令牌 / the identity provider returned no token');
  return token;
}

/** Where to send the browser to end the provider's session too, if it has such an endpoint. */
export async function logoutUrl(auth: Oidc): Promise<string | undefined> {
  const e = await endpoints(auth).catch(() => undefined);
  if (!e?.logout) return undefined;
  return `${e.logout}?${new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri() })}`;
}
