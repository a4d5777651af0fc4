/**
 * Reference changes re-adjudicate what they touch, on DynamoDB Local + fauxqs through the local
 * stack's HTTP API and queues: a re-assessment (复评), a late assessment covering claimed months, a
 * designation that ends and a backdated policy version each post REPROCESSED adjustments naming the
 * change, only on the claims it moves; after they settle the stored outcomes equal `ltc replay` of
 * the same claims under the final registry and policy, and the first decisions and adjustments add
 * up to the final amounts. Re-sending a change's messages changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../cli/api-client.ts';
import { changes } from '../../cli/changes.ts';
import { ChangeQueue } from '../../functions/adapters/change-queue.ts';
import { issueToken } from '../../infra/local/tokens.ts';
import { type ChangeStack, expectSettledAsReplay, settle, startChangeStack, storedState } from './reference-change-support.ts';

const person = (personId: string, assessments: { grade: number; assessedOn: string }[]) => ({
  personId,
  insuredType: 'employee',
  enrolledOn: '2024-01-01',
  assessments,
});
const institution = (institutionId: string, to?: string) => ({
  institutionId,
  institutionType: 'elderly-care',
  ownership: 'private',
  totalBeds: 120,
  nursingBeds: 80,
  medicalFacility: 'internal',
  registeredOn: '2020-05-01',
  designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01', ...(to ? { to } : {}) }],
});
const careMonth = (claimId: string, personId: string, institutionId: string, from: string, to: string) => ({
  kind: 'care-service',
  claimId,
  institutionId,
  personId,
  submittedAt: '2026-05-02T09:00:00+08:00',
  setting: 'institutional',
  period: { from, to },
  lines: [{ serviceCode: 'LTC-INST-DAY', from, to, unitPrice: '80.00' }],
});

const CLAIMS = [
  careMonth('CA-03', 'RA', 'IX', '2026-03-01', '2026-03-31'),
  careMonth('CA-04', 'RA', 'IX', '2026-04-01', '2026-04-30'),
  careMonth('CB-03', 'RB', 'IY', '2026-03-01', '2026-03-31'),
  careMonth('CC-03', 'RC', 'IX', '2026-03-01', '2026-03-31'),
];

interface Stored {
  readonly changeId: string;
  readonly changed: boolean;
}

describe('reference changes on the local stack', () => {
  let s: ChangeStack;
  const put = async (path: string, body: unknown) => (await s.bureau.call<Stored>('PUT', path, body)).changeId;
  const adjustmentsBy = async (changeId: string) => {
    const { members } = await storedState(s);
    return members.flatMap((m) =>
      m.adjustments.filter((a) => a.triggeredBy === changeId).map((a) => ({ claimId: m.claimId, amount: a.amount, type: a.triggerType })),
    );
  };

  beforeAll(async () => {
    s = await startChangeStack();
    const loaded = [
      await put('/registry/persons/RA', { ...person('RA', [{ grade: 3, assessedOn: '2025-06-01' }]), reason: '参保登记' }),
      await put('/registry/persons/RB', { ...person('RB', [{ grade: 4, assessedOn: '2025-06-01' }]), reason: '参保登记' }),
      await put('/registry/persons/RC', { ...person('RC', []), reason: '参保登记' }),
      await put('/registry/institutions/IX', { ...institution('IX'), reason: '定点协议' }),
      await put('/registry/institutions/IY', { ...institution('IY'), reason: '定点协议' }),
      await put('/policies/city', { effectiveFrom: '1970-01-01', policy: {}, reason: '本市政策' }),
    ];
    for (const id of loaded) await settle(s, id);
    for (const claim of CLAIMS) await s.bureau.call('POST', '/migrations/claims', claim);
    await s.stack.waitForIdle();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('re-decides a re-assessed person’s claims, naming the change as the trigger', async () => {
    // Act: 复评 — grade 5 from 16 March.
    const changeId = await put('/registry/persons/RA', {
      ...person('RA', [
        { grade: 3, assessedOn: '2025-06-01' },
        { grade: 5, assessedOn: '2026-03-16' },
      ]),
      reason: '复评：三级调整为五级',
    });
    const status = await settle(s, changeId);
    // Assess: one partition (the person's; there are no operating subsidies), both months moved up.
    expect(changeId).toBe('person:RA:v2');
    expect(status).toMatchObject({ total: 1, done: 1, state: 'done' });
    const adjusted = await adjustmentsBy(changeId);
    expect(adjusted.map((a) => a.claimId).sort()).toEqual(['CA-03', 'CA-04']);
    for (const a of adjusted) {
      expect(a.type).toBe('reference-change');
      expect(a.amount.startsWith('-')).toBe(false);
    }
    // The decision names the versions it was made with, and is explained with them.
    const detail = await s.bureau.call<{
      madeWith: { persons: unknown[]; institutions: unknown[]; policies: unknown[] };
      explanation: unknown;
    }>('GET', '/claims/CA-03');
    expect(detail.madeWith).toEqual({
      persons: [{ personId: 'RA', version: 2 }],
      institutions: [{ institutionId: 'IX', version: 1 }],
      policies: [{ policyId: 'city', effectiveFrom: '1970-01-01', version: 1 }],
    });
    // 1–15 March under the grade-3 assessment, from the 16th under the re-assessment.
    expect(JSON.stringify(detail.explanation)).toMatch(/"date":"2026-03-16".*?"gradeInForce":5/);
  });

  it('pays the months a late assessment covers', async () => {
    // Prepare: RC's March was rejected, no assessment in force.
    const before = (await storedState(s)).members.find((m) => m.claimId === 'CC-03');
    // Act
    const changeId = await put('/registry/persons/RC', { ...person('RC', [{ grade: 4, assessedOn: '2025-09-01' }]), reason: '补录评估' });
    await settle(s, changeId);
    // Assess
    expect(before?.outcome.fundAmount).toBe('0.00');
    const adjusted = await adjustmentsBy(changeId);
    expect(adjusted).toEqual([{ claimId: 'CC-03', amount: expect.stringMatching(/^[1-9]\d*\.\d\d$/), type: 'reference-change' }]);
  });

  it('recoups the days after a designation ends, in every partition with the institution’s claims', async () => {
    // Act: IY's designation ends on 20 March.
    const changeId = await put('/registry/institutions/IY', { ...institution('IY', '2026-03-20'), reason: '定点协议到期' });
    const lines: string[] = [];
    const token = await issueToken(process.cwd(), { role: 'bureau' });
    const code = await changes(
      process.cwd(),
      ['status', changeId, '--wait', '--interval', '50', '--api', s.stack.apiUrl, '--token', token],
      (l) => lines.push(l),
    );
    const status = await settle(s, changeId);
    // Assess: ltc changes status --wait followed it to the end.
    expect(code).toBe(0);
    expect(lines.at(-2)).toBe('institution:IY:v2: partitions 1/1 (done)');
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ changeId, total: 1, done: 1, state: 'done', reason: '定点协议到期' });
    expect(status.total).toBe(1);
    const adjusted = await adjustmentsBy(changeId);
    expect(adjusted.map((a) => a.claimId)).toEqual(['CB-03']);
    expect(adjusted[0]?.amount).toMatch(/^-/);
  });

  it('re-decides the service days on and after a backdated policy version’s effective date', async () => {
    // Act: daily caps raised from 10 March.
    const changeId = await put('/policies/city', {
      effectiveFrom: '2026-03-10',
      policy: { ltc: { dailyCap: { institutional: { '3': '55.00', '4': '65.00', '5': '75.00' } } } },
      reason: '护理费日限额上调（追溯至 3 月 10 日）',
    });
    const status = await settle(s, changeId);
    // Assess: every person partition has days after 10 March; every claim but CC-… moves up.
    expect(changeId).toBe('policy:city@2026-03-10:v1');
    expect(status.total).toBe(3);
    const adjusted = await adjustmentsBy(changeId);
    expect(adjusted.map((a) => a.claimId).sort()).toEqual(['CA-03', 'CA-04', 'CB-03', 'CC-03']);
    await expectSettledAsReplay(s);
  });

  it('changes nothing when a change’s fan-out and reprocess messages come again', async () => {
    // Prepare
    const before = await storedState(s);
    const queue = new ChangeQueue(s.stack.clients.sqs, {
      claims: s.stack.queues.claims,
      subsidy: s.stack.queues.subsidy,
      changes: s.stack.queues.changes,
    });
    // Act: the policy change's messages again (a retried PUT, a redelivered message).
    await queue.fanOut('policy:city@2026-03-10:v1', 'again');
    await queue.reprocess('policy:city@2026-03-10:v1', ['person#RA', 'person#RB', 'person#RC']);
    await s.stack.waitForIdle();
    const status = await settle(s, 'policy:city@2026-03-10:v1');
    // Assess
    expect(status).toMatchObject({ total: 3, done: 3 });
    expect(await storedState(s)).toEqual(before);
  });

  it('lists the changes by record, by actor and by date, newest first, a page at a time', async () => {
    // Act
    type Page = { items: { changeId: string; recordedBy: string; recordedAt: string; reason: string }[]; nextToken?: string };
    const ofRecord = await s.bureau.call<Page>('GET', '/reference-changes?record=person:RA');
    const byClerk = await s.bureau.call<Page>('GET', '/reference-changes?by=clerk-li&limit=3');
    const next = await s.bureau.call<Page>('GET', `/reference-changes?by=clerk-li&limit=100&nextToken=${byClerk.nextToken}`);
    const month = ofRecord.items[0]?.recordedAt.slice(0, 7);
    const ofMonth = await s.bureau.call<Page>('GET', `/reference-changes?month=${month}&limit=100`);
    const refused = await s.bureau.request('GET', '/reference-changes?by=clerk-li&record=person:RA');
    // Assess
    expect(ofRecord.items.map((c) => [c.changeId, c.reason])).toEqual([
      ['person:RA:v2', '复评：三级调整为五级'],
      ['person:RA:v1', '参保登记'],
    ]);
    // 6 loaded + 4 changes, all by clerk-li: 3 on the first page, the other 7 on the next.
    expect(byClerk.items).toHaveLength(3);
    expect([...byClerk.items, ...next.items].map((c) => c.changeId)).toHaveLength(10);
    expect(byClerk.items[0]?.changeId).toBe('policy:city@2026-03-10:v1');
    expect(ofMonth.items.map((c) => c.changeId)).toEqual(expect.arrayContaining(['institution:IY:v2', 'person:RC:v2']));
    expect(refused.status).toBe(400);
  });

  it('answers 404 for an unknown change and 403 to anyone but the bureau', async () => {
    const finance = new ApiClient(s.stack.apiUrl, await issueToken(process.cwd(), { role: 'finance' }));
    expect((await s.bureau.request('GET', '/reference-changes/person:NOBODY:v1')).status).toBe(404);
    expect((await finance.request('GET', '/reference-changes/person:RA:v2')).status).toBe(403);
  });
});
