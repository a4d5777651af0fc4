/**
 * What an institution reads of its own claim names no one else (functions/http/redaction.ts): the
 * claim that kept a contested day, the institution that filed it, the episode a referral chain starts
 * with, the claim that triggered an adjustment. Another institution's claim reads as an unknown one.
 */
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { readHandler, TABLE } from './read-handler.ts';
import { memberItems, registry } from './stored.ts';
import { answer, careClaim, context, event, type Json, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const hospital = (institutionId: string, hospitalLevel: 1 | 2 | 3) => ({
  ...registry.institutions[0],
  institutionId,
  institutionType: 'hospital',
  ownership: 'public',
  hospitalLevel,
  totalBeds: 300,
  designations: [{ scheme: 'medical', from: '2020-01-01' }],
});
const reg = {
  persons: registry.persons,
  institutions: [
    registry.institutions[0],
    { ...registry.institutions[0], institutionId: 'INST-B', name: '另一家护理院' },
    hospital('HOSP-1', 1),
    hospital('HOSP-2', 2),
    hospital('HOSP-3', 3),
  ],
} as unknown as typeof registry;

/** Stores one partition of P001 holding `claims` in this arrival order; `extra` is merged into members by claim id. */
function store(claims: Json[], extra: Record<string, Json> = {}) {
  const members = memberItems(claims, reg).map((m) => ({ ...m, ...extra[String(m.claimId)] }));
  for (const m of members) {
    ddb
      .on(GetCommand, { Key: { pk: `ID#${m.claimId}`, sk: 'ID' } })
      .resolves({ Item: { partition: 'person#P001', seq: m.seq, contentKey: m.contentKey } });
    ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: m.sk } }).resolves({ Item: m });
  }
  ddb
    .on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'HEAD' } })
    .resolves({ Item: { version: members.length, nextSeq: members.length + 1 } });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'P#person#P001', ':c': 'C#' } }).resolves({ Items: members });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({ Items: [] });
  ddb.on(BatchGetCommand).callsFake((input) => {
    const keys = input.RequestItems[TABLE].Keys as { pk: string; sk: string }[];
    const docs = keys.flatMap((k) => {
      const found =
        k.pk === 'REG#PERSON' ? reg.persons.find((p) => p.personId === k.sk) : reg.institutions.find((i) => i.institutionId === k.sk);
      return found ? [{ ...k, doc: JSON.stringify(found) }] : [];
    });
    return { Responses: { [TABLE]: docs } };
  });
}

const read = async (claimId: string, claims: Json) =>
  answer(await readHandler()(event('get-claim', { pathParameters: { id: claimId }, claims }) as never, context));

beforeEach(() => ddb.reset());

describe('an institution reading its own claim', () => {
  // INST-A filed March first; INST-B's claim for the same days lost every one of them.
  const first = { ...careClaim('CS-A-1'), submittedAt: '2026-04-02T09:00:00+08:00' };
  const lost = { ...careClaim('CS-B-1', 'INST-B'), submittedAt: '2026-04-03T09:00:00+08:00' };
  const adjusted = {
    'CS-B-1': {
      adjustments: [{ amount: '-1302.00', reason: 'REPROCESSED', triggeredBy: 'CS-A-1', postedAt: '2026-04-03T10:00:00.000+08:00' }],
    },
  };

  it('learns that another claim kept its days, not which claim or whose', async () => {
    // Prepare
    store([lost, first], adjusted);
    // Act
    const res = await read('CS-B-1', users.institution('INST-B'));
    // Assess
    expect(res.status).toBe(200);
    const items = (res.body.explanation as { items: Json[] }).items;
    expect(items[0]).toMatchObject({ date: '2026-03-01', keptBy: 'ANOTHER_CLAIM', paid: '0.00' });
    expect(res.body.adjustments).toEqual([expect.objectContaining({ amount: '-1302.00', triggeredBy: 'ANOTHER_CLAIM' })]);
    expect(JSON.stringify(res.body)).not.toMatch(/CS-A-1|INST-A/);
  });

  it('reads as the bureau does only what it may: the bureau sees the claim that kept the day', async () => {
    store([lost, first], adjusted);
    const res = await read('CS-B-1', users.bureau);
    expect((res.body.explanation as { items: Json[] }).items[0]).toMatchObject({ keptBy: 'CS-A-1' });
    expect(res.body.adjustments).toEqual([expect.objectContaining({ triggeredBy: 'CS-A-1' })]);
  });

  it('gets 404 CLAIM_NOT_FOUND for another institution’s claim, the same answer as for an id no one used', async () => {
    store([lost, first]);
    const other = await read('CS-A-1', users.institution('INST-B'));
    ddb.on(GetCommand, { Key: { pk: 'ID#CS-NONE', sk: 'ID' } }).resolves({});
    const none = await read('CS-NONE', users.institution('INST-B'));
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body).replaceAll('CS-A-1', 'X')).toBe(JSON.stringify(none.body).replaceAll('CS-NONE', 'X'));
  });

  it('sees of a referral chain the episode it was referred from, not where the chain began', async () => {
    // Prepare: HOSP-1 → HOSP-2 → HOSP-3, each referred from the one before.
    const episode = (claimId: string, institutionId: string, admittedOn: string, dischargedOn: string, referredFrom?: string) => ({
      kind: 'medical-settlement',
      claimId,
      institutionId,
      personId: 'P001',
      submittedAt: '2026-03-25T10:00:00+08:00',
      episode: { admittedOn, dischargedOn, settlementMode: 'fee-for-service', ...(referredFrom ? { referredFrom } : {}) },
      costs: { total: '5000.00', eligible: '4000.00' },
    });
    store([
      episode('MS-1', 'HOSP-1', '2026-03-01', '2026-03-05'),
      episode('MS-2', 'HOSP-2', '2026-03-06', '2026-03-10', 'MS-1'),
      episode('MS-3', 'HOSP-3', '2026-03-11', '2026-03-15', 'MS-2'),
    ]);
    // Act
    const res = await read('MS-3', users.institution('HOSP-3'));
    // Assess: the deductible paid earlier in the chain stays; it decides this hospital's own bill.
    const facts = (res.body.explanation as { facts: Json }).facts;
    expect(facts.referralChain).toEqual({ referredFrom: 'MS-2', linkedTo: 'MS-2', chainStartsWith: 'ANOTHER_CLAIM' });
    expect(facts.deductiblePaidEarlierInChain).toBe('600.00');
    expect(JSON.stringify(res.body)).not.toMatch(/MS-1|HOSP-1|HOSP-2/);
  });
});
