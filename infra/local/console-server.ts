/**
 * The web console on the local stack: the built bundle (console/dist, built here when missing or
 * older than its sources), `config.json` pointing at the local API with the development sign-in, and
 * that sign-in itself: a token for a chosen role (and institution) signed with the stack's own key,
 * as `npx ltc token` makes it. Listens on 127.0.0.1 only; none of this exists in the deployed app.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { listenOnLoopback } from './listen.ts';
import { issueToken, ROLES, type Role } from './tokens.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The newest modification time under `dir` (recursively), in ms. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/**
 * Builds console/dist with Vite unless it is newer than every source of the console.
 * @example await ensureConsoleBuilt(root, (line) => console.log(line)) // 'built' | 'up to date'
 */
export async function ensureConsoleBuilt(root: string, say: (line: string) => void = () => {}): Promise<'built' | 'up to date'> {
  const consoleDir = join(root, 'console');
  const index = join(consoleDir, 'dist', 'index.html');
  const sources = Math.max(
    newest(join(consoleDir, 'src')),
    statSync(join(consoleDir, 'index.html')).mtimeMs,
    statSync(join(consoleDir, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return 'up to date';
  const t = Date.now();
  // Loaded only when a build is needed: `ltc token` and the like never load Vite.
  const { build } = await import('vite');
  await build({ configFile: join(consoleDir, 'vite.config.ts'), logLevel: 'warn' });
  say(`console built (${Date.now() - t} ms)`);
  return 'built';
}

export interface ConsoleServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  stop(): Promise<void>;
}

/**
 * Serves the console for the local API at `apiUrl`.
 * @example const c = await startConsoleServer({ root, apiUrl: stack.apiUrl }); console.log(`console: ${c.url}/`)
 */
export async function startConsoleServer(options: { root: string; apiUrl: string; port?: number }): Promise<ConsoleServer> {
  const dist = join(options.root, 'console', 'dist');
  const config = JSON.stringify({ apiUrl: options.apiUrl, auth: { mode: 'local' } });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', ...headers });
      res.end(body);
    };
    try {
      if (url.pathname === '/config.json') return send(200, TYPES['.json'] as string, config, { 'cache-control': 'no-store' });
      if (url.pathname === '/local/sign-in' && req.method === 'POST') return send(...(await signIn(options.root, await body(req))));
      if (url.pathname === '/local/institutions') return send(...(await institutions(options.root, options.apiUrl)));
      const file = normalize(join(dist, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
      if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
        // Routes live in the hash; any other path is the page itself.
        return send(200, TYPES['.html'] as string, readFileSync(join(dist, 'index.html')), { 'cache-control': 'no-cache' });
      }
      const immutable = file.includes(`${sep}assets${sep}`);
      return send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), {
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    } catch (e) {
      return send(500, 'text/plain; charset=utf-8', `console server: ${(e as Error).message}`);
    }
  });
  return listenOnLoopback(server, options.port);
}

type Answer = [number, string, string];
const JSON_TYPE = 'application/json; charset=utf-8';

function body(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      text += c;
      if (text.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

async function signIn(root: string, text: string): Promise<Answer> {
  let who: { role?: unknown; institutionId?: unknown };
  try {
    who = JSON.parse(text) as typeof who;
  } catch {
    return [400, JSON_TYPE, JSON.stringify({ error: 'body must be JSON { role, institutionId }' })];
  }
  const role = who.role as Role;
  if (!ROLES.includes(role)) return [400, JSON_TYPE, JSON.stringify({ error: `role must be one of ${ROLES.join(', ')}` })];
  const institutionId = typeof who.institutionId === 'string' && who.institutionId.trim() !== '' ? who.institutionId.trim() : undefined;
  if (role === 'institution' && !institutionId)
    return [400, JSON_TYPE, JSON.stringify({ error: '机构用户须选择机构 / choose an institution' })];
  const user = role === 'institution' ? `clerk-${institutionId}` : role === 'bureau' ? 'reviewer-local' : 'cashier-local';
  return [
    200,
    JSON_TYPE,
    JSON.stringify({ token: await issueToken(root, { role, user, ...(role === 'institution' ? { institutionId } : {}) }) }),
  ];
}

/** The registered institutions, read through the API as the bureau, for the sign-in picker. */
async function institutions(root: string, apiUrl: string): Promise<Answer> {
  const token = await issueToken(root, { role: 'bureau', user: 'console-sign-in', hours: 1 });
  const out: { institutionId: string; name?: string }[] = [];
  let next: string | undefined;
  do {
    const r = await fetch(`${apiUrl}/registry/institutions?limit=100${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!r.ok) return [502, JSON_TYPE, JSON.stringify({ error: `the API answered ${r.status}` })];
    const page = (await r.json()) as { items: { institutionId: string; name?: string }[]; nextToken?: string };
    out.push(...page.items.map((i) => ({ institutionId: i.institutionId, ...(i.name ? { name: i.name } : {}) })));
    next = page.nextToken;
  } while (next);
  return [200, JSON_TYPE, JSON.stringify(out)];
}
