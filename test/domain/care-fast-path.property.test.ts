import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../domain/replay.ts';
import { homeCareScenarioArb } from '../support/home-care-arbitrary.ts';
import { type Scenario, scenarioArb } from '../support/scenario-arbitrary.ts';

describe('the care-service fast path', () => {
  it('decides every arrival exactly as the exhaustive day-by-day adjudication', () => {
    fc.assert(
      fc.property(scenarioArb({ kinds: ['care-service', 'medical-settlement'], maxClaims: 16 }), (scenario) => {
        // Prepare / Act: the same arrivals through both paths, adjustments included.
        const fast = replay(scenario).output;
        const exhaustive = replay(scenario, { exhaustive: true }).output;
        // Assess
        expect(fast).toEqual(exhaustive);
      }),
      { numRuns: 400 },
    );
  });

  it('also agrees with the default policy, where annual caps are rarely reached', () => {
    fc.assert(
      fc.property(scenarioArb({ kinds: ['care-service', 'medical-settlement'], maxClaims: 16 }), (scenario) => {
        const { policy: _ignored, ...withDefaults } = scenario;
        expect(replay(withDefaults).output).toEqual(replay(withDefaults, { exhaustive: true }).output);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees under the home-care keys (§11): plans, visits, frequencies, packages, family care, next-month starts', () => {
    fc.assert(
      fc.property(homeCareScenarioArb({ maxClaims: 10 }), (scenario) => {
        // Prepare / Act: the same arrivals through both paths, adjustments included.
        const fast = replay(scenario).output;
        const exhaustive = replay(scenario, { exhaustive: true }).output;
        // Assess
        expect(fast).toEqual(exhaustive);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees when packages are large enough that the fast path decides (§11 keys without a plan frequency)', () => {
    // Prepare: no carePlanRequired (so rule 7a counts nothing), and packages no month reaches
    const roomy = (s: Scenario): Scenario => {
      const { carePlanRequired: _none, ...ltc } = (s.policy?.ltc ?? {}) as Record<string, unknown>;
      if (ltc.monthlyCap) ltc.monthlyCap = { 'home-visit': { '3': '5000.00', '4': '5000.00', '5': '5000.00' } };
      return { ...s, policy: { ltc } };
    };
    fc.assert(
      fc.property(homeCareScenarioArb({ maxClaims: 10 }), (scenario) => {
        // Act / Assess
        const s = roomy(scenario);
        expect(replay(s).output).toEqual(replay(s, { exhaustive: true }).output);
      }),
      { numRuns: 200 },
    );
  });
});
