/**
 * The two city home-care examples (DOMAIN.md §11): each replays to the output computed by hand in
 * examples/*.notes.md, and ends the same in other arrival orders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../domain/replay.ts';
import type { ReplayOutput } from './support/care-medical-builders.ts';
import { finalStates } from './support/home-care-builders.ts';

const dir = join(import.meta.dirname, '..', 'examples');
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('home-care examples', () => {
  it.each(['tengzhou-home-care', 'wencheng-home-care'])('replays %s to its hand-computed output', (name) => {
    // Prepare
    const scenario = read(`${name}.json`);

    // Act
    const { output } = replay(scenario);

    // Assess
    expect(output).toEqual(read(`${name}.out.json`));
  });

  it.each(['tengzhou-home-care', 'wencheng-home-care'])('ends %s the same in any arrival order, adjustments adding up', (name) => {
    // Prepare
    const scenario = read(`${name}.json`);
    const expected = finalStates(read(`${name}.out.json`) as ReplayOutput);
    const indices = (scenario.claims as unknown[]).map((_, i) => i);

    fc.assert(
      fc.property(fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }), (order) => {
        // Act
        const { output, steps } = replay({ ...scenario, claims: order.map((i) => scenario.claims[i]) });

        // Assess
        expect(finalStates(output as unknown as ReplayOutput)).toEqual(expected);
        const first = steps.reduce((s, st) => (st.type === 'accepted' ? s.plus(st.outcome.fund.toFixed(2)) : s), new Decimal(0));
        const adjustments = output.adjustments.reduce((s, a) => s.plus(a.amount as string), new Decimal(0));
        expect(first.plus(adjustments).toFixed(2)).toBe(output.totals.fundAmount);
      }),
      { numRuns: 40, seed: 2026 },
    );
  });
});
