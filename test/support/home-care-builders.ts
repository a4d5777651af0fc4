/**
 * Builders for the home-care tests (DOMAIN.md §11): a registry of home-care institutions, persons
 * with care plans, home-visit lines with visit records, family-care claims listing days, the §11
 * policy keys, and a replay that hands back the §9 document (and checks order independence).
 *
 * Everything here only builds `ltc replay` scenarios (§9) and reads the replay's output: the
 * expected figures live in the tests, computed by hand from DOMAIN.md.
 */
import { Decimal } from 'decimal.js';
import { replay } from '../../domain/replay.ts';
import { type ClaimEntry, type Json, type Replayed, type ReplayOutput, run } from './care-medical-builders.ts';

export { days, item, medical, run, summary } from './care-medical-builders.ts';
export type { ClaimEntry, Json, Replayed };

/** Late enough for every service date in these tests (period.to may not be after it, §4). */
export const SUBMITTED = '2027-01-15T09:00:00+08:00';

const ltc = (setting: string, to?: string): Json => ({ scheme: 'ltc', setting, from: '2024-01-01', ...(to ? { to } : {}) });
const agency = (institutionId: string, name: string, designations: Json[]): Json => ({
  institutionId,
  name,
  institutionType: 'elderly-care',
  ownership: 'private',
  totalBeds: 40,
  nursingBeds: 20,
  medicalFacility: 'contracted',
  registeredOn: '2020-01-01',
  designations,
});

/**
 * HC-A and HC-B do home visits and family care; HC-C's family-care designation ends 2026-03-15;
 * HC-HV-ONLY has no family-care designation; NH-A is a nursing home (institutional only);
 * HOSP-2 is a level-2 hospital (medical designation only).
 */
export const INSTITUTIONS: Json[] = [
  agency('HC-A', '康乐居家护理站', [ltc('home-visit'), ltc('family-care')]),
  agency('HC-B', '安康居家服务中心', [ltc('home-visit'), ltc('family-care')]),
  agency('HC-C', 'family-care designation ends 2026-03-15', [ltc('home-visit'), ltc('family-care', '2026-03-15')]),
  agency('HC-HV-ONLY', 'home visits only', [ltc('home-visit')]),
  agency('NH-A', '夕阳红养老服务中心', [ltc('institutional')]),
  {
    institutionId: 'HOSP-2',
    institutionType: 'hospital',
    ownership: 'public',
    hospitalLevel: 2,
    totalBeds: 500,
    nursingBeds: 100,
    medicalFacility: 'internal',
    registeredOn: '2010-01-01',
    designations: [{ scheme: 'medical', from: '2020-01-01' }],
  },
];

export interface PersonOptions {
  insuredType?: 'employee' | 'resident';
  enrolledOn?: string;
  /** Shorthand for one assessment on 2025-06-10 (default grade 4). */
  grade?: number;
  /** Replaces the default assessment, in the order given. */
  assessments?: { grade: number; assessedOn: string }[];
  carePlans?: Json[];
}

/** An insured person. Default: employee, enrolled 2024-01-01, grade 4 assessed 2025-06-10, no plans. */
export function person(personId: string, o: PersonOptions = {}): Json {
  const assessments = o.assessments ?? [{ grade: o.grade ?? 4, assessedOn: '2025-06-10' }];
  const p: Json = {
    personId,
    insuredType: o.insuredType ?? 'employee',
    enrolledOn: o.enrolledOn ?? '2024-01-01',
    assessments: assessments.map((a, i) => ({ ...a, certificateNo: `${personId}-A${i + 1}` })),
  };
  if (o.carePlans !== undefined) p.carePlans = o.carePlans;
  return p;
}

export interface PlanService {
  serviceCode: string;
  maxPerMonth?: number;
  maxPerWeek?: number;
}

/** A care plan (§11.2); `to` undefined means open-ended. */
export function plan(
  planId: string,
  institutionId: string,
  setting: string,
  from: string,
  to: string | undefined,
  services: PlanService[],
): Json {
  return { planId, institutionId, setting, from, ...(to === undefined ? {} : { to }), services };
}

/** A registry of the given persons and the home-care institutions above. */
export function registry(persons: Json[], institutions: Json[] = INSTITUTIONS): Json {
  return { persons, institutions };
}

/** A scenario in the `ltc replay` format (§9); `ltc` is the partial override of the policy's ltc section. */
export function scenario(persons: Json[], claims: unknown[], ltcOverride?: Json): Json {
  const s: Json = { registry: registry(persons), claims };
  if (ltcOverride !== undefined) s.policy = { ltc: ltcOverride };
  return s;
}

/** A timestamp in Asia/Shanghai (+08:00) on `date` at `time` (HH:MM or HH:MM:SS). */
export const cst = (date: string, time: string): string => `${date}T${time.length === 5 ? `${time}:00` : time}+08:00`;

/** A home-visit line on `date` with a visit record from `checkIn` to `checkOut` (both on that date, +08:00). */
export function visited(serviceCode: string, date: string, unitPrice: string, checkIn: string, checkOut: string, quantity?: number): Json {
  const line: Json = { serviceCode, date };
  if (quantity !== undefined) line.quantity = quantity;
  line.unitPrice = unitPrice;
  line.visit = { checkIn: cst(date, checkIn), checkOut: cst(date, checkOut) };
  return line;
}

/** A home-visit line with a visit record given as two full timestamps. */
export function visitedAt(serviceCode: string, date: string, unitPrice: string, checkIn: string, checkOut: string): Json {
  return { serviceCode, date, unitPrice, visit: { checkIn, checkOut } };
}

export interface ClaimOptions {
  personId?: string;
  institutionId?: string;
  submittedAt?: string;
  /** Default: from the earliest to the latest date of the lines or days. */
  period?: { from: string; to: string };
}

const spanOf = (entries: Json[]): { from: string; to: string } => {
  const dates = entries.flatMap((l) => [l.date, l.from, l.to]).filter((d): d is string => typeof d === 'string');
  dates.sort();
  return { from: dates[0] as string, to: dates[dates.length - 1] as string };
};

function careClaim(claimId: string, setting: string, o: ClaimOptions, body: Json, entries: Json[], defaultInstitution: string): Json {
  return {
    kind: 'care-service',
    claimId,
    institutionId: o.institutionId ?? defaultInstitution,
    personId: o.personId ?? 'P-EMP',
    submittedAt: o.submittedAt ?? SUBMITTED,
    setting,
    period: o.period ?? spanOf(entries),
    ...body,
  };
}

/** A home-visit claim. Defaults: P-EMP, HC-A. */
export function homeVisit(claimId: string, lines: Json[], o: ClaimOptions = {}): Json {
  return careClaim(claimId, 'home-visit', o, { lines }, lines, 'HC-A');
}

/** An institutional claim. Defaults: P-EMP, NH-A. */
export function institutional(claimId: string, lines: Json[], o: ClaimOptions = {}): Json {
  return careClaim(claimId, 'institutional', o, { lines }, lines, 'NH-A');
}

/** A family-care claim listing `days` (§11.3). Defaults: P-EMP, HC-A. */
export function familyCare(claimId: string, dayEntries: Json[], o: ClaimOptions = {}): Json {
  return careClaim(claimId, 'family-care', o, { days: dayEntries }, dayEntries, 'HC-A');
}

/** One family-care `days` entry: a single date, or a range when `to` is given. */
export const day = (from: string, to?: string): Json => (to === undefined ? { date: from } : { from, to });

/** The §11 policy keys as the tests combine them (each is a partial `ltc` override). */
export const PLANS: Json = { carePlanRequired: ['home-visit', 'family-care'] };
export const VISITS: Json = { visitVerification: { defaultMinMinutes: 30, minMinutes: { 'HV-MED': 15, 'HV-BATH': 45 } } };
/** Tengzhou's family care: ¥30 a day for every eligible grade, paid in full. */
export const FAMILY_30: Json = { familyCare: { dailyAllowance: { '3': '30.00', '4': '30.00', '5': '30.00' }, ratio: '1.00' } };

/** Replays a scenario with the claims in the given order (indices into scenario.claims). */
export function runInOrder(doc: Json, order: readonly number[]): Replayed {
  const claims = doc.claims as unknown[];
  return run({ ...doc, claims: order.map((i) => claims[i]) });
}

/** Every permutation of 0..n-1 (n ≤ 6 keeps this under 720 replays). */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

/** The final state of each valid claim, keyed by claimId: what §7 says cannot depend on arrival order. */
export function finalStates(out: ReplayOutput): Record<string, Omit<ClaimEntry, 'claimId' | 'kind'>> {
  const states: Record<string, Omit<ClaimEntry, 'claimId' | 'kind'>> = {};
  for (const c of out.claims) {
    if (c.status === 'invalid') continue;
    const { claimId, kind: _kind, ...rest } = c;
    states[claimId] = rest;
  }
  return states;
}

export interface OrderCheck {
  /** The arrival orders that were replayed. */
  readonly orders: number;
  /** Orders whose final states differ from the first one (should be empty). */
  readonly mismatches: string[];
  /** Orders where Σ first decisions + Σ adjustments ≠ Σ final fund amounts (should be empty). */
  readonly unbalanced: string[];
}

/**
 * Replays the scenario in every arrival order of its claims and compares the final states with the
 * given order's, and checks Σ first decisions + Σ adjustments = Σ final amounts in each (§7).
 */
export function checkEveryOrder(doc: Json): OrderCheck {
  const claims = doc.claims as unknown[];
  const base = finalStates(run(doc));
  const mismatches: string[] = [];
  const unbalanced: string[] = [];
  const orders = permutations(claims.length);
  for (const order of orders) {
    const shuffled = { ...doc, claims: order.map((i) => claims[i]) };
    const { output, steps } = replay(shuffled);
    const out = output as unknown as ReplayOutput;
    if (!sameStates(finalStates(out), base)) mismatches.push(order.join(','));
    const first = steps.reduce((s, st) => (st.type === 'accepted' ? s.plus(st.outcome.fund.toFixed(2)) : s), new Decimal(0));
    const adjustments = out.adjustments.reduce((s, a) => s.plus(a.amount), new Decimal(0));
    const final = out.claims.reduce((s, c) => s.plus(c.fundAmount), new Decimal(0));
    if (!first.plus(adjustments).equals(final) || out.totals.fundAmount !== final.toFixed(2)) unbalanced.push(order.join(','));
  }
  return { orders: orders.length, mismatches, unbalanced };
}

/** Same claims with the same final state; key order inside an entry does not matter (the replay builds them alike). */
const sameStates = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (JSON.stringify(ka) !== JSON.stringify(kb)) return false;
  return ka.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
};
