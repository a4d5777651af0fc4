/**
 * What a proposed policy would change, before anyone publishes it: the same scenario replayed under
 * its own policy and under the proposal, side by side — per institution, claim kind and service month
 * the fund before and after and how many claims move — and the claims that move most, each with the
 * fields of its explanation that changed. Pure: nothing is written, no clock is read.
 *
 * The proposal is a partial policy deep-merged onto the scenario's own policy (so it names only what
 * it changes), either for every date (`{ "ltc": { … } }`) or from an effective date, as a bureau
 * publishes a version (`{ "effectiveFrom": "2026-03-16", "policy": { … } }`); before that date the
 * scenario's own policy still decides (DOMAIN.md §2: the version in force on the service date).
 */
import type { Claim } from './claims.ts';
import { type Day, formatDay, monthOf, parseDate } from './dates.ts';
import { changesBetween } from './diff.ts';
import type { Engine } from './engine.ts';
import { PolicyError, ScenarioError } from './errors.ts';
import { type Dec, fmt, ZERO } from './money.ts';
import { PolicyBook, parsePolicy } from './policy/policy.ts';
import { type ClaimEntry, replay } from './replay.ts';
import { oneLine } from './validation.ts';

export interface Proposal {
  /** From this day on the proposal decides; absent: every date. */
  readonly effectiveFrom?: Day;
  readonly override: Record<string, unknown>;
}

export interface WhatIfRow {
  readonly institutionId: string;
  readonly kind: string;
  /** The service month: a care claim's period start, an admission, an acceptance, an operating month. */
  readonly month: string;
  readonly claims: number;
  readonly fundBefore: string;
  readonly fundAfter: string;
  readonly difference: string;
  readonly moved: number;
}

export interface MovedClaim {
  readonly claimId: string;
  readonly institutionId: string;
  readonly kind: string;
  readonly month: string;
  readonly statusBefore: string;
  readonly statusAfter: string;
  readonly fundBefore: string;
  readonly fundAfter: string;
  readonly difference: string;
  /** Why it moved: the explanation's fields that changed, each over the days, beds or residents it changed on. */
  readonly why: readonly MovedField[];
}

/**
 * One field of a claim's explanation that the proposal changed. A field of the days (care), beds
 * (construction) or residents (operating) is `items.<field>`, with how many items it changed on, the
 * first and last of them (a date, bed or person) and the values on the first; a claim's own facts
 * (a medical episode's deductible, a budget) are named as they are (`facts.deductibleApplied`).
 */
export interface MovedField {
  readonly path: string;
  readonly items?: number;
  readonly first?: string;
  readonly last?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface WhatIfReport {
  readonly proposal: { readonly policyId: string; readonly effectiveFrom: string | null };
  readonly rows: readonly WhatIfRow[];
  readonly totals: Omit<WhatIfRow, 'institutionId' | 'kind' | 'month'>;
  readonly moved: readonly MovedClaim[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a proposal file's document; throws a ScenarioError naming the bad field.
 * @example parseProposal({ effectiveFrom: '2026-03-16', policy: {} }).effectiveFrom // day('2026-03-16')
 */
export function parseProposal(doc: unknown): Proposal {
  if (!isObject(doc)) throw new ScenarioError('proposal: must be a JSON object');
  if (!('policy' in doc) && !('effectiveFrom' in doc)) return { override: doc };
  if (!isObject(doc.policy)) throw new ScenarioError('proposal.policy: must be an object (a partial policy)');
  if (doc.effectiveFrom === undefined) return { override: doc.policy };
  const effectiveFrom = typeof doc.effectiveFrom === 'string' ? parseDate(doc.effectiveFrom) : undefined;
  if (effectiveFrom === undefined) throw new ScenarioError('proposal.effectiveFrom: must be a calendar date YYYY-MM-DD');
  return { effectiveFrom, override: doc.policy };
}

/** The month a claim's service falls in, for the report's rows. */
function serviceMonth(c: Claim): string {
  switch (c.kind) {
    case 'care-service':
      return monthOf(c.period.from);
    case 'medical-settlement':
      return monthOf(c.admittedOn);
    case 'construction-subsidy':
      return monthOf(c.acceptedOn);
    case 'operating-subsidy':
      return c.month;
  }
}

/**
 * Replays `scenario` under its own policy and under `proposal`, and compares.
 * @example whatIf(scenario, { ltc: { dailyCap: { institutional: { '4': '70.00' } } } }).totals.difference // '217.00'
 */
export function whatIf(scenario: unknown, proposal: unknown, options: { examples?: number } = {}): WhatIfReport {
  const before = replay(scenario);
  const p = parseProposal(proposal);
  const current = parsePolicy(isObject(scenario) && isObject(scenario.policy) ? scenario.policy : {});
  let proposed: ReturnType<typeof parsePolicy>;
  try {
    proposed = parsePolicy(p.override, current);
  } catch (e) {
    if (e instanceof PolicyError)
      throw new ScenarioError(oneLine(p.effectiveFrom ? 'proposal.policy' : 'proposal', e.errors), { cause: e });
    throw e;
  }
  const book =
    p.effectiveFrom === undefined
      ? PolicyBook.single(proposed)
      : new PolicyBook([
          { effectiveFrom: '1970-01-01', document: current },
          { effectiveFrom: formatDay(p.effectiveFrom), document: proposed },
        ]);
  const after = replay(scenario, { policy: book });

  const rows = new Map<
    string,
    { institutionId: string; kind: string; month: string; claims: number; before: Dec; after: Dec; moved: number }
  >();
  const moved: { id: string; claim: Claim; a: ClaimEntry; b: ClaimEntry; difference: Dec }[] = [];
  before.output.claims.forEach((b, i) => {
    const a = after.output.claims[i] as ClaimEntry;
    if (b.status === 'invalid') return;
    const id = String(b.claimId);
    const claim = before.engine.claim(id) as Claim;
    const month = serviceMonth(claim);
    const key = JSON.stringify([claim.institutionId, claim.kind, month]);
    const row = rows.get(key) ?? {
      institutionId: claim.institutionId,
      kind: claim.kind,
      month,
      claims: 0,
      before: ZERO,
      after: ZERO,
      moved: 0,
    };
    const fb = fundOf(before.engine, id);
    const fa = fundOf(after.engine, id);
    const changed = !fb.eq(fa) || b.status !== a.status;
    rows.set(key, {
      ...row,
      claims: row.claims + 1,
      before: row.before.plus(fb),
      after: row.after.plus(fa),
      moved: row.moved + (changed ? 1 : 0),
    });
    if (changed) moved.push({ id, claim, a, b, difference: fa.minus(fb) });
  });

  const sorted = [...rows.values()].sort((x, y) => cmp(x.institutionId, y.institutionId) || cmp(x.kind, y.kind) || cmp(x.month, y.month));
  const total = sorted.reduce(
    (t, r) => ({ claims: t.claims + r.claims, before: t.before.plus(r.before), after: t.after.plus(r.after), moved: t.moved + r.moved }),
    { claims: 0, before: ZERO, after: ZERO, moved: 0 },
  );
  const examples = moved
    .sort((x, y) => y.difference.abs().cmp(x.difference.abs()) || cmp(x.id, y.id))
    .slice(0, options.examples ?? 3)
    .map((m) => movedClaim(m, before.engine, after.engine));
  return {
    proposal: { policyId: proposed.policyId, effectiveFrom: p.effectiveFrom === undefined ? null : formatDay(p.effectiveFrom) },
    rows: sorted.map((r) => ({
      institutionId: r.institutionId,
      kind: r.kind,
      month: r.month,
      claims: r.claims,
      fundBefore: fmt(r.before),
      fundAfter: fmt(r.after),
      difference: fmt(r.after.minus(r.before)),
      moved: r.moved,
    })),
    totals: {
      claims: total.claims,
      fundBefore: fmt(total.before),
      fundAfter: fmt(total.after),
      difference: fmt(total.after.minus(total.before)),
      moved: total.moved,
    },
    moved: examples,
  };
}

/** Claim ids and institution ids compare as plain strings (DOMAIN.md §2). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const fundOf = (engine: Engine, id: string): Dec => engine.outcome(id)?.fund ?? ZERO;

const MAX_FIELDS = 12;

function movedClaim(
  m: { id: string; claim: Claim; a: ClaimEntry; b: ClaimEntry; difference: Dec },
  before: Engine,
  after: Engine,
): MovedClaim {
  // As JSON, so amounts compare as the strings the replay prints.
  const explained = (engine: Engine) => JSON.parse(JSON.stringify(engine.explain(m.id)?.explanation ?? {}));
  return {
    claimId: m.id,
    institutionId: m.claim.institutionId,
    kind: m.claim.kind,
    month: serviceMonth(m.claim),
    statusBefore: String(m.b.status),
    statusAfter: String(m.a.status),
    fundBefore: String(m.b.fundAmount),
    fundAfter: String(m.a.fundAmount),
    difference: fmt(m.difference),
    why: whyMoved(explained(before), explained(after)).slice(0, MAX_FIELDS),
  };
}

type Explained = { items?: Record<string, unknown>[] } & Record<string, unknown>;

/** The item a date, bed or resident names, for a clerk. */
const itemLabel = (item: Record<string, unknown> | undefined, i: number) =>
  String(item?.date ?? item?.bed ?? item?.personId ?? `#${i + 1}`);

/**
 * The fields that changed between two explanations of one claim, item fields grouped over the items
 * they changed on. What a rule saw repeats the facts beside it, so a rule shows only when it now holds
 * or fails (`rules[BUDGET_EXHAUSTED].held`); a day's units only when nothing else of the day changed.
 * @example whyMoved({ items: [{ date: '2026-03-16', paid: '42.00' }] }, { items: [{ date: '2026-03-16', paid: '49.00' }] })
 * // [{ path: 'items.paid', items: 1, first: '2026-03-16', last: '2026-03-16', before: '42.00', after: '49.00' }]
 */
export function whyMoved(before: Explained, after: Explained): MovedField[] {
  const { items: itemsBefore = [], ...restBefore } = before;
  const { items: itemsAfter = [], ...restAfter } = after;
  const byField = new Map<string, { items: number; first: string; last: string; before?: unknown; after?: unknown }>();
  for (let i = 0; i < Math.max(itemsBefore.length, itemsAfter.length); i++) {
    const label = itemLabel(itemsAfter[i] ?? itemsBefore[i], i);
    for (const c of readable(itemsBefore[i], itemsAfter[i])) {
      const path = `items.${c.path.replace(/\[\d+\]/g, '[]')}`;
      const seen = byField.get(path);
      if (seen) byField.set(path, { ...seen, items: seen.items + 1, last: label });
      else byField.set(path, { items: 1, first: label, last: label, ...value(c) });
    }
  }
  return [...readable(restBefore, restAfter), ...[...byField.entries()].map(([path, f]) => ({ path, ...f }))];
}

const RULE_DETAIL = /(^|\.)(rules|claimRules)\[\d+\]\.(saw\.|rule$)|(^|\.)units\[/;
const RULE_HELD = /^(.*?(?:rules|claimRules))\[(\d+)\]\.held$/;

/** The changes a clerk reads: rule details dropped (unless they are all that changed), rules named. */
function readable(before: unknown, after: unknown): { path: string; before?: unknown; after?: unknown }[] {
  const all = changesBetween(before, after);
  const kept = all.filter((c) => !RULE_DETAIL.test(c.path));
  return (kept.length > 0 ? kept : all).map((c) => {
    const held = RULE_HELD.exec(c.path);
    if (!held) return c;
    const rule = (at(after, `${held[1]}[${held[2]}]`) ?? at(before, `${held[1]}[${held[2]}]`)) as { rule?: string } | undefined;
    return { ...c, path: `${held[1]}[${rule?.rule ?? held[2]}].held` };
  });
}

/** The value at a path as changesBetween names it (`facts.rules[1]`). */
function at(doc: unknown, path: string): unknown {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '')
    .reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), doc);
}

const value = (c: { before?: unknown; after?: unknown }) => ({
  ...(c.before !== undefined ? { before: c.before } : {}),
  ...(c.after !== undefined ? { after: c.after } : {}),
});
