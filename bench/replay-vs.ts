/**
 * This tree's `ltc replay` against another checkout's, side by side on the same care-heavy scenario:
 * whole processes, run in turn (A B A B …) so that a machine whose speed drifts moves both alike, the
 * ratio taken pair by pair. Both print to a file, and the two documents must be byte-identical (the
 * run stops otherwise): a faster engine that decides differently is not faster.
 *
 *   npm run bench:replay-vs -- --baseline /path/to/checkout [--persons 4000] [--runs 5]
 *
 * The baseline checkout needs its own `npm ci`; both run under this tree's Node.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { careScenarioFile, type ProcessRun, runNode } from './replay-process.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const baseline = option('baseline');
if (!baseline) {
  console.error('usage: npm run bench:replay-vs -- --baseline DIR [--persons 4000] [--runs 5]');
  process.exit(2);
}
const persons = Number(option('persons', '4000'));
const runs = Number(option('runs', '5'));
const root = path.resolve(import.meta.dirname, '..');

const { file, claims, careDaysPerClaim } = careScenarioFile(persons);
const outA = path.join(tmpdir(), 'ltc-replay-vs-a.json');
const outB = path.join(tmpdir(), 'ltc-replay-vs-b.json');
const a = () => runNode([path.join(root, 'cli/ltc.ts'), 'replay', file], outA);
const b = () => runNode([path.join(path.resolve(baseline), 'cli/ltc.ts'), 'replay', file], outB);

console.log(
  `${file}: ${claims.toLocaleString('en')} claims, ${persons.toLocaleString('en')} persons, ${careDaysPerClaim.toFixed(1)} care days per care claim`,
);
a();
b();
if (!readFileSync(outA).equals(readFileSync(outB))) {
  console.error(`the two documents differ: ${outA} ${outB}`);
  process.exit(1);
}
const pairs: { a: ProcessRun; b: ProcessRun }[] = [];
for (let i = 0; i < runs; i++) {
  pairs.push({ a: a(), b: b() });
  const last = pairs.at(-1) as { a: ProcessRun; b: ProcessRun };
  console.log(
    `run ${i + 1}: this tree ${last.a.wallSeconds.toFixed(2)} s (cpu ${last.a.cpuSeconds.toFixed(2)}), baseline ${last.b.wallSeconds.toFixed(2)} s (cpu ${last.b.cpuSeconds.toFixed(2)})`,
  );
}
const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
const wallA = median(pairs.map((p) => p.a.wallSeconds));
const wallB = median(pairs.map((p) => p.b.wallSeconds));
console.log(`\n| | this tree | baseline | baseline / this tree |`);
console.log(`|---|---|---|---|`);
console.log(
  `| wall s (median) | ${wallA.toFixed(2)} | ${wallB.toFixed(2)} | ${median(pairs.map((p) => p.b.wallSeconds / p.a.wallSeconds)).toFixed(2)}× (pairwise) |`,
);
console.log(
  `| cpu s (median) | ${median(pairs.map((p) => p.a.cpuSeconds)).toFixed(2)} | ${median(pairs.map((p) => p.b.cpuSeconds)).toFixed(2)} | ${median(pairs.map((p) => p.b.cpuSeconds / p.a.cpuSeconds)).toFixed(2)}× (pairwise) |`,
);
console.log(
  `| claims/s (wall) | ${Math.round(claims / wallA).toLocaleString('en')} | ${Math.round(claims / wallB).toLocaleString('en')} | |`,
);
