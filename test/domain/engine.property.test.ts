/**
 * §7 invariants of the engine as fast-check properties over generated scenarios: order independence,
 * adjustments that add up, idempotent re-delivery, and amounts rendered to the fen.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../domain/replay.ts';
import { type Scenario, scenarioArb, shuffleKeys } from '../support/scenario-arbitrary.ts';

type Entry = Record<string, unknown> & { claimId: string; status: string; fundAmount: string };

/** The parts of a final claim that must not depend on the arrival order (§7). */
function finalState(s: Scenario): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const c of replay(s).output.claims as Entry[]) {
    if (c.status === 'invalid') continue;
    out.set(c.claimId, {
      status: c.status,
      fundAmount: c.fundAmount,
      personalAmount: c.personalAmount,
      deductibleApplied: c.deductibleApplied,
      deferredAmount: c.deferredAmount,
      reasonCodes: c.reasonCodes,
    });
  }
  return out;
}

const permuted = <T>(list: readonly T[], order: readonly number[]): T[] => order.map((i) => list[i] as T);

/** A scenario with a permutation of its claims' indices. */
const withPermutation = (arb: fc.Arbitrary<Scenario>) =>
  arb.chain((s) => {
    const indices = s.claims.map((_, i) => i);
    return fc.tuple(fc.constant(s), fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }));
  });

const dec = (s: string) => new Decimal(s);
const TWO_DECIMALS = /^-?\d+\.\d{2}$/;
const AMOUNT_KEYS = [
  'fundAmount',
  'personalAmount',
  'deductibleApplied',
  'deferredAmount',
  'dedc_std',
  'act_pay_dedc',
  'inscp_scp_amt',
  'hifp_pay',
];

describe('engine invariants (DOMAIN.md §7)', () => {
  it('gives the same final claims whatever the arrival order', () => {
    fc.assert(
      fc.property(withPermutation(scenarioArb()), ([scenario, order]) => {
        const shuffled = { ...scenario, claims: permuted(scenario.claims, order) };
        expect(finalState(shuffled)).toEqual(finalState(scenario));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same final claims whatever the order when one person has many care and medical claims', () => {
    const crowded = scenarioArb({ kinds: ['care-service', 'medical-settlement'], maxClaims: 24 });
    fc.assert(
      fc.property(withPermutation(crowded), ([scenario, order]) => {
        const shuffled = { ...scenario, claims: permuted(scenario.claims, order) };
        expect(finalState(shuffled)).toEqual(finalState(scenario));
      }),
      { numRuns: 200 },
    );
  });

  it('adds first decisions and adjustments up to the final amounts, and lines up to totals, to the fen', () => {
    fc.assert(
      fc.property(withPermutation(scenarioArb()), ([scenario, order]) => {
        const { output, steps } = replay({ ...scenario, claims: permuted(scenario.claims, order) });
        const paidSoFar = new Map<string, Decimal>();
        const postedAdjustments: { claimId: string; amount: string; triggeredBy: string }[] = [];
        for (const step of steps) {
          if (step.type !== 'accepted') continue;
          paidSoFar.set(step.claim.claimId, dec(step.outcome.fund.toFixed(2)));
          for (const a of step.adjustments) {
            expect(a.triggeredBy).toBe(step.claim.claimId);
            expect(a.amount.isZero()).toBe(false);
            const before = paidSoFar.get(a.claimId);
            expect(before).toBeDefined();
            paidSoFar.set(a.claimId, (before as Decimal).plus(a.amount.toFixed(2)));
            postedAdjustments.push({ claimId: a.claimId, amount: a.amount.toFixed(2), triggeredBy: a.triggeredBy });
          }
        }
        const finals = (output.claims as Entry[]).filter((c) => c.status !== 'invalid');
        for (const c of finals) expect((paidSoFar.get(c.claimId) as Decimal).toFixed(2)).toBe(c.fundAmount);

        const initial = steps.reduce((s, st) => (st.type === 'accepted' ? s.plus(st.outcome.fund.toFixed(2)) : s), new Decimal(0));
        const adjustments = output.adjustments.reduce((s, a) => s.plus(dec(a.amount as string)), new Decimal(0));
        const finalFund = (output.claims as Entry[]).reduce((s, c) => s.plus(dec(c.fundAmount)), new Decimal(0));
        expect(initial.plus(adjustments).toFixed(2)).toBe(finalFund.toFixed(2));
        expect(output.totals.fundAmount).toBe(finalFund.toFixed(2));
        expect(output.totals.adjustments).toBe(adjustments.toFixed(2));
        expect(output.adjustments.map((a) => ({ claimId: a.claimId, amount: a.amount, triggeredBy: a.triggeredBy }))).toEqual(
          postedAdjustments,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('ignores re-deliveries of the same content, whatever their key order and position', () => {
    const withRedeliveries = scenarioArb().chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.array(fc.record({ index: fc.nat(), delay: fc.nat(), seed: fc.integer({ min: 1, max: 0x7fff_ffff }) }), { maxLength: 8 }),
      ),
    );
    fc.assert(
      fc.property(withRedeliveries, ([scenario, picks]) => {
        const base = replay(scenario);
        if (scenario.claims.length === 0) return;
        // copies go after their original: before it, the copy would be the first delivery
        const slots: unknown[][] = scenario.claims.map((c) => [c]);
        const copies = new Set<unknown>();
        for (const { index, delay, seed } of picks) {
          const i = index % scenario.claims.length;
          const original = scenario.claims[i] as Record<string, unknown>;
          const copy = shuffleKeys(asAbsentReferral(original), seed);
          copies.add(copy);
          const at = i + (delay % (scenario.claims.length - i));
          (slots[at] as unknown[]).push(copy);
        }
        const claims = slots.flat();
        const again = replay({ ...scenario, claims });
        expect(again.output).toEqual(base.output);
        claims.forEach((c, k) => {
          if (copies.has(c)) expect(again.steps[k]?.type).toBe('redelivery');
        });
      }),
      { numRuns: 300 },
    );
  });

  it('renders every amount as a string with exactly two decimals', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { output } = replay(scenario);
        for (const c of output.claims) {
          for (const key of AMOUNT_KEYS) {
            if (key in c) {
              expect(c[key]).toMatch(TWO_DECIMALS);
              expect(dec(c[key] as string).isNegative()).toBe(false);
            }
          }
        }
        for (const a of output.adjustments) expect(a.amount).toMatch(TWO_DECIMALS);
        expect(output.totals.fundAmount).toMatch(TWO_DECIMALS);
        expect(output.totals.adjustments).toMatch(TWO_DECIMALS);
      }),
      { numRuns: 300 },
    );
  });
});

/** `referredFrom: null` means absent (§7), so a copy may spell an absent referral that way. */
function asAbsentReferral(claim: Record<string, unknown>): unknown {
  const episode = claim.episode as Record<string, unknown> | undefined;
  if (claim.kind !== 'medical-settlement' || !episode || 'referredFrom' in episode) return claim;
  return { ...claim, episode: { ...episode, referredFrom: null } };
}
