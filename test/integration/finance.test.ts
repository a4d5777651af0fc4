/**
 * Month end through the local stack's HTTP API: claims adjudicated, a bank file imported (BOM, CRLF,
 * text/csv), the statement read (JSON and the Excel CSV), the month closed once it has ended (not
 * before), a late claim's recoupment landing in the next month, a second close refused. Closing a month is global and
 * final, so this file runs its own local stack on a clock it moves (the shared stack of the other
 * integration tests keeps the real clock and open months). The last test replays the same arrivals
 * through the pure §10 statement and expects the same statements.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ClaimDetail } from '../../cli/api-client.ts';
import { statement } from '../../domain/statement.ts';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.ts';
import { issueToken } from '../../infra/local/tokens.ts';

const root = process.cwd();
const run = randomUUID().slice(0, 8);
const id = (s: string) => `${s}-${run}`;
const [PERSON, HOME, HOSP, OTHER] = [id('FIN-P'), id('FIN-HOME'), id('FIN-HOSP'), id('FIN-OTHER')];
/** March can be closed once it has ended in Shanghai: half past midnight on 1 April. */
const CLOSE_AT = '2026-04-01T00:30:00+08:00';

let clock = new Date('2026-03-01T00:00:00+08:00');
let stack: LocalStack;
const client = async (role: 'bureau' | 'finance' | 'institution', institutionId?: string) =>
  new ApiClient(stack.apiUrl, await issueToken(root, { role, ...(institutionId ? { institutionId } : {}) }));

const person = {
  personId: PERSON,
  insuredType: 'employee',
  enrolledOn: '2024-01-01',
  assessments: [{ grade: 4, assessedOn: '2025-06-10' }],
  reason: '集成测试',
};
const institution = (institutionId: string, extra: Record<string, unknown> = {}) => ({
  institutionId,
  institutionType: 'elderly-care',
  ownership: 'private',
  totalBeds: 120,
  nursingBeds: 80,
  medicalFacility: 'internal',
  registeredOn: '2020-05-01',
  designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
  reason: '集成测试',
  ...extra,
});
const institutions = [
  institution(HOME),
  institution(OTHER),
  institution(HOSP, {
    institutionType: 'hospital',
    ownership: 'public',
    hospitalLevel: 2,
    totalBeds: 400,
    nursingBeds: 60,
    registeredOn: '2000-01-01',
    designations: [{ scheme: 'medical', from: '2018-01-01' }],
  }),
];
const care = (claimId: string, from: string, to: string, submittedAt: string) => ({
  kind: 'care-service',
  claimId,
  institutionId: HOME,
  personId: PERSON,
  submittedAt,
  setting: 'institutional',
  period: { from, to },
  lines: [{ serviceCode: 'LTC-INST-DAY', from, to, unitPrice: '80.00' }],
});
const medical = (claimId: string, admittedOn: string, dischargedOn: string, submittedAt: string) => ({
  kind: 'medical-settlement',
  claimId,
  institutionId: HOSP,
  personId: PERSON,
  submittedAt,
  episode: { admittedOn, dischargedOn, settlementMode: 'fee-for-service' },
  costs: { total: '5000.00', eligible: '4000.00' },
});

const arrivals: Record<string, unknown>[] = [];
/** Submits a claim with the stack's clock at its submittedAt, and waits for its decision. */
async function arrive(claim: Record<string, unknown> & { claimId: string; institutionId: string; submittedAt: string }) {
  clock = new Date(claim.submittedAt);
  arrivals.push(claim);
  const institutionClient = await client('institution', claim.institutionId);
  await institutionClient.call('POST', '/claims', claim);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await institutionClient.request<ClaimDetail>('GET', `/claims/${encodeURIComponent(claim.claimId)}`);
    if (r.status === 200) return r.body;
    if (Date.now() > deadline) throw new Error(`${claim.claimId} not decided`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const disbursementCsv = [
  'paymentId,institutionId,month,amount,paidOn',
  `${id('PAY-1')},${HOME},2026-03,1176.00,2026-03-25`,
  `${id('PAY-2')},${HOSP},2026-03,100.00,2026-03-26`,
  `${id('PAY-3')},${OTHER},2026-03,50.00,2026-03-26`,
];
const disbursements = disbursementCsv.slice(1).map((line) => {
  const [paymentId, institutionId, month, amount, paidOn] = line.split(',');
  return { paymentId, institutionId, month, amount, paidOn };
});

async function upload(csv: string) {
  const token = await issueToken(root, { role: 'finance' });
  const res = await fetch(`${stack.apiUrl}/disbursements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
    body: Buffer.from(csv, 'utf8'),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; details: { errors: { line: number }[] } } } };
}

type Line = { institutionId: string; payable: string; paid: string; status: string; priorPeriod: string; entries: number };
type Statement = { month: string; closed: boolean; lines: Line[]; totals: Record<string, string>; control: Record<string, number> };

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  stack = await startLocalStack({ root, visibilityTimeoutSeconds: 1, now: () => clock });
  const bureau = await client('bureau');
  await bureau.call('PUT', `/registry/persons/${PERSON}`, person);
  for (const i of institutions) await bureau.call('PUT', `/registry/institutions/${i.institutionId}`, i);
  const agreements = [
    { agreementId: id('SA-HOME'), kind: 'care', institutionId: HOME, from: '2026-01-01' },
    { agreementId: id('ADM-JAN'), kind: 'admission', institutionId: HOSP, from: '2026-01-05', to: '2026-01-08' },
    { agreementId: id('ADM-FEB'), kind: 'admission', institutionId: HOSP, from: '2026-02-10', to: '2026-02-13' },
  ];
  for (const a of agreements)
    await bureau.call('PUT', `/registry/agreements/${a.agreementId}`, { ...a, personId: PERSON, reason: '月结测试' });
});

afterAll(async () => {
  await stack?.stop();
});

describe('month end on the local stack', () => {
  let finance: ApiClient;
  const payables: Record<string, string> = {};

  beforeAll(async () => {
    finance = await client('finance');
  });

  it('reconciles March from the decisions and an imported bank file', async () => {
    // Prepare
    const feb = await arrive(care(id('CS-FEB'), '2026-02-01', '2026-02-28', '2026-03-02T09:00:00+08:00'));
    const jan = await arrive(medical(id('MS-JAN'), '2026-01-05', '2026-01-08', '2026-03-05T10:00:00+08:00'));
    payables[HOME] = feb.payable;
    payables[HOSP] = jan.payable;
    clock = new Date('2026-03-26T10:00:00+08:00');
    // Act: the bank's export as Excel saves it, BOM and CRLF.
    const imported = await upload(`\uFEFF${disbursementCsv.join('\r\n')}\r\n`);
    const march = await finance.call<Statement>('GET', '/statements/2026-03');
    // Assess
    expect(imported.status).toBe(201);
    expect(feb.payable).toBe('1176.00');
    expect(march.closed).toBe(false);
    expect(march.lines.map((l) => [l.institutionId, l.payable, l.paid, l.status])).toEqual(
      [
        [HOME, '1176.00', '1176.00', 'balanced'],
        [HOSP, jan.payable, '100.00', 'underpaid'],
        [OTHER, '0.00', '50.00', 'unexpected-payment'],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    expect(march.totals.payable).toBe((Number(feb.payable) + Number(jan.payable)).toFixed(2));
    expect(march.control).toEqual({ claimsReceived: 2, claimsDecided: 2, entries: 2 });
  });

  it('refuses a file with a broken row or a payment id imported before, and applies none of it', async () => {
    // Act
    const res = await upload(
      [
        'paymentId,institutionId,month,amount,paidOn',
        `${id('PAY-9')},${HOME},2026-03,5.00,2026-03-27`,
        `${id('PAY-1')},${HOME},2026-03,1176.00,2026-03-25`,
        `${id('PAY-10')},${HOME},2026-03,abc,2026-03-27`,
      ].join('\n'),
    );
    const march = await finance.call<Statement>('GET', '/statements/2026-03');
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error?.details.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(march.totals.paid).toBe('1326.00');
  });

  it('serves the statement as an Excel CSV (BOM, Chinese headers) and keeps it in the bucket', async () => {
    // Act
    const token = await issueToken(root, { role: 'bureau' });
    const res = await fetch(`${stack.apiUrl}/statements/2026-03?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const stored = await stack.clients.s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: 'statements/2026-03.csv' }));
    // Assess
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      '机构编码,应付金额,已付金额,差额（已付−应付）,状态,状态说明,分录数,跨期调整金额',
    );
    expect(Buffer.from(await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())).toEqual(bytes);
  });

  it('closes March only once it has ended and only as finance; a late recoupment then lands in April; a second close is 409', async () => {
    // Prepare
    clock = new Date('2026-03-31T18:00:00+08:00');
    const early = await finance.request<{ error: { code: string } }>('POST', '/months/2026-03/close');
    clock = new Date(CLOSE_AT);
    const bureau = await client('bureau');
    const home = await client('institution', HOME);
    // Act
    const refused = await Promise.all([bureau, home].map((c) => c.request('POST', '/months/2026-03/close')));
    const closed = await finance.call<{ at: string }>('POST', '/months/2026-03/close');
    const late = await arrive(medical(id('MS-FEB'), '2026-02-10', '2026-02-13', '2026-04-01T09:00:00+08:00'));
    const again = await finance.request<{ error: { code: string } }>('POST', '/months/2026-03/close');
    const march = await finance.call<Statement>('GET', '/statements/2026-03');
    const april = await finance.call<Statement>('GET', '/statements/2026-04');
    const feb = await home.call<ClaimDetail>('GET', `/claims/${id('CS-FEB')}`);
    // Assess
    expect([early.status, early.body.error.code]).toEqual([409, 'MONTH_NOT_ENDED']);
    expect(refused.map((r) => r.status)).toEqual([403, 403]);
    expect(closed.at).toBe('2026-04-01T00:30:00.000+08:00');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MONTH_ALREADY_CLOSED');
    expect(march.closed).toBe(true);
    expect(march.totals.payable).toBe((Number(payables[HOME]) + Number(payables[HOSP])).toFixed(2));
    const recouped = (Number(feb.payable) - 1176).toFixed(2);
    expect(Number(recouped)).toBeLessThan(0);
    expect(april.lines).toEqual([
      expect.objectContaining({ institutionId: HOME, payable: recouped, priorPeriod: '0.00', status: 'recoupment-due' }),
      expect.objectContaining({ institutionId: HOSP, payable: late.payable, priorPeriod: '0.00', status: 'unpaid' }),
    ]);
  });

  it('pages through the ledger entries behind a line', async () => {
    const first = await finance.call<{ entries: unknown[]; nextToken?: string }>(
      'GET',
      `/statements/2026-04/entries?institution=${HOME}&limit=1`,
    );
    expect(first.entries).toEqual([expect.objectContaining({ claimId: id('CS-FEB'), accountingMonth: '2026-04', priorPeriod: false })]);
  });

  it('drafts the previous month on the 1st at 01:00 in Shanghai (17:00 UTC the day before)', async () => {
    // Act
    const drafted = await stack.runSchedule(new Date('2026-03-31T17:00:00Z'));
    const stored = await stack.clients.s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: 'statements/drafts/2026-03.csv' }));
    // Assess
    expect(drafted).toEqual({ month: '2026-03', objectKey: 'statements/drafts/2026-03.csv' });
    expect(await (stored.Body as { transformToString(): Promise<string> }).transformToString()).toContain(`${HOME},1176.00,1176.00`);
  });

  it('states the same months as the pure §10 statement of the same arrivals, payments and close', async () => {
    // Prepare: the replay's clock is the latest submittedAt, which is what this stack's clock was.
    const scenario = {
      registry: { persons: [person], institutions },
      claims: arrivals,
      disbursements,
      closes: [{ month: '2026-03', at: CLOSE_AT }],
    };
    for (const month of ['2026-03', '2026-04']) {
      // Act
      const deployed = await finance.call<Statement>('GET', `/statements/${month}`);
      const { disbursementErrors, ...replayed } = statement(scenario, month);
      // Assess
      expect(disbursementErrors).toEqual([]);
      expect(deployed).toEqual(replayed);
    }
  });
});
