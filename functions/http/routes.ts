/**
 * The HTTP API's routes: one table read by the CDK stack (API Gateway routes), by the local API
 * server and by the OpenAPI document, so the three cannot drift. `fn` names the function (and its
 * folder under functions/). A `public` route has no JWT authorizer: the API reference, which an
 * institution's HIS vendor reads before it has any account, and the web console's static files.
 */
export type ApiFunction =
  | 'submit-claims'
  | 'read-claims'
  | 'review-claims'
  | 'load-reference-data'
  | 'finance'
  | 'api-docs'
  | 'serve-console';

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly fn: ApiFunction;
  readonly public?: true;
}

const ROUTE_TABLE = [
  { method: 'POST', path: '/claims', fn: 'submit-claims' },
  { method: 'POST', path: '/migrations/claims', fn: 'submit-claims' },
  { method: 'GET', path: '/claims', fn: 'read-claims' },
  { method: 'GET', path: '/claims/{id}', fn: 'read-claims' },
  { method: 'GET', path: '/dashboard', fn: 'read-claims' },
  { method: 'GET', path: '/review-queue', fn: 'review-claims' },
  { method: 'POST', path: '/claims/{id}/review', fn: 'review-claims' },
  { method: 'GET', path: '/registry/persons', fn: 'load-reference-data' },
  { method: 'GET', path: '/registry/persons/{id}', fn: 'load-reference-data' },
  { method: 'PUT', path: '/registry/persons/{id}', fn: 'load-reference-data' },
  { method: 'GET', path: '/registry/persons/{id}/history', fn: 'load-reference-data' },
  { method: 'GET', path: '/registry/institutions', fn: 'load-reference-data' },
  { method: 'GET', path: '/registry/institutions/{id}', fn: 'load-reference-data' },
  { method: 'PUT', path: '/registry/institutions/{id}', fn: 'load-reference-data' },
  { method: 'GET', path: '/registry/institutions/{id}/history', fn: 'load-reference-data' },
  { method: 'PUT', path: '/registry/agreements/{id}', fn: 'load-reference-data' },
  { method: 'GET', path: '/policies', fn: 'load-reference-data' },
  { method: 'GET', path: '/policies/{policyId}', fn: 'load-reference-data' },
  { method: 'PUT', path: '/policies/{policyId}', fn: 'load-reference-data' },
  { method: 'GET', path: '/policies/{policyId}/history', fn: 'load-reference-data' },
  { method: 'GET', path: '/reference-changes', fn: 'load-reference-data' },
  { method: 'GET', path: '/reference-changes/{changeId}', fn: 'load-reference-data' },
  { method: 'POST', path: '/disbursements', fn: 'finance' },
  { method: 'GET', path: '/statements/{month}', fn: 'finance' },
  { method: 'GET', path: '/statements/{month}/entries', fn: 'finance' },
  { method: 'POST', path: '/months/{month}/close', fn: 'finance' },
  { method: 'GET', path: '/openapi.json', fn: 'api-docs', public: true },
  // The web console's static files; its API calls are authorised like anyone else's.
  { method: 'GET', path: '/', fn: 'serve-console', public: true },
  { method: 'GET', path: '/console', fn: 'serve-console', public: true },
  { method: 'GET', path: '/console/{proxy+}', fn: 'serve-console', public: true },
] as const satisfies readonly ApiRoute[];

export const API_ROUTES: readonly ApiRoute[] = ROUTE_TABLE;

/** `GET /claims/{id}` and the like, one per route: what API Gateway calls a route key. */
export type RouteKey = (typeof ROUTE_TABLE)[number] extends infer R
  ? R extends { method: infer M extends string; path: infer P extends string }
    ? `${M} ${P}`
    : never
  : never;

/** The route key of a route. */
export const routeKey = (r: ApiRoute): string => `${r.method} ${r.path}`;
