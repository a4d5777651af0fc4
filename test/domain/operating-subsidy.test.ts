/**
 * Operating subsidies (DOMAIN.md §6), every amount computed by hand: per resident
 * round_fen(Σ over occupied days of 200.00 × (1 + uplift(grade that day)) / daysInMonth), half-up,
 * with uplift 0 for grade 0 or no assessment in force, 0.50 for grade 1, 1.00 for grade 2, 2.00 for 3–5.
 */
import { describe, expect, it } from 'vitest';
import { entryOf, fixture, type Json, operating, replaySubsidies, resident } from '../support/subsidy-builders.ts';

const only = (claim: Json, policy?: Json) => entryOf(replaySubsidies([claim], policy), claim.claimId as string);

describe('operating subsidy amounts', () => {
  it.each([
    // 31 days × 200.00 × 1.0 / 31 = 200.00
    ['no assessment at all', 'P-NONE', '200.00'],
    ['grade 0', 'P-G0', '200.00'],
    // 31 × 200 × 1.5 / 31 = 300.00
    ['grade 1', 'P-G1', '300.00'],
    // 31 × 200 × 2.0 / 31 = 400.00
    ['grade 2', 'P-G2', '400.00'],
    // 31 × 200 × 3.0 / 31 = 600.00
    ['grade 4', 'P-G4', '600.00'],
    // grade 5 assessed 2024-01-01 expired on addMonths(…, 24) = 2026-01-01 → base
    ['an expired assessment', 'P-OLD', '200.00'],
    // grade 5 assessed 2026-04-01, after the month → base
    ['an assessment made after the month', 'P-FUT', '200.00'],
  ])('pays a full month for a resident with %s', (_label, personId, fund) => {
    // Prepare
    const claim = operating({ residents: [resident(personId, '2026-03-01', '2026-03-31')] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ claimId: 'OP-1', kind: 'operating-subsidy', status: 'approved', fundAmount: fund, reasonCodes: [] });
  });

  it('uses each day its own grade when the grade changes mid-month', () => {
    // Prepare: P-CHG grade 1 from 2025-01-01, grade 3 from 2026-03-11 (listed first).
    // 200 × (10 × 1.5 + 21 × 3.0) / 31 = 200 × 78 / 31 = 15600 / 31 = 503.2258… → 503.23
    const claim = operating({ residents: [resident('P-CHG', '2026-03-01', '2026-03-31')] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '503.23' });
  });

  it('drops to base on the day an assessment expires', () => {
    // Prepare: P-EXP grade 4 assessed 2024-03-16, in force while d < 2026-03-16.
    // 200 × (15 × 3.0 + 16 × 1.0) / 31 = 12200 / 31 = 393.5483… → 393.55
    const claim = operating({ residents: [resident('P-EXP', '2026-03-01', '2026-03-31')] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '393.55' });
  });

  it('pro-rates a part month and rounds once per resident', () => {
    // Prepare: 10 days × 200 / 31 = 2000 / 31 = 64.5161… → 64.52
    // (rounding each day, 6.45 × 10 = 64.50, would be wrong)
    const claim = operating({ residents: [resident('P-NONE', '2026-03-01', '2026-03-10')] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '64.52' });
  });

  it('divides by the days of the month, 28 in February 2026', () => {
    // Prepare: P-G4 14 days × 600 / 28 = 300.00; P-NONE 10 × 200 / 28 = 71.4285… → 71.43; total 371.43
    const claim = operating({
      submittedAt: '2026-03-02T10:00:00+08:00',
      month: '2026-02',
      residents: [resident('P-G4', '2026-02-01', '2026-02-14'), resident('P-NONE', '2026-02-19', '2026-02-28')],
    });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '371.43' });
  });

  it('divides by 29 in a leap February', () => {
    // Prepare: 10 × 200 / 29 = 68.9655… → 68.97
    const claim = operating({
      submittedAt: '2028-03-01T10:00:00+08:00',
      month: '2028-02',
      residents: [resident('P-NONE', '2028-02-01', '2028-02-10')],
    });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '68.97' });
  });

  it('takes the grade uplift from the policy', () => {
    // Prepare: gradeUplift for grade 2 overridden to 1.25: 31 × 200 × 2.25 / 31 = 450.00
    const claim = operating({ residents: [resident('P-G2', '2026-03-01', '2026-03-31')] });

    // Act
    const entry = only(claim, { subsidy: { operating: { gradeUplift: { '2': '1.25' } } } });

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '450.00' });
  });

  it('rounds half a fen up', () => {
    // Prepare: basePerBedMonth overridden to 200.01, April has 30 days.
    // P-NONE 15 × 200.01 / 30 = 100.005 → 100.01; P-G4 15 × 200.01 × 3 / 30 = 300.015 → 300.02; total 400.03
    const claim = operating({
      submittedAt: '2026-05-02T10:00:00+08:00',
      month: '2026-04',
      residents: [resident('P-NONE', '2026-04-01', '2026-04-15'), resident('P-G4', '2026-04-16', '2026-04-30')],
    });

    // Act
    const entry = only(claim, { subsidy: { operating: { basePerBedMonth: '200.01' } } });

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '400.03' });
  });

  it('adds residents and reports the residents that pay nothing', () => {
    // Prepare: P-G4 600.00 + P-NONE 64.52 (see above) + P-SH 0 (special hardship) + P-GHOST 0 (unknown)
    // = 664.52
    const claim = operating({
      residents: [
        resident('P-G4', '2026-03-01', '2026-03-31'),
        resident('P-SH', '2026-03-01', '2026-03-31'),
        resident('P-NONE', '2026-03-01', '2026-03-10'),
        resident('P-GHOST', '2026-03-01', '2026-03-31'),
      ],
    });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({
      status: 'partially-approved',
      fundAmount: '664.52',
      reasonCodes: ['SPECIAL_HARDSHIP_EXCLUDED', 'UNKNOWN_PERSON'],
    });
  });

  it('rejects a claim whose only resident is a special-hardship person', () => {
    // Prepare
    const claim = operating({ residents: [resident('P-SH', '2026-03-01', '2026-03-31')] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['SPECIAL_HARDSHIP_EXCLUDED'] });
  });

  it('rejects a claim whose only resident is unknown', () => {
    // Prepare
    const claim = operating({ residents: [resident('P-GHOST', '2026-03-01', '2026-03-31')] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['UNKNOWN_PERSON'] });
  });
});

describe('operating subsidy claim-level rules', () => {
  it('rejects an unknown institution', () => {
    // Prepare
    const claim = operating({ institutionId: 'INST-GHOST' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['UNKNOWN_INSTITUTION'] });
  });

  it('rejects a hospital', () => {
    // Prepare: HOSP-2 registered 2010, so only the type fails
    const claim = operating({ institutionId: 'HOSP-2' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['INSTITUTION_TYPE_NOT_COVERED'] });
  });

  it('accepts an institution whose twelve months end exactly on the first day of the month', () => {
    // Prepare: registered 2025-03-01 → addMonths(…, 12) = 2026-03-01 ≤ 2026-03-01; P-NONE full month 200.00
    const claim = operating({ institutionId: 'INST-NEW-OK' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '200.00', reasonCodes: [] });
  });

  it('rejects an institution operating one day short of twelve months', () => {
    // Prepare: registered 2025-03-02 → 2026-03-02 > 2026-03-01
    const claim = operating({ institutionId: 'INST-NEW-SHORT' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['OPERATING_TOO_SHORT'] });
  });

  it('covers hospitals when the policy excludes no institution type', () => {
    // Prepare: excludedInstitutionTypes [] → HOSP-2 is paid; P-NONE full month 200.00
    const claim = operating({ institutionId: 'HOSP-2' });

    // Act
    const entry = only(claim, { subsidy: { operating: { excludedInstitutionTypes: [] } } });

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '200.00', reasonCodes: [] });
  });

  it('takes the minimum operating months from the policy', () => {
    // Prepare: minOperatingMonths 6; INST-NEW-SHORT registered 2025-03-02 → 2025-09-02 ≤ 2025-10-01
    const claim = operating({
      institutionId: 'INST-NEW-SHORT',
      submittedAt: '2025-11-03T10:00:00+08:00',
      month: '2025-10',
      residents: [resident('P-NONE', '2025-10-01', '2025-10-31')],
    });

    // Act
    const entry = only(claim, { subsidy: { operating: { minOperatingMonths: 6 } } });

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '200.00', reasonCodes: [] });
  });

  it('reports every failing claim-level rule together', () => {
    // Prepare: HOSP-NEW is a hospital registered 2025-06-01 → 2026-06-01 > 2026-03-01
    const claim = operating({ institutionId: 'HOSP-NEW' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({
      status: 'rejected',
      fundAmount: '0.00',
      reasonCodes: ['INSTITUTION_TYPE_NOT_COVERED', 'OPERATING_TOO_SHORT'],
    });
  });
});

describe('operating subsidy duplicate resident days', () => {
  it('gives a day claimed twice to the earlier submission and adjusts the claim decided first', () => {
    // Prepare: OP-A (04-03) arrives first with P-NONE 03-01..03-20: 20 × 200 / 31 = 129.0322… → 129.03.
    // OP-B (04-02, another institution) has 03-15..03-31 and is earlier, so it keeps 03-15..03-20:
    // OP-B 17 × 200 / 31 = 109.6774… → 109.68; OP-A keeps 14 days: 2800 / 31 = 90.3225… → 90.32.
    // Adjustment on OP-A: 90.32 − 129.03 = −38.71. Total 90.32 + 109.68 = 200.00.
    const claims = fixture<unknown[]>('subsidy/operating-duplicate-day.claims.json');

    // Act
    const output = replaySubsidies(claims);

    // Assess
    expect(output.claims.map((c) => [c.claimId, c.status, c.fundAmount, c.reasonCodes])).toEqual([
      ['OP-A', 'partially-approved', '90.32', ['DUPLICATE_SERVICE_DAY']],
      ['OP-B', 'approved', '109.68', []],
    ]);
    expect(output.adjustments).toEqual([{ claimId: 'OP-A', amount: '-38.71', reason: 'REPROCESSED', triggeredBy: 'OP-B' }]);
    expect(output.totals).toEqual({ fundAmount: '200.00', adjustments: '-38.71' });
  });

  it('shares days among three claims by submission order, rounding per resident', () => {
    // Prepare, in submission order:
    // O3 (04-01): P-NONE 03-15..16 → 2 × 200 / 31 = 12.9032… → 12.90; P-G4 03-31 → 600 / 31 = 19.3548… → 19.35; = 32.25
    // O2 (04-02): P-G4 03-10..31 loses 03-31 → 21 × 600 / 31 = 406.4516… → 406.45
    // O1 (04-03): P-G4 03-01..20 loses 03-10..20 → 9 × 600 / 31 = 174.1935… → 174.19;
    //             P-NONE 03-01..31 loses 03-15..16 → 29 × 200 / 31 = 187.0967… → 187.10; = 361.29
    const o1 = operating({
      claimId: 'O1',
      residents: [resident('P-G4', '2026-03-01', '2026-03-20'), resident('P-NONE', '2026-03-01', '2026-03-31')],
    });
    const o2 = operating({
      claimId: 'O2',
      institutionId: 'INST-OTHER',
      submittedAt: '2026-04-02T10:00:00+08:00',
      residents: [resident('P-G4', '2026-03-10', '2026-03-31')],
    });
    const o3 = operating({
      claimId: 'O3',
      institutionId: 'INST-SH-60',
      submittedAt: '2026-04-01T10:00:00+08:00',
      residents: [resident('P-NONE', '2026-03-15', '2026-03-16'), resident('P-G4', '2026-03-31', '2026-03-31')],
    });

    // Act
    const output = replaySubsidies([o1, o2, o3]);

    // Assess
    expect(output.claims.map((c) => [c.claimId, c.status, c.fundAmount, c.reasonCodes])).toEqual([
      ['O1', 'partially-approved', '361.29', ['DUPLICATE_SERVICE_DAY']],
      ['O2', 'partially-approved', '406.45', ['DUPLICATE_SERVICE_DAY']],
      ['O3', 'approved', '32.25', []],
    ]);
    // 361.29 + 406.45 + 32.25 = 799.99
    expect(output.totals.fundAmount).toBe('799.99');
  });

  it('breaks a tie in submittedAt by the smaller claimId', () => {
    // Prepare: same instant (10:00 CST = 02:00Z); OP-10 < OP-9 as strings, so OP-10 keeps the whole month
    const nine = operating({ claimId: 'OP-9', residents: [resident('P-G4', '2026-03-01', '2026-03-31')] });
    const ten = operating({
      claimId: 'OP-10',
      institutionId: 'INST-OTHER',
      submittedAt: '2026-04-03T02:00:00Z',
      residents: [resident('P-G4', '2026-03-01', '2026-03-31')],
    });

    // Act
    const output = replaySubsidies([nine, ten]);

    // Assess: OP-9 600.00 on arrival, 0.00 finally
    expect(entryOf(output, 'OP-10')).toMatchObject({ status: 'approved', fundAmount: '600.00', reasonCodes: [] });
    expect(entryOf(output, 'OP-9')).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['DUPLICATE_SERVICE_DAY'] });
    expect(output.adjustments).toEqual([{ claimId: 'OP-9', amount: '-600.00', reason: 'REPROCESSED', triggeredBy: 'OP-10' }]);
  });

  it('lets a claim rejected at claim level keep no days', () => {
    // Prepare: the hospital's claim is earlier but fails INSTITUTION_TYPE_NOT_COVERED
    const hospital = operating({ claimId: 'OP-H', institutionId: 'HOSP-2', submittedAt: '2026-04-01T10:00:00+08:00' });
    const home = operating({ claimId: 'OP-1' });

    // Act
    const output = replaySubsidies([hospital, home]);

    // Assess: P-NONE full month 200.00
    expect(entryOf(output, 'OP-1')).toMatchObject({ status: 'approved', fundAmount: '200.00', reasonCodes: [] });
  });

  it('does not let a special-hardship resident take days from another claim', () => {
    // Prepare: P-SH earlier at INST-OTHER is excluded; OP-1 later is excluded too — nothing to compete for,
    // so neither carries DUPLICATE_SERVICE_DAY
    const earlier = operating({
      claimId: 'OP-0',
      institutionId: 'INST-OTHER',
      submittedAt: '2026-04-01T10:00:00+08:00',
      residents: [resident('P-SH', '2026-03-01', '2026-03-31')],
    });
    const later = operating({
      claimId: 'OP-1',
      residents: [resident('P-SH', '2026-03-01', '2026-03-31'), resident('P-G1', '2026-03-01', '2026-03-31')],
    });

    // Act
    const output = replaySubsidies([earlier, later]);

    // Assess: P-G1 300.00
    expect(entryOf(output, 'OP-1')).toMatchObject({
      status: 'partially-approved',
      fundAmount: '300.00',
      reasonCodes: ['SPECIAL_HARDSHIP_EXCLUDED'],
    });
  });

  it('does not count the same person in different months as a duplicate', () => {
    // Prepare: February (28 days) and March claims for P-G4: 600.00 each
    const feb = operating({
      claimId: 'OP-FEB',
      submittedAt: '2026-04-03T10:00:00+08:00',
      month: '2026-02',
      residents: [resident('P-G4', '2026-02-01', '2026-02-28')],
    });
    const mar = operating({ claimId: 'OP-MAR', residents: [resident('P-G4', '2026-03-01', '2026-03-31')] });

    // Act
    const output = replaySubsidies([mar, feb]);

    // Assess
    expect(output.totals).toEqual({ fundAmount: '1200.00', adjustments: '0.00' });
  });
});
