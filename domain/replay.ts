/**
 * `ltc replay` (DOMAIN.md §9): a scenario — an optional policy override, a registry, claims in
 * arrival order — run through the engine, printed as one JSON document with every claim in its final
 * state, the adjustments in posting order and the totals. Pure: the caller reads the file.
 */
import { claimEntry } from './claim-entry.ts';
import type { Claim } from './claims.ts';
import { parseInstant } from './dates.ts';
import { type Adjustment, type Arrival, Engine, type EngineOptions } from './engine.ts';
import { PolicyError, RegistryError, ScenarioError } from './errors.ts';
import { type Dec, fmt, ZERO } from './money.ts';
import type { Outcome } from './outcome.ts';
import { PolicyBook, parsePolicy } from './policy/policy.ts';
import { Registry } from './registry.ts';
import { oneLine } from './validation.ts';

/** A scenario that cannot be replayed at all (exit 2): defined in `errors.ts`, re-exported for its importers. */
export { ScenarioError };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface LoadedScenario {
  readonly engine: Engine;
  readonly claims: readonly unknown[];
  readonly raw: Record<string, unknown>;
}

/**
 * Checks the scenario's shape, the policy and the registry; throws a ScenarioError otherwise.
 * @example loadScenario({ registry: { persons: [], institutions: [] }, claims: [] }).claims.length // 0
 */
export function loadScenario(doc: unknown, options: EngineOptions = {}, policyBook?: PolicyBook): LoadedScenario {
  if (!isObject(doc)) throw new ScenarioError('scenario: must be a JSON object');
  const registry = doc.registry;
  if (!isObject(registry)) throw new ScenarioError('registry: must be an object with persons and institutions arrays');
  if (!Array.isArray(registry.persons)) throw new ScenarioError('registry.persons: must be an array');
  if (!Array.isArray(registry.institutions)) throw new ScenarioError('registry.institutions: must be an array');
  if (!Array.isArray(doc.claims)) throw new ScenarioError('claims: must be an array');
  if (doc.policy !== undefined && !isObject(doc.policy)) throw new ScenarioError('policy: must be an object');
  if (doc.adjudicatedAt !== undefined && (typeof doc.adjudicatedAt !== 'string' || !parseInstant(doc.adjudicatedAt))) {
    throw new ScenarioError('adjudicatedAt: must be an ISO-8601 timestamp with an offset');
  }
  let policy: PolicyBook;
  try {
    // The scenario's own policy is checked even when the caller brings the book (a what-if's proposal).
    const own = PolicyBook.single(parsePolicy(doc.policy ?? {}));
    policy = policyBook ?? own;
  } catch (e) {
    if (e instanceof PolicyError) throw new ScenarioError(oneLine('policy', e.errors), { cause: e });
    throw e;
  }
  let reg: Registry;
  try {
    reg = Registry.parse(registry);
  } catch (e) {
    if (e instanceof RegistryError) throw new ScenarioError(oneLine('registry', e.errors), { cause: e });
    throw e;
  }
  return { engine: new Engine({ policy, registry: reg }, options), claims: doc.claims, raw: doc };
}

/**
 * One entry of the output's `claims`, as JSON: an accepted claim's `StoredOutcome` (`claimEntry`), or
 * an invalid arrival.
 */
export type ClaimEntry = Record<string, unknown>;

/** What happened on each arrival, for the statement (§10). */
export interface ReplayStep {
  readonly arrival: Arrival;
}

export interface ReplayResult {
  readonly output: { claims: ClaimEntry[]; adjustments: Record<string, string>[]; totals: { fundAmount: string; adjustments: string } };
  readonly steps: readonly Arrival[];
  readonly engine: Engine;
}

/**
 * Runs every arrival and renders §9's document.
 * @example replay({ registry: { persons: [], institutions: [] }, claims: [] }).output.totals // { fundAmount: '0.00', adjustments: '0.00' }
 */
export function replay(doc: unknown, options: { explain?: boolean; policy?: PolicyBook } & EngineOptions = {}): ReplayResult {
  const { engine, claims } = loadScenario(doc, { exhaustive: options.exhaustive === true }, options.policy);
  const slots: ({ claimId: string } | ClaimEntry)[] = [];
  const adjustments: Adjustment[] = [];
  const steps: Arrival[] = [];
  for (const raw of claims) {
    const arrival = engine.accept(raw);
    steps.push(arrival);
    if (arrival.type === 'invalid') slots.push(invalidEntry(arrival));
    else if (arrival.type === 'accepted') {
      slots.push({ claimId: arrival.claim.claimId, pending: true });
      adjustments.push(...arrival.adjustments);
    }
  }
  let fundTotal: Dec = ZERO;
  const entries = slots.map((slot) => {
    if (!('pending' in slot)) return slot;
    const id = slot.claimId as string;
    const outcome = options.explain ? (engine.explain(id) as Outcome) : (engine.outcome(id) as Outcome);
    fundTotal = fundTotal.plus(outcome.fund);
    return claimEntry(outcome, engine.claim(id) as Claim, options.explain === true);
  });
  const adjTotal = adjustments.reduce((s, a) => s.plus(a.amount), ZERO);
  return {
    output: {
      claims: entries,
      adjustments: adjustments.map((a) => ({ claimId: a.claimId, amount: fmt(a.amount), reason: a.reason, triggeredBy: a.triggeredBy })),
      totals: { fundAmount: fmt(fundTotal), adjustments: fmt(adjTotal) },
    },
    steps,
    engine,
  };
}

function invalidEntry(a: Extract<Arrival, { type: 'invalid' }>): ClaimEntry {
  return {
    claimId: a.claimId,
    kind: a.kind,
    status: 'invalid',
    fundAmount: '0.00',
    reasonCodes: [a.reason],
    errors: a.errors.map((e) => ({ path: e.path, message: e.message, code: e.code, messageZh: e.messageZh })),
  };
}

export { claimEntry };
