import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  NumberValue,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { financeStores, makeHandler } from '../../functions/finance/handler.ts';
import { EntriesPageSchema, StatementSchema } from '../../functions/http/responses.ts';
import { context, event, type Json, quiet, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const NOW = new Date('2026-04-20T10:00:00Z');
const HEADER = 'paymentId,institutionId,month,amount,paidOn';

function build() {
  return makeHandler({
    ...financeStores(new DynamoDBClient({ region: 'cn-north-1' }), new S3Client({ region: 'cn-north-1' }), 'Claims', 'documents'),
    now: () => NOW,
    ...quiet(),
  });
}
async function call(changes: Parameters<typeof event>[1] = {}) {
  const r = (await build()(event('finance', changes) as never, context)) as { statusCode: number; body: string; headers: Json };
  const text = r.body;
  return { status: r.statusCode, text, headers: r.headers, body: text.startsWith('{') ? (JSON.parse(text) as Json) : {} };
}
const upload = (csv: string, claims: Json = users.finance) => call({ rawBody: csv, claims });
const route = (routeKey: string, pathParameters: Record<string, string>, claims: Json = users.finance, query?: Record<string, string>) =>
  call({ routeKey, pathParameters, claims, rawBody: '', headers: { 'content-type': 'application/json' }, ...(query ? { query } : {}) });

/** The registry knows these institutions; no payment id is taken. */
function registry(ids = ['INST-A', 'INST-B', 'INST-C']) {
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REG#INST' } }).resolves({ Items: ids.map((sk) => ({ sk })) });
  ddb.on(BatchGetCommand).resolves({ Responses: { Claims: [] } });
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'IMPORTS', ':p': 'PENDING#' } }).resolves({ Items: [] });
}
const transactions = () => ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems ?? []);
const s3Keys = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);

beforeEach(() => {
  ddb.reset();
  s3.reset();
});

describe('roles', () => {
  it.each([
    ['an institution', users.institution('INST-A')],
    ['the bureau', users.bureau],
  ])('refuses %s a month close and an import with 403 ROLE_REQUIRED', async (_, claims) => {
    const close = await route('POST /months/{month}/close', { month: '2026-03' }, claims);
    const imported = await upload(`${HEADER}\npay-1,INST-A,2026-03,1.00,2026-04-15\n`, claims);
    for (const res of [close, imported]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'ROLE_REQUIRED', details: { required: ['finance'] } });
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it('lets the bureau read the statement', async () => {
    registry();
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CTRL#2026-03' } }).resolves({ Items: [] });
    const bureau = await route('GET /statements/{month}', { month: '2026-03' }, users.bureau);
    expect(bureau.status).toBe(200);
  });
});

describe('POST /months/{month}/close', () => {
  it('closes the month at the finance clock in China Standard Time, only if it is not closed yet', async () => {
    ddb.on(PutCommand).resolves({});
    const res = await route('POST /months/{month}/close', { month: '2026-03' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ month: '2026-03', closed: true, at: '2026-04-20T18:00:00.000+08:00', closedBy: 'cashier-1' });
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      Item: { pk: 'CLOSE', sk: 'M#2026-03', month: '2026-03', at: '2026-04-20T18:00:00.000+08:00' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('refuses a second close with 409 MONTH_ALREADY_CLOSED', async () => {
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: { month: '2026-03', at: '2026-04-01T09:00:00.000+08:00' } });
    const res = await route('POST /months/{month}/close', { month: '2026-03' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'MONTH_ALREADY_CLOSED', details: { closedAt: '2026-04-01T09:00:00.000+08:00' } });
  });

  it.each([
    ['the current month', '2026-04'],
    ['a month still to come', '2026-07'],
  ])('refuses to close %s with 409 MONTH_NOT_ENDED, and closes nothing', async (_, month) => {
    const res = await route('POST /months/{month}/close', { month });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'MONTH_NOT_ENDED',
      messageZh: `${month} 尚未结束（北京时间今天是 2026-04-20），次月 1 日起方可结账`,
      details: { month, today: '2026-04-20' },
    });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('refuses a malformed month with 400', async () => {
    const res = await route('POST /months/{month}/close', { month: '2026-13' });
    expect(res.status).toBe(400);
  });
});

describe('POST /disbursements', () => {
  it('rejects the whole file, naming every bad CSV line (the header is line 1), and applies nothing', async () => {
    registry();
    const csv = [
      HEADER,
      'pay-1,INST-A,2026-03,1302.00,2026-04-15',
      'pay-2,INST-X,2026-03,10.00,2026-04-15',
      '',
      'pay-3,INST-B,2026-3,-5,2026-04-31',
      'pay-1,INST-B,2026-03,1.00,2026-04-15',
      'pay-4,INST-B,2026-03',
    ].join('\r\n');
    const res = await upload(csv);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'DISBURSEMENTS_REJECTED' });
    const errors = (res.body.error as { details: { errors: { line: number; paymentId: string; message: string }[] } }).details.errors;
    expect(errors.map((e) => [e.line, e.paymentId])).toEqual([
      [3, 'pay-2'],
      [5, 'pay-3'],
      [6, 'pay-1'],
      [7, 'pay-4'],
    ]);
    expect(errors[0]?.message).toMatch(/unknown institution INST-X/);
    expect(errors[1]?.message).toMatch(/month.*amount.*paidOn/);
    expect(errors[2]?.message).toMatch(/pay-1 is used by an earlier row/);
    expect(errors[3]?.message).toMatch(/3 field\(s\)/);
    expect(transactions()).toHaveLength(0);
    expect(s3Keys()).toEqual([]);
  });

  it('rejects a 40-digit amount and a 3,000-character payment id before anything is committed, naming line and field', async () => {
    // Prepare: before, the import committed and then could never apply (a DynamoDB Number has 38 digits).
    registry();
    const csv = [HEADER, `pay-1,INST-A,2026-03,${'9'.repeat(40)}.00,2026-04-15`, `${'p'.repeat(3000)},INST-A,2026-03,1.00,2026-04-15`].join(
      '\n',
    );
    // Act
    const res = await upload(csv);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'DISBURSEMENTS_REJECTED', messageZh: '文件被拒绝：2 行有误，未入账任何支付' });
    const errors = (res.body.error as { details: { errors: Json[] } }).details.errors;
    expect(errors).toEqual([
      { line: 2, row: 1, paymentId: 'pay-1', message: 'amount: must have at most 12 digits before the decimal point (got 40)' },
      {
        line: 3,
        row: 2,
        paymentId: 'p'.repeat(3000),
        message: 'paymentId: must be 1–64 printable ASCII characters without spaces (got 3000 characters)',
      },
    ]);
    const looked = ddb
      .commandCalls(BatchGetCommand)
      .flatMap((c) => Object.values(c.args[0].input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []));
    expect(looked.map((k) => String(k.pk).length).every((n) => n < 100)).toBe(true);
    expect(transactions()).toHaveLength(0);
    expect(s3Keys()).toEqual([]);
  });

  it('refuses a text/csv body over 1 MiB with 413 PAYLOAD_TOO_LARGE, as the JSON path does', async () => {
    registry();
    const res = await upload(`${HEADER}\n${'pay-x,INST-A,2026-03,1.00,2026-04-15\n'.repeat(30_000)}`);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1_048_576 } });
    expect(transactions()).toHaveLength(0);
  });

  it('rejects a payment id imported by an earlier file', async () => {
    registry();
    ddb
      .on(BatchGetCommand)
      .resolves({ Responses: { Claims: [{ pk: 'PAY#pay-1', sk: 'PAY', paymentId: 'pay-1', importId: 'earlier', status: 'applied' }] } });
    const res = await upload(`${HEADER}\npay-1,INST-A,2026-03,1302.00,2026-04-15\npay-2,INST-A,2026-03,1.00,2026-04-15\n`);
    expect(res.status).toBe(400);
    const errors = (res.body.error as { details: { errors: Json[] } }).details.errors;
    expect(errors).toEqual([{ line: 2, row: 1, paymentId: 'pay-1', message: 'paymentId: pay-1 was already imported (import earlier)' }]);
    expect(transactions()).toHaveLength(0);
  });

  it('applies a small file (BOM, CRLF) in one transaction: the payments, their PAID totals and the import record', async () => {
    registry();
    ddb.on(TransactWriteCommand).resolves({});
    const csv = `\uFEFF${HEADER}\r\npay-1,INST-A,2026-03,1302.00,2026-04-15\r\npay-2,INST-A,2026-03,0.50,2026-04-16\r\npay-3,INST-B,2026-03,"7",2026-04-16\r\n`;
    const res = await upload(csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ payments: 3, total: '1309.50', resumed: false });
    const [items] = transactions();
    expect(items?.map((i) => i.Put?.Item?.pk ?? i.Update?.Key?.pk)).toEqual([
      `IMPORT#${res.body.importId}`,
      'PAY#pay-1',
      'PAY#pay-2',
      'PAY#pay-3',
      'L#INST-A#2026-03',
      'L#INST-B#2026-03',
    ]);
    expect(items?.[1]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: { amount: '1302.00', status: 'applied' },
    });
    expect(items?.[4]?.Update?.ExpressionAttributeValues?.[':a']).toEqual(NumberValue.from('1302.50'));
    expect(s3Keys()).toEqual([`imports/${res.body.importId}.csv`]);
  });

  it('takes a JSON body { csv } as well', async () => {
    registry();
    ddb.on(TransactWriteCommand).resolves({});
    const res = await call({
      headers: { 'content-type': 'application/json' },
      body: { csv: `${HEADER}\npay-1,INST-A,2026-03,1.00,2026-04-15\n` },
    });
    expect(res.status).toBe(201);
  });

  it('applies a file of 150 payments by reserving every id, committing, then applying chunks once each', async () => {
    registry();
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(GetCommand, { Key: { pk: expect.stringMatching(/^IMPORT#/) as never, sk: 'IMPORT' } }).resolvesOnce({});
    const rows = Array.from({ length: 150 }, (_, i) => `pay-${i},INST-${'ABC'[i % 3]},2026-03,1.00,2026-04-15`);
    const importRecord = (items: readonly Json[]) => items.find((i) => (i as { Put?: { Item?: Json } }).Put?.Item?.sk === 'IMPORT');
    // The roll-forward reads back the committed record.
    ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: Json[] }) => {
      const record = importRecord(input.TransactItems) as { Put: { Item: Json } } | undefined;
      if (record) ddb.on(GetCommand, { Key: { pk: record.Put.Item.pk, sk: 'IMPORT' } }).resolves({ Item: record.Put.Item });
      return {};
    });
    const res = await upload([HEADER, ...rows].join('\n'));
    expect(res.status).toBe(201);
    const sent = transactions();
    const reservations = sent.filter((t) => t.every((i) => i.Put?.Item?.status === 'reserved'));
    expect(reservations.map((t) => t.length)).toEqual([100, 50]);
    const commits = sent.filter((t) => t.some((i) => i.Put?.Item?.sk === 'IMPORT'));
    expect(commits).toHaveLength(1);
    expect(commits[0]?.[0]?.Put?.Item).toMatchObject({ status: 'committed', count: 150 });
    const applies = sent.filter((t) => t.some((i) => String(i.Put?.Item?.sk).startsWith('CHUNK#')));
    expect(applies.map((t) => t.filter((i) => i.Update?.Key?.sk === 'PAY').length)).toEqual([94, 56]);
    expect(applies.every((t) => t.length <= 100)).toBe(true);
    // The last chunk marks the import applied and clears its pending marker.
    expect(applies[1]?.some((i) => i.Delete?.Key?.sk === `PENDING#${res.body.importId}`)).toBe(true);
  });
});

describe('GET /statements/{month}', () => {
  /** Running totals as DynamoDB returns them (Numbers wrapped, as the finance client reads them). */
  function totals() {
    registry(['INST-A', 'INST-B', 'INST-C', 'INST-D', 'INST-E', 'INST-F', 'INST-G', 'INST-H']);
    const total = (id: string, payable: string, entries: number, prior = '0') => ({
      pk: `L#${id}#2026-03`,
      sk: 'TOTAL',
      payable: NumberValue.from(payable),
      entries,
      priorPeriod: NumberValue.from(prior),
    });
    const paid = (id: string, amount: string) => ({ pk: `L#${id}#2026-03`, sk: 'PAID', paid: NumberValue.from(amount), payments: 1 });
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        Claims: [
          total('INST-A', '1302', 1),
          paid('INST-A', '1302.00'),
          total('INST-B', '1302', 2, '-126'),
          paid('INST-B', '1000'),
          total('INST-C', '100', 1),
          paid('INST-C', '150.5'),
          paid('INST-D', '20'),
          total('INST-E', '42', 1),
          total('INST-F', '-126', 1, '-126'),
          total('INST-G', '0', 2),
        ],
      },
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CTRL#2026-03' } }).resolves({
      Items: [
        { institutionId: 'INST-A', received: 3, decided: 2 },
        { institutionId: 'INST-B', received: 1, decided: 1 },
      ],
    });
  }

  it('gives each institution its line status by the §10 rules, totals that add up, and the control counters', async () => {
    totals();
    const res = await route('GET /statements/{month}', { month: '2026-03' });
    expect(res.status).toBe(200);
    expect(
      (res.body.lines as Json[]).map((l) => [l.institutionId, l.payable, l.paid, l.difference, l.status, l.entries, l.priorPeriod]),
    ).toEqual([
      ['INST-A', '1302.00', '1302.00', '0.00', 'balanced', 1, '0.00'],
      ['INST-B', '1302.00', '1000.00', '-302.00', 'underpaid', 2, '-126.00'],
      ['INST-C', '100.00', '150.50', '50.50', 'overpaid', 1, '0.00'],
      ['INST-D', '0.00', '20.00', '20.00', 'unexpected-payment', 0, '0.00'],
      ['INST-E', '42.00', '0.00', '-42.00', 'unpaid', 1, '0.00'],
      ['INST-F', '-126.00', '0.00', '126.00', 'recoupment-due', 1, '-126.00'],
      ['INST-G', '0.00', '0.00', '0.00', 'nil', 2, '0.00'],
    ]);
    expect(res.body).toMatchObject({
      month: '2026-03',
      closed: false,
      totals: { payable: '2620.00', paid: '2472.50', difference: '-147.50' },
      control: { claimsReceived: 4, claimsDecided: 3, entries: 8 },
    });
  });

  it('answers ?format=csv with a UTF-8 BOM and Chinese headers, and keeps the file in the bucket', async () => {
    totals();
    const res = await route('GET /statements/{month}', { month: '2026-03' }, users.finance, { format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.startsWith('\uFEFF机构编码,应付金额,已付金额')).toBe(true);
    expect(res.text).toContain('\r\nINST-B,1302.00,1000.00,-302.00,underpaid,少付,2,-126.00\r\n');
    expect(res.text).toContain('\r\n合计,2620.00,2472.50,-147.50,,,8,\r\n');
    expect(s3Keys()).toEqual(['statements/2026-03.csv']);
  });

  it('gives an institution its own line only, with its own totals and counters, and refuses another’s', async () => {
    totals();
    const own = await route('GET /statements/{month}', { month: '2026-03' }, users.institution('INST-B'));
    expect(own.status).toBe(200);
    expect(StatementSchema.parse(own.body)).toMatchObject({
      lines: [{ institutionId: 'INST-B', payable: '1302.00', paid: '1000.00', status: 'underpaid' }],
      totals: { payable: '1302.00', paid: '1000.00', difference: '-302.00' },
      control: { claimsReceived: 1, claimsDecided: 1, entries: 2 },
    });
    expect((own.body.lines as Json[]).map((l) => l.institutionId)).toEqual(['INST-B']);
    const other = await route('GET /statements/{month}', { month: '2026-03' }, users.institution('INST-B'), { institution: 'INST-A' });
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'FORBIDDEN_INSTITUTION' });
  });

  it('does not keep an institution’s CSV extract in the bucket', async () => {
    totals();
    const res = await route('GET /statements/{month}', { month: '2026-03' }, users.institution('INST-A'), { format: 'csv' });
    expect(res.text).toContain('\r\nINST-A,1302.00,1302.00,0.00,balanced,已结清,1,0.00\r\n');
    expect(res.text).not.toContain('INST-B');
    expect(s3Keys()).toEqual([]);
  });
});

describe('GET /statements/{month}/entries', () => {
  it('pages through one institution-month of ledger entries', async () => {
    const last = { pk: 'L#INST-A#2026-03', sk: 'E#2026-03-05T10:00:00.000+08:00#x' };
    ddb.on(QueryCommand).resolves({
      Items: [{ institutionId: 'INST-A', claimId: 'CS-1', kind: 'care-service', amount: '1302.00', priorPeriod: false }],
      LastEvaluatedKey: last,
    });
    const res = await route('GET /statements/{month}/entries', { month: '2026-03' }, users.bureau, { institution: 'INST-A', limit: '1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ institutionId: 'INST-A', entries: [{ claimId: 'CS-1', amount: '1302.00' }] });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': 'L#INST-A#2026-03', ':e': 'E#' },
      Limit: 1,
    });
    const forged = await route('GET /statements/{month}/entries', { month: '2026-03' }, users.bureau, {
      institution: 'INST-B',
      nextToken: String(res.body.nextToken),
    });
    expect(forged.status).toBe(400);
  });

  it('lets an institution page through its own entries, without naming another institution’s claims', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [
        { institutionId: 'INST-A', claimId: 'CS-1', kind: 'care-service', amount: '1302.00', priorPeriod: false, triggeredBy: 'CS-1' },
        { institutionId: 'INST-A', claimId: 'CS-1', kind: 'care-service', amount: '-42.00', priorPeriod: false, triggeredBy: 'B-CS-7' },
      ],
    });
    const own = await route('GET /statements/{month}/entries', { month: '2026-03' }, users.institution('INST-A'), {
      institution: 'INST-A',
    });
    expect(EntriesPageSchema.parse(own.body).entries.map((e) => [e.amount, e.triggeredBy])).toEqual([
      ['1302.00', 'CS-1'],
      ['-42.00', null],
    ]);
    const bureau = await route('GET /statements/{month}/entries', { month: '2026-03' }, users.bureau, { institution: 'INST-A' });
    expect((bureau.body.entries as Json[])[1]).toMatchObject({ triggeredBy: 'B-CS-7' });
    const other = await route('GET /statements/{month}/entries', { month: '2026-03' }, users.institution('INST-B'), {
      institution: 'INST-A',
    });
    expect(other.status).toBe(403);
  });
});

describe('the schedule', () => {
  it('drafts the month that just ended in Shanghai into statements/drafts/', async () => {
    registry();
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CTRL#2026-03' } }).resolves({ Items: [] });
    const r = await build()({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: '2026-03-31T17:00:00Z' } as never, context);
    expect(r).toEqual({ month: '2026-03', objectKey: 'statements/drafts/2026-03.csv' });
    expect(s3Keys()).toEqual(['statements/drafts/2026-03.csv']);
  });
});
