/**
 * The deterministic workload both benchmarks use (seeded PRNG): monthly care-service claims for every
 * person, medical episodes with referrals, operating subsidies for the institutions' residents, a few
 * construction subsidies; about 5% of the claims arrive late (shuffled back). The registry it returns
 * names every person and institution the claims refer to.
 *
 * `bench/engine.bench.ts` feeds it to the engine in-process; `bench/local.bench.ts` submits it to the
 * local stack through POST /claims.
 */

/** mulberry32: a small seeded PRNG, so every run generates the same workload. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p: number) => next() < p,
    shuffle: <T>(list: T[]): T[] => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j] as T, list[i] as T];
      }
      return list;
    },
  };
}
export type Rng = ReturnType<typeof prng>;

const MS_PER_DAY = 86_400_000;
const dayOf = (text: string) => Date.parse(`${text}T00:00:00Z`) / MS_PER_DAY;
export const dateOf = (d: number) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
export const fen = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
export const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Eighteen service months, 2024-07 … 2025-12: first and last day numbers. */
const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const y = 2024 + Math.floor((6 + i) / 12);
  const m = ((6 + i) % 12) + 1;
  return { label: `${y}-${pad(m, 2)}`, first: Date.UTC(y, m - 1, 1) / MS_PER_DAY, last: Date.UTC(y, m, 0) / MS_PER_DAY };
});

export const HOME_CODES = ['HV-BATH', 'HV-FEED', 'HV-CLEAN', 'HV-TURN', 'HV-CATH', 'HV-WOUND', 'HV-REHAB', 'HV-MED'];
const INSTITUTIONS = 300;

export interface Institution {
  institutionId: string;
  institutionType: 'elderly-care' | 'special-hardship' | 'hospital';
  hospitalLevel?: number;
}

export interface RegistryOptions {
  /** How many institutions (default 300): 80% elderly-care homes, 13⅓% hospitals, the rest special-hardship homes. */
  readonly institutions?: number;
  /** Put before every person and institution id, to keep workloads sharing a table apart. */
  readonly prefix?: string;
  /** The enrolment date of the 7% enrolled late (default 2024-12-01), whose first claims meet the waiting period. */
  readonly lateEnrolment?: string;
}

/** A registry of persons (grades, enrolment, a few without an assessment) and institutions with their designations. */
export function registryDoc(rng: Rng, persons: number, options: RegistryOptions = {}) {
  const { institutions: count = INSTITUTIONS, prefix = '', lateEnrolment = '2024-12-01' } = options;
  const institutions: (Institution & Record<string, unknown>)[] = [];
  for (let i = 0; i < count; i++) {
    // 80% elderly-care homes, 13⅓% hospitals, the rest special-hardship homes (240/40/20 of 300).
    const kind: Institution['institutionType'] =
      i < (count * 4) / 5 ? 'elderly-care' : i < (count * 14) / 15 ? 'hospital' : 'special-hardship';
    const pub = kind === 'special-hardship' || rng.chance(0.3);
    const totalBeds = rng.int(30, 300);
    institutions.push({
      institutionId: `${prefix}${kind === 'hospital' ? 'HOSP' : kind === 'elderly-care' ? 'INST' : 'SH'}-${pad(i, 3)}`,
      institutionType: kind,
      ownership: pub ? 'public' : 'private',
      ...(kind === 'hospital' ? { hospitalLevel: 1 + (i % 3) } : {}),
      totalBeds,
      nursingBeds: Math.floor(totalBeds * (0.2 + rng.next() * 0.6)),
      medicalFacility: totalBeds >= 100 ? 'internal' : rng.pick(['internal', 'contracted']),
      registeredOn: rng.chance(0.9) ? '2015-03-01' : '2024-11-15',
      designations:
        kind === 'hospital'
          ? [
              { scheme: 'medical', from: '2015-01-01' },
              { scheme: 'ltc', setting: 'medical-care', from: '2020-01-01' },
            ]
          : [
              { scheme: 'ltc', setting: 'institutional', from: '2020-01-01' },
              { scheme: 'ltc', setting: 'home-visit', from: rng.chance(0.9) ? '2020-01-01' : '2025-04-01' },
            ],
    });
  }
  const people = Array.from({ length: persons }, (_, i) => {
    const r = rng.next();
    const assessments =
      r < 0.8
        ? [{ grade: rng.int(3, 5), assessedOn: '2024-06-01' }]
        : r < 0.9
          ? [
              { grade: 2, assessedOn: '2024-03-01' },
              { grade: rng.int(3, 5), assessedOn: '2025-05-14' },
            ]
          : r < 0.95
            ? [{ grade: 4, assessedOn: '2022-08-01' }]
            : [];
    return {
      personId: `${prefix}P${pad(i, 7)}`,
      insuredType: rng.chance(0.6) ? 'employee' : 'resident',
      enrolledOn: rng.chance(0.93) ? '2023-01-01' : lateEnrolment,
      specialHardship: rng.chance(0.03),
      assessments,
    };
  });
  return { persons: people, institutions };
}

export const submittedAfter = (rng: Rng, d: number) =>
  `${dateOf(d + rng.int(1, 12))}T${pad(rng.int(8, 18), 2)}:${pad(rng.int(0, 59), 2)}:00+08:00`;

/**
 * Claims of one person's history: a care claim per month (institutional or home-visit, now and then a
 * second home-visit provider on the same days), about two hospital episodes with referrals.
 */
function personHistory(
  rng: Rng,
  personId: string,
  reg: { institutions: Institution[] },
  next: () => number,
  residentMonths: ResidentMonth[],
) {
  const out: Record<string, unknown>[] = [];
  const homes = reg.institutions.filter((i) => i.institutionType !== 'hospital');
  const hospitals = reg.institutions.filter((i) => i.institutionType === 'hospital');
  const institutional = rng.chance(0.6);
  const home = rng.pick(homes);
  for (const month of MONTHS) {
    if (rng.chance(0.04)) continue;
    const from = rng.chance(0.9) ? month.first : rng.int(month.first, month.last);
    const period = { from: dateOf(from), to: dateOf(month.last) };
    const claimId = `CS-${next()}`;
    if (institutional) {
      out.push({
        kind: 'care-service',
        claimId,
        institutionId: home.institutionId,
        personId,
        submittedAt: submittedAfter(rng, month.last),
        setting: 'institutional',
        period,
        lines: [{ serviceCode: 'LTC-INST-DAY', from: period.from, to: period.to, unitPrice: rng.pick(['65.00', '80.00', '95.50']) }],
      });
      residentMonths.push({ institutionId: home.institutionId, month: month.label, personId, from: period.from, to: period.to });
    } else {
      const visits = (provider: Institution, id: string) => ({
        kind: 'care-service',
        claimId: id,
        institutionId: provider.institutionId,
        personId,
        submittedAt: submittedAfter(rng, month.last),
        setting: 'home-visit',
        period,
        lines: Array.from({ length: rng.int(6, 12) }, () => ({
          serviceCode: rng.pick(HOME_CODES),
          date: dateOf(rng.int(from, month.last)),
          quantity: rng.int(1, 2),
          unitPrice: rng.pick(['25.00', '30.00', '45.00', '60.00']),
        })),
      });
      out.push(visits(home, claimId));
      if (rng.chance(0.05)) out.push(visits(rng.pick(homes), `CS-${next()}`));
    }
  }
  const hospitalStays = hospitalEpisodes(rng, {
    count: rng.int(1, 3),
    personId,
    hospitals,
    first: MONTHS[0]!.first,
    last: MONTHS[17]!.last,
    claimId: () => `MS-${next()}`,
  });
  for (const c of hospitalStays) out.push(c);
  return out;
}

/**
 * One person's hospital episodes: admissions between `first` and `last` − 30 (day numbers), 1–20 days
 * long, 40% of the later ones referred from the previous episode 0–10 days after its discharge.
 */
export function hospitalEpisodes(
  rng: Rng,
  o: {
    count: number;
    personId: string;
    hospitals: readonly { institutionId: string }[];
    first: number;
    last: number;
    claimId: () => string;
  },
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let previous: { claimId: string; discharged: number } | undefined;
  for (let e = 0; e < o.count; e++) {
    const referral = previous !== undefined && rng.chance(0.4);
    const admitted = referral ? (previous as { discharged: number }).discharged + rng.int(0, 10) : rng.int(o.first, o.last - 30);
    const discharged = admitted + rng.int(1, 20);
    const eligible = rng.int(200_000, 3_000_000);
    const claimId = o.claimId();
    out.push({
      kind: 'medical-settlement',
      claimId,
      institutionId: rng.pick(o.hospitals).institutionId,
      personId: o.personId,
      submittedAt: submittedAfter(rng, discharged),
      episode: {
        admittedOn: dateOf(admitted),
        dischargedOn: dateOf(discharged),
        ...(referral ? { referredFrom: previous?.claimId } : {}),
        settlementMode: rng.chance(0.85) ? 'fee-for-service' : 'per-bed-day',
      },
      costs: { total: fen(eligible + rng.int(0, 500_000)), eligible: fen(eligible) },
    });
    previous = { claimId, discharged };
  }
  return out;
}

export interface ResidentMonth {
  institutionId: string;
  month: string;
  personId: string;
  from: string;
  to: string;
}

/** Operating subsidies: an institution's residents of a month, up to 20 per claim. */
function operatingClaims(rng: Rng, residents: ResidentMonth[], next: () => number) {
  const groups = new Map<string, ResidentMonth[]>();
  for (const r of residents) {
    const key = `${r.institutionId}|${r.month}`;
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  const out: Record<string, unknown>[] = [];
  for (const g of groups.values()) {
    const first = g[0] as ResidentMonth;
    const last = dayOf(first.to);
    for (let i = 0; i < g.length; i += 20) {
      out.push({
        kind: 'operating-subsidy',
        claimId: `OP-${next()}`,
        institutionId: first.institutionId,
        submittedAt: submittedAfter(rng, last),
        month: first.month,
        residents: g.slice(i, i + 20).map(({ personId, from, to }) => ({ personId, from, to })),
      });
    }
  }
  return out;
}

function constructionClaims(rng: Rng, count: number, reg: { institutions: Institution[] }, next: () => number) {
  const builders = reg.institutions.filter((i) => i.institutionType !== 'hospital');
  return Array.from({ length: count }, () => {
    const beds = rng.int(5, 30);
    const start = rng.int(1, 200);
    const accepted = rng.int(dayOf('2024-06-01'), dayOf('2025-11-30'));
    return {
      kind: 'construction-subsidy',
      claimId: `SUB-${next()}`,
      institutionId: rng.pick(builders).institutionId,
      submittedAt: submittedAfter(rng, accepted),
      projectType: rng.chance(0.7) ? 'new-construction' : 'renovation',
      acceptedOn: dateOf(accepted),
      beds: Array.from({ length: beds }, (_, k) => `B-${start + k}`),
    };
  });
}

export interface Workload {
  registry: ReturnType<typeof registryDoc>;
  /** Claims as JSON text, in arrival order (as they would come off the queue). */
  messages: string[];
  byKind: Record<string, number>;
  late: number;
}

/**
 * The deterministic workload: `persons` histories, operating and construction claims, 5% late. The
 * engine bench keeps 300 institutions; smaller runs pass fewer to keep ~17 persons per institution.
 */
export function generate(persons: number, seed: number, institutions = INSTITUTIONS): Workload {
  const rng = prng(seed);
  const registry = registryDoc(rng, persons, { institutions });
  let counter = 0;
  const next = () => ++counter;
  const residentMonths: ResidentMonth[] = [];
  const claims: Record<string, unknown>[] = [];
  for (const p of registry.persons) for (const c of personHistory(rng, p.personId, registry, next, residentMonths)) claims.push(c);
  for (const c of operatingClaims(rng, residentMonths, next)) claims.push(c);
  for (const c of constructionClaims(rng, Math.max(10, Math.round(persons / 100)), registry, next)) claims.push(c);

  // Arrival order: by submittedAt, except ~5% that arrive 1–90 days late.
  let late = 0;
  const keyed = claims.map((c, i) => {
    let at = Date.parse(c.submittedAt as string);
    if (rng.chance(0.05)) {
      late++;
      at += rng.int(1, 90) * MS_PER_DAY;
    }
    return { at, i, c };
  });
  keyed.sort((a, b) => a.at - b.at || a.i - b.i);
  const byKind: Record<string, number> = {};
  for (const { c } of keyed) byKind[c.kind as string] = (byKind[c.kind as string] ?? 0) + 1;
  return { registry, messages: keyed.map(({ c }) => JSON.stringify(c)), byKind, late };
}

/** The seed both benchmarks use. */
export const SEED = 20_260_401;

/** Claims per person the generator produces on average (care months, episodes, subsidies). */
export const CLAIMS_PER_PERSON = 20.6;
