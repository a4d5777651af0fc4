/**
 * A seeded, realistic claim workload for the reliability suite, on the registry of bench/workload.ts: many
 * persons with a few months of institutional or home-visit care and hospital episodes (some
 * referred), operating subsidies for a share of the institutions' residents and a few construction
 * subsidies. Person partitions stay small (about ten claims), as they are in production.
 */

import { dateOf, HOME_CODES, hospitalEpisodes, pad, prng, type Rng, registryDoc, submittedAfter } from '../../bench/workload.ts';

const DAY = 86_400_000;

export { prng, type Rng };

export type ClaimDoc = Record<string, unknown> & { claimId: string; kind: string; institutionId: string };

const MONTHS = Array.from({ length: 12 }, (_, m) => ({
  label: `2025-${pad(m + 1, 2)}`,
  first: Date.UTC(2025, m, 1) / DAY,
  last: Date.UTC(2025, m + 1, 0) / DAY,
}));

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
  const registry = registryDoc(rng, persons, { institutions: 120, prefix, lateEnrolment: '2025-03-01' });
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
    const stays = hospitalEpisodes(rng, {
      count: rng.int(0, 2),
      personId: person.personId,
      hospitals,
      first: MONTHS[0]?.first ?? 0,
      last: MONTHS[11]?.last ?? 0,
      claimId: () => id('MS'),
    });
    for (const c of stays) personal.push(c as ClaimDoc);
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
