/**
 * One run of the generated workload through the local stack (DynamoDB Local + fauxqs, the same
 * handlers): the registry is loaded through the API as the bureau (PUT /registry/...), then the
 * claims are submitted through POST /claims as their institutions, in batches, and the run waits until
 * every queue is empty. Shared by `bench:local` (throughput) and `bench:cost` (units per claim).
 */
import { randomUUID } from 'node:crypto';
import { ApiClient } from '../cli/api-client.ts';
import { impliedAgreements } from '../infra/local/agreements.ts';
import { LOCAL_ADJUDICATOR_CONCURRENCY, type LocalStack, startLocalStack } from '../infra/local/stack.ts';
import { issueToken } from '../infra/local/tokens.ts';
import { type CeilingResult, storageCeiling } from './ceiling.ts';
import { Meter } from './meter.ts';
import { CLAIMS_PER_PERSON, generate, SEED } from './workload.ts';

export interface RunOptions {
  readonly claims: number;
  /** Claims per POST /claims (one institution each; at most 500). */
  readonly batch: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Send an Idempotency-Key with each request, as an integrating billing system would. */
  readonly idempotency: boolean;
  /** Adjudicator batches in flight per queue (the local event source's concurrency). */
  readonly adjudicators: number;
  /** After the run, time the storage ceiling on the same DynamoDB Local (bench/ceiling.ts). */
  readonly ceiling?: boolean;
  readonly say: (line: string) => void;
}

export interface RunResult {
  readonly claims: number;
  readonly byKind: Record<string, number>;
  readonly persons: number;
  readonly institutions: number;
  readonly requests: number;
  readonly registrySeconds: number;
  readonly submitSeconds: number;
  /** From the first POST to the last decision (queues empty). */
  readonly endToEndSeconds: number;
  /** From the first message received by the adjudicator to the last decision. */
  readonly adjudicateSeconds: number;
  readonly latencyMs: { p50: number; p95: number; max: number; measured: number };
  readonly decided: number;
  /** Mean POST /claims round trip (ms): a stand-in for the submit function's duration. */
  readonly postMs: number;
  readonly meter: Meter;
  /** Adjudicator batches in flight per queue. */
  readonly adjudicators: number;
  readonly ceiling?: CeilingResult;
}

export const envNumber = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export async function runLocal(o: RunOptions): Promise<RunResult> {
  const root = process.cwd();
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const persons = Math.max(10, Math.ceil(o.claims / CLAIMS_PER_PERSON));
  // As many persons per institution as the engine bench has (5,000 / 300), so subsidy partitions look alike.
  const w = generate(persons, SEED, Math.max(15, Math.round(persons / 16.7)));
  const messages = w.messages.slice(0, o.claims);
  const claims = messages.map((m) => JSON.parse(m) as { claimId: string; institutionId: string; kind: string });
  const byKind: Record<string, number> = {};
  for (const c of claims) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
  o.say(`workload: ${claims.length.toLocaleString('en')} claims of ${persons} persons ${JSON.stringify(byKind)}`);

  // Batches per institution, in arrival order: a batch goes out when it is full, the rest at the end.
  const open = new Map<string, unknown[]>();
  const batches: { institutionId: string; claims: unknown[] }[] = [];
  for (const [i, c] of claims.entries()) {
    const b = open.get(c.institutionId) ?? [];
    // As an institution's client sends it: the server records when it received the claim.
    const { submittedAt: _, ...unstamped } = JSON.parse(messages[i] as string);
    b.push(unstamped);
    open.set(c.institutionId, b);
    if (b.length === o.batch) {
      batches.push({ institutionId: c.institutionId, claims: b });
      open.delete(c.institutionId);
    }
  }
  for (const [institutionId, b] of open) batches.push({ institutionId, claims: b });

  const meter = new Meter();
  let stack: LocalStack | undefined;
  try {
    stack = await startLocalStack({
      root,
      visibilityTimeoutSeconds: 10,
      adjudicatorConcurrency: o.adjudicators,
      progress: (l) => o.say(`  ${l}`),
    });
    const started = stack;
    // Ctrl-C stops DynamoDB Local and fauxqs too: no orphan processes.
    process.once('SIGINT', () => void started.stop().finally(() => process.exit(130)));
    meter.attachDynamoDb(stack.clients.dynamodb);
    meter.attachSqs(stack.clients.sqs);
    const api = stack.apiUrl;

    let t = performance.now();
    const bureau = new ApiClient(api, await issueToken(root, { role: 'bureau', user: 'bench-bureau' }));
    await pool(w.registry.institutions, 8, async (i) => {
      await bureau.call('PUT', `/registry/institutions/${encodeURIComponent(String(i.institutionId))}`, { ...i, reason: 'bench registry' });
    });
    await pool(w.registry.persons, 8, async (p) => {
      await bureau.call('PUT', `/registry/persons/${encodeURIComponent(p.personId)}`, { ...p, reason: 'bench registry' });
    });
    // Institutions submit only for persons they serve: the bureau files what the claims imply.
    const agreements = impliedAgreements(
      messages.map((m) => JSON.parse(m)),
      '2024-01-01',
    );
    await pool(agreements, 8, async (a) => {
      await bureau.call('PUT', `/registry/agreements/${encodeURIComponent(a.agreementId)}`, a);
    });
    const registrySeconds = (performance.now() - t) / 1000;
    o.say(
      `registry loaded through the API: ${w.registry.persons.length} persons, ${w.registry.institutions.length} institutions, ${agreements.length} service records (${registrySeconds.toFixed(1)} s)`,
    );

    const clients = new Map<string, ApiClient>();
    for (const b of batches)
      if (!clients.has(b.institutionId))
        clients.set(b.institutionId, new ApiClient(api, await issueToken(root, { role: 'institution', institutionId: b.institutionId })));

    const submittedAt = new Map<string, number>();
    let submitted = 0;
    let postMs = 0;
    meter.on = true;
    const start = performance.now();
    let lastReport = start;
    await pool(batches, o.concurrency, async (b) => {
      const sentAt = performance.now();
      const body = b.claims.length === 1 ? b.claims[0] : { claims: b.claims };
      await (clients.get(b.institutionId) as ApiClient).call(
        'POST',
        '/claims',
        body,
        o.idempotency ? { 'idempotency-key': randomUUID() } : {},
      );
      postMs += performance.now() - sentAt;
      for (const c of b.claims) submittedAt.set((c as { claimId: string }).claimId, sentAt);
      submitted += b.claims.length;
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        o.say(
          `submitted ${submitted.toLocaleString('en')}/${claims.length.toLocaleString('en')}, decided ${meter.decidedAt.size.toLocaleString('en')}`,
        );
      }
    });
    const submitSeconds = (performance.now() - start) / 1000;
    o.say(`all ${submitted.toLocaleString('en')} claims accepted (202) in ${submitSeconds.toFixed(1)} s; waiting for the adjudicator…`);
    const progress = setInterval(
      () => o.say(`decided ${meter.decidedAt.size.toLocaleString('en')}/${claims.length.toLocaleString('en')}`),
      10_000,
    );
    try {
      await stack.waitForIdle(30 * 60_000);
    } finally {
      clearInterval(progress);
    }
    meter.on = false;
    const decidedTimes = [...meter.decidedAt.values()];
    const lastDecision = Math.max(...decidedTimes);
    const firstReceive = meter.firstReceiveAt ?? start;
    t = performance.now();
    await meter.sizeUpdates(stack.clients.doc, stack.tableName);
    o.say(`sized the updated items (one Scan, ${((performance.now() - t) / 1000).toFixed(1)} s, not counted)`);

    let ceiling: CeilingResult | undefined;
    if (o.ceiling) {
      // As many writers as the adjudicator had batches in flight: both queues' event sources.
      const writers = 2 * o.adjudicators;
      o.say(
        `storage ceiling: ${meter.transactionShapes.length.toLocaleString('en')} transactions of the run's shapes, ${writers} in flight…`,
      );
      ceiling = await storageCeiling(stack.clients.doc, stack.tableName, meter.transactionShapes, writers);
    }

    const latencies: number[] = [];
    for (const [id, at] of meter.decidedAt) {
      const s = submittedAt.get(id);
      if (s !== undefined) latencies.push(at - s);
    }
    latencies.sort((a, b) => a - b);
    return {
      claims: claims.length,
      byKind,
      persons: w.registry.persons.length,
      institutions: w.registry.institutions.length,
      requests: batches.length,
      registrySeconds,
      submitSeconds,
      endToEndSeconds: (lastDecision - start) / 1000,
      adjudicateSeconds: (lastDecision - firstReceive) / 1000,
      latencyMs: {
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        max: latencies.at(-1) ?? Number.NaN,
        measured: latencies.length,
      },
      decided: meter.decidedAt.size,
      postMs: postMs / Math.max(1, batches.length),
      meter,
      adjudicators: o.adjudicators,
      ...(ceiling ? { ceiling } : {}),
    };
  } finally {
    await stack?.stop();
  }
}

/**
 * `runLocal` with the knobs both local benches share: BENCH_CLAIMS (given default), BENCH_BATCH,
 * BENCH_CONCURRENCY, BENCH_IDEMPOTENCY, BENCH_ADJUDICATORS (default: the local stack's).
 */
export function runLocalFromEnv(defaultClaims: number, extra: { ceiling?: boolean } = {}): ReturnType<typeof runLocal> {
  return runLocal({
    claims: envNumber('BENCH_CLAIMS', defaultClaims),
    batch: Math.min(500, envNumber('BENCH_BATCH', 100)),
    concurrency: envNumber('BENCH_CONCURRENCY', 4),
    idempotency: process.env.BENCH_IDEMPOTENCY !== '0',
    adjudicators: envNumber('BENCH_ADJUDICATORS', LOCAL_ADJUDICATOR_CONCURRENCY),
    ...extra,
    say: (l) => console.log(l),
  });
}
