/**
 * What-if (domain/whatif.ts) against hand-checked numbers. The scenario (test/fixtures/whatif): CS-1,
 * an employee at grade 4 in March, 31 days at 80.00 under a 60.00 cap × 0.70 = 42.00 a day = 1302.00;
 * CS-2, a resident at grade 3, 31 × (50.00 × 0.50) = 775.00; MS-1, a level-2 stay of 10,000.00
 * eligible: (10,000.00 − 600.00) × 0.85 = 7,990.00. Before: 10,067.00.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../domain/errors.ts';
import { whatIf } from '../../domain/whatif.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/whatif/${name}`, import.meta.url), 'utf8'));
const scenario = fixture('scenario.json');

describe('whatIf', () => {
  it('prices a grade-4 cap raised from 16 March: 15 days at 42.00 and 16 at 49.00, the other claims untouched', () => {
    // Act
    const r = whatIf(scenario, fixture('cap-from-16th.json'));
    // Assess: 15 × 42.00 + 16 × 49.00 = 630.00 + 784.00 = 1,414.00
    expect(r.proposal).toEqual({ policyId: 'demo-2026', effectiveFrom: '2026-03-16' });
    expect(r.rows).toEqual([
      {
        institutionId: 'HOSP-2',
        kind: 'medical-settlement',
        month: '2026-04',
        claims: 1,
        fundBefore: '7990.00',
        fundAfter: '7990.00',
        difference: '0.00',
        moved: 0,
      },
      {
        institutionId: 'INST-A',
        kind: 'care-service',
        month: '2026-03',
        claims: 2,
        fundBefore: '2077.00',
        fundAfter: '2189.00',
        difference: '112.00',
        moved: 1,
      },
    ]);
    expect(r.totals).toEqual({ claims: 3, fundBefore: '10067.00', fundAfter: '10179.00', difference: '112.00', moved: 1 });
    expect(r.moved).toHaveLength(1);
    const [cs1] = r.moved;
    expect(cs1).toMatchObject({
      claimId: 'CS-1',
      fundBefore: '1302.00',
      fundAfter: '1414.00',
      difference: '112.00',
      statusAfter: 'approved',
    });
    expect(cs1?.why).toContainEqual({
      path: 'items.dailyCap',
      items: 16,
      first: '2026-03-16',
      last: '2026-03-31',
      before: '60.00',
      after: '70.00',
    });
    expect(cs1?.why).toContainEqual({
      path: 'items.paid',
      items: 16,
      first: '2026-03-16',
      last: '2026-03-31',
      before: '42.00',
      after: '49.00',
    });
  });

  it('applies a proposal without an effective date to every date: employees at 0.80 get 48.00 a day', () => {
    // 31 × 60.00 × 0.80 = 1,488.00; the resident and the hospital stay do not move.
    const r = whatIf(scenario, { ltc: { fundRatio: { employee: '0.80' } } });
    expect(r.proposal.effectiveFrom).toBeNull();
    expect(r.totals).toEqual({ claims: 3, fundBefore: '10067.00', fundAfter: '10253.00', difference: '186.00', moved: 1 });
    expect(r.moved.map((m) => [m.claimId, m.fundAfter])).toEqual([['CS-1', '1488.00']]);
  });

  it('counts a claim whose status moves though its amount does not: a lower review threshold sends CS-1 to review', () => {
    const r = whatIf(scenario, { ltc: { reviewThreshold: '1000.00' } });
    expect(r.totals).toMatchObject({ difference: '0.00', moved: 1 });
    expect(r.moved[0]).toMatchObject({ claimId: 'CS-1', statusBefore: 'approved', statusAfter: 'needs-review', difference: '0.00' });
  });

  it('merges the proposal onto the scenario’s own policy, so it names only what it changes', () => {
    const own = { ...scenario, policy: { ltc: { dailyCap: { institutional: { '4': '50.00' } } } } };
    // Before: 31 × 50.00 × 0.70 = 1,085.00. The proposal changes the ratio only; the cap of 50.00 stays.
    const r = whatIf(own, { ltc: { fundRatio: { employee: '0.80' } } });
    expect(r.moved.map((m) => [m.fundBefore, m.fundAfter])).toEqual([['1085.00', '1240.00']]);
  });

  it('moves nothing for a proposal equal to the scenario’s policy', () => {
    const r = whatIf(scenario, {});
    expect(r.totals).toEqual({ claims: 3, fundBefore: '10067.00', fundAfter: '10067.00', difference: '0.00', moved: 0 });
    expect(r.moved).toEqual([]);
  });

  it('shows the claims that move most first, as many as asked for', () => {
    // Both care claims move: employees 0.80 (+186.00 on CS-1), residents 0.60 (31 × 30.00 = 930.00, +155.00 on CS-2).
    const r = whatIf(scenario, { ltc: { fundRatio: { employee: '0.80', resident: '0.60' } } }, { examples: 1 });
    expect(r.totals.moved).toBe(2);
    expect(r.moved.map((m) => [m.claimId, m.difference])).toEqual([['CS-1', '186.00']]);
  });

  it('names a rule that now fails, by its code', () => {
    // A budget of 20,000.00 funds one of two beds of 13,000.00 (construction, §6): the second is deferred.
    const round = {
      registry: scenario.registry,
      claims: [
        {
          kind: 'construction-subsidy',
          claimId: 'SUB-1',
          institutionId: 'INST-A',
          submittedAt: '2026-03-01T10:00:00+08:00',
          projectType: 'new-construction',
          acceptedOn: '2026-02-20',
          beds: ['B-1', 'B-2'],
        },
      ],
    };
    const r = whatIf(round, { subsidy: { annualBudget: '20000.00' } });
    expect(r.moved[0]).toMatchObject({ fundBefore: '26000.00', fundAfter: '20000.00', statusAfter: 'deferred' });
    expect(r.moved[0]?.why).toContainEqual({ path: 'facts.rules[BUDGET_EXHAUSTED].held', before: true, after: false });
  });

  it.each([
    [{ ltc: { anualCap: '1.00' } }, 'proposal.ltc.anualCap: unknown key anualCap'],
    [{ effectiveFrom: '2026-13-01', policy: {} }, 'proposal.effectiveFrom: must be a calendar date YYYY-MM-DD'],
    [{ effectiveFrom: '2026-03-01', policy: { ltc: { fundRatio: { employee: '1.5' } } } }, 'proposal.policy.ltc.fundRatio.employee'],
    [[1], 'proposal: must be a JSON object'],
  ])('refuses a bad proposal naming the field: %j', (proposal, message) => {
    const e = (() => {
      try {
        whatIf(scenario, proposal);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as Error).message).toContain(message);
  });
});
