/**
 * The adjudicator against DynamoDB Local: stored decisions and adjustments equal `ltc replay` for the
 * same arrivals; re-delivery pays once; a conflicting claimId is refused; two adjudicators on one
 * person never lose an update; a decision past 100 items commits by design.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../domain/money.ts';
import { replay } from '../../domain/replay.ts';
import { partitionOf } from '../../functions/adapters/keys.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { makeAdjudicator } from '../../functions/adjudicate-claims/adjudicate.ts';
import { createClaimsTable, localClients } from './support.ts';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const read = (name: string) => JSON.parse(readFileSync(join(examples, name), 'utf8'));
const registry = read('registry.json');

interface Setup {
  store: PartitionStore;
  reference: ReferenceStore;
  adjudicate: ReturnType<typeof makeAdjudicator>;
  table: string;
  doc: ReturnType<typeof localClients>['doc'];
}

async function freshSystem(reg = registry, policy?: unknown): Promise<Setup> {
  const { client, doc } = localClients();
  const table = await createClaimsTable(client);
  const store = new PartitionStore(doc, table);
  const reference = new ReferenceStore(doc, table);
  const loaded = { by: 'test-bureau', at: '2026-06-30T09:00:00.000+08:00', reason: 'test registry' };
  for (const p of reg.persons) await reference.putPerson(p, loaded);
  for (const i of reg.institutions) await reference.putInstitution(i, loaded);
  if (policy) await reference.putPolicy('bureau-test', '1970-01-01', policy, loaded);
  let tick = Date.parse('2026-07-01T00:00:00Z');
  const adjudicate = makeAdjudicator({ store, reference, now: () => new Date((tick += 1000)), sleep: async () => {} });
  return { store, reference, adjudicate, table, doc };
}

/** The stored §9 view: every member's outcome and every adjustment, in replay's order. */
async function storedView(s: Setup, claims: Parameters<typeof partitionOf>[0][]) {
  const partitions = [...new Set(claims.map((c) => partitionOf(c).partition))];
  const outcomes = new Map<string, unknown>();
  const adjustments: { claimId: string; amount: string; triggeredBy: string; at: string }[] = [];
  for (const p of partitions) {
    for (const m of (await s.store.load(p)).members) {
      outcomes.set(m.claimId, { ...m.outcome });
      for (const a of m.adjustments) adjustments.push({ claimId: m.claimId, amount: a.amount, triggeredBy: a.triggeredBy, at: a.postedAt });
    }
  }
  return { outcomes, adjustments };
}

describe('adjudicator on DynamoDB Local', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await freshSystem();
  });

  it.each(['nursing-home-month.json', 'referral-chain.json'])('stores for %s exactly what ltc replay decides', async (file) => {
    // Prepare
    const scenario = read(file);
    const expected = replay(scenario).output;
    // Act
    for (const claim of scenario.claims) await s.adjudicate(claim);
    // Assess
    const { outcomes, adjustments } = await storedView(s, scenario.claims);
    for (const entry of expected.claims) expect(outcomes.get(entry.claimId as string)).toEqual(entry);
    const byPosting = adjustments.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    expect(byPosting.map(({ claimId, amount, triggeredBy }) => ({ claimId, amount, reason: 'REPROCESSED', triggeredBy }))).toEqual(
      expected.adjustments,
    );
  });

  it('pays a re-delivered claim once and refuses the same claimId with other content', async () => {
    // Prepare
    const claim = read('referral-chain.json').claims[0];
    const before = await s.doc.send(new GetCommand({ TableName: s.table, Key: { pk: 'L#INST-A#2026-07', sk: 'TOTAL' } }));
    // Act
    const again = await s.adjudicate(structuredClone(claim));
    const other = await s.adjudicate({ ...claim, lines: [{ ...claim.lines[0], unitPrice: '1.00' }] });
    // Assess
    expect(again).toEqual({ type: 'redelivery', claimId: claim.claimId });
    expect(other).toEqual({ type: 'conflict', claimId: claim.claimId });
    const after = await s.doc.send(new GetCommand({ TableName: s.table, Key: { pk: 'L#INST-A#2026-07', sk: 'TOTAL' } }));
    expect(after.Item).toEqual(before.Item);
    const refused = await s.doc.send(
      new QueryCommand({
        TableName: s.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': `ID#${claim.claimId}`, ':r': 'REFUSED#' },
      }),
    );
    expect(refused.Items).toHaveLength(1);
  });

  it('keeps the ledger running totals equal to the payable amounts, to the fen', async () => {
    const totals = await s.doc.send(new GetCommand({ TableName: s.table, Key: { pk: 'L#HOSP-2#2026-07', sk: 'TOTAL' } }));
    // HOSP-2 holds MS-A (6290.00) and MS-D (1445.00), both approved and payable.
    expect(String(totals.Item?.payable)).toBe('7735');
  });
});

describe('two adjudicators on one person', () => {
  it('never lose an update: both commit, and the result is the replay of their commit order', async () => {
    // Prepare
    const s = await freshSystem();
    const scenario = read('referral-chain.json');
    // Act: every claim of P010 at once.
    const results = await Promise.all(scenario.claims.map((c: unknown) => s.adjudicate(c)));
    // Assess
    expect(results.every((r) => r.type === 'decided')).toBe(true);
    const state = await s.store.load('person#P010');
    expect(state.version).toBe(scenario.claims.length);
    const order = state.members.map((m) => m.content);
    const expected = replay({ registry, claims: order }).output;
    const { outcomes } = await storedView(s, scenario.claims);
    for (const entry of expected.claims) expect(outcomes.get(entry.claimId as string)).toEqual(entry);
    // Final amounts are order-independent: they also equal the replay in submission order.
    const inOrder = replay(scenario).output;
    expect(new Dec(inOrder.totals.fundAmount).equals(expected.totals.fundAmount)).toBe(true);
  });
});

describe('a decision past DynamoDB’s 100-item transaction limit', () => {
  it('commits through the arrival record and rolls its projections forward in marked chunks', async () => {
    // Prepare: 110 one-day care claims, then one hospital stay covering all 110 days.
    const s = await freshSystem();
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    const care = Array.from({ length: 110 }, (_, i) => ({
      kind: 'care-service',
      claimId: `CS-${String(i).padStart(3, '0')}`,
      institutionId: 'INST-A',
      personId: 'P001',
      submittedAt: '2026-06-01T09:00:00+08:00',
      setting: 'institutional',
      period: { from: day(i), to: day(i) },
      lines: [{ serviceCode: 'LTC-INST-DAY', date: day(i), unitPrice: '80.00' }],
    }));
    const stay = {
      kind: 'medical-settlement',
      claimId: 'MS-LONG',
      institutionId: 'HOSP-2',
      personId: 'P001',
      submittedAt: '2026-06-02T09:00:00+08:00',
      episode: { admittedOn: day(0), dischargedOn: day(110), settlementMode: 'fee-for-service' },
      costs: { total: '90000.00', eligible: '80000.00' },
    };
    for (const c of care) await s.adjudicate(c);
    // Act
    const result = await s.adjudicate(stay);
    // Assess
    expect(result).toMatchObject({ type: 'decided', changed: 110 });
    const state = await s.store.load('person#P001');
    expect(state.pending).toBeUndefined();
    const expected = replay({ registry, claims: [...care, stay] }).output;
    const { outcomes, adjustments } = await storedView(s, [...care, stay] as Parameters<typeof partitionOf>[0][]);
    for (const entry of expected.claims) expect(outcomes.get(entry.claimId as string)).toEqual(entry);
    expect(adjustments).toHaveLength(110);
    const inst = await s.doc.send(new GetCommand({ TableName: s.table, Key: { pk: 'L#INST-A#2026-07', sk: 'TOTAL' } }));
    // 110 × 42.00 posted, then 110 × −42.00 recouped.
    expect(String(inst.Item?.payable)).toBe('0');
    expect(Number(inst.Item?.entries)).toBe(220);
  });
});
