import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../domain/replay.ts';
import { homeCareScenarioArb } from '../support/home-care-arbitrary.ts';
import { type Scenario, scenarioArb } from '../support/scenario-arbitrary.ts';

interface Check {
  rule: string;
  held: boolean;
  saw: Record<string, unknown>;
}
type Entry = { kind: string; status: string; reasonCodes: string[]; explanation?: Record<string, unknown> };

/** The code of the first rule that did not hold, or `otherwise` when all held. */
const decidedBy = (rules: Check[], otherwise: string) => rules.find((r) => !r.held)?.rule ?? otherwise;
const failing = (rules: Check[]) => rules.filter((r) => !r.held).map((r) => r.rule);

describe('explanations mirror the rules', () => {
  it.each<[string, fc.Arbitrary<Scenario>]>([
    ['under demo-2026 and its overrides', scenarioArb({ maxClaims: 16 })],
    ['under the home-care keys (§11)', homeCareScenarioArb({ maxClaims: 10 })],
  ])('name, for every unit, bed, resident and claim-level rule, the rule that decided it, and what each rule saw, %s', (_label, arb) => {
    fc.assert(
      fc.property(arb, (scenario) => {
        // Prepare / Act
        const claims = (replay(scenario, { explain: true }).output.claims as Entry[]).filter((c) => c.status !== 'invalid');
        for (const c of claims) {
          const e = c.explanation as { claimRules: Check[]; items: Record<string, unknown>[]; facts: Record<string, unknown> };
          // Assess: every failed claim-level rule is among the claim's codes, and a rule records what it saw.
          for (const code of failing(e.claimRules)) expect(c.reasonCodes).toContain(code);
          for (const r of e.claimRules) expect(Object.keys(r.saw).length).toBeGreaterThan(0);
          if (c.kind === 'care-service') {
            for (const day of e.items) {
              for (const u of day.units as { decidedBy: string; rules: Check[] }[]) {
                expect(decidedBy(u.rules, 'COVERED')).toBe(u.decidedBy);
              }
              const caps = (day.rules ?? []) as Check[];
              expect(caps.some((r) => !r.held)).toBe(day.annualCapReached === true || day.monthlyCapReached === true);
              for (const r of caps.filter((c) => !c.held)) expect(c.reasonCodes).toContain(r.rule);
            }
          }
          if (c.kind === 'construction-subsidy') {
            for (const bed of e.items as { decidedBy: string; rules: Check[] }[])
              expect(decidedBy(bed.rules, 'GRANTED')).toBe(bed.decidedBy);
          }
          if (c.kind === 'operating-subsidy') {
            for (const r of e.items as { decidedBy: string; rules: Check[] }[]) expect(decidedBy(r.rules, 'GRANTED')).toBe(r.decidedBy);
          }
          if (c.kind === 'medical-settlement' && Array.isArray(e.facts.rules)) {
            for (const code of failing(e.facts.rules as Check[])) expect(c.reasonCodes).toContain(code);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
