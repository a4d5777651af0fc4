/**
 * What-if over generated scenarios: its "before" is `ltc replay` of the scenario, its "after" is
 * `ltc replay` of the scenario with the proposal merged into its policy, its rows add up to its
 * totals, and it moves exactly the claims whose status or fund the two replays disagree on.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepMerge } from '../../domain/policy/policy.ts';
import { replay } from '../../domain/replay.ts';
import { whatIf } from '../../domain/whatif.ts';
import { scenarioArb } from '../support/scenario-arbitrary.ts';

const PROPOSALS: Record<string, unknown>[] = [
  { ltc: { dailyCap: { institutional: { '4': '90.00' } }, reviewThreshold: '200.00' } },
  { ltc: { fundRatio: { employee: '0.55' }, annualCap: '700.00' } },
  { medical: { deductible: { '2': '100.00' }, annualCap: { employee: '2000.00', resident: '1000.00' } } },
  { subsidy: { annualBudget: '26000.00', operating: { basePerBedMonth: '150.00' } } },
];

type Entry = { claimId: string; status: string; fundAmount: string };

describe('whatIf over generated scenarios', () => {
  it('compares replay under the scenario’s policy with replay under the merged proposal, and adds up', () => {
    let moves = 0;
    fc.assert(
      fc.property(scenarioArb(), fc.constantFrom(...PROPOSALS), (s, proposal) => {
        // Prepare
        const before = replay(s).output;
        const after = replay({ ...s, policy: deepMerge(structuredClone(s.policy ?? {}), proposal) }).output;
        // Act
        const r = whatIf(s, proposal, { examples: 100 });
        // Assess
        const valid = (out: typeof before) => (out.claims as Entry[]).filter((c) => c.status !== 'invalid');
        const sum = (xs: string[]) => xs.reduce((t, x) => t.plus(x), new Decimal(0)).toFixed(2);
        expect(r.totals.fundBefore).toBe(before.totals.fundAmount);
        expect(r.totals.fundAfter).toBe(after.totals.fundAmount);
        expect(sum(r.rows.map((x) => x.difference))).toBe(r.totals.difference);
        expect(r.rows.reduce((n, x) => n + x.claims, 0)).toBe(valid(before).length);
        const b = valid(before);
        const a = valid(after);
        const moving = b.filter((c, i) => c.fundAmount !== a[i]?.fundAmount || c.status !== a[i]?.status).map((c) => c.claimId);
        expect(r.totals.moved).toBe(moving.length);
        expect(r.moved.map((m) => m.claimId).sort()).toEqual([...moving].sort());
        moves += moving.length;
      }),
      { numRuns: 60 },
    );
    // The proposals bite on the generated scenarios (else the checks above would compare equal replays).
    expect(moves).toBeGreaterThan(20);
  });

  it('moves nothing for an empty proposal, and a proposal in force from before every date is the undated one', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.constantFrom(...PROPOSALS), (s, proposal) => {
        expect(whatIf(s, {}).totals.moved).toBe(0);
        const dated = whatIf(s, { effectiveFrom: '1970-01-02', policy: proposal });
        const undated = whatIf(s, proposal);
        expect({ ...dated, proposal: undefined }).toEqual({ ...undated, proposal: undefined });
      }),
      { numRuns: 30 },
    );
  });
});
