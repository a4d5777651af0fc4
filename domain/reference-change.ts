/**
 * A reference-data change (a registry record's or a policy version's new version) and the claims it
 * can move. The engine is a pure function of the policy, the registry and the claims (DOMAIN.md §7),
 * so a change re-decides exactly the partitions whose claims consult the changed record:
 * - a person: the person's partition (their care-service and medical claims) and the operating
 *   subsidies that may list them as a resident;
 * - an institution: every partition holding one of its claims;
 * - a policy version effective from E: every partition with a date the policy is consulted on
 *   (service day, admission, acceptance, budget year, operating month) on or after E (§2: the version
 *   in force on that date decides; dates before E keep the version they had).
 */
import { daysInMonth, formatDay, parseInstant, shanghaiDay } from './dates.ts';

/** The record a change made a new version of. */
export type ChangedRecord =
  | { readonly type: 'person'; readonly id: string; readonly version: number }
  | { readonly type: 'institution'; readonly id: string; readonly version: number }
  | { readonly type: 'policy'; readonly id: string; readonly effectiveFrom: string; readonly version: number };

/**
 * A change's id: the record and its version. It names the change as the trigger of the adjustments
 * and ledger entries the change posts, where a claim's id names a late claim.
 * @example changeIdOf({ type: 'person', id: 'P001', version: 3 }) // 'person:P001:v3'
 * @example changeIdOf({ type: 'policy', id: 'city-2026', effectiveFrom: '2026-03-01', version: 1 }) // 'policy:city-2026@2026-03-01:v1'
 */
export function changeIdOf(r: ChangedRecord): string {
  return r.type === 'policy' ? `policy:${r.id}@${r.effectiveFrom}:v${r.version}` : `${r.type}:${r.id}:v${r.version}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * The latest calendar date a claim's content names (a service day, a line's end, a discharge, an
 * acceptance, the last day of an operating month, the submission day): no policy version effective
 * after it can decide anything about the claim. An over-approximation on purpose: reprocessing a
 * partition a change does not move writes no adjustment.
 * @example latestDayIn({ kind: 'operating-subsidy', month: '2026-02', submittedAt: '2026-03-02T09:00:00+08:00' }) // '2026-03-02'
 */
export function latestDayIn(content: unknown): string | undefined {
  let latest: string | undefined;
  const see = (d: string) => {
    if (latest === undefined || d > latest) latest = d;
  };
  const walk = (v: unknown, key: string | undefined): void => {
    if (typeof v === 'string') {
      if (DATE.test(v)) see(v);
      else if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
        // A timestamp's date is its Asia/Shanghai day (§2), which its text need not show.
        const instant = parseInstant(v);
        if (instant) see(formatDay(shanghaiDay(instant)));
      } else if (key === 'month') {
        const m = MONTH.exec(v);
        if (m) see(`${v}-${String(daysInMonth(Number(m[1]), Number(m[2]))).padStart(2, '0')}`);
      }
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(content, undefined);
  return latest;
}
