/**
 * A care-heavy scenario for timing `ltc replay` as a user runs it (issue #16): a city's year of
 * care-service claims, about ten a person, ~22 care days each, in a shuffled arrival order, with
 * some hospital stays that overlap paid care days (rule 6 re-adjudicates them) and now and then a
 * second provider claiming the same days (rule 7). Seeded, so every run writes the same file.
 *
 * The mix, per person and month of 2025 (a month is claimed with probability 0.8):
 * - 55% of persons live in an institution: one LTC-INST-DAY range of 15–31 days (a leave splits it
 *   in two now and then), a BED-FEE range beside it in a third of the claims (never covered);
 * - 35% get home visits: 16–27 visit days, one or two items a day, quantity 1–2, some prices with
 *   sub-fen decimals (`33.333333`), so the daily cap bites on many days;
 * - 10% are in medical-care beds of a hospital: LTC-MED-DAY ranges of 12–28 days (their annual cap
 *   is reached late in the year by some);
 * - 3% of claims have a second home-visit provider on the same days;
 * - about half the persons have one or two hospital episodes (referrals among them).
 *
 *   node bench/care-workload.ts OUT.json [PERSONS]   # writes the scenario (default 4,000 persons)
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dateOf, fen, HOME_CODES, hospitalEpisodes, type Institution, prng, registryDoc, submittedAfter } from './workload.ts';

const MS_PER_DAY = 86_400_000;
/** The twelve service months of 2025: first and last day numbers. */
const MONTHS = Array.from({ length: 12 }, (_, m) => ({
  first: Date.UTC(2025, m, 1) / MS_PER_DAY,
  last: Date.UTC(2025, m + 1, 0) / MS_PER_DAY,
}));
/** Persons per institution, as in the other benchmarks. */
const PERSONS_PER_INSTITUTION = 17;

export interface CareScenario {
  readonly registry: ReturnType<typeof registryDoc>;
  /** In a shuffled arrival order. */
  readonly claims: Record<string, unknown>[];
  /** Care days per care-service claim (distinct service days of its lines), on average. */
  readonly careDaysPerClaim: number;
  readonly byKind: Record<string, number>;
}

/** The care-heavy scenario of `persons` persons (one institution for every 17 of them). */
export function careHeavy(persons: number, seed: number): CareScenario {
  const rng = prng(seed);
  const registry = registryDoc(rng, persons, { institutions: Math.max(15, Math.round(persons / PERSONS_PER_INSTITUTION)) });
  const homes = registry.institutions.filter((i) => i.institutionType !== 'hospital') as Institution[];
  const hospitals = registry.institutions.filter((i) => i.institutionType === 'hospital') as Institution[];
  let counter = 0;
  const claims: Record<string, unknown>[] = [];
  let careClaims = 0;
  let careDays = 0;
  const care = (c: Record<string, unknown>, days: number) => {
    claims.push(c);
    careClaims++;
    careDays += days;
  };
  for (const person of registry.persons) {
    const personId = person.personId;
    const r = rng.next();
    const setting = r < 0.55 ? 'institutional' : r < 0.9 ? 'home-visit' : 'medical-care';
    const provider = setting === 'medical-care' ? rng.pick(hospitals) : rng.pick(homes);
    const price = rng.pick(['65.00', '80.00', '95.50', '120.00']);
    for (const month of MONTHS) {
      if (!rng.chance(0.8)) continue;
      const base = {
        kind: 'care-service',
        institutionId: provider.institutionId,
        personId,
        submittedAt: submittedAfter(rng, month.last),
        setting,
        period: { from: dateOf(month.first), to: dateOf(month.last) },
      };
      if (setting === 'home-visit') {
        const visit = homeVisitLines(rng, month.first, month.last);
        care({ ...base, claimId: `CS-${++counter}`, lines: visit.lines }, visit.days);
        if (rng.chance(0.03)) {
          const other = rng.pick(homes);
          care({ ...base, claimId: `CS-${++counter}`, institutionId: other.institutionId, lines: visit.lines }, visit.days);
        }
        continue;
      }
      const code = setting === 'institutional' ? 'LTC-INST-DAY' : 'LTC-MED-DAY';
      const length = setting === 'institutional' ? rng.int(15, 31) : rng.int(12, 28);
      const from = month.first + rng.int(0, Math.max(0, month.last - month.first + 1 - length));
      const to = Math.min(month.last, from + length - 1);
      const lines: Record<string, unknown>[] = [];
      if (to - from > 8 && rng.chance(0.15)) {
        const leave = rng.int(from + 2, to - 4);
        lines.push({ serviceCode: code, from: dateOf(from), to: dateOf(leave), unitPrice: price });
        lines.push({ serviceCode: code, from: dateOf(leave + 3), to: dateOf(to), unitPrice: price });
      } else lines.push({ serviceCode: code, from: dateOf(from), to: dateOf(to), unitPrice: price });
      if (setting === 'institutional' && rng.chance(0.33))
        lines.push({ serviceCode: 'BED-FEE', from: dateOf(from), to: dateOf(to), unitPrice: '40.00' });
      care({ ...base, claimId: `CS-${++counter}`, lines }, to - from + 1);
    }
    const stays = rng.chance(0.5) ? rng.int(1, 2) : 0;
    const episodes = hospitalEpisodes(rng, {
      count: stays,
      personId,
      hospitals,
      first: MONTHS[0]!.first,
      last: MONTHS[11]!.last,
      claimId: () => `MS-${++counter}`,
    });
    for (const e of episodes) claims.push(e);
  }
  rng.shuffle(claims);
  const byKind: Record<string, number> = {};
  for (const c of claims) byKind[c.kind as string] = (byKind[c.kind as string] ?? 0) + 1;
  return { registry, claims, careDaysPerClaim: careDays / careClaims, byKind };
}

/** A month of home visits: 16–27 distinct days, one or two items each. */
function homeVisitLines(rng: ReturnType<typeof prng>, first: number, last: number) {
  const all = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const days = rng
    .shuffle(all)
    .slice(0, rng.int(16, Math.min(27, all.length)))
    .sort((a, b) => a - b);
  const lines: Record<string, unknown>[] = [];
  for (const d of days) {
    for (let k = rng.int(1, 2); k > 0; k--) {
      lines.push({
        serviceCode: rng.pick(HOME_CODES),
        date: dateOf(d),
        quantity: rng.int(1, 2),
        unitPrice: rng.chance(0.1) ? '33.333333' : fen(rng.pick([2500, 3000, 4500, 6000, 2750])),
      });
    }
  }
  return { lines, days: days.length };
}

/** The scenario document `ltc replay` reads. */
export function careScenarioDoc(s: CareScenario): { registry: CareScenario['registry']; claims: Record<string, unknown>[] } {
  return { registry: s.registry, claims: s.claims };
}

/** The seed of the timed scenario. */
export const CARE_SEED = 16_042_025;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, persons = '4000'] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/care-workload.ts OUT.json [PERSONS]');
    process.exit(2);
  }
  const s = careHeavy(Number(persons), CARE_SEED);
  writeFileSync(out, JSON.stringify(careScenarioDoc(s)));
  console.log(
    `${out}: ${s.claims.length.toLocaleString('en')} claims ${JSON.stringify(s.byKind)} over ${Number(persons).toLocaleString('en')} persons, ${s.careDaysPerClaim.toFixed(1)} care days per care claim`,
  );
}
