/**
 * `ltc start`, `ltc token`, `ltc submit`, `ltc status`: the local stack and a client for the API.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { LocalStack } from '../infra/local/stack.ts';
import { issueToken, ROLES, type Role } from '../infra/local/tokens.ts';
import { ApiClient } from './api-client.ts';
import { claimsFromCsv } from './claims-csv.ts';
import { runDemo } from './local-demo.ts';

const option = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const apiUrlFile = (root: string) => join(root, '.local', 'api-url');
/** Where the running stack's endpoints, table and queue URLs are kept for `ltc dlq`. */
export const stackFile = (root: string) => join(root, '.local', 'stack.json');

/** Starts the stack, runs the demo, prints the summary; serves until Ctrl-C unless --once. */
export async function start(root: string, args: string[]): Promise<number> {
  const once = args.includes('--once');
  const port = option(args, '--port');
  const consolePort = option(args, '--console-port');
  const t0 = Date.now();
  const say = (line: string) => process.stdout.write(`  ▸ ${line}\n`);
  process.stdout.write('ltc-claims: starting the local stack (DynamoDB Local + fauxqs, tables and queues from the CDK template)\n');
  let stack: LocalStack | undefined;
  let webConsole: { url: string; stop(): Promise<void> } | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Only the files this process wrote: another `ltc start` in the same checkout may have replaced them.
    const mine = (file: string, text: string | undefined) =>
      text !== undefined && existsSync(file) && readFileSync(file, 'utf8').includes(text);
    if (mine(apiUrlFile(root), stack?.apiUrl)) rmSync(apiUrlFile(root), { force: true });
    if (mine(stackFile(root), stack?.apiUrl)) rmSync(stackFile(root), { force: true });
    await webConsole?.stop();
    await stack?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(130));
  process.once('SIGTERM', () => void stop(143));
  try {
    // Loaded here, not at the top: token, submit and status need none of the emulators' modules.
    const { startLocalStack } = await import('../infra/local/stack.ts');
    stack = await startLocalStack({ root, progress: say, ...(port ? { apiPort: Number(port) } : {}) });
    mkdirSync(join(root, '.local'), { recursive: true });
    writeFileSync(apiUrlFile(root), stack.apiUrl);
    const { apiUrl, tableName, queues, endpoints } = stack;
    writeFileSync(stackFile(root), JSON.stringify({ apiUrl, tableName, queues, endpoints }, null, 2));
    // The web console (console/): built here on first start or after a change, served beside the API.
    const { ensureConsoleBuilt, startConsoleServer } = await import('../infra/local/console-server.ts');
    await ensureConsoleBuilt(root, say);
    webConsole = await startConsoleServer({ root, apiUrl: stack.apiUrl, ...(consolePort ? { port: Number(consolePort) } : {}) });
    const summary = await runDemo(stack, root, say);
    process.stdout.write(`\n${summary}\n\n`);
    process.stdout.write(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\napi: ${stack.apiUrl}\nconsole: ${webConsole.url}/\n`);
  } catch (e) {
    process.stderr.write(`ltc start: ${(e as Error).message.split('\n')[0]}\n`);
    await stop(1);
    return 1;
  }
  if (once) {
    await stop(0);
    return 0;
  }
  const tokens = [
    ['bureau', await issueToken(root, { role: 'bureau' })],
    ['finance', await issueToken(root, { role: 'finance' })],
    ['institution INST-A', await issueToken(root, { role: 'institution', institutionId: 'INST-A' })],
  ];
  process.stdout.write(
    `\nServing the API on ${stack.apiUrl} and the console on ${webConsole?.url}/ — Ctrl-C stops everything.\nTokens (12 h; more with: npx ltc token --role institution --institution INST-B):\n`,
  );
  for (const [who, token] of tokens) process.stdout.write(`  ${who}: ${token}\n`);
  process.stdout.write(`Try: curl -H "authorization: Bearer <bureau token>" ${stack.apiUrl}/review-queue\n`);
  await new Promise(() => {});
  return 0;
}

/** `ltc token --role R [--institution X] [--user U]`: a local token for the running local stack. */
export async function token(root: string, args: string[]): Promise<number> {
  const role = option(args, '--role') as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const institutionId = option(args, '--institution');
  const user = option(args, '--user');
  process.stdout.write(`${await issueToken(root, { role, ...(institutionId ? { institutionId } : {}), ...(user ? { user } : {}) })}\n`);
  return 0;
}

/** The API to talk to: --api, LTC_API_URL, or the running local stack. */
export function apiUrl(root: string, args: string[]): string {
  const url =
    option(args, '--api') ??
    process.env.LTC_API_URL ??
    (existsSync(apiUrlFile(root)) ? readFileSync(apiUrlFile(root), 'utf8').trim() : undefined);
  if (!url) throw new Error('no API: start the local stack with `npm start`, or pass --api URL (or set LTC_API_URL)');
  return url;
}

/** A token: --token, LTC_TOKEN, or (for the local stack) one issued here for `local`. */
export async function tokenFor(root: string, args: string[], local: { role: Role; institutionId?: string }): Promise<string> {
  const given = option(args, '--token') ?? process.env.LTC_TOKEN;
  if (given) return given;
  if (option(args, '--api') ?? process.env.LTC_API_URL) throw new Error('a deployed API needs --token (or LTC_TOKEN)');
  return issueToken(root, local);
}

/**
 * `ltc submit FILE` (JSON: one claim, an array, or { claims }; CSV: care-service lines) as the claims'
 * institution, which the server stamps with its receive time; `--migrate` sends them as the bureau
 * to POST /migrations/claims, keeping each claim's own submittedAt.
 */
export async function submit(root: string, args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!file) throw new Error('usage: ltc submit FILE.json|FILE.csv [--migrate] [--api URL] [--token T] [--idempotency-key K]');
  const migrate = args.includes('--migrate');
  const text = readFileSync(file, 'utf8');
  const claims: Record<string, unknown>[] =
    extname(file).toLowerCase() === '.csv'
      ? claimsFromCsv(text)
      : (() => {
          const doc = JSON.parse(text.replace(/^\uFEFF/, ''));
          return Array.isArray(doc) ? doc : Array.isArray(doc?.claims) ? doc.claims : [doc];
        })();
  const institutions = [...new Set(claims.map((c) => String(c.institutionId)))];
  const local = migrate ? { role: 'bureau' as const } : { role: 'institution' as const, institutionId: institutions[0] ?? '' };
  const client = new ApiClient(apiUrl(root, args), await tokenFor(root, args, local));
  const key = option(args, '--idempotency-key');
  const route = migrate ? '/migrations/claims' : '/claims';
  const r = await client.request('POST', route, { claims }, key ? { 'idempotency-key': key } : {});
  process.stdout.write(`${JSON.stringify(r.body, null, 2)}\n`);
  return r.status >= 200 && r.status < 300 ? 0 : 1;
}

/** `ltc status CLAIM_ID`: the decision, adjustments and explanation. */
export async function status(root: string, args: string[]): Promise<number> {
  const claimId = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!claimId) throw new Error('usage: ltc status CLAIM_ID [--api URL] [--token T]');
  const client = new ApiClient(apiUrl(root, args), await tokenFor(root, args, { role: 'bureau' }));
  const r = await client.request('GET', `/claims/${encodeURIComponent(claimId)}`);
  process.stdout.write(`${JSON.stringify(r.body, null, 2)}\n`);
  return r.status === 200 ? 0 : 1;
}
