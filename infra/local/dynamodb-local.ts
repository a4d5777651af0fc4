/**
 * DynamoDB Local, the official emulator (transactions included), run from the jar shipped inside the
 * npm package amplify-dynamodb-simulator — fetched once into .cache/ (no Docker, no other download).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const SIMULATOR = 'amplify-dynamodb-simulator@2.9.30';

/** Java is needed and missing: a one-line error with the install hint. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor() {
    super('Java is required for DynamoDB Local and was not found on PATH; install it with: apt-get install -y default-jre-headless');
  }
}

/** Where the jar lives once fetched. */
export function jarDir(root: string): string {
  return join(root, '.cache', 'ddb-local');
}

/** Fetches the DynamoDB Local jar from the npm registry into `<root>/.cache/ddb-local` unless present. */
export function ensureJar(root: string): string {
  const dir = jarDir(root);
  if (existsSync(join(dir, 'DynamoDBLocal.jar'))) return dir;
  const cache = join(root, '.cache');
  mkdirSync(cache, { recursive: true });
  const staging = join(cache, `staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tgz = execFileSync(npm, ['pack', SIMULATOR, '--pack-destination', staging, '--silent'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop() as string;
  execFileSync('tar', ['-xzf', join(staging, tgz), '-C', staging, 'package/emulator']);
  if (!existsSync(join(dir, 'DynamoDBLocal.jar'))) renameSync(join(staging, 'package', 'emulator'), dir);
  rmSync(staging, { recursive: true, force: true });
  return dir;
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local in memory on a loopback port and waits until it answers.
 * @example const ddb = await startDynamoDbLocal({ root: process.cwd() }); … await ddb.stop();
 */
export async function startDynamoDbLocal(options: { root: string; port?: number; timeoutMs?: number }): Promise<RunningDynamoDb> {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) throw new JavaMissingError();
  const dir = ensureJar(options.root);
  const port = options.port ?? (await freePort());
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    // DynamoDB Local writes a metadata file into its working directory: keep it in the cache.
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr.trim().split('\n').pop() ?? ''}`);
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline) throw new Error('DynamoDB Local did not answer in time');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (e) {
    await stop();
    throw e;
  } finally {
    client.destroy();
  }
  return { endpoint, port, process: child, stop };
}
