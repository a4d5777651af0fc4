/**
 * Home care (DOMAIN.md §11.3) through POST /claims: visit records on home-visit lines and
 * family-care claims are validated as the domain validates them, queued as sent (nothing of the
 * visit or the days dropped), in the person's message group, and held to the care agreements and
 * the API's limits like every care-service claim.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
import { ClaimIds } from '../../functions/adapters/claim-ids.ts';
import { ClaimQueue } from '../../functions/adapters/claim-queue.ts';
import { IdempotencyStore } from '../../functions/adapters/idempotency-store.ts';
import { makeHandler } from '../../functions/submit-claims/handler.ts';
import { fakeTable, serve } from './fake-table.ts';
import { answer, context, event, type Json, quiet, users } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const RECEIVED = '2026-04-02T09:00:00.000+08:00';
let items: Map<string, Json>;

function build() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    queue: new ClaimQueue(new SQSClient({ region: 'cn-north-1' }), { claims: 'q-claims', subsidy: 'q-subsidy' }, { sleep: async () => {} }),
    claimIds: new ClaimIds(doc, 'Claims'),
    agreements: new AgreementStore(doc, 'Claims'),
    idempotency: new IdempotencyStore(doc, 'Claims'),
    now: () => new Date('2026-04-02T01:00:00Z'),
    ...quiet(),
  });
}
const post = async (body: unknown) =>
  answer(await build()(event('post-claims', { body, claims: users.institution('INST-A') }) as never, context));
const sent = () => sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
const errorsOf = (res: { body: Json }) => ((res.body.error as { details: { errors: Json[] }[] }).details[0]?.errors ?? []) as Json[];

const visitLine = (date: string, checkIn: string, checkOut: string, serviceCode = 'HV-BATH') => ({
  serviceCode,
  date,
  quantity: 1,
  unitPrice: '60.00',
  visit: { checkIn, checkOut },
});
const homeVisit = (lines: Json[], claimId = 'HV-1') => ({
  kind: 'care-service',
  claimId,
  institutionId: 'INST-A',
  personId: 'P001',
  setting: 'home-visit',
  period: { from: '2026-03-01', to: '2026-03-31' },
  lines,
});
const familyCare = (days: Json[], claimId = 'FC-1', extra: Json = {}) => ({
  kind: 'care-service',
  claimId,
  institutionId: 'INST-A',
  personId: 'P001',
  setting: 'family-care',
  period: { from: '2026-03-01', to: '2026-03-31' },
  days,
  ...extra,
});

beforeEach(() => {
  ddb.reset();
  items = fakeTable(ddb);
  serve(items, 'INST-A', 'P001', { kind: 'care', from: '2024-01-01' });
  sqs.reset();
  sqs
    .on(SendMessageBatchCommand)
    .callsFake((input) => ({ Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id })), Failed: [] }));
});

describe('visit records through POST /claims', () => {
  it('queues a home-visit claim with its check-in and check-out as sent, in the person’s group', async () => {
    // Prepare
    const claim = homeVisit([
      visitLine('2026-03-05', '2026-03-05T09:02:00+08:00', '2026-03-05T09:47:30+08:00'),
      visitLine('2026-03-06', '2026-03-06T01:00:00Z', '2026-03-06T01:00:00Z', 'HV-MED'),
      { serviceCode: 'HV-CLEAN', date: '2026-03-07', unitPrice: '30.00' },
    ]);
    // Act
    const res = await post({ claims: [claim] });
    // Assess
    expect(res).toMatchObject({ status: 202, body: { accepted: ['HV-1'] } });
    const [entry] = sent();
    expect(entry?.MessageGroupId).toBe('person#P001');
    expect(JSON.parse(entry?.MessageBody ?? '').claim).toEqual({ ...claim, submittedAt: RECEIVED });
  });

  it.each([
    [
      'a visit on a from/to line',
      [
        {
          serviceCode: 'HV-BATH',
          from: '2026-03-01',
          to: '2026-03-02',
          unitPrice: '60.00',
          visit: { checkIn: RECEIVED, checkOut: RECEIVED },
        },
      ],
      'lines[0].visit',
    ],
    [
      'a check-out before the check-in',
      [visitLine('2026-03-05', '2026-03-05T10:00:00+08:00', '2026-03-05T09:59:59+08:00')],
      'lines[0].visit.checkOut',
    ],
    [
      'a check-in that is not a timestamp',
      [visitLine('2026-03-05', '2026-03-05 09:00', '2026-03-05T10:00:00+08:00')],
      'lines[0].visit.checkIn',
    ],
    [
      'a visit without its check-out',
      [{ ...visitLine('2026-03-05', RECEIVED, RECEIVED), visit: { checkIn: RECEIVED } }],
      'lines[0].visit.checkOut',
    ],
  ])('refuses %s with 400 naming the field in both languages, queuing nothing', async (_, lines, path) => {
    const res = await post({ claims: [homeVisit(lines)] });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toContainEqual(expect.objectContaining({ path, messageZh: expect.any(String) }));
    expect(sent()).toHaveLength(0);
  });

  it('refuses a visit record in an institutional claim', async () => {
    const claim = {
      ...homeVisit([visitLine('2026-03-05', '2026-03-05T09:00:00+08:00', '2026-03-05T10:00:00+08:00', 'LTC-INST-DAY')]),
      setting: 'institutional',
    };
    const res = await post({ claims: [claim] });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain('lines[0].visit');
  });
});

describe('family-care claims through POST /claims', () => {
  it('queues a family-care claim in its person’s group, like every care-service claim', async () => {
    // Prepare
    const claim = familyCare([{ from: '2026-03-01', to: '2026-03-14' }, { date: '2026-03-20' }]);
    // Act
    const res = await post({ claims: [claim, homeVisit([visitLine('2026-03-21', RECEIVED, RECEIVED)])] });
    // Assess
    expect(res.status).toBe(202);
    const entries = sent();
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.QueueUrl)).toEqual(['q-claims']);
    expect(entries.map((e) => e.MessageGroupId)).toEqual(['person#P001', 'person#P001']);
    expect(JSON.parse(entries[0]?.MessageBody ?? '').claim).toEqual({ ...claim, submittedAt: RECEIVED });
  });

  it.each([
    ['priced lines', familyCare([{ date: '2026-03-02' }], 'FC-1', { lines: [] }), 'lines'],
    ['no days', familyCare([]), 'days'],
    ['a day listed twice', familyCare([{ from: '2026-03-01', to: '2026-03-05' }, { date: '2026-03-05' }]), 'days[1]'],
    ['a day outside the period', familyCare([{ date: '2026-04-01' }]), 'days[0].date'],
    ['a quantity on a day', familyCare([{ date: '2026-03-02', quantity: 2 }]), 'days[0].quantity'],
  ])('refuses a family-care claim with %s, naming the field', async (_, claim, path) => {
    const res = await post({ claims: [claim] });
    expect(res.status).toBe(400);
    expect(errorsOf(res).map((e) => e.path)).toContain(path);
    expect(sent()).toHaveLength(0);
  });

  it('needs a care agreement covering every listed day', async () => {
    // Prepare: INST-A serves P002 only until 10 March
    serve(items, 'INST-A', 'P002', { kind: 'care', from: '2024-01-01', to: '2026-03-10' });
    // Act
    const res = await post({ claims: [{ ...familyCare([{ from: '2026-03-01', to: '2026-03-11' }]), personId: 'P002' }] });
    // Assess
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'PERSON_NOT_SERVED' });
    expect(sent()).toHaveLength(0);
  });

  it('refuses more than 366 day entries with TOO_MANY_ITEMS', async () => {
    const days = Array.from({ length: 367 }, () => ({ date: '2026-03-02' }));
    const res = await post({ claims: [familyCare(days)] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('TOO_MANY_ITEMS');
  });
});
