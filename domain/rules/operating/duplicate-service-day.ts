/**
 * `DUPLICATE_SERVICE_DAY` for operating subsidies (DOMAIN.md §6): a resident day claimed by two
 * operating claims (any institutions) goes to the one submitted first (earlier submittedAt, then
 * smaller claimId). Only residents that passed the resident rules, in claims that passed the
 * claim-level rules, compete. Per resident: round_fen(Σ won days' value / daysInMonth).
 */
import { type Dec, roundFen } from '../../money.ts';
import type { Rule } from '../rule.ts';
import { awardContestedDays } from '../shared/contested-days.ts';
import { sumEqualAmounts } from '../shared/equal-amounts.ts';
import type { PreparedOperatingClaim, PreparedResident } from './prepare.ts';

/** One resident of one claim, competing for the days of a (person, month). */
export interface ResidentEntry {
  readonly prepared: PreparedOperatingClaim;
  readonly residentIndex: number;
}

export interface ResidentShare {
  /** Σ won days' value / daysInMonth, before rounding. */
  readonly exact: Dec;
  readonly amount: Dec;
  readonly lostDays: number;
  readonly keptBy: readonly string[];
}

/**
 * The competition for one person's days in one month, and each competing resident's share.
 * @example shareResidentMonth(entries).get(entry)?.amount.toFixed(2) // '600.00' for a grade-4 resident's whole month
 */
export function shareResidentMonth(entries: readonly ResidentEntry[]): Map<ResidentEntry, ResidentShare> {
  const competing = entries
    .filter((e) => e.prepared.claimLevel.length === 0 && e.prepared.residents[e.residentIndex]?.failed === undefined)
    .map((entry) => {
      const r = entry.prepared.residents[entry.residentIndex] as PreparedResident;
      return { claim: entry.prepared.claim, first: r.from, last: r.to, entry, r };
    });
  const lost = awardContestedDays(competing);
  const out = new Map<ResidentEntry, ResidentShare>();
  for (const c of competing) {
    const { r, entry } = c;
    const lostHere = lost.get(c);
    const won: Dec[] = [];
    const keptBy = new Set<string>();
    let lostDays = 0;
    for (let d = r.from; d <= r.to; d++) {
      const keeper = lostHere?.get(d);
      if (!keeper) won.push(r.dayValues[d - r.from] as Dec);
      else {
        lostDays++;
        keptBy.add(keeper.claim.claimId);
      }
    }
    const exact = sumEqualAmounts(won).dividedBy(entry.prepared.claim.span.days);
    out.set(entry, { exact, amount: roundFen(exact), lostDays, keptBy: [...keptBy] });
  }
  return out;
}

/**
 * How the competition ended for one resident, for the explanation.
 * @example duplicateServiceDay.held({ lostDays: 3, keptBy: ['OP-1'] }) // false
 */
export const duplicateServiceDay: Rule<{ readonly lostDays: number; readonly keptBy: readonly string[] }> = {
  code: 'DUPLICATE_SERVICE_DAY',
  held: ({ lostDays }) => lostDays === 0,
  saw: ({ lostDays, keptBy }) => ({ daysLost: lostDays, keptBy: keptBy.join('|') || null }),
};
