import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DashboardSchema } from '../../functions/http/responses.ts';
import { readHandler, TABLE } from './read-handler.ts';
import { memberItems, registry } from './stored.ts';
import { answer, careClaim, constructionClaim, context, event, type Json, reviewedSizeClaim, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);

const build = () => readHandler();
const dashboard = async (claims: Json = users.bureau, query: Record<string, string> = { month: '2026-04' }) =>
  answer(await build()(event('list-claims', { routeKey: 'GET /dashboard', claims, query }) as never, context));

const INST_B = { ...(registry.institutions[0] as Json), institutionId: 'INST-B', name: '松鹤护理院' };

/** INST-A submitted CS-1 (approved) and CS-9 (waiting for review) in April; INST-B nothing. */
function storeCity() {
  const [approved, waiting] = memberItems([careClaim('CS-1'), reviewedSizeClaim('CS-9')]) as [Json, Json];
  const [construction] = memberItems([constructionClaim('SUB-1')]) as [Json];
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REG#INST' } }).resolves({
    Items: [registry.institutions[0] as Json, INST_B].map((i) => ({ pk: 'REG#INST', sk: i.institutionId, doc: JSON.stringify(i) })),
  });
  ddb
    .on(QueryCommand, { IndexName: 'gsi1', ExpressionAttributeValues: { ':pk': 'I#INST-A#2026-04' } })
    .resolves({ Items: [approved, waiting] });
  ddb.on(QueryCommand, { IndexName: 'gsi1', ExpressionAttributeValues: { ':pk': 'I#INST-B#2026-04' } }).resolves({ Items: [] });
  ddb.on(QueryCommand, { IndexName: 'gsi2' }).resolves({ Items: [waiting] });
  ddb.on(GetCommand, { Key: { pk: 'P#construction', sk: 'HEAD' } }).resolves({ Item: { version: 1, nextSeq: 2 } });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'P#construction', ':c': 'C#' } }).resolves({ Items: [construction] });
  ddb.on(BatchGetCommand).callsFake((input) => {
    const keys = input.RequestItems[TABLE].Keys as { pk: string; sk: string }[];
    const found = keys.filter((k) => k.sk === 'TOTAL' && (k.pk === 'L#INST-A#2026-04' || k.pk === 'L#INST-A#2026-03'));
    return {
      Responses: {
        [TABLE]: found.map((k) => ({ ...k, payable: k.pk.endsWith('04') ? '1302.00' : '-12.50', entries: k.pk.endsWith('04') ? 1 : 2 })),
      },
    };
  });
  return { approved, waiting, construction };
}

beforeEach(() => ddb.reset());

describe('GET /dashboard', () => {
  it('counts the month’s claims by the status a user sees and sums payable by kind and institution', async () => {
    storeCity();
    const res = await dashboard();
    expect(res.status).toBe(200);
    const d = DashboardSchema.parse(res.body);
    expect(d).toMatchObject({
      month: '2026-04',
      today: '2026-04-10',
      institutions: 2,
      claimsByStatus: { approved: 1, 'needs-review': 1 },
      fundByKind: { 'care-service': '1302.00' },
    });
    expect(d.fundByInstitution).toEqual([
      { institutionId: 'INST-A', name: '夕阳红养老服务中心', claims: 2, payable: '1302.00' },
      { institutionId: 'INST-B', name: '松鹤护理院', claims: 0, payable: '0.00' },
    ]);
  });

  it('gives the twelve accounting months up to the month from the running totals, exactly', async () => {
    storeCity();
    const d = DashboardSchema.parse((await dashboard()).body);
    expect(d.fundByMonth.map((m) => m.month)).toEqual([
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    expect(d.fundByMonth.slice(-2)).toEqual([
      { month: '2026-03', payable: '-12.50', entries: 2 },
      { month: '2026-04', payable: '1302.00', entries: 1 },
    ]);
  });

  it('shows the review backlog and the construction budget left for the year', async () => {
    const { waiting, construction } = storeCity();
    const d = DashboardSchema.parse((await dashboard()).body);
    expect(d.reviewBacklog).toEqual({
      claims: 1,
      fundAmount: (waiting.outcome as Json).fundAmount,
      oldestSubmittedAt: '2026-04-02T09:00:00+08:00',
    });
    const funded = String((construction.outcome as Json).fundAmount);
    expect(funded).toBe('26000.00');
    expect(d.constructionBudget).toEqual({ year: 2026, budget: '7000000.00', funded, remaining: '6974000.00', deferred: '0.00' });
  });

  it('counts a construction claim of another budget year against that year only', async () => {
    storeCity();
    const d = DashboardSchema.parse((await dashboard(users.finance, { month: '2025-12' })).body);
    expect(d.constructionBudget).toMatchObject({ year: 2025, funded: '0.00', remaining: '7000000.00' });
  });

  it('defaults to the current month in Asia/Shanghai', async () => {
    storeCity();
    expect((await dashboard(users.bureau, {})).body.month).toBe('2026-04');
  });

  it('refuses an institution', async () => {
    const res = await dashboard(users.institution('INST-A'));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(ddb.calls()).toHaveLength(0);
  });
});
