/**
 * A seeded, realistic claim workload for the reliability suite (after bench/engine.bench.ts): many
 * persons with a few months of institutional or home-visit care and hospital episodes (some
 * referred), operating subsidies for a share of the institutions' residents and a few construction
 * subsidies. Person partitions stay small (about ten claims), as they are in production.
 */

/** mulberry32: the same seed gives the same workload, so a failing run can be rerun exactly. */
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

export type ClaimDoc = Record<string, unknown> & { claimId: string; kind: string; institutionId: string };

const DAY = 86_400_000;
const dateOf = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const fen = (n: number) => `${Math.floor(n / 100)}.${pad(n % 100, 2)}`;
const MONTHS = Array.from({ length: 12 }, (_, m) => ({
  label: `2025-${pad(m + 1, 2)}`,
  first: Date.UTC(2025, m, 1) / DAY,
  last: Date.UTC(2025, m + 1, 0) / DAY,
}));
const HOME_CODES = ['HV-BATH', 'HV-FEED', 'HV-CLEAN', 'HV-TURN', 'HV-CATH', 'HV-WOUND', 'HV-REHAB', 'HV-MED'];

const submittedAfter = (rng: Rng, d: number) =>
  `${dateOf(d + rng.int(1, 12))}T${pad(rng.int(8, 18), 2)}:${pad(rng.int(0, 59), 2)}:00+08:00`;

function registryDoc(rng: Rng, persons: number, prefix: string) {
  const institutions = Array.from({ length: 120 }, (_, i) => {
    const type = i < 90 ? 'elderly-care' : i < 110 ? 'hospital' : 'special-hardship';
    const totalBeds = rng.int(30, 300);
    return {
      institutionId: `${prefix}${type === 'hospital' ? 'HOSP' : type === 'elderly-care' ? 'INST' : 'SH'}-${pad(i, 3)}`,
      institutionType: type,
      ownership: type === 'special-hardship' || rng.chance(0.3) ? 'public' : 'private',
      ...(type === 'hospital' ? { hospitalLevel: 1 + (i % 3) } : {}),
      totalBeds,
      nursingBeds: Math.floor(totalBeds * (0.2 + rng.next() * 0.6)),
      medicalFacility: totalBeds >= 100 ? 'internal' : rng.pick(['internal', 'contracted']),
      registeredOn: rng.chance(0.9) ? '2015-03-01' : '2024-11-15',
      designations:
        type === 'hospital'
          ? [
              { scheme: 'medical', from: '2015-01-01' },
              { scheme: 'ltc', setting: 'medical-care', from: '2020-01-01' },
            ]
          : [
              { scheme: 'ltc', setting: 'institutional', from: '2020-01-01' },
              { scheme: 'ltc', setting: 'home-visit', from: rng.chance(0.9) ? '2020-01-01' : '2025-04-01' },
            ],
    };
  });
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
      personId: `${prefix}P${pad(i, 6)}`,
      insuredType: rng.chance(0.6) ? 'employee' : 'resident',
      enrolledOn: rng.chance(0.93) ? '2023-01-01' : '2025-03-01',
      specialHardship: rng.chance(0.03),
      assessments,
    };
  });
  return { persons: people, institutions };
}

export interface Workload {
  readonly registry: ReturnType<typeof registryDoc>;
  /** Exactly `count` claims, in submission order. */
  readonly claims: ClaimDoc[];
  readonly byKind: Record<string, number>;
}

/**
 * `count` claims over about count/10 persons. `prefix` keeps ids of workloads sharing a table apart.
 * @example const { registry, claims } = workload(10_000, 42);
 */
export function workload(count: number, seed: number, prefix = ''): Workload {
  const rng = prng(seed);
  const persons = Math.max(4, Math.ceil(count / 6));
  const registry = registryDoc(rng, persons, prefix);
  const homes = registry.institutions.filter((i) => i.institutionType !== 'hospital');
  const hospitals = registry.institutions.filter((i) => i.institutionType === 'hospital');
  let n = 0;
  const id = (kind: string) => `${prefix}${kind}-${pad(++n, 6)}`;
  const construction = Math.max(2, Math.round(count / 500));
  const operating = Math.max(2, Math.round(count * 0.03));
  const personal: ClaimDoc[] = [];
  const residents: { institutionId: string; month: (typeof MONTHS)[number]; personId: string }[] = [];
  for (const person of registry.persons) {
    const home = rng.pick(homes);
    const institutional = rng.chance(0.6);
    const start = rng.int(0, 4);
    for (const month of MONTHS.slice(start, start + rng.int(5, 8))) {
      const from = rng.chance(0.9) ? month.first : rng.int(month.first, month.last);
      const period = { from: dateOf(from), to: dateOf(month.last) };
      const common = { institutionId: home.institutionId, personId: person.personId, submittedAt: submittedAfter(rng, month.last), period };
      if (institutional) {
        residents.push({ institutionId: home.institutionId, month, personId: person.personId });
        personal.push({
          kind: 'care-service',
          claimId: id('CS'),
          ...common,
          setting: 'institutional',
          lines: [{ serviceCode: 'LTC-INST-DAY', from: period.from, to: period.to, unitPrice: rng.pick(['65.00', '80.00', '95.50']) }],
        });
      } else {
        personal.push({
          kind: 'care-service',
          claimId: id('CS'),
          ...common,
          setting: 'home-visit',
          lines: Array.from({ length: rng.int(4, 10) }, () => ({
            serviceCode: rng.pick(HOME_CODES),
            date: dateOf(rng.int(from, month.last)),
            quantity: rng.int(1, 2),
            unitPrice: rng.pick(['25.00', '30.00', '45.00', '60.00']),
          })),
        });
      }
    }
    let previous: { claimId: string; discharged: number } | undefined;
    for (let e = rng.int(0, 2); e > 0; e--) {
      const referral = previous !== undefined && rng.chance(0.4);
      const admitted = referral
        ? (previous?.discharged ?? 0) + rng.int(0, 10)
        : rng.int(MONTHS[0]?.first ?? 0, (MONTHS[11]?.last ?? 0) - 30);
      const discharged = admitted + rng.int(1, 20);
      const eligible = rng.int(200_000, 3_000_000);
      const claimId = id('MS');
      personal.push({
        kind: 'medical-settlement',
        claimId,
        institutionId: rng.pick(hospitals).institutionId,
        personId: person.personId,
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
  }
  const claims = personal.slice(0, count - construction - operating);
  const groups = new Map<string, typeof residents>();
  for (const r of residents) {
    const key = `${r.institutionId}|${r.month.label}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const keys = rng.shuffle([...groups.keys()]).slice(0, operating);
  for (let i = 0; i < operating; i++) {
    const g = groups.get(keys[i % keys.length] as string) ?? [];
    const first = g[0] as (typeof residents)[number];
    claims.push({
      kind: 'operating-subsidy',
      claimId: id('OP'),
      institutionId: first.institutionId,
      submittedAt: submittedAfter(rng, first.month.last),
      month: first.month.label,
      residents: g.slice(0, 20).map((r) => ({ personId: r.personId, from: dateOf(r.month.first), to: dateOf(r.month.last) })),
    });
  }
  for (let i = 0; i < construction; i++) {
    const beds = rng.int(5, 30);
    const at = rng.int(MONTHS[0]?.first ?? 0, MONTHS[10]?.last ?? 0);
    claims.push({
      kind: 'construction-subsidy',
      claimId: id('SUB'),
      institutionId: rng.pick(homes).institutionId,
      submittedAt: submittedAfter(rng, at),
      projectType: rng.chance(0.7) ? 'new-construction' : 'renovation',
      acceptedOn: dateOf(at),
      beds: Array.from({ length: beds }, (_, k) => `B-${i * 40 + k}`),
    });
  }
  const byKind: Record<string, number> = {};
  for (const c of claims) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
  return { registry, claims, byKind };
}
