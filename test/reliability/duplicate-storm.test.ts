/**
 * Duplicate storm: every claim of a realistic workload is delivered one to five times, in random
 * order, straight onto the FIFO queues with distinct deduplication ids (so SQS deduplication hides
 * none of the copies). When the queues are idle, every claim is stored once, paid once, and the
 * stored outcomes and ledger equal replay() of the same claims.
 *
 * SQS FIFO keeps order only within a message group and only as sent; the copies are shuffled across
 * and within groups, so a person's claims (and their copies) arrive in any order — which §7 allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqsHandler } from '../../infra/local/event-source.ts';
import type { LocalStack } from '../../infra/local/stack.ts';
import { type Delivery, deliverAndVerify, report, stackWith } from './support.ts';
import { prng, workload } from './workload.ts';

/**
 * 10,000 claims (about 30,000 deliveries), as the issue asks. DynamoDB Local is the bottleneck (about
 * 45 deliveries a second on 2 cores whatever the number of consumers), so this takes 7–15 minutes;
 * RELIABILITY_STORM_CLAIMS=3000 runs a smaller storm while developing.
 */
const CLAIMS = Number(process.env.RELIABILITY_STORM_CLAIMS ?? 10_000);
const CONSUMERS_PER_QUEUE = Number(process.env.RELIABILITY_CONSUMERS ?? 4);

describe('a duplicate storm', () => {
  const w = workload(CLAIMS, 20_260_601);
  const counts = { batches: 0, records: 0, failed: 0, handlerMs: 0 };
  let stack: LocalStack;
  let handler: SqsHandler;

  beforeAll(async () => {
    stack = await stackWith(w.registry, {
      wrapAdjudicator: (h) => {
        handler = async (event, context) => {
          const t = Date.now();
          const r = await h(event, context);
          counts.handlerMs += Date.now() - t;
          counts.batches++;
          counts.records += event.Records.length;
          counts.failed += r?.batchItemFailures.length ?? 0;
          return r;
        };
        return handler;
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores and pays every claim exactly once, whatever the copies and their order', async () => {
    // Prepare: 1–5 copies of each claim, shuffled.
    const rng = prng(7);
    const deliveries: Delivery[] = w.claims.flatMap((claim) =>
      Array.from({ length: rng.int(1, 5) }, (_, copy) => ({ claim, deduplicationId: `${claim.claimId}#${copy}` })),
    );
    rng.shuffle(deliveries);
    // Act
    const {
      seconds,
      verdict: v,
      dlq,
    } = await deliverAndVerify(stack, handler, w, deliveries, {
      extraPerQueue: CONSUMERS_PER_QUEUE - 1,
      timeoutMs: 1_700_000,
    });
    // Assess
    report('duplicate storm', {
      claims: w.claims.length,
      kinds: Object.entries(w.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', '),
      deliveries: deliveries.length,
      'handler batches': counts.batches,
      'records handled': counts.records,
      retries: counts.failed,
      DLQ: dlq,
      decided: v.decided,
      mismatches: v.mismatches,
      'double payments': v.doublePayments,
      'lost claims': v.lost,
      'replay fund total': v.replayFund,
      'stored fund total': v.storedFund,
      'replay payable total': v.replayPayable,
      'ledger entries total': v.ledgerEntries,
      'ledger running totals': v.ledgerTotals,
      seconds,
      'handler busy (s, summed over consumers)': Math.round(counts.handlerMs / 1000),
      'deliveries/s': Math.round(deliveries.length / Number(seconds)),
    });
    expect(v.examples).toEqual([]);
    expect([v.mismatches, v.doublePayments, v.lost]).toEqual([0, 0, 0]);
    expect(v.storedFund).toBe(v.replayFund);
    expect([v.ledgerEntries, v.ledgerTotals]).toEqual([v.replayPayable, v.replayPayable]);
    expect(dlq).toBe(0);
  }, 1_800_000);
});
