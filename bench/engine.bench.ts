/**
 * Engine throughput on a generated, deterministic workload (seeded PRNG): monthly care-service claims
 * for every person, medical episodes with referrals, operating subsidies for the institutions'
 * residents, a few construction subsidies; about 5% of the claims arrive late (shuffled back).
 *
 * Measured in one run: the parse floor (JSON.parse + validateClaim), the full engine (Engine.accept),
 * and a scale run with 10× the persons and the same per-person history, to show that the cost of an
 * arrival depends on its partition, not on the total. `BENCH_QUICK=1` skips the 1,000,000 run.
 *
 * First of all it times the whole-process `ltc replay` on a care-heavy scenario and on one with 4× the
 * persons, beside its parse floor (`replay-process.ts`).
 *
 *   npm run bench:engine            # whole-process replay, then 100k + 1M in-process
 *   BENCH_QUICK=1 npm run bench:engine
 *   BENCH_PERSONS=500 BENCH_QUICK=1 npm run bench:engine   # a small run, e.g. for --cpu-prof
 *   BENCH_REPLAY=only npm run bench:engine   # only the whole-process replay (BENCH_REPLAY=0: without it)
 *   BENCH_REPLAY_PERSONS=4000 BENCH_REPLAY_RUNS=3   # its defaults
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { validateClaim } from '../domain/claims.ts';
import { Engine } from '../domain/engine.ts';
import { PolicyBook, parsePolicy } from '../domain/policy/policy.ts';
import { Registry } from '../domain/registry.ts';
import { printReplayFigures } from './replay-process.ts';
import { generate } from './workload.ts';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Milliseconds the main thread spent in garbage collection (pauses and incremental steps), so that the
 * engine's own time per arrival can be told apart from the collector's, which grows with the heap.
 */
const collections: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });
/** Lets the observer's queued entries arrive (they are delivered asynchronously, some time later). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
/** Milliseconds of collection that started within [from, to) on the performance clock. */
function gcBetween(from: number, to: number): number {
  let ms = 0;
  for (const c of collections) if (c.start >= from && c.start < to) ms += c.duration;
  return ms;
}

/** Persons whose care and medical claims are held back and timed last, on the loaded engine. */
const PROBE_PERSONS = 200;
/**
 * Seven probes of PROBE_PERSONS persons each, timed back to back; the median is reported. One probe
 * takes about a second, so a single one can fall on a major collection (or miss it) by chance.
 */
const PROBE_SEEDS = [4_242, 4_243, 4_244, 4_245, 4_246, 4_247, 4_248];

interface Measure {
  /** µs per probe arrival on the loaded engine, and the part of it spent in garbage collection. */
  probeMicros: number;
  probeGcMicros: number;
  /** Claim outcomes the engine recomputed per probe arrival (its work, free of any clock). */
  probeWork: number;
  /** Seconds of the engine run spent in garbage collection. */
  engineGcSeconds: number;
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

/**
 * A probe: the care and medical claims of PROBE_PERSONS persons generated from a seed of their own,
 * so that they are the same persons with the same histories in every run, renamed (`prefix…`) so that
 * they meet no one else's ids. They use the main registry's institutions, the same in every run.
 */
function probeWorkload(prefix: string, seed: number): { persons: { personId: string }[]; messages: string[] } {
  const p = generate(PROBE_PERSONS, seed);
  const rename = (id: string) => `${prefix}${id}`;
  const messages: string[] = [];
  for (const m of p.messages) {
    const c = JSON.parse(m) as { kind: string; claimId: string; personId: string; episode?: { referredFrom?: string } };
    if (c.kind !== 'care-service' && c.kind !== 'medical-settlement') continue;
    c.claimId = rename(c.claimId);
    c.personId = rename(c.personId);
    if (c.episode?.referredFrom !== undefined) c.episode.referredFrom = rename(c.episode.referredFrom);
    messages.push(JSON.stringify(c));
  }
  return { persons: p.registry.persons.map((x) => ({ ...x, personId: rename(x.personId) })), messages };
}

async function measure(label: string, persons: number, seed: number): Promise<Measure> {
  process.stdout.write(`${label}: generating ${persons.toLocaleString('en')} persons… `);
  const w = generate(persons, seed);
  const probes = PROBE_SEEDS.map((probeSeed, i) => probeWorkload(`Q${i}`, probeSeed));
  const registry = { ...w.registry, persons: [...w.registry.persons, ...probes.flatMap((p) => p.persons)] };
  process.stdout.write(
    `${w.messages.length.toLocaleString('en')} claims ${JSON.stringify(w.byKind)}, ${w.late} late; probes ${probes.map((p) => p.messages.length.toLocaleString('en')).join(' + ')}\n`,
  );

  gc();
  let t = performance.now();
  let valid = 0;
  for (const m of w.messages) if (validateClaim(JSON.parse(m)).ok) valid++;
  const floorSeconds = (performance.now() - t) / 1000;
  if (valid !== w.messages.length) throw new Error(`${w.messages.length - valid} generated claims are invalid`);

  const engine = new Engine({ policy: PolicyBook.single(parsePolicy()), registry: Registry.parse(registry) });
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
  const engineEnd = performance.now();
  const engineSeconds = (engineEnd - t) / 1000;
  const engineStart = t;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);

  // The same 200 persons' histories, arriving into an engine already holding everything else.
  // The probes, back to back, after a full collection and a pause in which the collector's helper
  // threads finish sweeping (probes started right after a forced collection of a 7 GB heap ran up to
  // twice as slow: the sweeping competes for this machine's two cores).
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const timed: { micros: number; gcMicros: number }[] = [];
  const workBefore = engine.recomputed;
  for (const probe of probes) {
    const start = performance.now();
    for (const m of probe.messages) engine.accept(JSON.parse(m));
    const end = performance.now();
    await settle();
    timed.push({
      micros: ((end - start) * 1000) / probe.messages.length,
      gcMicros: (gcBetween(start, end) * 1000) / probe.messages.length,
    });
  }
  const probeWork = (engine.recomputed - workBefore) / probes.reduce((n, p) => n + p.messages.length, 0);
  const median = timed.sort((x, y) => x.micros - y.micros)[Math.floor(timed.length / 2)] as { micros: number; gcMicros: number };
  return {
    probeMicros: median.micros,
    probeGcMicros: median.gcMicros,
    probeWork,
    engineGcSeconds: gcBetween(engineStart, engineEnd) / 1000,
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
  'of it GC',
  'adjustments',
  'peak heap MB',
  'peak RSS MB',
  'probe µs',
  'of it GC',
  'probe work',
];
const WIDTHS = [5, 9, 7, 14, 15, 12, 10, 8, 11, 12, 11, 8, 8, 10];
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
      ((r.engineGcSeconds * 1e6) / r.claims).toFixed(1),
      r.adjustments.toLocaleString('en'),
      String(r.peakHeapMB),
      String(r.peakRssMB),
      r.probeMicros.toFixed(1),
      r.probeGcMicros.toFixed(1),
      r.probeWork.toFixed(2),
    ]),
  );
}

async function measureQuietly(run: () => Promise<unknown>): Promise<void> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  gc();
}

const REPLAY = process.env.BENCH_REPLAY ?? '1';
if (REPLAY !== '0') {
  printReplayFigures(Number(process.env.BENCH_REPLAY_PERSONS ?? 4_000), Number(process.env.BENCH_REPLAY_RUNS ?? 3));
  if (REPLAY === 'only') process.exit(0);
}

/** Persons of the base run (default 5,000); the scale run has ten times as many. */
const PERSONS = Number(process.env.BENCH_PERSONS ?? 5_000);
const runs: [string, number][] = [['base', PERSONS]];
if (!QUICK) runs.push(['scale', PERSONS * 10]);
const rows: Measure[] = [];
// A small unprinted run first, so that neither measured run pays for the JIT warming up.
await measureQuietly(() => measure('warm-up', Math.max(100, Math.round(PERSONS / 20)), 7));
for (const [label, persons] of runs) {
  const r = await measure(label, persons, 20_260_401);
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
  console.log(
    `claim outcomes recomputed per probe arrival, scale vs base: ${(b.probeWork / a.probeWork).toFixed(2)}× (${a.probeWork.toFixed(2)} → ${b.probeWork.toFixed(2)}: the engine's work, no clock involved)`,
  );
  const own = (m: Measure) => m.probeMicros - m.probeGcMicros;
  console.log(
    `µs per probe arrival outside garbage collection, scale vs base: ${(own(b) / own(a)).toFixed(2)}× ` +
      `(${own(a).toFixed(1)} → ${own(b).toFixed(1)}; the collector's part: ${a.probeGcMicros.toFixed(1)} → ${b.probeGcMicros.toFixed(1)})`,
  );
}
