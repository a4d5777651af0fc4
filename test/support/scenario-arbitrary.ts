/**
 * fast-check arbitraries for realistic small `ltc replay` scenarios (DOMAIN.md §3–§6, §9): a handful
 * of persons and a fixed set of institutions, all four claim kinds crowded into a few months around a
 * year end, with a policy of small caps, so that duplicates, inpatient overlaps, referral chains,
 * annual caps, bed collisions and budget deferral actually happen in most runs.
 */
import fc from 'fast-check';

export interface Scenario {
  policy?: Record<string, unknown>;
  registry: { persons: Record<string, unknown>[]; institutions: Record<string, unknown>[] };
  claims: unknown[];
}

const MS_PER_DAY = 86_400_000;
/** Day number of a `YYYY-MM-DD` date (days since 1970-01-01). */
const dayOf = (text: string): number => Date.parse(`${text}T00:00:00Z`) / MS_PER_DAY;
const dateOf = (d: number): string => new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
const monthDays = (month: string): { first: number; last: number } => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: Date.UTC(y, m - 1, 1) / MS_PER_DAY, last: Date.UTC(y, m, 0) / MS_PER_DAY };
};

/** Service months: two around the year end so annual caps, benefit and budget years all split. */
const MONTHS = ['2025-12', '2026-01', '2026-01', '2026-02'] as const;
const WINDOW = { first: dayOf('2025-12-10'), last: dayOf('2026-02-20') };

/**
 * Institutions: a level-2 and a level-1 hospital (medical designation; the level-2 one also does
 * ltc medical-care), an elderly-care home designated for institutional and home-visit care with few
 * nursing beds, a special-hardship home that is public, contracted and young (operating subsidy only
 * from 2026-02), and a public elderly-care home that fails the nursing-bed ratio.
 */
export const INSTITUTIONS: Record<string, unknown>[] = [
  {
    institutionId: 'HOSP-2',
    name: '市第二人民医院',
    institutionType: 'hospital',
    ownership: 'public',
    hospitalLevel: 2,
    totalBeds: 500,
    nursingBeds: 100,
    medicalFacility: 'internal',
    registeredOn: '2010-01-01',
    designations: [
      { scheme: 'medical', from: '2020-01-01' },
      { scheme: 'ltc', setting: 'medical-care', from: '2025-12-15' },
    ],
  },
  {
    institutionId: 'HOSP-1',
    institutionType: 'hospital',
    ownership: 'public',
    hospitalLevel: 1,
    totalBeds: 80,
    nursingBeds: 30,
    medicalFacility: 'internal',
    registeredOn: '2012-03-01',
    designations: [{ scheme: 'medical', from: '2020-01-01', to: '2026-02-28' }],
  },
  {
    institutionId: 'INST-A',
    name: '夕阳红养老服务中心',
    institutionType: 'elderly-care',
    ownership: 'private',
    hospitalLevel: null,
    totalBeds: 120,
    nursingBeds: 4,
    medicalFacility: 'internal',
    registeredOn: '2020-05-01',
    designations: [
      { scheme: 'ltc', setting: 'institutional', from: '2024-01-01', to: '2027-12-31' },
      { scheme: 'ltc', setting: 'home-visit', from: '2025-12-20' },
    ],
  },
  {
    institutionId: 'INST-H',
    name: '城关敬老院',
    institutionType: 'special-hardship',
    ownership: 'public',
    totalBeds: 60,
    nursingBeds: 20,
    medicalFacility: 'contracted',
    registeredOn: '2025-01-10',
    designations: [{ scheme: 'ltc', setting: 'institutional', from: '2025-01-01' }],
  },
  {
    institutionId: 'INST-P',
    institutionType: 'elderly-care',
    ownership: 'public',
    totalBeds: 40,
    nursingBeds: 6,
    medicalFacility: 'none',
    registeredOn: '2018-01-01',
    designations: [{ scheme: 'ltc', setting: 'home-visit', from: '2024-01-01' }],
  },
];

const PERSON_IDS = ['P1', 'P2', 'P3', 'P4'] as const;
/** Referenced by claims now and then: not in any registry. */
const UNKNOWN_PERSON = 'P-UNKNOWN';
const UNKNOWN_INSTITUTION = 'INST-UNKNOWN';

const assessmentArb = fc.record({
  grade: fc.constantFrom(0, 2, 3, 3, 4, 4, 4, 5, 5),
  // an expired one, one in force all along, and ones that change the grade mid-window
  assessedOn: fc.constantFrom('2023-11-20', '2024-06-01', '2025-06-10', '2025-06-10', '2026-01-16'),
});

/** Mostly eligible people (grade 3–5 in force, enrolled long ago), sometimes anything. */
const personArb = (personId: string) =>
  fc.oneof({ weight: 3, arbitrary: eligiblePersonArb(personId) }, { weight: 2, arbitrary: anyPersonArb(personId) });

const eligiblePersonArb = (personId: string) =>
  fc.record({
    personId: fc.constant(personId),
    insuredType: fc.constantFrom('employee', 'resident'),
    enrolledOn: fc.constant('2024-01-01'),
    assessments: fc
      .tuple(fc.constantFrom(3, 4, 5), fc.option(fc.constantFrom(2, 3, 4, 5), { nil: undefined }))
      .map(([grade, later]) => [
        { grade, assessedOn: '2025-06-10', certificateNo: `${personId}-A1` },
        ...(later === undefined ? [] : [{ grade: later, assessedOn: '2026-01-16', certificateNo: `${personId}-A2` }]),
      ]),
  });

const anyPersonArb = (personId: string) =>
  fc.record({
    personId: fc.constant(personId),
    insuredType: fc.constantFrom('employee', 'resident'),
    // the late enrolments put part of the window inside the six-month waiting period
    enrolledOn: fc.constantFrom('2020-01-01', '2024-01-01', '2024-01-01', '2025-08-15'),
    specialHardship: fc.constantFrom(false, false, false, true),
    assessments: fc
      .oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 6, arbitrary: fc.array(assessmentArb, { minLength: 1, maxLength: 3 }) })
      .map((list) => list.map((a, i) => ({ ...a, certificateNo: `${personId}-A${i + 1}` }))),
  });

/** An instant on or after `notBefore` (a day number), written in one of several offsets. */
const submittedAtArb = (notBefore: number) =>
  fc
    .record({
      delay: fc.constantFrom(0, 0, 1, 2, 5, 12),
      hour: fc.constantFrom(0, 9, 9, 15, 17, 23),
      zone: fc.constantFrom('+08:00', '+08:00', 'Z', '-05:00', '+05:30'),
    })
    .map(({ delay, hour, zone }) => {
      // hh:mm in the zone such that the Asia/Shanghai date is never before the local date
      const local = dateOf(notBefore + delay);
      const hh = String(hour).padStart(2, '0');
      return zone === 'Z' ? `${local}T${hh}:00:00Z` : `${local}T${hh}:00:00${zone}`;
    });

const unitPriceArb = fc.constantFrom('80.00', '55.5', '120', '0.00', '33.333333', '45.005', '19.99');
const moneyArb = (max: number) =>
  fc.integer({ min: 0, max: max * 100 }).map((fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);

/** Persons are drawn from all four ids and folded onto the registry's 2–4 persons afterwards. */
const personRefArb = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...PERSON_IDS) },
  { weight: 1, arbitrary: fc.constant(UNKNOWN_PERSON) },
);

/** Folds `P1`…`P4` onto the first `count` persons (unknown persons stay unknown). */
function foldPerson(personId: string, count: number): string {
  const k = PERSON_IDS.indexOf(personId as (typeof PERSON_IDS)[number]);
  return k < 0 ? personId : (PERSON_IDS[k % count] as string);
}

/** A sub-range [from, to] of a month. */
const rangeInArb = (month: string) => {
  const { first, last } = monthDays(month);
  return fc
    .tuple(fc.integer({ min: first, max: last }), fc.integer({ min: first, max: last }))
    .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
};

const careLineArb = (setting: string, from: number, to: number) => {
  const code =
    setting === 'institutional'
      ? fc.constantFrom(
          'LTC-INST-DAY',
          'LTC-INST-DAY',
          'LTC-INST-DAY',
          'LTC-INST-DAY',
          'LTC-INST-DAY',
          'LTC-INST-DAY',
          'BED-FEE',
          'HV-BATH',
        )
      : setting === 'medical-care'
        ? fc.constantFrom('LTC-MED-DAY', 'LTC-MED-DAY', 'LTC-MED-DAY', 'MEALS')
        : fc.constantFrom(
            'HV-BATH',
            'HV-FEED',
            'HV-CLEAN',
            'HV-TURN',
            'HV-CATH',
            'HV-WOUND',
            'HV-REHAB',
            'HV-MED',
            'HV-BATH',
            'HV-FEED',
            'MEALS',
          );
  const dated = fc.record({
    serviceCode: code,
    date: fc.integer({ min: from, max: to }).map(dateOf),
    quantity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    unitPrice: unitPriceArb,
  });
  const ranged = fc
    .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: from, max: to }), code, unitPriceArb)
    .map(([a, b, serviceCode, unitPrice]) => ({ serviceCode, from: dateOf(Math.min(a, b)), to: dateOf(Math.max(a, b)), unitPrice }));
  return setting === 'home-visit' ? fc.oneof({ weight: 4, arbitrary: dated }, { weight: 1, arbitrary: ranged }) : fc.oneof(ranged, dated);
};

const careServiceArb = fc
  .record({
    month: fc.constantFrom(...MONTHS),
    setting: fc.constantFrom('institutional', 'institutional', 'home-visit', 'home-visit', 'medical-care'),
    personId: personRefArb,
  })
  .chain(({ month, setting, personId }) =>
    rangeInArb(month).chain((period) =>
      fc.record({
        kind: fc.constant('care-service'),
        institutionId:
          setting === 'medical-care'
            ? fc.constantFrom('HOSP-2', 'HOSP-2', 'HOSP-2', 'HOSP-1')
            : setting === 'institutional'
              ? fc.constantFrom('INST-A', 'INST-A', 'INST-A', 'INST-H', 'INST-H', 'INST-P', UNKNOWN_INSTITUTION)
              : fc.constantFrom('INST-A', 'INST-A', 'INST-A', 'INST-P', 'INST-P', 'INST-H'),
        personId: fc.constant(personId),
        submittedAt: submittedAtArb(period.to),
        setting: fc.constant(setting),
        period: fc.constant({ from: dateOf(period.from), to: dateOf(period.to) }),
        lines: fc.array(careLineArb(setting, period.from, period.to), { minLength: 1, maxLength: 3 }),
      }),
    ),
  );

/** A medical episode; `chainTo` (index among the scenario's medical claims) is resolved later. */
const medicalArb = fc
  .record({
    personId: personRefArb,
    institutionId: fc.constantFrom('HOSP-2', 'HOSP-2', 'HOSP-1', 'HOSP-1', 'INST-A'),
    admitted: fc.integer({ min: WINDOW.first, max: WINDOW.last - 12 }),
    length: fc.constantFrom(0, 1, 2, 3, 5, 8, 12),
    settlementMode: fc.constantFrom('fee-for-service', 'fee-for-service', 'per-bed-day'),
    eligible: moneyArb(6000),
    extra: moneyArb(1500),
    /** Referral: none, to a random earlier-generated episode, or chained right after one. */
    referral: fc.record({
      mode: fc.constantFrom('none', 'none', 'chain', 'chain', 'loose'),
      target: fc.nat(),
      gap: fc.constantFrom(0, 1, 3, 15, 16),
    }),
  })
  .chain((m) => submittedAtArb(m.admitted + m.length).map((submittedAt) => ({ ...m, submittedAt })));

const constructionArb = fc.record({
  kind: fc.constant('construction-subsidy'),
  institutionId: fc.constantFrom('INST-A', 'INST-A', 'INST-A', 'INST-H', 'INST-H', 'INST-H', 'INST-P', 'HOSP-2', UNKNOWN_INSTITUTION),
  // before and inside the budget-year boundary as seen from Asia/Shanghai
  submittedAt: fc.constantFrom(
    '2025-12-20T10:00:00+08:00',
    '2025-12-31T15:00:00Z',
    '2025-12-31T17:00:00Z',
    '2026-01-01T00:30:00+08:00',
    '2026-02-01T09:00:00+08:00',
    '2026-02-01T01:00:00Z',
  ),
  projectType: fc.constantFrom('new-construction', 'new-construction', 'renovation'),
  acceptedOn: fc.constantFrom('2020-12-31', '2021-01-01', '2025-11-30', '2025-11-30', '2025-12-20', '2025-12-20'),
  beds: fc.array(fc.constantFrom('B-1', 'B-2', 'B-3', 'B-4', 'B-5', 'B-6'), { minLength: 1, maxLength: 4 }),
  requestedAmount: fc.option(fc.constantFrom('10000.00', '26000.00', '52000.00', '0.00'), { nil: undefined }),
});

const operatingArb = fc.constantFrom(...MONTHS).chain((month) => {
  const { last } = monthDays(month);
  return fc.record({
    kind: fc.constant('operating-subsidy'),
    institutionId: fc.constantFrom('INST-A', 'INST-H', 'INST-H', 'INST-P', 'HOSP-2'),
    submittedAt: submittedAtArb(last + 1),
    month: fc.constant(month),
    residents: fc
      .uniqueArray(personRefArb, { minLength: 1, maxLength: 3 })
      .chain((ids) =>
        fc.tuple(...ids.map((personId) => rangeInArb(month).map((r) => ({ personId, from: dateOf(r.from), to: dateOf(r.to) })))),
      ),
  });
});

type MedicalSpec = Omit<typeof medicalArb extends fc.Arbitrary<infer T> ? T : never, 'personId'> & { personId: string };

/** Turns medical specs into claims, placing chained episodes right after their referrer. */
function medicalClaims(specs: readonly MedicalSpec[], ids: readonly string[]): Record<string, unknown>[] {
  const episodes: { admitted: number; discharged: number }[] = [];
  return specs.map((m, i) => {
    let admitted = m.admitted;
    let referredFrom: string | undefined;
    if (m.referral.mode !== 'none' && i > 0) {
      const target = m.referral.target % i;
      referredFrom = ids[target];
      const referrer = episodes[target] as { discharged: number };
      if (m.referral.mode === 'chain') admitted = referrer.discharged + m.referral.gap;
    }
    const discharged = admitted + m.length;
    episodes.push({ admitted, discharged });
    const eligible = m.eligible;
    const total = addMoney(eligible, m.extra);
    const submittedAt =
      discharged > m.admitted + m.length ? shiftSubmitted(m.submittedAt, discharged - (m.admitted + m.length)) : m.submittedAt;
    return {
      kind: 'medical-settlement',
      claimId: ids[i],
      institutionId: m.institutionId,
      personId: m.personId,
      submittedAt,
      episode: {
        admittedOn: dateOf(admitted),
        dischargedOn: dateOf(discharged),
        ...(referredFrom === undefined ? {} : { referredFrom }),
        settlementMode: m.settlementMode,
      },
      costs: { total, eligible },
    };
  });
}

/** Adds two money strings exactly, in fen (integers, never float yuan). */
function addMoney(a: string, b: string): string {
  const fen = (s: string) => {
    const [y, f = ''] = s.split('.');
    return BigInt(y as string) * 100n + BigInt((f + '00').slice(0, 2));
  };
  const t = fen(a) + fen(b);
  return `${t / 100n}.${String(t % 100n).padStart(2, '0')}`;
}

/** Moves a timestamp's local date `days` later, keeping its time and offset. */
function shiftSubmitted(ts: string, days: number): string {
  return dateOf(dayOf(ts.slice(0, 10)) + days) + ts.slice(10);
}

/** Small policies: the caps bite within one month of care, two episodes or two beds. */
export const POLICY_OVERRIDES: Record<string, unknown>[] = [
  {
    ltc: { annualCap: '500.00', reviewThreshold: '300.00' },
    medical: { annualCap: { employee: '3000.00', resident: '1500.00' } },
    subsidy: { annualBudget: '30000.00' },
  },
  {
    ltc: { annualCap: '1200.00', waitingPeriodMonths: 3 },
    medical: { annualCap: { employee: '8000.00', resident: '800.00' }, admissionFactors: ['1.0', '0.5', '0.25'] },
    subsidy: { annualBudget: '13000.00' },
  },
];

export interface ScenarioOptions {
  /** Kinds to include (default: all four). */
  readonly kinds?: readonly ('care-service' | 'medical-settlement' | 'construction-subsidy' | 'operating-subsidy')[];
  readonly maxClaims?: number;
}

/**
 * A small scenario: 2–4 persons, five institutions, up to `maxClaims` valid claims of mixed kinds
 * with unique claimIds (invalid arrivals and id conflicts are order-dependent by design, §7).
 * @example fc.assert(fc.property(scenarioArb(), (s) => replay(s).output.claims.length === s.claims.length))
 */
export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const kinds = new Set(options.kinds ?? ['care-service', 'medical-settlement', 'construction-subsidy', 'operating-subsidy']);
  const max = options.maxClaims ?? 14;
  const none = fc.constant([] as never[]);
  return fc
    .record({
      personCount: fc.integer({ min: 2, max: 4 }),
      persons: fc.tuple(...PERSON_IDS.map(personArb)),
      policy: fc.option(fc.constantFrom(...POLICY_OVERRIDES), { nil: undefined, freq: 6 }),
      care: kinds.has('care-service') ? fc.array(careServiceArb, { maxLength: max }) : none,
      medical: kinds.has('medical-settlement') ? fc.array(medicalArb, { maxLength: Math.ceil(max / 2) }) : none,
      construction: kinds.has('construction-subsidy') ? fc.array(constructionArb, { maxLength: Math.ceil(max / 3) }) : none,
      operating: kinds.has('operating-subsidy') ? fc.array(operatingArb, { maxLength: Math.ceil(max / 3) }) : none,
    })
    .map(({ personCount, persons, policy, care, medical, construction, operating }) => {
      // Ids whose string order differs from numeric order (CS-10 < CS-9) on purpose.
      const careClaims = care.map((c, i) => ({ ...c, claimId: `CS-${i + 7}`, personId: foldPerson(c.personId, personCount) }));
      const msIds = medical.map((_, i) => `MS-${i + 8}`);
      const msClaims = medicalClaims(
        medical.map((m) => ({ ...m, personId: foldPerson(m.personId, personCount) })),
        msIds,
      );
      const subClaims = construction.map((c, i) => ({ ...c, claimId: `SUB-${i + 9}` }));
      const opClaims = operating.map((c, i) => {
        const residents = c.residents.map((r) => ({ ...r, personId: foldPerson(r.personId, personCount) }));
        // a person appears at most once per claim (§6), so folding keeps the first listing only
        return {
          ...c,
          claimId: `OP-${i + 9}`,
          residents: residents.filter((r, j) => residents.findIndex((x) => x.personId === r.personId) === j),
        };
      });
      const scenario: Scenario = {
        registry: { persons: persons.slice(0, personCount), institutions: INSTITUTIONS },
        claims: interleave([careClaims, msClaims, subClaims, opClaims]).map(dropUndefined),
      };
      if (policy) scenario.policy = policy;
      return scenario;
    });
}

/** Round-robin merge, so that the generated arrival order mixes kinds. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i] as T);
  return out;
}

/** JSON has no `undefined`: omitted optional keys are absent, as in a file. */
function dropUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** A copy of a JSON value with every object's keys in a shuffled order (same content, §7). */
export function shuffleKeys(value: unknown, seed: number): unknown {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
    }
    return Object.fromEntries(entries.map(([k, x]) => [k, walk(x)]));
  };
  return walk(value);
}
