/**
 * The HTTP API's routes: one table read by the CDK stack (API Gateway routes) and by the local API
 * server, so the two cannot drift. `fn` names the function (and its folder under functions/).
 */
export type ApiFunction = 'submit-claims' | 'read-claims' | 'review-claims' | 'load-reference-data' | 'finance';

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly fn: ApiFunction;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/claims', fn: 'submit-claims' },
  { method: 'GET', path: '/claims', fn: 'read-claims' },
  { method: 'GET', path: '/claims/{id}', fn: 'read-claims' },
  { method: 'GET', path: '/review-queue', fn: 'review-claims' },
  { method: 'POST', path: '/claims/{id}/review', fn: 'review-claims' },
  { method: 'PUT', path: '/registry/persons/{id}', fn: 'load-reference-data' },
  { method: 'PUT', path: '/registry/institutions/{id}', fn: 'load-reference-data' },
  { method: 'PUT', path: '/policies/{policyId}', fn: 'load-reference-data' },
  { method: 'POST', path: '/disbursements', fn: 'finance' },
  { method: 'GET', path: '/statements/{month}', fn: 'finance' },
  { method: 'GET', path: '/statements/{month}/entries', fn: 'finance' },
  { method: 'POST', path: '/months/{month}/close', fn: 'finance' },
];
