import {
  ItemCollectionSizeLimitExceededException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { PolicyBook, parsePolicy } from '../../domain/policy/policy.ts';
import { Registry } from '../../domain/registry.ts';
import type { ArrivalPlan, PartitionStore } from '../../functions/adapters/partition-store.ts';
import type { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { isThrottled, makeAdjudicator } from '../../functions/adjudicate-claims/adjudicate.ts';

const registry = {
  persons: [{ personId: 'P001', insuredType: 'employee', enrolledOn: '2024-01-01', assessments: [{ grade: 4, assessedOn: '2025-06-10' }] }],
  institutions: [
    {
      institutionId: 'INST-A',
      institutionType: 'elderly-care',
      ownership: 'private',
      totalBeds: 60,
      nursingBeds: 40,
      medicalFacility: 'contracted',
      registeredOn: '2020-01-01',
      designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
    },
  ],
};
const claim = {
  kind: 'care-service',
  claimId: 'CS-1',
  institutionId: 'INST-A',
  personId: 'P001',
  submittedAt: '2026-04-02T09:00:00+08:00',
  setting: 'institutional',
  period: { from: '2026-03-01', to: '2026-03-31' },
  lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '80.00' }],
};
const cancelled = (code: string) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'None' }, { Code: code }],
  });

/** A store holding one empty partition whose commits fail with `failures`, in turn, then succeed. */
function storeFailing(failures: unknown[]) {
  const commits: ArrivalPlan[] = [];
  const store = {
    guard: async () => undefined,
    load: async (partition: string) => ({ partition, version: 0, nextSeq: 1, members: [] }),
    closes: async () => [],
    commit: async (plan: ArrivalPlan) => {
      commits.push(plan);
      const failure = failures.shift();
      if (failure) throw failure;
      return 'committed' as const;
    },
  } as unknown as PartitionStore;
  return { store, commits };
}

const reference = {
  contextFor: async () => ({ policy: PolicyBook.single(parsePolicy()), registry: Registry.parse(registry) }),
} as unknown as ReferenceStore;

describe('the adjudicator under DynamoDB throttling', () => {
  it('decides again after a transaction cancelled for throttling, instead of failing the message', async () => {
    // Prepare
    const { store, commits } = storeFailing([
      cancelled('ThrottlingError'),
      cancelled('ProvisionedThroughputExceeded'),
      new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }),
    ]);
    const adjudicate = makeAdjudicator({ store, reference, now: () => new Date('2026-04-03T00:00:00Z'), sleep: async () => {} });
    // Act
    const result = await adjudicate(claim);
    // Assess
    expect(result).toMatchObject({ type: 'decided', claimId: 'CS-1', attempts: 4 });
    expect(commits).toHaveLength(4);
  });

  it('still fails on an error that retrying cannot fix', async () => {
    const { store } = storeFailing([
      new ItemCollectionSizeLimitExceededException({ message: 'Item collection size limit exceeded', $metadata: {} }),
    ]);
    const adjudicate = makeAdjudicator({ store, reference, now: () => new Date('2026-04-03T00:00:00Z'), sleep: async () => {} });
    await expect(adjudicate(claim)).rejects.toThrow('Item collection size');
  });

  it('gives up after its bounded attempts when throttling never stops', async () => {
    const { store, commits } = storeFailing(Array.from({ length: 20 }, () => cancelled('ThrottlingError')));
    const adjudicate = makeAdjudicator({
      store,
      reference,
      now: () => new Date('2026-04-03T00:00:00Z'),
      sleep: async () => {},
      maxAttempts: 3,
    });
    await expect(adjudicate(claim)).rejects.toThrow('kept moving after 3 attempts');
    expect(commits).toHaveLength(3);
  });

  it('tells a throttled cancellation from a failed condition', () => {
    expect(isThrottled(cancelled('ThrottlingError'))).toBe(true);
    expect(isThrottled(cancelled('ConditionalCheckFailed'))).toBe(false);
  });
});
