/**
 * One backoff for every retry loop of the functions: exponential from a base, capped, with optional
 * jitter. Unprocessed batch keys, a chunk that lost a race, an adjudication or a review that must be
 * decided again and a throttled send all wait by it, each with its own base and cap.
 */

export interface Backoff {
  /** The wait before the first retry is `2 × baseMs`, then it doubles. */
  readonly baseMs: number;
  readonly capMs: number;
  /** Full waits (false) or a random half to all of each, so racing writers spread out (true). */
  readonly jitter?: boolean;
}

/** Unprocessed keys of a BatchGet or BatchWrite: DynamoDB asks for exponential backoff. */
export const BATCH_RETRY: Backoff = { baseMs: 20, capMs: 1000 };

/**
 * How long to wait before attempt `attempt` (1-based, as the loops count) under `b`.
 * @example backoffMs(3, { baseMs: 25, capMs: 2000 }) // 200
 */
export function backoffMs(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const full = Math.min(b.capMs, b.baseMs * 2 ** attempt);
  return b.jitter ? full * (0.5 + random() / 2) : full;
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits the backoff of `attempt`.
 * @example await backOff(attempt, BATCH_RETRY);
 */
export function backOff(attempt: number, b: Backoff): Promise<void> {
  return sleep(backoffMs(attempt, b));
}
