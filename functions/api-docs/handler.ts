/**
 * GET /openapi.json, without a token: the API reference an institution's HIS vendor integrates
 * against, generated from the handlers' zod schemas (openapi.ts). The server URL is the host the
 * request came to, so the document works as it is in Swagger UI or Postman.
 */
import { httpHandler, json, type Observability } from '../http/http.ts';
import type { JsonEvent } from '../http/middleware.ts';
import { headerOf } from '../http/middleware.ts';
import { openApiDocument } from './openapi.ts';

/** Built once per server URL; the document does not change while the function lives. */
const documents = new Map<string, ReturnType<typeof openApiDocument>>();

/**
 * @example const handler = makeHandler({}); await handler(event, context) // 200 { openapi: '3.1.0', … }
 */
export function makeHandler(deps: Observability = {}) {
  const getDocument = async (event: JsonEvent) => {
    const host = event.requestContext?.domainName ?? headerOf(event, 'host') ?? '';
    const proto = headerOf(event, 'x-forwarded-proto') ?? 'https';
    const serverUrl = host === '' ? '' : `${proto}://${host}`;
    let doc = documents.get(serverUrl);
    if (!doc) {
      doc = openApiDocument(serverUrl === '' ? {} : { serverUrl });
      documents.set(serverUrl, doc);
    }
    return json(200, doc, { 'cache-control': 'public, max-age=300' });
  };
  return httpHandler({ 'GET /openapi.json': getDocument }, deps);
}

/** The deployed function. */
export const handler = makeHandler();
