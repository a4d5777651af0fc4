/**
 * Care-service claims (DOMAIN.md §4), checked through the replay against amounts computed by hand.
 * Registry: test/fixtures/care-medical/registry.json. Unless a test says otherwise the person is
 * P-EMP (employee, grade 4 since 2025-06-10): institutional cap 60.00 at ratio 0.70, so a day priced
 * 60.00 or more pays 42.00; home-visit cap 45.00 at ratio 0.80.
 */
import { describe, expect, it } from 'vitest';
import { care, days, item, medical, run, scenario, summary } from '../support/care-medical-builders.ts';

describe('claim-level rules', () => {
  it('reports both UNKNOWN_PERSON and UNKNOWN_INSTITUTION and pays nothing', () => {
    // Prepare
    const claim = care('CS-1', {
      personId: 'P-NOBODY',
      institutionId: 'INST-NOBODY',
      lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '80.00')],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: charged 2 × 80.00 = 160.00, all of it personal
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '160.00',
      reasonCodes: ['UNKNOWN_INSTITUTION', 'UNKNOWN_PERSON'],
    });
  });
});

describe('rule 1: SERVICE_NOT_COVERED', () => {
  it('pays the care days and rejects bed fees, meals and a home-visit item in an institutional claim', () => {
    // Prepare
    const claim = care('CS-1', {
      lines: [
        days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '80.00'),
        days('BED-FEE', '2026-03-01', '2026-03-02', '30.00'),
        item('MEALS', '2026-03-01', '15.00', 2),
        item('HV-BATH', '2026-03-02', '60.00'),
      ],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: per day min(80, 60) × 0.70 = 42.00, two days 84.00;
    // charged 160 + 60 + 30 + 60 = 310.00, personal 310.00 − 84.00 = 226.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '84.00',
      personalAmount: '226.00',
      reasonCodes: ['SERVICE_NOT_COVERED'],
    });
  });

  it('rejects a claim of bed fees only', () => {
    // Prepare
    const claim = care('CS-1', { lines: [days('BED-FEE', '2026-03-01', '2026-03-03', '30.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: charged 3 × 30.00 = 90.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '90.00',
      reasonCodes: ['SERVICE_NOT_COVERED'],
    });
  });

  it('judges the catalog by the claim setting, so an institutional day in a home-visit claim is not covered', () => {
    // Prepare
    const claim = care('CS-1', {
      institutionId: 'HV-1',
      setting: 'home-visit',
      lines: [item('LTC-INST-DAY', '2026-03-01', '50.00'), item('HV-BATH', '2026-03-01', '30.00')],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: covered charge 30.00 × (0.70 + 0.10) = 24.00; charged 80.00, personal 56.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '24.00',
      personalAmount: '56.00',
      reasonCodes: ['SERVICE_NOT_COVERED'],
    });
  });
});

describe('rule 2: WAITING_PERIOD', () => {
  it('pays from addMonths(enrolledOn, 6), clamped to the end of February, and reports only the first failing rule', () => {
    // Prepare: P-WAIT enrolled 2025-08-31 → 2026-02-31 clamps to 2026-02-28; grade 5 assessed 2026-02-28,
    // so 02-26 and 02-27 also lack an assessment, but rule 2 comes first
    const claim = care('CS-1', { personId: 'P-WAIT', lines: [days('LTC-INST-DAY', '2026-02-26', '2026-03-01', '100.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: 02-28 and 03-01 pay min(100, 70) × 0.70 = 49.00 each → 98.00;
    // charged 4 × 100.00 = 400.00, personal 302.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '98.00',
      personalAmount: '302.00',
      reasonCodes: ['WAITING_PERIOD'],
    });
  });
});

describe('rule 3: NO_VALID_ASSESSMENT', () => {
  it('ends validity at addMonths(assessedOn, 24), clamped, and does not fall back to an earlier assessment', () => {
    // Prepare: P-EXPIRING's latest assessment 2024-02-29 is in force while d < 2026-02-28 (2026-02-29 clamped);
    // an older grade-5 assessment is listed after it
    const claim = care('CS-1', { personId: 'P-EXPIRING', lines: [days('LTC-INST-DAY', '2026-02-26', '2026-03-01', '60.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: 02-26 and 02-27 pay 42.00 each → 84.00; charged 240.00, personal 156.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '84.00',
      personalAmount: '156.00',
      reasonCodes: ['NO_VALID_ASSESSMENT'],
    });
  });

  it('rejects every day of a person never assessed', () => {
    // Prepare
    const claim = care('CS-1', { personId: 'P-NO-ASSESSMENT', lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '60.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '120.00',
      reasonCodes: ['NO_VALID_ASSESSMENT'],
    });
  });
});

describe('rule 4: GRADE_NOT_ELIGIBLE', () => {
  it('uses each day its own grade when a reassessment lowers the grade mid-month', () => {
    // Prepare: P-DOWNGRADED is grade 4 from 2025-06-10 and grade 2 from 2026-03-16 (listed first);
    // the grade-4 assessment, though still within 24 months, is superseded
    const claim = care('CS-1', { personId: 'P-DOWNGRADED', lines: [days('LTC-INST-DAY', '2026-03-14', '2026-03-17', '70.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: 03-14, 03-15 pay min(70, 60) × 0.70 = 42.00 each → 84.00; charged 280.00, personal 196.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '84.00',
      personalAmount: '196.00',
      reasonCodes: ['GRADE_NOT_ELIGIBLE'],
    });
  });

  it('applies the new daily cap from the day a higher grade is assessed', () => {
    // Prepare: P-UPGRADED is grade 3 (cap 50) until 2026-03-10 and grade 5 (cap 70) from 2026-03-11
    const claim = care('CS-1', { personId: 'P-UPGRADED', lines: [days('LTC-INST-DAY', '2026-03-09', '2026-03-12', '80.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: 2 × 50 × 0.70 + 2 × 70 × 0.70 = 35 + 35 + 49 + 49 = 168.00; charged 320.00, personal 152.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '168.00', personalAmount: '152.00', reasonCodes: [] });
  });

  it('takes the assessment listed later when two share an assessment date', () => {
    // Prepare: grade 5 then grade 2, both assessed 2025-06-10
    const claim = care('CS-1', { personId: 'P-SAME-DAY-ASSESSMENTS', lines: [item('LTC-INST-DAY', '2026-03-01', '60.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '60.00',
      reasonCodes: ['GRADE_NOT_ELIGIBLE'],
    });
  });
});

describe('rule 5: INSTITUTION_NOT_DESIGNATED', () => {
  it('covers the designation through its `to` date inclusive', () => {
    // Prepare: INST-ENDING's institutional designation ends 2026-03-15
    const claim = care('CS-1', { institutionId: 'INST-ENDING', lines: [days('LTC-INST-DAY', '2026-03-14', '2026-03-17', '60.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: 03-14, 03-15 pay 42.00 each → 84.00; charged 240.00, personal 156.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '84.00',
      personalAmount: '156.00',
      reasonCodes: ['INSTITUTION_NOT_DESIGNATED'],
    });
  });

  it('treats a designation ending before it starts as covering nothing and a null `to` as open-ended', () => {
    // Prepare: INST-A's designations replaced by an inverted one and an open-ended one from 03-20
    const doc = scenario([
      care('CS-1', {
        lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '60.00'), days('LTC-INST-DAY', '2026-03-20', '2026-03-21', '60.00')],
      }),
    ]);
    const registry = doc.registry as { institutions: { institutionId: string; designations: unknown[] }[] };
    const instA = registry.institutions.find((i) => i.institutionId === 'INST-A')!;
    instA.designations = [
      { scheme: 'ltc', setting: 'institutional', from: '2026-03-10', to: '2026-03-01' },
      { scheme: 'ltc', setting: 'institutional', from: '2026-03-20', to: null },
    ];

    // Act
    const out = run(doc);

    // Assess: 03-20, 03-21 pay 42.00 each → 84.00; charged 240.00, personal 156.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '84.00',
      personalAmount: '156.00',
      reasonCodes: ['INSTITUTION_NOT_DESIGNATED'],
    });
  });

  it.each([
    ['an elderly-care home with a medical-care designation', 'INST-MC'],
    ['a hospital without a hospital level', 'HOSP-NO-LEVEL'],
  ])('rejects medical-care at %s', (_label, institutionId) => {
    // Prepare
    const claim = care('CS-1', {
      institutionId,
      setting: 'medical-care',
      lines: [days('LTC-MED-DAY', '2026-03-01', '2026-03-02', '100.00')],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '200.00',
      reasonCodes: ['INSTITUTION_NOT_DESIGNATED'],
    });
  });

  it('rejects a home-visit claim from an institution designated only for institutional care', () => {
    // Prepare
    const claim = care('CS-1', { setting: 'home-visit', lines: [item('HV-BATH', '2026-03-01', '40.00')] });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '40.00',
      reasonCodes: ['INSTITUTION_NOT_DESIGNATED'],
    });
  });
});

describe('rule 6: INPATIENT_OVERLAP', () => {
  it('refuses the days from admission to the day before discharge and pays the discharge day', () => {
    // Prepare
    const stay = medical('MS-1', {
      institutionId: 'HOSP-2',
      admittedOn: '2026-03-10',
      dischargedOn: '2026-03-12',
      total: '3000.00',
      eligible: '2000.00',
    });
    const claim = care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-09', '2026-03-13', '60.00')] });

    // Act
    const out = run(scenario([stay, claim]));

    // Assess: 03-10, 03-11 are inpatient days; 03-09, 03-12, 03-13 pay 3 × 42.00 = 126.00; charged 300.00, personal 174.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '126.00',
      personalAmount: '174.00',
      reasonCodes: ['INPATIENT_OVERLAP'],
    });
  });

  it('refuses the admission day of a same-day stay', () => {
    // Prepare
    const stay = medical('MS-1', {
      institutionId: 'HOSP-2',
      admittedOn: '2026-03-20',
      dischargedOn: '2026-03-20',
      total: '900.00',
      eligible: '800.00',
    });
    const claim = care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-19', '2026-03-21', '60.00')] });

    // Act
    const out = run(scenario([stay, claim]));

    // Assess: 03-19 and 03-21 pay 42.00 each → 84.00; charged 180.00, personal 96.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '84.00',
      personalAmount: '96.00',
      reasonCodes: ['INPATIENT_OVERLAP'],
    });
  });

  it('counts a stay whose medical claim was itself rejected', () => {
    // Prepare: HOSP-NO-MEDICAL has no medical designation, so MS-1 is rejected but validated
    const stay = medical('MS-1', {
      institutionId: 'HOSP-NO-MEDICAL',
      admittedOn: '2026-03-10',
      dischargedOn: '2026-03-11',
      total: '900.00',
      eligible: '800.00',
    });
    const claim = care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-10', '2026-03-11', '60.00')] });

    // Act
    const out = run(scenario([claim, stay]));

    // Assess: only 03-11 pays 42.00; charged 120.00, personal 78.00
    expect(out.claim('MS-1').reasonCodes).toEqual(['INSTITUTION_NOT_DESIGNATED']);
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '42.00',
      personalAmount: '78.00',
      reasonCodes: ['INPATIENT_OVERLAP'],
    });
  });
  it("ignores another person's stay", () => {
    // Prepare
    const stay = medical('MS-1', {
      personId: 'P-RES',
      institutionId: 'HOSP-1',
      admittedOn: '2026-03-10',
      dischargedOn: '2026-03-12',
      total: '500.00',
      eligible: '500.00',
    });
    const claim = care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-10', '2026-03-11', '60.00')] });

    // Act
    const out = run(scenario([stay, claim]));

    // Assess: 2 × 42.00 = 84.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
  });

  it('ignores a stay whose medical claim failed validation', () => {
    // Prepare: eligible above total is a validation error
    const stay = medical('MS-1', {
      institutionId: 'HOSP-2',
      admittedOn: '2026-03-10',
      dischargedOn: '2026-03-12',
      total: '500.00',
      eligible: '600.00',
    });
    const claim = care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-10', '2026-03-11', '60.00')] });

    // Act
    const out = run(scenario([stay, claim]));

    // Assess: 2 × 42.00 = 84.00
    expect(out.claim('MS-1').status).toBe('invalid');
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
  });
});

describe('rule 7: DUPLICATE_SERVICE_DAY', () => {
  it('gives a day to the smaller claimId on a submittedAt tie, in string order, and sends the loser to review', () => {
    // Prepare: same instant; 'CS-10' < 'CS-9' as strings, across settings and institutions
    const submittedAt = '2026-04-02T09:00:00+08:00';
    const institutional = care('CS-9', { submittedAt, lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-03', '60.00')] });
    const homeVisit = care('CS-10', {
      submittedAt,
      institutionId: 'HV-1',
      setting: 'home-visit',
      lines: [item('HV-BATH', '2026-03-02', '50.00')],
    });

    // Act
    const out = run(scenario([institutional, homeVisit]));

    // Assess: CS-10 pays min(50, 45) × 0.80 = 36.00; CS-9 keeps 03-01 and 03-03 → 84.00 (was 126.00 before CS-10)
    expect(summary(out.claim('CS-10'))).toEqual({ status: 'approved', fundAmount: '36.00', personalAmount: '14.00', reasonCodes: [] });
    expect(summary(out.claim('CS-9'))).toEqual({
      status: 'needs-review',
      fundAmount: '84.00',
      personalAmount: '96.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY'],
    });
    expect(out.adjustments).toEqual([{ claimId: 'CS-9', amount: '-42.00', reason: 'REPROCESSED', triggeredBy: 'CS-10' }]);
  });

  it('compares submittedAt as instants, not strings, and rejects a loser left with nothing', () => {
    // Prepare: 02:00Z is 10:00 in Shanghai, so CS-2 (09:30+08:00) was submitted first although its string sorts later
    const late = care('CS-1', { submittedAt: '2026-04-02T02:00:00Z', lines: [item('LTC-INST-DAY', '2026-03-01', '60.00')] });
    const early = care('CS-2', {
      submittedAt: '2026-04-02T09:30:00+08:00',
      institutionId: 'HV-1',
      setting: 'home-visit',
      lines: [item('HV-FEED', '2026-03-01', '20.00')],
    });

    // Act
    const out = run(scenario([late, early]));

    // Assess: CS-2 pays 20.00 × 0.80 = 16.00
    expect(summary(out.claim('CS-2'))).toEqual({ status: 'approved', fundAmount: '16.00', personalAmount: '4.00', reasonCodes: [] });
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '60.00',
      reasonCodes: ['DUPLICATE_SERVICE_DAY'],
    });
  });

  it('lets earlier claims keep only the days that passed rules 1–6', () => {
    // Prepare: CS-0 is rejected at claim level and CS-1's 03-16 falls after INST-ENDING's designation,
    // so neither has a day to keep against the later CS-2
    const unknownInstitution = care('CS-0', {
      institutionId: 'INST-NOBODY',
      submittedAt: '2026-04-01T09:00:00+08:00',
      lines: [item('LTC-INST-DAY', '2026-03-17', '60.00')],
    });
    const undesignated = care('CS-1', {
      institutionId: 'INST-ENDING',
      submittedAt: '2026-04-01T10:00:00+08:00',
      lines: [item('LTC-INST-DAY', '2026-03-16', '60.00')],
    });
    const later = care('CS-2', {
      submittedAt: '2026-04-02T09:00:00+08:00',
      lines: [days('LTC-INST-DAY', '2026-03-16', '2026-03-17', '60.00')],
    });

    // Act
    const out = run(scenario([unknownInstitution, undesignated, later]));

    // Assess: CS-2 pays 2 × 42.00 = 84.00
    expect(summary(out.claim('CS-2'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
    expect(out.claim('CS-1').reasonCodes).toEqual(['INSTITUTION_NOT_DESIGNATED']);
  });
});

describe('daily caps and ratios', () => {
  it('caps medical-care by the hospital level', () => {
    // Prepare
    const claims = [
      care('CS-1', { institutionId: 'HOSP-1', setting: 'medical-care', lines: [item('LTC-MED-DAY', '2026-03-01', '150.00')] }),
      care('CS-2', { institutionId: 'HOSP-2', setting: 'medical-care', lines: [item('LTC-MED-DAY', '2026-03-02', '150.00')] }),
      care('CS-3', { institutionId: 'HOSP-3', setting: 'medical-care', lines: [item('LTC-MED-DAY', '2026-03-03', '150.00')] }),
    ];

    // Act
    const out = run(scenario(claims));

    // Assess: 80 × 0.70 = 56.00, 100 × 0.70 = 70.00, 120 × 0.70 = 84.00
    expect(['CS-1', 'CS-2', 'CS-3'].map((id) => [out.claim(id).fundAmount, out.claim(id).personalAmount])).toEqual([
      ['56.00', '94.00'],
      ['70.00', '80.00'],
      ['84.00', '66.00'],
    ]);
  });

  it('sums every home-visit item of a day, quantities included, before the cap and adds the home-visit bonus', () => {
    // Prepare: P-RES is a grade-3 resident: home-visit cap 40.00, ratio 0.50 + 0.10 = 0.60
    const claim = care('CS-1', {
      personId: 'P-RES',
      institutionId: 'HV-1',
      setting: 'home-visit',
      lines: [item('HV-BATH', '2026-03-05', '30.00'), item('HV-FEED', '2026-03-05', '15.00', 2), item('HV-TURN', '2026-03-06', '8.00', 3)],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: 03-05 min(30 + 2 × 15, 40) × 0.60 = 24.00; 03-06 3 × 8 × 0.60 = 14.40; fund 38.40;
    // charged 30 + 30 + 24 = 84.00, personal 45.60
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '38.40', personalAmount: '45.60', reasonCodes: [] });
  });

  it('sums two lines of one claim on the same day before the cap instead of calling them duplicates', () => {
    // Prepare
    const claim = care('CS-1', {
      lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '40.00'), item('LTC-INST-DAY', '2026-03-02', '40.00')],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: 03-01 40 × 0.70 = 28.00; 03-02 min(80, 60) × 0.70 = 42.00; fund 70.00, charged 120.00, personal 50.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '70.00', personalAmount: '50.00', reasonCodes: [] });
  });

  it('never lets the home-visit ratio exceed 1, and deep-merges a partial fund-ratio override', () => {
    // Prepare: employee ratio overridden to 0.95; the resident ratio keeps its default 0.50
    const policy = { ltc: { fundRatio: { employee: '0.95' } } };
    const claims = [
      care('CS-1', { institutionId: 'HV-1', setting: 'home-visit', lines: [item('HV-BATH', '2026-03-01', '50.00')] }),
      care('CS-2', { lines: [item('LTC-INST-DAY', '2026-03-02', '60.00')] }),
      care('CS-3', { personId: 'P-RES', lines: [item('LTC-INST-DAY', '2026-03-01', '50.00')] }),
    ];

    // Act
    const out = run(scenario(claims, policy));

    // Assess: min(50, 45) × min(0.95 + 0.10, 1) = 45.00; 60 × 0.95 = 57.00; 50 × 0.50 = 25.00
    expect(['CS-1', 'CS-2', 'CS-3'].map((id) => out.claim(id).fundAmount)).toEqual(['45.00', '57.00', '25.00']);
  });
});

describe('rounding to the fen', () => {
  it('rounds half-up per day, so three days of 16.665 pay 50.01', () => {
    // Prepare: P-RES institutional, ratio 0.50
    const claim = care('CS-1', { personId: 'P-RES', lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-03', '33.33')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: 33.33 × 0.50 = 16.665 → 16.67 per day, × 3 = 50.01 (not round(99.99 × 0.50) = 50.00);
    // charged 99.99, personal 49.98
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '50.01', personalAmount: '49.98', reasonCodes: [] });
  });

  it('rounds the day fund from the unrounded charge and the claim charge once, for a six-decimal unit price', () => {
    // Prepare: P-RES institutional, ratio 0.50
    const claim = care('CS-1', { personId: 'P-RES', lines: [item('LTC-INST-DAY', '2026-03-01', '10.005')] });

    // Act
    const out = run(scenario([claim]));

    // Assess: fund round(10.005 × 0.50 = 5.0025) = 5.00; charged round(10.005) = 10.01; personal 5.01
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '5.00', personalAmount: '5.01', reasonCodes: [] });
  });
});

describe('annual cap', () => {
  const smallCap = { ltc: { annualCap: '100.00' } };

  it('pays the crossing day the remainder, later days nothing, and leaves a day worth 0 unmarked', () => {
    // Prepare
    const claims = [
      care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-03', '60.00')] }),
      care('CS-2', { lines: [days('LTC-INST-DAY', '2026-03-04', '2026-03-05', '60.00')] }),
      care('CS-3', { lines: [item('LTC-INST-DAY', '2026-03-06', '0.00')] }),
    ];

    // Act
    const out = run(scenario(claims, smallCap));

    // Assess: 42.00 + 42.00 + 16.00 (remainder of 100.00) = 100.00; CS-2's days are cut to 0
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'partially-approved',
      fundAmount: '100.00',
      personalAmount: '80.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(summary(out.claim('CS-2'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '120.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(summary(out.claim('CS-3'))).toEqual({ status: 'approved', fundAmount: '0.00', personalAmount: '0.00', reasonCodes: [] });
  });

  it('does not mark a claim that reaches the cap exactly, only the day after', () => {
    // Prepare: cap 84.00 = two days of 42.00
    const claims = [
      care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '60.00')] }),
      care('CS-2', { lines: [item('LTC-INST-DAY', '2026-03-03', '60.00')] }),
    ];

    // Act
    const out = run(scenario(claims, { ltc: { annualCap: '84.00' } }));

    // Assess
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
    expect(summary(out.claim('CS-2'))).toEqual({
      status: 'rejected',
      fundAmount: '0.00',
      personalAmount: '60.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
  });

  it('pays days in service-date order, so an earlier-dated claim arriving later takes the cap and the other is recouped', () => {
    // Prepare
    const claims = [
      care('CS-2', { lines: [days('LTC-INST-DAY', '2026-03-10', '2026-03-12', '60.00')] }),
      care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '60.00')] }),
    ];

    // Act
    const out = run(scenario(claims, smallCap));

    // Assess: CS-2 first paid 42 + 42 + 16 = 100.00; after CS-1 (84.00) only 16.00 is left for 03-10
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '84.00', personalAmount: '36.00', reasonCodes: [] });
    expect(summary(out.claim('CS-2'))).toEqual({
      status: 'partially-approved',
      fundAmount: '16.00',
      personalAmount: '164.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
    expect(out.adjustments).toEqual([{ claimId: 'CS-2', amount: '-84.00', reason: 'REPROCESSED', triggeredBy: 'CS-1' }]);
    expect(out.totals).toEqual({ fundAmount: '100.00', adjustments: '-84.00' });
  });

  it('counts each day against the cap of its own calendar year', () => {
    // Prepare
    const claim = care('CS-1', { lines: [days('LTC-INST-DAY', '2026-12-30', '2027-01-02', '60.00')] });

    // Act
    const out = run(scenario([claim], smallCap));

    // Assess: 2026 pays 2 × 42.00 = 84.00 ≤ 100.00; 2027 likewise: 168.00
    expect(summary(out.claim('CS-1'))).toEqual({ status: 'approved', fundAmount: '168.00', personalAmount: '72.00', reasonCodes: [] });
  });

  it('stops at the default 20000.00 on the 239th day of a long medical-care stay', () => {
    // Prepare: 2026-01-01..09-30 is 273 days at HOSP-3, 120 × 0.70 = 84.00 a day
    const claim = care('CS-1', {
      institutionId: 'HOSP-3',
      setting: 'medical-care',
      lines: [days('LTC-MED-DAY', '2026-01-01', '2026-09-30', '120.00')],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess: 238 × 84.00 = 19992.00, day 239 (08-27) pays 8.00 → 20000.00, above the review threshold;
    // charged 273 × 120.00 = 32760.00, personal 12760.00
    expect(summary(out.claim('CS-1'))).toEqual({
      status: 'needs-review',
      fundAmount: '20000.00',
      personalAmount: '12760.00',
      reasonCodes: ['ANNUAL_CAP_REACHED'],
    });
  });
});

describe('review threshold', () => {
  it.each([
    ['2026-04-29', 'approved', '9996.00', '4284.00'], // 119 days × 84.00; charged 14280.00
    ['2026-04-30', 'needs-review', '10080.00', '4320.00'], // 120 days × 84.00; charged 14400.00
  ])('through %s the claim is %s', (to, status, fundAmount, personalAmount) => {
    // Prepare
    const claim = care('CS-1', {
      institutionId: 'HOSP-3',
      setting: 'medical-care',
      lines: [days('LTC-MED-DAY', '2026-01-01', to, '120.00')],
    });

    // Act
    const out = run(scenario([claim]));

    // Assess
    expect(summary(out.claim('CS-1'))).toEqual({ status, fundAmount, personalAmount, reasonCodes: [] });
  });

  it('does not review a fund amount exactly at the threshold', () => {
    // Prepare
    const claim = care('CS-1', { lines: [days('LTC-INST-DAY', '2026-03-01', '2026-03-02', '60.00')] });

    // Act
    const out = run(scenario([claim], { ltc: { reviewThreshold: '84.00' } }));

    // Assess: 2 × 42.00 = 84.00, not above 84.00
    expect(out.claim('CS-1').status).toBe('approved');
  });
});
