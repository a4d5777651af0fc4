/**
 * The API surface under hostile input and every role: (1) 10,000 malformed or hostile POST /claims
 * bodies through the submit handler in-process (SQS and DynamoDB mocked) and a few hundred through
 * the local HTTP API — always a 4xx with an error code (field errors for 400), never a 5xx, never a
 * queued claim; (2) every route of functions/http/routes.ts × role through the local HTTP API, from one
 * table of allowed cells.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimIds } from '../../functions/adapters/claim-ids.ts';
import { ClaimQueue } from '../../functions/adapters/claim-queue.ts';
import { IdempotencyStore } from '../../functions/adapters/idempotency-store.ts';
import { API_ROUTES } from '../../functions/http/routes.ts';
import { makeHandler } from '../../functions/submit-claims/handler.ts';
import type { LocalStack } from '../../infra/local/stack.ts';
import { issueToken } from '../../infra/local/tokens.ts';
import { everyoneServed } from '../functions/fake-table.ts';
import { answer, context, event, quiet } from '../functions/support.ts';
import { queued, report, scan, stackWith } from './support.ts';

const BASE = {
  kind: 'care-service',
  claimId: 'CS-FUZZ',
  institutionId: 'INST-A',
  personId: 'P001',
  submittedAt: '2026-04-02T09:00:00+08:00',
  setting: 'institutional',
  period: { from: '2026-03-01', to: '2026-03-31' },
  lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '80.00' }],
};

const hostileMoney = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e5',
  '8e1',
  '0x50',
  '８０.００',
  ' 80.00',
  '80,00',
  '-0.00',
  // 13 integer digits: more than the store keeps exactly.
  '1234567890123.00',
  '',
  null,
  80,
  Number.POSITIVE_INFINITY,
);
const hostileDate = fc.constantFrom(
  '2026-02-30',
  '2026-13-01',
  '2026-3-1',
  '20260301',
  '２０２６-03-01',
  '2026-03-01T00:00:00',
  '',
  '0000-00-00',
  '+275760-09-13',
  // The trust boundary's bounds: a span past 366 days and a service date after today.
  '1900-01-01',
  '2099-12-31',
  null,
  20260301,
);
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '𠮷'.repeat(200), '‮INST-A', 'INST-A\u200b', '__proto__', 'constructor', 'x'.repeat(10_000)),
);
/** Ids past the bounds: too long, empty, or with characters outside printable ASCII without spaces. */
const hostileId = fc.oneof(
  fc.integer({ min: 65, max: 3000 }).map((n) => 'C'.repeat(n)),
  fc.constantFrom('', ' ', 'C 1', 'C\t1', 'C\n1', '护理-1', 'C\u00001', 'C\u007f'),
);
const deep = (depth: number) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** A claim with one or more hostile changes (so it can never be valid), or something else entirely. */
const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .record({
      path: fc.constantFrom(
        'id',
        'unitPrice',
        'from',
        'to',
        'period',
        'lines',
        'kind',
        'claimId',
        'personId',
        'submittedAt',
        'setting',
        'quantity',
      ),
      money: hostileMoney,
      date: hostileDate,
      text: hostileString,
      id: hostileId,
      idField: fc.constantFrom('claimId', 'personId', 'institutionId'),
      any: fc.anything(),
    })
    .map(({ path, money, date, text, id, idField, any }) => {
      const c = structuredClone(BASE) as Record<string, unknown> & { lines: Record<string, unknown>[]; period: Record<string, unknown> };
      if (path === 'id') c[idField] = id;
      else if (path === 'unitPrice') (c.lines[0] as Record<string, unknown>).unitPrice = money;
      else if (path === 'from' || path === 'to') c.period[path] = date;
      else if (path === 'period') c.period = any as never;
      else if (path === 'lines') c.lines = [any] as never;
      else if (path === 'quantity') (c.lines[0] as Record<string, unknown>).quantity = money;
      else if (path === 'submittedAt') c.submittedAt = date;
      else c[path] = path === 'kind' || path === 'setting' ? text : typeof any === 'string' && any !== '' ? null : any;
      return c;
    }),
  fc.anything({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 6 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('kind' in v)),
  fc.integer({ min: 1, max: 2000 }).map((n) => ({ claims: Array.from({ length: n }, () => ({ ...BASE, lines: 'x' })) })),
  fc.integer({ min: 100, max: 1000 }).map((d) => ({ ...BASE, extra: deep(d), lines: [] })),
  fc.constantFrom({ claims: [] }, { claims: {} }, { claims: null }, [], [BASE, BASE], { claims: Array.from({ length: 501 }, () => BASE) }),
);

/** Raw bodies that are not JSON at all, or too big. */
const hostileRaw = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc.constantFrom(
    '{"claims":[',
    '\ufeff{}',
    'null',
    'true',
    '"x"',
    '1e999',
    '{"a":'.repeat(10_000),

    ' '.repeat(1_100_000),
    `{"x":"${'y'.repeat(1_100_000)}"}`,
  ),
);

describe('POST /claims under 10,000 hostile bodies (in-process)', () => {
  // Mocked only while this block runs: the HTTP block below talks to the real local stack.
  let ddb: ReturnType<typeof mockClient>;
  let sqs: ReturnType<typeof mockClient>;
  beforeAll(() => {
    ddb = mockClient(DynamoDBDocumentClient);
    sqs = mockClient(SQSClient);
  });
  afterAll(() => {
    ddb.restore();
    sqs.restore();
  });

  it('answers every one with a 4xx carrying an error code, never a 5xx, and queues nothing', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(GetCommand).resolves({});
    const handler = makeHandler({
      queue: new ClaimQueue(
        new SQSClient({ region: 'cn-north-1' }),
        { claims: 'q-claims', subsidy: 'q-subsidy' },
        { sleep: async () => {} },
      ),
      agreements: everyoneServed,
      claimIds: new ClaimIds(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' })), 'Claims'),
      idempotency: new IdempotencyStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' })), 'Claims'),
      now: () => new Date('2026-04-02T01:00:00Z'),
      ...quiet(),
    });
    const statuses: Record<number, number> = {};
    let withFieldErrors = 0;
    let cases = 0;
    const t0 = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 8, arbitrary: hostileBody.map((b) => ({ raw: JSON.stringify(b) ?? '' })) },
          { weight: 2, arbitrary: hostileRaw.map((raw) => ({ raw })) },
        ),
        fc.boolean(),
        async ({ raw }, keyed) => {
          cases++;
          const r = answer(
            await handler(
              event('post-claims', { rawBody: raw, ...(keyed ? { headers: { 'idempotency-key': `k-${cases}` } } : {}) }) as never,
              context,
            ),
          );
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          const error = (r.body as { error?: { code?: unknown; details?: unknown } }).error;
          if (r.status === 400 && Array.isArray(error?.details) && error.details.length > 0) withFieldErrors++;
          return r.status >= 400 && r.status < 500 && typeof error?.code === 'string' && (r.status !== 400 || Array.isArray(error.details));
        },
      ),
      { numRuns: 10_000, seed: 20_260_604 },
    );
    report('fuzzing POST /claims (in-process)', {
      'bodies tried': cases,
      statuses: Object.entries(statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' '),
      '400 with field errors': withFieldErrors,
      '5xx': Object.entries(statuses).filter(([s]) => Number(s) >= 500).length,
      'messages queued': sqs.commandCalls(SendMessageBatchCommand).length,
      seconds: ((Date.now() - t0) / 1000).toFixed(1),
    });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  // Found by this fuzzer: the body fingerprint recursed on a 100,000-deep body. The JSON body parser
  // now refuses anything nested deeper than 64 levels (400 BODY_TOO_DEEP) before any recursive code.
  it('answers a 100,000-deep body with an Idempotency-Key with a 4xx', async () => {
    ddb.on(PutCommand).resolves({});
    const handler = makeHandler({
      queue: new ClaimQueue(
        new SQSClient({ region: 'cn-north-1' }),
        { claims: 'q-claims', subsidy: 'q-subsidy' },
        { sleep: async () => {} },
      ),
      agreements: everyoneServed,
      claimIds: new ClaimIds(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' })), 'Claims'),
      idempotency: new IdempotencyStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' })), 'Claims'),
      now: () => new Date('2026-04-02T01:00:00Z'),
      ...quiet(),
    });
    const raw = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = answer(await handler(event('post-claims', { rawBody: raw, headers: { 'idempotency-key': 'deep' } }) as never, context));
    expect(r.status).toBeLessThan(500);
  });
});

/** A claim as an institution's client sends it now: the server records its submittedAt. */
const { submittedAt: _stamped, ...UNSTAMPED } = BASE;

type Who = 'institution-own' | 'institution-other' | 'bureau' | 'finance' | 'no-token' | 'bad-token';
const WHO: readonly Who[] = ['institution-own', 'institution-other', 'bureau', 'finance', 'no-token', 'bad-token'];
const OWN = 'AC-OWN';
const OTHER = 'AC-OTHER';
const CLAIM = 'AC-CS-1';

/**
 * The access matrix: who may call each route. Every route in routes.ts must be here; a route listed
 * here and not (yet) in routes.ts is skipped. `body` is a request the allowed roles can make.
 */
const MATRIX: Record<string, { allowed: readonly Who[]; path?: string; body?: unknown; hiddenFrom?: readonly Who[] }> = {
  'POST /claims': { allowed: ['institution-own'], body: { ...UNSTAMPED, claimId: 'AC-CS-2', institutionId: OWN, personId: 'AC-P' } },
  'POST /migrations/claims': { allowed: ['bureau'], body: { ...BASE, claimId: 'AC-CS-3', institutionId: OWN, personId: 'AC-P' } },
  'GET /claims': { allowed: ['institution-own', 'bureau', 'finance'], path: `/claims?institution=${OWN}&month=2026-04` },
  // Another institution's claim reads as one that does not exist (404 CLAIM_NOT_FOUND), not as a 403.
  'GET /claims/{id}': { allowed: ['institution-own', 'bureau', 'finance'], path: `/claims/${CLAIM}`, hiddenFrom: ['institution-other'] },
  // The console's reads (issue 11): the dashboard for bureau and finance; persons (health data) for the
  // bureau only; institutions for bureau and finance and an institution's own; policies for every role.
  'GET /dashboard': { allowed: ['bureau', 'finance'], path: '/dashboard?month=2026-04' },
  'GET /registry/persons': { allowed: ['bureau'], path: '/registry/persons?q=AC-' },
  'GET /registry/persons/{id}': { allowed: ['bureau'], path: '/registry/persons/AC-P' },
  'GET /registry/institutions': { allowed: ['bureau', 'finance'] },
  'GET /registry/institutions/{id}': { allowed: ['institution-own', 'bureau', 'finance'], path: `/registry/institutions/${OWN}` },
  'GET /policies': { allowed: ['institution-own', 'institution-other', 'bureau', 'finance'] },
  'GET /policies/{policyId}': { allowed: ['institution-own', 'institution-other', 'bureau', 'finance'], path: '/policies/demo-2026' },
  // A record's history (who changed it, when, why) is the bureau's: not even its own institution reads it.
  'GET /registry/persons/{id}/history': { allowed: ['bureau'], path: '/registry/persons/AC-P/history' },
  'GET /registry/institutions/{id}/history': { allowed: ['bureau'], path: `/registry/institutions/${OWN}/history` },
  'GET /policies/{policyId}/history': { allowed: ['bureau'], path: '/policies/demo-2026/history' },
  // Reference changes (their progress and the audit lists) are the bureau's, like the history.
  'GET /reference-changes': { allowed: ['bureau'], path: '/reference-changes?by=someone' },
  'GET /reference-changes/{changeId}': { allowed: ['bureau'], path: '/reference-changes/person%3AAC-P%3Av1' },
  'GET /openapi.json': { allowed: WHO },
  // The console's static files are public (deployed: from its bucket; locally ltc start serves them).
  'GET /': { allowed: WHO },
  'GET /console': { allowed: WHO },
  'GET /console/{proxy+}': { allowed: WHO, path: '/console/index.html' },
  'GET /review-queue': { allowed: ['bureau'] },
  'POST /claims/{id}/review': { allowed: ['bureau'], path: `/claims/${CLAIM}/review`, body: { decision: 'approve', reason: 'checked' } },
  'PUT /registry/persons/{id}': {
    allowed: ['bureau'],
    path: '/registry/persons/AC-P2',
    body: { personId: 'AC-P2', insuredType: 'employee', enrolledOn: '2024-01-01', assessments: [], reason: 'access matrix' },
  },
  'PUT /registry/institutions/{id}': { allowed: ['bureau'], path: `/registry/institutions/${OTHER}`, body: institution(OTHER) },
  'PUT /registry/agreements/{id}': { allowed: ['bureau'], path: '/registry/agreements/AC-SA-2', body: agreement('AC-SA-2', OTHER) },
  'PUT /policies/{policyId}': {
    allowed: ['bureau'],
    path: '/policies/ac-test',
    body: { effectiveFrom: '2030-01-01', policy: {}, reason: 'access matrix' },
  },
  // Finance routes (issue 5): finance acts; the bureau may read statements.
  'POST /disbursements': { allowed: ['finance'], body: {} },
  // An institution reads its own statement line and entries (the console's statement page).
  'GET /statements/{month}': { allowed: ['institution-own', 'finance', 'bureau'], path: `/statements/2026-04?institution=${OWN}` },
  'GET /statements/{month}/entries': {
    allowed: ['institution-own', 'finance', 'bureau'],
    path: `/statements/2026-04/entries?institution=${OWN}`,
  },
  'POST /months/{month}/close': { allowed: ['finance'], path: '/months/2020-01/close', body: {} },
};

/** The bureau's record that `institutionId` cares for AC-P. */
function agreement(agreementId: string, institutionId: string) {
  return { agreementId, kind: 'care', institutionId, personId: 'AC-P', from: '2024-01-01', reason: '服务协议备案' };
}

function institution(institutionId: string) {
  return {
    institutionId,
    institutionType: 'elderly-care',
    ownership: 'private',
    totalBeds: 60,
    nursingBeds: 40,
    medicalFacility: 'contracted',
    registeredOn: '2020-01-01',
    designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
    reason: 'access matrix',
  };
}

describe('the local HTTP API', () => {
  let stack: LocalStack;
  const tokens = {} as Record<Who, string | undefined>;
  const call = (method: string, path: string, who: Who, body?: unknown) =>
    fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {}),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  beforeAll(async () => {
    stack = await stackWith(undefined, {});
    const root = process.cwd();
    tokens['institution-own'] = await issueToken(root, { role: 'institution', institutionId: OWN });
    tokens['institution-other'] = await issueToken(root, { role: 'institution', institutionId: OTHER });
    tokens.bureau = await issueToken(root, { role: 'bureau' });
    tokens.finance = await issueToken(root, { role: 'finance' });
    tokens['bad-token'] = `${tokens.bureau.slice(0, -4)}AAAA`;
    tokens['no-token'] = undefined;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers a few hundred hostile bodies over HTTP with 4xx and stores nothing', async () => {
    const bodies = fc.sample(
      fc.oneof(
        hostileBody.map((b) => JSON.stringify(b) ?? ''),
        hostileRaw,
      ),
      { numRuns: 300, seed: 7 },
    );
    const statuses: Record<number, number> = {};
    for (const body of bodies) {
      const r = await call('POST', '/claims', 'institution-own', body);
      await r.text();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
    const stored = (await scan(stack.clients.doc, stack.tableName)).filter(
      (i) => String(i.pk).startsWith('P#') || String(i.pk).startsWith('ID#'),
    );
    const inQueues = await queued(stack.clients.sqs, [stack.queues.claims, stack.queues.subsidy]);
    report('fuzzing POST /claims (local HTTP API)', {
      'bodies tried': bodies.length,
      statuses: Object.entries(statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' '),
      '5xx': Object.keys(statuses).filter((s) => Number(s) >= 500).length,
      'claims stored': stored.length,
      'messages queued': inQueues,
    });
    expect(Object.keys(statuses).every((s) => Number(s) >= 400 && Number(s) < 500)).toBe(true);
    expect([stored.length, inQueues]).toEqual([0, 0]);
  });

  it('covers every route of routes.ts in the access matrix', () => {
    const missing = API_ROUTES.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in MATRIX));
    expect(missing, 'routes without a row in the access matrix').toEqual([]);
  });

  it('lets only the allowed cells through, and answers the others 401/403 (or, for another institution’s claim, 404) with a code', async () => {
    // Prepare: one decided claim of the own institution.
    await call('PUT', `/registry/institutions/${OWN}`, 'bureau', institution(OWN));
    await call('PUT', '/registry/persons/AC-P', 'bureau', {
      personId: 'AC-P',
      insuredType: 'employee',
      enrolledOn: '2024-01-01',
      assessments: [{ grade: 4, assessedOn: '2025-06-10' }],
      reason: 'access matrix',
    });
    await call('PUT', '/registry/agreements/AC-SA-1', 'bureau', agreement('AC-SA-1', OWN));
    await call('POST', '/claims', 'institution-own', { ...UNSTAMPED, claimId: CLAIM, institutionId: OWN, personId: 'AC-P' });
    await stack.waitForIdle(60_000);
    const routes = new Set(API_ROUTES.map((r) => `${r.method} ${r.path}`));
    const cells: string[] = [];
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      if (!routes.has(route)) {
        cells.push(`${route}: not in routes.ts yet (skipped)`);
        continue;
      }
      const [method, template] = route.split(' ') as [string, string];
      for (const who of WHO) {
        const r = await call(method, row.path ?? template, who, row.body);
        const text = await r.text();
        const code = (() => {
          try {
            return (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
          } catch {
            return '';
          }
        })();
        const allowed = row.allowed.includes(who);
        const ok = allowed
          ? r.status < 500 && r.status !== 401 && r.status !== 403
          : who === 'no-token' || who === 'bad-token'
            ? r.status === 401
            : row.hiddenFrom?.includes(who)
              ? r.status === 404 && code === 'CLAIM_NOT_FOUND'
              : r.status === 403 && /^(ROLE_REQUIRED|FORBIDDEN_INSTITUTION)$/.test(code);
        cells.push(`${route} × ${who}: ${r.status} ${code}`);
        if (!ok) wrong.push(`${route} × ${who}: ${allowed ? 'allowed' : 'denied'} but ${r.status} ${code} ${text.slice(0, 120)}`);
      }
    }
    console.log(cells.join('\n'));
    report('access matrix', {
      routes: routes.size,
      cells: cells.filter((c) => !c.endsWith('(skipped)')).length,
      'allowed cells': Object.entries(MATRIX)
        .filter(([r]) => routes.has(r))
        .reduce((n, [, row]) => n + row.allowed.length, 0),
      'wrong cells': wrong.length,
      '5xx': cells.filter((c) => / 5\d\d /.test(c)).length,
      'rows not in routes.ts': cells.filter((c) => c.endsWith('(skipped)')).length,
    });
    expect(wrong).toEqual([]);
  });
});
