/**
 * `ltc whatif SCENARIO.json --policy PROPOSAL.json`: the JSON report on stdout (exit 0), `--table`
 * for a terminal, and exit 2 with one line on stderr naming the problem.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = new URL('../../', import.meta.url).pathname;
const SCENARIO = 'test/fixtures/whatif/scenario.json';
const PROPOSAL = 'test/fixtures/whatif/cap-from-16th.json';

const ltc = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['cli/ltc.ts', 'whatif', ...args], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ltc-whatif-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ltc whatif', () => {
  it('prints the report as JSON and nothing else', () => {
    const r = ltc(SCENARIO, '--policy', PROPOSAL);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.totals).toEqual({ claims: 3, fundBefore: '10067.00', fundAfter: '10179.00', difference: '112.00', moved: 1 });
  });

  it('prints the rows side by side and the moved claims for a terminal with --table', () => {
    const r = ltc(SCENARIO, '--policy', PROPOSAL, '--table');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe("what-if: the proposal (demo-2026) from 2026-03-16, against the scenario's own policy");
    expect(lines[1]).toMatch(/^ {2}institution {2}kind +month +claims {2}fund before {2}fund after {2}difference {2}moved$/);
    expect(lines).toContain('  INST-A       care-service        2026-03       2      2077.00     2189.00      112.00      1');
    expect(lines).toContain('  CS-1 (INST-A, care-service, 2026-03): 1302.00 → 1414.00 (112.00), approved');
    expect(lines).toContain('    items.dailyCap on 16 (2026-03-16 … 2026-03-31): 60.00 → 70.00');
  });

  it.each([
    [['--policy', PROPOSAL], 'usage'],
    [[SCENARIO], 'whatif needs --policy PROPOSAL.json'],
    [[SCENARIO, '--policy', 'missing.json'], 'cannot read missing.json: ENOENT'],
    [[SCENARIO, '--policy', PROPOSAL, '--examples', 'x'], '--examples needs a whole number'],
  ])('exits 2 with one line for %j', (args, message) => {
    const r = ltc(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('exits 2 naming the field of a proposal that fails the policy schema', () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ effectiveFrom: '2026-03-16', policy: { ltc: { anualCap: '1.00' } } }));
    const r = ltc(SCENARIO, '--policy', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ltc: proposal.policy.ltc.anualCap: unknown key anualCap\n');
  });
});
