/**
 * Validation of the §11 fields (DOMAIN.md §11.1–§11.3, §3), through `ltc replay`: a policy or registry
 * that fails is a ScenarioError (exit 2) whose one line names the field; a bad family-care `days` or
 * visit record makes the claim an invalid arrival (VALIDATION_FAILED) with the field in `errors[].path`.
 * Messages are not pinned, only the field they name.
 */
import { describe, expect, it } from 'vitest';
import { replay, ScenarioError } from '../../domain/replay.ts';
import {
  day,
  days,
  FAMILY_30,
  familyCare,
  homeVisit,
  INSTITUTIONS,
  institutional,
  item,
  type Json,
  person,
  plan,
  run,
  scenario,
  VISITS,
  visited,
} from '../support/home-care-builders.ts';
import type { Loose } from '../support/subsidy-builders.ts';

/** The one-line error of a scenario that cannot be replayed, or undefined when it replays. */
const scenarioError = (doc: Json): string | undefined => {
  try {
    replay(doc);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  return undefined;
};

const EMPTY_REGISTRY = { persons: [], institutions: [] };
const withPolicy = (ltc: unknown): Json => ({ policy: { ltc }, registry: EMPTY_REGISTRY, claims: [] });

/** The §11.1 example, every key set. */
const SECTION_11_1 = {
  benefitStart: 'next-month',
  carePlanRequired: ['home-visit', 'family-care'],
  visitVerification: { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 15, 'HV-BATH': 45 } },
  monthlyCap: {
    'home-visit': { '3': '900.00', '4': '1050.00', '5': '1200.00' },
    'family-care': { '3': '540.00', '4': '720.00', '5': '900.00' },
  },
  familyCare: { dailyAllowance: { '3': '30.00', '4': '30.00', '5': '30.00' }, ratio: '1.00' },
};
const allowance = { '3': '30.00', '4': '30.00', '5': '30.00' };

describe('policy keys (§11.1)', () => {
  it.each<[string, unknown, RegExp]>([
    ['benefitStart: null', { benefitStart: null }, /benefitStart/],
    ['an unknown benefitStart', { benefitStart: 'next_month' }, /benefitStart/],
    ['carePlanRequired: null', { carePlanRequired: null }, /carePlanRequired/],
    ['carePlanRequired that is not an array', { carePlanRequired: 'home-visit' }, /carePlanRequired/],
    ['an unknown setting in carePlanRequired', { carePlanRequired: ['home-visit', 'home'] }, /carePlanRequired/],
    ['visitVerification: null', { visitVerification: null }, /visitVerification/],
    ['visitVerification without defaultMinMinutes', { visitVerification: {} }, /defaultMinMinutes/],
    ['minMinutes without defaultMinMinutes', { visitVerification: { minMinutes: { 'HV-MED': 15 } } }, /defaultMinMinutes/],
    ['negative defaultMinMinutes', { visitVerification: { defaultMinMinutes: -1 } }, /defaultMinMinutes/],
    ['fractional defaultMinMinutes', { visitVerification: { defaultMinMinutes: 1.5 } }, /defaultMinMinutes/],
    ['defaultMinMinutes as a string', { visitVerification: { defaultMinMinutes: '30' } }, /defaultMinMinutes/],
    ['defaultMinMinutes: null', { visitVerification: { defaultMinMinutes: null } }, /defaultMinMinutes/],
    ['negative minMinutes', { visitVerification: { defaultMinMinutes: 30, minMinutes: { 'HV-MED': -5 } } }, /minMinutes/],
    ['fractional minMinutes', { visitVerification: { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 7.5 } } }, /minMinutes/],
    ['minMinutes: null', { visitVerification: { defaultMinMinutes: 30, minMinutes: null } }, /minMinutes/],
    ['an unknown key in visitVerification', { visitVerification: { defaultMinMinutes: 30, maxMinutes: 90 } }, /maxMinutes/],
    ['monthlyCap: null', { monthlyCap: null }, /monthlyCap/],
    ['a monthly cap as a number', { monthlyCap: { 'home-visit': { '4': 1050 } } }, /monthlyCap/],
    ['a monthly cap with 3 decimals', { monthlyCap: { 'home-visit': { '4': '1050.001' } } }, /monthlyCap/],
    ['a negative monthly cap', { monthlyCap: { 'home-visit': { '4': '-1.00' } } }, /monthlyCap/],
    ['a monthly cap for grade 6', { monthlyCap: { 'home-visit': { '6': '100.00' } } }, /monthlyCap/],
    ['a monthly cap for an unknown setting', { monthlyCap: { 'home-care': { '4': '100.00' } } }, /monthlyCap|home-care/],
    ['a setting of monthlyCap set to null', { monthlyCap: { 'home-visit': null } }, /monthlyCap/],
    ['familyCare: null', { familyCare: null }, /familyCare/],
    ['familyCare without dailyAllowance', { familyCare: { ratio: '0.40' } }, /dailyAllowance/],
    ['familyCare without ratio', { familyCare: { dailyAllowance: allowance } }, /ratio/],
    ['a family-care ratio above 1', { familyCare: { dailyAllowance: allowance, ratio: '1.10' } }, /ratio/],
    ['a negative family-care ratio', { familyCare: { dailyAllowance: allowance, ratio: '-0.10' } }, /ratio/],
    ['a family-care ratio as a number', { familyCare: { dailyAllowance: allowance, ratio: 0.4 } }, /ratio/],
    [
      'an eligible grade without a daily allowance',
      { familyCare: { dailyAllowance: { '3': '30.00', '4': '30.00' }, ratio: '1.00' } },
      /dailyAllowance|eligibleGrades/,
    ],
    [
      'a daily allowance as a number',
      { familyCare: { dailyAllowance: { '3': '30.00', '4': 30, '5': '30.00' }, ratio: '1.00' } },
      /dailyAllowance/,
    ],
    ['an unknown key in familyCare', { familyCare: { dailyAllowance: allowance, ratio: '1.00', cap: '900.00' } }, /cap/],
    [
      'a newly eligible grade with daily caps but no daily allowance',
      {
        eligibleGrades: [2, 3, 4, 5],
        dailyCap: { institutional: { '2': '30.00' }, 'home-visit': { '2': '25.00' } },
        familyCare: { dailyAllowance: allowance, ratio: '1.00' },
      },
      /dailyAllowance|eligibleGrades/,
    ],
    // §11.1: the priced settings keep dailyCap and catalog; family-care has none of them
    ['a daily cap for family care', { dailyCap: { 'family-care': { '3': '30.00', '4': '30.00', '5': '30.00' } } }, /dailyCap|family-care/],
    ['a catalog for family care', { catalog: { 'family-care': ['FAMILY-CARE-DAY'] } }, /catalog|family-care/],
  ])('refuses %s, naming the field (exit 2)', (_label, ltc, field) => {
    // Act
    const message = scenarioError(withPolicy(ltc));

    // Assess
    expect(message).toMatch(/^policy/);
    expect(message).toMatch(field);
  });

  it.each<[string, unknown]>([
    ['the §11.1 example', SECTION_11_1],
    ['benefitStart "assessment-day"', { benefitStart: 'assessment-day' }],
    ['an empty carePlanRequired', { carePlanRequired: [] }],
    ['carePlanRequired naming all four settings', { carePlanRequired: ['institutional', 'home-visit', 'medical-care', 'family-care'] }],
    ['a minimum of 0 minutes and no minMinutes', { visitVerification: { defaultMinMinutes: 0 } }],
    ['a per-code minimum of 0', { visitVerification: { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 0 } } }],
    ['a monthly cap for one grade of one setting', { monthlyCap: { 'home-visit': { '4': '1050.00' } } }],
    [
      'monthly caps for every setting, grades 0 and 5',
      {
        monthlyCap: {
          institutional: { '0': '0.00', '5': '2000.00' },
          'home-visit': { '5': '1200.00' },
          'medical-care': { '5': '3000.00' },
          'family-care': { '5': '900.00' },
        },
      },
    ],
    ['a family-care ratio of 0', { familyCare: { dailyAllowance: allowance, ratio: '0.00' } }],
    [
      'fewer eligible grades with their daily allowances',
      { eligibleGrades: [4, 5], familyCare: { dailyAllowance: { '4': '30.00', '5': '30.00' }, ratio: '0.40' } },
    ],
  ])('accepts %s', (_label, ltc) => {
    // Act
    const message = scenarioError(withPolicy(ltc));

    // Assess
    expect(message).toBeUndefined();
  });
});

describe('care plans in the registry (§11.2)', () => {
  /** §11.2's example plans on one person. */
  const examplePerson = (): Loose =>
    person('P-1', {
      carePlans: [
        plan('CP-1', 'HC-A', 'home-visit', '2026-01-01', '2026-06-30', [
          { serviceCode: 'HV-BATH', maxPerWeek: 2 },
          { serviceCode: 'HV-MED', maxPerMonth: 8, maxPerWeek: 3 },
          { serviceCode: 'HV-CLEAN' },
        ]),
        plan('CP-2', 'HC-A', 'family-care', '2026-01-01', undefined, [{ serviceCode: 'FAMILY-CARE-DAY', maxPerMonth: 20 }]),
      ],
    });
  /** A scenario whose only person is the example person with one change applied. */
  const withPerson = (mutate: (p: Loose) => void): Json => {
    const p = examplePerson();
    mutate(p);
    return { registry: { persons: [p], institutions: INSTITUTIONS }, claims: [] };
  };

  it('accepts §11.2’s example', () => {
    expect(scenarioError(withPerson(() => {}))).toBeUndefined();
  });

  it.each<[string, (p: Loose) => void, RegExp]>([
    ['carePlans that is not an array', (p) => (p.carePlans = 'CP-1'), /carePlans/],
    ['a missing planId', (p) => delete p.carePlans[0].planId, /planId/],
    ['an empty planId', (p) => (p.carePlans[0].planId = ''), /planId/],
    ['a planId used twice in one person', (p) => (p.carePlans[1].planId = 'CP-1'), /planId/],
    ['a missing institutionId', (p) => delete p.carePlans[0].institutionId, /institutionId/],
    ['an empty institutionId', (p) => (p.carePlans[0].institutionId = ''), /institutionId/],
    ['an unknown setting', (p) => (p.carePlans[0].setting = 'home'), /setting/],
    ['a missing setting', (p) => delete p.carePlans[0].setting, /setting/],
    ['a missing from', (p) => delete p.carePlans[0].from, /from/],
    ['an impossible from', (p) => (p.carePlans[0].from = '2026-02-30'), /from/],
    ['an impossible to', (p) => (p.carePlans[0].to = '2026-13-01'), /to/],
    ['missing services', (p) => delete p.carePlans[0].services, /services/],
    ['services: null (services is required)', (p) => (p.carePlans[0].services = null), /services/],
    ['services that is not an array', (p) => (p.carePlans[0].services = { serviceCode: 'HV-BATH' }), /services/],
    ['an empty serviceCode', (p) => (p.carePlans[0].services[0].serviceCode = ''), /serviceCode/],
    ['a missing serviceCode', (p) => delete p.carePlans[0].services[2].serviceCode, /serviceCode/],
    ['a serviceCode listed twice', (p) => p.carePlans[0].services.push({ serviceCode: 'HV-BATH', maxPerMonth: 4 }), /serviceCode|services/],
    ['maxPerMonth 0', (p) => (p.carePlans[0].services[1].maxPerMonth = 0), /maxPerMonth/],
    ['a fractional maxPerWeek', (p) => (p.carePlans[0].services[0].maxPerWeek = 1.5), /maxPerWeek/],
    ['maxPerWeek as a string', (p) => (p.carePlans[0].services[0].maxPerWeek = '2'), /maxPerWeek/],
    ['a negative maxPerWeek', (p) => (p.carePlans[0].services[0].maxPerWeek = -1), /maxPerWeek/],
    [
      'two plans of one institution and setting sharing a day',
      (p) => p.carePlans.push(plan('CP-3', 'HC-A', 'home-visit', '2026-06-30', '2026-12-31', [{ serviceCode: 'HV-BATH' }])),
      /carePlans/,
    ],
    [
      'a plan inside an open-ended plan of the same institution and setting',
      (p) => p.carePlans.push(plan('CP-3', 'HC-A', 'family-care', '2027-03-01', '2027-03-31', [{ serviceCode: 'FAMILY-CARE-DAY' }])),
      /carePlans/,
    ],
  ])('refuses %s, naming the field (exit 2)', (_label, mutate, field) => {
    // Act
    const message = scenarioError(withPerson(mutate));

    // Assess: the one line names the person's care plans and the field
    expect(message).toMatch(/^registry\.persons\[0\]\.carePlans/);
    expect(message).toMatch(field);
  });

  it.each<[string, (p: Loose) => void]>([
    ['carePlans: null (absent)', (p) => (p.carePlans = null)],
    ['to: null (open-ended)', (p) => (p.carePlans[0].to = null)],
    [
      'maxPerMonth and maxPerWeek: null (absent)',
      (p) => Object.assign(p.carePlans[0].services[1], { maxPerMonth: null, maxPerWeek: null }),
    ],
    ['an empty services array', (p) => (p.carePlans[0].services = [])],
    ['a plan with an institution not in the registry', (p) => (p.carePlans[0].institutionId = 'INST-ELSEWHERE')],
    [
      'two plans of one institution and setting one after the other',
      (p) => Object.assign(p.carePlans[1], { setting: 'home-visit', from: '2026-07-01', services: [{ serviceCode: 'HV-BATH' }] }),
    ],
    [
      'overlapping plans of one institution for two settings',
      (p) => p.carePlans.push(plan('CP-3', 'HC-A', 'institutional', '2026-01-01', undefined, [])),
    ],
    [
      'overlapping plans of two institutions for one setting, with the same service',
      (p) => p.carePlans.push(plan('CP-3', 'HC-B', 'home-visit', '2026-01-01', undefined, [{ serviceCode: 'HV-BATH' }])),
    ],
    [
      'a plan that ends before it starts, beside one of the same institution and setting that covers its dates',
      (p) => p.carePlans.push(plan('CP-3', 'HC-A', 'home-visit', '2026-03-20', '2026-03-10', [{ serviceCode: 'HV-BATH' }])),
    ],
    [
      'unknown keys in a plan and in a service',
      (p) => {
        p.carePlans[0].note = '首次评估后制定';
        p.carePlans[0].services[0].remark = 'x';
      },
    ],
  ])('accepts %s', (_label, mutate) => {
    expect(scenarioError(withPerson(mutate))).toBeUndefined();
  });

  it('accepts the same planId in two persons and ltc designations for family care', () => {
    // Prepare: INSTITUTIONS designate HC-A, HC-B and HC-C for family-care
    const registry = { persons: [examplePerson(), { ...examplePerson(), personId: 'P-2' }], institutions: INSTITUTIONS };

    // Act
    const message = scenarioError({ registry, claims: [] });

    // Assess
    expect(message).toBeUndefined();
  });
});

describe('family-care claims (§11.3)', () => {
  /** §11.3's example claim. */
  const example = (): Loose =>
    familyCare('FC-1', [day('2026-03-01', '2026-03-14'), day('2026-03-20')], {
      period: { from: '2026-03-01', to: '2026-03-31' },
      submittedAt: '2026-04-02T09:00:00+08:00',
    });
  const entry = (claim: unknown) => run(scenario([person('P-EMP')], [claim], FAMILY_30)).claims[0] as unknown as Loose;
  const names = (paths: string[], path: string) => paths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`));

  it('accepts §11.3’s example', () => {
    expect(entry(example())).toMatchObject({ claimId: 'FC-1', kind: 'care-service', status: 'approved' });
  });

  it.each<[string, (c: Loose) => void, string]>([
    ['missing days', (c) => delete c.days, 'days'],
    ['empty days', (c) => (c.days = []), 'days'],
    ['days that is not an array', (c) => (c.days = { date: '2026-03-20' }), 'days'],
    ['an entry with both date and from/to', (c) => (c.days[0].date = '2026-03-01'), 'days[0]'],
    ['an entry with neither date nor from/to', (c) => (c.days[0] = {}), 'days[0]'],
    ['an entry with from but no to', (c) => (c.days[0] = { from: '2026-03-01' }), 'days[0]'],
    ['an entry ending before it starts', (c) => (c.days[0] = { from: '2026-03-14', to: '2026-03-01' }), 'days[0]'],
    ['a quantity', (c) => (c.days[1].quantity = 1), 'days[1]'],
    ['a day before the period', (c) => (c.days[1] = { date: '2026-02-28' }), 'days[1]'],
    ['a range ending after the period', (c) => (c.days[0] = { from: '2026-03-25', to: '2026-04-01' }), 'days[0]'],
    ['an impossible date', (c) => (c.days[1] = { date: '2026-02-30' }), 'days[1]'],
    ['an entry that is a string', (c) => (c.days[1] = '2026-03-20'), 'days[1]'],
    ['an entry that is null', (c) => (c.days[1] = null), 'days[1]'],
    ['a day inside another entry', (c) => c.days.push({ date: '2026-03-05' }), 'days'],
    ['the same date twice', (c) => c.days.push({ date: '2026-03-20' }), 'days'],
    ['ranges sharing their end day', (c) => c.days.push({ from: '2026-03-14', to: '2026-03-16' }), 'days'],
    ['a lines key', (c) => (c.lines = [{ serviceCode: 'FAMILY-CARE-DAY', date: '2026-03-21', unitPrice: '30.00' }]), 'lines'],
    ['an empty lines key', (c) => (c.lines = []), 'lines'],
    // 2026-03-30 09:00 in Shanghai: the period ends 03-31
    ['a period ending after the Shanghai date of submittedAt', (c) => (c.submittedAt = '2026-03-30T09:00:00+08:00'), 'period.to'],
  ])('refuses %s as VALIDATION_FAILED naming the field', (_label, mutate, path) => {
    // Prepare
    const claim = example();
    mutate(claim);

    // Act
    const result = entry(claim);

    // Assess
    expect(result).toMatchObject({ claimId: 'FC-1', status: 'invalid', fundAmount: '0.00', reasonCodes: ['VALIDATION_FAILED'] });
    expect(
      names(
        (result.errors as { path: string }[]).map((e) => e.path),
        path,
      ),
    ).toBe(true);
  });

  it.each<[string, (c: Loose) => void]>([
    ['entries out of date order, adjacent ranges', (c) => (c.days = [day('2026-03-15', '2026-03-20'), day('2026-03-01', '2026-03-14')])],
    ['a one-day range', (c) => (c.days = [day('2026-03-05', '2026-03-05')])],
    ['an unknown key in an entry', (c) => (c.days[1].note = '家属护理')],
    // 2026-03-30T16:00:00Z is 2026-03-31 00:00 in Shanghai
    ['a submission on the last day in Shanghai (still 03-30 in UTC)', (c) => (c.submittedAt = '2026-03-30T16:00:00Z')],
  ])('accepts %s', (_label, mutate) => {
    // Prepare
    const claim = example();
    mutate(claim);

    // Act
    const result = entry(claim);

    // Assess
    expect(result.status).not.toBe('invalid');
  });

  it('ignores a days key on a claim of another setting, as an unknown key', () => {
    // Prepare: an institutional and a home-visit claim, each with and without `days`
    const nh = institutional('CS-1', [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '60.00')]);
    const hv = homeVisit('CS-2', [item('HV-BATH', '2026-03-05', '60.00')]);
    const withDays = [nh, hv].map((c) => ({ ...c, days: [{ date: '2026-03-03' }, { from: '2026-03-03', to: '2026-03-01', quantity: 2 }] }));

    // Act
    const plain = run(scenario([person('P-EMP')], [nh, hv], FAMILY_30));
    const extra = run(scenario([person('P-EMP')], withDays, FAMILY_30));

    // Assess: 2 × 42.00 = 84.00 and min(60, 45) × 0.80 = 36.00, with or without `days`
    expect(extra.claims).toEqual(plain.claims);
    expect(plain.claims.map((c) => [c.claimId, c.status, c.fundAmount])).toEqual([
      ['CS-1', 'approved', '84.00'],
      ['CS-2', 'approved', '36.00'],
    ]);
  });
});

describe('visit records (§11.3)', () => {
  /** A home-visit claim: a verified bath on 03-05 (line 0) and a from/to line (line 1). */
  const baseline = (): Loose =>
    homeVisit('CS-1', [
      visited('HV-BATH', '2026-03-05', '60.00', '09:02', '09:47:30'),
      days('HV-TURN', '2026-03-06', '2026-03-07', '20.00'),
    ]);
  const entry = (claim: unknown) => run(scenario([person('P-EMP')], [claim], VISITS)).claims[0] as unknown as Loose;
  const names = (paths: string[], path: string) => paths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  const visitOn = (date: string) => ({ checkIn: `${date}T09:00:00+08:00`, checkOut: `${date}T10:00:00+08:00` });

  it('accepts §11.3’s example line', () => {
    expect(entry(baseline()).status).not.toBe('invalid');
  });

  it.each<[string, () => Loose, string]>([
    [
      'a visit on a from/to line',
      () => {
        const c = baseline();
        c.lines[1].visit = visitOn('2026-03-06');
        return c;
      },
      'lines[1]',
    ],
    [
      'a visit in an institutional claim',
      () => institutional('CS-1', [{ ...item('LTC-INST-DAY', '2026-03-05', '60.00'), visit: visitOn('2026-03-05') }]),
      'lines[0]',
    ],
    [
      'a visit in a medical-care claim',
      () =>
        ({
          ...institutional('CS-1', [{ ...item('LTC-MED-DAY', '2026-03-05', '60.00'), visit: visitOn('2026-03-05') }], {
            institutionId: 'HOSP-2',
          }),
          setting: 'medical-care',
        }) as Loose,
      'lines[0]',
    ],
    [
      'checkOut before checkIn',
      () => {
        const c = baseline();
        c.lines[0].visit = { checkIn: '2026-03-05T09:47:30+08:00', checkOut: '2026-03-05T09:02:00+08:00' };
        return c;
      },
      'lines[0].visit',
    ],
    [
      'checkOut one second before checkIn, written in another offset',
      () => {
        const c = baseline();
        c.lines[0].visit = { checkIn: '2026-03-05T09:00:00+08:00', checkOut: '2026-03-05T00:59:59Z' };
        return c;
      },
      'lines[0].visit',
    ],
    [
      'a checkIn that is not a timestamp',
      () => {
        const c = baseline();
        c.lines[0].visit.checkIn = '09:02';
        return c;
      },
      'lines[0].visit.checkIn',
    ],
    [
      'a checkIn without an offset',
      () => {
        const c = baseline();
        c.lines[0].visit.checkIn = '2026-03-05T09:02:00';
        return c;
      },
      'lines[0].visit.checkIn',
    ],
    [
      'a checkIn that is a number',
      () => {
        const c = baseline();
        c.lines[0].visit.checkIn = 1772672520000;
        return c;
      },
      'lines[0].visit.checkIn',
    ],
    [
      'a missing checkOut',
      () => {
        const c = baseline();
        delete c.lines[0].visit.checkOut;
        return c;
      },
      'lines[0].visit.checkOut',
    ],
    [
      'visit: null',
      () => {
        const c = baseline();
        c.lines[0].visit = null;
        return c;
      },
      'lines[0].visit',
    ],
    [
      'a visit that is a string',
      () => {
        const c = baseline();
        c.lines[0].visit = '2026-03-05T09:02:00+08:00';
        return c;
      },
      'lines[0].visit',
    ],
  ])('refuses %s as VALIDATION_FAILED naming the field', (_label, build, path) => {
    // Act
    const result = entry(build());

    // Assess
    expect(result).toMatchObject({ claimId: 'CS-1', status: 'invalid', fundAmount: '0.00', reasonCodes: ['VALIDATION_FAILED'] });
    expect(
      names(
        (result.errors as { path: string }[]).map((e) => e.path),
        path,
      ),
    ).toBe(true);
  });

  it.each<[string, (c: Loose) => void]>([
    [
      'checkOut equal to checkIn',
      (c) => (c.lines[0].visit = { checkIn: '2026-03-05T09:02:00+08:00', checkOut: '2026-03-05T09:02:00+08:00' }),
    ],
    ['a visit on another date than the line (rule 6b decides, not validation)', (c) => (c.lines[0].visit = visitOn('2026-03-04'))],
    [
      'UTC timestamps with fractions of a second',
      (c) => (c.lines[0].visit = { checkIn: '2026-03-05T01:02:00.250Z', checkOut: '2026-03-05T01:47:30.5Z' }),
    ],
    // submitted 2026-03-07 09:30 in Shanghai: the bath's visit was on 03-05, the from/to line ends 03-07
    [
      'a check-out after submittedAt (never compared with it)',
      (c) => {
        c.submittedAt = '2026-03-07T09:30:00+08:00';
        c.lines[0].visit = { checkIn: '2026-03-05T09:00:00+08:00', checkOut: '2026-03-09T10:00:00+08:00' };
      },
    ],
    [
      'two lines whose visits overlap (never compared with each other)',
      (c) => c.lines.push(visited('HV-MED', '2026-03-05', '20.00', '09:10', '09:40')),
    ],
    ['an unknown key in a visit', (c) => (c.lines[0].visit.staffId = 'N-07')],
  ])('accepts %s', (_label, mutate) => {
    // Prepare
    const claim = baseline();
    mutate(claim);

    // Act
    const result = entry(claim);

    // Assess
    expect(result.errors ?? []).toEqual([]);
    expect(result.status).not.toBe('invalid');
  });

  it('validates visits even when visitVerification is off', () => {
    // Prepare
    const claim = baseline();
    claim.lines[0].visit = { checkIn: '2026-03-05T09:47:30+08:00', checkOut: '2026-03-05T09:02:00+08:00' };

    // Act
    const result = run(scenario([person('P-EMP')], [claim])).claims[0] as unknown as Loose;

    // Assess
    expect(result).toMatchObject({ status: 'invalid', reasonCodes: ['VALIDATION_FAILED'] });
    expect(
      names(
        (result.errors as { path: string }[]).map((e) => e.path),
        'lines[0].visit',
      ),
    ).toBe(true);
  });
});
