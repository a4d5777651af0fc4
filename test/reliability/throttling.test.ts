/**
 * Throttling and conflicts: the adjudicator's DynamoDB client fails a share of its calls as DynamoDB
 * does at month end — ProvisionedThroughputExceededException on reads and TransactionCanceled
 * (TransactionConflict) on commits — while every claim has its own message group, so several
 * adjudicators work on the same person at once. Throttles are retried with backoff by the SDK,
 * conflicts and lost version races by the adjudicator; no update is lost and the result is replay().
 */
import { type DynamoDBClient, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type ArrivalPlan, type CommitResult, PartitionStore } from '../../functions/adapters/partition-store.ts';
import type { SqsHandler } from '../../infra/local/event-source.ts';
import { adjudicatorWith, deliverAndVerify, documentClient, localDynamoClient, report, stackAdjudicatedBy } from './support.ts';
import { prng, type Rng, workload } from './workload.ts';

const CLAIMS = Number(process.env.RELIABILITY_THROTTLE_CLAIMS ?? 400);
const THROTTLE_RATE = 0.05;
const CONFLICT_RATE = 0.1;

interface FaultFigures {
  throttles: number;
  conflicts: number;
  /** Commits that lost a race (injected conflict or a real version move) and were decided again. */
  redecided: number;
}

/** The production store, counting the commits that had to be decided again. */
class CountingStore extends PartitionStore {
  private readonly figures: FaultFigures;
  constructor(doc: DynamoDBDocumentClient, table: string, figures: FaultFigures) {
    super(doc, table);
    this.figures = figures;
  }
  override async commit(plan: ArrivalPlan): Promise<CommitResult> {
    const r = await super.commit(plan);
    if (r === 'retry') this.figures.redecided++;
    return r;
  }
}

/** A DynamoDB client that fails a share of calls, inside the SDK's retry loop as real errors are. */
function faultyClient(endpoint: string, rng: Rng, figures: FaultFigures): DynamoDBClient {
  const client = localDynamoClient(endpoint);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      if (command === 'TransactWriteItemsCommand' && rng.chance(CONFLICT_RATE)) {
        figures.conflicts++;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: [{ Code: 'TransactionConflict' }],
        });
      }
      if (/^(GetItem|Query|BatchGetItem)Command$/.test(command) && rng.chance(THROTTLE_RATE)) {
        figures.throttles++;
        throw new ProvisionedThroughputExceededException({
          message: 'Rate of requests exceeds the allowed throughput',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    // After the retry middleware (finalizeRequest, high priority): injected errors are retried like real ones.
    { step: 'finalizeRequest', priority: 'low', name: 'injectFaults' },
  );
  return client;
}

function faultyAdjudicator(table: string, endpoint: string, rng: Rng, figures: FaultFigures): SqsHandler {
  const doc = documentClient(faultyClient(endpoint, rng, figures));
  return adjudicatorWith(doc, table, new CountingStore(doc, table, figures));
}

describe('throttling and conflicts', () => {
  const w = workload(CLAIMS, 20_260_703, 'TH-');
  const figures: FaultFigures = { throttles: 0, conflicts: 0, redecided: 0 };
  const env = stackAdjudicatedBy(w.registry, (table, endpoint) => faultyAdjudicator(table, endpoint, prng(7), figures));

  it('retries throttles and conflicts, and two adjudicators on one person never lose an update', async () => {
    // Act: one message group per claim, so a person's claims are adjudicated concurrently.
    const deliveries = w.claims.map((claim) => ({ claim, deduplicationId: claim.claimId, groupId: `one-${claim.claimId}` }));
    const {
      seconds,
      verdict: v,
      dlq,
    } = await deliverAndVerify(env.stack, env.handler, w, deliveries, { extraPerQueue: 2, timeoutMs: 900_000 });
    // Assess
    report('throttling and conflicts', {
      claims: w.claims.length,
      'throttles injected (retried by the SDK)': figures.throttles,
      'conflicts injected': figures.conflicts,
      'commits decided again (injected + real version races)': figures.redecided,
      'faults injected': figures.throttles + figures.conflicts,
      retries: `${figures.throttles} SDK retries, ${figures.redecided} decided again`,
      DLQ: dlq,
      decided: v.decided,
      mismatches: v.mismatches,
      'double payments': v.doublePayments,
      'lost claims': v.lost,
      'replay fund total': v.replayFund,
      'stored fund total': v.storedFund,
      seconds,
    });
    expect(figures.throttles).toBeGreaterThan(0);
    expect(figures.conflicts).toBeGreaterThan(0);
    expect(figures.redecided).toBeGreaterThanOrEqual(figures.conflicts);
    expect(v.examples).toEqual([]);
    expect([v.mismatches, v.doublePayments, v.lost, dlq]).toEqual([0, 0, 0, 0]);
    expect(v.storedFund).toBe(v.replayFund);
    expect([v.ledgerEntries, v.ledgerTotals]).toEqual([v.replayPayable, v.replayPayable]);
  }, 1_000_000);
});
