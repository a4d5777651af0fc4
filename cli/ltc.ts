#!/usr/bin/env node
/**
 * `ltc` — the command line. `ltc replay scenario.json [--statement YYYY-MM] [--explain]` runs the pure
 * engine on a scenario file and prints one JSON document; exit 2 with one line for a bad scenario.
 */
import { readFileSync } from 'node:fs';
import { replay, ScenarioError } from '../domain/replay.ts';
import { statement } from '../domain/statement.ts';

const USAGE = 'usage: ltc replay SCENARIO.json [--statement YYYY-MM] [--explain]';

function fail(message: string): never {
  process.stderr.write(`ltc: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(2);
}

function readScenario(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(`${file} is not JSON: ${(e as Error).message}`);
  }
}

function runReplay(args: string[]): void {
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--statement');
  const file = files[0];
  if (!file || files.length > 1) fail(USAGE);
  const explain = args.includes('--explain');
  const at = args.indexOf('--statement');
  const month = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && (month === undefined || month.startsWith('--'))) fail('--statement needs a month YYYY-MM');
  const doc = readScenario(file);
  try {
    const output = month !== undefined ? statement(doc, month) : replay(doc, { explain }).output;
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } catch (e) {
    if (e instanceof ScenarioError) fail(e.message);
    throw e;
  }
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'replay':
    runReplay(rest);
    break;
  default:
    fail(USAGE);
}
