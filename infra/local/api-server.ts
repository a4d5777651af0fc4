/**
 * The HTTP API on localhost: the routes of functions/http/routes.ts, a JWT check with API Gateway's
 * semantics (no or bad token → 401 before any function runs; claims handed to the function as
 * `requestContext.authorizer.jwt.claims`, arrays rendered as API Gateway renders them), and the
 * same Lambda handlers answering. Public routes (the OpenAPI document) need no token.
 *
 * CORS: the local console is served from its own port, so a browser on a loopback origin may call
 * the API (bearer tokens, no cookies). The deployed console is served by the API itself (same
 * origin), which is why API Gateway has no CORS configuration.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { API_ROUTES, type ApiFunction } from '../../functions/http/routes.ts';
import { listenOnLoopback } from './listen.ts';
import { verifyToken } from './tokens.ts';

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2 | undefined | undefined>;

/** API Gateway's payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const compiled = API_ROUTES.map((r) => ({
  ...r,
  routeKey: `${r.method} ${r.path}`,
  names: [...r.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1] as string),
  // `{name+}` (API Gateway's greedy parameter) takes the rest of the path.
  pattern: new RegExp(`^${r.path.replace(/\{\w+\+\}/g, '(.+)').replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** API Gateway passes claim arrays to the function as `[a b]`. */
function claimValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.join(' ')}]`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws-cn:lambda:cn-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_PAYLOAD_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

/** CORS headers for a loopback origin; none for any other. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin || !LOOPBACK_ORIGIN.test(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, idempotency-key',
    'access-control-expose-headers': 'content-disposition, idempotent-replayed, retry-after',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

/**
 * Starts the API on 127.0.0.1.
 * @example const api = await startApiServer({ handlers, secret, port: 0 }); fetch(`${api.url}/claims/CS-1`)
 */
export async function startApiServer(options: {
  handlers: Record<ApiFunction, LambdaHttpHandler>;
  secret: Uint8Array;
  port?: number;
}): Promise<{ url: string; port: number; server: Server; stop(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      const cors = corsHeaders(req.headers.origin);
      if (method === 'OPTIONS') {
        res.writeHead(cors['access-control-allow-origin'] ? 204 : 403, cors);
        return res.end();
      }
      const route = compiled.find((r) => r.method === method && r.pattern.test(url.pathname));
      if (!route) return send(res, 404, JSON.stringify({ message: 'Not Found' }), cors);
      const auth = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
      const claims = route.public ? {} : token ? await verifyToken(options.secret, token) : undefined;
      if (!claims) return send(res, 401, JSON.stringify({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer', ...cors });
      const body = await readBody(req);
      if (body === undefined) return send(res, 413, JSON.stringify({ message: 'Request Entity Too Large' }), cors);
      const match = route.pattern.exec(url.pathname) as RegExpExecArray;
      const pathParameters = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1] as string)]));
      const query = Object.fromEntries(url.searchParams.entries());
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      headers['x-forwarded-proto'] = 'http';
      const now = new Date();
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: route.routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
        ...(route.names.length > 0 ? { pathParameters } : {}),
        ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
        isBase64Encoded: false,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? url.host,
          domainPrefix: 'local',
          requestId: randomUUID(),
          routeKey: route.routeKey,
          stage: '$default',
          time: now.toISOString(),
          timeEpoch: now.getTime(),
          http: {
            method,
            path: url.pathname,
            protocol: 'HTTP/1.1',
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          ...(route.public
            ? {}
            : {
                authorizer: { jwt: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, claimValue(v)])), scopes: [] } },
              }),
        } as APIGatewayProxyEventV2['requestContext'],
      };
      const result = await options.handlers[route.fn](event, lambdaContext(route.fn));
      const r = (result ?? {}) as APIGatewayProxyStructuredResultV2;
      send(res, r.statusCode ?? 200, typeof r.body === 'string' ? r.body : '', {
        ...Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)])),
        ...cors,
      });
    } catch {
      // As API Gateway does when an integration fails: no internals.
      send(res, 500, JSON.stringify({ message: 'Internal Server Error' }), corsHeaders(req.headers.origin));
    }
  });
  return listenOnLoopback(server, options.port);
}
