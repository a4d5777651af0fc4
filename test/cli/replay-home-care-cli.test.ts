/**
 * `ltc replay` with the §11 keys (DOMAIN.md §9, §11): a city example prints its hand-computed document
 * and exits 0; a §11 policy key or care plan that fails validation exits 2 with one line naming it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loose } from '../support/subsidy-builders.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const example = (name: string) => JSON.parse(readFileSync(join(REPO, 'examples', name), 'utf8'));
const runCli = (file: string) => spawnSync(process.execPath, ['cli/ltc.ts', 'replay', file], { cwd: REPO, encoding: 'utf8' });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ltc-replay-home-care-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ltc replay with home-care keys', () => {
  it('prints the Wencheng example’s hand-computed document and exits 0', () => {
    // Act
    const { status, stdout, stderr } = runCli(join(REPO, 'examples', 'wencheng-home-care.json'));

    // Assess
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example('wencheng-home-care.out.json'));
  });

  it.each<[string, (s: Loose) => void, RegExp]>([
    ['a §11 policy key set to null', (s) => (s.policy.ltc.monthlyCap = null), /monthlyCap/],
    ['visitVerification without defaultMinMinutes', (s) => delete s.policy.ltc.visitVerification.defaultMinMinutes, /defaultMinMinutes/],
    [
      'two care plans of one institution and setting sharing a day',
      (s) => s.registry.persons[0].carePlans.push({ ...s.registry.persons[0].carePlans[0], planId: 'WP-1B', from: '2026-03-31' }),
      /carePlans/,
    ],
  ])('exits 2 for %s, naming it in one line', (name, mutate, field) => {
    // Prepare
    const scenario = example('wencheng-home-care.json');
    mutate(scenario);
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(scenario));

    // Act
    const { status, stdout, stderr } = runCli(file);

    // Assess
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(field);
  });
});
