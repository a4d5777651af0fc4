/**
 * The operating partitions (DOMAIN.md §7): the operating claims listing the same resident in the same
 * month compete for that resident's days.
 */
import type { OperatingSubsidyClaim } from '../claims.ts';
import type { Outcome } from '../outcome.ts';
import type { RuleContext } from '../rules/context.ts';
import {
  operatingOutcome,
  type PreparedOperatingClaim,
  prepareOperatingClaim,
  type ResidentEntry,
  type ResidentShare,
  shareResidentMonth,
} from '../rules/operating-subsidy.ts';

interface OperatingState {
  readonly prepared: PreparedOperatingClaim;
  readonly shares: (ResidentShare | undefined)[];
}

/**
 * A resident-month as a map key.
 * @example residentMonthKey('P001', '2026-03') // 'P001\u00002026-03'
 */
export const residentMonthKey = (personId: string, month: string) => `${personId}\u0000${month}`;

/**
 * Every operating claim, and the competing residents of each (person, month).
 * @example operating.insert(claim); operating.recompute([residentMonthKey('P001', '2026-03')], [claim.claimId], out)
 */
export class OperatingPartitions {
  private readonly ctx: RuleContext;
  private readonly claims = new Map<string, OperatingState>();
  private readonly residentMonths = new Map<string, ResidentEntry[]>();

  constructor(ctx: RuleContext) {
    this.ctx = ctx;
  }

  /** Prepares the claim; only residents that passed the resident rules compete for days. */
  insert(claim: OperatingSubsidyClaim): void {
    const prepared = prepareOperatingClaim(this.ctx, claim);
    this.claims.set(claim.claimId, { prepared, shares: prepared.residents.map(() => undefined) });
    prepared.residents.forEach((r, residentIndex) => {
      if (r.failed) return;
      const key = residentMonthKey(r.personId, claim.month);
      const entries = this.residentMonths.get(key) ?? [];
      entries.push({ prepared, residentIndex });
      this.residentMonths.set(key, entries);
    });
  }

  /** Day competition per resident-month; then the totals of every claim involved, and of `claimIds`. */
  recompute(residentMonths: Iterable<string>, claimIds: Iterable<string>, out: Map<string, Outcome>): void {
    const claims = new Set(claimIds);
    for (const key of residentMonths) {
      for (const [entry, share] of shareResidentMonth(this.residentMonths.get(key) ?? [])) {
        const s = this.claims.get(entry.prepared.claim.claimId);
        if (s) s.shares[entry.residentIndex] = share;
        claims.add(entry.prepared.claim.claimId);
      }
    }
    for (const id of claims) {
      const s = this.claims.get(id) as OperatingState;
      out.set(id, operatingOutcome(s.prepared, s.shares));
    }
  }

  /** The current outcome of one claim, with its explanation. */
  explain(claimId: string): Outcome {
    const s = this.claims.get(claimId) as OperatingState;
    return operatingOutcome(s.prepared, s.shares, this.ctx);
  }
}
