import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoredOutcomeSchema } from '../../domain/claim-entry.ts';
import { replay } from '../../domain/replay.ts';
import { scenarioArb } from '../support/scenario-arbitrary.ts';

describe('the stored outcome', () => {
  it('describes every accepted claim the replay prints, explained or not, and reads back unchanged', () => {
    fc.assert(
      fc.property(scenarioArb({ maxClaims: 14 }), fc.boolean(), (scenario, explain) => {
        // Prepare / Act
        const entries = replay(scenario, { explain }).output.claims.filter((c) => c.status !== 'invalid');
        // Assess
        for (const entry of entries) expect(StoredOutcomeSchema.parse(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an outcome that is not one: an unknown status or reason code, an amount not in fen', () => {
    const entry = { claimId: 'CS-1', kind: 'care-service', status: 'approved', fundAmount: '1.00', reasonCodes: [] };
    expect(StoredOutcomeSchema.safeParse(entry).success).toBe(true);
    expect(StoredOutcomeSchema.safeParse({ ...entry, status: 'paid' }).success).toBe(false);
    expect(StoredOutcomeSchema.safeParse({ ...entry, reasonCodes: ['NOT_A_CODE'] }).success).toBe(false);
    expect(StoredOutcomeSchema.safeParse({ ...entry, fundAmount: '1.5' }).success).toBe(false);
    expect(StoredOutcomeSchema.safeParse({ ...entry, personalAmount: '-0.15' }).success).toBe(true);
  });
});
