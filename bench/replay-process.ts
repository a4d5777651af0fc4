/**
 * `ltc replay` timed as a user runs it: a spawned `node cli/ltc.ts replay FILE > OUT`, start-up,
 * reading, parsing, deciding and printing included, on the care-heavy scenario of
 * `care-workload.ts`. Beside it, in the same run and in turn with it, the parse floor
 * (`parse-floor.ts`: JSON.parse and the zod validation, nothing else) as a process of its own, so
 * that the ratio of the two says how far the engine is from doing nothing but reading its input.
 *
 * Wall seconds come from a monotonic clock around the child; CPU seconds (user + system) from the
 * kernel's accounting of waited-for children (`/proc/self/stat`, Linux; NaN elsewhere). The machine
 * is shared, so each figure is the median of `runs` runs.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CARE_SEED, careHeavy, careScenarioDoc } from './care-workload.ts';

const root = path.resolve(import.meta.dirname, '..');

/** CPU seconds of this process's waited-for children so far (cutime + cstime, in clock ticks of 1/100 s). */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

export interface ProcessRun {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly stdout: string;
}

/**
 * Runs `node ARGS…` to completion, its standard output into `out` (a file, as a user keeps the
 * document) or captured when `out` is undefined; throws when it exits other than 0.
 */
export function runNode(args: readonly string[], out?: string): ProcessRun {
  const fd = out === undefined ? 'pipe' : openSync(out, 'w');
  const cpu = childrenCpuSeconds();
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'inherit'], maxBuffer: 1 << 30, encoding: 'utf8' });
  const wallSeconds = (performance.now() - start) / 1000;
  const cpuSeconds = childrenCpuSeconds() - cpu;
  if (typeof fd === 'number') closeSync(fd);
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status ?? r.signal}`);
  return { wallSeconds, cpuSeconds, stdout: r.stdout ?? '' };
}

/** Writes the care-heavy scenario of `persons` persons once per seed and size (kept in the temp directory). */
export function careScenarioFile(persons: number): { file: string; claims: number; careDaysPerClaim: number } {
  const file = path.join(tmpdir(), `ltc-care-${persons}-${CARE_SEED}.json`);
  const meta = `${file}.meta`;
  if (existsSync(file) && existsSync(meta)) return { file, ...JSON.parse(readFileSync(meta, 'utf8')) };
  const s = careHeavy(persons, CARE_SEED);
  writeFileSync(file, JSON.stringify(careScenarioDoc(s)));
  const info = { claims: s.claims.length, careDaysPerClaim: s.careDaysPerClaim };
  writeFileSync(meta, JSON.stringify(info));
  return { file, ...info };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export interface ReplayFigures {
  readonly persons: number;
  readonly claims: number;
  readonly careDaysPerClaim: number;
  readonly replayWall: number;
  readonly replayCpu: number;
  readonly floorWall: number;
  readonly floorCpu: number;
  /** The floor's own split (median run): JSON.parse and validation, in-process. */
  readonly jsonMs: number;
  readonly validateMicrosPerClaim: number;
}

/**
 * `runs` whole-process replays of the care-heavy scenario and as many parse floors, in turn (after
 * one of each not counted, which also brings the file into the page cache).
 */
export function measureReplay(persons: number, runs: number): ReplayFigures {
  const { file, claims, careDaysPerClaim } = careScenarioFile(persons);
  const out = path.join(tmpdir(), `ltc-care-${persons}.out.json`);
  const replay = () => runNode([path.join(root, 'cli/ltc.ts'), 'replay', file], out);
  const floor = () => runNode([path.join(root, 'bench/parse-floor.ts'), file]);
  replay();
  floor();
  const r: ProcessRun[] = [];
  const f: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    r.push(replay());
    f.push(floor());
  }
  const split = f.map((x) => JSON.parse(x.stdout) as { jsonMs: number; validateMicrosPerClaim: number });
  return {
    persons,
    claims,
    careDaysPerClaim,
    replayWall: median(r.map((x) => x.wallSeconds)),
    replayCpu: median(r.map((x) => x.cpuSeconds)),
    floorWall: median(f.map((x) => x.wallSeconds)),
    floorCpu: median(f.map((x) => x.cpuSeconds)),
    jsonMs: median(split.map((s) => s.jsonMs)),
    validateMicrosPerClaim: median(split.map((s) => s.validateMicrosPerClaim)),
  };
}

const HEADER = [
  'persons',
  'claims',
  'replay claims/s',
  'floor claims/s',
  'replay/floor',
  'µs/claim',
  'cpu s',
  'floor cpu s',
  'JSON.parse ms',
  'zod µs/claim',
];
const WIDTHS = [8, 8, 15, 14, 12, 9, 7, 11, 13, 12];
const row = (cells: string[]) => cells.map((c, i) => c.padStart(WIDTHS[i] as number)).join('  ');

/** The whole-process table: the scenario of `persons` and of 4× as many, and the per-claim time ratio. */
export function printReplayFigures(persons: number, runs: number): ReplayFigures[] {
  const sizes = [persons, persons * 4];
  const figures: ReplayFigures[] = [];
  console.log(
    `\nltc replay, whole process (node cli/ltc.ts replay FILE > OUT), care-heavy scenario, median of ${runs} runs, the parse floor timed in turn:`,
  );
  for (const p of sizes) {
    const m = measureReplay(p, runs);
    if (figures.length === 0) console.log(`${row(HEADER)}\n${WIDTHS.map((w) => '─'.repeat(w)).join('  ')}`);
    figures.push(m);
    console.log(
      row([
        m.persons.toLocaleString('en'),
        m.claims.toLocaleString('en'),
        Math.round(m.claims / m.replayWall).toLocaleString('en'),
        Math.round(m.claims / m.floorWall).toLocaleString('en'),
        `${(m.replayWall / m.floorWall).toFixed(2)}×`,
        ((m.replayWall * 1e6) / m.claims).toFixed(1),
        m.replayCpu.toFixed(2),
        m.floorCpu.toFixed(2),
        m.jsonMs.toFixed(0),
        m.validateMicrosPerClaim.toFixed(1),
      ]),
    );
  }
  const [a, b] = figures as [ReplayFigures, ReplayFigures];
  console.log(
    `care days per care claim: ${a.careDaysPerClaim.toFixed(1)}; per-claim time at 4× the persons: ${(b.replayWall / b.claims / (a.replayWall / a.claims)).toFixed(2)}× (wall), ${(b.replayCpu / b.claims / (a.replayCpu / a.claims)).toFixed(2)}× (cpu)`,
  );
  return figures;
}
