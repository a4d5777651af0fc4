/**
 * Differential check: this tree's `ltc replay` against a baseline checkout's, scenario by scenario.
 * A refactoring of `domain/` must not change one decision, amount, reason code, status or adjustment;
 * explanations may only gain fields. Run it before landing such a change:
 *
 *   git -C /work/main worktree add /tmp/baseline <commit> && (cd /tmp/baseline && npm ci)
 *   npm run test:differential -- --baseline /tmp/baseline [--scenarios 3000] [--seed 1] [--orders 3]
 *
 * Each scenario comes from `test/support/scenario-arbitrary.ts` (or the benchmark's workload, or
 * `examples/`), is replayed in several arrival orders with shuffled keys, exact re-deliveries,
 * id conflicts and invalid arrivals mixed in, and is compared in four renderings: the §9 document,
 * the same with `--explain` (explanations compared as "the new one contains the old one"), the
 * exhaustive care path, and the §10 statement of two months with closes and a disbursement file.
 * Exits 1 on the first mismatches (written to /tmp/replay-diff-*.json), 0 when all agree.
 */
import { writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { generate, prng, type Rng } from '../../bench/workload.ts';
import { replay } from '../../domain/replay.ts';
import { statement } from '../../domain/statement.ts';
import { type Scenario, scenarioArb, shuffleKeys } from '../support/scenario-arbitrary.ts';

type Json = unknown;
interface Side {
  replay: (doc: unknown, options?: { explain?: boolean; exhaustive?: boolean }) => { output: Json };
  statement: (doc: unknown, month: string) => Json;
}

const args = process.argv.slice(2);
const option = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const baselineDir = option('baseline', process.env.BASELINE);
if (!baselineDir) {
  console.error('usage: npm run test:differential -- --baseline DIR [--scenarios N] [--seed S] [--orders K]');
  process.exit(2);
}
const SCENARIOS = Number(option('scenarios', '2000'));
const SEED = Number(option('seed', '1'));
const ORDERS = Number(option('orders', '3'));

const root = path.resolve(import.meta.dirname, '../..');
const baseline: Side = {
  replay: (await import(pathToFileURL(path.join(baselineDir, 'domain/replay.ts')).href)).replay,
  statement: (await import(pathToFileURL(path.join(baselineDir, 'domain/statement.ts')).href)).statement,
};
const current: Side = { replay, statement };

/** Runs one side, turning a thrown error into a comparable value (both must fail alike). */
function run(f: () => Json): Json {
  try {
    return JSON.parse(JSON.stringify(f()));
  } catch (e) {
    return { threw: (e as Error).constructor.name, message: (e as Error).message };
  }
}

/** Whether `next` holds everything `prev` holds (objects may gain keys; arrays keep their length). */
function covers(prev: Json, next: Json): boolean {
  if (Array.isArray(prev)) return Array.isArray(next) && prev.length === next.length && prev.every((v, i) => covers(v, next[i]));
  if (prev !== null && typeof prev === 'object') {
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return false;
    return Object.entries(prev).every(([k, v]) => Object.hasOwn(next, k) && covers(v, (next as Record<string, Json>)[k]));
  }
  return prev === next;
}

/** The explain output split into what must be equal (everything but explanations) and the explanations. */
function splitExplanations(output: Json): { decided: Json; explanations: Json[] } {
  const o = output as { claims?: Record<string, Json>[] };
  if (!Array.isArray(o?.claims)) return { decided: output, explanations: [] };
  const explanations: Json[] = [];
  const claims = o.claims.map((c) => {
    const { explanation, ...rest } = c;
    explanations.push(explanation);
    return rest;
  });
  return { decided: { ...o, claims }, explanations };
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

interface Mismatch {
  readonly label: string;
  readonly rendering: string;
  readonly doc: unknown;
  readonly baseline: Json;
  readonly current: Json;
}
const mismatches: Mismatch[] = [];
const counts = { scenarios: 0, documents: 0, comparisons: 0, arrivals: 0 };

function compare(label: string, doc: Record<string, unknown>, months: readonly string[], explain: boolean): void {
  counts.documents++;
  counts.arrivals += Array.isArray(doc.claims) ? doc.claims.length : 0;
  const check = (rendering: string, f: (s: Side) => Json, equal: (a: Json, b: Json) => boolean = same) => {
    counts.comparisons++;
    const a = run(() => f(baseline));
    const b = run(() => f(current));
    if (!equal(a, b)) mismatches.push({ label, rendering, doc, baseline: a, current: b });
  };
  check('replay', (s) => s.replay(doc).output);
  check('replay exhaustive', (s) => s.replay(doc, { exhaustive: true }).output);
  if (explain) {
    check(
      'replay --explain',
      (s) => s.replay(doc, { explain: true }).output,
      (a, b) => {
        const x = splitExplanations(a);
        const y = splitExplanations(b);
        return same(x.decided, y.decided) && x.explanations.every((e, i) => covers(e, y.explanations[i]));
      },
    );
  }
  for (const month of months) check(`statement ${month}`, (s) => s.statement(doc, month));
}

/** One arrival order of a scenario: permuted, with re-deliveries, id conflicts and invalid arrivals mixed in. */
function variant(s: Scenario, rng: Rng, order: number): Record<string, unknown> {
  const claims = order === 0 ? [...s.claims] : rng.shuffle([...s.claims]);
  const extra: unknown[] = [];
  for (const c of s.claims) {
    const claim = c as Record<string, unknown>;
    if (rng.chance(0.08)) extra.push(shuffleKeys(claim, rng.int(1, 1e9)));
    if (rng.chance(0.04)) extra.push({ ...claim, submittedAt: '2026-03-01T08:00:00+08:00' });
    if (rng.chance(0.03)) extra.push({ ...claim, institutionId: 7 });
  }
  if (rng.chance(0.05)) extra.push(null, 'not a claim');
  for (const e of extra) claims.splice(rng.int(0, claims.length), 0, e);
  const doc: Record<string, unknown> = { ...s, claims: claims.map((c) => shuffleKeys(c, rng.int(1, 1e9))) };
  if (rng.chance(0.5)) doc.closes = closesArb(rng);
  if (rng.chance(0.5)) doc.disbursements = disbursementsArb(rng);
  return doc;
}

const CLOSE_AT = ['2026-01-05T18:00:00+08:00', '2026-02-02T09:00:00+08:00', '2026-02-20T18:00:00+08:00', '2026-03-10T00:00:00Z'];
function closesArb(rng: Rng) {
  return ['2025-12', '2026-01', '2026-02'].filter(() => rng.chance(0.5)).map((month) => ({ month, at: rng.pick(CLOSE_AT) }));
}
function disbursementsArb(rng: Rng) {
  const institutions = ['INST-A', 'INST-H', 'INST-P', 'HOSP-2', 'HOSP-1', ...(rng.chance(0.1) ? ['INST-UNKNOWN'] : [])];
  return Array.from({ length: rng.int(1, 5) }, (_, i) => ({
    paymentId: `PAY-${rng.chance(0.05) ? 1 : i + 1}`,
    institutionId: rng.pick(institutions),
    month: rng.pick(['2025-12', '2026-01', '2026-02', '2026-03']),
    amount: `${rng.int(1, 3000)}.${String(rng.int(0, 99)).padStart(2, '0')}`,
    paidOn: '2026-03-15',
  }));
}

const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03'];
const started = Date.now();
const rng = prng(SEED);

// 1. The examples, as they are.
for (const file of (await readdir(path.join(root, 'examples'))).filter(
  (f) => f.endsWith('.json') && !f.includes('.out') && f !== 'registry.json',
)) {
  const doc = JSON.parse(await readFile(path.join(root, 'examples', file), 'utf8'));
  counts.scenarios++;
  compare(`examples/${file}`, doc, ['2026-03', '2026-04'], true);
}

// 2. Generated scenarios: all kinds, care and medical only (crowded persons), and the default policy.
const shapes: { weight: number; arb: fc.Arbitrary<Scenario>; defaults?: boolean }[] = [
  { weight: 5, arb: scenarioArb({ maxClaims: 16 }) },
  { weight: 3, arb: scenarioArb({ kinds: ['care-service', 'medical-settlement'], maxClaims: 24 }) },
  { weight: 1, arb: scenarioArb({ kinds: ['construction-subsidy', 'operating-subsidy'], maxClaims: 24 }) },
  { weight: 1, arb: scenarioArb({ maxClaims: 16 }), defaults: true },
];
const total = shapes.reduce((n, s) => n + s.weight, 0);
for (const [k, shape] of shapes.entries()) {
  const n = Math.round((SCENARIOS * shape.weight) / total);
  const scenarios = fc.sample(shape.arb, { seed: SEED * 31 + k, numRuns: n });
  scenarios.forEach((generated, i) => {
    const s = shape.defaults ? (({ policy: _p, ...rest }) => rest)(generated) : generated;
    counts.scenarios++;
    for (let order = 0; order < ORDERS; order++) {
      const months = [rng.pick(MONTHS), rng.pick(MONTHS)];
      compare(
        `shape ${k} scenario ${i} order ${order}`,
        variant(s as Scenario, rng, order),
        [...new Set(months)],
        order === 0 || rng.chance(0.3),
      );
    }
  });
  console.log(`shape ${k}: ${n} scenarios; ${mismatches.length} mismatches so far (${Math.round((Date.now() - started) / 1000)} s)`);
}

// 3. The benchmark's workload: whole institutions' months, late arrivals, long referral chains.
for (let i = 0; i < Math.max(4, Math.round(SCENARIOS / 200)); i++) {
  const w = generate(20 + 10 * i, SEED * 1000 + i);
  const claims = w.messages.map((m) => JSON.parse(m));
  counts.scenarios++;
  compare(`workload ${i}`, { registry: w.registry, claims }, ['2025-03', '2025-12'], i % 2 === 0);
  compare(`workload ${i} reversed`, { registry: w.registry, claims: [...claims].reverse() }, [], false);
}

const seconds = Math.round((Date.now() - started) / 1000);
console.log(
  `${counts.scenarios} scenarios, ${counts.documents} documents (${counts.arrivals} arrivals), ${counts.comparisons} comparisons, ${mismatches.length} mismatches, ${seconds} s`,
);
if (mismatches.length > 0) {
  for (const [i, m] of mismatches.slice(0, 5).entries()) {
    const file = `/tmp/replay-diff-${i}.json`;
    writeFileSync(file, JSON.stringify(m, null, 2));
    console.log(`mismatch: ${m.label}, ${m.rendering} → ${file}`);
  }
  process.exit(1);
}
