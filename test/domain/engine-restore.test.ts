import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../domain/engine.ts';
import { PolicyBook, parsePolicy } from '../../domain/policy/policy.ts';
import { Registry } from '../../domain/registry.ts';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const read = (name: string) => JSON.parse(readFileSync(join(examples, name), 'utf8'));

function engineFor(scenario: { policy?: unknown; registry: unknown }) {
  return new Engine({ policy: PolicyBook.single(parsePolicy(scenario.policy ?? {})), registry: Registry.parse(scenario.registry) });
}

describe('Engine.restore', () => {
  it.each(['nursing-home-month.json', 'referral-chain.json', 'subsidy-round.json'])(
    'rebuilds %s so that the last arrival posts the same adjustments as a full replay',
    (file) => {
      // Prepare: a full replay, and an engine restored from every valid claim but the last.
      const scenario = read(file);
      const full = engineFor(scenario);
      const arrivals = scenario.claims.map((c: unknown) => full.accept(c));
      const acceptedRaw = scenario.claims.filter((_: unknown, i: number) => arrivals[i].type === 'accepted');
      const restored = engineFor(scenario);
      // Act
      restored.restore(acceptedRaw.slice(0, -1));
      const last = restored.accept(acceptedRaw.at(-1));
      // Assess
      const fullLast = arrivals.filter((a: { type: string }) => a.type === 'accepted').at(-1);
      expect(last).toEqual(fullLast);
      for (const o of full.allOutcomes()) expect(restored.outcome(o.claimId)).toEqual(o);
    },
  );

  it('refuses a stored history holding the same claim twice', () => {
    const scenario = read('referral-chain.json');
    const engine = engineFor(scenario);
    expect(() => engine.restore([scenario.claims[0], scenario.claims[0]])).toThrow(/appears twice/);
  });
});
