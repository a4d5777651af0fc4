/**
 * The server's clock: the one home of "now" for every function. The domain takes time as an argument
 * (it never reads a clock); handlers are built with a `Clock` so tests and the local stack can set it,
 * and every instant a function stores (postings, decisions, imports, reference-data changes, a claim's
 * `submittedAt`) is written by `postedAt`.
 */

/** When it is now. Deployed functions use `systemClock`; tests and the local stack pass their own. */
export type Clock = () => Date;

/** The machine's clock. */
export const systemClock: Clock = () => new Date();

const CHINA_STANDARD_TIME_MS = 8 * 3_600_000;

/**
 * An instant as stored: ISO-8601 in China Standard Time (+08:00), millisecond precision, so stored
 * instants read as local time to a bureau clerk and sort as text within the zone.
 * @example postedAt(new Date('2026-03-31T16:30:00Z')) // '2026-04-01T00:30:00.000+08:00'
 */
export function postedAt(now: Date): string {
  return `${new Date(now.getTime() + CHINA_STANDARD_TIME_MS).toISOString().slice(0, 23)}+08:00`;
}
