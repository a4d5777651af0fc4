/**
 * fast-check arbitraries for home care (DOMAIN.md §11): small scenarios around March–April 2026 (the
 * ISO week 03-30..04-05 spans both months) with care plans (some split into two consecutive plans),
 * home visits with visit records near the minimum durations and across midnight, family-care claims,
 * institutional days and hospital stays of the same persons, under a random subset of the §11 keys.
 * Every care-service claim lies inside one calendar month, so a claim's fund belongs to one month's
 * package.
 *
 * Also: the §11 fields a scenario of scenario-arbitrary.ts can carry without any §11 key set (visit
 * records, care plans, `days` on other settings, family-care claims), which must change nothing.
 */
import fc from 'fast-check';
import { INSTITUTIONS } from './home-care-builders.ts';
import type { Scenario } from './scenario-arbitrary.ts';

type Json = Record<string, unknown>;

const MS_PER_DAY = 86_400_000;
const dayOf = (text: string): number => Date.parse(`${text}T00:00:00Z`) / MS_PER_DAY;
const dateOf = (d: number): string => new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
const MONTHS: Record<string, { first: number; last: number }> = {
  '2026-03': { first: dayOf('2026-03-01'), last: dayOf('2026-03-31') },
  '2026-04': { first: dayOf('2026-04-01'), last: dayOf('2026-04-30') },
};

/** A visit record on `date`: starting at `hour` Shanghai time, lasting `seconds`, written in UTC. */
function visitOn(date: string, hour: number, seconds: number): Json {
  const start = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  return { checkIn: new Date(start).toISOString(), checkOut: new Date(start + seconds * 1000).toISOString() };
}

const HOME_VISIT_CODES = ['HV-BATH', 'HV-MED', 'HV-CLEAN', 'HV-FEED'] as const;

/** Durations around the minimums of the generated policies (30 default, HV-MED 15, HV-BATH 45). */
const visitArb = (date: string, quantity: number) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 6,
      arbitrary: fc
        .record({
          hour: fc.constantFrom(8, 9, 14, 23),
          minutes: fc.constantFrom(0, 14, 15, 29, 30, 44, 45, 60, 90),
          shortBySecond: fc.boolean(),
        })
        .map(({ hour, minutes, shortBySecond }) => visitOn(date, hour, Math.max(0, minutes * quantity * 60 - (shortBySecond ? 1 : 0)))),
    },
  );

const unitPriceArb = fc.constantFrom('20.00', '35.50', '50.00', '60.00', '33.333333');

const homeVisitLineArb = (first: number, last: number) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({
          serviceCode: fc.constantFrom(...HOME_VISIT_CODES, 'HV-BATH', 'MEALS'),
          date: fc.integer({ min: first, max: last }).map(dateOf),
          quantity: fc.constantFrom(1, 1, 1, 2),
          unitPrice: unitPriceArb,
        })
        .chain((l) =>
          visitArb(l.date, l.quantity).map((visit) => ({
            serviceCode: l.serviceCode,
            date: l.date,
            ...(l.quantity === 1 ? {} : { quantity: l.quantity }),
            unitPrice: l.unitPrice,
            ...(visit === undefined ? {} : { visit }),
          })),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: first, max: last }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...HOME_VISIT_CODES), unitPriceArb)
        .map(([from, len, serviceCode, unitPrice]) => ({
          serviceCode,
          from: dateOf(from),
          to: dateOf(Math.min(last, from + len)),
          unitPrice,
        })),
    },
  );

/** Non-overlapping `days` entries inside [first, last], in a shuffled order. */
const familyDaysArb = (first: number, last: number) =>
  fc
    .uniqueArray(fc.integer({ min: first, max: last }), { minLength: 1, maxLength: 12 })
    .chain((picked) => {
      const sorted = [...picked].sort((a, b) => a - b);
      // consecutive picked days may merge into one range entry
      const runs: { from: number; to: number }[] = [];
      for (const d of sorted) {
        const lastRun = runs[runs.length - 1];
        if (lastRun && lastRun.to === d - 1) lastRun.to = d;
        else runs.push({ from: d, to: d });
      }
      return fc.tuple(
        fc.constant(runs),
        fc.array(fc.boolean(), { minLength: runs.length, maxLength: runs.length }),
        fc.shuffledSubarray(
          runs.map((_, i) => i),
          { minLength: runs.length, maxLength: runs.length },
        ),
      );
    })
    .map(([runs, asRange, order]) =>
      order.map((i) => {
        const r = runs[i] as { from: number; to: number };
        return r.from === r.to && !asRange[i] ? { date: dateOf(r.from) } : { from: dateOf(r.from), to: dateOf(r.to) };
      }),
    );

/** A sub-range of a month. */
const periodArb = (month: string) => {
  const { first, last } = MONTHS[month] as { first: number; last: number };
  return fc
    .tuple(fc.integer({ min: first, max: last }), fc.integer({ min: 0, max: 20 }))
    .map(([from, len]) => ({ from, to: Math.min(last, from + len) }));
};

/** submittedAt at or after the period's end; 01:00Z is 09:00 and 09:00Z 17:00 in Shanghai, so instants tie across offsets. */
const submittedArb = (notBefore: number) =>
  fc
    .tuple(fc.constantFrom(0, 1, 3, 10), fc.constantFrom('T09:00:00+08:00', 'T01:00:00Z', 'T17:00:00+08:00', 'T09:00:00Z'))
    .map(([delay, time]) => `${dateOf(notBefore + delay)}${time}`);

const PERSON_IDS = ['P1', 'P2', 'P3'] as const;

const careClaimArb = fc
  .record({
    kind: fc.constantFrom('home-visit', 'home-visit', 'home-visit', 'family-care', 'family-care', 'institutional'),
    month: fc.constantFrom('2026-03', '2026-03', '2026-04'),
    personId: fc.constantFrom(...PERSON_IDS),
  })
  .chain(({ kind, month, personId }) =>
    periodArb(month).chain((period): fc.Arbitrary<Json> => {
      const common = {
        kind: fc.constant('care-service'),
        personId: fc.constant(personId),
        submittedAt: submittedArb(period.to),
        setting: fc.constant(kind),
        period: fc.constant({ from: dateOf(period.from), to: dateOf(period.to) }),
      };
      if (kind === 'family-care') {
        return fc.record({
          ...common,
          institutionId: fc.constantFrom('HC-A', 'HC-A', 'HC-B', 'HC-C', 'HC-HV-ONLY'),
          days: familyDaysArb(period.from, period.to),
        });
      }
      if (kind === 'institutional') {
        return fc.record({
          ...common,
          institutionId: fc.constant('NH-A'),
          lines: fc
            .tuple(
              fc.integer({ min: period.from, max: period.to }),
              fc.integer({ min: 0, max: 6 }),
              fc.constantFrom('45.00', '60.00', '80.00'),
            )
            .map(([from, len, unitPrice]) => [
              { serviceCode: 'LTC-INST-DAY', from: dateOf(from), to: dateOf(Math.min(period.to, from + len)), unitPrice },
            ]),
        });
      }
      return fc.record({
        ...common,
        institutionId: fc.constantFrom('HC-A', 'HC-A', 'HC-A', 'HC-B', 'HC-B', 'NH-A'),
        lines: fc.array(homeVisitLineArb(period.from, period.to), { minLength: 1, maxLength: 5 }),
      });
    }),
  );

const medicalArb = fc
  .record({
    personId: fc.constantFrom(...PERSON_IDS),
    admitted: fc.integer({ min: dayOf('2026-03-01'), max: dayOf('2026-04-25') }),
    length: fc.constantFrom(0, 1, 2, 4),
    eligible: fc.constantFrom('1500.00', '3000.00'),
  })
  .chain((m) =>
    submittedArb(m.admitted + m.length).map((submittedAt) => ({
      kind: 'medical-settlement',
      institutionId: 'HOSP-2',
      personId: m.personId,
      submittedAt,
      episode: { admittedOn: dateOf(m.admitted), dischargedOn: dateOf(m.admitted + m.length), settlementMode: 'fee-for-service' },
      costs: { total: '4000.00', eligible: m.eligible },
    })),
  );

/** One institution-and-setting's plans: none, one, or two consecutive ones split at `split`. */
const plansArb = (institutionId: string, setting: string, codes: readonly string[]) =>
  fc
    .record({
      shape: fc.constantFrom('none', 'one', 'one', 'two'),
      split: fc.constantFrom('2026-03-18', '2026-03-31', '2026-04-02'),
      services: fc.tuple(
        ...codes.map((serviceCode) =>
          fc.option(
            fc.record({
              serviceCode: fc.constant(serviceCode),
              maxPerWeek: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
              maxPerMonth: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
            }),
            { nil: undefined, freq: 4 },
          ),
        ),
      ),
    })
    .map(({ shape, split, services }) => {
      const listed = services.filter((s) => s !== undefined).map((s) => JSON.parse(JSON.stringify(s)) as Json);
      const id = `${institutionId}-${setting}`;
      if (shape === 'none') return [];
      if (shape === 'one') return [{ planId: `${id}-1`, institutionId, setting, from: '2026-01-01', services: listed }];
      const next = dateOf(dayOf(split) + 1);
      return [
        { planId: `${id}-1`, institutionId, setting, from: '2026-01-01', to: split, services: listed },
        { planId: `${id}-2`, institutionId, setting, from: next, services: listed },
      ];
    });

const personArb = (personId: string) =>
  fc
    .record({
      insuredType: fc.constantFrom('employee', 'resident'),
      enrolledOn: fc.constantFrom('2024-01-01', '2024-01-01', '2024-01-01', '2025-10-01'),
      first: fc.constantFrom(
        { grade: 4, assessedOn: '2025-06-10' },
        { grade: 3, assessedOn: '2025-06-10' },
        { grade: 5, assessedOn: '2024-03-20' }, // expires 2026-03-20
        { grade: 4, assessedOn: '2026-03-10' }, // first assessed inside the window
      ),
      later: fc.option(
        fc.record({
          grade: fc.constantFrom(2, 3, 4, 5),
          assessedOn: fc.constantFrom('2026-02-20', '2026-03-10', '2026-03-16', '2026-03-31'),
        }),
        { nil: undefined },
      ),
      plans: fc.tuple(
        plansArb('HC-A', 'home-visit', HOME_VISIT_CODES),
        plansArb('HC-B', 'home-visit', HOME_VISIT_CODES),
        plansArb('HC-A', 'family-care', ['FAMILY-CARE-DAY']),
        plansArb('HC-C', 'family-care', ['FAMILY-CARE-DAY']),
      ),
    })
    .map(({ insuredType, enrolledOn, first, later, plans }) => ({
      personId,
      insuredType,
      enrolledOn,
      assessments: [first, ...(later ? [later] : [])].map((a, i) => ({ ...a, certificateNo: `${personId}-A${i + 1}` })),
      carePlans: plans.flat(),
    }));

/** Package sizes per grade: the months' packages bite after a handful of days. */
const MONTHLY_CAPS = [
  { '3': '60.00', '4': '90.00', '5': '120.00' },
  { '3': '150.00', '4': '100.00', '5': '200.00' },
];

const policyArb = fc
  .record({
    benefitStart: fc.constantFrom(undefined, 'assessment-day', 'next-month', 'next-month'),
    carePlanRequired: fc.constantFrom(
      undefined,
      ['home-visit'],
      ['family-care'],
      ['home-visit', 'family-care'],
      ['home-visit', 'family-care'],
    ),
    visitVerification: fc.constantFrom(
      undefined,
      { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 15, 'HV-BATH': 45 } },
      { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 15, 'HV-BATH': 45 } },
      { defaultMinMinutes: 0 },
    ),
    monthlyCap: fc.option(
      fc.record({
        'home-visit': fc.option(fc.constantFrom(...MONTHLY_CAPS), { nil: undefined }),
        'family-care': fc.option(fc.constantFrom(...MONTHLY_CAPS), { nil: undefined }),
        institutional: fc.option(fc.constantFrom(...MONTHLY_CAPS), { nil: undefined, freq: 3 }),
      }),
      { nil: undefined, freq: 4 },
    ),
    familyCare: fc.constantFrom(
      undefined,
      { dailyAllowance: { '3': '30.00', '4': '30.00', '5': '30.00' }, ratio: '1.00' },
      { dailyAllowance: { '3': '40.00', '4': '50.00', '5': '60.05' }, ratio: '0.45' },
    ),
    annualCap: fc.constantFrom(undefined, undefined, '400.00'),
  })
  .map((ltc) => ({ ltc: JSON.parse(JSON.stringify(ltc)) as Json }));

export interface HomeCareScenarioOptions {
  readonly maxClaims?: number;
}

/**
 * A §11 scenario: 1–3 persons with care plans, home-care institutions, up to `maxClaims` care-service
 * claims (each inside one month) and a few hospital stays, unique claimIds, a random §11 policy.
 * @example fc.assert(fc.property(homeCareScenarioArb(), (s) => replay(s).output.claims.length === s.claims.length))
 */
export function homeCareScenarioArb(options: HomeCareScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const max = options.maxClaims ?? 8;
  return fc
    .record({
      personCount: fc.integer({ min: 1, max: 3 }),
      persons: fc.tuple(...PERSON_IDS.map(personArb)),
      policy: policyArb,
      care: fc.array(careClaimArb, { minLength: 1, maxLength: max }),
      medical: fc.array(medicalArb, { maxLength: 2 }),
    })
    .map(({ personCount, persons, policy, care, medical }) => {
      const fold = (personId: string) => PERSON_IDS[PERSON_IDS.indexOf(personId as (typeof PERSON_IDS)[number]) % personCount] as string;
      // ids whose string order differs from numeric order (CS-10 < CS-9) on purpose
      const careClaims = care.map((c, i) => ({ ...c, claimId: `CS-${i + 8}`, personId: fold(c.personId as string) }));
      const msClaims = medical.map((m, i) => ({ ...m, claimId: `MS-${i + 9}`, personId: fold(m.personId) }));
      return {
        policy,
        registry: { persons: persons.slice(0, personCount), institutions: INSTITUTIONS },
        claims: [...careClaims, ...msClaims],
      };
    });
}

/**
 * The §11 fields a demo-2026 scenario can carry that must change nothing while no §11 key is set:
 * visit records on home-visit date lines, care plans on persons, `days` on claims of other settings,
 * and family-care claims of known persons at known institutions (appended after the others).
 */
export function withIgnoredHomeCareFields(base: Scenario): fc.Arbitrary<{ scenario: Scenario; familyCareIds: string[] }> {
  const persons = base.registry.persons.map((p) => p.personId as string);
  const claimArbs = base.claims.map((c) => {
    const claim = c as Json;
    if (claim.kind !== 'care-service') return fc.constant(claim);
    const lines = claim.lines as Json[];
    return fc
      .tuple(
        fc.array(fc.record({ hour: fc.constantFrom(0, 9, 23), minutes: fc.constantFrom(0, 5, 29, 45, 120) }), {
          minLength: lines.length,
          maxLength: lines.length,
        }),
        fc.boolean(),
      )
      .map(([visits, addDays]) => ({
        ...claim,
        lines: lines.map((l, i) => {
          const v = visits[i] as { hour: number; minutes: number };
          if (claim.setting !== 'home-visit' || typeof l.date !== 'string') return l;
          return { ...l, visit: visitOn(l.date, v.hour, v.minutes * 60) };
        }),
        ...(addDays ? { days: [{ date: (claim.period as Json).from }, { from: '2026-13-01' }] } : {}),
      }));
  });
  const familyClaims = fc.array(
    fc
      .record({
        personId: fc.constantFrom(...(persons.length > 0 ? persons : ['P1'])),
        institutionId: fc.constantFrom('INST-A', 'INST-H', 'INST-P'),
        first: fc.integer({ min: dayOf('2025-12-10'), max: dayOf('2026-02-15') }),
        len: fc.integer({ min: 0, max: 5 }),
      })
      .map(({ personId, institutionId, first, len }) => ({
        kind: 'care-service',
        personId,
        institutionId,
        submittedAt: `${dateOf(first + len)}T09:00:00+08:00`,
        setting: 'family-care',
        period: { from: dateOf(first), to: dateOf(first + len) },
        days: [{ from: dateOf(first), to: dateOf(first + len) }],
      })),
    { maxLength: persons.length > 0 ? 3 : 0 },
  );
  const plans = fc.array(plansArb('INST-A', 'home-visit', HOME_VISIT_CODES), {
    minLength: base.registry.persons.length,
    maxLength: base.registry.persons.length,
  });
  return fc.tuple(fc.tuple(...(claimArbs as fc.Arbitrary<Json>[])), familyClaims, plans).map(([claims, family, personPlans]) => {
    const familyCareIds = family.map((_, i) => `FC-${i + 1}`);
    return {
      scenario: {
        ...base,
        registry: {
          ...base.registry,
          persons: base.registry.persons.map((p, i) => ({ ...p, carePlans: personPlans[i] ?? [] })),
        },
        claims: [...claims, ...family.map((f, i) => ({ ...f, claimId: familyCareIds[i] }))],
      },
      familyCareIds,
    };
  });
}
