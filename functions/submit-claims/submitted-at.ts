/**
 * The server's clock decides when a claim was submitted (DOMAIN.md §7 ranks contested days, residents,
 * beds and budgets by `submittedAt`). An institution's claim is stamped with the instant the request
 * was received; a `submittedAt` it sends anyway must lie within the configured skew of that instant
 * (clocks drift; a claim backdated or postdated beyond it is refused, not silently corrected). A
 * bureau migration of historical claims keeps each claim's own `submittedAt`, which may not lie
 * after the receive instant (plus the skew).
 */
import { parseInstant } from '../../domain/dates.ts';
import type { FieldError } from '../../domain/validation.ts';

/** Five minutes: NTP-synchronised clocks are within seconds; a request may wait in a client's retry loop. */
export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

export interface SubmissionClock {
  /** The instant the request was received: one for every claim of the request. */
  readonly receivedAt: Date;
  /** `receivedAt` as stored: ISO-8601 in China Standard Time. */
  readonly stamp: string;
  readonly maxSkewMs: number;
}

export type SubmissionMode = 'institution' | 'migration';

const skewText = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} minute(s)` : `${ms / 1000} s`);
const skewZh = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} 分钟` : `${ms / 1000} 秒`);

/**
 * The claim with its `submittedAt` as the server records it, or the error that refuses it.
 * @example stampClaim(claim, clock, 'institution') // { claim: { ...claim, submittedAt: clock.stamp } }
 */
export function stampClaim(
  raw: unknown,
  clock: SubmissionClock,
  mode: SubmissionMode,
): { readonly claim: unknown; readonly error?: undefined } | { readonly claim?: undefined; readonly error: FieldError } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { claim: raw };
  const given = (raw as { submittedAt?: unknown }).submittedAt;
  if (given === undefined && mode === 'institution') return { claim: { ...raw, submittedAt: clock.stamp } };
  // Its type and form are the domain's to check (INVALID_TIMESTAMP, REQUIRED), with the other fields.
  const instant = typeof given === 'string' ? parseInstant(given) : undefined;
  if (!instant) return { claim: raw };
  const offset = instant.ms - clock.receivedAt.getTime();
  if (mode === 'migration') {
    if (offset <= clock.maxSkewMs) return { claim: raw };
    return {
      error: {
        path: 'submittedAt',
        code: 'SUBMITTED_AT_IN_FUTURE',
        message: `a migrated claim's submittedAt may not be after the server's time ${clock.stamp}`,
        messageZh: `迁移申报的提交时间不能晚于服务器时间 ${clock.stamp}`,
      },
    };
  }
  if (Math.abs(offset) <= clock.maxSkewMs) return { claim: { ...raw, submittedAt: clock.stamp } };
  return {
    error: {
      path: 'submittedAt',
      code: 'SUBMITTED_AT_SKEW',
      message: `must be within ${skewText(clock.maxSkewMs)} of the server's receive time ${clock.stamp} (leave it out: the server records when it received the claim)`,
      messageZh: `须与服务器接收时间 ${clock.stamp} 相差不超过 ${skewZh(clock.maxSkewMs)}（可不填写：提交时间以服务器接收时间为准）`,
    },
  };
}
