/**
 * The HTTP API on localhost: the routes of infra/lib/routes.ts, a JWT check with API Gateway's
 * semantics (no or bad token → 401 before any function runs; claims handed to the function as
 * `requestContext.authorizer.jwt.claims`, arrays rendered as API Gateway renders them), and the
 * same Lambda handlers answering.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { API_ROUTES, type ApiFunction } from '../lib/routes.ts';
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
  names: [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
  pattern: new RegExp(`^${r.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
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
      const route = compiled.find((r) => r.method === method && r.pattern.test(url.pathname));
      if (!route) return send(res, 404, JSON.stringify({ message: 'Not Found' }));
      const auth = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
      const claims = token ? await verifyToken(options.secret, token) : undefined;
      if (!claims) return send(res, 401, JSON.stringify({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer' });
      const body = await readBody(req);
      if (body === undefined) return send(res, 413, JSON.stringify({ message: 'Request Entity Too Large' }));
      const match = route.pattern.exec(url.pathname) as RegExpExecArray;
      const pathParameters = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1] as string)]));
      const query = Object.fromEntries(url.searchParams.entries());
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
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
          domainName: url.host,
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
          authorizer: { jwt: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, claimValue(v)])), scopes: [] } },
        } as APIGatewayProxyEventV2['requestContext'],
      };
      const result = await options.handlers[route.fn](event, lambdaContext(route.fn));
      const r = (result ?? {}) as APIGatewayProxyStructuredResultV2;
      send(
        res,
        r.statusCode ?? 200,
        typeof r.body === 'string' ? r.body : '',
        Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)])),
      );
    } catch {
      // As API Gateway does when an integration fails: no internals.
      send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
