/**
 * Claim-id reservations against DynamoDB Local: the conditions the submit function relies on, as the
 * real table evaluates them (the handler tests use a fake of exactly these conditions).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClaimIds } from '../../functions/adapters/claim-ids.ts';
import { createClaimsTable, localClients } from './support.ts';

const now = new Date('2026-04-02T01:00:00Z');
const request = (claimId: string, institutionId: string, contentHash: string, submittedAt = '2026-04-02T09:00:00.000+08:00') => ({
  claimId,
  institutionId,
  contentHash,
  submittedAt,
});

describe('claim-id reservations on DynamoDB Local', () => {
  const { client, doc } = localClients();
  let ids: ClaimIds;
  let table: string;

  beforeAll(async () => {
    table = await createClaimsTable(client);
    ids = new ClaimIds(doc, table);
  });

  it('reserves an id for its institution, refuses it to another, and tells a conflict from a re-send', async () => {
    // Act
    const [first] = await ids.reserve([request('CS-1', 'INST-A', 'h1')], 't1', now);
    const [taken] = await ids.reserve([request('CS-1', 'INST-B', 'h1', '2026-04-02T10:00:00.000+08:00')], 't2', now);
    const [conflict] = await ids.reserve([request('CS-1', 'INST-A', 'h2')], 't3', now);
    const [resent] = await ids.reserve([request('CS-1', 'INST-A', 'h1', '2026-04-02T11:00:00.000+08:00')], 't4', now);
    // Assess
    expect(first).toEqual({ state: 'reserved', claimId: 'CS-1', submittedAt: '2026-04-02T09:00:00.000+08:00', created: true });
    expect(taken).toEqual({ state: 'taken', claimId: 'CS-1' });
    expect(conflict).toEqual({ state: 'conflict', claimId: 'CS-1' });
    expect(resent).toEqual({ state: 'reserved', claimId: 'CS-1', submittedAt: '2026-04-02T09:00:00.000+08:00', created: false });
  });

  it('releases only what the releasing request made, keeping the id its institution’s', async () => {
    // Prepare
    await ids.reserve([request('CS-2', 'INST-A', 'h1'), request('CS-3', 'INST-A', 'h1')], 'mine', now);
    await ids.reserve([request('CS-4', 'INST-A', 'h1')], 'theirs', now);
    // Act
    await ids.release(['CS-2', 'CS-4'], 'mine');
    // Assess
    const item = async (id: string) => (await doc.send(new GetCommand({ TableName: table, Key: { pk: `ID#${id}`, sk: 'OWNER' } }))).Item;
    expect(await item('CS-2')).toEqual({ pk: 'ID#CS-2', sk: 'OWNER', institutionId: 'INST-A' });
    expect(await item('CS-4')).toMatchObject({ contentHash: 'h1', reservedBy: 'theirs' });
    const [corrected] = await ids.reserve([request('CS-2', 'INST-A', 'h2')], 'later', now);
    const [other] = await ids.reserve([request('CS-2', 'INST-B', 'h2')], 'b', now);
    expect(corrected).toMatchObject({ state: 'reserved', created: true });
    expect(other).toEqual({ state: 'taken', claimId: 'CS-2' });
  });

  it('gives one of two racing institutions the id, never both', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ids.reserve([request('CS-RACE', `INST-${i % 2}`, 'h')], `t${i}`, now).then((r) => r[0])),
    );
    const owner = (await doc.send(new GetCommand({ TableName: table, Key: { pk: 'ID#CS-RACE', sk: 'OWNER' } }))).Item?.institutionId;
    expect(results.map((r) => r?.state)).toEqual(results.map((_, i) => (`INST-${i % 2}` === owner ? 'reserved' : 'taken')));
  });
});
