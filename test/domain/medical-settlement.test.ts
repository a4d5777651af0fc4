/**
 * Medical settlements and the continuous deductible (DOMAIN.md §5), checked through the replay against
 * amounts computed by hand. Registry: test/fixtures/care-medical/registry.json. Unless a test says
 * otherwise the person is P-EMP (employee): deductible 300 / 600 / 1000 and ratio 0.90 / 0.85 / 0.80 at
 * HOSP-1 / HOSP-2 / HOSP-3.
 */
import { describe, expect, it } from 'vitest';
import { type ClaimEntry, fixture, medical, run, scenario, summary } from '../support/care-medical-builders.ts';

/** The deductible fields of a medical entry. */
function deductible(c: ClaimEntry): Pick<ClaimEntry, 'dedc_std' | 'act_pay_dedc' | 'deductibleApplied'> {
  return { dedc_std: c.dedc_std, act_pay_dedc: c.act_pay_dedc, deductibleApplied: c.deductibleApplied };
}

describe('allowable, deductible and ratio of a single admission', () => {
  it('settles fee-for-service on the eligible costs and reports the national field names', () => {
    // Prepare
    const claim = medical('MS-1', {
      institutionId: 'HOSP-2',
      admittedOn: '2026-03-01',
      dischargedOn: '2026-03-10',
      total: '15000.00',
      eligible: '12000.00',
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: (12000 − 600) × 0.85 = 9690.00; personal 15000 − 9690 = 5310.00
    expect(out.claim('MS-1')).toMatchObject({
      status: 'approved',
      fundAmount: '9690.00',
      personalAmount: '5310.00',
      deductibleApplied: '600.00',
      dedc_std: '600.00',
      act_pay_dedc: '600.00',
      inscp_scp_amt: '12000.00',
      hifp_pay: '9690.00',
      pool_prop_selfpay: '0.85',
      reasonCodes: [],
    });
  });

  it.each([
    // (1000 − 300) × 0.90 = 630.00
    ['P-EMP', 'HOSP-1', '1000.00', '1200.00', '630.00', '570.00', '300.00'],
    // (5000 − 1000) × 0.80 = 3200.00
    ['P-EMP', 'HOSP-3', '5000.00', '6000.00', '3200.00', '2800.00', '1000.00'],
    // resident: (5000 − 600) × 0.70 = 3080.00
    ['P-RES', 'HOSP-2', '5000.00', '6000.00', '3080.00', '2920.00', '600.00'],
  ])('takes the deductible and ratio of %s at %s', (personId, institutionId, eligible, total, fundAmount, personalAmount, ded) => {
    // Prepare
    const claim = medical('MS-1', { personId, institutionId, admittedOn: '2026-03-01', dischargedOn: '2026-03-10', total, eligible });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(summary(out.claim('MS-1'))).toEqual({ status: 'approved', fundAmount, personalAmount, reasonCodes: [] });
    expect(out.claim('MS-1').deductibleApplied).toBe(ded);
  });

  it.each([
    // 10 days × 250 = 2500 < 4000: (2500 − 1000) × 0.60 = 900.00
    ['4000.00', '900.00', '4100.00'],
    // 2000 < 2500: (2000 − 1000) × 0.60 = 600.00
    ['2000.00', '600.00', '4400.00'],
  ])('limits per-bed-day allowable to inpatient days × rate (eligible %s)', (eligible, fundAmount, personalAmount) => {
    // Prepare: P-RES (resident) at HOSP-3, 2026-03-01 → 03-11 is 10 inpatient days
    const claim = medical('MS-1', {
      personId: 'P-RES',
      institutionId: 'HOSP-3',
      admittedOn: '2026-03-01',
      dischargedOn: '2026-03-11',
      settlementMode: 'per-bed-day',
      total: '5000.00',
      eligible,
    });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(summary(out.claim('MS-1'))).toEqual({ status: 'approved', fundAmount, personalAmount, reasonCodes: [] });
    expect(out.claim('MS-1').inscp_scp_amt).toBe(eligible);
  });

  it('counts a same-day stay as one day and approves an episode that only paid its deductible', () => {
    // Prepare
    const claim = medical('MS-1', {
      institutionId: 'HOSP-1',
      admittedOn: '2026-03-05',
      dischargedOn: '2026-03-05',
      settlementMode: 'per-bed-day',
      total: '500.00',
      eligible: '500.00',
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: allowable min(500, 1 × 150) = 150; deductibleApplied min(150, 300) = 150; fund 0
    expect(summary(out.claim('MS-1'))).toEqual({ status: 'approved', fundAmount: '0.00', personalAmount: '500.00', reasonCodes: [] });
    expect(deductible(out.claim('MS-1'))).toEqual({ dedc_std: '300.00', act_pay_dedc: '150.00', deductibleApplied: '150.00' });
  });
});

describe('admission index', () => {
  it('halves the deductible from the second admission of the benefit year, ranked by admission date, and resets in a new year', () => {
    // Prepare: the June episode arrives before the January one
    const claims = [
      medical('MS-2', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-06-01',
        dischargedOn: '2026-06-05',
        total: '5000.00',
        eligible: '5000.00',
      }),
      medical('MS-1', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-01-05',
        dischargedOn: '2026-01-10',
        total: '5000.00',
        eligible: '5000.00',
      }),
      medical('MS-3', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-09-01',
        dischargedOn: '2026-09-05',
        total: '5000.00',
        eligible: '5000.00',
      }),
      medical('MS-4', {
        institutionId: 'HOSP-2',
        admittedOn: '2027-01-03',
        dischargedOn: '2027-01-05',
        total: '5000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-1 (5000 − 600) × 0.85 = 3740.00; MS-2 (5000 − 300) × 0.85 = 3995.00;
    // MS-3 (5000 − 1000 × 0.5) × 0.80 = 3600.00; MS-4 is 2027's first: 3740.00
    expect(['MS-1', 'MS-2', 'MS-3', 'MS-4'].map((id) => [out.claim(id).fundAmount, out.claim(id).dedc_std])).toEqual([
      ['3740.00', '600.00'],
      ['3995.00', '300.00'],
      ['3600.00', '500.00'],
      ['3740.00', '600.00'],
    ]);
    // MS-2 was first paid as the 1st admission (3740.00) until MS-1 arrived: +255.00
    expect(out.adjustments).toEqual([{ claimId: 'MS-2', amount: '255.00', reason: 'REPROCESSED', triggeredBy: 'MS-1' }]);
  });
  it('counts a whole chain as one admission when ranking later ones', () => {
    // Prepare: a third factor 0.25, so the 2nd and 3rd admissions differ; MS-2 continues MS-1's chain
    const policy = { medical: { admissionFactors: ['1.0', '0.5', '0.25'] } };
    const episode = (claimId: string, admittedOn: string, dischargedOn: string, referredFrom?: string) =>
      medical(claimId, { institutionId: 'HOSP-2', admittedOn, dischargedOn, referredFrom, total: '5000.00', eligible: '5000.00' });
    const claims = [
      episode('MS-1', '2026-03-01', '2026-03-05'),
      episode('MS-2', '2026-03-10', '2026-03-12', 'MS-1'),
      episode('MS-3', '2026-04-01', '2026-04-03'),
      episode('MS-4', '2026-05-01', '2026-05-03'),
    ];

    // Act
    const out = run(scenario(claims, policy));

    // Assess: MS-1 3740.00; MS-2 no deductible left, 5000 × 0.85 = 4250.00;
    // MS-3 2nd admission 600 × 0.5 = 300, 4700 × 0.85 = 3995.00; MS-4 3rd 600 × 0.25 = 150, 4850 × 0.85 = 4122.50
    expect(['MS-1', 'MS-2', 'MS-3', 'MS-4'].map((id) => [out.claim(id).fundAmount, out.claim(id).dedc_std])).toEqual([
      ['3740.00', '600.00'],
      ['4250.00', '600.00'],
      ['3995.00', '300.00'],
      ['4122.50', '150.00'],
    ]);
  });

  it('rounds the halved nominal deductible half-up to the fen', () => {
    // Prepare: level-2 deductible overridden to 333.33
    const policy = { medical: { deductible: { '2': '333.33' } } };
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-05',
        total: '1000.00',
        eligible: '1000.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-04-01',
        dischargedOn: '2026-04-03',
        total: '1000.00',
        eligible: '1000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims, policy));

    // Assess: MS-1 (1000 − 333.33) × 0.85 = 566.6695 → 566.67;
    // MS-2 nominal 333.33 × 0.5 = 166.665 → 166.67, (1000 − 166.67) × 0.85 = 708.3305 → 708.33
    expect(out.claim('MS-1').fundAmount).toBe('566.67');
    expect(out.claim('MS-2')).toMatchObject({ fundAmount: '708.33', personalAmount: '291.67', dedc_std: '166.67', act_pay_dedc: '166.67' });
  });
});

describe('referral chains', () => {
  it('charges an upward referral only the difference of the deductibles', () => {
    // Prepare
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-10',
        total: '2500.00',
        eligible: '2000.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-03-10',
        dischargedOn: '2026-03-20',
        referredFrom: 'MS-1',
        total: '12000.00',
        eligible: '10000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-1 (2000 − 300) × 0.90 = 1530.00; MS-2 pays 1000 − 300 = 700, (10000 − 700) × 0.80 = 7440.00
    expect(out.claim('MS-1').fundAmount).toBe('1530.00');
    expect(summary(out.claim('MS-2'))).toEqual({ status: 'approved', fundAmount: '7440.00', personalAmount: '4560.00', reasonCodes: [] });
    expect(deductible(out.claim('MS-2'))).toEqual({ dedc_std: '1000.00', act_pay_dedc: '700.00', deductibleApplied: '700.00' });
  });

  it('charges a downward referral no deductible', () => {
    // Prepare
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-20',
        total: '12000.00',
        eligible: '10000.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-25',
        dischargedOn: '2026-03-30',
        referredFrom: 'MS-1',
        total: '2500.00',
        eligible: '2000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-1 (10000 − 1000) × 0.80 = 7200.00; MS-2 max(0, 300 − 1000) = 0, 2000 × 0.90 = 1800.00
    expect(out.claim('MS-1').fundAmount).toBe('7200.00');
    expect(summary(out.claim('MS-2'))).toEqual({ status: 'approved', fundAmount: '1800.00', personalAmount: '700.00', reasonCodes: [] });
    expect(deductible(out.claim('MS-2'))).toEqual({ dedc_std: '300.00', act_pay_dedc: '0.00', deductibleApplied: '0.00' });
  });

  it('completes a deductible not reached in the next episodes of the chain, transitively', () => {
    // Prepare: three HOSP-2 episodes, each referred from the previous one
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-03',
        total: '500.00',
        eligible: '400.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-05',
        dischargedOn: '2026-03-08',
        referredFrom: 'MS-1',
        total: '3000.00',
        eligible: '3000.00',
      }),
      medical('MS-3', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-10',
        dischargedOn: '2026-03-12',
        referredFrom: 'MS-2',
        total: '1000.00',
        eligible: '1000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-1 pays 400 of 600, fund 0; MS-2 pays 200, (3000 − 200) × 0.85 = 2380.00; MS-3 pays 0, 1000 × 0.85 = 850.00
    expect(summary(out.claim('MS-1'))).toEqual({ status: 'approved', fundAmount: '0.00', personalAmount: '500.00', reasonCodes: [] });
    expect(['MS-1', 'MS-2', 'MS-3'].map((id) => [out.claim(id).deductibleApplied, out.claim(id).fundAmount])).toEqual([
      ['400.00', '0.00'],
      ['200.00', '2380.00'],
      ['0.00', '850.00'],
    ]);
  });

  it.each([
    // 15 days after discharge: linked, deductible 600 − 600 = 0, 5000 × 0.85 = 4250.00, personal 750.00
    ['2026-03-25', '4250.00', '750.00', '0.00', []],
    // 16 days: a new chain and the 2nd admission, (5000 − 300) × 0.85 = 3995.00, personal 1005.00, still approved
    ['2026-03-26', '3995.00', '1005.00', '300.00', ['REFERRAL_NOT_CONTINUOUS']],
  ])(
    'treats an admission on %s after a 2026-03-10 discharge by the 15-day window',
    (admittedOn, fundAmount, personalAmount, applied, reasonCodes) => {
      // Prepare
      const claims = [
        medical('MS-1', {
          institutionId: 'HOSP-2',
          admittedOn: '2026-03-01',
          dischargedOn: '2026-03-10',
          total: '5000.00',
          eligible: '5000.00',
        }),
        medical('MS-2', {
          institutionId: 'HOSP-2',
          admittedOn,
          dischargedOn: '2026-03-28',
          referredFrom: 'MS-1',
          total: '5000.00',
          eligible: '5000.00',
        }),
      ];

      // Act
      const out = run(scenario(claims));

      // Assess
      expect(out.claim('MS-1').fundAmount).toBe('3740.00');
      expect(summary(out.claim('MS-2'))).toEqual({ status: 'approved', fundAmount, personalAmount, reasonCodes });
      expect(out.claim('MS-2').deductibleApplied).toBe(applied);
    },
  );

  it('links to a referrer admitted the same day only when it comes first in (admittedOn, claimId) order', () => {
    // Prepare: a same-day stay at HOSP-1 on 03-05, then HOSP-2 from 03-05, named as referred from it
    const stay = (claimId: string) =>
      medical(claimId, {
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-05',
        dischargedOn: '2026-03-05',
        total: '500.00',
        eligible: '500.00',
      });
    const referred = (referredFrom: string) =>
      medical('MS-B', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-05',
        dischargedOn: '2026-03-08',
        referredFrom,
        total: '5000.00',
        eligible: '5000.00',
      });

    // Act
    const before = run(scenario([stay('MS-A'), referred('MS-A')]));
    const after = run(scenario([stay('MS-Z'), referred('MS-Z')]));

    // Assess: MS-A < MS-B links: 600 − 300 = 300, (5000 − 300) × 0.85 = 3995.00;
    // MS-Z > MS-B does not: MS-B is the 1st admission, (5000 − 600) × 0.85 = 3740.00,
    // and MS-Z the 2nd: (500 − 150) × 0.90 = 315.00 (first paid as the 1st, (500 − 300) × 0.90 = 180.00: +135.00)
    expect(summary(before.claim('MS-B'))).toEqual({
      status: 'approved',
      fundAmount: '3995.00',
      personalAmount: '1005.00',
      reasonCodes: [],
    });
    expect(summary(after.claim('MS-B'))).toEqual({
      status: 'approved',
      fundAmount: '3740.00',
      personalAmount: '1260.00',
      reasonCodes: ['REFERRAL_NOT_CONTINUOUS'],
    });
    expect(after.claim('MS-Z').fundAmount).toBe('315.00');
    expect(after.adjustments).toEqual([{ claimId: 'MS-Z', amount: '135.00', reason: 'REPROCESSED', triggeredBy: 'MS-B' }]);
  });

  it('does not link to an episode of another person', () => {
    // Prepare
    const claims = [
      medical('MS-1', {
        personId: 'P-RES',
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-05',
        total: '500.00',
        eligible: '500.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-06',
        dischargedOn: '2026-03-08',
        referredFrom: 'MS-1',
        total: '5000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: full deductible, (5000 − 600) × 0.85 = 3740.00
    expect(summary(out.claim('MS-2'))).toEqual({
      status: 'approved',
      fundAmount: '3740.00',
      personalAmount: '1260.00',
      reasonCodes: ['REFERRAL_NOT_CONTINUOUS'],
    });
  });

  it('links only the earlier of two episodes naming the same referrer, even when it arrives last', () => {
    // Prepare: MS-3 (admitted 03-08) arrives before MS-2 (admitted 03-06); both name MS-1
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-05',
        total: '1000.00',
        eligible: '1000.00',
      }),
      medical('MS-3', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-03-08',
        dischargedOn: '2026-03-12',
        referredFrom: 'MS-1',
        total: '3000.00',
        eligible: '3000.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-06',
        dischargedOn: '2026-03-08',
        referredFrom: 'MS-1',
        total: '2000.00',
        eligible: '2000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-1 (1000 − 300) × 0.90 = 630.00; MS-2 linked: 600 − 300 = 300, (2000 − 300) × 0.85 = 1445.00;
    // MS-3 a new chain, 2nd admission: 1000 × 0.5 = 500, (3000 − 500) × 0.80 = 2000.00,
    // first paid as linked (1000 − 300 = 700, 2300 × 0.80 = 1840.00): +160.00
    expect(out.claim('MS-1').fundAmount).toBe('630.00');
    expect(summary(out.claim('MS-2'))).toEqual({ status: 'approved', fundAmount: '1445.00', personalAmount: '555.00', reasonCodes: [] });
    expect(summary(out.claim('MS-3'))).toEqual({
      status: 'approved',
      fundAmount: '2000.00',
      personalAmount: '1000.00',
      reasonCodes: ['REFERRAL_NOT_CONTINUOUS'],
    });
    expect(out.adjustments).toEqual([{ claimId: 'MS-3', amount: '160.00', reason: 'REPROCESSED', triggeredBy: 'MS-2' }]);
  });

  it('forms the link when the referrer arrives late, removes the code and adjusts the episode', () => {
    // Prepare: MS-2 names MS-1, which arrives after it
    const claims = [
      medical('MS-2', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-03-10',
        dischargedOn: '2026-03-20',
        referredFrom: 'MS-1',
        total: '12000.00',
        eligible: '10000.00',
      }),
      medical('MS-1', {
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-10',
        total: '2500.00',
        eligible: '2000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: alone, MS-2 paid (10000 − 1000) × 0.80 = 7200.00; linked it pays (10000 − 700) × 0.80 = 7440.00: +240.00;
    // MS-1 (2000 − 300) × 0.90 = 1530.00
    expect(summary(out.claim('MS-2'))).toEqual({ status: 'approved', fundAmount: '7440.00', personalAmount: '4560.00', reasonCodes: [] });
    expect(out.claim('MS-1').fundAmount).toBe('1530.00');
    expect(out.adjustments).toEqual([{ claimId: 'MS-2', amount: '240.00', reason: 'REPROCESSED', triggeredBy: 'MS-1' }]);
    expect(out.totals).toEqual({ fundAmount: '8970.00', adjustments: '240.00' });
  });

  it('keeps a chain crossing New Year in the benefit year of its first episode, for the index and the cap', () => {
    // Prepare: employee cap lowered to 5000.00
    const policy = { medical: { annualCap: { employee: '5000.00' } } };
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-2',
        admittedOn: '2025-12-20',
        dischargedOn: '2025-12-28',
        total: '6000.00',
        eligible: '5000.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-01-05',
        dischargedOn: '2026-01-09',
        referredFrom: 'MS-1',
        total: '6000.00',
        eligible: '5000.00',
      }),
      medical('MS-3', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-02-01',
        dischargedOn: '2026-02-05',
        total: '6000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims, policy));

    // Assess: MS-1 (5000 − 600) × 0.85 = 3740.00, leaving 1260.00 of 2025's cap;
    // MS-2 pays no deductible, 5000 × 0.85 = 4250.00 cut to 1260.00 (2025);
    // MS-3 is 2026's 1st admission: full deductible 600, 3740.00
    expect(out.claim('MS-1').fundAmount).toBe('3740.00');
    expect(summary(out.claim('MS-2'))).toEqual({
      status: 'partially-approved',
      fundAmount: '1260.00',
      personalAmount: '4740.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(out.claim('MS-2').deductibleApplied).toBe('0.00');
    expect(summary(out.claim('MS-3'))).toEqual({ status: 'approved', fundAmount: '3740.00', personalAmount: '2260.00', reasonCodes: [] });
    expect(out.claim('MS-3').dedc_std).toBe('600.00');
  });
});

describe('claim-level rules', () => {
  it.each([
    ['a hospital without a level', 'HOSP-NO-LEVEL', '2026-03-01'],
    ['a hospital without a medical designation', 'HOSP-NO-MEDICAL', '2026-03-01'],
    ['an elderly-care home', 'INST-A', '2026-03-01'],
    ['a hospital designated only from the day after admission', 'HOSP-LATE', '2026-02-28'],
  ])('rejects an episode at %s as INSTITUTION_NOT_DESIGNATED', (_label, institutionId, admittedOn) => {
    // Prepare
    const claim = medical('MS-1', { institutionId, admittedOn, dischargedOn: '2026-03-05', total: '3000.00', eligible: '2500.00' });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(out.claim('MS-1')).toMatchObject({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '3000.00',
      deductibleApplied: '0.00',
      dedc_std: '0.00',
      reasonCodes: ['INSTITUTION_NOT_DESIGNATED'],
    });
  });

  it('reports every failing claim-level rule', () => {
    // Prepare
    const claim = medical('MS-1', {
      personId: 'P-NOBODY',
      institutionId: 'HOSP-NO-MEDICAL',
      admittedOn: '2026-03-01',
      dischargedOn: '2026-03-05',
      total: '3000.00',
      eligible: '2500.00',
    });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(out.claim('MS-1').reasonCodes).toEqual(['INSTITUTION_NOT_DESIGNATED', 'UNKNOWN_PERSON']);
  });

  it('rejects the later-submitted of two overlapping episodes, whatever the arrival order', () => {
    // Prepare: MS-2 arrives first but was submitted after MS-1
    const claims = [
      medical('MS-2', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-03-05',
        dischargedOn: '2026-03-08',
        referredFrom: 'MS-0',
        submittedAt: '2026-03-20T10:00:00+08:00',
        total: '6000.00',
        eligible: '5000.00',
      }),
      medical('MS-1', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-10',
        submittedAt: '2026-03-15T10:00:00+08:00',
        total: '6000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-2 alone paid (5000 − 1000) × 0.80 = 3200.00, then nothing: −3200.00; MS-1 (5000 − 600) × 0.85 = 3740.00
    expect(out.claim('MS-2')).toMatchObject({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '6000.00',
      deductibleApplied: '0.00',
      dedc_std: '0.00',
      reasonCodes: ['OVERLAPPING_EPISODE'],
    });
    expect(out.claim('MS-1').fundAmount).toBe('3740.00');
    expect(out.adjustments).toEqual([{ claimId: 'MS-2', amount: '-3200.00', reason: 'REPROCESSED', triggeredBy: 'MS-1' }]);
  });

  it('never counts a same-day stay as overlapping another stay, whichever was submitted first', () => {
    // Prepare: a same-day stay (empty interval [d, d)) inside a 10-day stay, submitted before it.
    const claims = [
      medical('MS-3', {
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-06',
        dischargedOn: '2026-03-06',
        submittedAt: '2026-03-11T10:00:00+08:00',
        total: '500.00',
        eligible: '500.00',
      }),
      medical('MS-1', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-10',
        submittedAt: '2026-03-15T10:00:00+08:00',
        total: '6000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-1 is the 1st admission: (5000 − 600) × 0.85 = 3740.00. MS-3 the 2nd: 300 × 0.5 = 150, (500 − 150) × 0.90 = 315.00.
    expect(out.claim('MS-1')).toMatchObject({ status: 'approved', fundAmount: '3740.00', reasonCodes: [] });
    expect(out.claim('MS-3')).toMatchObject({ status: 'approved', fundAmount: '315.00', deductibleApplied: '150.00', reasonCodes: [] });
  });

  it('breaks the tie of equal submission instants, written with different offsets, by the smaller claimId', () => {
    // Prepare: 10:00+08:00 and 02:00Z are the same instant; 'MS-10' < 'MS-9'
    const claims = [
      medical('MS-9', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-10',
        submittedAt: '2026-03-20T10:00:00+08:00',
        total: '6000.00',
        eligible: '5000.00',
      }),
      medical('MS-10', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-03-05',
        dischargedOn: '2026-03-08',
        submittedAt: '2026-03-20T02:00:00Z',
        total: '6000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-10 (5000 − 1000) × 0.80 = 3200.00; MS-9 first paid (5000 − 600) × 0.85 = 3740.00, recouped
    expect(out.claim('MS-9')).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['OVERLAPPING_EPISODE'] });
    expect(summary(out.claim('MS-10'))).toEqual({ status: 'approved', fundAmount: '3200.00', personalAmount: '2800.00', reasonCodes: [] });
    expect(out.adjustments).toEqual([{ claimId: 'MS-9', amount: '-3740.00', reason: 'REPROCESSED', triggeredBy: 'MS-10' }]);
  });

  it('breaks a chain when a later arrival makes its referrer an overlapping episode', () => {
    // Prepare: MS-2 is linked to MS-1 until MS-0, submitted before MS-1, turns out to overlap MS-1
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-10',
        submittedAt: '2026-03-20T10:00:00+08:00',
        total: '2500.00',
        eligible: '2000.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-3',
        admittedOn: '2026-03-10',
        dischargedOn: '2026-03-20',
        referredFrom: 'MS-1',
        submittedAt: '2026-03-25T10:00:00+08:00',
        total: '12000.00',
        eligible: '10000.00',
      }),
      medical('MS-0', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-02',
        dischargedOn: '2026-03-05',
        submittedAt: '2026-03-15T10:00:00+08:00',
        total: '6000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: before MS-0, MS-1 paid (2000 − 300) × 0.90 = 1530.00 and MS-2 (10000 − 700) × 0.80 = 7440.00;
    // after it MS-1 is rejected (−1530.00), MS-0 is the 1st admission (3740.00) and MS-2 the 2nd of its own chain:
    // 1000 × 0.5 = 500, (10000 − 500) × 0.80 = 7600.00 (+160.00)
    expect(out.claim('MS-1').reasonCodes).toEqual(['OVERLAPPING_EPISODE']);
    expect(out.claim('MS-0').fundAmount).toBe('3740.00');
    expect(summary(out.claim('MS-2'))).toEqual({
      status: 'approved',
      fundAmount: '7600.00',
      personalAmount: '4400.00',
      reasonCodes: ['REFERRAL_NOT_CONTINUOUS'],
    });
    expect(out.adjustments).toEqual([
      { claimId: 'MS-1', amount: '-1530.00', reason: 'REPROCESSED', triggeredBy: 'MS-0' },
      { claimId: 'MS-2', amount: '160.00', reason: 'REPROCESSED', triggeredBy: 'MS-0' },
    ]);
  });

  it('lets a rejected episode join no chain, take no admission index and block no overlap', () => {
    // Prepare: MS-1 and MS-X are rejected (not designated); MS-2 names MS-1 and overlaps MS-X
    const claims = [
      medical('MS-1', {
        institutionId: 'HOSP-NO-MEDICAL',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-05',
        submittedAt: '2026-03-10T10:00:00+08:00',
        total: '2000.00',
        eligible: '2000.00',
      }),
      medical('MS-X', {
        institutionId: 'HOSP-NO-LEVEL',
        admittedOn: '2026-03-07',
        dischargedOn: '2026-03-09',
        submittedAt: '2026-03-11T10:00:00+08:00',
        total: '2000.00',
        eligible: '2000.00',
      }),
      medical('MS-2', {
        institutionId: 'HOSP-2',
        admittedOn: '2026-03-06',
        dischargedOn: '2026-03-10',
        referredFrom: 'MS-1',
        submittedAt: '2026-03-12T10:00:00+08:00',
        total: '6000.00',
        eligible: '5000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-2 is the 1st admission of its own chain: (5000 − 600) × 0.85 = 3740.00
    expect(summary(out.claim('MS-2'))).toEqual({
      status: 'approved',
      fundAmount: '3740.00',
      personalAmount: '2260.00',
      reasonCodes: ['REFERRAL_NOT_CONTINUOUS'],
    });
    expect(out.claim('MS-2').dedc_std).toBe('600.00');
    expect(out.claim('MS-X').reasonCodes).toEqual(['INSTITUTION_NOT_DESIGNATED']);
  });
});

describe('annual cap', () => {
  it('pays episodes against the cap in admission order and rejects one left with nothing', () => {
    // Prepare: P-RES (resident) at HOSP-1, ratio 0.80, cap 150000.00; the May episode arrives first
    const claims = [
      medical('MS-2', {
        personId: 'P-RES',
        institutionId: 'HOSP-1',
        admittedOn: '2026-05-01',
        dischargedOn: '2026-05-05',
        total: '10000.00',
        eligible: '10000.00',
      }),
      medical('MS-1', {
        personId: 'P-RES',
        institutionId: 'HOSP-1',
        admittedOn: '2026-03-01',
        dischargedOn: '2026-03-20',
        total: '210000.00',
        eligible: '200000.00',
      }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: MS-1 (200000 − 300) × 0.80 = 159760.00 cut to 150000.00;
    // MS-2, alone the 1st admission, paid (10000 − 300) × 0.80 = 7760.00; now the 2nd: deductible 150, nothing left
    expect(summary(out.claim('MS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '150000.00',
      personalAmount: '60000.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(summary(out.claim('MS-2'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '10000.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(out.claim('MS-2').deductibleApplied).toBe('150.00');
    expect(out.adjustments).toEqual([{ claimId: 'MS-2', amount: '-7760.00', reason: 'REPROCESSED', triggeredBy: 'MS-1' }]);
  });
});

describe('the §9 example', () => {
  it('recoups two care days overlapped by a later hospital stay', () => {
    // Prepare: test/fixtures/care-medical/section9-example.json — CS-1, MS-2, an exact re-delivery of CS-1
    // with other key order, and two invalid arrivals
    const doc = fixture('section9-example.json');

    // Act
    const out = run(doc);

    // Assess: CS-1 first paid 31 × min(80, 60) × 0.70 = 1302.00; after MS-2, 03-10 and 03-11 are inpatient days:
    // 29 × 42.00 = 1218.00 (−84.00), charged 2480.00, personal 1262.00;
    // MS-2 at a level-2 hospital: (12000 − 600) × 0.85 = 9690.00, personal 5310.00
    expect(out.claims.map((c) => [c.claimId, c.status])).toEqual([
      ['CS-1', 'partially-approved'],
      ['MS-2', 'approved'],
      ['CS-bad', 'invalid'],
      [null, 'invalid'],
    ]);
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '1218.00',
      personalAmount: '1262.00',
      reasonCodes: ['INPATIENT_OVERLAP'],
    });
    expect(out.claim('MS-2')).toMatchObject({
      fundAmount: '9690.00',
      personalAmount: '5310.00',
      deductibleApplied: '600.00',
      reasonCodes: [],
    });
    expect(out.adjustments).toEqual([{ claimId: 'CS-1', amount: '-84.00', reason: 'REPROCESSED', triggeredBy: 'MS-2' }]);
    expect(out.totals).toEqual({ fundAmount: '10908.00', adjustments: '-84.00' });
  });
});
