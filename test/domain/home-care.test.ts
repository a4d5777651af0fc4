/**
 * Home care (DOMAIN.md §11), checked through `ltc replay` against figures computed by hand from the
 * spec alone: care plans (rule 6a), visit records (6b), duplicate days with both (7), plan
 * frequencies (7a), monthly packages then the annual cap, family care, benefitStart next-month, the
 * statuses, and order independence.
 *
 * Unless a test says otherwise the person is P-EMP: employee, enrolled 2024-01-01, grade 4 since
 * 2025-06-10. Home visits then pay min(charge, 45.00) × (0.70 + 0.10) = at most 36.00 a day;
 * institutional days min(charge, 60.00) × 0.70 = at most 42.00. P-RES (resident, grade 5): home
 * visits min(charge, 50.00) × 0.60, at most 30.00. Institutions: test/support/home-care-builders.ts.
 *
 * Calendar (ISO weeks, Monday first): 2026-03-02, 03-09, 03-16, 03-23 and 03-30 are Mondays; the
 * week of Monday 03-30 runs to Sunday 04-05 and so spans March and April.
 */
import { describe, expect, it } from 'vitest';
import {
  checkEveryOrder,
  cst,
  day,
  days,
  FAMILY_30,
  familyCare,
  homeVisit,
  institutional,
  item,
  medical,
  PLANS,
  person,
  plan,
  run,
  runInOrder,
  scenario,
  summary,
  VISITS,
  visited,
  visitedAt,
} from '../support/home-care-builders.ts';

const P_EMP = person('P-EMP');
const P_RES = person('P-RES', { insuredType: 'resident', grade: 5 });
const HOME_VISITS_ONLY = { carePlanRequired: ['home-visit'] };
/** A plan at HC-A for home visits from 2026-01-01, open-ended. */
const hvPlan = (services: { serviceCode: string; maxPerMonth?: number; maxPerWeek?: number }[], planId = 'CP-1') =>
  plan(planId, 'HC-A', 'home-visit', '2026-01-01', undefined, services);

describe('with no §11 key set (demo-2026)', () => {
  it('ignores visit records and care plans: a home visit is decided as §4 says', () => {
    // Prepare: a 5-minute visit, a line without a visit, a visit that starts the day before, and a second
    // HV-MED in a week where the plan allows one: none of it matters without visitVerification/carePlanRequired
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-MED', maxPerWeek: 1 }])] });
    const claim = homeVisit('CS-1', [
      visited('HV-BATH', '2026-03-02', '60.00', '09:00', '09:05'),
      item('HV-CLEAN', '2026-03-03', '50.00'),
      visitedAt('HV-MED', '2026-03-04', '20.00', '2026-03-03T22:00:00+08:00', '2026-03-04T08:00:00+08:00'),
      item('HV-MED', '2026-03-05', '20.00'),
    ]);

    // Act
    const out = run(scenario([p], [claim]));

    // Assess: 03-02 min(60, 45) × 0.80 = 36.00; 03-03 min(50, 45) × 0.80 = 36.00; 03-04 and 03-05 20 × 0.80 = 16.00 each
    // → 104.00; charged 60 + 50 + 20 + 20 = 150.00, personal 46.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '104.00', personalAmount: '46.00', reasonCodes: [] });
  });

  it('does not cover a family-care claim, which then holds no day against an institutional claim', () => {
    // Prepare: the family-care claim is submitted first
    const fc = familyCare('FC-1', [day('2026-03-06', '2026-03-07')], { submittedAt: '2026-04-01T09:00:00+08:00' });
    const nh = institutional('CS-2', [days('LTC-INST-DAY', '2026-03-06', '2026-03-07', '60.00')], {
      submittedAt: '2026-04-02T09:00:00+08:00',
    });

    // Act
    const out = run(scenario([P_EMP], [fc, nh]));

    // Assess: family care has no bill: charged = fund = 0.00, personal 0.00; the nursing home keeps both days,
    // 2 × min(60, 60) × 0.70 = 84.00, charged 120.00, personal 36.00
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '0.00',
      reasonCodes: ['SERVICE_NOT_COVERED'],
    });
    expect(summary(out.claim('CS-2'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
  });

  it('reads benefitStart "assessment-day" as the §3 rule, the same as leaving it out', () => {
    // Prepare: first assessed 2026-03-10 (grade 4)
    const p = person('P-NEW', { assessments: [{ grade: 4, assessedOn: '2026-03-10' }] });
    const claim = institutional('CS-1', [days('LTC-INST-DAY', '2026-03-09', '2026-03-11', '60.00')], { personId: 'P-NEW' });

    // Act
    const absent = run(scenario([p], [claim]));
    const explicit = run(scenario([p], [claim], { benefitStart: 'assessment-day' }));

    // Assess: 03-09 has no assessment; 03-10 and 03-11 pay 60 × 0.70 = 42.00 each → 84.00; charged 180.00, personal 96.00
    const expected = { status: 'partially-approved', fundAmount: '84.00', personalAmount: '96.00', reasonCodes: ['NO_VALID_ASSESSMENT'] };
    expect(summary(absent.claim('CS-1'))).toEqual(expected);
    expect(summary(explicit.claim('CS-1'))).toEqual(expected);
  });
});

describe('rule 6a: NOT_IN_CARE_PLAN', () => {
  it.each<[string, Record<string, unknown>[] | undefined]>([
    ['the person has no care plan', undefined],
    ['the plan is with another institution', [plan('CP-1', 'HC-B', 'home-visit', '2026-01-01', undefined, [{ serviceCode: 'HV-BATH' }])]],
    ['the plan is for another setting', [plan('CP-1', 'HC-A', 'family-care', '2026-01-01', undefined, [{ serviceCode: 'HV-BATH' }])]],
    [
      'the plan ends before it starts (covers nothing)',
      [plan('CP-1', 'HC-A', 'home-visit', '2026-03-20', '2026-03-10', [{ serviceCode: 'HV-BATH' }])],
    ],
    ['the plan lists no service', [plan('CP-1', 'HC-A', 'home-visit', '2026-01-01', undefined, [])]],
  ])('rejects a home visit when %s', (_label, carePlans) => {
    // Prepare
    const p = person('P-EMP', carePlans === undefined ? {} : { carePlans });
    const claim = homeVisit('CS-1', [item('HV-BATH', '2026-03-15', '60.00')]);

    // Act
    const out = run(scenario([p], [claim], HOME_VISITS_ONLY));

    // Assess: charged 60.00, all personal
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '60.00',
      reasonCodes: ['NOT_IN_CARE_PLAN'],
    });
  });

  it('pays a home visit that the plan with this institution and setting lists on that day', () => {
    // Prepare: the same claim as above, with a matching plan
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH' }])] });
    const claim = homeVisit('CS-1', [item('HV-BATH', '2026-03-15', '60.00')]);

    // Act
    const out = run(scenario([p], [claim], HOME_VISITS_ONLY));

    // Assess: min(60, 45) × 0.80 = 36.00; personal 24.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '36.00', personalAmount: '24.00', reasonCodes: [] });
  });

  it('pays only the days the plan covers, from and to inclusive, and only the services it lists', () => {
    // Prepare: CP-1 covers 03-10..03-20 and lists HV-BATH and HV-MED
    const p = person('P-EMP', {
      carePlans: [plan('CP-1', 'HC-A', 'home-visit', '2026-03-10', '2026-03-20', [{ serviceCode: 'HV-BATH' }, { serviceCode: 'HV-MED' }])],
    });
    const claim = homeVisit('CS-1', [
      item('HV-BATH', '2026-03-09', '60.00'), // before the plan
      item('HV-BATH', '2026-03-10', '30.00'), // first day of the plan
      item('HV-CLEAN', '2026-03-10', '20.00'), // not listed
      item('HV-MED', '2026-03-20', '30.00'), // last day of the plan
      item('HV-MED', '2026-03-21', '30.00'), // after the plan
    ]);

    // Act
    const out = run(scenario([p], [claim], HOME_VISITS_ONLY));

    // Assess: 03-10 charge 30.00 only (HV-CLEAN left out; with it, min(50, 45) would give 36.00) × 0.80 = 24.00;
    // 03-20 30 × 0.80 = 24.00 → 48.00; charged 60 + 30 + 20 + 30 + 30 = 170.00, personal 122.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '48.00',
      personalAmount: '122.00',
      reasonCodes: ['NOT_IN_CARE_PLAN'],
    });
  });

  it('treats a plan without `to`, or with `to: null`, as open-ended', () => {
    // Prepare
    const emp = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH' }])] });
    const res = person('P-RES', {
      insuredType: 'resident',
      grade: 5,
      carePlans: [{ ...hvPlan([{ serviceCode: 'HV-BATH' }]), to: null }],
    });
    const claims = [
      homeVisit('CS-1', [item('HV-BATH', '2026-12-15', '40.00')]),
      homeVisit('CS-2', [item('HV-BATH', '2026-12-16', '40.00')], { personId: 'P-RES' }),
    ];

    // Act
    const out = run(scenario([emp, res], claims, HOME_VISITS_ONLY));

    // Assess: P-EMP 40 × 0.80 = 32.00, personal 8.00; P-RES 40 × (0.50 + 0.10) = 24.00, personal 16.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '32.00', personalAmount: '8.00', reasonCodes: [] });
    expect(summary(out.claim('CS-2'))).toEqual({ status: 'approved', fundAmount: '24.00', personalAmount: '16.00', reasonCodes: [] });
  });

  it('reads no plan for a setting that carePlanRequired does not list, so its frequencies change nothing', () => {
    // Prepare: plans are required for family care only; the home-visit plan allows one bath a week and no HV-CLEAN
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: 1 }])] });
    const claim = homeVisit('CS-1', [
      item('HV-BATH', '2026-03-02', '45.00'),
      item('HV-BATH', '2026-03-03', '45.00'),
      item('HV-BATH', '2026-03-04', '45.00'),
      item('HV-CLEAN', '2026-03-05', '45.00'),
    ]);

    // Act
    const out = run(scenario([p], [claim], { carePlanRequired: ['family-care'] }));

    // Assess: 4 days × 45 × 0.80 = 144.00; charged 180.00, personal 36.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '144.00', personalAmount: '36.00', reasonCodes: [] });
  });

  it('reports only the first failing rule: 2, 5 and 6 before 6a, and 6a before 6b', () => {
    // Prepare: the plan lists HV-BATH only; visits are verified too. P-WAIT's waiting period runs to 2026-06-01.
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH' }])] });
    const waiting = person('P-WAIT', { enrolledOn: '2025-12-01' });
    const claims = [
      // not in the plan and no visit
      homeVisit('CS-1', [item('HV-CLEAN', '2026-03-02', '20.00')]),
      // not in the plan, visited, on an inpatient day
      homeVisit('CS-2', [visited('HV-CLEAN', '2026-03-10', '20.00', '09:00', '10:00')]),
      // no plan, no visit, in the waiting period
      homeVisit('CS-3', [item('HV-BATH', '2026-03-03', '60.00')], { personId: 'P-WAIT' }),
      // a nursing home has no home-visit designation
      homeVisit('CS-4', [item('HV-CLEAN', '2026-03-04', '20.00')], { institutionId: 'NH-A' }),
      medical('MS-1', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-10',
        dischargedOn: '2026-03-12',
        total: '3000.00',
        eligible: '2000.00',
      }),
    ];

    // Act
    const out = run(scenario([p, waiting], claims, { ...PLANS, ...VISITS }));

    // Assess
    expect(out.claim('CS-1').reasonCodes).toEqual(['NOT_IN_CARE_PLAN']);
    expect(out.claim('CS-2').reasonCodes).toEqual(['INPATIENT_OVERLAP']);
    expect(out.claim('CS-3').reasonCodes).toEqual(['WAITING_PERIOD']);
    expect(out.claim('CS-4').reasonCodes).toEqual(['INSTITUTION_NOT_DESIGNATED']);
    for (const id of ['CS-1', 'CS-2', 'CS-3', 'CS-4']) expect(out.claim(id)).toMatchObject({ status: 'rejected', fundAmount: '0.00' });
  });
});

describe('rule 6b: VISIT_NOT_VERIFIED', () => {
  it('takes check-in and check-out dates in Asia/Shanghai, whatever offset they are written in', () => {
    // Prepare
    const claim = homeVisit('CS-1', [
      // checks in at 23:50 the day before
      visitedAt('HV-CLEAN', '2026-03-04', '40.00', '2026-03-03T23:50:00+08:00', '2026-03-04T00:40:00+08:00'),
      // 23:30Z on 03-04 is 07:30 on 03-05 in Shanghai, checkOut 08:15: on the line's date, 45 minutes
      visitedAt('HV-CLEAN', '2026-03-05', '40.00', '2026-03-04T23:30:00Z', '2026-03-05T00:15:00Z'),
      // 15:30Z is 23:30 on 03-06, but 16:10Z is 00:10 on 03-07 in Shanghai: check-out on another date
      visitedAt('HV-CLEAN', '2026-03-06', '40.00', '2026-03-06T15:30:00Z', '2026-03-06T16:10:00Z'),
      // +09:00: 08:00–09:00 in Shanghai, on the line's date
      visitedAt('HV-CLEAN', '2026-03-07', '40.00', '2026-03-07T09:00:00+09:00', '2026-03-07T10:00:00+09:00'),
    ]);

    // Act
    const out = run(scenario([P_EMP], [claim], VISITS));

    // Assess: 03-05 and 03-07 pay 40 × 0.80 = 32.00 each → 64.00; charged 4 × 40 = 160.00, personal 96.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '64.00',
      personalAmount: '96.00',
      reasonCodes: ['VISIT_NOT_VERIFIED'],
    });
  });

  it('needs quantity × minMinutes, the code’s own minimum before the default, compared to the second', () => {
    // Prepare: default 30 min, HV-BATH 45, HV-MED 15
    const claim = homeVisit('CS-1', [
      item('HV-CLEAN', '2026-03-02', '40.00'), // no visit
      visited('HV-CLEAN', '2026-03-03', '40.00', '09:00:00', '09:30:00'), // exactly 30 min: verified
      visited('HV-CLEAN', '2026-03-09', '40.00', '09:00:00', '09:29:59'), // 29 min 59 s: too short
      visited('HV-CLEAN', '2026-03-10', '20.00', '09:00', '09:59', 2), // 2 × 30 = 60 min needed, 59
      visited('HV-CLEAN', '2026-03-11', '20.00', '09:00', '10:00', 2), // 60 min: verified
      visited('HV-BATH', '2026-03-12', '40.00', '09:00', '09:44'), // HV-BATH needs 45
      visited('HV-BATH', '2026-03-13', '40.00', '09:00', '09:45'), // verified
      visited('HV-MED', '2026-03-16', '20.00', '09:00', '09:15'), // HV-MED needs 15: verified
      visited('HV-MED', '2026-03-17', '20.00', '09:00', '09:14'), // too short
    ]);

    // Act
    const out = run(scenario([P_EMP], [claim], VISITS));

    // Assess: 03-03 40 × 0.80 = 32.00; 03-11 2 × 20 = 40 × 0.80 = 32.00; 03-13 32.00; 03-16 20 × 0.80 = 16.00 → 112.00;
    // charged 5 × 40 + 2 × 20 + 2 × 20 + 2 × 20 = 320.00, personal 208.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '112.00',
      personalAmount: '208.00',
      reasonCodes: ['VISIT_NOT_VERIFIED'],
    });
  });

  it('fails every day of a from/to line, and judges each line of a day on its own visit', () => {
    // Prepare
    const claim = homeVisit('CS-1', [
      days('HV-TURN', '2026-03-18', '2026-03-19', '20.00'),
      visited('HV-FEED', '2026-03-20', '30.00', '09:00', '09:40'),
      item('HV-TURN', '2026-03-20', '25.00'),
    ]);

    // Act
    const out = run(scenario([P_EMP], [claim], VISITS));

    // Assess: 03-20 charge 30.00 (the unverified 25.00 left out; with it min(55, 45) × 0.80 = 36.00) × 0.80 = 24.00;
    // charged 2 × 20 + 30 + 25 = 95.00, personal 71.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '24.00',
      personalAmount: '71.00',
      reasonCodes: ['VISIT_NOT_VERIFIED'],
    });
  });

  it('accepts a zero-minute visit when the minimum is 0, but still needs the visit', () => {
    // Prepare
    const claim = homeVisit('CS-1', [visited('HV-MED', '2026-03-23', '20.00', '10:00', '10:00'), item('HV-MED', '2026-03-24', '20.00')]);

    // Act
    const out = run(scenario([P_EMP], [claim], { visitVerification: { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 0 } } }));

    // Assess: 03-23 20 × 0.80 = 16.00; charged 40.00, personal 24.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '16.00',
      personalAmount: '24.00',
      reasonCodes: ['VISIT_NOT_VERIFIED'],
    });
  });

  it('does not apply to institutional claims', () => {
    // Prepare
    const claim = institutional('CS-1', [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '60.00')]);

    // Act
    const out = run(scenario([P_EMP], [claim], { ...VISITS, ...PLANS }));

    // Assess: 2 × 42.00 = 84.00; charged 120.00, personal 36.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
  });
});

describe('rule 7 with care plans, visits and frequencies', () => {
  it('lets a unit that failed 6a or 6b hold no day, so a later institutional claim keeps it', () => {
    // Prepare: the home visit is submitted first; 03-05 is not verified, 03-06 is not in the plan (HV-BATH only)
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH' }])] });
    const hv = homeVisit('CS-HV', [item('HV-BATH', '2026-03-05', '60.00'), visited('HV-CLEAN', '2026-03-06', '50.00', '09:00', '10:00')], {
      submittedAt: '2026-04-01T09:00:00+08:00',
    });
    const nh = institutional('CS-NH', [days('LTC-INST-DAY', '2026-03-05', '2026-03-06', '60.00')], {
      submittedAt: '2026-04-02T09:00:00+08:00',
    });

    // Act
    const out = run(scenario([p], [hv, nh], { ...PLANS, ...VISITS }));

    // Assess: the home visit pays nothing (charged 110.00); the nursing home 2 × 42.00 = 84.00, personal 36.00, no duplicate
    expect(summary(out.claim('CS-HV'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '110.00',
      reasonCodes: ['NOT_IN_CARE_PLAN', 'VISIT_NOT_VERIFIED'],
    });
    expect(summary(out.claim('CS-NH'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
  });

  it('lets a unit that failed only 7a still hold its day (rule 7 looks at rules 1–6b)', () => {
    // Prepare: one bath a week; the home visit is submitted first
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: 1 }])] });
    const hv = homeVisit('CS-HV', [item('HV-BATH', '2026-03-02', '60.00'), item('HV-BATH', '2026-03-03', '60.00')], {
      submittedAt: '2026-04-01T09:00:00+08:00',
    });
    const nh = institutional('CS-NH', [days('LTC-INST-DAY', '2026-03-03', '2026-03-04', '60.00')], {
      submittedAt: '2026-04-02T09:00:00+08:00',
    });

    // Act
    const out = run(scenario([p], [hv, nh], HOME_VISITS_ONLY));

    // Assess: CS-HV 03-02 min(60, 45) × 0.80 = 36.00, 03-03 over the week's limit; charged 120.00, personal 84.00.
    // CS-NH loses 03-03 to CS-HV and is paid 03-04: 42.00, charged 120.00, personal 78.00 → needs-review
    expect(summary(out.claim('CS-HV'))).toEqual({
      status: 'partially-approved',
      fundAmount: '36.00',
      personalAmount: '84.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
    expect(summary(out.claim('CS-NH'))).toEqual({
      status: 'needs-review',
      fundAmount: '42.00',
      personalAmount: '78.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY'],
    });
  });
});

describe('rule 7a: PLAN_FREQUENCY_EXCEEDED', () => {
  // HV-BATH at most 2 a week and 5 a month; every bath 50.00 → min(50, 45) × 0.80 = 36.00
  const bathPlan = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: 2, maxPerMonth: 5 }])] });
  const baths = (dates: string[]) => dates.map((d) => item('HV-BATH', d, '50.00'));
  const march = homeVisit(
    'CS-MAR',
    baths(['2026-03-02', '2026-03-04', '2026-03-09', '2026-03-11', '2026-03-13', '2026-03-30', '2026-03-31']),
    {
      submittedAt: '2026-04-01T09:00:00+08:00',
    },
  );
  const april = homeVisit('CS-APR', baths(['2026-04-01', '2026-04-02', '2026-04-06']), { submittedAt: '2026-04-07T09:00:00+08:00' });
  const weekAcrossMonths = scenario([bathPlan], [march, april], HOME_VISITS_ONLY);

  it('counts a week across two months against the week for all its days and each month for its own', () => {
    // Act
    const out = run(weekAcrossMonths);

    // Assess, in service-date order (month count M, week count W, allowed so far):
    // 03-02 ok (M1, W1); 03-04 ok (M2, W2); 03-09 ok (M3, W1); 03-11 ok (M4, W2); 03-13 fails (week full);
    // 03-30 ok (M5, W1 of the week 03-30..04-05); 03-31 fails (March full; not counted in the week);
    // 04-01 ok (April M1, week W2 — 03-30 counts, 03-31 does not); 04-02 fails (week full); 04-06 ok (new week).
    // CS-MAR: 5 × 36.00 = 180.00; charged 7 × 50 = 350.00, personal 170.00
    // CS-APR: 2 × 36.00 = 72.00; charged 3 × 50 = 150.00, personal 78.00
    expect(summary(out.claim('CS-MAR'))).toEqual({
      status: 'partially-approved',
      fundAmount: '180.00',
      personalAmount: '170.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
    expect(summary(out.claim('CS-APR'))).toEqual({
      status: 'partially-approved',
      fundAmount: '72.00',
      personalAmount: '78.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
    expect(out.adjustments).toEqual([]);
  });

  it('recoups the April bath when March arrives after April', () => {
    // Act
    const out = runInOrder(weekAcrossMonths, [1, 0]);

    // Assess: alone, CS-APR has 04-01, 04-02 (week W1, W2) and 04-06 → 3 × 36.00 = 108.00; once March's 03-30
    // counts in the week, 04-02 fails → 72.00: −36.00. Σ first 108 + 180 − 36 = 252.00 = 180 + 72
    expect(out.claim('CS-APR').fundAmount).toBe('72.00');
    expect(out.adjustments).toEqual([{ claimId: 'CS-APR', amount: '-36.00', reason: 'REPROCESSED', triggeredBy: 'CS-MAR' }]);
    expect(out.totals).toEqual({ fundAmount: '252.00', adjustments: '-36.00' });
  });

  it('allows part of a unit’s quantity (a = min(q, limit left)) and charges only the allowed part', () => {
    // Prepare: HV-MED at most 3 a week
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-MED', maxPerWeek: 3 }])] });
    const claim = homeVisit('CS-1', [
      item('HV-MED', '2026-03-02', '15.00', 2),
      item('HV-MED', '2026-03-03', '15.00', 2),
      item('HV-MED', '2026-03-04', '25.00'),
    ]);

    // Act
    const out = run(scenario([p], [claim], HOME_VISITS_ONLY));

    // Assess: 03-02 a = 2, charge 30.00 × 0.80 = 24.00; 03-03 a = min(2, 3 − 2) = 1, charge 15.00 × 0.80 = 12.00;
    // 03-04 a = 0 → 36.00 (were 03-03 refused whole, 03-04 would pass: 24 + 20 = 44.00);
    // charged 30 + 30 + 25 = 85.00, personal 49.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '36.00',
      personalAmount: '49.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
  });

  it('orders units by service date, then line index, whatever the order of the lines', () => {
    // Prepare: one HV-BATH a week, HV-CLEAN unlimited
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: 1 }, { serviceCode: 'HV-CLEAN' }])] });
    const claim = homeVisit('CS-1', [
      item('HV-CLEAN', '2026-03-09', '10.00'),
      item('HV-BATH', '2026-03-09', '20.00'), // line 1: allowed
      item('HV-BATH', '2026-03-09', '30.00'), // line 2: same day, later line: refused
      item('HV-BATH', '2026-03-18', '20.00'), // listed first of its week but a later date: refused
      item('HV-BATH', '2026-03-17', '30.00'), // the week's first bath by date: allowed
    ]);

    // Act
    const out = run(scenario([p], [claim], HOME_VISITS_ONLY));

    // Assess: 03-09 charge 10 + 20 = 30.00 × 0.80 = 24.00 (line 2 instead: 32.00; both: 36.00);
    // 03-17 30 × 0.80 = 24.00 → 48.00; charged 10 + 20 + 30 + 20 + 30 = 110.00, personal 62.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '48.00',
      personalAmount: '62.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
  });

  it('counts two consecutive plans separately in the week they share', () => {
    // Prepare: CP-A to 03-18 and CP-B from 03-19, one HV-BATH a week each; the week is 03-16..03-22
    const p = person('P-EMP', {
      carePlans: [
        plan('CP-A', 'HC-A', 'home-visit', '2026-01-01', '2026-03-18', [{ serviceCode: 'HV-BATH', maxPerWeek: 1 }]),
        plan('CP-B', 'HC-A', 'home-visit', '2026-03-19', undefined, [{ serviceCode: 'HV-BATH', maxPerWeek: 1 }]),
      ],
    });
    const claim = homeVisit('CS-1', baths(['2026-03-16', '2026-03-17', '2026-03-19', '2026-03-20']));

    // Act
    const out = run(scenario([p], [claim], HOME_VISITS_ONLY));

    // Assess: 03-16 (CP-A) and 03-19 (CP-B) allowed → 2 × 36.00 = 72.00; charged 200.00, personal 128.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '72.00',
      personalAmount: '128.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
  });

  it('counts plans with two institutions separately and a plan’s units across its claims', () => {
    // Prepare: one HV-BATH a week with HC-A and one with HC-B
    const p = person('P-EMP', {
      carePlans: [
        plan('CP-A', 'HC-A', 'home-visit', '2026-01-01', undefined, [{ serviceCode: 'HV-BATH', maxPerWeek: 1 }]),
        plan('CP-B', 'HC-B', 'home-visit', '2026-01-01', undefined, [{ serviceCode: 'HV-BATH', maxPerWeek: 1 }]),
      ],
    });
    const claims = [
      homeVisit('CS-A', baths(['2026-03-02', '2026-03-04'])),
      homeVisit('CS-B', baths(['2026-03-03']), { institutionId: 'HC-B' }),
      homeVisit('CS-A2', baths(['2026-03-05'])),
    ];
    const doc = scenario([p], claims, HOME_VISITS_ONLY);

    // Act
    const out = run(doc);

    // Assess: CS-A 03-02 allowed, 03-04 refused → 36.00, charged 100.00, personal 64.00; CS-B 36.00, personal 14.00;
    // CS-A2 03-05 is HC-A's second bath of the week → 0.00, personal 50.00
    expect(summary(out.claim('CS-A'))).toEqual({
      status: 'partially-approved',
      fundAmount: '36.00',
      personalAmount: '64.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
    expect(summary(out.claim('CS-B'))).toEqual({ status: 'approved', fundAmount: '36.00', personalAmount: '14.00', reasonCodes: [] });
    expect(summary(out.claim('CS-A2'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '50.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
    expect(checkEveryOrder(doc)).toEqual({ orders: 6, mismatches: [], unbalanced: [] });
  });

  it('does not count units that failed an earlier rule (6b, 6 or 7)', () => {
    // Prepare: two HV-BATH a week (03-02..03-08); CS-NH (earlier) has 03-03; P-EMP is in hospital on 03-04
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: 2 }])] });
    const nh = institutional('CS-NH', [item('LTC-INST-DAY', '2026-03-03', '60.00')], { submittedAt: '2026-04-01T09:00:00+08:00' });
    const ms = medical('MS-1', {
      institutionId: 'HOSP-2',
      admittedOn: '2026-03-04',
      dischargedOn: '2026-03-05',
      total: '2000.00',
      eligible: '1600.00',
      submittedAt: '2026-04-01T10:00:00+08:00',
    });
    const bath = (date: string) => visited('HV-BATH', date, '50.00', '09:00', '10:00');
    const hv = homeVisit(
      'CS-HV',
      [
        item('HV-BATH', '2026-03-02', '50.00'), // 6b: no visit
        bath('2026-03-03'), // 7: CS-NH keeps the day
        bath('2026-03-04'), // 6: inpatient day (admittedOn ≤ d < dischargedOn)
        bath('2026-03-05'), // discharge day: allowed, W1
        bath('2026-03-06'), // allowed, W2
        bath('2026-03-07'), // 7a
      ],
      { submittedAt: '2026-04-02T09:00:00+08:00' },
    );
    const doc = scenario([p], [nh, ms, hv], { ...PLANS, ...VISITS });

    // Act
    const out = run(doc);

    // Assess: CS-HV 2 × 36.00 = 72.00, charged 6 × 50 = 300.00, personal 228.00; it lost a day → needs-review.
    // CS-NH 42.00, personal 18.00. MS-1 level 2, first admission: (1600 − 600) × 0.85 = 850.00, personal 1150.00
    expect(summary(out.claim('CS-HV'))).toEqual({
      status: 'needs-review',
      fundAmount: '72.00',
      personalAmount: '228.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY', 'INPATIENT_OVERLAP', 'PLAN_FREQUENCY_EXCEEDED', 'VISIT_NOT_VERIFIED'],
    });
    expect(summary(out.claim('CS-NH'))).toEqual({ status: 'approved', fundAmount: '42.00', personalAmount: '18.00', reasonCodes: [] });
    expect(out.claim('MS-1')).toMatchObject({
      status: 'approved',
      fundAmount: '850.00',
      personalAmount: '1150.00',
      deductibleApplied: '600.00',
    });
    expect(checkEveryOrder(doc)).toEqual({ orders: 6, mismatches: [], unbalanced: [] });
  });

  it('limits family-care days by maxPerMonth in service-date order, not in the order of `days`', () => {
    // Prepare: P-UP is grade 3 to 03-15 and grade 5 from 03-16; allowances 20.00 (grade 3) and 30.00 (grade 5);
    // the plan allows 20 family-care days a month; `days` lists the later range first
    const p = person('P-UP', {
      assessments: [
        { grade: 3, assessedOn: '2025-06-10' },
        { grade: 5, assessedOn: '2026-03-16' },
      ],
      carePlans: [plan('CP-FC', 'HC-A', 'family-care', '2026-01-01', undefined, [{ serviceCode: 'FAMILY-CARE-DAY', maxPerMonth: 20 }])],
    });
    const claim = familyCare('FC-1', [day('2026-03-11', '2026-03-25'), day('2026-03-01', '2026-03-10')], { personId: 'P-UP' });
    const policy = {
      carePlanRequired: ['family-care'],
      familyCare: { dailyAllowance: { '3': '20.00', '4': '25.00', '5': '30.00' }, ratio: '1.00' },
    };

    // Act
    const out = run(scenario([p], [claim], policy));

    // Assess: 03-01..03-20 allowed: 15 × 20.00 + 5 × 30.00 = 450.00; 03-21..03-25 refused
    // (by entry order it would be 03-11..03-25 and 03-01..03-05: 10 × 20 + 10 × 30 = 500.00); family care: personal 0.00
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '450.00',
      personalAmount: '0.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
  });

  it('treats maxPerWeek: null as no limit', () => {
    // Prepare
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: null } as never])] });
    const claim = homeVisit('CS-1', baths(['2026-03-02', '2026-03-03', '2026-03-04']));

    // Act
    const out = run(scenario([p], [claim], HOME_VISITS_ONLY));

    // Assess: 3 × 36.00 = 108.00; charged 150.00, personal 42.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '108.00', personalAmount: '42.00', reasonCodes: [] });
  });
});

describe('monthly packages: MONTHLY_CAP_REACHED', () => {
  const MONTHLY = { monthlyCap: { 'home-visit': { '3': '100.00', '4': '120.00', '5': '150.00' } } };
  const at50 = (dates: string[]) => dates.map((d) => item('HV-BATH', d, '50.00'));

  it('pays each month’s package and carries nothing over (不予转存)', () => {
    // Prepare: P-EMP grade 4 → 120.00 a month; each day 36.00
    const claims = [
      homeVisit('CS-FEB', at50(['2026-02-02', '2026-02-03'])),
      homeVisit('CS-MAR', at50(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'])),
      homeVisit('CS-MAR-B', at50(['2026-03-20']), { institutionId: 'HC-B' }),
      homeVisit('CS-APR', at50(['2026-04-01'])),
    ];

    // Act
    const out = run(scenario([P_EMP], claims, MONTHLY));

    // Assess: Feb 2 × 36.00 = 72.00 (48.00 unused, lost); charged 100.00, personal 28.00.
    // March 36 + 36 + 36 + min(36, 120 − 108) = 12 + 0 = 120.00; charged 250.00, personal 130.00; CS-MAR-B
    // (another institution) finds the package used up: 0.00, personal 50.00. April starts from 0: 36.00
    expect(summary(out.claim('CS-FEB'))).toEqual({ status: 'approved', fundAmount: '72.00', personalAmount: '28.00', reasonCodes: [] });
    expect(summary(out.claim('CS-MAR'))).toEqual({
      status: 'partially-approved',
      fundAmount: '120.00',
      personalAmount: '130.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
    expect(summary(out.claim('CS-MAR-B'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '50.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
    expect(summary(out.claim('CS-APR'))).toEqual({ status: 'approved', fundAmount: '36.00', personalAmount: '14.00', reasonCodes: [] });
  });

  it('checks each day against its own grade’s package when the grade rises mid-month', () => {
    // Prepare: P-UP grade 3 (daily 40 → 32.00, package 100.00) to 03-15, grade 5 (daily 50 → 40.00, package 150.00) from 03-16
    const p = person('P-UP', {
      assessments: [
        { grade: 3, assessedOn: '2025-06-10' },
        { grade: 5, assessedOn: '2026-03-16' },
      ],
    });
    const at60 = (dates: string[]) => dates.map((d) => item('HV-BATH', d, '60.00'));
    const claims = [
      homeVisit('CS-1', at60(['2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']), { personId: 'P-UP' }),
      homeVisit('CS-2', at60(['2026-03-16', '2026-03-17', '2026-03-18']), { personId: 'P-UP', institutionId: 'HC-B' }),
    ];

    // Act
    const out = run(scenario([p], claims, MONTHLY));

    // Assess: CS-1 32 + 32 + 32 + min(32, 100 − 96) = 4 → 100.00; charged 240.00, personal 140.00.
    // CS-2 min(40, 150 − 100) = 40, min(40, 150 − 140) = 10, 0 → 50.00; charged 180.00, personal 130.00
    // (one grade-5 package for the month would give 128.00 and 22.00)
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '100.00',
      personalAmount: '140.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
    expect(summary(out.claim('CS-2'))).toEqual({
      status: 'partially-approved',
      fundAmount: '50.00',
      personalAmount: '130.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
  });

  it('counts the month’s payments at every grade against a lower grade’s package', () => {
    // Prepare: P-DOWN grade 5 (40.00 a day, package 150.00) to 03-15, grade 3 (package 100.00) from 03-16
    const p = person('P-DOWN', {
      assessments: [
        { grade: 5, assessedOn: '2025-06-10' },
        { grade: 3, assessedOn: '2026-03-16' },
      ],
    });
    const claim = homeVisit(
      'CS-1',
      ['2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16'].map((d) => item('HV-BATH', d, '60.00')),
      { personId: 'P-DOWN' },
    );

    // Act
    const out = run(scenario([p], [claim], MONTHLY));

    // Assess: 3 × 40.00 = 120.00; 03-16 max(0, 100 − 120) = 0 (its own 32.00 cut); charged 240.00, personal 120.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '120.00',
      personalAmount: '120.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
  });

  it('applies the monthly cap, then the annual cap, and both can mark the same day', () => {
    // Prepare: annual cap 200.00 for all settings; home-visit package 100.00 for grade 4. One home-visit day per
    // claim from 03-04 on, so that each day's marks show in its own claim's codes
    const policy = { annualCap: '200.00', monthlyCap: { 'home-visit': { '4': '100.00' } } };
    const claims = [
      institutional('CS-JAN', [days('LTC-INST-DAY', '2026-01-05', '2026-01-07', '60.00')]),
      homeVisit('CS-HV1', at50(['2026-03-02', '2026-03-03'])),
      homeVisit('CS-HV2', at50(['2026-03-04'])),
      homeVisit('CS-HV3', at50(['2026-03-05'])),
      institutional('CS-NH', [item('LTC-INST-DAY', '2026-03-10', '60.00')]),
    ];
    const doc = scenario([P_EMP], claims, policy);

    // Act
    const out = run(doc);

    // Assess: CS-JAN 3 × 42.00 = 126.00 (annual left 74.00), charged 180.00, personal 54.00.
    // CS-HV1: 03-02 m 36, paid 36 (annual left 38); 03-03 36/36 (left 2) → 72.00, personal 28.00.
    // CS-HV2: 03-04 m = min(36, 100 − 72) = 28 < 36 (monthly), paid = min(28, 2) = 2 < 28 (annual) → 2.00, personal 48.00.
    // CS-HV3: 03-05 m = min(36, 100 − 74) = 26 (the month counts paid(d), not m(d)) < 36 (monthly), paid 0 < 26
    // (annual) → 0.00, personal 50.00. CS-NH 42.00 cut to 0 by the annual cap only (no institutional package).
    // (Annual before monthly would mark CS-HV2 and CS-HV3 ANNUAL only; counting m(d) would mark CS-HV3 MONTHLY only.)
    const bothCaps = ['ANNUAL_CAP_REACHED', 'MONTHLY_CAP_REACHED'];
    expect(summary(out.claim('CS-JAN'))).toEqual({ status: 'approved', fundAmount: '126.00', personalAmount: '54.00', reasonCodes: [] });
    expect(summary(out.claim('CS-HV1'))).toEqual({ status: 'approved', fundAmount: '72.00', personalAmount: '28.00', reasonCodes: [] });
    expect(summary(out.claim('CS-HV2'))).toEqual({
      status: 'partially-approved',
      fundAmount: '2.00',
      personalAmount: '48.00',
      reasonCodes: bothCaps,
    });
    expect(summary(out.claim('CS-HV3'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '50.00',
      reasonCodes: bothCaps,
    });
    expect(summary(out.claim('CS-NH'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '60.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(checkEveryOrder(doc)).toEqual({ orders: 120, mismatches: [], unbalanced: [] });
  });

  describe('one package shared by institutions and claims in (service date, claimId) order', () => {
    // P-RES grade 5 resident: min(50, 50) × 0.60 = 30.00 a day, package 150.00.
    // CS-X (HC-A) is submitted first but its days are later than CS-Y's (HC-B).
    const x = homeVisit('CS-X', at50(['2026-03-20', '2026-03-21', '2026-03-22']), {
      personId: 'P-RES',
      submittedAt: '2026-04-01T09:00:00+08:00',
    });
    const y = homeVisit('CS-Y', at50(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']), {
      personId: 'P-RES',
      institutionId: 'HC-B',
      submittedAt: '2026-04-02T09:00:00+08:00',
    });
    const doc = scenario([P_RES], [x, y], MONTHLY);

    it('gives the package to the earlier service dates, and recoups the later ones decided first', () => {
      // Act
      const out = run(doc);

      // Assess: CS-Y 4 × 30.00 = 120.00, charged 200.00, personal 80.00; CS-X 03-20 min(30, 150 − 120) = 30,
      // then 0, 0 → 30.00, charged 150.00, personal 120.00. CS-X alone was 3 × 30.00 = 90.00 → −60.00
      expect(summary(out.claim('CS-Y'))).toEqual({ status: 'approved', fundAmount: '120.00', personalAmount: '80.00', reasonCodes: [] });
      expect(summary(out.claim('CS-X'))).toEqual({
        status: 'partially-approved',
        fundAmount: '30.00',
        personalAmount: '120.00',
        reasonCodes: ['MONTHLY_CAP_REACHED'],
      });
      expect(out.adjustments).toEqual([{ claimId: 'CS-X', amount: '-60.00', reason: 'REPROCESSED', triggeredBy: 'CS-Y' }]);
      expect(out.totals).toEqual({ fundAmount: '150.00', adjustments: '-60.00' });
    });

    it('posts nothing when the earlier dates arrive first', () => {
      // Act
      const out = runInOrder(doc, [1, 0]);

      // Assess
      expect(out.claim('CS-X').fundAmount).toBe('30.00');
      expect(out.adjustments).toEqual([]);
    });
  });

  it('keeps one package per setting, and a setting or grade without an entry has none', () => {
    // Prepare: family-care package 500.00 for grade 4; home visits: only grade 3 has a package;
    // institutional care: 100.00 for grade 4
    const policy = {
      ...FAMILY_30,
      monthlyCap: { 'family-care': { '4': '500.00' }, 'home-visit': { '3': '100.00' }, institutional: { '4': '100.00' } },
    };
    const claims = [
      familyCare('FC-1', [day('2026-03-01', '2026-03-20')]),
      homeVisit('CS-HV', at50(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27'])),
      institutional('CS-NH', [days('LTC-INST-DAY', '2026-03-28', '2026-03-30', '60.00')]),
    ];

    // Act
    const out = run(scenario([P_EMP], claims, policy));

    // Assess: FC-1 16 × 30.00 = 480.00, 03-17 min(30, 20) = 20.00, 03-18..03-20 0 → 500.00 = charged, personal 0.00.
    // CS-HV grade 4 has no home-visit package: 5 × 36.00 = 180.00, charged 250.00, personal 70.00.
    // CS-NH 42 + 42 + min(42, 100 − 84) = 16 → 100.00, charged 180.00, personal 80.00
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '500.00',
      personalAmount: '0.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
    expect(summary(out.claim('CS-HV'))).toEqual({ status: 'approved', fundAmount: '180.00', personalAmount: '70.00', reasonCodes: [] });
    expect(summary(out.claim('CS-NH'))).toEqual({
      status: 'partially-approved',
      fundAmount: '100.00',
      personalAmount: '80.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
  });
});

describe('family care', () => {
  it('pays the daily allowance × ratio for every listed day, with no bill: personal 0.00', () => {
    // Prepare: §11.3's example claim
    const claim = familyCare('FC-1', [day('2026-03-01', '2026-03-14'), day('2026-03-20')], {
      period: { from: '2026-03-01', to: '2026-03-31' },
      submittedAt: '2026-04-02T09:00:00+08:00',
    });

    // Act
    const out = run(scenario([P_EMP], [claim], FAMILY_30));

    // Assess: 15 days × 30.00 × 1.00 = 450.00; charged = fund
    expect(summary(out.claim('FC-1'))).toEqual({ status: 'approved', fundAmount: '450.00', personalAmount: '0.00', reasonCodes: [] });
  });

  it('uses neither the daily cap, nor fundRatio, nor the home-visit bonus', () => {
    // Prepare: grade 5 resident; allowance 60.00 is above the home-visit cap 50.00; ratio 0.40
    const policy = { familyCare: { dailyAllowance: { '3': '40.00', '4': '50.00', '5': '60.00' }, ratio: '0.40' } };
    const claim = familyCare('FC-1', [day('2026-03-02', '2026-03-04')], { personId: 'P-RES' });

    // Act
    const out = run(scenario([P_RES], [claim], policy));

    // Assess: 3 × round(60.00 × 0.40) = 3 × 24.00 = 72.00 (capped at 50: 60.00; × 0.60: 108.00)
    expect(summary(out.claim('FC-1'))).toEqual({ status: 'approved', fundAmount: '72.00', personalAmount: '0.00', reasonCodes: [] });
  });

  it('rounds each day half-up to the fen', () => {
    // Prepare
    const policy = { familyCare: { dailyAllowance: { '3': '30.05', '4': '30.05', '5': '30.05' }, ratio: '0.50' } };
    const claim = familyCare('FC-1', [day('2026-03-02', '2026-03-03')]);

    // Act
    const out = run(scenario([P_EMP], [claim], policy));

    // Assess: 30.05 × 0.50 = 15.025 → 15.03 a day → 30.06 (rounding the sum would give 30.05)
    expect(summary(out.claim('FC-1'))).toEqual({ status: 'approved', fundAmount: '30.06', personalAmount: '0.00', reasonCodes: [] });
  });

  it('is not covered without familyCare, even with the other §11 keys set', () => {
    // Prepare
    const claim = familyCare('FC-1', [day('2026-03-02', '2026-03-03')]);

    // Act
    const out = run(scenario([P_EMP], [claim], { ...PLANS, ...VISITS, benefitStart: 'next-month' }));

    // Assess
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '0.00',
      reasonCodes: ['SERVICE_NOT_COVERED'],
    });
  });

  describe('a family-care day against an institutional day of the same person', () => {
    // FC-1 is submitted first (03-01..03-10); CS-NH later (03-09..03-12 at 60.00)
    const fc = familyCare('FC-1', [day('2026-03-01', '2026-03-10')], { submittedAt: '2026-04-01T09:00:00+08:00' });
    const nh = institutional('CS-NH', [days('LTC-INST-DAY', '2026-03-09', '2026-03-12', '60.00')], {
      submittedAt: '2026-04-02T09:00:00+08:00',
    });
    const doc = scenario([P_EMP], [fc, nh], FAMILY_30);

    it('goes to the earlier submittedAt', () => {
      // Act
      const out = run(doc);

      // Assess: FC-1 10 × 30.00 = 300.00; CS-NH keeps 03-11, 03-12: 2 × 42.00 = 84.00, charged 240.00,
      // personal 156.00, and lost days → needs-review
      expect(summary(out.claim('FC-1'))).toEqual({ status: 'approved', fundAmount: '300.00', personalAmount: '0.00', reasonCodes: [] });
      expect(summary(out.claim('CS-NH'))).toEqual({
        status: 'needs-review',
        fundAmount: '84.00',
        personalAmount: '156.00',
        reasonCodes: ['DUPLICATE_SERVICE_DAY'],
      });
    });

    it('recoups the institutional days when the family-care claim arrives after it', () => {
      // Act
      const out = runInOrder(doc, [1, 0]);

      // Assess: CS-NH alone 4 × 42.00 = 168.00 → 84.00
      expect(out.claim('CS-NH').fundAmount).toBe('84.00');
      expect(out.adjustments).toEqual([{ claimId: 'CS-NH', amount: '-84.00', reason: 'REPROCESSED', triggeredBy: 'FC-1' }]);
      expect(out.totals).toEqual({ fundAmount: '384.00', adjustments: '-84.00' });
    });
  });

  it('breaks a tie of equal instants by the smaller claimId (CS-10 < CS-9)', () => {
    // Prepare: the same instant written in two offsets
    const fc = familyCare('CS-10', [day('2026-03-05', '2026-03-06')], { submittedAt: '2026-04-01T09:00:00+08:00' });
    const nh = institutional('CS-9', [days('LTC-INST-DAY', '2026-03-06', '2026-03-07', '60.00')], { submittedAt: '2026-04-01T01:00:00Z' });
    const doc = scenario([P_EMP], [nh, fc], FAMILY_30);

    // Act
    const out = run(doc);

    // Assess: CS-10 keeps 03-06: 2 × 30.00 = 60.00; CS-9 is paid 03-07 only: 42.00, charged 120.00, personal 78.00
    expect(summary(out.claim('CS-10'))).toEqual({ status: 'approved', fundAmount: '60.00', personalAmount: '0.00', reasonCodes: [] });
    expect(summary(out.claim('CS-9'))).toEqual({
      status: 'needs-review',
      fundAmount: '42.00',
      personalAmount: '78.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY'],
    });
    expect(checkEveryOrder(doc)).toEqual({ orders: 2, mismatches: [], unbalanced: [] });
  });

  it('loses a day to an earlier home visit and then needs review', () => {
    // Prepare: the home visit (HC-B) is submitted first
    const hv = homeVisit('CS-HV', [item('HV-BATH', '2026-03-20', '50.00')], {
      institutionId: 'HC-B',
      submittedAt: '2026-04-01T08:00:00+08:00',
    });
    const fc = familyCare('FC-2', [day('2026-03-19', '2026-03-21')], { submittedAt: '2026-04-03T09:00:00+08:00' });

    // Act
    const out = run(scenario([P_EMP], [fc, hv], FAMILY_30));

    // Assess: FC-2 03-19 and 03-21: 60.00; CS-HV 36.00, charged 50.00, personal 14.00
    expect(summary(out.claim('FC-2'))).toEqual({
      status: 'needs-review',
      fundAmount: '60.00',
      personalAmount: '0.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY'],
    });
    expect(summary(out.claim('CS-HV'))).toEqual({ status: 'approved', fundAmount: '36.00', personalAmount: '14.00', reasonCodes: [] });
  });

  it('pays no inpatient day', () => {
    // Prepare: inpatient 03-03 and 03-04 (discharged 03-05)
    const fc = familyCare('FC-1', [day('2026-03-01', '2026-03-05')]);
    const ms = medical('MS-1', {
      institutionId: 'HOSP-2',
      admittedOn: '2026-03-03',
      dischargedOn: '2026-03-05',
      total: '3500.00',
      eligible: '3000.00',
    });

    // Act
    const out = run(scenario([P_EMP], [fc, ms], FAMILY_30));

    // Assess: FC-1 03-01, 03-02, 03-05 → 90.00; MS-1 (3000 − 600) × 0.85 = 2040.00, personal 3500 − 2040 = 1460.00
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '90.00',
      personalAmount: '0.00',
      reasonCodes: ['INPATIENT_OVERLAP'],
    });
    expect(out.claim('MS-1')).toMatchObject({ status: 'approved', fundAmount: '2040.00', personalAmount: '1460.00' });
  });

  it('needs an ltc designation for the family-care setting covering the day, before the care plan', () => {
    // Prepare: plans required for family care; the only plan is with HC-C, whose family-care designation ends 03-15
    const policy = { ...FAMILY_30, carePlanRequired: ['family-care'] };
    const p = person('P-EMP', {
      carePlans: [plan('CP-C', 'HC-C', 'family-care', '2026-01-01', undefined, [{ serviceCode: 'FAMILY-CARE-DAY' }])],
    });
    const claims = [
      familyCare('FC-1', [day('2026-03-02', '2026-03-03')], { institutionId: 'HC-HV-ONLY' }),
      familyCare('FC-2', [day('2026-03-14', '2026-03-17')], { institutionId: 'HC-C' }),
    ];

    // Act
    const out = run(scenario([p], claims, policy));

    // Assess: FC-1 no family-care designation (rule 5 before 6a); FC-2 03-14, 03-15 → 60.00
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '0.00',
      reasonCodes: ['INSTITUTION_NOT_DESIGNATED'],
    });
    expect(summary(out.claim('FC-2'))).toEqual({
      status: 'partially-approved',
      fundAmount: '60.00',
      personalAmount: '0.00',
      reasonCodes: ['INSTITUTION_NOT_DESIGNATED'],
    });
  });

  it('needs an eligible grade and counts against the annual cap like every setting', () => {
    // Prepare: annual cap 100.00; P-G2 is grade 2
    const policy = { ...FAMILY_30, annualCap: '100.00' };
    const claims = [
      familyCare('FC-1', [day('2026-03-01', '2026-03-04')]),
      familyCare('FC-2', [day('2026-03-01', '2026-03-02')], { personId: 'P-G2' }),
    ];

    // Act
    const out = run(scenario([P_EMP, person('P-G2', { grade: 2 })], claims, policy));

    // Assess: FC-1 30 + 30 + 30 + min(30, 100 − 90) = 10 → 100.00
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '100.00',
      personalAmount: '0.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(summary(out.claim('FC-2'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '0.00',
      reasonCodes: ['GRADE_NOT_ELIGIBLE'],
    });
  });
});

describe('benefitStart next-month', () => {
  const NEXT = { benefitStart: 'next-month' };
  const firstAssessed = (personId: string, assessedOn: string) => person(personId, { assessments: [{ grade: 4, assessedOn }] });

  it('starts a first assessment on the 1st of the next month, whatever its day in the month', () => {
    // Prepare: grade 4 first assessed 03-01, 03-10 and 03-31
    const persons = [firstAssessed('P-A01', '2026-03-01'), firstAssessed('P-A10', '2026-03-10'), firstAssessed('P-A31', '2026-03-31')];
    const claims = [
      institutional('CS-01', [days('LTC-INST-DAY', '2026-03-31', '2026-04-01', '60.00')], { personId: 'P-A01' }),
      institutional('CS-10', [days('LTC-INST-DAY', '2026-03-10', '2026-03-31', '60.00')], { personId: 'P-A10' }),
      institutional('CS-31', [days('LTC-INST-DAY', '2026-03-31', '2026-04-01', '60.00')], { personId: 'P-A31' }),
    ];

    // Act
    const out = run(scenario(persons, claims, NEXT));
    const sameDay = run(scenario(persons, claims));

    // Assess: CS-01 and CS-31 pay 04-01 only: 42.00, charged 120.00, personal 78.00; CS-10 pays nothing in March:
    // charged 22 × 60 = 1320.00. Under the §3 rule CS-01 pays both days: 84.00
    const oneDay = { status: 'partially-approved', fundAmount: '42.00', personalAmount: '78.00', reasonCodes: ['NO_VALID_ASSESSMENT'] };
    expect(summary(out.claim('CS-01'))).toEqual(oneDay);
    expect(summary(out.claim('CS-31'))).toEqual(oneDay);
    expect(summary(out.claim('CS-10'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '1320.00',
      reasonCodes: ['NO_VALID_ASSESSMENT'],
    });
    expect(sameDay.claim('CS-01').fundAmount).toBe('84.00');
  });

  it('changes the grade on the 1st of the month after a re-assessment', () => {
    // Prepare: grade 3 since 2025-06-10, re-assessed grade 5 on 2026-03-10
    const p = person('P-RE', {
      assessments: [
        { grade: 3, assessedOn: '2025-06-10' },
        { grade: 5, assessedOn: '2026-03-10' },
      ],
    });
    const claim = institutional(
      'CS-1',
      [days('LTC-INST-DAY', '2026-03-09', '2026-03-11', '80.00'), days('LTC-INST-DAY', '2026-03-30', '2026-04-01', '80.00')],
      { personId: 'P-RE' },
    );

    // Act
    const out = run(scenario([p], [claim], NEXT));

    // Assess: 03-09..03-11 and 03-30, 03-31 at grade 3: min(80, 50) × 0.70 = 35.00 each; 04-01 grade 5:
    // min(80, 70) × 0.70 = 49.00 → 5 × 35 + 49 = 224.00; charged 6 × 80 = 480.00, personal 256.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '224.00', personalAmount: '256.00', reasonCodes: [] });
  });

  it('leaves the days between an expiry and the next start without an assessment', () => {
    // Prepare: grade 4 of 2024-03-20 is in force while d < 2026-03-20; grade 5 of 2026-03-10 starts 04-01
    const p = person('P-GAP', {
      assessments: [
        { grade: 4, assessedOn: '2024-03-20' },
        { grade: 5, assessedOn: '2026-03-10' },
      ],
    });
    const claim = institutional(
      'CS-1',
      [days('LTC-INST-DAY', '2026-03-18', '2026-03-21', '80.00'), item('LTC-INST-DAY', '2026-04-01', '80.00')],
      {
        personId: 'P-GAP',
      },
    );

    // Act
    const out = run(scenario([p], [claim], NEXT));

    // Assess: 03-18, 03-19 grade 4: min(80, 60) × 0.70 = 42.00 each; 03-20, 03-21 none; 04-01 grade 5: 49.00
    // → 133.00; charged 5 × 80 = 400.00, personal 267.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '133.00',
      personalAmount: '267.00',
      reasonCodes: ['NO_VALID_ASSESSMENT'],
    });
  });

  it('starts two assessments of one month together on the 1st, the later assessedOn winning', () => {
    // Prepare: listed so that "listed later" would pick grade 3; grade 4 of 2025 stays in force through February
    const p = person('P-TWO', {
      assessments: [
        { grade: 5, assessedOn: '2026-02-20' },
        { grade: 3, assessedOn: '2026-02-05' },
        { grade: 4, assessedOn: '2025-06-10' },
      ],
    });
    const claim = institutional('CS-1', [days('LTC-INST-DAY', '2026-02-27', '2026-03-02', '80.00')], { personId: 'P-TWO' });

    // Act
    const out = run(scenario([p], [claim], NEXT));

    // Assess: 02-27, 02-28 grade 4: 42.00 each; 03-01, 03-02 grade 5: 49.00 each → 182.00; charged 320.00, personal 138.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '182.00', personalAmount: '138.00', reasonCodes: [] });
  });

  it('still counts validity from assessedOn, not from the start', () => {
    // Prepare: grade 4 of 2024-03-15 started 2024-04-01 and is in force while d < 2026-03-15
    const p = person('P-VAL', { assessments: [{ grade: 4, assessedOn: '2024-03-15' }] });
    const claim = institutional('CS-1', [days('LTC-INST-DAY', '2026-03-13', '2026-03-16', '60.00')], { personId: 'P-VAL' });

    // Act
    const out = run(scenario([p], [claim], NEXT));

    // Assess: 03-13, 03-14 → 84.00; charged 240.00, personal 156.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '84.00',
      personalAmount: '156.00',
      reasonCodes: ['NO_VALID_ASSESSMENT'],
    });
  });

  it('takes the grade for home-visit daily caps, monthly packages and family-care allowances from the same rule', () => {
    // Prepare: P-RE grade 3 until the grade 5 of 2026-03-10 starts on 04-01; packages 60.00 (grade 3), 200.00 (grade 5);
    // family care 20.00 (grade 3) / 30.00 (grade 5)
    const p = person('P-RE', {
      assessments: [
        { grade: 3, assessedOn: '2025-06-10' },
        { grade: 5, assessedOn: '2026-03-10' },
      ],
    });
    const policy = {
      ...NEXT,
      monthlyCap: { 'home-visit': { '3': '60.00', '5': '200.00' } },
      familyCare: { dailyAllowance: { '3': '20.00', '4': '25.00', '5': '30.00' }, ratio: '1.00' },
    };
    const claims = [
      homeVisit('CS-MAR', [item('HV-BATH', '2026-03-11', '60.00'), item('HV-BATH', '2026-03-12', '60.00')], { personId: 'P-RE' }),
      homeVisit('CS-APR', [item('HV-BATH', '2026-04-01', '60.00'), item('HV-BATH', '2026-04-02', '60.00')], { personId: 'P-RE' }),
      familyCare('FC-1', [day('2026-03-30', '2026-03-31'), day('2026-04-03', '2026-04-04')], { personId: 'P-RE' }),
    ];

    // Act
    const out = run(scenario([p], claims, policy));

    // Assess: CS-MAR grade 3: min(60, 40) × 0.80 = 32.00, then min(32, 60 − 32) = 28.00 → 60.00, charged 120.00,
    // personal 60.00. CS-APR grade 5: min(60, 50) × 0.80 = 40.00 × 2 = 80.00 (package 200.00), personal 40.00.
    // FC-1 2 × 20.00 + 2 × 30.00 = 100.00
    expect(summary(out.claim('CS-MAR'))).toEqual({
      status: 'partially-approved',
      fundAmount: '60.00',
      personalAmount: '60.00',
      reasonCodes: ['MONTHLY_CAP_REACHED'],
    });
    expect(summary(out.claim('CS-APR'))).toEqual({ status: 'approved', fundAmount: '80.00', personalAmount: '40.00', reasonCodes: [] });
    expect(summary(out.claim('FC-1'))).toEqual({ status: 'approved', fundAmount: '100.00', personalAmount: '0.00', reasonCodes: [] });
  });

  it('does not touch the operating subsidy, which keeps the §3 rule', () => {
    // Prepare: P-A10 first assessed grade 4 on 2026-03-10
    const op = {
      kind: 'operating-subsidy',
      claimId: 'OP-1',
      institutionId: 'NH-A',
      submittedAt: '2026-04-03T10:00:00+08:00',
      month: '2026-03',
      residents: [{ personId: 'P-A10', from: '2026-03-01', to: '2026-03-31' }],
    };

    // Act
    const out = run(scenario([firstAssessed('P-A10', '2026-03-10')], [op], NEXT));

    // Assess: 9 days at 200.00 + 22 days (03-10..03-31) at 200 × (1 + 2.00) = 1800 + 13200 = 15000 / 31
    // = 483.870… → 483.87 (next-month would give 31 × 200 / 31 = 200.00)
    expect(out.claim('OP-1')).toMatchObject({ status: 'approved', fundAmount: '483.87', reasonCodes: [] });
  });
});

describe('statuses', () => {
  it('needs review when a claim with §11 codes exceeds reviewThreshold, and not when it equals it', () => {
    // Prepare: threshold 60.00
    const p = person('P-EMP', { carePlans: [hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: 2 }])] });
    const policy = { ...HOME_VISITS_ONLY, ...FAMILY_30, reviewThreshold: '60.00' };
    const claims = [
      homeVisit(
        'CS-1',
        ['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => item('HV-BATH', d, '50.00')),
      ),
      familyCare('FC-1', [day('2026-03-10', '2026-03-11')]),
    ];

    // Act
    const out = run(scenario([p], claims, policy));

    // Assess: CS-1 2 × 36.00 = 72.00 > 60.00, charged 150.00, personal 78.00; FC-1 2 × 30.00 = 60.00, not above
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'needs-review',
      fundAmount: '72.00',
      personalAmount: '78.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
    expect(summary(out.claim('FC-1'))).toEqual({ status: 'approved', fundAmount: '60.00', personalAmount: '0.00', reasonCodes: [] });
  });

  it('rejects a family-care claim that lost its only day, without review', () => {
    // Prepare: the nursing home is submitted first
    const nh = institutional('CS-NH', [item('LTC-INST-DAY', '2026-03-05', '60.00')], { submittedAt: '2026-04-01T09:00:00+08:00' });
    const fc = familyCare('FC-1', [day('2026-03-05')], { submittedAt: '2026-04-02T09:00:00+08:00' });

    // Act
    const out = run(scenario([P_EMP], [nh, fc], FAMILY_30));

    // Assess
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '0.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY'],
    });
    expect(summary(out.claim('CS-NH'))).toEqual({ status: 'approved', fundAmount: '42.00', personalAmount: '18.00', reasonCodes: [] });
  });
});

describe('a home-care month in any arrival order', () => {
  // P-EMP under every §11 key: plan CP-1 (HC-A home visits: HV-BATH 1 a week, HV-MED; family care 20 days a
  // month), visits verified, home-visit package 100.00 for grade 4, family care 30.00 a day.
  const p = person('P-EMP', {
    carePlans: [
      hvPlan([{ serviceCode: 'HV-BATH', maxPerWeek: 1 }, { serviceCode: 'HV-MED' }]),
      plan('CP-2', 'HC-A', 'family-care', '2026-01-01', undefined, [{ serviceCode: 'FAMILY-CARE-DAY', maxPerMonth: 20 }]),
    ],
  });
  const policy = { ...PLANS, ...VISITS, ...FAMILY_30, monthlyCap: { 'home-visit': { '4': '100.00' } } };
  const claims = [
    homeVisit(
      'HV-1',
      [
        visited('HV-BATH', '2026-03-02', '60.00', '09:00', '09:50'), // 36.00
        visited('HV-BATH', '2026-03-03', '60.00', '09:00', '09:50'), // second bath of the week: 7a
        visited('HV-MED', '2026-03-03', '30.00', '10:00', '10:20'), // 24.00
      ],
      { submittedAt: '2026-04-01T09:00:00+08:00' },
    ),
    homeVisit(
      'HV-2',
      [
        visited('HV-BATH', '2026-03-09', '60.00', '09:00', '09:50'), // m = min(36, 100 − 60) = 36
        visited('HV-MED', '2026-03-10', '30.00', '10:00', '10:10'), // 10 min < 15: 6b
        visited('HV-MED', '2026-03-11', '30.00', '10:00', '10:20'), // m = min(24, 100 − 96) = 4
      ],
      { submittedAt: '2026-04-02T09:00:00+08:00' },
    ),
    familyCare('FC-1', [day('2026-03-10', '2026-03-31')], { submittedAt: '2026-04-03T09:00:00+08:00' }),
    institutional('CS-NH', [days('LTC-INST-DAY', '2026-03-30', '2026-03-31', '60.00')], { submittedAt: '2026-04-01T08:00:00+08:00' }),
    medical('MS-1', {
      institutionId: 'HOSP-2',
      admittedOn: '2026-03-20',
      dischargedOn: '2026-03-22',
      total: '2500.00',
      eligible: '2000.00',
      submittedAt: '2026-04-04T09:00:00+08:00',
    }),
  ];
  const doc = scenario([p], claims, policy);

  it('decides the month as computed by hand', () => {
    // Act
    const out = run(doc);

    // Assess:
    // HV-1: 03-02 36.00; 03-03 HV-MED 30 × 0.80 = 24.00 → 60.00; charged 60 + 60 + 30 = 150.00, personal 90.00
    // HV-2: 03-09 36.00 (month 96.00); 03-11 4.00 → 40.00; charged 60 + 30 + 30 = 120.00, personal 80.00
    // FC-1 03-10..03-31 is 22 days; 03-11 goes to HV-2 (earlier submittedAt; its HV-MED passed 1–6b); 03-20, 03-21
    //   inpatient; 03-30, 03-31 to CS-NH (earlier) → 17 days left, under 20 → 17 × 30.00 = 510.00; 03-10 kept (HV-2's
    //   03-10 unit failed 6b) → needs-review, personal 0.00
    // CS-NH 2 × 42.00 = 84.00, charged 120.00, personal 36.00
    // MS-1 level 2, first admission: (2000 − 600) × 0.85 = 1190.00, personal 2500 − 1190 = 1310.00
    expect(summary(out.claim('HV-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '60.00',
      personalAmount: '90.00',
      reasonCodes: ['PLAN_FREQUENCY_EXCEEDED'],
    });
    expect(summary(out.claim('HV-2'))).toEqual({
      status: 'partially-approved',
      fundAmount: '40.00',
      personalAmount: '80.00',
      reasonCodes: ['MONTHLY_CAP_REACHED', 'VISIT_NOT_VERIFIED'],
    });
    expect(summary(out.claim('FC-1'))).toEqual({
      status: 'needs-review',
      fundAmount: '510.00',
      personalAmount: '0.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY', 'INPATIENT_OVERLAP'],
    });
    expect(summary(out.claim('CS-NH'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
    expect(out.claim('MS-1')).toMatchObject({ status: 'approved', fundAmount: '1190.00', personalAmount: '1310.00' });
    expect(out.totals.fundAmount).toBe('1884.00');
  });

  it('ends the same in all 120 arrival orders, with first decisions and adjustments adding up', () => {
    // Act
    const check = checkEveryOrder(doc);

    // Assess
    expect(check).toEqual({ orders: 120, mismatches: [], unbalanced: [] });
  });

  it('posts the recoupments in arrival order when the earliest claims arrive last', () => {
    // Act: MS-1, FC-1, HV-2, HV-1, CS-NH
    const out = runInOrder(doc, [4, 2, 1, 0, 3]);

    // Assess, arrival by arrival:
    // MS-1 1190.00. FC-1 alone: 22 days − 03-20, 03-21 = 20 days, all within 20 → 600.00.
    // HV-2 (earlier submittedAt than FC-1) takes 03-11 → FC-1 19 days = 570.00 (−30.00); HV-2 alone:
    //   03-09 36.00, 03-11 24.00 (month 60.00) → 60.00.
    // HV-1 (03-02, 03-03 first in the month) → HV-2 03-09 min(36, 100 − 60) = 36, 03-11 min(24, 4) = 4 → 40.00 (−20.00);
    //   FC-1 unchanged; HV-1 60.00.
    // CS-NH (earliest submittedAt) takes 03-30, 03-31 → FC-1 17 days = 510.00 (−60.00); CS-NH 84.00.
    expect(out.adjustments).toEqual([
      { claimId: 'FC-1', amount: '-30.00', reason: 'REPROCESSED', triggeredBy: 'HV-2' },
      { claimId: 'HV-2', amount: '-20.00', reason: 'REPROCESSED', triggeredBy: 'HV-1' },
      { claimId: 'FC-1', amount: '-60.00', reason: 'REPROCESSED', triggeredBy: 'CS-NH' },
    ]);
    // Σ first 1190 + 600 + 60 + 60 + 84 = 1994.00; − 110.00 = 1884.00
    expect(out.totals).toEqual({ fundAmount: '1884.00', adjustments: '-110.00' });
  });
});

describe('timestamps of visits', () => {
  it('reads a check-in written with fractions of a second exactly', () => {
    // Prepare: 09:00:00.500 → 09:30:00.499 is 29 min 59.999 s; → 09:30:00.500 is 30 min
    const claim = homeVisit('CS-1', [
      visitedAt('HV-CLEAN', '2026-03-02', '40.00', cst('2026-03-02', '09:00:00.500'), cst('2026-03-02', '09:30:00.499')),
      visitedAt('HV-CLEAN', '2026-03-03', '40.00', cst('2026-03-03', '09:00:00.500'), cst('2026-03-03', '09:30:00.500')),
    ]);

    // Act
    const out = run(scenario([P_EMP], [claim], VISITS));

    // Assess: 03-03 40 × 0.80 = 32.00; charged 80.00, personal 48.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '32.00',
      personalAmount: '48.00',
      reasonCodes: ['VISIT_NOT_VERIFIED'],
    });
  });
});
