/**
 * Fuzzing `replay()` and `ltc replay` (DOMAIN.md §9): whatever the scenario, the engine returns a
 * document or throws a ScenarioError, and the command exits 0 with JSON on stdout or 2 with one line
 * on stderr — never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { replay, ScenarioError } from '../../domain/replay.ts';
import { scenarioArb } from '../support/scenario-arbitrary.ts';

/** `[[[…0…]]]` nested `depth` times. */
const deepArray = (depth: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
/** `{a:{a:{…}}}` nested `depth` times. */
const deepObject = (depth: number): unknown => {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** Values that break naive parsers: non-finite numbers, exponent money, impossible dates, odd text. */
const nastyValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    0.1,
    '1e3',
    '5.',
    '.5',
    '-1.00',
    '80.001',
    '1'.repeat(400),
    '',
    ' ',
    'NaN',
    'Infinity',
    '2026-02-30',
    '2026-13-01',
    '0000-01-01',
    '0001-01-01',
    '9999-12-31',
    '2026-1-1',
    '２０２６-０１-０１',
    '2026-04-02T09:00:00',
    '2026-04-02T25:00:00+08:00',
    '2026-04-02T09:00:00+99:99',
    '2026-13',
    '夕阳红\u0000\uD800🧓',
    '\u202Eevil',
    // Object.prototype member names: as a claim's kind they once crashed validateClaim
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    null,
    undefined,
    true,
    [],
    {},
    [null],
    { __proto__: null, toString: 1 },
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
  fc.constant(null).map(() => deepArray(2_000)),
  fc.constant(null).map(() => deepObject(2_000)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every path (list of keys) to a value inside `v`, the root included. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => void paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/**
 * Replaces (or deletes, for `undefined`) values of a copy of `doc` at paths of the original; an
 * edit whose path now runs through an earlier replacement is skipped, so shared constants stay intact.
 */
function mutate(doc: unknown, edits: readonly [(string | number)[], unknown][]): unknown {
  const copy = structuredClone(doc);
  const own = new WeakSet<object>();
  for (const path of paths(copy)) {
    const node = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy);
    if (node !== null && typeof node === 'object') own.add(node);
  }
  let root: unknown = copy;
  for (const [path, value] of edits) {
    if (path.length === 0) {
      root = value;
      continue;
    }
    let parent: unknown = root;
    for (const key of path.slice(0, -1)) parent = own.has(parent as object) ? (parent as Record<string | number, unknown>)[key] : undefined;
    if (parent === null || typeof parent !== 'object' || !own.has(parent)) continue;
    const last = path[path.length - 1] as string | number;
    if (value === undefined && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[last];
    else (parent as Record<string | number, unknown>)[last] = value;
  }
  return root;
}

/** A realistic scenario with one to three values replaced by nasty ones. */
const mutatedScenarioArb = scenarioArb({ maxClaims: 8 }).chain((s) => {
  const all = paths(s);
  return fc.array(fc.tuple(fc.nat(all.length - 1), nastyValueArb), { minLength: 1, maxLength: 3 }).map((edits) =>
    mutate(
      s,
      edits.map(([i, v]) => [all[i] as (string | number)[], v]),
    ),
  );
});

/** Shapes aimed at the policy override and the registry, which exit 2 when wrong. */
const policyOrRegistryArb = fc
  .record({ policy: fc.option(fc.jsonValue({ maxDepth: 4 }), { nil: undefined }), extra: nastyValueArb })
  .map(({ policy, extra }) => ({
    policy: policy ?? { ltc: { annualCap: extra } },
    registry: { persons: [{ personId: 'P1', insuredType: 'employee', enrolledOn: extra }], institutions: [] },
    claims: [extra],
  }));

const anyScenarioArb = fc.oneof(
  { weight: 4, arbitrary: mutatedScenarioArb },
  { weight: 1, arbitrary: policyOrRegistryArb },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.record({ registry: fc.anything({ maxDepth: 2 }), claims: fc.array(nastyValueArb, { maxLength: 5 }) }) },
);

describe('replay() under fuzzing', () => {
  it('returns a document or throws a ScenarioError, whatever the scenario', () => {
    fc.assert(
      fc.property(anyScenarioArb, (doc) => {
        let output: unknown;
        try {
          output = replay(doc).output;
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
          expect((e as Error).message).not.toMatch(/\n/);
          return;
        }
        const text = JSON.stringify(output);
        expect(JSON.parse(text)).toEqual(output);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('prototype-named keys', () => {
  // Found by this fuzzer: `kind in SCHEMAS` also matched Object.prototype members (a TypeError, not an entry).
  it('reports a claim whose kind names an Object.prototype member as invalid', () => {
    const scenario = { registry: { persons: [], institutions: [] }, claims: [{ kind: 'constructor', claimId: 'X-1' }] };
    expect(replay(scenario).output.claims[0]).toMatchObject({ claimId: 'X-1', status: 'invalid', reasonCodes: ['VALIDATION_FAILED'] });
  });
});

describe('ltc replay under fuzzing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ltc-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Fixed hard cases, run every time. */
  const HARD_FILES: [string, string | Uint8Array][] = [
    ['an empty file', ''],
    ['NaN', 'NaN'],
    [
      'a JSON number beyond double range',
      '{"registry":{"persons":[],"institutions":[]},"claims":[{"kind":"care-service","unitPrice":1e400}]}',
    ],
    ['a byte-order mark', '\uFEFF{"registry":{"persons":[],"institutions":[]},"claims":[]}'],
    ['claims nested 100,000 deep', `{"registry":{"persons":[],"institutions":[]},"claims":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    [
      'a policy nested 100,000 deep',
      `{"policy":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)},"registry":{"persons":[],"institutions":[]},"claims":[]}`,
    ],
    ['UTF-16 bytes', new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
  ];

  /** File contents: JSON text of fuzzed scenarios, raw garbage and truncations. */
  const fileArb: fc.Arbitrary<string | Uint8Array> = fc.oneof(
    { weight: 4, arbitrary: anyScenarioArb.map((doc) => JSON.stringify(doc) ?? 'undefined') },
    { weight: 1, arbitrary: mutatedScenarioArb.map((doc) => (JSON.stringify(doc) ?? '').slice(0, 50)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );

  let n = 0;
  /** Runs `ltc replay` on the content and checks the exit contract. */
  function assertExitContract(content: string | Uint8Array): void {
    const file = join(dir, `scenario-${n++}.json`);
    writeFileSync(file, content);
    const run = spawnSync(process.execPath, ['cli/ltc.ts', 'replay', file], { encoding: 'utf8', timeout: 30_000 });
    expect([0, 2], run.stderr).toContain(run.status);
    if (run.status === 0) {
      expect(run.stderr).toBe('');
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    } else {
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^ltc: [^\n]+\n$/);
    }
  }

  it.each(HARD_FILES)('keeps the exit contract for %s', (_, content) => {
    assertExitContract(content);
  });

  it('exits 0 with a JSON document or 2 with exactly one line on stderr for fuzzed files', () => {
    fc.assert(fc.property(fileArb, assertExitContract), { numRuns: 14 });
  });
});
