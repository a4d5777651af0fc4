/**
 * Engine throughput on a generated, deterministic workload (seeded PRNG): monthly care-service claims
 * for every person, medical episodes with referrals, operating subsidies for the institutions'
 * residents, a few construction subsidies; about 5% of the claims arrive late (shuffled back).
 *
 * Measured in one run: the parse floor (JSON.parse + validateClaim), the full engine (Engine.accept),
 * and a scale run with 10× the persons and the same per-person history, to show that the cost of an
 * arrival depends on its partition, not on the total. `BENCH_QUICK=1` skips the 1,000,000 run.
 *
 *   npm run bench:engine            # 100k + 1M
 *   BENCH_QUICK=1 npm run bench:engine
 *   BENCH_PERSONS=500 BENCH_QUICK=1 npm run bench:engine   # a small run, e.g. for --cpu-prof
 */
import { performance } from 'node:perf_hooks';
import { validateClaim } from '../domain/claims.ts';
import { Engine } from '../domain/engine.ts';
import { PolicyBook, parsePolicy } from '../domain/policy/policy.ts';
import { Registry } from '../domain/registry.ts';
import { generate } from './workload.ts';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Persons whose care and medical claims are held back and timed last, on the loaded engine. */
const PROBE_PERSONS = 200;

interface Measure {
  /** µs per probe arrival on the loaded engine. */
  probeMicros: number;
  claims: number;
  persons: number;
  floorSeconds: number;
  engineSeconds: number;
  accepted: number;
  adjustments: number;
  peakHeapMB: number;
  peakRssMB: number;
}

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

function measure(label: string, persons: number, seed: number): Measure {
  process.stdout.write(`${label}: generating ${persons.toLocaleString('en')} persons… `);
  const all = generate(persons + PROBE_PERSONS, seed);
  // The probe: the last persons' care and medical claims, held back and timed once the rest is loaded.
  const held = new Set(all.registry.persons.slice(-PROBE_PERSONS).map((p: { personId: string }) => p.personId));
  const isProbe = (m: string) => {
    const c = JSON.parse(m) as { kind: string; personId?: string };
    return (c.kind === 'care-service' || c.kind === 'medical-settlement') && held.has(c.personId as string);
  };
  const probe = all.messages.filter(isProbe);
  const w = { ...all, messages: all.messages.filter((m) => !isProbe(m)) };
  process.stdout.write(
    `${w.messages.length.toLocaleString('en')} claims ${JSON.stringify(w.byKind)}, ${w.late} late; probe ${probe.length.toLocaleString('en')}\n`,
  );

  gc();
  let t = performance.now();
  let valid = 0;
  for (const m of w.messages) if (validateClaim(JSON.parse(m)).ok) valid++;
  const floorSeconds = (performance.now() - t) / 1000;
  if (valid !== w.messages.length) throw new Error(`${w.messages.length - valid} generated claims are invalid`);

  const engine = new Engine({ policy: PolicyBook.single(parsePolicy()), registry: Registry.parse(w.registry) });
  gc();
  let peakHeap = 0;
  let accepted = 0;
  let adjustments = 0;
  t = performance.now();
  for (let i = 0; i < w.messages.length; i++) {
    const a = engine.accept(JSON.parse(w.messages[i] as string));
    if (a.type === 'accepted') {
      accepted++;
      adjustments += a.adjustments.length;
    }
    if ((i & 0x3fff) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const engineSeconds = (performance.now() - t) / 1000;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);

  // The same 200 persons' histories, arriving into an engine already holding everything else.
  gc();
  t = performance.now();
  for (const m of probe) engine.accept(JSON.parse(m));
  const probeMs = performance.now() - t;
  return {
    probeMicros: (probeMs * 1000) / probe.length,
    claims: w.messages.length,
    persons,
    floorSeconds,
    engineSeconds,
    accepted,
    adjustments,
    peakHeapMB: mb(peakHeap),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const HEADER = [
  'run',
  'claims',
  'persons',
  'floor claims/s',
  'engine claims/s',
  'engine/floor',
  'µs/arrival',
  'adjustments',
  'peak heap MB',
  'peak RSS MB',
  'probe µs',
];
const WIDTHS = [5, 9, 7, 14, 15, 12, 10, 11, 12, 11, 8];
const row = (cells: string[]) => cells.map((c, i) => c.padStart(WIDTHS[i] as number)).join('  ');

/** One line of the table, printed as soon as its run ends (the 1M run takes a while). */
function printRow(label: string, r: Measure): void {
  console.log(
    row([
      label,
      r.claims.toLocaleString('en'),
      r.persons.toLocaleString('en'),
      Math.round(r.claims / r.floorSeconds).toLocaleString('en'),
      Math.round(r.claims / r.engineSeconds).toLocaleString('en'),
      `${(r.engineSeconds / r.floorSeconds).toFixed(1)}×`,
      ((r.engineSeconds * 1e6) / r.claims).toFixed(1),
      r.adjustments.toLocaleString('en'),
      String(r.peakHeapMB),
      String(r.peakRssMB),
      r.probeMicros.toFixed(1),
    ]),
  );
}

function measureQuietly(run: () => void): void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    run();
  } finally {
    process.stdout.write = write;
  }
  gc();
}

/** Persons of the base run (default 5,000); the scale run has ten times as many. */
const PERSONS = Number(process.env.BENCH_PERSONS ?? 5_000);
const runs: [string, number][] = [['base', PERSONS]];
if (!QUICK) runs.push(['scale', PERSONS * 10]);
const rows: Measure[] = [];
// A small unprinted run first, so that neither measured run pays for the JIT warming up.
measureQuietly(() => measure('warm-up', Math.max(100, Math.round(PERSONS / 20)), 7));
for (const [label, persons] of runs) {
  const r = measure(label, persons, 20_260_401);
  if (rows.length === 0) console.log(`\n${row(HEADER)}\n${WIDTHS.map((w) => '─'.repeat(w)).join('  ')}`);
  rows.push(r);
  printRow(label, r);
}
if (rows.length === 2) {
  const [a, b] = rows as [Measure, Measure];
  const ratio = b.engineSeconds / b.claims / (a.engineSeconds / a.claims);
  console.log(
    `\nµs per arrival over the whole run, scale vs base: ${ratio.toFixed(2)}× (includes garbage collection of a heap that grows with the total)`,
  );
  console.log(
    `µs per probe arrival (the same ${PROBE_PERSONS} persons' histories into a loaded engine), scale vs base: ${(b.probeMicros / a.probeMicros).toFixed(2)}× ` +
      '(1.00 = an arrival costs what its partition holds, not what the total is)',
  );
}
