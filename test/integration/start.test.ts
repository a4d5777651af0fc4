/**
 * The README's first command, as a user runs it: `npm start -- --once` starts DynamoDB Local and
 * fauxqs of its own, creates the resources from the CDK template, migrates the demo claims through the
 * local API, prints the summary and stops. Only the final state is asserted (it does not depend on the
 * order the queues deliver in); the adjustments listed can.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = process.cwd();

function npmStartOnce(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--', '--once'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start -- --once', () => {
  it('runs the demo claims through the local stack and prints their final state', async () => {
    const r = await npmStartOnce();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tables, queues, dead-letter queues and bucket created from the CDK template');
    expect(r.stdout).toContain('migrated 19/19 example claims through POST /migrations/claims');
    expect(r.stdout).toContain('ltc-claims on the local stack — 18 claims');
    expect(r.stdout).toMatch(/^ {4}total +129659\.23$/m);
    expect(r.stdout).toMatch(/review queue \(1\)\n +HC-0312 +30\.00 +DUPLICATE_SERVICE_DAY/);
    expect(r.stdout).toMatch(/^api: http:\/\/127\.0\.0\.1:\d+\nconsole: http:\/\/127\.0\.0\.1:\d+\/$/m);
  }, 170_000);
});
