import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { keyOf, makeHandler, s3Files } from '../../functions/serve-console/handler.ts';
import { context, event, type Json, quiet } from './support.ts';

const s3 = mockClient(S3Client);
const FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>长护险</title>',
  'config.json': '{"apiUrl":"https://api.example.cn","auth":{"mode":"oidc"}}',
  'assets/index-abc.js': 'console.log(1)',
};

function serve(routeKey: string, proxy?: string, headers: Record<string, string> = {}) {
  const e = event('list-claims', { routeKey, headers, ...(proxy !== undefined ? { pathParameters: { proxy } } : {}) });
  delete (e.requestContext as Json).authorizer;
  const handler = makeHandler({ files: s3Files(new S3Client({ region: 'cn-north-1' }), 'console-bucket'), ...quiet() });
  return handler(e as never, context) as Promise<{
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    isBase64Encoded?: boolean;
  }>;
}

beforeEach(() => {
  s3.reset();
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const text = FILES[input.Key];
    if (text === undefined) throw new NoSuchKey({ message: 'no such key', $metadata: {} });
    return { Body: { transformToByteArray: async () => new TextEncoder().encode(text) } };
  });
});

describe('GET /console/{proxy+}', () => {
  it('serves a hashed asset for a year and the page and its config always fresh', async () => {
    const asset = await serve('GET /console/{proxy+}', 'assets/index-abc.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(Buffer.from(asset.body, 'base64').toString()).toBe('console.log(1)');
    const config = await serve('GET /console/{proxy+}', 'config.json');
    expect(config.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(Buffer.from(config.body, 'base64').toString())).toMatchObject({ apiUrl: 'https://api.example.cn' });
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'console-bucket', Key: 'assets/index-abc.js' },
      { Bucket: 'console-bucket', Key: 'config.json' },
    ]);
  });

  it('serves the page for the directory itself, gzip-compressed when the browser accepts it, with security headers', async () => {
    const page = await serve('GET /console/{proxy+}', '', { 'accept-encoding': 'gzip, deflate, br' });
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-encoding': 'gzip',
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-frame-options': 'DENY',
      'content-security-policy': expect.stringContaining("script-src 'self'"),
    });
    expect(gunzipSync(Buffer.from(page.body, 'base64')).toString()).toBe(FILES['index.html']);
  });

  it('answers 404 for a missing file and never reads outside the bundle', async () => {
    expect((await serve('GET /console/{proxy+}', 'nope.js')).statusCode).toBe(404);
    for (const bad of ['../secret', 'assets/../../x', '.env', 'a//b']) {
      expect((await serve('GET /console/{proxy+}', bad)).statusCode).toBe(404);
    }
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
    expect([keyOf(undefined), keyOf('a/b.js'), keyOf('../x')]).toEqual(['index.html', 'a/b.js', undefined]);
  });

  it('redirects / and /console to /console/', async () => {
    for (const route of ['GET /', 'GET /console']) {
      const r = await serve(route);
      expect([r.statusCode, r.headers.location]).toEqual([308, '/console/']);
    }
  });
});
