/** Building blocks every claim schema shares: the common fields and safe date readings for refinements. */
import { type Day, parseDate, parseInstant, shanghaiDay } from '../dates.ts';
import { IdString, TimestampString } from '../validation.ts';

/** claimId, institutionId and submittedAt: on every claim. */
export const Base = { claimId: IdString, institutionId: IdString, submittedAt: TimestampString };

/**
 * The Asia/Shanghai date of a timestamp that passed TimestampString, or undefined.
 * @example submittedDay('2026-01-31T20:00:00Z') // the day number of 2026-02-01
 */
export const submittedDay = (ts: unknown): Day | undefined => {
  const i = typeof ts === 'string' ? parseInstant(ts) : undefined;
  return i ? shanghaiDay(i) : undefined;
};

/**
 * A date field read inside a refinement, where it may not have passed its own schema.
 * @example dayOrUndefined('2026-02-30') // undefined
 */
export const dayOrUndefined = (v: unknown): Day | undefined => (typeof v === 'string' ? parseDate(v) : undefined);
