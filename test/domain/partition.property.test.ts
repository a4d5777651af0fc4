import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Claim, validateClaim } from '../../domain/claims.ts';
import { enclosingStoragePartition, partitionsOf, storagePartitionOf } from '../../domain/partition.ts';
import { replay } from '../../domain/replay.ts';
import { scenarioArb } from '../support/scenario-arbitrary.ts';

const typed = (raw: unknown): Claim => {
  const v = validateClaim(raw);
  if (!v.ok) throw new Error('the arbitrary generates valid claims');
  return v.claim;
};
const key = (p: unknown) => JSON.stringify(p);

describe('partitions', () => {
  it('store every claim with every claim it shares a partition with', () => {
    fc.assert(
      fc.property(scenarioArb({ maxClaims: 16 }), (scenario) => {
        // Prepare
        const claims = scenario.claims.map(typed);
        // Act
        const storage = new Map(claims.map((c) => [c, storagePartitionOf(c)]));
        // Assess: each partition encloses into the claim's storage partition, and sharing one means sharing storage.
        const byPartition = new Map<string, string>();
        for (const c of claims) {
          for (const p of partitionsOf(c)) {
            expect(enclosingStoragePartition(p)).toBe(storage.get(c));
            const seen = byPartition.get(key(p));
            if (seen !== undefined) expect(storage.get(c)).toBe(seen);
            byPartition.set(key(p), storage.get(c) as string);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('hold all a claim depends on: replaying one storage partition alone decides its claims as the whole scenario does', () => {
    fc.assert(
      fc.property(scenarioArb({ maxClaims: 14 }), (scenario) => {
        const whole = replay(scenario).output.claims;
        const partitionOfIndex = scenario.claims.map((raw) => storagePartitionOf(typed(raw)));
        for (const partition of new Set(partitionOfIndex)) {
          const alone = replay({ ...scenario, claims: scenario.claims.filter((_, i) => partitionOfIndex[i] === partition) }).output.claims;
          expect(alone).toEqual(whole.filter((_, i) => partitionOfIndex[i] === partition));
        }
      }),
      { numRuns: 150 },
    );
  });
});
