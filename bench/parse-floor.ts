/**
 * The parse floor of `ltc replay`, as a process of its own: read the scenario, JSON.parse it, check
 * the policy and the registry, and validate every claim with the domain's zod schemas — everything
 * `ltc replay` does before the engine decides anything, and nothing after. `bench/replay-process.ts`
 * times it beside the real command; it prints its own split as one JSON line:
 * `{ claims, valid, readMs, jsonMs, referenceMs, validateMs, validateMicrosPerClaim }`.
 *
 *   node bench/parse-floor.ts SCENARIO.json
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { validateClaim } from '../domain/claims.ts';
import { parsePolicy } from '../domain/policy/policy.ts';
import { Registry } from '../domain/registry.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/parse-floor.ts SCENARIO.json');
  process.exit(2);
}
const t0 = performance.now();
const text = readFileSync(file, 'utf8');
const t1 = performance.now();
const doc = JSON.parse(text) as { policy?: unknown; registry: unknown; claims: unknown[] };
const t2 = performance.now();
parsePolicy(doc.policy ?? {});
Registry.parse(doc.registry);
const t3 = performance.now();
let valid = 0;
for (const c of doc.claims) if (validateClaim(c).ok) valid++;
const t4 = performance.now();
const n = doc.claims.length;
console.log(
  JSON.stringify({
    claims: n,
    valid,
    readMs: t1 - t0,
    jsonMs: t2 - t1,
    referenceMs: t3 - t2,
    validateMs: t4 - t3,
    validateMicrosPerClaim: ((t4 - t3) * 1000) / n,
  }),
);
