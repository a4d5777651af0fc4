/**
 * A family-care claim (DOMAIN.md §11.3) through the adjudicator: decided in its person's partition
 * under the stored policy's `familyCare`, and committed with the same items, member fields and ledger
 * entry fields as any care-service claim (the statement and ledger keep their shape, §11.8).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../domain/policy/policy.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { makeAdjudicator } from '../../functions/adjudicate-claims/adjudicate.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'Claims';
type Item = Record<string, unknown>;

const policy = parsePolicy({
  policyId: 'city-2026',
  ltc: {
    carePlanRequired: ['family-care'],
    familyCare: { dailyAllowance: { '3': '30.00', '4': '30.00', '5': '30.00' }, ratio: '1.00' },
  },
});
const person = {
  personId: 'P001',
  insuredType: 'employee',
  enrolledOn: '2024-01-01',
  assessments: [{ grade: 4, assessedOn: '2025-06-10' }],
  carePlans: [
    {
      planId: 'CP-2',
      institutionId: 'INST-A',
      setting: 'family-care',
      from: '2026-01-01',
      services: [{ serviceCode: 'FAMILY-CARE-DAY', maxPerMonth: 10 }],
    },
  ],
};
const institution = {
  institutionId: 'INST-A',
  institutionType: 'elderly-care',
  ownership: 'private',
  totalBeds: 120,
  nursingBeds: 80,
  medicalFacility: 'internal',
  registeredOn: '2020-05-01',
  designations: [
    { scheme: 'ltc', setting: 'institutional', from: '2024-01-01' },
    { scheme: 'ltc', setting: 'family-care', from: '2024-01-01' },
  ],
};
const base = {
  kind: 'care-service',
  institutionId: 'INST-A',
  personId: 'P001',
  submittedAt: '2026-04-02T09:00:00+08:00',
  period: { from: '2026-03-01', to: '2026-03-31' },
};
/** 14 listed days, 10 allowed by the plan: 10 × 30.00 × 1.00 = 300.00. */
const family = {
  ...base,
  claimId: 'FC-1',
  setting: 'family-care',
  days: [{ from: '2026-03-01', to: '2026-03-12' }, { date: '2026-03-20' }, { date: '2026-03-21' }],
};
/** The same person's institutional month, for the shape to compare with. */
const institutional = {
  ...base,
  claimId: 'CS-1',
  setting: 'institutional',
  lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-04-01', to: '2026-04-01', unitPrice: '80.00' }],
  period: { from: '2026-04-01', to: '2026-04-01' },
};

function stored() {
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({
    Items: [
      {
        pk: 'POLICY',
        sk: 'V#2026-01-01#city-2026',
        policyId: 'city-2026',
        effectiveFrom: '2026-01-01',
        document: JSON.stringify(policy),
      },
    ],
  });
  ddb.on(BatchGetCommand).callsFake((input) => {
    const keys = input.RequestItems[TABLE].Keys as { pk: string; sk: string }[];
    const docs = keys.flatMap((k): object[] =>
      k.pk === 'REG#PERSON' && k.sk === 'P001' ? [person] : k.pk === 'REG#INST' && k.sk === 'INST-A' ? [institution] : [],
    );
    return { Responses: { [TABLE]: docs.map((d) => ({ doc: JSON.stringify(d) })) } };
  });
  ddb.on(TransactWriteCommand).resolves({});
}

async function adjudicate(claim: Item) {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  const result = await makeAdjudicator({
    store: new PartitionStore(doc, TABLE),
    reference: new ReferenceStore(doc, TABLE),
    now: () => new Date('2026-04-10T02:00:00Z'),
    sleep: async () => {},
  })(claim);
  const items = (ddb.commandCalls(TransactWriteCommand).at(-1)?.args[0].input.TransactItems ?? []).map((i) => {
    const op = (i.Put ?? i.Update ?? i.ConditionCheck ?? i.Delete) as { Key?: Item; Item?: Item };
    return { kind: Object.keys(i)[0], key: (op.Key ?? { pk: op.Item?.pk, sk: op.Item?.sk }) as { pk: string; sk: string }, item: op.Item };
  });
  return { result, items };
}
/** The key pattern of an item, ids and numbers taken out. */
const pattern = (k: { pk: string; sk: string }) => `${k.pk.replace(/#.*$/, '#')} ${k.sk.replace(/[0-9]+|FC-1|CS-1/g, 'n')}`;

beforeEach(() => {
  ddb.reset();
  stored();
});

describe('a family-care claim in the adjudicator', () => {
  it('is decided in its person’s partition under the stored policy: the plan’s monthly frequency, the daily allowance', async () => {
    const { result, items } = await adjudicate(family);
    expect(result).toMatchObject({
      type: 'decided',
      claimId: 'FC-1',
      outcome: { status: 'partially-approved', fundAmount: '300.00', personalAmount: '0.00', reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'] },
    });
    expect(items[0]).toMatchObject({ kind: 'Update', key: { pk: 'P#person#P001', sk: 'HEAD' } });
    const entry = items.find((i) => i.key.pk === 'L#INST-A#2026-04' && i.key.sk.startsWith('E#'));
    expect(entry?.item).toMatchObject({ amount: '300.00', accountingMonth: '2026-04', triggeredBy: 'FC-1' });
  });

  it('commits the same items with the same fields as an institutional claim of the person', async () => {
    // Act
    const fc = await adjudicate(family);
    ddb.reset();
    stored();
    const cs = await adjudicate(institutional);
    // Assess
    expect(cs.result).toMatchObject({ type: 'decided', outcome: { status: 'approved', fundAmount: '42.00' } });
    expect(fc.items.length).toBeGreaterThanOrEqual(5);
    expect(fc.items.map((i) => `${i.kind} ${pattern(i.key)}`)).toEqual(cs.items.map((i) => `${i.kind} ${pattern(i.key)}`));
    for (const [a, b] of fc.items.map((i, n) => [i.item, cs.items[n]?.item])) {
      expect(Object.keys(a ?? {}).sort()).toEqual(Object.keys(b ?? {}).sort());
    }
  });
});
