/**
 * Validation (DOMAIN.md §2, §4–§7, §9): claim field rules with `{ path, message }` errors, the replay's
 * handling of invalid, conflicting and re-delivered arrivals, and the policy (§2.1) and registry (§3)
 * schemas.
 */
import { describe, expect, it } from 'vitest';
import { validateClaim } from '../../domain/claims.ts';
import { PolicyError, parsePolicy } from '../../domain/policy/policy.ts';
import { Registry, RegistryError } from '../../domain/registry.ts';
import { fixture, type Json, type Loose, replaySubsidies, subsidyRegistry } from '../support/subsidy-builders.ts';

type Kind = 'care-service' | 'medical-settlement' | 'construction-subsidy' | 'operating-subsidy';
type Mutation = (claim: Loose) => void;

/** A valid baseline claim of the kind with one change applied. */
const changed = (kind: Kind, mutate: Mutation): Json => {
  const claim = fixture(`validation/${kind}.json`);
  mutate(claim as Loose);
  return claim;
};

const errorPaths = (raw: unknown): string[] => {
  const result = validateClaim(raw);
  return result.ok ? [] : result.errors.map((e) => e.path);
};

describe('claim validation', () => {
  it.each(['care-service', 'medical-settlement', 'construction-subsidy', 'operating-subsidy'] as const)(
    'accepts the baseline %s claim',
    (kind) => {
      // Prepare
      const claim = fixture(`validation/${kind}.json`);

      // Act
      const result = validateClaim(claim);

      // Assess
      expect(result.ok).toBe(true);
    },
  );

  it.each<[string, Kind, Mutation, string]>([
    ['a JSON number as money', 'medical-settlement', (c) => (c.costs.total = 15000), 'costs.total'],
    ['"1e3" as money', 'medical-settlement', (c) => (c.costs.total = '1e3'), 'costs.total'],
    ['"5." as money', 'medical-settlement', (c) => (c.costs.total = '5.'), 'costs.total'],
    ['"-1" as money', 'medical-settlement', (c) => (c.costs.eligible = '-1'), 'costs.eligible'],
    ['money with 3 decimals', 'medical-settlement', (c) => (c.costs.total = '15000.001'), 'costs.total'],
    ['a JSON number as requestedAmount', 'construction-subsidy', (c) => (c.requestedAmount = 26000), 'requestedAmount'],
    ['a requestedAmount with 3 decimals', 'construction-subsidy', (c) => (c.requestedAmount = '26000.005'), 'requestedAmount'],
    ['a JSON number as unit price', 'care-service', (c) => (c.lines[0].unitPrice = 80), 'lines[0].unitPrice'],
    ['a unit price with 7 decimals', 'care-service', (c) => (c.lines[0].unitPrice = '80.1234567'), 'lines[0].unitPrice'],
    ['"1e2" as unit price', 'care-service', (c) => (c.lines[0].unitPrice = '1e2'), 'lines[0].unitPrice'],
  ])('rejects %s', (_label, kind, mutate, path) => {
    // Prepare
    const claim = changed(kind, mutate);

    // Act
    const paths = errorPaths(claim);

    // Assess
    expect(paths).toContain(path);
  });

  it.each<[string, Kind, Mutation]>([
    ['a unit price with 6 decimals', 'care-service', (c) => (c.lines[0].unitPrice = '80.123456')],
    ['a money string without decimals', 'medical-settlement', (c) => (c.costs.total = '15000')],
    ['a money string with 1 decimal', 'medical-settlement', (c) => (c.costs.eligible = '12000.5')],
    ['eligible equal to total', 'medical-settlement', (c) => (c.costs.eligible = '15000.00')],
    ['a same-day stay', 'medical-settlement', (c) => (c.episode.dischargedOn = '2026-03-10')],
    ['referredFrom: null', 'medical-settlement', (c) => (c.episode.referredFrom = null)],
    [
      'unknown keys',
      'care-service',
      (c) => {
        c.remark = '补录';
        c.lines[0].note = 'x';
        c.period.comment = 'y';
      },
    ],
    [
      'a date line with a quantity',
      'care-service',
      (c) => c.lines.push({ serviceCode: 'HV-BATH', date: '2026-03-05', quantity: 2, unitPrice: '60.00' }),
    ],
    // 2026-03-30T23:00:00Z is 2026-03-31 07:00 in Shanghai (still 03-30 in UTC)
    ['a period ending on the Shanghai date of submittedAt', 'care-service', (c) => (c.submittedAt = '2026-03-30T23:00:00Z')],
    // 2026-02-28T16:30:00Z is 2026-03-01 00:30 in Shanghai
    [
      'acceptance on the Shanghai date of submission',
      'construction-subsidy',
      (c) => Object.assign(c, { submittedAt: '2026-02-28T16:30:00Z', acceptedOn: '2026-03-01' }),
    ],
    // 2026-03-30T16:00:00Z is 2026-03-31 00:00 in Shanghai: March's last day ≤ that date
    ['an operating month ending on the Shanghai date of submission', 'operating-subsidy', (c) => (c.submittedAt = '2026-03-30T16:00:00Z')],
    ['a timestamp with fractions of a second', 'operating-subsidy', (c) => (c.submittedAt = '2026-04-03T10:00:00.250+08:00')],
  ])('accepts %s', (_label, kind, mutate) => {
    // Prepare
    const claim = changed(kind, mutate);

    // Act
    const result = validateClaim(claim);

    // Assess
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each<[string, Kind, Mutation, string]>([
    // 2026-03-30T15:59:59Z is 2026-03-30 23:59:59 in Shanghai, before period.to 2026-03-31
    [
      'a period ending after the Shanghai date of submittedAt',
      'care-service',
      (c) => (c.submittedAt = '2026-03-30T15:59:59Z'),
      'period.to',
    ],
    ['a period ending before it starts', 'care-service', (c) => (c.period = { from: '2026-03-31', to: '2026-03-01' }), 'period.to'],
    ['a line with both date and from/to', 'care-service', (c) => (c.lines[0].date = '2026-03-05'), 'lines[0]'],
    [
      'a line with neither date nor from/to',
      'care-service',
      (c) => (c.lines[0] = { serviceCode: 'LTC-INST-DAY', unitPrice: '80.00' }),
      'lines[0]',
    ],
    ['a quantity on a from/to line', 'care-service', (c) => (c.lines[0].quantity = 1), 'lines[0].quantity'],
    [
      'a quantity of 0',
      'care-service',
      (c) => c.lines.push({ serviceCode: 'HV-BATH', date: '2026-03-05', quantity: 0, unitPrice: '60.00' }),
      'lines[1].quantity',
    ],
    [
      'a fractional quantity',
      'care-service',
      (c) => c.lines.push({ serviceCode: 'HV-BATH', date: '2026-03-05', quantity: 1.5, unitPrice: '60.00' }),
      'lines[1].quantity',
    ],
    [
      'a line date before the period',
      'care-service',
      (c) => (c.lines[0] = { serviceCode: 'HV-BATH', date: '2026-02-28', unitPrice: '60.00' }),
      'lines[0].date',
    ],
    [
      'a line ending after the period',
      'care-service',
      (c) => {
        c.period.to = '2026-03-30';
        c.lines[0].to = '2026-03-31';
      },
      'lines[0].to',
    ],
    ['a line starting before the period', 'care-service', (c) => (c.period.from = '2026-03-02'), 'lines[0].from'],
    ['no lines', 'care-service', (c) => (c.lines = []), 'lines'],
    ['an unknown setting', 'care-service', (c) => (c.setting = 'home'), 'setting'],
    ['an impossible date', 'care-service', (c) => (c.period.from = '2026-02-30'), 'period.from'],
    ['a timestamp without an offset', 'care-service', (c) => (c.submittedAt = '2026-04-02T09:00:00'), 'submittedAt'],
    ['null in a required field', 'care-service', (c) => (c.institutionId = null), 'institutionId'],
    ['a missing personId', 'care-service', (c) => delete c.personId, 'personId'],
    ['eligible above total', 'medical-settlement', (c) => (c.costs.eligible = '15000.01'), 'costs.eligible'],
    ['discharge before admission', 'medical-settlement', (c) => (c.episode.dischargedOn = '2026-03-09'), 'episode.dischargedOn'],
    // submitted 2026-04-05 10:00 CST = 02:00Z; discharge 2026-04-06 is after it
    [
      'discharge after the Shanghai date of submittedAt',
      'medical-settlement',
      (c) => (c.episode.dischargedOn = '2026-04-06'),
      'episode.dischargedOn',
    ],
    ['a missing settlementMode', 'medical-settlement', (c) => delete c.episode.settlementMode, 'episode.settlementMode'],
    ['settlementMode: null', 'medical-settlement', (c) => (c.episode.settlementMode = null), 'episode.settlementMode'],
    ['no beds', 'construction-subsidy', (c) => (c.beds = []), 'beds'],
    ['an unknown projectType', 'construction-subsidy', (c) => (c.projectType = 'rebuild'), 'projectType'],
    // submitted 2026-03-01 10:00 CST; accepted the next day
    ['acceptance after submission', 'construction-subsidy', (c) => (c.acceptedOn = '2026-03-02'), 'acceptedOn'],
    // 2026-02-28T15:59:59Z is still 2026-02-28 in Shanghai
    [
      'acceptance after the Shanghai date of submission',
      'construction-subsidy',
      (c) => Object.assign(c, { submittedAt: '2026-02-28T15:59:59Z', acceptedOn: '2026-03-01' }),
      'acceptedOn',
    ],
    // submitted 2026-03-30 20:00 CST, March ends 03-31
    ['a month that has not ended', 'operating-subsidy', (c) => (c.submittedAt = '2026-03-30T20:00:00+08:00'), 'month'],
    [
      'a resident listed twice',
      'operating-subsidy',
      (c) => c.residents.push({ personId: 'P-G4', from: '2026-03-01', to: '2026-03-02' }),
      'residents[1]',
    ],
    ['a resident range outside the month', 'operating-subsidy', (c) => (c.residents[0].from = '2026-02-28'), 'residents[0].from'],
    ['a resident range ending after the month', 'operating-subsidy', (c) => (c.residents[0].to = '2026-04-01'), 'residents[0].to'],
    ['no residents', 'operating-subsidy', (c) => (c.residents = []), 'residents'],
    ['an impossible month', 'operating-subsidy', (c) => (c.month = '2026-13'), 'month'],
  ])('rejects %s', (_label, kind, mutate, path) => {
    // Prepare
    const claim = changed(kind, mutate);

    // Act
    const paths = errorPaths(claim);

    // Assess
    expect(paths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`))).toBe(true);
  });

  it('reports every bad field with a path and a message', () => {
    // Prepare
    const claim = changed('medical-settlement', (c) => {
      c.costs.total = 15000;
      c.costs.eligible = '5.';
      c.submittedAt = null;
    });

    // Act
    const result = validateClaim(claim);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(['costs.eligible', 'costs.total', 'submittedAt']);
    for (const error of result.errors) expect(error.message).toEqual(expect.any(String));
  });

  it('rejects an unknown kind', () => {
    // Prepare
    const claim = changed('care-service', (c) => (c.kind = 'dental'));

    // Act
    const paths = errorPaths(claim);

    // Assess
    expect(paths).toContain('kind');
  });
});

describe('invalid, conflicting and re-delivered arrivals in the replay', () => {
  // CS-1 baseline: P-G4 (grade 4, employee) at INST-EC-120-INT, March 2026, 80.00/day.
  // Per day min(80.00, 60.00) × 0.70 = 42.00; × 31 days = 1302.00.
  const careClaim = () => fixture('validation/care-service.json');

  it('lists a non-object element as an invalid entry with null claimId and kind', () => {
    // Prepare
    const claims = [42, null, 'CS-1', [careClaim()]];

    // Act
    const output = replaySubsidies(claims);

    // Assess
    expect(output.claims).toHaveLength(4);
    for (const entry of output.claims) {
      expect(entry).toMatchObject({ claimId: null, kind: null, status: 'invalid', fundAmount: '0.00', reasonCodes: ['VALIDATION_FAILED'] });
      expect(entry.errors?.length).toBeGreaterThan(0);
    }
    expect(output.totals).toEqual({ fundAmount: '0.00', adjustments: '0.00' });
  });

  it('lists an invalid claim with its claimId, kind and field errors and goes on', () => {
    // Prepare
    const bad = changed('care-service', (c) => (c.lines[0].unitPrice = 80));
    const good = changed('construction-subsidy', () => {});

    // Act
    const output = replaySubsidies([bad, good]);

    // Assess: SUB-1 2 beds × 13000.00 = 26000.00 (requested 26000.00, no cap)
    expect(output.claims[0]).toMatchObject({
      claimId: 'CS-1',
      kind: 'care-service',
      status: 'invalid',
      fundAmount: '0.00',
      reasonCodes: ['VALIDATION_FAILED'],
      errors: [expect.objectContaining({ path: 'lines[0].unitPrice', message: expect.any(String) })],
    });
    expect(output.claims[1]).toMatchObject({ claimId: 'SUB-1', status: 'approved', fundAmount: '26000.00' });
    expect(output.totals.fundAmount).toBe('26000.00');
  });

  it('treats a re-delivery with reordered keys as a no-op', () => {
    // Prepare
    const claims = [careClaim(), fixture('validation/care-service-reordered.json')];

    // Act
    const output = replaySubsidies(claims);

    // Assess
    expect(output.claims).toEqual([
      { claimId: 'CS-1', kind: 'care-service', status: 'approved', fundAmount: '1302.00', personalAmount: '1178.00', reasonCodes: [] },
    ]);
    // charged 31 × 80.00 = 2480.00; personal 2480.00 − 1302.00 = 1178.00
    expect(output.adjustments).toEqual([]);
    expect(output.totals).toEqual({ fundAmount: '1302.00', adjustments: '0.00' });
  });

  it('refuses the same claimId with different content and keeps the first', () => {
    // Prepare: the second copy at 50.00/day would pay 50.00 × 0.70 × 31 = 1085.00
    const second = changed('care-service', (c) => (c.lines[0].unitPrice = '50.00'));

    // Act
    const output = replaySubsidies([careClaim(), second]);

    // Assess
    expect(output.claims).toHaveLength(2);
    expect(output.claims[0]).toMatchObject({ claimId: 'CS-1', status: 'approved', fundAmount: '1302.00' });
    expect(output.claims[1]).toMatchObject({
      claimId: 'CS-1',
      kind: 'care-service',
      status: 'invalid',
      fundAmount: '0.00',
      reasonCodes: ['CLAIM_ID_CONFLICT'],
    });
    expect(output.claims[1]?.errors?.length).toBeGreaterThan(0);
    expect(output.totals).toEqual({ fundAmount: '1302.00', adjustments: '0.00' });
  });

  it('refuses a conflicting claim of another kind under a used claimId', () => {
    // Prepare
    const subsidy = changed('construction-subsidy', (c) => (c.claimId = 'CS-1'));

    // Act
    const output = replaySubsidies([careClaim(), subsidy]);

    // Assess
    expect(output.claims[1]).toMatchObject({ claimId: 'CS-1', status: 'invalid', reasonCodes: ['CLAIM_ID_CONFLICT'] });
    expect(output.totals.fundAmount).toBe('1302.00');
  });

  it('forgets an invalid arrival so a corrected one under the same claimId is accepted', () => {
    // Prepare
    // 7 decimals: a unit price allows at most 6
    const bad = changed('care-service', (c) => (c.lines[0].unitPrice = '80.0000001'));

    // Act
    const output = replaySubsidies([bad, careClaim()]);

    // Assess
    expect(output.claims.map((c) => [c.claimId, c.status, c.fundAmount, c.reasonCodes])).toEqual([
      ['CS-1', 'invalid', '0.00', ['VALIDATION_FAILED']],
      ['CS-1', 'approved', '1302.00', []],
    ]);
    expect(output.totals.fundAmount).toBe('1302.00');
  });

  it('lists an invalid copy after a valid claim as a validation failure and keeps the first', () => {
    // Prepare
    const bad = changed('care-service', (c) => (c.lines[0].unitPrice = '5.'));

    // Act
    const output = replaySubsidies([careClaim(), bad]);

    // Assess
    expect(output.claims.map((c) => [c.claimId, c.status, c.fundAmount, c.reasonCodes])).toEqual([
      ['CS-1', 'approved', '1302.00', []],
      ['CS-1', 'invalid', '0.00', ['VALIDATION_FAILED']],
    ]);
  });

  it('lists every delivery of an invalid claim', () => {
    // Prepare
    const bad = changed('care-service', (c) => (c.lines[0].unitPrice = 80));

    // Act
    const output = replaySubsidies([bad, structuredClone(bad)]);

    // Assess
    expect(output.claims.map((c) => c.reasonCodes)).toEqual([['VALIDATION_FAILED'], ['VALIDATION_FAILED']]);
  });

  it('treats a re-delivery with referredFrom: null like one without it', () => {
    // Prepare: P-G4 employee at a level-2 hospital: (12000.00 − 600.00) × 0.85 = 9690.00
    const first = fixture('validation/medical-settlement.json');
    const again = changed('medical-settlement', (c) => (c.episode.referredFrom = null));

    // Act
    const output = replaySubsidies([first, again]);

    // Assess
    expect(output.claims).toHaveLength(1);
    expect(output.claims[0]).toMatchObject({ claimId: 'MS-1', status: 'approved', fundAmount: '9690.00', deductibleApplied: '600.00' });
  });
});

describe('policy validation', () => {
  const policyError = (override: unknown): PolicyError => {
    try {
      parsePolicy(override);
    } catch (e) {
      if (e instanceof PolicyError) return e;
      throw e;
    }
    throw new Error('expected a PolicyError');
  };

  it('accepts the default policy and a partial override', () => {
    // Act
    const policy = parsePolicy({ ltc: { annualCap: '15000.00' } });

    // Assess: merged key by key, the rest kept
    expect(policy.ltc.annualCap).toBe('15000.00');
    expect(policy.ltc.reviewThreshold).toBe('10000.00');
    expect(policy.subsidy.annualBudget).toBe('7000000.00');
  });

  it('names an unknown key', () => {
    // Act
    const error = policyError({ ltc: { anualCap: '1' } });

    // Assess
    expect(error.message).toContain('anualCap');
  });

  it.each([
    ['fundRatio above 1', { ltc: { fundRatio: { employee: '1.01' } } }, 'fundRatio'],
    ['homeVisitRatioBonus above 1', { ltc: { homeVisitRatioBonus: '1.50' } }, 'homeVisitRatioBonus'],
    ['a medical ratio above 1', { medical: { ratio: { resident: { '2': '1.10' } } } }, 'ratio'],
    ['publicNursingBedRatio above 1', { subsidy: { publicNursingBedRatio: '1.20' } }, 'publicNursingBedRatio'],
    [
      'requirements without minTotalBeds 0',
      { subsidy: { medicalFacilityRequirements: [{ minTotalBeds: 100, accepted: ['internal'] }] } },
      'medicalFacilityRequirements',
    ],
    ['an eligible grade without a cap', { ltc: { eligibleGrades: [2, 3, 4, 5] } }, 'dailyCap'],
    [
      'an eligible grade with only an institutional cap',
      { ltc: { eligibleGrades: [2, 3], dailyCap: { institutional: { '2': '30.00' } } } },
      'home-visit',
    ],
    ['a money value as a number', { ltc: { annualCap: 20000 } }, 'annualCap'],
  ])('rejects %s', (_label, override, field) => {
    // Act
    const error = policyError(override);

    // Assess
    expect(error.errors.length).toBeGreaterThan(0);
    expect(`${error.message} ${error.errors.map((e) => e.path).join(' ')}`).toContain(field);
  });

  it.each([
    ['a ratio of exactly 1', { ltc: { fundRatio: { employee: '1.00' } } }],
    ['factors above 1', { medical: { admissionFactors: ['1.0', '1.5'] }, subsidy: { operating: { gradeUplift: { '3': '2.50' } } } }],
    [
      'a new eligible grade with both caps',
      { ltc: { eligibleGrades: [2, 3, 4, 5], dailyCap: { institutional: { '2': '30.00' }, 'home-visit': { '2': '25.00' } } } },
    ],
    ['fewer eligible grades (arrays replace)', { ltc: { eligibleGrades: [5] } }],
  ])('accepts %s', (_label, override) => {
    // Act
    const act = () => parsePolicy(override);

    // Assess
    expect(act).not.toThrow();
  });
});

describe('registry validation', () => {
  type Doc = { persons: Loose[]; institutions: Loose[] };
  const registryError = (mutate: (doc: Doc) => void): RegistryError => {
    const doc = subsidyRegistry() as unknown as Doc;
    mutate(doc);
    try {
      Registry.parse(doc);
    } catch (e) {
      if (e instanceof RegistryError) return e;
      throw e;
    }
    throw new Error('expected a RegistryError');
  };

  it('accepts the subsidy registry', () => {
    // Act
    const registry = Registry.parse(subsidyRegistry());

    // Assess
    expect(registry.persons.size).toBe(10);
    expect(registry.institutions.size).toBe(16);
  });

  it.each<[string, (doc: Doc) => void, string]>([
    ['an impossible date', (d) => (d.persons[0]!.enrolledOn = '2024-13-01'), 'persons[0].enrolledOn'],
    ['grade 6', (d) => (d.persons[1]!.assessments[0].grade = 6), 'persons[1].assessments[0].grade'],
    ['a negative grade', (d) => (d.persons[1]!.assessments[0].grade = -1), 'persons[1].assessments[0].grade'],
    ['a duplicate personId', (d) => d.persons.push({ ...d.persons[0] }), 'personId'],
    ['a duplicate institutionId', (d) => d.institutions.push({ ...d.institutions[0] }), 'institutionId'],
    ['hospitalLevel on a non-hospital', (d) => (d.institutions[0]!.hospitalLevel = 2), 'institutions[0].hospitalLevel'],
    ['hospital level 4', (d) => (d.institutions[11]!.hospitalLevel = 4), 'institutions[11].hospitalLevel'],
    [
      'an ltc designation without setting',
      (d) => delete d.institutions[0]!.designations[0].setting,
      'institutions[0].designations[0].setting',
    ],
    ['an unknown insuredType', (d) => (d.persons[0]!.insuredType = 'farmer'), 'persons[0].insuredType'],
    ['a missing enrolledOn', (d) => delete d.persons[0]!.enrolledOn, 'persons[0].enrolledOn'],
    ['fractional totalBeds', (d) => (d.institutions[0]!.totalBeds = 1.5), 'institutions[0].totalBeds'],
    ['negative nursingBeds', (d) => (d.institutions[0]!.nursingBeds = -1), 'institutions[0].nursingBeds'],
    ['an unknown medicalFacility', (d) => (d.institutions[0]!.medicalFacility = 'clinic'), 'institutions[0].medicalFacility'],
    ['a null required field', (d) => (d.institutions[0]!.ownership = null), 'institutions[0].ownership'],
  ])('rejects %s, naming the field', (_label, mutate, path) => {
    // Act
    const error = registryError(mutate);

    // Assess
    expect(error.errors.map((e) => e.path).join(' ')).toContain(path);
  });

  it('ignores unknown keys and treats null optional fields as absent', () => {
    // Prepare
    const doc = subsidyRegistry() as unknown as Doc;
    Object.assign(doc.persons[0]!, { specialHardship: null, assessments: null, nickname: '老王' });
    Object.assign(doc.institutions[1]!, { name: null, hospitalLevel: null, designations: null, phone: '0571' });
    doc.institutions[11]!.designations[0].to = null;

    // Act
    const registry = Registry.parse(doc);

    // Assess
    expect(registry.persons.get('P-NONE')).toMatchObject({ specialHardship: false, assessments: [] });
    expect(registry.institutions.get('INST-EC-100-INT')?.designations).toEqual([]);
  });

  it('accepts a medical designation without a setting', () => {
    // Act
    const registry = Registry.parse(subsidyRegistry());

    // Assess
    expect(registry.institutions.get('HOSP-2')?.designations).toHaveLength(1);
  });
});
