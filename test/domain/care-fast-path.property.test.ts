import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../domain/replay.ts';
import { scenarioArb } from '../support/scenario-arbitrary.ts';

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
});
