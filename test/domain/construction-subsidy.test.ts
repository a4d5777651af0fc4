/**
 * Construction subsidies (DOMAIN.md §6), every amount computed by hand from the per-bed rates:
 * elderly-care × new-construction 13000.00, special-hardship × new-construction 13000.00,
 * special-hardship × renovation 4000.00; everything else is not covered.
 */
import { describe, expect, it } from 'vitest';
import { construction, entryOf, fixture, type Json, replaySubsidies, runReplay } from '../support/subsidy-builders.ts';

const only = (claim: Json, policy?: Json) => entryOf(replaySubsidies([claim], policy), claim.claimId as string);

describe('construction subsidy rates', () => {
  it.each([
    // 2 beds × 13000.00 = 26000.00
    ['elderly-care new-construction', 'INST-EC-120-INT', 'new-construction', ['B-1', 'B-2'], '26000.00'],
    // 3 beds × 13000.00 = 39000.00
    ['special-hardship new-construction', 'INST-SH-60', 'new-construction', ['B-1', 'B-2', 'B-3'], '39000.00'],
    // 3 beds × 4000.00 = 12000.00
    ['special-hardship renovation', 'INST-SH-60', 'renovation', ['B-1', 'B-2', 'B-3'], '12000.00'],
  ])('pays the per-bed rate for %s', (_label, institutionId, projectType, beds, fund) => {
    // Prepare
    const claim = construction({ institutionId, projectType, beds });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toEqual({
      claimId: 'SUB-1',
      kind: 'construction-subsidy',
      status: 'approved',
      fundAmount: fund,
      deferredAmount: '0.00',
      reasonCodes: [],
    });
  });

  it.each([
    ['elderly-care renovation', 'INST-EC-120-INT', 'renovation'],
    ['hospital new-construction', 'HOSP-2', 'new-construction'],
    ['hospital renovation', 'HOSP-2', 'renovation'],
  ])('rejects %s as PROJECT_TYPE_NOT_COVERED', (_label, institutionId, projectType) => {
    // Prepare
    const claim = construction({ institutionId, projectType });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({
      status: 'rejected',
      fundAmount: '0.00',
      deferredAmount: '0.00',
      reasonCodes: ['PROJECT_TYPE_NOT_COVERED'],
    });
  });
});

describe('construction subsidy claim-level rules', () => {
  it('rejects a project accepted the day before the policy took effect', () => {
    // Prepare: effectiveFrom 2021-01-01, acceptedOn 2020-12-31
    const claim = construction({ acceptedOn: '2020-12-31' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['BEFORE_POLICY_EFFECTIVE'] });
  });

  it('accepts a project accepted on the day the policy took effect', () => {
    // Prepare: 2 beds × 13000.00 = 26000.00
    const claim = construction({ acceptedOn: '2021-01-01' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '26000.00', reasonCodes: [] });
  });

  it.each([
    // totalBeds 100 ≥ 100: only an internal facility is accepted
    ['100 beds with an internal facility', 'INST-EC-100-INT', 'approved', '26000.00', []],
    ['100 beds with a contracted facility', 'INST-EC-100-CON', 'rejected', '0.00', ['MEDICAL_FACILITY_REQUIRED']],
    // totalBeds 99 < 100: internal or contracted
    ['99 beds with a contracted facility', 'INST-EC-99-CON', 'approved', '26000.00', []],
    ['99 beds with no facility', 'INST-EC-99-NONE', 'rejected', '0.00', ['MEDICAL_FACILITY_REQUIRED']],
  ])('decides the medical facility requirement for %s', (_label, institutionId, status, fund, codes) => {
    // Prepare
    const claim = construction({ institutionId });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status, fundAmount: fund, reasonCodes: codes });
  });

  it.each([
    // public, 15 / 50 = 0.30 ≥ 0.30 → passes; 1 bed × 13000.00
    ['a public institution at exactly 30%', 'INST-EC-PUB-15', 'approved', '13000.00', []],
    // public, 14 / 50 = 0.28 < 0.30 → fails
    ['a public institution below 30%', 'INST-EC-PUB-14', 'rejected', '0.00', ['NURSING_BED_RATIO']],
    // private, 5 / 50 = 0.10: the ratio applies to public institutions only
    ['a private institution below 30%', 'INST-EC-PRIV-5', 'approved', '13000.00', []],
  ])('checks the nursing bed ratio for %s', (_label, institutionId, status, fund, codes) => {
    // Prepare
    const claim = construction({ institutionId, beds: ['B-1'] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status, fundAmount: fund, reasonCodes: codes });
  });

  it('reports every failing claim-level rule together', () => {
    // Prepare: elderly-care renovation (not covered), accepted 2020-12-31 (before 2021-01-01),
    // 120 beds with a contracted facility (needs internal), public with 20 / 120 ≈ 0.17 < 0.30
    const claim = construction({ institutionId: 'INST-EC-BAD', projectType: 'renovation', acceptedOn: '2020-12-31' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toEqual({
      claimId: 'SUB-1',
      kind: 'construction-subsidy',
      status: 'rejected',
      fundAmount: '0.00',
      deferredAmount: '0.00',
      reasonCodes: ['BEFORE_POLICY_EFFECTIVE', 'MEDICAL_FACILITY_REQUIRED', 'NURSING_BED_RATIO', 'PROJECT_TYPE_NOT_COVERED'],
    });
  });

  it('skips the institution rules for an unknown institution but still checks the effective date', () => {
    // Prepare
    const claim = construction({ institutionId: 'INST-GHOST', acceptedOn: '2020-06-01' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({
      status: 'rejected',
      fundAmount: '0.00',
      reasonCodes: ['BEFORE_POLICY_EFFECTIVE', 'UNKNOWN_INSTITUTION'],
    });
  });

  it('reports only UNKNOWN_INSTITUTION when the date is fine', () => {
    // Prepare
    const claim = construction({ institutionId: 'INST-GHOST', projectType: 'renovation' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['UNKNOWN_INSTITUTION'] });
  });
});

describe('construction subsidy bed rules', () => {
  it('pays a bed listed twice in one claim once', () => {
    // Prepare: B-1, B-1, B-2 → 2 eligible beds × 13000.00 = 26000.00
    const claim = construction({ beds: ['B-1', 'B-1', 'B-2'] });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'partially-approved', fundAmount: '26000.00', reasonCodes: ['DUPLICATE_BED_IN_CLAIM'] });
  });

  it('refuses a second new-construction subsidy for the same bed', () => {
    // Prepare: SUB-1 takes B-1, B-2 (26000.00); SUB-2 lists B-2 again and B-3 → 1 × 13000.00
    const first = construction({ claimId: 'SUB-1', beds: ['B-1', 'B-2'] });
    const second = construction({ claimId: 'SUB-2', submittedAt: '2026-03-02T10:00:00+08:00', beds: ['B-2', 'B-3'] });

    // Act
    const output = replaySubsidies([first, second]);

    // Assess
    expect(entryOf(output, 'SUB-1')).toMatchObject({ status: 'approved', fundAmount: '26000.00', reasonCodes: [] });
    expect(entryOf(output, 'SUB-2')).toMatchObject({
      status: 'partially-approved',
      fundAmount: '13000.00',
      reasonCodes: ['BED_ALREADY_SUBSIDIZED'],
    });
    expect(output.totals).toEqual({ fundAmount: '39000.00', adjustments: '0.00' });
  });

  it('rejects a claim whose every bed was already subsidized', () => {
    // Prepare
    const first = construction({ claimId: 'SUB-1', beds: ['B-1'] });
    const second = construction({ claimId: 'SUB-2', submittedAt: '2026-03-02T10:00:00+08:00', beds: ['B-1'] });

    // Act
    const output = replaySubsidies([first, second]);

    // Assess
    expect(entryOf(output, 'SUB-2')).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['BED_ALREADY_SUBSIDIZED'] });
  });

  it('allows a renovation subsidy for a bed that had a new-construction subsidy', () => {
    // Prepare: new-construction 2 × 13000.00 = 26000.00, then renovation of the same beds 2 × 4000.00 = 8000.00
    const built = construction({ claimId: 'SUB-1', institutionId: 'INST-SH-60', beds: ['B-1', 'B-2'] });
    const renovated = construction({
      claimId: 'SUB-2',
      institutionId: 'INST-SH-60',
      projectType: 'renovation',
      submittedAt: '2026-03-02T10:00:00+08:00',
      beds: ['B-1', 'B-2'],
    });

    // Act
    const output = replaySubsidies([built, renovated]);

    // Assess
    expect(entryOf(output, 'SUB-1')).toMatchObject({ status: 'approved', fundAmount: '26000.00' });
    expect(entryOf(output, 'SUB-2')).toMatchObject({ status: 'approved', fundAmount: '8000.00', reasonCodes: [] });
  });

  it('refuses a second renovation subsidy for the same bed', () => {
    // Prepare: renovation B-1 (4000.00), then renovation B-1 again
    const first = construction({ claimId: 'SUB-1', institutionId: 'INST-SH-60', projectType: 'renovation', beds: ['B-1'] });
    const second = construction({
      claimId: 'SUB-2',
      institutionId: 'INST-SH-60',
      projectType: 'renovation',
      submittedAt: '2026-03-02T10:00:00+08:00',
      beds: ['B-1'],
    });

    // Act
    const output = replaySubsidies([first, second]);

    // Assess
    expect(entryOf(output, 'SUB-1')).toMatchObject({ fundAmount: '4000.00' });
    expect(entryOf(output, 'SUB-2')).toMatchObject({ status: 'rejected', fundAmount: '0.00', reasonCodes: ['BED_ALREADY_SUBSIDIZED'] });
  });

  it('keys a bed by institution, so the same bed id elsewhere is a different bed', () => {
    // Prepare: B-1 at two institutions, 13000.00 each
    const here = construction({ claimId: 'SUB-1', beds: ['B-1'] });
    const there = construction({ claimId: 'SUB-2', institutionId: 'INST-OTHER', beds: ['B-1'] });

    // Act
    const output = replaySubsidies([here, there]);

    // Assess
    expect(entryOf(output, 'SUB-2')).toMatchObject({ status: 'approved', fundAmount: '13000.00', reasonCodes: [] });
  });

  it('grants no more beds per project type than the institution has nursing beds', () => {
    // Prepare: INST-SH-2 has 2 nursing beds. New-construction of 3 beds → 2 × 13000.00 = 26000.00;
    // renovation counts separately → 2 × 4000.00 = 8000.00
    const built = construction({ claimId: 'SUB-1', institutionId: 'INST-SH-2', beds: ['B-1', 'B-2', 'B-3'] });
    const renovated = construction({
      claimId: 'SUB-2',
      institutionId: 'INST-SH-2',
      projectType: 'renovation',
      submittedAt: '2026-03-02T10:00:00+08:00',
      beds: ['B-1', 'B-2'],
    });

    // Act
    const output = replaySubsidies([built, renovated]);

    // Assess
    expect(entryOf(output, 'SUB-1')).toMatchObject({
      status: 'partially-approved',
      fundAmount: '26000.00',
      reasonCodes: ['EXCEEDS_NURSING_BEDS'],
    });
    expect(entryOf(output, 'SUB-2')).toMatchObject({ status: 'approved', fundAmount: '8000.00', reasonCodes: [] });
  });

  it('counts nursing beds across claims and does not count a refused duplicate', () => {
    // Prepare: INST-SH-2 has 2 nursing beds. SUB-1: B-1, B-1 → 1 granted (13000.00);
    // SUB-2: B-2, B-3 → B-2 granted (2nd), B-3 would be the 3rd → 13000.00
    const first = construction({ claimId: 'SUB-1', institutionId: 'INST-SH-2', beds: ['B-1', 'B-1'] });
    const second = construction({
      claimId: 'SUB-2',
      institutionId: 'INST-SH-2',
      submittedAt: '2026-03-02T10:00:00+08:00',
      beds: ['B-2', 'B-3'],
    });

    // Act
    const output = replaySubsidies([first, second]);

    // Assess
    expect(entryOf(output, 'SUB-1')).toMatchObject({ fundAmount: '13000.00', reasonCodes: ['DUPLICATE_BED_IN_CLAIM'] });
    expect(entryOf(output, 'SUB-2')).toMatchObject({
      status: 'partially-approved',
      fundAmount: '13000.00',
      reasonCodes: ['EXCEEDS_NURSING_BEDS'],
    });
  });

  it('lets a claim rejected at claim level take no beds', () => {
    // Prepare: SUB-1 accepted before 2021 is rejected; SUB-2 later with the same bed gets it
    const rejected = construction({ claimId: 'SUB-1', acceptedOn: '2020-12-31', beds: ['B-1'] });
    const later = construction({ claimId: 'SUB-2', submittedAt: '2026-03-02T10:00:00+08:00', beds: ['B-1'] });

    // Act
    const output = replaySubsidies([rejected, later]);

    // Assess
    expect(entryOf(output, 'SUB-2')).toMatchObject({ status: 'approved', fundAmount: '13000.00', reasonCodes: [] });
  });
});

describe('construction subsidy ordering', () => {
  it('gives beds by submittedAt instant, then claimId, whatever the arrival order', () => {
    // Prepare: SUB-LATE 2026-03-02T01:00Z = 09:00 CST arrives first; SUB-EARLY 08:30 CST is earlier
    // as an instant (though later as a string) and takes B-2. SUB-10 < SUB-9 as strings, so SUB-10
    // takes B-4.
    const scenario = fixture('subsidy/construction-ordering.json');

    // Act
    const output = runReplay(scenario);

    // Assess
    // SUB-LATE: 26000.00 on arrival; finally B-1 only = 13000.00 → −13000.00
    // SUB-9: 13000.00 on arrival; finally nothing → −13000.00
    expect(output.claims.map((c) => [c.claimId, c.status, c.fundAmount, c.reasonCodes])).toEqual([
      ['SUB-LATE', 'partially-approved', '13000.00', ['BED_ALREADY_SUBSIDIZED']],
      ['SUB-EARLY', 'approved', '26000.00', []],
      ['SUB-9', 'rejected', '0.00', ['BED_ALREADY_SUBSIDIZED']],
      ['SUB-10', 'approved', '13000.00', []],
    ]);
    expect(output.adjustments).toEqual([
      { claimId: 'SUB-LATE', amount: '-13000.00', reason: 'REPROCESSED', triggeredBy: 'SUB-EARLY' },
      { claimId: 'SUB-9', amount: '-13000.00', reason: 'REPROCESSED', triggeredBy: 'SUB-10' },
    ]);
    // 13000 + 26000 + 0 + 13000 = 52000; adjustments −26000
    expect(output.totals).toEqual({ fundAmount: '52000.00', adjustments: '-26000.00' });
  });

  it('reaches the same final amounts in submission order', () => {
    // Prepare
    const scenario = fixture<{ claims: Json[] }>('subsidy/construction-ordering.json');
    const [late, early, nine, ten] = scenario.claims;
    scenario.claims = [early, late, ten, nine] as Json[];

    // Act
    const output = runReplay(scenario as unknown as Json);

    // Assess
    expect(Object.fromEntries(output.claims.map((c) => [c.claimId, c.fundAmount]))).toEqual({
      'SUB-EARLY': '26000.00',
      'SUB-LATE': '13000.00',
      'SUB-10': '13000.00',
      'SUB-9': '0.00',
    });
    expect(output.adjustments).toEqual([]);
    expect(output.totals).toEqual({ fundAmount: '52000.00', adjustments: '0.00' });
  });
});

describe('construction subsidy requested amount', () => {
  it('caps the amount by requestedAmount and stays approved', () => {
    // Prepare: 2 × 13000.00 = 26000.00 > requested 20000.00
    const claim = construction({ requestedAmount: '20000.00' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toEqual({
      claimId: 'SUB-1',
      kind: 'construction-subsidy',
      status: 'approved',
      fundAmount: '20000.00',
      deferredAmount: '0.00',
      reasonCodes: ['CAPPED_BY_REQUEST'],
    });
  });

  it.each([
    ['equal to', '26000.00'],
    ['above', '30000.00'],
  ])('does not mark a request %s the computed amount', (_label, requestedAmount) => {
    // Prepare: 2 × 13000.00 = 26000.00 ≤ requested
    const claim = construction({ requestedAmount });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '26000.00', reasonCodes: [] });
  });

  it('approves a request of 0.00 with fund 0.00', () => {
    // Prepare: min(26000.00, 0.00) = 0.00; the cap is informational and no rule failed
    const claim = construction({ requestedAmount: '0.00' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({ status: 'approved', fundAmount: '0.00', deferredAmount: '0.00', reasonCodes: ['CAPPED_BY_REQUEST'] });
  });

  it('keeps CAPPED_BY_REQUEST informational beside a bed failure', () => {
    // Prepare: B-1, B-1, B-2 → 26000.00, capped at 15000.00
    const claim = construction({ beds: ['B-1', 'B-1', 'B-2'], requestedAmount: '15000.00' });

    // Act
    const entry = only(claim);

    // Assess
    expect(entry).toMatchObject({
      status: 'partially-approved',
      fundAmount: '15000.00',
      reasonCodes: ['CAPPED_BY_REQUEST', 'DUPLICATE_BED_IN_CLAIM'],
    });
  });
});

describe('construction subsidy budget', () => {
  it('defers what does not fit the Asia/Shanghai year budget, in submission order', () => {
    // Prepare: annualBudget 30000.00.
    // BUD-X 2025-12-31T15:59:59Z = 23:59:59 CST → 2025 budget: 26000.00 fits.
    // BUD-Y 2025-12-31T17:00:00Z = 2026-01-01 01:00 CST → 2026 budget, earliest: 26000.00 fits, 4000.00 left.
    // BUD-Z 2026-01-05: 13000.00 → funded 4000.00, deferred 9000.00 (was 13000.00 alone → −9000.00).
    // BUD-W 2026-02-01 renovation of Y-1 (allowed): 4000.00 → funded 0.00, deferred 4000.00.
    // BUD-V 2026-02-02 asks for Z-1 again: granted to BUD-Z although deferred → rejected.
    const scenario = fixture('subsidy/construction-budget.json');

    // Act
    const output = runReplay(scenario);

    // Assess
    expect(output.claims).toEqual([
      {
        claimId: 'BUD-Z',
        kind: 'construction-subsidy',
        status: 'deferred',
        fundAmount: '4000.00',
        deferredAmount: '9000.00',
        reasonCodes: ['BUDGET_EXHAUSTED'],
      },
      {
        claimId: 'BUD-X',
        kind: 'construction-subsidy',
        status: 'approved',
        fundAmount: '26000.00',
        deferredAmount: '0.00',
        reasonCodes: [],
      },
      {
        claimId: 'BUD-Y',
        kind: 'construction-subsidy',
        status: 'approved',
        fundAmount: '26000.00',
        deferredAmount: '0.00',
        reasonCodes: [],
      },
      {
        claimId: 'BUD-W',
        kind: 'construction-subsidy',
        status: 'deferred',
        fundAmount: '0.00',
        deferredAmount: '4000.00',
        reasonCodes: ['BUDGET_EXHAUSTED'],
      },
      {
        claimId: 'BUD-V',
        kind: 'construction-subsidy',
        status: 'rejected',
        fundAmount: '0.00',
        deferredAmount: '0.00',
        reasonCodes: ['BED_ALREADY_SUBSIDIZED'],
      },
    ]);
    expect(output.adjustments).toEqual([{ claimId: 'BUD-Z', amount: '-9000.00', reason: 'REPROCESSED', triggeredBy: 'BUD-Y' }]);
    // 4000 + 26000 + 26000 + 0 + 0 = 56000
    expect(output.totals).toEqual({ fundAmount: '56000.00', adjustments: '-9000.00' });
  });

  it('applies the request cap before the budget', () => {
    // Prepare: annualBudget 30000.00; SUB-1 3 × 13000.00 = 39000.00 capped at 25000.00;
    // SUB-2 1 × 13000.00 gets the remaining 5000.00, 8000.00 deferred
    const first = construction({ beds: ['B-1', 'B-2', 'B-3'], requestedAmount: '25000.00' });
    const second = construction({ claimId: 'SUB-2', submittedAt: '2026-03-02T10:00:00+08:00', beds: ['B-4'] });

    // Act
    const output = replaySubsidies([first, second], { subsidy: { annualBudget: '30000.00' } });

    // Assess
    expect(entryOf(output, 'SUB-1')).toMatchObject({
      status: 'approved',
      fundAmount: '25000.00',
      deferredAmount: '0.00',
      reasonCodes: ['CAPPED_BY_REQUEST'],
    });
    expect(entryOf(output, 'SUB-2')).toMatchObject({
      status: 'deferred',
      fundAmount: '5000.00',
      deferredAmount: '8000.00',
      reasonCodes: ['BUDGET_EXHAUSTED'],
    });
  });
});

describe('construction subsidy parameters come from the policy', () => {
  it.each<[string, Json, Json, string, string, string[]]>([
    // elderly-care × renovation added at 2000.00: 2 × 2000.00 = 4000.00
    [
      'a new rate',
      { constructionRates: { 'elderly-care': { renovation: '2000.00' } } },
      { projectType: 'renovation' },
      'approved',
      '4000.00',
      [],
    ],
    [
      'a later effective date',
      { effectiveFrom: '2022-01-01' },
      { acceptedOn: '2021-06-01' },
      'rejected',
      '0.00',
      ['BEFORE_POLICY_EFFECTIVE'],
    ],
    // 15 / 50 = 0.30 < 0.50
    [
      'a stricter nursing bed ratio',
      { publicNursingBedRatio: '0.50' },
      { institutionId: 'INST-EC-PUB-15', beds: ['B-1'] },
      'rejected',
      '0.00',
      ['NURSING_BED_RATIO'],
    ],
    // 50 beds: the entry with the largest minTotalBeds ≤ 50 is 50 → internal only; INST-EC-PRIV-5 is contracted
    [
      'a medical facility threshold of 50 beds',
      {
        medicalFacilityRequirements: [
          { minTotalBeds: 0, accepted: ['internal', 'contracted', 'none'] },
          { minTotalBeds: 50, accepted: ['internal'] },
        ],
      },
      { institutionId: 'INST-EC-PRIV-5', beds: ['B-1'] },
      'rejected',
      '0.00',
      ['MEDICAL_FACILITY_REQUIRED'],
    ],
    // two entries with minTotalBeds 0: the first listed (internal only) applies to a contracted institution
    [
      'two entries with the same minTotalBeds',
      {
        medicalFacilityRequirements: [
          { minTotalBeds: 0, accepted: ['internal'] },
          { minTotalBeds: 0, accepted: ['internal', 'contracted'] },
        ],
      },
      { institutionId: 'INST-EC-99-CON' },
      'rejected',
      '0.00',
      ['MEDICAL_FACILITY_REQUIRED'],
    ],
    // first listed accepts none: 2 × 13000.00 = 26000.00
    [
      'a first-listed entry accepting no facility',
      {
        medicalFacilityRequirements: [
          { minTotalBeds: 0, accepted: ['internal', 'contracted', 'none'] },
          { minTotalBeds: 0, accepted: ['internal'] },
        ],
      },
      { institutionId: 'INST-EC-99-NONE' },
      'approved',
      '26000.00',
      [],
    ],
  ])('applies %s', (_label, subsidy, overrides, status, fund, codes) => {
    // Prepare
    const claim = construction(overrides);

    // Act
    const entry = only(claim, { subsidy });

    // Assess
    expect(entry).toMatchObject({ status, fundAmount: fund, reasonCodes: codes });
  });
});

describe('construction subsidy order independence', () => {
  const permutations = <T>(xs: T[]): T[][] =>
    xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));

  it('reaches the same final outcome in every arrival order', () => {
    // Prepare: INST-SH-2 has 2 nursing beds. In submission order: C-EARLY takes c (1st);
    // C-MID takes b (2nd), d exceeds → 13000.00 capped at 5000.00; C-LATE: a exceeds, b already granted → 0.00
    const claims = [
      construction({ claimId: 'C-LATE', institutionId: 'INST-SH-2', submittedAt: '2026-03-05T10:00:00+08:00', beds: ['a', 'b'] }),
      construction({ claimId: 'C-EARLY', institutionId: 'INST-SH-2', submittedAt: '2026-03-01T10:00:00+08:00', beds: ['c'] }),
      construction({
        claimId: 'C-MID',
        institutionId: 'INST-SH-2',
        submittedAt: '2026-03-03T10:00:00+08:00',
        beds: ['b', 'd'],
        requestedAmount: '5000.00',
      }),
    ];

    for (const order of permutations(claims)) {
      // Act
      const output = replaySubsidies(order);

      // Assess
      const final = Object.fromEntries(output.claims.map((c) => [c.claimId, [c.status, c.fundAmount, c.reasonCodes]]));
      expect(final).toEqual({
        'C-EARLY': ['approved', '13000.00', []],
        'C-MID': ['partially-approved', '5000.00', ['CAPPED_BY_REQUEST', 'EXCEEDS_NURSING_BEDS']],
        'C-LATE': ['rejected', '0.00', ['BED_ALREADY_SUBSIDIZED', 'EXCEEDS_NURSING_BEDS']],
      });
      expect(output.totals.fundAmount).toBe('18000.00');
    }
  });
});
