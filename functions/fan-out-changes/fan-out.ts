/**
 * The fan-out of a reference change: pages through the partitions the change can move
 * (change-partitions.ts) and sends each a reprocess message in its own FIFO group, moving the job's
 * cursor and total after each page. A page is sent before the cursor moves, so a crash in between
 * sends it again (deduplicated by change and partition, and harmless after the window: the
 * partition's marker makes the second reprocess a no-op) and counts it once (the cursor is the
 * condition). Before the invocation would run out of time it hands the rest to a continuation message.
 */
import type { ChangeJobs } from '../adapters/change-jobs.ts';
import type { ChangePartitions } from '../adapters/change-partitions.ts';
import type { ChangeQueue } from '../adapters/change-queue.ts';

export interface FanOutDeps {
  readonly jobs: Pick<ChangeJobs, 'get' | 'advance'>;
  readonly partitions: Pick<ChangePartitions, 'page'>;
  readonly queue: Pick<ChangeQueue, 'reprocess' | 'fanOut'>;
  /** Partitions per page (one Query, then batches of ten messages). */
  readonly pageSize?: number;
}

export type FanOutResult =
  | { readonly type: 'unknown-change'; readonly changeId: string }
  | { readonly type: 'fanned-out'; readonly changeId: string; readonly sent: number }
  | { readonly type: 'continued'; readonly changeId: string; readonly sent: number };

/** Time kept back for one more page and the continuation message. */
export const FAN_OUT_RESERVE_MS = 10_000;

/**
 * Builds the fan-out of one change.
 * @example const result = await makeFanOut(deps)('policy:city@2026-03-01:v1', () => context.getRemainingTimeInMillis());
 */
export function makeFanOut(deps: FanOutDeps): (changeId: string, remainingMs: () => number) => Promise<FanOutResult> {
  const pageSize = deps.pageSize ?? 100;
  return async (changeId, remainingMs) => {
    let job = await deps.jobs.get(changeId);
    if (!job) return { type: 'unknown-change', changeId };
    let sent = 0;
    while (!job.fannedOut) {
      if (remainingMs() < FAN_OUT_RESERVE_MS) {
        await deps.queue.fanOut(changeId, job.cursor);
        return { type: 'continued', changeId, sent };
      }
      const page = await deps.partitions.page(job.record, job.cursor, pageSize);
      await deps.queue.reprocess(changeId, page.partitions);
      if (await deps.jobs.advance(changeId, job.cursor, page.next, page.partitions.length)) {
        sent += page.partitions.length;
        job = { ...job, cursor: page.next ?? '', fannedOut: page.next === undefined };
      } else {
        // Another invocation moved the cursor (a redelivered message): go on from where it is.
        job = (await deps.jobs.get(changeId)) ?? job;
      }
    }
    return { type: 'fanned-out', changeId, sent };
  };
}
