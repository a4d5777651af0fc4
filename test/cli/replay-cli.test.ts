/**
 * `ltc replay` (DOMAIN.md §9): exit 0 with nothing but the JSON document on stdout for a scenario of
 * the right shape; exit 2 with exactly one line on stderr, naming the problem, otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixturePath, type Json, type Loose } from '../support/subsidy-builders.ts';

const REPO = new URL('../../', import.meta.url).pathname;

const runCli = (file: string) => {
  const result = spawnSync(process.execPath, ['cli/ltc.ts', 'replay', file], { cwd: REPO, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ltc-replay-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a scenario (an object, or raw text) to a file and returns its path. */
const scenarioFile = (name: string, content: unknown): string => {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

/** The CLI fixture with one change applied. */
const scenarioWith = (mutate: (s: Loose) => void): Json => {
  const scenario = fixture('cli/scenario.json');
  mutate(scenario as Loose);
  return scenario;
};

describe('ltc replay on a well-formed scenario', () => {
  it('prints only the §9 document and exits 0', () => {
    // Prepare: CS-Q 2 × 30.00 = 60.00 ≤ cap 60.00, × 0.70 = 42.00 (personal 18.00); its copy with
    // quantity 2.0, other key order and whitespace is a no-op; SUB-1 2 × 13000.00 = 26000.00;
    // 42 is an invalid entry. Total 26042.00.
    const file = fixturePath('cli/scenario.json');

    // Act
    const { status, stdout, stderr } = runCli(file);

    // Assess
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const output = JSON.parse(stdout);
    expect(output.claims.map((c: Json) => [c.claimId, c.kind, c.status, c.fundAmount])).toEqual([
      ['CS-Q', 'care-service', 'approved', '42.00'],
      ['SUB-1', 'construction-subsidy', 'approved', '26000.00'],
      [null, null, 'invalid', '0.00'],
    ]);
    expect(output.claims[0].personalAmount).toBe('18.00');
    expect(output.claims[1].deferredAmount).toBe('0.00');
    expect(output.claims[2].reasonCodes).toEqual(['VALIDATION_FAILED']);
    expect(output.adjustments).toEqual([]);
    expect(output.totals).toEqual({ fundAmount: '26042.00', adjustments: '0.00' });
  });

  it('exits 0 for an empty claims list with a valid policy override', () => {
    // Prepare
    const file = scenarioFile(
      'empty',
      scenarioWith((s) => {
        s.claims = [];
        s.policy = { subsidy: { annualBudget: '1000.00' }, ltc: { eligibleGrades: [4, 5] } };
      }),
    );

    // Act
    const { status, stdout, stderr } = runCli(file);

    // Assess
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({ claims: [], adjustments: [], totals: { fundAmount: '0.00', adjustments: '0.00' } });
  });

  it('exits 0 when every claim is invalid', () => {
    // Prepare
    const file = scenarioFile(
      'all-invalid',
      scenarioWith((s) => {
        s.claims = [null, { kind: 'care-service', claimId: 'CS-X' }, 'text'];
      }),
    );

    // Act
    const { status, stdout } = runCli(file);

    // Assess
    expect(status).toBe(0);
    expect(JSON.parse(stdout).claims.map((c: Json) => c.status)).toEqual(['invalid', 'invalid', 'invalid']);
  });
});

describe('ltc replay on a scenario it cannot run', () => {
  const expectExit2 = (file: string, names: RegExp) => {
    // Act
    const { status, stdout, stderr } = runCli(file);

    // Assess
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(names);
  };

  it('exits 2 for a file that does not exist', () => {
    expectExit2(join(dir ?? tmpdir(), 'no-such-scenario.json'), /no-such-scenario\.json/);
  });

  it('exits 2 for a file that is not JSON', () => {
    expectExit2(fixturePath('cli/not-json.json'), /JSON/);
  });

  it.each<[string, unknown, RegExp]>([
    ['an array', [], /object/],
    ['a number', 42, /object/],
    ['null', 'null', /object/],
  ])('exits 2 for a scenario that is %s', (name, content, names) => {
    expectExit2(
      scenarioFile(`not-object-${name.replace(/\s/g, '-')}`, typeof content === 'string' ? content : JSON.stringify(content)),
      names,
    );
  });

  it.each<[string, (s: Loose) => void, RegExp]>([
    ['no registry', (s) => delete s.registry, /registry/],
    ['a registry that is an array', (s) => (s.registry = []), /registry/],
    ['no persons array', (s) => delete s.registry.persons, /persons/],
    ['persons that is an object', (s) => (s.registry.persons = {}), /persons/],
    ['no institutions array', (s) => delete s.registry.institutions, /institutions/],
    ['no claims array', (s) => delete s.claims, /claims/],
    ['claims that is an object', (s) => (s.claims = { 0: {} }), /claims/],
    ['a policy that is an array', (s) => (s.policy = []), /policy/],
    ['a policy that is a string', (s) => (s.policy = 'demo-2026'), /policy/],
    ['a misspelt policy key', (s) => (s.policy = { ltc: { anualCap: '1' } }), /anualCap/],
    ['a ratio above 1', (s) => (s.policy = { ltc: { fundRatio: { resident: '1.10' } } }), /fundRatio/],
    ['a public nursing bed ratio above 1', (s) => (s.policy = { subsidy: { publicNursingBedRatio: '1.01' } }), /publicNursingBedRatio/],
    [
      'medical facility requirements without minTotalBeds 0',
      (s) => (s.policy = { subsidy: { medicalFacilityRequirements: [{ minTotalBeds: 50, accepted: ['internal', 'contracted'] }] } }),
      /medicalFacilityRequirements/,
    ],
    ['an eligible grade without a cap', (s) => (s.policy = { ltc: { eligibleGrades: [2, 3, 4, 5] } }), /dailyCap|eligibleGrades/],
    ['an unparsable adjudicatedAt', (s) => (s.adjudicatedAt = 'next Tuesday'), /adjudicatedAt/],
    ['an adjudicatedAt without an offset', (s) => (s.adjudicatedAt = '2026-04-10T12:00:00'), /adjudicatedAt/],
    ['a bad registry date', (s) => (s.registry.persons[0].enrolledOn = '2024-02-30'), /enrolledOn/],
    ['grade 6', (s) => (s.registry.persons[0].assessments[0].grade = 6), /grade/],
    ['a duplicate personId', (s) => s.registry.persons.push({ ...s.registry.persons[0] }), /personId/],
    ['hospitalLevel on a non-hospital', (s) => (s.registry.institutions[0].hospitalLevel = 1), /hospitalLevel/],
    ['an ltc designation without setting', (s) => delete s.registry.institutions[0].designations[0].setting, /setting/],
  ])('exits 2 for %s, naming it', (name, mutate, names) => {
    expectExit2(scenarioFile(name.replace(/\W+/g, '-'), scenarioWith(mutate)), names);
  });
});
