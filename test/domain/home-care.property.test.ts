/**
 * Home care (DOMAIN.md §11) as fast-check properties: with no §11 key set nothing changes (against
 * the same scenarios without the §11 fields, and against outputs recorded before §11 existed); with
 * §11 keys the §7 invariants hold — arrival order changes nothing, first decisions plus adjustments
 * add up to the final amounts — and a person's fund in a month and setting never exceeds that
 * month's package.
 */
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../domain/replay.ts';
import { homeCareScenarioArb, withIgnoredHomeCareFields } from '../support/home-care-arbitrary.ts';
import { type Scenario, scenarioArb } from '../support/scenario-arbitrary.ts';

type Json = Record<string, unknown>;
type Entry = Json & { claimId: string; kind: string; status: string; fundAmount: string; personalAmount?: string; reasonCodes: string[] };

const entries = (s: Scenario): Entry[] => replay(s).output.claims as Entry[];

/** The final state of each valid claim by claimId (§7: independent of arrival order). */
function finalState(s: Scenario): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const c of entries(s)) if (c.status !== 'invalid') out.set(c.claimId, { ...c });
  return out;
}

const withPermutation = (arb: fc.Arbitrary<Scenario>) =>
  arb.chain((s) => {
    const indices = s.claims.map((_, i) => i);
    return fc.tuple(fc.constant(s), fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }));
  });
const permuted = <T>(list: readonly T[], order: readonly number[]): T[] => order.map((i) => list[i] as T);

describe('with no §11 key set (demo-2026 and its §1–§10 overrides)', () => {
  it('decides every other claim the same with visit records, care plans, `days` on other settings and family-care claims added', () => {
    const arb = scenarioArb({ kinds: ['care-service', 'medical-settlement', 'operating-subsidy'], maxClaims: 12 }).chain((base) =>
      withIgnoredHomeCareFields(base).map((extra) => ({ base, ...extra })),
    );
    fc.assert(
      fc.property(arb, ({ base, scenario, familyCareIds }) => {
        // Act
        const before = replay(base).output;
        const after = replay(scenario).output;

        // Assess: the family-care claims come last and pay nothing; everything else is as before
        const family = new Set(familyCareIds);
        expect(after.claims.filter((c) => !family.has(c.claimId as string))).toEqual(before.claims);
        expect(after.adjustments).toEqual(before.adjustments);
        expect(after.totals).toEqual(before.totals);
        for (const c of after.claims.filter((x) => family.has(x.claimId as string))) {
          expect(c).toEqual({
            claimId: c.claimId,
            kind: 'care-service',
            status: 'rejected',
            fundAmount: '0.00',
            personalAmount: '0.00',
            reasonCodes: ['SERVICE_NOT_COVERED'],
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decides the same when the §11 keys that change nothing here are set (assessment-day, plans and packages for family care only)', () => {
    const neutral = {
      benefitStart: 'assessment-day',
      carePlanRequired: ['family-care'],
      monthlyCap: { 'family-care': { '3': '1.00', '4': '1.00', '5': '1.00' } },
    };
    fc.assert(
      fc.property(scenarioArb({ maxClaims: 12 }), (base) => {
        // Prepare: deep-merged like any override (§2.1)
        const ltc = { ...((base.policy?.ltc as Json | undefined) ?? {}), ...neutral };
        const scenario = { ...base, policy: { ...(base.policy ?? {}), ltc } };

        // Act / Assess
        expect(replay(scenario).output).toEqual(replay(base).output);
      }),
      { numRuns: 150 },
    );
  });

  it('decides scenarios recorded before §11 existed exactly as then', () => {
    // Prepare: 30 generated scenarios and their outputs, recorded on the engine without §11
    const recorded = JSON.parse(
      readFileSync(new URL('../fixtures/home-care/demo-2026-before-section-11.json', import.meta.url), 'utf8'),
    ) as {
      institutions: Json[];
      cases: { policy?: Json; persons: Json[]; claims: unknown[]; output: unknown }[];
    };
    expect(recorded.cases).toHaveLength(30);
    for (const [i, c] of recorded.cases.entries()) {
      const scenario = {
        ...(c.policy ? { policy: c.policy } : {}),
        registry: { persons: c.persons, institutions: recorded.institutions },
        claims: c.claims,
      };

      // Act
      const output = replay(scenario).output;

      // Assess
      expect(output, `recorded case ${i}`).toEqual(c.output);
    }
  });
});

describe('with §11 keys set', () => {
  it('gives the same final claims whatever the arrival order', () => {
    fc.assert(
      fc.property(withPermutation(homeCareScenarioArb({ maxClaims: 9 })), ([scenario, order]) => {
        // Act
        const shuffled = { ...scenario, claims: permuted(scenario.claims, order) };

        // Assess
        expect(finalState(shuffled)).toEqual(finalState(scenario));
      }),
      { numRuns: 300 },
    );
  });

  it('adds first decisions and adjustments up to the final amounts, claim by claim and in total', () => {
    fc.assert(
      fc.property(withPermutation(homeCareScenarioArb({ maxClaims: 9 })), ([scenario, order]) => {
        // Act
        const { output, steps } = replay({ ...scenario, claims: permuted(scenario.claims, order) });

        // Assess
        const paid = new Map<string, Decimal>();
        for (const step of steps) {
          if (step.type !== 'accepted') continue;
          paid.set(step.claim.claimId, new Decimal(step.outcome.fund.toFixed(2)));
          for (const a of step.adjustments) {
            expect(a.triggeredBy).toBe(step.claim.claimId);
            paid.set(a.claimId, (paid.get(a.claimId) ?? new Decimal(Number.NaN)).plus(a.amount.toFixed(2)));
          }
        }
        const finals = (output.claims as Entry[]).filter((c) => c.status !== 'invalid');
        for (const c of finals) expect(paid.get(c.claimId)?.toFixed(2)).toBe(c.fundAmount);
        const first = steps.reduce((s, st) => (st.type === 'accepted' ? s.plus(st.outcome.fund.toFixed(2)) : s), new Decimal(0));
        const adjustments = output.adjustments.reduce((s, a) => s.plus(a.amount as string), new Decimal(0));
        const final = finals.reduce((s, c) => s.plus(c.fundAmount), new Decimal(0));
        expect(first.plus(adjustments).toFixed(2)).toBe(final.toFixed(2));
        expect(output.totals).toEqual({ fundAmount: final.toFixed(2), adjustments: adjustments.toFixed(2) });
      }),
      { numRuns: 300 },
    );
  });

  it('never pays a person more in a month and setting than that month’s package', () => {
    fc.assert(
      fc.property(homeCareScenarioArb({ maxClaims: 10 }), (scenario) => {
        // Prepare: every generated package has an entry for each eligible grade (3, 4, 5); the month's
        // payments, whatever the grades on its days, stay within the largest of them
        const caps = ((scenario.policy?.ltc as Json | undefined)?.monthlyCap ?? {}) as Record<string, Record<string, string>>;
        const byId = new Map((scenario.claims as Json[]).map((c) => [c.claimId as string, c]));

        // Act
        const claims = entries(scenario);

        // Assess
        const sums = new Map<string, Decimal>();
        for (const c of claims) {
          const claim = byId.get(c.claimId);
          if (c.status === 'invalid' || claim?.kind !== 'care-service') continue;
          const setting = claim.setting as string;
          if (!caps[setting]) continue;
          const key = `${claim.personId}|${setting}|${((claim.period as Json).from as string).slice(0, 7)}`;
          sums.set(key, (sums.get(key) ?? new Decimal(0)).plus(c.fundAmount));
        }
        for (const [key, sum] of sums) {
          const setting = key.split('|')[1] as string;
          const largest = Decimal.max(...Object.values(caps[setting] as Record<string, string>));
          expect(sum.lessThanOrEqualTo(largest), `${key}: ${sum.toFixed(2)} > ${largest.toFixed(2)}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives a family-care claim no personal amount and at most its days × the largest allowance × ratio', () => {
    fc.assert(
      fc.property(homeCareScenarioArb({ maxClaims: 10 }), (scenario) => {
        // Prepare
        const familyCare = (scenario.policy?.ltc as Json | undefined)?.familyCare as
          | { dailyAllowance: Record<string, string>; ratio: string }
          | undefined;
        const byId = new Map((scenario.claims as Json[]).map((c) => [c.claimId as string, c]));

        // Act
        const claims = entries(scenario);

        // Assess
        for (const c of claims) {
          const claim = byId.get(c.claimId);
          if (c.status === 'invalid' || claim?.setting !== 'family-care') continue;
          expect(c.personalAmount).toBe('0.00');
          if (!familyCare) {
            expect(c.fundAmount).toBe('0.00');
            continue;
          }
          const listed = (claim.days as Json[]).reduce(
            (n, d) => n + (typeof d.date === 'string' ? 1 : (Date.parse(d.to as string) - Date.parse(d.from as string)) / 86_400_000 + 1),
            0,
          );
          const perDay = Decimal.max(...Object.values(familyCare.dailyAllowance))
            .times(familyCare.ratio)
            .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          expect(new Decimal(c.fundAmount).lessThanOrEqualTo(perDay.times(listed))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
