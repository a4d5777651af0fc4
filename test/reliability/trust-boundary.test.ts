/**
 * The trust boundary tried as a hostile institution would, over the local HTTP API: its own clock
 * (backdated and postdated submittedAt, services not given yet), another institution's claim id, a
 * person it does not serve, another institution's claim, unbounded input (a 3,000-character id, a
 * line spanning a century), and finance's month end (closing the current month, a 40-digit bank
 * amount, a text/csv body over 1 MiB). Each gets a 4xx with a stable code and messages in Chinese and
 * English, and nothing stored or queued changes; the run ends with a table of the attacks and answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack.ts';
import { issueToken } from '../../infra/local/tokens.ts';
import { queued, recordAttack, scan, stackWith } from './support.ts';

const root = process.cwd();
const [HOME, RIVAL, PERSON, STRANGER] = ['TB-HOME', 'TB-RIVAL', 'TB-P1', 'TB-P2'];
type Who = 'bureau' | 'finance' | typeof HOME | typeof RIVAL;

const institution = (institutionId: string) => ({
  institutionId,
  institutionType: 'elderly-care',
  ownership: 'private',
  totalBeds: 60,
  nursingBeds: 40,
  medicalFacility: 'contracted',
  registeredOn: '2020-01-01',
  designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
  reason: 'trust boundary',
});
const shanghai = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return {
    from: first.toISOString().slice(0, 10),
    to: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0)).toISOString().slice(0, 10),
  };
};
/** A month of care last month, as an institution's client sends it (no submittedAt). */
const care = (claimId: string, institutionId: string, personId = PERSON, period = lastMonth()) => ({
  kind: 'care-service',
  claimId,
  institutionId,
  personId,
  setting: 'institutional',
  period,
  lines: [{ serviceCode: 'LTC-INST-DAY', from: period.from, to: period.to, unitPrice: '80.00' }],
});
const offset = (hours: number) => `${new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 19)}Z`;

describe('the trust boundary on the local HTTP API', () => {
  let stack: LocalStack;
  const tokens = new Map<Who, string>();
  const call = async (who: Who, method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const r = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await r.text();
    return {
      status: r.status,
      body: (text.startsWith('{') ? JSON.parse(text) : {}) as { error?: { code: string; message: string; messageZh: string } },
    };
  };
  /** What a hostile request could change: every item (but idempotency records) and both queues. */
  const state = async () => ({
    items: (await scan(stack.clients.doc, stack.tableName)).map((i) => JSON.stringify(i)).sort(),
    queued: await queued(stack.clients.sqs, [stack.queues.claims, stack.queues.subsidy]),
  });

  beforeAll(async () => {
    stack = await stackWith(undefined, {});
    tokens.set('bureau', await issueToken(root, { role: 'bureau' }));
    tokens.set('finance', await issueToken(root, { role: 'finance' }));
    for (const i of [HOME, RIVAL]) tokens.set(i, await issueToken(root, { role: 'institution', institutionId: i }));
    for (const i of [HOME, RIVAL]) await call('bureau', 'PUT', `/registry/institutions/${i}`, institution(i));
    for (const p of [PERSON, STRANGER]) {
      await call('bureau', 'PUT', `/registry/persons/${p}`, {
        personId: p,
        insuredType: 'employee',
        enrolledOn: '2024-01-01',
        assessments: [{ grade: 4, assessedOn: '2025-06-10' }],
        reason: 'trust boundary',
      });
    }
    // HOME and RIVAL both serve PERSON; nobody serves STRANGER.
    for (const i of [HOME, RIVAL]) {
      await call('bureau', 'PUT', `/registry/agreements/SA-${i}`, {
        agreementId: `SA-${i}`,
        kind: 'care',
        institutionId: i,
        personId: PERSON,
        from: '2024-01-01',
        reason: '服务协议',
      });
    }
    const first = await call(HOME, 'POST', '/claims', care('TB-CS-1', HOME));
    expect(first.status).toBe(202);
    await stack.waitForIdle(60_000);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const attacks: { attack: string; as: Who; request: () => ReturnType<typeof call>; expect: [number, string] }[] = [
    {
      attack: 'submittedAt backdated a day',
      as: HOME,
      request: () => call(HOME, 'POST', '/claims', { ...care('TB-CS-2', HOME), submittedAt: offset(-24) }),
      expect: [400, 'INVALID_CLAIMS'],
    },
    {
      attack: 'submittedAt postdated a day',
      as: HOME,
      request: () => call(HOME, 'POST', '/claims', { ...care('TB-CS-3', HOME), submittedAt: offset(24) }),
      expect: [400, 'INVALID_CLAIMS'],
    },
    {
      attack: 'services not given yet (period ends tomorrow)',
      as: HOME,
      request: () => call(HOME, 'POST', '/claims', care('TB-CS-4', HOME, PERSON, { from: shanghai(-5), to: shanghai(1) })),
      expect: [400, 'INVALID_CLAIMS'],
    },
    {
      attack: "another institution's claim id",
      as: RIVAL,
      request: () => call(RIVAL, 'POST', '/claims', care('TB-CS-1', RIVAL)),
      expect: [409, 'CLAIM_ID_TAKEN'],
    },
    {
      attack: 'its own claim id with other content',
      as: HOME,
      request: () =>
        call(HOME, 'POST', '/claims', { ...care('TB-CS-1', HOME), lines: [{ ...care('TB-CS-1', HOME).lines[0], unitPrice: '99.00' }] }),
      expect: [409, 'CLAIM_ID_CONFLICT'],
    },
    {
      attack: 'a person it does not serve',
      as: HOME,
      request: () => call(HOME, 'POST', '/claims', care('TB-CS-5', HOME, STRANGER)),
      expect: [403, 'PERSON_NOT_SERVED'],
    },
    {
      attack: 'a person who does not exist',
      as: HOME,
      request: () => call(HOME, 'POST', '/claims', care('TB-CS-6', HOME, 'TB-NOBODY')),
      expect: [403, 'PERSON_NOT_SERVED'],
    },
    {
      attack: "reading another institution's claim",
      as: RIVAL,
      request: () => call(RIVAL, 'GET', '/claims/TB-CS-1'),
      expect: [404, 'CLAIM_NOT_FOUND'],
    },
    {
      attack: 'a 3,000-character claim id',
      as: HOME,
      request: () => call(HOME, 'POST', '/claims', care('x'.repeat(3000), HOME)),
      expect: [400, 'INVALID_CLAIMS'],
    },
    {
      attack: 'a line spanning a century',
      as: HOME,
      request: () => call(HOME, 'POST', '/claims', care('TB-CS-7', HOME, PERSON, { from: '1926-01-01', to: lastMonth().to })),
      expect: [400, 'INVALID_CLAIMS'],
    },
    {
      attack: 'closing the current month',
      as: 'finance',
      request: () => call('finance', 'POST', `/months/${shanghai().slice(0, 7)}/close`),
      expect: [409, 'MONTH_NOT_ENDED'],
    },
    {
      attack: 'a bank amount with 40 digits',
      as: 'finance',
      request: () =>
        call(
          'finance',
          'POST',
          '/disbursements',
          `paymentId,institutionId,month,amount,paidOn\nTB-PAY-1,${HOME},${lastMonth().from.slice(0, 7)},${'9'.repeat(40)},${shanghai()}\n`,
          'text/csv',
        ),
      expect: [400, 'DISBURSEMENTS_REJECTED'],
    },
    {
      attack: 'a text/csv import over 1 MiB',
      as: 'finance',
      request: () =>
        call('finance', 'POST', '/disbursements', `paymentId,institutionId,month,amount,paidOn\n${'x'.repeat(1_100_000)}\n`, 'text/csv'),
      expect: [413, 'PAYLOAD_TOO_LARGE'],
    },
  ];

  it('answers every attack with a 4xx, a stable code and messages in both languages, and changes nothing stored', async () => {
    const before = await state();
    const wrong: string[] = [];
    for (const a of attacks) {
      const r = await a.request();
      const error = r.body.error;
      const detail = JSON.stringify(r.body);
      // The field a claim's error names (by its code), or the column a bank file's bad line names.
      const field =
        /"path":"([^"]+)","code":"(SUBMITTED_AT_SKEW|SERVICE_DATE_IN_FUTURE|INVALID_ID|SPAN_TOO_LONG|PERSON_NOT_SERVED)"/
          .exec(detail)
          ?.slice(1)
          .join(' ') ??
        /"line":(\d+),"row":\d+,"paymentId":[^,]*,"message":"(\w+):/
          .exec(detail)
          ?.slice(1)
          .map((v, i) => (i === 0 ? `line ${v}` : v))
          .join(' ');
      recordAttack({ attack: a.attack, as: a.as, status: r.status, code: error?.code ?? '-', field: field ?? '-' });
      const ok =
        r.status === a.expect[0] &&
        error?.code === a.expect[1] &&
        (error?.message ?? '') !== '' &&
        /[\u4e00-\u9fff]/.test(error?.messageZh ?? '');
      if (!ok) wrong.push(`${a.attack}: expected ${a.expect.join(' ')}, got ${r.status} ${detail.slice(0, 200)}`);
    }
    await stack.waitForIdle(30_000);
    const after = await state();
    expect(wrong).toEqual([]);
    expect(after.queued).toBe(0);
    expect(after.items).toEqual(before.items);
  });

  it('names the field each bounded attack broke, in both languages', async () => {
    const fieldsOf = async (claim: unknown) => {
      const r = await call(HOME, 'POST', '/claims', claim);
      return (
        (r.body.error as unknown as { details: { errors: { path: string; code: string; messageZh: string }[] }[] }).details[0]?.errors ?? []
      );
    };
    expect(await fieldsOf({ ...care('TB-CS-2', HOME), submittedAt: offset(-24) })).toEqual([
      expect.objectContaining({ path: 'submittedAt', code: 'SUBMITTED_AT_SKEW' }),
    ]);
    expect(await fieldsOf(care('x'.repeat(3000), HOME))).toEqual([expect.objectContaining({ path: 'claimId', code: 'INVALID_ID' })]);
    expect(
      (await fieldsOf(care('TB-CS-7', HOME, PERSON, { from: '1926-01-01', to: lastMonth().to }))).map((e) => [e.path, e.code]),
    ).toEqual([
      ['period.to', 'SPAN_TOO_LONG'],
      ['lines[0].to', 'SPAN_TOO_LONG'],
    ]);
  });
});
