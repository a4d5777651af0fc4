/**
 * Crash injection: in 10% of batches the adjudicator dies — before a transaction, after a transaction
 * but before SQS deletes the batch, or after the whole batch; mid-batch when earlier records were
 * already committed. A dead invocation deletes nothing, so SQS delivers the whole batch again. The
 * faults come in through dependency injection only: a PartitionStore wrapper and a handler wrapper
 * around the production makeHandler/makeAdjudicator.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FailureStore } from '../../functions/adapters/failure-store.ts';
import { type ArrivalPlan, type CommitResult, PartitionStore } from '../../functions/adapters/partition-store.ts';
import { MAX_RECEIVE_COUNT } from '../../infra/lib/settings.ts';
import type { SqsHandler } from '../../infra/local/event-source.ts';
import { adjudicatorWith, deliverAndVerify, documentClient, localDynamoClient, report, stackAdjudicatedBy } from './support.ts';
import { prng, type Rng, workload } from './workload.ts';

const CLAIMS = Number(process.env.RELIABILITY_CRASH_CLAIMS ?? 1_000);
const CRASH_RATE = 0.1;

/** The process died: nothing after this point runs, and the batch is not deleted. */
class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

type CrashPoint = 'before the transaction' | 'after the transaction' | 'after the batch, before the deletes';

/** One invocation's fate: crash at the `at`-th commit (before or after it), or after the batch. */
class Fate {
  crashed: CrashPoint | undefined;
  private commits = 0;
  readonly at: number;
  readonly phase: 'before' | 'after';
  constructor(at: number, phase: 'before' | 'after') {
    this.at = at;
    this.phase = phase;
  }
  alive(): void {
    if (this.crashed) throw new InjectedCrash('the adjudicator is dead');
  }
  beforeCommit(): void {
    this.alive();
    if (this.phase === 'before' && this.commits === this.at) this.die('before the transaction');
  }
  afterCommit(): void {
    if (this.phase === 'after' && this.commits === this.at) this.die('after the transaction');
    this.commits++;
  }
  die(point: CrashPoint): never {
    this.crashed = point;
    throw new InjectedCrash(`injected crash ${point}`);
  }
}

/** The production store, dying where its invocation's fate says. */
class CrashingStore extends PartitionStore {
  private readonly fate: Fate | undefined;
  constructor(doc: DynamoDBDocumentClient, table: string, fate: Fate | undefined) {
    super(doc, table);
    this.fate = fate;
  }
  override async guard(claimId: string) {
    this.fate?.alive();
    return super.guard(claimId);
  }
  override async load(partition: string) {
    this.fate?.alive();
    return super.load(partition);
  }
  override async commit(plan: ArrivalPlan): Promise<CommitResult> {
    this.fate?.beforeCommit();
    const r = await super.commit(plan);
    if (r === 'committed') this.fate?.afterCommit();
    return r;
  }
}

interface CrashFigures {
  batches: number;
  crashes: number;
  at: Record<CrashPoint, number>;
  /** Crashes at a later record of the batch, after earlier records had committed. */
  midBatch: number;
  retries: number;
}

function crashingAdjudicator(table: string, endpoint: string, rng: Rng, figures: CrashFigures): SqsHandler {
  const doc = documentClient(localDynamoClient(endpoint));
  const failures = new FailureStore(doc, table);
  let fates = 0;
  return async (event: SQSEvent, context) => {
    figures.batches++;
    // A message on its last receive would go to the DLQ by design if this batch died: that path is
    // the poison-message test's. Crashes here never hit a batch holding such a message.
    const lastReceive = event.Records.some((r) => Number(r.attributes.ApproximateReceiveCount) >= MAX_RECEIVE_COUNT);
    // The crash points take turns (before a commit, after a commit, after the batch), at a random record.
    const crash = !lastReceive && rng.chance(CRASH_RATE);
    const turn = crash ? fates++ % 3 : 0;
    const at = turn === 2 ? Number.POSITIVE_INFINITY : rng.int(0, event.Records.length - 1);
    const fate = crash ? new Fate(at, turn === 0 ? 'before' : 'after') : undefined;
    // A dead process records nothing either.
    const handler = adjudicatorWith(doc, table, new CrashingStore(doc, table, fate), {
      record: async (f) => (fate?.crashed ? undefined : failures.record(f)),
    });
    const response = await handler(event, context);
    if (fate && !fate.crashed) fate.crashed = 'after the batch, before the deletes';
    if (fate?.crashed) {
      figures.crashes++;
      figures.at[fate.crashed]++;
      if (fate.at > 0 && Number.isFinite(fate.at) && fate.crashed !== 'after the batch, before the deletes') figures.midBatch++;
      throw new InjectedCrash(`invocation died ${fate.crashed}`);
    }
    figures.retries += response.batchItemFailures.length;
    return response;
  };
}

describe('crash injection', () => {
  const w = workload(CLAIMS, 20_260_602, 'CR-');
  const figures: CrashFigures = {
    batches: 0,
    crashes: 0,
    at: { 'before the transaction': 0, 'after the transaction': 0, 'after the batch, before the deletes': 0 },
    midBatch: 0,
    retries: 0,
  };
  const env = stackAdjudicatedBy(w.registry, (table, endpoint) => crashingAdjudicator(table, endpoint, prng(99), figures));

  it('decides every claim exactly once and matches the replay, though 10% of batches die', async () => {
    // Act
    const deliveries = w.claims.map((claim) => ({ claim, deduplicationId: claim.claimId }));
    const {
      seconds,
      verdict: v,
      dlq,
    } = await deliverAndVerify(env.stack, env.handler, w, deliveries, { extraPerQueue: 2, timeoutMs: 1_200_000 });
    // Assess
    report('crash injection', {
      claims: w.claims.length,
      deliveries: w.claims.length,
      'handler batches': figures.batches,
      'crashes injected': figures.crashes,
      'crashed before a transaction': figures.at['before the transaction'],
      'crashed after a transaction, before the delete': figures.at['after the transaction'],
      'crashed after the batch, before the deletes': figures.at['after the batch, before the deletes'],
      'of which mid-batch (earlier records committed)': figures.midBatch,
      retries: `${figures.crashes} crashed batches redelivered, ${figures.retries} record failures`,
      DLQ: dlq,
      decided: v.decided,
      mismatches: v.mismatches,
      'double payments': v.doublePayments,
      'lost claims': v.lost,
      'replay fund total': v.replayFund,
      'stored fund total': v.storedFund,
      'ledger running totals': v.ledgerTotals,
      seconds,
    });
    expect(figures.crashes).toBeGreaterThan(0);
    expect(figures.at['after the transaction']).toBeGreaterThan(0);
    expect(figures.at['before the transaction']).toBeGreaterThan(0);
    expect(v.examples).toEqual([]);
    expect([v.mismatches, v.doublePayments, v.lost, dlq]).toEqual([0, 0, 0, 0]);
    expect(v.storedFund).toBe(v.replayFund);
    expect([v.ledgerEntries, v.ledgerTotals]).toEqual([v.replayPayable, v.replayPayable]);
  }, 1_500_000);
});
