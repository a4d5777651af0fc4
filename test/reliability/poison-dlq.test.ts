/**
 * Poison messages: a message that keeps failing lands in its DLQ after maxReceiveCount receives with
 * the reason of its last failure kept; `ltc dlq list` shows it; after the defect is fixed,
 * `ltc dlq redrive` sends it back and it is decided exactly as replay() decides the same claims.
 * A message that can never be a claim is parked in the DLQ on its first receive (its group does not
 * wait), and goes back there again when redriven.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadMessage } from '../../cli/dlq.ts';
import { FailureStore } from '../../functions/adapters/failure-store.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { makeAdjudicator } from '../../functions/adjudicate-claims/adjudicate.ts';
import { makeHandler } from '../../functions/adjudicate-claims/handler.ts';
import { MAX_RECEIVE_COUNT } from '../../infra/lib/settings.ts';
import type { LocalStack } from '../../infra/local/stack.ts';
import { dlqCount, report, sendDeliveries, silentLogger, stackWith, verify } from './support.ts';
import { workload } from './workload.ts';

const run = promisify(execFile);
const ltc = (args: string[]) => run('npx', ['ltc', ...args], { cwd: process.cwd(), timeout: 60_000 });

describe('poison messages and the DLQ', () => {
  const w = workload(40, 20_260_603, 'PO-');
  // One per person: a FIFO DLQ shows only the first dead messages of each group until they are moved.
  const defective = new Set(
    [...new Map(w.claims.filter((c) => c.kind === 'care-service').map((c) => [c.personId, c.claimId])).values()].slice(0, 5),
  );
  let fixed = false;
  let stack: LocalStack;
  let stackJson: string;

  beforeAll(async () => {
    stack = await stackWith(w.registry, {
      visibilityTimeoutSeconds: 1,
      // One batch at a time: with a 1 s visibility (to cycle failures fast) a batch that takes longer
      // under load would be received again by a second poller, and the receive counts asserted here
      // would count that overlap (on AWS the visibility is six times the function's timeout).
      adjudicatorConcurrency: 1,
      wrapAdjudicator: (_h, env) => {
        const now = () => new Date();
        let adjudicate: ReturnType<typeof makeAdjudicator> | undefined;
        let failures: FailureStore | undefined;
        return async (event, context) => {
          // The stack's clients exist once startLocalStack has returned.
          adjudicate ??= makeAdjudicator({
            store: new PartitionStore(stack.clients.doc, env.tableName),
            reference: new ReferenceStore(stack.clients.doc, env.tableName),
            now,
          });
          failures ??= new FailureStore(stack.clients.doc, env.tableName);
          const handler = makeHandler({
            adjudicate: async (raw) => {
              const id = (raw as { claimId?: string }).claimId ?? '';
              if (!fixed && defective.has(id)) throw new Error(`reference data for ${id} could not be read (simulated defect)`);
              return (adjudicate as NonNullable<typeof adjudicate>)(raw);
            },
            failures,
            deadLetters: env.deadLetters,
            logger: silentLogger,
            now,
          });
          return handler(event, context);
        };
      },
    });
    stackJson = join(mkdtempSync(join(tmpdir(), 'ltc-dlq-')), 'stack.json');
    writeFileSync(stackJson, JSON.stringify({ tableName: stack.tableName, queues: stack.queues, endpoints: stack.endpoints }));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const waitFor = async (what: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('dead-letters failing messages with their reason, lists them, and redrives them to the replay decision', async () => {
    // Prepare: the workload, of which five hit a defect, and two messages that are not claims at all.
    await sendDeliveries(
      stack,
      w.claims.map((claim) => ({ claim, deduplicationId: claim.claimId })),
    );
    for (const [i, body] of [
      'not a claim',
      JSON.stringify({ type: 'claim', claim: { claimId: 'PO-BROKEN', kind: 'care-service' } }),
    ].entries()) {
      await stack.clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queues.claims,
          MessageBody: body,
          MessageGroupId: `poison-${i}`,
          MessageDeduplicationId: `poison-${i}`,
        }),
      );
    }
    // Act 1: the defective claims fail maxReceiveCount times; the non-claims are parked at once.
    await waitFor(async () => (await dlqCount(stack)) === defective.size + 2, 120_000);
    await stack.waitForIdle(60_000);
    const listed = JSON.parse((await ltc(['dlq', 'list', '--json', '--stack', stackJson])).stdout) as DeadMessage[];
    const table = (await ltc(['dlq', 'list', '--stack', stackJson])).stdout;
    console.log(table);
    // Assess 1
    expect(listed).toHaveLength(defective.size + 2);
    for (const id of defective) {
      expect(listed.find((d) => d.claimId === id)).toMatchObject({
        queue: 'claims',
        code: 'PROCESSING_ERROR',
        reason: `reference data for ${id} could not be read (simulated defect)`,
        receiveCount: MAX_RECEIVE_COUNT,
      });
    }
    expect(listed.filter((d) => d.code === 'POISON_MESSAGE').map((d) => d.reason)).toEqual(
      expect.arrayContaining(['message body is not JSON', expect.stringContaining('claim PO-BROKEN is not valid')]),
    );
    expect(listed.filter((d) => d.code === 'POISON_MESSAGE').map((d) => d.receiveCount)).toEqual([1, 1]);
    const failures = new FailureStore(stack.clients.doc, stack.tableName);
    expect(await failures.get(listed.find((d) => d.code === 'PROCESSING_ERROR')?.messageId as string)).toBeDefined();

    // Act 2: fix the defect, redrive.
    fixed = true;
    const redriven = (await ltc(['dlq', 'redrive', '--stack', stackJson])).stdout;
    await waitFor(async () => (await dlqCount(stack)) === 2, 120_000);
    await stack.waitForIdle(60_000);
    // Assess 2: the redriven claims are decided as replay() decides the whole set; the two non-claims are dead again.
    const v = await verify(stack, w);
    const again = JSON.parse((await ltc(['dlq', 'list', '--json', '--stack', stackJson])).stdout) as DeadMessage[];
    report('poison messages + DLQ redrive', {
      claims: w.claims.length,
      deliveries: w.claims.length + 2,
      'faults injected': `${defective.size} claims hit a defect, 2 non-claims`,
      retries: `${defective.size * MAX_RECEIVE_COUNT} receives before the DLQ; the 2 non-claims parked on their first receive`,
      DLQ: `${listed.length} listed with reasons, ${redriven.match(/^redriven /gm)?.length ?? 0} redriven, ${again.length} dead again (not claims)`,
      mismatches: v.mismatches,
      'double payments': v.doublePayments,
      'lost claims': v.lost,
      'replay fund total': v.replayFund,
      'stored fund total': v.storedFund,
    });
    expect(v.examples).toEqual([]);
    expect([v.mismatches, v.doublePayments, v.lost]).toEqual([0, 0, 0]);
    expect(again.map((d) => d.code)).toEqual(['POISON_MESSAGE', 'POISON_MESSAGE']);
  });
});
