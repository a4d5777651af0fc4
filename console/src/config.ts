/**
 * The runtime configuration, read from `config.json` beside the page: written by `ltc start` for the
 * local stack and by the CDK deployment for a deployed API, never baked into the bundle.
 */
export type AuthConfig =
  | { readonly mode: 'local' }
  | {
      readonly mode: 'oidc';
      /** The issuer; its `/.well-known/openid-configuration` names the authorize and token endpoints. */
      readonly issuer: string;
      readonly clientId: string;
      readonly scopes: readonly string[];
      /** Where the issuer's discovery document lives when it is not under the issuer (Cognito's hosted UI domain). */
      readonly authorizeEndpoint?: string;
      readonly tokenEndpoint?: string;
      readonly logoutEndpoint?: string;
    };

export interface RuntimeConfig {
  /** The API's base URL; empty for the same origin (the deployed console is served by the API). */
  readonly apiUrl: string;
  readonly auth: AuthConfig;
}

/** Loads config.json; a missing or malformed file is an error the start page explains. */
export async function loadConfig(): Promise<RuntimeConfig> {
  const r = await fetch('./config.json', { cache: 'no-store' });
  if (!r.ok) throw new Error(`config.json: HTTP ${r.status}`);
  const c = (await r.json()) as Partial<RuntimeConfig>;
  if (typeof c.apiUrl !== 'string' || !c.auth || (c.auth.mode !== 'local' && c.auth.mode !== 'oidc')) {
    throw new Error('config.json: needs apiUrl and auth.mode (local | oidc)');
  }
  return c as RuntimeConfig;
}
