/**
 * Starts what `npm start` starts, without the demo data: the local stack and the console server, and
 * a control endpoint for the stack's clock (the finance journey posts into a month and then closes
 * it after it has ended, as finance does). Returns the teardown.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ensureConsoleBuilt, startConsoleServer } from '../../infra/local/console-server.ts';
import { startLocalStack } from '../../infra/local/stack.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default async function globalSetup() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(
      `no Chromium at ${chromium}: apt-get install -y --no-install-recommends chromium fonts-noto-cjk (or set CHROMIUM_PATH)`,
    );
  }
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  let offsetMs = 0;
  await ensureConsoleBuilt(root);
  const stack = await startLocalStack({ root, visibilityTimeoutSeconds: 2, now: () => new Date(Date.now() + offsetMs) });
  const web = await startConsoleServer({ root, apiUrl: stack.apiUrl });
  const control = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += String(c);
    });
    req.on('end', () => {
      if (req.url === '/clock' && req.method === 'POST') offsetMs = Number((JSON.parse(body) as { offsetMs: number }).offsetMs) || 0;
      else if (req.url === '/idle') {
        stack.waitForIdle(60_000).then(
          () => res.end('idle'),
          (e: Error) => res.writeHead(500).end(e.message),
        );
        return;
      }
      res.end(String(offsetMs));
    });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  process.env.E2E_API_URL = stack.apiUrl;
  process.env.E2E_CONSOLE_URL = web.url;
  process.env.E2E_CONTROL_URL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return async () => {
    control.close();
    await web.stop();
    await stack.stop();
  };
}
