import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ATTACKS_FILE, FIGURES_FILE } from './support.ts';

/** Each scenario appends its figures; the run ends with one table of them all, ready to quote. */
export function setup(): void {
  rmSync(FIGURES_FILE, { force: true });
  rmSync(ATTACKS_FILE, { force: true });
}

export function teardown(): void {
  printTable('Attacks tried on the trust boundary (each answered before anything was stored)', ATTACKS_FILE, [
    'attack',
    'as',
    'status',
    'code',
    'field',
  ]);
  printTable('Reliability figures', FIGURES_FILE, [
    'scenario',
    'claims',
    'deliveries',
    'crashes injected',
    'faults injected',
    'retries',
    'DLQ',
    'mismatches',
    'double payments',
    'lost claims',
    'seconds',
  ]);
}

/** A file of JSON lines as a Markdown table of `columns`. */
function printTable(title: string, file: string, columns: string[]): void {
  if (!existsSync(file)) return;
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, string | number>);
  const cell = (r: Record<string, string | number>, c: string) => String(r[c] ?? '–');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (cells: string[]) => `| ${cells.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [
    '',
    title,
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r, c)))),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
