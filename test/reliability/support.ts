/**
 * The reliability suite's tools: a local stack with the workload's registry loaded, deliveries sent
 * straight to the FIFO queues, extra Lambda-like consumers, and the one check every scenario ends
 * with — the stored state against `replay()` of the same claims.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { type Claim, canonicalJson } from '../../domain/claims.ts';
import { payableAfterReview } from '../../domain/ledger.ts';
import { Dec, fmt } from '../../domain/money.ts';
import type { Outcome } from '../../domain/outcome.ts';
import { replay } from '../../domain/replay.ts';
import { FailureStore } from '../../functions/adapters/failure-store.ts';
import { partitionOf } from '../../functions/adapters/keys.ts';
import type { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { makeAdjudicator } from '../../functions/adjudicate-claims/adjudicate.ts';
import { makeHandler } from '../../functions/adjudicate-claims/handler.ts';
import { LocalEventSource, type SqsHandler } from '../../infra/local/event-source.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../infra/local/stack.ts';
import type { ClaimDoc, Workload } from './workload.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

export const FIGURES_FILE = join(process.cwd(), '.local', 'reliability-figures.jsonl');
/** One line per attack tried on the trust boundary (trust-boundary.test.ts), printed as a table at the end. */
export const ATTACKS_FILE = join(process.cwd(), '.local', 'reliability-attacks.jsonl');

/** Records what one attack got, for the table the run ends with. */
export function recordAttack(row: { attack: string; as: string; status: number; code: string; field: string }): void {
  mkdirSync(join(process.cwd(), '.local'), { recursive: true });
  appendFileSync(ATTACKS_FILE, `${JSON.stringify(row)}\n`);
}
export const silentLogger = new Logger({ serviceName: 'reliability', logLevel: 'SILENT' });

/** Starts a local stack and stores the workload's registry in it. */
export async function stackWith(registry: Workload['registry'] | undefined, options: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  const stack = await startLocalStack({ root: process.cwd(), visibilityTimeoutSeconds: 5, ...options });
  if (registry) {
    const reference = new ReferenceStore(stack.clients.doc, stack.tableName);
    const loaded = { by: 'reliability', at: '2026-01-01T09:00:00.000+08:00', reason: 'the workload’s registry' };
    await inParallel(registry.persons, 16, (p) => reference.putPerson(p, loaded));
    await inParallel(registry.institutions, 16, (i) => reference.putInstitution(i, loaded));
  }
  return stack;
}

/** A client for DynamoDB Local, as a test's own adjudicator uses it (a test may add faults to it first). */
export const localDynamoClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });

/** The document client the production adjudicator builds on a DynamoDB client. */
export const documentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/**
 * The production adjudicator handler (makeHandler + makeAdjudicator) over `doc`, with the test's
 * PartitionStore subclass and, optionally, its own failure recorder.
 */
export function adjudicatorWith(
  doc: DynamoDBDocumentClient,
  table: string,
  store: PartitionStore,
  failures: Pick<FailureStore, 'record'> = new FailureStore(doc, table),
): ReturnType<typeof makeHandler> {
  const now = () => new Date();
  return makeHandler({
    adjudicate: makeAdjudicator({ store, reference: new ReferenceStore(doc, table), now }),
    failures,
    logger: silentLogger,
    now,
  });
}

export async function inParallel<T>(items: readonly T[], width: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

/** One delivery of a claim: its queue and FIFO group as the submit function would choose them. */
export interface Delivery {
  readonly claim: ClaimDoc;
  /** Distinct per copy, so FIFO deduplication does not swallow the re-deliveries. */
  readonly deduplicationId: string;
  /** Defaults to the claim's group (person or institution). */
  readonly groupId?: string;
}

export async function sendDeliveries(stack: LocalStack, deliveries: readonly Delivery[]): Promise<void> {
  const byQueue = new Map<string, Delivery[]>();
  for (const d of deliveries) {
    const subsidy = d.claim.kind === 'construction-subsidy' || d.claim.kind === 'operating-subsidy';
    const url = subsidy ? stack.queues.subsidy : stack.queues.claims;
    byQueue.set(url, [...(byQueue.get(url) ?? []), d]);
  }
  const batches: { url: string; batch: Delivery[] }[] = [];
  for (const [url, list] of byQueue) for (let i = 0; i < list.length; i += 10) batches.push({ url, batch: list.slice(i, i + 10) });
  // One sender per queue keeps each queue's send order (and so each group's order) as listed.
  await Promise.all(
    [...byQueue.keys()].map(async (url) => {
      for (const { batch } of batches.filter((b) => b.url === url)) {
        const r = await stack.clients.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: batch.map((d, i) => ({
              Id: String(i),
              MessageBody: JSON.stringify({ type: 'claim', claim: d.claim }),
              MessageGroupId: d.groupId ?? partitionOf(d.claim as unknown as Claim & { personId?: string; month?: string }).group,
              MessageDeduplicationId: d.deduplicationId,
            })),
          }),
        );
        if ((r.Failed ?? []).length > 0) throw new Error(`send failed: ${JSON.stringify(r.Failed)}`);
      }
    }),
  );
}

/** More consumers on the stack's queues, as Lambda scales a FIFO event source out by message group. */
export function extraConsumers(stack: LocalStack, handler: SqsHandler, perQueue: number, visibilityTimeoutSeconds = 5) {
  const sources = [stack.queues.claims, stack.queues.subsidy].flatMap((queueUrl) =>
    Array.from(
      { length: perQueue },
      () =>
        new LocalEventSource({
          sqs: stack.clients.sqs,
          queueUrl,
          queueArn: 'arn:aws-cn:sqs:cn-north-1:000000000000:local',
          handler,
          functionName: 'adjudicate-claims',
          batchSize: 10,
          batchingWindowMs: 50,
          visibilityTimeoutSeconds,
        }),
    ),
  );
  for (const s of sources) s.start();
  return {
    get busy() {
      return sources.some((s) => s.busy);
    },
    stop: () => Promise.all(sources.map((s) => s.stop())),
  };
}

/** Waits until the queues are empty and no consumer (the stack's or the extra ones) is working. */
export async function waitUntilIdle(stack: LocalStack, extra: { busy: boolean }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await stack.waitForIdle(Math.max(1, deadline - Date.now()));
    if (!extra.busy && (await queued(stack.clients.sqs, [stack.queues.claims, stack.queues.subsidy])) === 0) return;
    if (Date.now() > deadline) throw new Error('not idle in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Visible plus in-flight messages. */
export async function queued(sqs: SQSClient, urls: readonly string[]): Promise<number> {
  let n = 0;
  for (const url of urls) {
    const a = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    n += Number(a.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  }
  return n;
}

export async function scan(doc: DynamoDBDocumentClient, table: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export interface Verdict {
  readonly claims: number;
  readonly decided: number;
  /** Stored §9 outcome differs from replay()'s final outcome. */
  readonly mismatches: number;
  /** A claim stored twice, adjudicated twice (two own-arrival ledger entries), or whose ledger entries do not sum to its payable. */
  readonly doublePayments: number;
  /** A valid claim with no stored decision. */
  readonly lost: number;
  readonly replayFund: string;
  readonly storedFund: string;
  readonly replayPayable: string;
  readonly ledgerEntries: string;
  readonly ledgerTotals: string;
  readonly examples: string[];
}

/**
 * The stored table against replay() of the same claims (final amounts are order-independent, §7).
 * `ids` limits the ledger check to the workload's institutions when the table holds other data.
 */
export async function verify(stack: LocalStack, w: Pick<Workload, 'registry' | 'claims'>): Promise<Verdict> {
  const items = await scan(stack.clients.doc, stack.tableName);
  const { output, engine } = replay({ registry: w.registry, claims: w.claims });
  const institutions = new Set(w.registry.institutions.map((i) => i.institutionId));
  const members = new Map<string, Record<string, unknown>[]>();
  const ledger = new Map<string, { sum: InstanceType<typeof Dec>; own: number }>();
  let ledgerEntries = new Dec(0);
  let ledgerTotals = new Dec(0);
  for (const it of items) {
    const pk = String(it.pk);
    const sk = String(it.sk);
    if (pk.startsWith('P#') && sk.startsWith('C#')) members.set(String(it.claimId), [...(members.get(String(it.claimId)) ?? []), it]);
    if (pk.startsWith('L#') && institutions.has(String(it.institutionId))) {
      if (sk.startsWith('E#')) {
        const l = ledger.get(String(it.claimId)) ?? { sum: new Dec(0), own: 0 };
        l.sum = l.sum.plus(String(it.amount));
        if (it.triggeredBy === it.claimId) l.own++;
        ledger.set(String(it.claimId), l);
        ledgerEntries = ledgerEntries.plus(String(it.amount));
      } else if (sk === 'TOTAL') ledgerTotals = ledgerTotals.plus(String(it.payable));
    }
  }
  let [mismatches, doublePayments, lost, decided] = [0, 0, 0, 0];
  let storedFund = new Dec(0);
  let replayPayable = new Dec(0);
  const examples: string[] = [];
  for (const entry of output.claims) {
    const id = String(entry.claimId);
    const stored = members.get(id) ?? [];
    if (entry.status === 'invalid') continue;
    const payable = payableAfterReview(engine.outcome(id) as Outcome, undefined);
    replayPayable = replayPayable.plus(payable);
    if (stored.length === 0) {
      lost++;
      if (examples.length < 5) examples.push(`lost ${id}`);
      continue;
    }
    decided++;
    const m = stored[0] as Record<string, unknown>;
    storedFund = storedFund.plus(String((m.outcome as { fundAmount: string }).fundAmount));
    if (canonicalJson({ claimId: m.claimId, kind: m.kind, ...(m.outcome as object) }) !== canonicalJson(entry)) {
      mismatches++;
      if (examples.length < 5) examples.push(`mismatch ${id}: stored ${JSON.stringify(m.outcome)} replay ${JSON.stringify(entry)}`);
    }
    const l = ledger.get(id) ?? { sum: new Dec(0), own: 0 };
    if (stored.length > 1 || l.own > 1 || !l.sum.equals(String(m.payable)) || !l.sum.equals(payable)) {
      doublePayments++;
      if (examples.length < 5)
        examples.push(`paid ${id}: ${stored.length} member item(s), ${l.own} own entries, Σ ${fmt(l.sum)} vs ${fmt(payable)}`);
    }
  }
  return {
    claims: w.claims.length,
    decided,
    mismatches,
    doublePayments,
    lost,
    replayFund: output.totals.fundAmount,
    storedFund: fmt(storedFund),
    replayPayable: fmt(replayPayable),
    ledgerEntries: fmt(ledgerEntries),
    ledgerTotals: fmt(ledgerTotals),
    examples,
  };
}

export async function dlqCount(stack: LocalStack): Promise<number> {
  return queued(stack.clients.sqs, [stack.queues.claimsDlq, stack.queues.subsidyDlq]);
}

export type Figures = Record<string, string | number>;

/** Prints one scenario's figures and keeps them for the run's summary table (global-setup prints it). */
export function report(scenario: string, figures: Figures): void {
  const row = { scenario, ...figures };
  const width = Math.max(...Object.keys(row).map((k) => k.length));
  console.log([`── ${scenario} ──`, ...Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n'));
  mkdirSync(join(process.cwd(), '.local'), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify(row)}\n`);
}

/** Seconds since `t0`, one decimal. */
export const since = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

/**
 * For a describe block: a local stack with `registry` loaded, started before its tests and stopped
 * after them, whose adjudicator is the handler `make` builds on the stack's table. Read `stack` and
 * `handler` inside the tests.
 */
export function stackAdjudicatedBy(
  registry: Workload['registry'],
  make: (tableName: string, dynamodbEndpoint: string) => SqsHandler,
): { readonly stack: LocalStack; readonly handler: SqsHandler } {
  const env = {} as { stack: LocalStack; handler: SqsHandler };
  beforeAll(async () => {
    env.stack = await stackWith(registry, {
      wrapAdjudicator: (_production, { tableName, dynamodbEndpoint }) => {
        env.handler = make(tableName, dynamodbEndpoint);
        return env.handler;
      },
    });
  });
  afterAll(async () => {
    await env.stack?.stop();
  });
  return env;
}

/**
 * The act and first assessment every delivery scenario shares: `extraPerQueue` more consumers beside
 * the stack's own (all running `handler`), the deliveries sent, the queues drained, then the stored
 * state checked against replay() and the DLQ counted.
 */
export async function deliverAndVerify(
  stack: LocalStack,
  handler: SqsHandler,
  w: Pick<Workload, 'registry' | 'claims'>,
  deliveries: readonly Delivery[],
  options: { extraPerQueue: number; timeoutMs: number },
): Promise<{ seconds: string; verdict: Verdict; dlq: number }> {
  const t0 = Date.now();
  const consumers = extraConsumers(stack, handler, options.extraPerQueue);
  await sendDeliveries(stack, deliveries);
  await waitUntilIdle(stack, consumers, options.timeoutMs);
  const seconds = since(t0);
  await consumers.stop();
  return { seconds, verdict: await verify(stack, w), dlq: await dlqCount(stack) };
}
