/**
 * A reference change re-deciding one partition: the adjudicator's own path for a "reprocess"
 * message. The partition's stored claims are restored under today's registry and policy, every
 * member the engine now decides otherwise gets its REPROCESSED adjustment and ledger entry with the
 * change as the trigger (planReprocess), and the commit is guarded by the head's version like an
 * arrival's. The change's marker for the partition rides in the same transaction: a re-run (a
 * redelivered or re-sent message) finds it and writes nothing.
 */
import { parseInstant } from '../../domain/dates.ts';
import { type Backoff, backoffMs, sleep as wait } from '../adapters/backoff.ts';
import type { ChangeJobs } from '../adapters/change-jobs.ts';
import { recordingVersions } from '../adapters/made-with.ts';
import { restoreEngine } from '../adapters/restore-engine.ts';
import { postedAt } from '../clock.ts';
import { loggablePartition } from '../pseudonym.ts';
import { type AdjudicatorDeps, ContentionError, commitOrRetry } from './adjudicate.ts';
import { planReprocess } from './plan.ts';

export type ReprocessResult =
  | {
      readonly type: 'reprocessed';
      readonly changeId: string;
      readonly partition: string;
      readonly changed: number;
      readonly attempts: number;
    }
  | { readonly type: 'already-reprocessed'; readonly changeId: string; readonly partition: string };

const RACE_RETRY: Backoff = { baseMs: 25, capMs: 2000, jitter: true };

export interface ReprocessorDeps extends AdjudicatorDeps {
  readonly changes: Pick<ChangeJobs, 'marked'>;
}

/**
 * Builds the reprocess function.
 * @example const reprocess = makeReprocessor({ store, reference, changes, now }); await reprocess('person:P001:v2', 'person#P001');
 */
export function makeReprocessor(deps: ReprocessorDeps): (changeId: string, partition: string) => Promise<ReprocessResult> {
  const maxAttempts = deps.maxAttempts ?? 8;
  const sleep = deps.sleep ?? wait;
  return async (changeId, partition) => {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (await deps.changes.marked(changeId, partition)) return { type: 'already-reprocessed', changeId, partition };
      const state = await deps.store.load(partition);
      if (state.pending !== undefined) {
        await deps.store.rollForward(partition, state.pending);
        continue;
      }
      const versioned = recordingVersions(deps.reference);
      const engine = await restoreEngine(
        versioned,
        partition,
        state.members.map((m) => m.content),
      );
      const madeWith = versioned.madeWith();
      const [closes, at] = [await deps.store.closes(), postedAt(deps.now())];
      const plan = planReprocess({
        state,
        engine,
        changeId,
        postedAt: at,
        ...(madeWith ? { madeWith } : {}),
        closes: closes.map((c) => ({ month: c.month, at: parseInstant(c.at) as NonNullable<ReturnType<typeof parseInstant>> })),
      });
      // 'retry': the partition moved meanwhile, or the marker exists (checked again at the loop's top).
      if ((await commitOrRetry(deps.store, plan)) === 'committed') {
        return { type: 'reprocessed', changeId, partition, changed: plan.changes.length, attempts: attempt };
      }
      await sleep(backoffMs(attempt, RACE_RETRY));
    }
    throw new ContentionError(`change ${changeId}: partition ${loggablePartition(partition)} kept moving after ${maxAttempts} attempts`);
  };
}
