import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeToken } from '../../functions/http/http.ts';
import { ClaimDetailSchema, ClaimPageSchema } from '../../functions/http/responses.ts';
import { readHandler, TABLE } from './read-handler.ts';
import { memberItems, registry } from './stored.ts';
import { answer, careClaim, context, event, type Json, reviewedSizeClaim, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);

const build = () => readHandler();
const call = async (name: string, changes: Parameters<typeof event>[1]) => answer(await build()(event(name, changes) as never, context));

/** One stored partition holding CS-1 of INST-A. */
function storePartition() {
  const [member] = memberItems([careClaim('CS-1')]) as [Json];
  ddb
    .on(GetCommand, { Key: { pk: 'ID#CS-1', sk: 'ID' } })
    .resolves({ Item: { partition: 'person#P001', seq: 1, contentKey: member.contentKey } });
  ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'C#0000000001' } }).resolves({ Item: member });
  ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'HEAD' } }).resolves({ Item: { version: 1, nextSeq: 2 } });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'P#person#P001', ':c': 'C#' } }).resolves({ Items: [member] });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({ Items: [] });
  ddb.on(BatchGetCommand).callsFake((input) => {
    const keys = input.RequestItems[TABLE].Keys as { pk: string; sk: string }[];
    const docs = keys.flatMap((k) => {
      const found =
        k.pk === 'REG#PERSON'
          ? registry.persons.find((p) => p.personId === k.sk)
          : registry.institutions.find((i) => i.institutionId === k.sk);
      return found ? [{ ...k, doc: JSON.stringify(found) }] : [];
    });
    return { Responses: { [TABLE]: docs } };
  });
  return member;
}

beforeEach(() => ddb.reset());

describe('GET /claims/{id}', () => {
  it('shows its own claim to an institution with outcome, payable and the rule-by-rule explanation', async () => {
    const member = storePartition();
    const res = await call('get-claim', { claims: users.institution('INST-A') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      claimId: 'CS-1',
      institutionId: 'INST-A',
      status: 'approved',
      outcome: member.outcome as Json,
      payable: '1302.00',
      adjustments: [],
      review: null,
      submittedAt: '2026-04-02T09:00:00+08:00',
    });
    const explanation = res.body.explanation as { claimRules: unknown[]; items: Json[] };
    expect(explanation.items).toHaveLength(31);
    expect(explanation.items[0]).toMatchObject({ date: '2026-03-01' });
  });

  it('explains a decision with the registry and policy versions it was made with, not today’s data', async () => {
    // Prepare: decided with P001 at version 1 (grade 4: cap 60.00); today P001 is grade 5 (version 2).
    const member = storePartition();
    const madeWith = { persons: { P001: 1 }, institutions: { 'INST-A': 0 }, policies: [] };
    ddb
      .on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'C#0000000001' } })
      .resolves({ Item: { ...member, madeWith: JSON.stringify(madeWith) } });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'P#person#P001', ':c': 'C#' } }).resolves({
      Items: [{ ...member, madeWith: JSON.stringify(madeWith) }],
    });
    const p001 = registry.persons.find((p) => p.personId === 'P001') as Json;
    const regraded = { ...p001, assessments: [{ grade: 5, assessedOn: '2025-06-10' }] };
    ddb.on(GetCommand, { Key: { pk: 'REGHIST#PERSON#P001', sk: 'V#0000000001' } }).resolves({
      Item: { document: JSON.stringify(p001), version: 1, recordedBy: 'a', recordedAt: 'b', reason: 'c' },
    });
    ddb.on(GetCommand, { Key: { pk: 'REG#INST', sk: 'INST-A' } }).resolves({
      Item: { doc: JSON.stringify(registry.institutions.find((i) => i.institutionId === 'INST-A')) },
    });
    ddb
      .on(BatchGetCommand)
      .resolves({ Responses: { [TABLE]: [{ pk: 'REG#PERSON', sk: 'P001', doc: JSON.stringify(regraded), version: 2 }] } });
    // Act
    const res = await call('get-claim', { claims: users.bureau });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.madeWith).toEqual({
      persons: [{ personId: 'P001', version: 1 }],
      institutions: [{ institutionId: 'INST-A', version: 0 }],
      policies: [],
    });
    const day = (res.body.explanation as { items: Json[] }).items[0] as Json;
    expect(JSON.stringify(day)).toMatch(/"dailyCap":"60\.00"/);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
  });

  it('answers another institution as if the claim did not exist: 404 CLAIM_NOT_FOUND', async () => {
    storePartition();
    const res = await call('get-claim', {});
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'CLAIM_NOT_FOUND' });
  });

  it.each([
    ['bureau', users.bureau],
    ['finance', users.finance],
  ])('lets %s read any institution’s claim', async (_, claims) => {
    storePartition();
    expect((await call('get-claim', { claims })).status).toBe(200);
  });

  it('answers 404 CLAIM_NOT_FOUND for an unknown id', async () => {
    ddb.on(GetCommand).resolves({});
    const res = await call('get-claim', { pathParameters: { id: 'NOPE' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'CLAIM_NOT_FOUND' });
  });

  it('answers a 3,000-character id with 404 without asking DynamoDB (whose key limit would make it a 500)', async () => {
    const res = await call('get-claim', { pathParameters: { id: 'x'.repeat(3000) } });
    expect(res.status).toBe(404);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /claims', () => {
  it('lists an institution’s month on GSI1 and pages with an opaque token', async () => {
    const items = memberItems([careClaim('CS-1'), careClaim('CS-2')]);
    const last = { pk: 'P#person#P001', sk: 'C#0000000002', gsi1pk: 'I#INST-A#2026-04', gsi1sk: '2026-04-02T09:00:00+08:00#CS-2' };
    ddb.on(QueryCommand).resolvesOnce({ Items: items, LastEvaluatedKey: last }).resolves({ Items: [] });
    const first = await call('list-claims', { query: { institution: 'INST-A', month: '2026-04', limit: '2' } });
    expect(first.status).toBe(200);
    expect((first.body.items as Json[]).map((i) => [i.claimId, i.status])).toEqual([
      ['CS-1', 'approved'],
      ['CS-2', 'rejected'],
    ]);
    expect(first.body.nextToken).toBe(encodeToken(last));
    const second = await call('list-claims', {
      query: { institution: 'INST-A', month: '2026-04', nextToken: String(first.body.nextToken) },
    });
    expect(second.body).toEqual({ items: [] });
    const [q1, q2] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(q1).toMatchObject({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'I#INST-A#2026-04' },
      Limit: 2,
    });
    expect(q1?.ExclusiveStartKey).toBeUndefined();
    expect(q2).toMatchObject({ ExclusiveStartKey: last, Limit: 50 });
  });

  it('lists an institution user’s own claims when no institution is named', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const res = await call('list-claims', { claims: users.institution('INST-A'), query: { month: '2026-04' } });
    expect(res.status).toBe(200);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({ ':pk': 'I#INST-A#2026-04' });
  });

  it('refuses an institution user asking for another institution with 403, never an empty list', async () => {
    const res = await call('list-claims', { claims: users.institution('INST-B'), query: { institution: 'INST-A', month: '2026-04' } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN_INSTITUTION' });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('answers 400 with field errors for missing and invalid parameters', async () => {
    const res = await call('list-claims', { query: { limit: '0', status: 'paid' } });
    expect(res.status).toBe(400);
    const details = (res.body.error as { details: Json[] }).details;
    expect(details.map((d) => [d.path, d.code])).toEqual([
      ['month', 'REQUIRED'],
      ['status', 'INVALID_VALUE'],
      ['limit', 'TOO_SMALL'],
    ]);
    expect(details[0]).toMatchObject({ messageZh: '必填' });
  });

  it('requires a bureau user to name the institution', async () => {
    const res = await call('list-claims', { query: { month: '2026-04' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'institution', code: 'REQUIRED' }] });
  });

  it('refuses a token made for another listing', async () => {
    const forged = encodeToken({ pk: 'x', sk: 'y', gsi1pk: 'I#INST-B#2026-04', gsi1sk: 'z' });
    const res = await call('list-claims', { claims: users.institution('INST-A'), query: { month: '2026-04', nextToken: String(forged) } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'nextToken', code: 'INVALID_NEXT_TOKEN' }] });
    expect((await call('list-claims', { query: { institution: 'INST-A', month: '2026-04', nextToken: '!!' } })).status).toBe(400);
  });

  it('filters by effective status: a claim approved on review lists as approved', async () => {
    const [stored] = memberItems([reviewedSizeClaim('CS-9')]) as [Json];
    expect(stored.status).toBe('needs-review');
    const reviewed = {
      ...stored,
      payable: '12390.00',
      review: { decision: 'approve', adjudicator: '王', reason: 'ok', at: '2026-04-05T10:00:00+08:00' },
    };
    ddb.on(QueryCommand).resolves({ Items: [reviewed] });
    const res = await call('list-claims', { query: { institution: 'INST-A', month: '2026-04', status: 'approved' } });
    expect((res.body.items as Json[]).map((i) => [i.claimId, i.status])).toEqual([['CS-9', 'approved']]);
    const q = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(q?.FilterExpression).toBe('#st = :s OR (#st = :nr AND attribute_exists(review))');
    expect(q?.ExpressionAttributeNames).toEqual({ '#st': 'status' });
  });
});

describe('GET /claims filters', () => {
  it('filters by kind on the listing, together with the status filter', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const res = await call('list-claims', { query: { institution: 'INST-A', month: '2026-04', kind: 'care-service', status: 'deferred' } });
    expect(res.status).toBe(200);
    expect(ClaimPageSchema.parse(res.body)).toEqual({ items: [] });
    const q = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(q).toMatchObject({
      FilterExpression: '(#st = :s) AND (#kind = :kind)',
      ExpressionAttributeNames: { '#st': 'status', '#kind': 'kind' },
      ExpressionAttributeValues: { ':pk': 'I#INST-A#2026-04', ':s': 'deferred', ':kind': 'care-service' },
    });
  });

  it('refuses an unknown kind with a field error', async () => {
    const res = await call('list-claims', { query: { institution: 'INST-A', month: '2026-04', kind: 'dental' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ details: [{ path: 'kind', code: 'INVALID_VALUE' }] });
  });

  it('lists a person’s care and medical claims for the bureau, from their partition, without a month', async () => {
    const items = memberItems([careClaim('CS-1'), careClaim('CS-2')]);
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'P#person#P001', ':c': 'C#' } }).resolves({ Items: items });
    const res = await call('list-claims', { query: { person: 'P001' } });
    expect(res.status).toBe(200);
    expect(ClaimPageSchema.parse(res.body).items.map((i) => i.claimId)).toEqual(['CS-1', 'CS-2']);
    const q = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(q).toMatchObject({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)' });
    expect(q?.IndexName).toBeUndefined();
  });

  it('narrows a person listing by institution and month when asked', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await call('list-claims', { claims: users.finance, query: { person: 'P001', institution: 'INST-A', month: '2026-04' } });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      FilterExpression: '(institutionId = :inst) AND (submittedMonth = :month)',
      ExpressionAttributeValues: { ':inst': 'INST-A', ':month': '2026-04' },
    });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeNames).toBeUndefined();
  });

  it('refuses a person listing to an institution: it would reveal claims of people it may not serve', async () => {
    const res = await call('list-claims', { claims: users.institution('INST-A'), query: { person: 'P001' } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('refuses a person listing token naming another person', async () => {
    const forged = encodeToken({ pk: 'P#person#P002', sk: 'C#0000000001' });
    const res = await call('list-claims', { query: { person: 'P001', nextToken: String(forged) } });
    expect(res.status).toBe(400);
  });

  it('answers a detail that parses as the documented ClaimDetail', async () => {
    storePartition();
    const res = await call('get-claim', { claims: users.bureau });
    expect(ClaimDetailSchema.safeParse(res.body).success).toBe(true);
  });
});
