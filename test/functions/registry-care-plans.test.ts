/**
 * Care plans (DOMAIN.md §11.2) and §11 policy keys through the bureau's reference routes: validated
 * exactly as the domain validates them, with field errors naming `carePlans[i].…` in both languages,
 * stored as given, read back by the person routes and the history, and restored by the adjudicator's
 * registry read so the rules see the plans.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateClaim } from '../../domain/claims.ts';
import { day } from '../../domain/dates.ts';
import { AgreementStore } from '../../functions/adapters/agreements.ts';
import { ChangeJobs } from '../../functions/adapters/change-jobs.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { ReferenceVersions } from '../../functions/adapters/reference-versions.ts';
import { RegistryReader } from '../../functions/adapters/registry-reads.ts';
import { HistoryPageSchema, PersonViewSchema, StoredPersonSchema, StoredPolicySchema } from '../../functions/http/responses.ts';
import { makeHandler } from '../../functions/load-reference-data/handler.ts';
import { answer, context, event, type Json, quiet } from './support.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'Claims';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));

function build() {
  return makeHandler({
    reference: new ReferenceStore(doc, TABLE),
    registry: new RegistryReader(doc, TABLE),
    agreements: new AgreementStore(doc, TABLE),
    versions: new ReferenceVersions(doc, TABLE),
    changes: new ChangeJobs(doc, TABLE),
    changeQueue: { fanOut: async () => {} },
    now: () => new Date('2026-04-10T04:00:00Z'),
    ...quiet(),
  });
}
const call = async (changes: Parameters<typeof event>[1] = {}) => answer(await build()(event('put-person', changes) as never, context));

const HOME_VISIT_PLAN = {
  planId: 'CP-1',
  institutionId: 'INST-A',
  setting: 'home-visit',
  from: '2026-01-01',
  to: '2026-06-30',
  services: [
    { serviceCode: 'HV-BATH', maxPerWeek: 2 },
    { serviceCode: 'HV-MED', maxPerMonth: 8, maxPerWeek: 3 },
    { serviceCode: 'HV-CLEAN' },
  ],
};
const FAMILY_PLAN = {
  planId: 'CP-2',
  institutionId: 'INST-A',
  setting: 'family-care',
  from: '2026-01-01',
  services: [{ serviceCode: 'FAMILY-CARE-DAY', maxPerMonth: 20 }],
};
const person = (carePlans: unknown[]) => ({
  personId: 'P001',
  insuredType: 'employee',
  enrolledOn: '2024-01-01',
  assessments: [{ grade: 4, assessedOn: '2025-06-10' }],
  carePlans,
});
const put = (carePlans: unknown[], extra: Json = {}) => call({ body: { ...person(carePlans), reason: '签订居家护理计划', ...extra } });
const details = (res: { body: Json }) => (res.body.error as { details: Json[] }).details;
/** The current record the n-th transaction wrote. */
const storedItem = (n = 0) => ddb.commandCalls(TransactWriteCommand)[n]?.args[0].input.TransactItems?.[0]?.Put?.Item as Json;

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'POLICY' } }).resolves({ Items: [] });
});

describe('care plans through PUT /registry/persons/{id}', () => {
  it('stores the plans as the domain reads them and answers them back', async () => {
    // Act
    const res = await put([
      HOME_VISIT_PLAN,
      { ...FAMILY_PLAN, to: null, services: [{ serviceCode: 'FAMILY-CARE-DAY', maxPerWeek: null }] },
    ]);
    // Assess
    expect(res.status).toBe(200);
    const expected = [HOME_VISIT_PLAN, { ...FAMILY_PLAN, services: [{ serviceCode: 'FAMILY-CARE-DAY' }] }];
    expect(StoredPersonSchema.parse(res.body).carePlans).toEqual(expected);
    expect(JSON.parse(String(storedItem().doc)).carePlans).toEqual(expected);
  });

  it('keeps an empty services list: a plan that allows nothing', async () => {
    const res = await put([{ ...HOME_VISIT_PLAN, services: [] }]);
    expect(res.status).toBe(200);
    expect(JSON.parse(String(storedItem().doc)).carePlans[0].services).toEqual([]);
  });

  it.each([
    ['a plan without services', [{ ...HOME_VISIT_PLAN, services: undefined }], 'carePlans[0].services'],
    ['a setting that does not exist', [{ ...HOME_VISIT_PLAN, setting: 'day-care' }], 'carePlans[0].setting'],
    ['a from that is not a date', [{ ...HOME_VISIT_PLAN, from: '2026-02-30' }], 'carePlans[0].from'],
    [
      'a frequency of 0',
      [{ ...HOME_VISIT_PLAN, services: [{ serviceCode: 'HV-BATH', maxPerWeek: 0 }] }],
      'carePlans[0].services[0].maxPerWeek',
    ],
    [
      'a fractional frequency',
      [{ ...HOME_VISIT_PLAN, services: [{ serviceCode: 'HV-BATH', maxPerMonth: 1.5 }] }],
      'carePlans[0].services[0].maxPerMonth',
    ],
    ['an empty service code', [{ ...HOME_VISIT_PLAN, services: [{ serviceCode: '' }] }], 'carePlans[0].services[0].serviceCode'],
    [
      'a service listed twice',
      [{ ...HOME_VISIT_PLAN, services: [{ serviceCode: 'HV-BATH' }, { serviceCode: 'HV-BATH', maxPerWeek: 1 }] }],
      'carePlans[0].services[1].serviceCode',
    ],
    ['a planId used twice', [FAMILY_PLAN, { ...HOME_VISIT_PLAN, planId: 'CP-2' }], 'carePlans[1].planId'],
    [
      'two plans of one institution and setting sharing a day',
      [HOME_VISIT_PLAN, { ...HOME_VISIT_PLAN, planId: 'CP-3', from: '2026-06-30', to: undefined }],
      'carePlans[1]',
    ],
  ])('refuses %s with a 400 naming the field in both languages, storing nothing', async (_, plans, path) => {
    // Act
    const res = await put(plans);
    // Assess
    expect(res.status).toBe(400);
    const [first] = details(res);
    expect(first).toMatchObject({ path, code: expect.any(String), message: expect.any(String), messageZh: expect.any(String) });
    expect(first?.messageZh).not.toBe(first?.message);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('names the overlapping plans in both languages', async () => {
    const res = await put([HOME_VISIT_PLAN, { ...HOME_VISIT_PLAN, planId: 'CP-3', from: '2026-06-01' }]);
    expect(details(res)).toEqual([
      {
        path: 'carePlans[1]',
        code: 'PLAN_OVERLAP',
        message: 'shares a day with carePlans[0] of the same institutionId and setting',
        messageZh: '与同一机构、同一护理方式的 carePlans[0] 期间重叠',
      },
    ]);
  });

  it('accepts plans of one institution that overlap in different settings, and consecutive plans of one setting', async () => {
    const res = await put([
      HOME_VISIT_PLAN,
      { ...FAMILY_PLAN, from: '2026-03-01' },
      { ...HOME_VISIT_PLAN, planId: 'CP-4', from: '2026-07-01', to: undefined },
    ]);
    expect(res.status).toBe(200);
  });

  it('refuses more than 100 plans and an unbounded planId before the schema runs', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ ...FAMILY_PLAN, planId: `CP-${i}`, institutionId: `INST-${i}` }));
    expect(details(await put(many))[0]).toMatchObject({ path: 'carePlans', code: 'TOO_MANY_ITEMS' });
    expect(details(await put([{ ...FAMILY_PLAN, planId: 'x'.repeat(65) }]))[0]).toMatchObject({
      path: 'carePlans[0].planId',
      code: 'INVALID_ID',
    });
  });
});

describe('care plans read back', () => {
  /** The record the PUT wrote, as the table would now give it back. */
  async function stored(): Promise<Json> {
    await put([HOME_VISIT_PLAN, FAMILY_PLAN]);
    return storedItem();
  }

  it('are in GET /registry/persons/{id}, as the schema documents them', async () => {
    // Prepare
    const item = await stored();
    ddb.on(GetCommand, { Key: { pk: 'REG#PERSON', sk: 'P001' } }).resolves({ Item: item });
    // Act
    const res = answer(
      await build()(
        event('list-claims', { routeKey: 'GET /registry/persons/{id}', query: {}, pathParameters: { id: 'P001' } }) as never,
        context,
      ),
    );
    // Assess
    expect(res.status).toBe(200);
    expect(PersonViewSchema.parse(res.body).person.carePlans).toEqual([HOME_VISIT_PLAN, FAMILY_PLAN]);
  });

  it('are in the person’s history, each changed plan named by its path', async () => {
    // Prepare: version 2 changes a frequency of CP-1 and removes CP-2
    const v1 = person([HOME_VISIT_PLAN, FAMILY_PLAN]);
    const changed = { ...HOME_VISIT_PLAN, services: [{ serviceCode: 'HV-BATH', maxPerWeek: 3 }, ...HOME_VISIT_PLAN.services.slice(1)] };
    const v2 = person([changed]);
    const version = (n: number, document: Json, before?: Json) => ({
      pk: 'REGHIST#PERSON#P001',
      sk: `V#${String(n).padStart(10, '0')}`,
      document: JSON.stringify(document),
      ...(before ? { before: JSON.stringify(before) } : {}),
      version: n,
      recordedBy: 'analyst-1',
      recordedAt: `2026-04-0${n}T09:00:00.000+08:00`,
      reason: n === 2 ? '护理计划调整：助浴每周 3 次，停止家庭护理' : '签订护理计划',
    });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'REGHIST#PERSON#P001', ':prefix': 'V#' } })
      .resolves({ Items: [version(2, v2, v1), version(1, v1)] });
    // Act
    const res = answer(
      await build()(
        event('list-claims', { routeKey: 'GET /registry/persons/{id}/history', query: {}, pathParameters: { id: 'P001' } }) as never,
        context,
      ),
    );
    // Assess
    const page = HistoryPageSchema.parse(res.body);
    expect(page.items[0]?.changes).toEqual([
      { path: 'carePlans[0].services[0].maxPerWeek', before: 2, after: 3 },
      { path: 'carePlans[1]', before: FAMILY_PLAN },
    ]);
  });

  it('reach the engine the adjudicator restores: the registry read for a claim carries the plans', async () => {
    // Prepare
    const item = await stored();
    ddb.on(BatchGetCommand).callsFake((input) => {
      const keys = (input.RequestItems?.[TABLE]?.Keys ?? []) as { pk: string; sk: string }[];
      return { Responses: { [TABLE]: keys.some((k) => k.pk === 'REG#PERSON' && k.sk === 'P001') ? [item] : [] } };
    });
    const claim = validateClaim({
      kind: 'care-service',
      claimId: 'FC-1',
      institutionId: 'INST-A',
      personId: 'P001',
      submittedAt: '2026-04-02T09:00:00+08:00',
      setting: 'family-care',
      period: { from: '2026-03-01', to: '2026-03-31' },
      days: [{ from: '2026-03-01', to: '2026-03-14' }],
    });
    if (!claim.ok) throw new Error('fixture claim is invalid');
    // Act
    const registry = await new ReferenceStore(doc, TABLE).registryFor([claim.claim]);
    // Assess
    const plans = registry.persons.get('P001')?.carePlans ?? [];
    expect(plans.map((p) => [p.planId, p.setting, p.from, p.to])).toEqual([
      ['CP-1', 'home-visit', day('2026-01-01'), day('2026-06-30')],
      ['CP-2', 'family-care', day('2026-01-01'), undefined],
    ]);
    expect(plans[0]?.services.map((s) => [s.serviceCode, s.maxPerMonth, s.maxPerWeek])).toEqual([
      ['HV-BATH', undefined, 2],
      ['HV-MED', 8, 3],
      ['HV-CLEAN', undefined, undefined],
    ]);
  });
});

describe('§11 policy keys through PUT /policies/{policyId}', () => {
  const ELEVEN = {
    benefitStart: 'next-month',
    carePlanRequired: ['home-visit', 'family-care'],
    visitVerification: { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 15, 'HV-BATH': 45 } },
    monthlyCap: {
      'home-visit': { '3': '900.00', '4': '1050.00', '5': '1200.00' },
      'family-care': { '3': '540.00', '4': '720.00', '5': '900.00' },
    },
    familyCare: { dailyAllowance: { '3': '30.00', '4': '30.00', '5': '30.00' }, ratio: '1.00' },
  };
  const putPolicy = (ltc: Json) =>
    call({
      routeKey: 'PUT /policies/{policyId}',
      pathParameters: { policyId: 'city-2026' },
      body: { effectiveFrom: '2026-01-01', policy: { ltc }, reason: '居家护理新规' },
    });

  it('validates and stores them as given', async () => {
    // Act
    const res = await putPolicy(ELEVEN);
    // Assess
    expect(res.status).toBe(200);
    expect(StoredPolicySchema.parse(res.body).document.ltc).toMatchObject(ELEVEN);
    expect(JSON.parse(String(storedItem().document)).ltc).toMatchObject(ELEVEN);
  });

  it.each([
    ['an unknown benefitStart', { benefitStart: 'next-week' }, 'policy.ltc.benefitStart'],
    ['visitVerification without its default', { visitVerification: { minMinutes: {} } }, 'policy.ltc.visitVerification.defaultMinMinutes'],
    ['negative minutes', { visitVerification: { defaultMinMinutes: -1 } }, 'policy.ltc.visitVerification.defaultMinMinutes'],
    ['a family-care ratio above 1', { familyCare: { ...ELEVEN.familyCare, ratio: '1.20' } }, 'policy.ltc.familyCare.ratio'],
    ['a monthly cap that is not money', { monthlyCap: { 'home-visit': { '4': 1050 } } }, 'policy.ltc.monthlyCap.home-visit.4'],
    ['null for a §11 key', { benefitStart: null }, 'policy.ltc.benefitStart'],
  ])('refuses %s with a field error under policy.ltc, storing nothing', async (_, ltc, path) => {
    const res = await putPolicy(ltc);
    expect(res.status).toBe(400);
    expect(details(res).map((d) => d.path)).toContain(path);
    expect(details(res).every((d) => typeof d.messageZh === 'string')).toBe(true);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
