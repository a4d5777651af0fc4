/**
 * What an institution reads of its own claim leaves out everyone else. The engine explains a claim
 * from its whole partition — the person's claims from every institution, all construction claims,
 * all operating claims of a month — so an explanation or an adjustment can name another
 * institution's claim (the claim that kept a contested day, the episode a referral chain starts
 * with, the claim that triggered a re-adjudication), that institution, or its residents and beds.
 * For an institution caller each such value becomes a fixed marker: `ANOTHER_CLAIM`,
 * `ANOTHER_INSTITUTION`, `ANOTHER_PERSON`, `ANOTHER_BED` (a list names each marker once, so it does
 * not count them either). The figures stay: they explain the institution's own payment (the grade
 * and annual cap remaining of a person it serves, the deductible already paid in the chain, the
 * construction budget left). The bureau and finance read everything.
 */
import type { Member } from '../adapters/partition-store.ts';

export const MARKERS = {
  claim: 'ANOTHER_CLAIM',
  institution: 'ANOTHER_INSTITUTION',
  person: 'ANOTHER_PERSON',
  bed: 'ANOTHER_BED',
} as const;

/** Keys whose values are codes, dates and settings the engine writes, never somebody's id. */
const STRUCTURAL = new Set([
  'decidedBy',
  'rule',
  'code',
  'reasonCodes',
  'date',
  'from',
  'to',
  'month',
  'setting',
  'kind',
  'serviceCode',
  'status',
  'reason',
]);

type Json = Record<string, unknown>;

function strings(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
  return into;
}

/** The ids of other institutions' claims in the partition, with the marker each becomes. */
function foreignIds(own: Member, partition: readonly Member[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of partition) {
    if (m.institutionId === own.institutionId) continue;
    const c = (m.content ?? {}) as Json;
    out.set(m.claimId, MARKERS.claim);
    out.set(m.institutionId, MARKERS.institution);
    if (typeof c.personId === 'string') out.set(c.personId, MARKERS.person);
    for (const r of Array.isArray(c.residents) ? (c.residents as Json[]) : [])
      if (typeof r.personId === 'string') out.set(r.personId, MARKERS.person);
    for (const b of Array.isArray(c.beds) ? c.beds : []) if (typeof b === 'string') out.set(b, MARKERS.bed);
  }
  // What the institution itself wrote in its claim is its own to read, whoever else uses the same string.
  for (const s of strings(own.content, new Set([own.claimId, own.institutionId]))) out.delete(s);
  return out;
}

/**
 * A function that redacts values for the institution that owns `own`.
 * @example redactorFor(member, state.members)(detail.explanation)
 */
export function redactorFor(own: Member, partition: readonly Member[]): <T>(value: T) => T {
  const foreign = foreignIds(own, partition);
  const walk = (value: unknown, key: string | undefined): unknown => {
    if (key !== undefined && STRUCTURAL.has(key)) return value;
    if (typeof value === 'string') return foreign.get(value) ?? value;
    if (Array.isArray(value)) {
      const mapped = value.map((v) => walk(v, undefined));
      const markers = new Set<unknown>(Object.values(MARKERS));
      return mapped.filter((v, i) => !markers.has(v) || mapped.indexOf(v) === i);
    }
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return <T>(value: T) => (foreign.size === 0 ? value : (walk(value, undefined) as T));
}
