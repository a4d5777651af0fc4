/**
 * The local stack through its HTTP API: submit → adjudicate → read back with the explanation; a
 * duplicate delivery pays once; a poison message lands in the DLQ with its reason; a late,
 * earlier-dated claim posts adjustments on the claims it changes; institutions see only their own.
 */
import { randomUUID } from 'node:crypto';
import { type Message, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, type ClaimDetail } from '../../cli/api-client.ts';
import { FailureStore } from '../../functions/adapters/failure-store.ts';
import { issueToken } from '../../infra/local/tokens.ts';
import { localClients } from './support.ts';

const root = process.cwd();
const stack = inject('localStack');
const run = randomUUID().slice(0, 8);
const id = (s: string) => `${s}-${run}`;
const [PERSON, HOME, OTHER, HOSPITAL] = [id('IT-P'), id('IT-HOME'), id('IT-OTHER'), id('IT-HOSP')];

const clientFor = async (role: 'bureau' | 'institution', institutionId?: string) =>
  new ApiClient(stack.apiUrl, await issueToken(root, { role, ...(institutionId ? { institutionId } : {}) }));

const institution = (institutionId: string, extra: Record<string, unknown> = {}) => ({
  institutionId,
  institutionType: 'elderly-care',
  ownership: 'private',
  totalBeds: 60,
  nursingBeds: 40,
  medicalFacility: 'contracted',
  registeredOn: '2020-01-01',
  designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
  reason: '集成测试',
  ...extra,
});

/**
 * A month of institutional care at 80.00 a day (grade 4: cap 60.00 × 0.70 = 42.00 a day), as an
 * institution sends it: the server records its submittedAt.
 */
const care = (claimId: string, from: string, to: string, institutionId = HOME) => ({
  kind: 'care-service',
  claimId,
  institutionId,
  personId: PERSON,
  setting: 'institutional',
  period: { from, to },
  lines: [{ serviceCode: 'LTC-INST-DAY', from, to, unitPrice: '80.00' }],
});

async function decided(client: ApiClient, claimId: string, timeoutMs = 30_000): Promise<ClaimDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.request<ClaimDetail>('GET', `/claims/${encodeURIComponent(claimId)}`);
    if (r.status === 200) return r.body;
    if (Date.now() > deadline) throw new Error(`${claimId} not decided: ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe('the local stack through its HTTP API', () => {
  let bureau: ApiClient;
  let home: ApiClient;
  let other: ApiClient;
  let hospital: ApiClient;

  beforeAll(async () => {
    bureau = await clientFor('bureau');
    home = await clientFor('institution', HOME);
    other = await clientFor('institution', OTHER);
    hospital = await clientFor('institution', HOSPITAL);
    await bureau.call('PUT', `/registry/persons/${PERSON}`, {
      personId: PERSON,
      insuredType: 'employee',
      enrolledOn: '2024-01-01',
      assessments: [{ grade: 4, assessedOn: '2025-06-10' }],
      reason: '集成测试',
    });
    await bureau.call('PUT', `/registry/institutions/${HOME}`, institution(HOME));
    await bureau.call('PUT', `/registry/institutions/${OTHER}`, institution(OTHER));
    await bureau.call('PUT', `/registry/institutions/${HOSPITAL}`, {
      ...institution(HOSPITAL, { institutionType: 'hospital', hospitalLevel: 2, medicalFacility: 'internal', totalBeds: 300 }),
      designations: [{ scheme: 'medical', from: '2020-01-01' }],
    });
    // HOME cares for the person; the hospital filed her admission; OTHER serves her not at all.
    const agree = (agreementId: string, body: Record<string, unknown>) =>
      bureau.call('PUT', `/registry/agreements/${agreementId}`, { agreementId, personId: PERSON, reason: '集成测试', ...body });
    await agree(id('SA-HOME'), { kind: 'care', institutionId: HOME, from: '2026-01-01' });
    await agree(id('ADM-HOSP'), { kind: 'admission', institutionId: HOSPITAL, from: '2026-03-10', to: '2026-03-12' });
  });

  it('submits, adjudicates and reads back a claim with its explanation', async () => {
    // Act
    const accepted = await home.call<{ accepted: string[] }>('POST', '/claims', care(id('CS-MAR'), '2026-03-01', '2026-03-31'));
    const detail = await decided(home, id('CS-MAR'));
    // Assess: 31 × 42.00 = 1302.00
    expect(accepted.accepted).toEqual([id('CS-MAR')]);
    expect(detail).toMatchObject({ status: 'approved', payable: '1302.00', outcome: { fundAmount: '1302.00', personalAmount: '1178.00' } });
    const explanation = detail.explanation as { items: { date: string; gradeInForce: number; paid: string }[] };
    expect(explanation.items).toHaveLength(31);
    expect(explanation.items[0]).toMatchObject({ date: '2026-03-01', gradeInForce: 4, dailyCap: '60.00', paid: '42.00' });
  });

  it('pays a claim delivered twice only once', async () => {
    // Prepare
    const claim = care(id('CS-APR'), '2026-04-01', '2026-04-30');
    // Act: through the API twice, and once more straight onto the queue with another deduplication id.
    const first = await home.call<{ claims: { submittedAt: string }[] }>('POST', '/claims', claim);
    const again = await home.call<{ claims: { submittedAt: string; resent?: boolean }[] }>('POST', '/claims', claim);
    const stored = { ...claim, submittedAt: first.claims[0]?.submittedAt };
    const sqs = new SQSClient({
      endpoint: stack.sqsEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      useQueueUrlAsEndpoint: false,
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queues.claims,
        MessageBody: JSON.stringify({ type: 'claim', claim: stored }),
        MessageGroupId: `person#${PERSON}`,
        MessageDeduplicationId: randomUUID(),
      }),
    );
    const detail = await decided(home, id('CS-APR'));
    await new Promise((r) => setTimeout(r, 1500));
    // Assess: the re-send kept the first submittedAt; 30 × 42.00 once, and one ledger entry for it.
    expect(again.claims).toEqual([{ submittedAt: stored.submittedAt, claimId: id('CS-APR'), resent: true }]);
    expect(detail.payable).toBe('1260.00');
    const { doc } = localClients();
    const total = await doc.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `L#${HOME}#${currentMonth()}`, sk: 'TOTAL' } }));
    expect(String(total.Item?.payable)).toBe('2562');
  });

  it('parks a poison message in the dead-letter queue on its first receive, with its reason kept', async () => {
    // Prepare
    const sqs = new SQSClient({
      endpoint: stack.sqsEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      useQueueUrlAsEndpoint: false,
    });
    const group = `poison-${run}`;
    // Act
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queues.claims,
        MessageBody: 'not a claim',
        MessageGroupId: group,
        MessageDeduplicationId: randomUUID(),
      }),
    );
    // Assess
    const deadline = Date.now() + 45_000;
    let found: Message | undefined;
    while (!found && Date.now() < deadline) {
      const r = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.queues.claimsDlq,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 0,
          MessageAttributeNames: ['All'],
        }),
      );
      found = r.Messages?.find((m) => m.MessageAttributes?.sourceMessageId?.StringValue === sent.MessageId);
    }
    expect(found?.Body).toBe('not a claim');
    expect(found?.MessageAttributes?.failureReason?.StringValue).toBe('message body is not JSON');
    const { doc } = localClients();
    const failure = await new FailureStore(doc, stack.tableName).get(sent.MessageId as string);
    expect(failure).toMatchObject({ code: 'POISON_MESSAGE', reason: 'message body is not JSON', receiveCount: 1 });
  });

  it('posts adjustments on earlier claims when an earlier-dated hospital stay arrives late', async () => {
    // Prepare: March care is already paid (first test). Act: a stay on 10–12 March settles in April.
    await hospital.call('POST', '/claims', {
      kind: 'medical-settlement',
      claimId: id('MS-LATE'),
      institutionId: HOSPITAL,
      personId: PERSON,
      episode: { admittedOn: '2026-03-10', dischargedOn: '2026-03-12', settlementMode: 'fee-for-service' },
      costs: { total: '15000.00', eligible: '12000.00' },
    });
    await decided(bureau, id('MS-LATE'));
    const march = await decided(home, id('CS-MAR'));
    const asBureau = await decided(bureau, id('CS-MAR'));
    // Assess: two inpatient days recouped, 2 × 42.00; the home is not told which hospital's claim did it.
    expect(march.outcome).toMatchObject({ status: 'partially-approved', fundAmount: '1218.00', reasonCodes: ['INPATIENT_OVERLAP'] });
    expect(march.adjustments).toEqual([expect.objectContaining({ amount: '-84.00', reason: 'REPROCESSED', triggeredBy: 'ANOTHER_CLAIM' })]);
    expect(asBureau.adjustments).toEqual([expect.objectContaining({ amount: '-84.00', triggeredBy: id('MS-LATE') })]);
    expect(JSON.stringify(march)).not.toContain(HOSPITAL);
  });

  it('lets an institution read and list only its own claims', async () => {
    // Act
    const read = await other.request('GET', `/claims/${id('CS-MAR')}`);
    const list = await other.request('GET', `/claims?institution=${HOME}&month=${currentMonth()}`);
    const submit = await other.request('POST', '/claims', care(id('CS-FOREIGN'), '2026-03-01', '2026-03-02', HOME));
    const own = await home.call<{ items: { claimId: string }[] }>('GET', `/claims?month=${currentMonth()}`);
    const noToken = await fetch(`${stack.apiUrl}/claims/${id('CS-MAR')}`);
    // Assess
    expect([read.status, list.status, submit.status]).toEqual([404, 403, 403]);
    expect((read.body as { error: { code: string } }).error.code).toBe('CLAIM_NOT_FOUND');
    expect(own.items.map((c) => c.claimId)).toContain(id('CS-MAR'));
    expect(noToken.status).toBe(401);
  });
});

/** Ledger entries post, and claims are submitted, in the Asia/Shanghai month of the real clock here. */
function currentMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}
