#!/usr/bin/env node
/**
 * `ltc` — the command line. `ltc replay scenario.json [--statement YYYY-MM] [--explain]` runs the pure
 * engine on a scenario file and prints one JSON document; exit 2 with one line for a bad scenario.
 * `ltc whatif scenario.json --policy proposal.json` compares the scenario under a proposed policy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replay, ScenarioError } from '../domain/replay.ts';
import { statement } from '../domain/statement.ts';
import { whatIf } from '../domain/whatif.ts';
import { renderSummary } from './summary.ts';
import { renderWhatIf } from './whatif.ts';

const USAGE = [
  'usage: ltc replay SCENARIO.json [--statement YYYY-MM] [--explain]',
  'ltc whatif SCENARIO.json --policy PROPOSAL.json [--examples N] [--table]',
  'ltc start [--once] [--port N]',
  'ltc token --role institution|bureau|finance [--institution ID]',
  'ltc submit FILE.json|FILE.csv [--migrate] [--api URL --token T]',
  'ltc status CLAIM_ID [--api URL --token T]',
  'ltc disbursements import FILE.csv [--api URL --token T]',
  'ltc statement --month YYYY-MM [--csv] [--out FILE] [--api URL --token T]',
  'ltc close --month YYYY-MM [--api URL --token T]',
  'ltc dlq list [--json] | ltc dlq redrive [--queue claims|subsidy] [--message-id ID]',
  'ltc changes status CHANGE_ID [--wait] [--api URL --token T]',
  'ltc demo [SCENARIO.json ...]',
].join(' | ');

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

/** The scenario under its own policy and under a proposed one, side by side. */
function runWhatIf(args: string[]): void {
  const valued = new Set(['--policy', '--examples']);
  const files = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const file = files[0];
  if (!file || files.length > 1) fail(USAGE);
  const at = args.indexOf('--policy');
  const proposal = at >= 0 ? args[at + 1] : undefined;
  if (proposal === undefined || proposal.startsWith('--'))
    fail('whatif needs --policy PROPOSAL.json (a partial policy, or { effectiveFrom, policy })');
  const ex = args.indexOf('--examples');
  const examples = ex >= 0 ? Number(args[ex + 1]) : 3;
  if (!Number.isInteger(examples) || examples < 0) fail('--examples needs a whole number');
  const scenario = readScenario(file);
  const proposed = readScenario(proposal);
  try {
    const report = whatIf(scenario, proposed, { examples });
    process.stdout.write(args.includes('--table') ? `${renderWhatIf(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
  } catch (e) {
    if (e instanceof ScenarioError) fail(e.message);
    throw e;
  }
}

/** Replays scenarios through the engine and prints a summary a clerk can read. */
function runDemo(args: string[]): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const files =
    args.length > 0
      ? args
      : readdirSync(join(here, '..', 'examples'))
          .filter((f) => f.endsWith('.json') && !f.endsWith('.out.json') && f !== 'registry.json')
          .map((f) => join(here, '..', 'examples', f));
  for (const file of files) {
    const doc = readScenario(file) as Record<string, unknown>;
    try {
      const { output, engine } = replay(doc);
      const claims = output.claims.map((c) => ({
        ...(c as { claimId: string; kind: string; status: string; fundAmount: string; reasonCodes: string[] }),
        institutionId: engine.claim(String(c.claimId))?.institutionId ?? null,
      }));
      const title = `${basename(file)} — ${typeof doc.description === 'string' ? doc.description : ''}`;
      process.stdout.write(`${renderSummary(title, claims, output.adjustments as never)}\n\n`);
    } catch (e) {
      if (e instanceof ScenarioError) fail(`${file}: ${e.message}`);
      throw e;
    }
  }
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'replay':
    runReplay(rest);
    break;
  case 'demo':
    runDemo(rest);
    break;
  case 'whatif':
    runWhatIf(rest);
    break;
  case 'start':
  case 'token':
  case 'submit':
  case 'status': {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    // Locally there is no CloudWatch to read embedded metrics: keep them off the terminal.
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    const local = await import('./local.ts');
    try {
      process.exitCode = await local[command](root, rest);
    } catch (e) {
      fail((e as Error).message.split('\n')[0] ?? 'failed');
    }
    break;
  }
  case 'disbursements':
  case 'statement':
  case 'close': {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const finance = await import('./finance.ts');
    try {
      process.exitCode = await finance[command](root, rest);
    } catch (e) {
      fail((e as Error).message.split('\n')[0] ?? 'failed');
    }
    break;
  }
  case 'dlq': {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const dead = await import('./dlq.ts');
    try {
      process.exitCode = await dead.dlq(root, rest);
    } catch (e) {
      fail((e as Error).message.split('\n')[0] ?? 'failed');
    }
    break;
  }
  case 'changes': {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const { changes } = await import('./changes.ts');
    try {
      process.exitCode = await changes(root, rest);
    } catch (e) {
      fail((e as Error).message.split('\n')[0] ?? 'failed');
    }
    break;
  }
  default:
    fail(USAGE);
}
