import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StoredClaimError } from '../../domain/errors.ts';
import { PolicyBook, parsePolicy } from '../../domain/policy/policy.ts';
import { Registry } from '../../domain/registry.ts';
import type { PartitionState, PartitionStore } from '../../functions/adapters/partition-store.ts';
import { restoreEngine } from '../../functions/adapters/restore-engine.ts';
import { makeAdjudicator } from '../../functions/adjudicate-claims/adjudicate.ts';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const registry = Registry.parse(JSON.parse(readFileSync(join(examples, 'registry.json'), 'utf8')));
const reference = { contextFor: vi.fn(async () => ({ policy: PolicyBook.single(parsePolicy({})), registry })) };

const march = {
  kind: 'care-service',
  claimId: 'CS-1',
  institutionId: 'INST-A',
  personId: 'P001',
  submittedAt: '2026-04-02T09:00:00+08:00',
  setting: 'institutional',
  period: { from: '2026-03-01', to: '2026-03-31' },
  lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '80.00' }],
};
const april = { ...march, claimId: 'CS-2', period: { from: '2026-04-01', to: '2026-04-05' }, submittedAt: '2026-04-06T09:00:00+08:00' };
april.lines = [{ serviceCode: 'LTC-INST-DAY', from: '2026-04-01', to: '2026-04-05', unitPrice: '80.00' }];
/** A stored claim that no longer validates: its period is gone. */
const damaged = { ...march, claimId: 'CS-0', period: undefined };

describe('restoreEngine', () => {
  it('rebuilds a partition so that its stored claims have their outcomes', async () => {
    const engine = await restoreEngine(reference, 'person#P001', [march]);
    expect(engine.outcome('CS-1')?.fund.toFixed(2)).toBe('1302.00');
  });

  it('refuses a partition holding a stored claim that no longer validates, naming the claim', async () => {
    const restoring = restoreEngine(reference, 'person#P001', [damaged, march]);
    await expect(restoring).rejects.toBeInstanceOf(StoredClaimError);
    await expect(restoring).rejects.toMatchObject({ claimId: 'CS-0' });
  });

  it('makes the adjudicator fail the arrival rather than decide it without the damaged claim', async () => {
    const state: PartitionState = {
      partition: 'person#P001',
      version: 1,
      nextSeq: 2,
      members: [{ content: damaged } as PartitionState['members'][number]],
    };
    const store = { guard: async () => undefined, load: async () => state, commit: vi.fn() } as unknown as PartitionStore;
    const adjudicate = makeAdjudicator({ store, reference: reference as never, now: () => new Date('2026-04-10T02:00:00Z') });
    await expect(adjudicate(april)).rejects.toBeInstanceOf(StoredClaimError);
    expect(store.commit).not.toHaveBeenCalled();
  });
});
