/**
 * GET /console/{file} (public): the web console's static files from its private, KMS-encrypted
 * bucket, through the API itself, so the deployed console is same-origin with the API, TLS-only and
 * identical in aws and aws-cn (CloudFront in aws-cn needs an ICP-filed domain). `config.json` in the
 * bucket is written at deploy time with the API URL and the identity settings. Text files are sent
 * gzip-compressed when the browser accepts it (API Gateway's HTTP API does not compress).
 */
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NotFoundError } from '../http/errors.ts';
import { httpHandler, type Observability } from '../http/http.ts';
import { headerOf, type JsonEvent } from '../http/middleware.ts';
import { tracer } from '../http/observability.ts';

export interface ConsoleFiles {
  /** The object's bytes, or undefined when there is no such file. */
  read(key: string): Promise<Buffer | undefined>;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};

/** The page may load only its own scripts and styles and talk only to its own origin and the identity provider. */
const SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' https:; frame-ancestors 'none'; base-uri 'self'; form-action 'self' https:",
};

/** A file key from the path: no traversal, no hidden files; the directory itself is the page. */
export function keyOf(proxy: string | undefined): string | undefined {
  const path = (proxy ?? '').replace(/^\/+/, '');
  if (path === '') return 'index.html';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return undefined;
  return path;
}

/**
 * @example const handler = makeHandler({ files: s3Files(new S3Client({}), 'console-bucket') });
 */
export function makeHandler(deps: Observability & { files: ConsoleFiles }) {
  const serve = async (event: JsonEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    const key = keyOf(event.pathParameters?.proxy);
    const body = key === undefined ? undefined : await deps.files.read(key);
    if (!key || !body) throw new NotFoundError('NOT_FOUND', 'No such console file', '控制台文件不存在');
    const extension = key.split('.').at(-1) ?? '';
    const type = TYPES[extension] ?? 'application/octet-stream';
    // Hashed assets never change; the page and its configuration are always fetched fresh.
    const cache = key.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    const text = /^(text|application\/json|image\/svg)/.test(type);
    const gzip = text && /\bgzip\b/.test(headerOf(event, 'accept-encoding') ?? '');
    return {
      statusCode: 200,
      headers: {
        'content-type': type,
        'cache-control': cache,
        ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
        ...SECURITY_HEADERS,
      },
      isBase64Encoded: true,
      body: (gzip ? gzipSync(body) : body).toString('base64'),
    };
  };
  const redirect = async (): Promise<APIGatewayProxyStructuredResultV2> => ({
    statusCode: 308,
    headers: { location: '/console/', ...SECURITY_HEADERS },
    body: '',
  });
  return httpHandler({ 'GET /console/{proxy+}': serve, 'GET /console': redirect, 'GET /': redirect }, deps);
}

/** The console's files in S3. */
export function s3Files(s3: S3Client, bucket: string): ConsoleFiles {
  return {
    read: async (key) => {
      try {
        const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : undefined;
      } catch (e) {
        if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey' || (e as { name?: string }).name === 'AccessDenied')
          return undefined;
        throw e;
      }
    },
  };
}

/** The deployed function (env: CONSOLE_BUCKET). */
export const handler = makeHandler({ files: s3Files(tracer.captureAWSv3Client(new S3Client({})), process.env.CONSOLE_BUCKET ?? '') });
