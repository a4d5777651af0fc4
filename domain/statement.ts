/**
 * The month statement (DOMAIN.md §10): the ledger built from a replay, one imported disbursement
 * file, and month closes, reconciled per institution for one month.
 */
import { compareInstants, formatDay, type Instant, parseDate, parseInstant, parseMonth, shanghaiDay } from './dates.ts';
import { ScenarioError } from './errors.ts';
import { entriesFor, type LedgerEntry, type MonthClose } from './ledger.ts';
import { type Dec, fmt, MONEY_PATTERN, money, ZERO } from './money.ts';
import { replay } from './replay.ts';

export type LineStatus = 'balanced' | 'unpaid' | 'underpaid' | 'overpaid' | 'unexpected-payment' | 'recoupment-due' | 'nil';

export interface Payment {
  readonly paymentId: string;
  readonly institutionId: string;
  readonly month: string;
  readonly amount: Dec;
  readonly paidOn: string;
}

export interface DisbursementError {
  readonly row: number;
  readonly paymentId: string | null;
  readonly message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates one disbursement file, all or nothing: any bad row rejects the whole file.
 * @example validateDisbursements([{ paymentId: 'P', institutionId: 'X', month: '2026-03', amount: '1.00', paidOn: '2026-04-01' }], new Set(['X'])).payments.length // 1
 */
export function validateDisbursements(
  rows: readonly unknown[],
  institutions: ReadonlySet<string>,
): { payments: Payment[]; errors: DisbursementError[] } {
  const errors: DisbursementError[] = [];
  const payments: Payment[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const problems: string[] = [];
    if (!isObject(row)) {
      errors.push({ row: i + 1, paymentId: null, message: 'row must be an object with paymentId, institutionId, month, amount, paidOn' });
      return;
    }
    const { paymentId, institutionId, month, amount, paidOn } = row;
    const id = typeof paymentId === 'string' && paymentId !== '' ? paymentId : null;
    if (id === null) problems.push('paymentId: missing or not a non-empty string');
    else if (seen.has(id)) problems.push(`paymentId: ${id} is used by an earlier row`);
    if (typeof institutionId !== 'string' || institutionId === '') problems.push('institutionId: missing or not a string');
    else if (!institutions.has(institutionId)) problems.push(`institutionId: unknown institution ${institutionId}`);
    if (typeof month !== 'string' || !parseMonth(month)) problems.push('month: must be YYYY-MM');
    if (typeof amount !== 'string' || !MONEY_PATTERN.test(amount) || money(amount).lessThanOrEqualTo(0))
      problems.push('amount: must be a positive money string such as "1218.00"');
    if (typeof paidOn !== 'string' || parseDate(paidOn) === undefined) problems.push('paidOn: must be a date YYYY-MM-DD');
    if (id !== null) seen.add(id);
    if (problems.length > 0)
      errors.push({ row: i + 1, paymentId: typeof paymentId === 'string' ? paymentId : null, message: problems.join('; ') });
    else
      payments.push({
        paymentId: id as string,
        institutionId: institutionId as string,
        month: month as string,
        amount: money(amount as string),
        paidOn: paidOn as string,
      });
  });
  return errors.length > 0 ? { payments: [], errors } : { payments, errors };
}

/**
 * A line's status from what was payable and what was paid.
 * @example lineStatus(money('10'), ZERO) // 'unpaid'
 */
export function lineStatus(payable: Dec, paid: Dec): LineStatus {
  if (payable.isZero()) return paid.isZero() ? 'nil' : 'unexpected-payment';
  if (payable.isNegative()) return paid.isZero() ? 'recoupment-due' : 'overpaid';
  if (paid.isZero()) return 'unpaid';
  if (paid.lessThan(payable)) return 'underpaid';
  return paid.equals(payable) ? 'balanced' : 'overpaid';
}

/**
 * Parses the scenario's `closes` (exit 2 on a malformed one).
 * @example parseCloses([{ month: '2026-03', at: '2026-04-20T18:00:00+08:00' }])[0]?.month // '2026-03'
 */
export function parseCloses(value: unknown): MonthClose[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ScenarioError('closes: must be an array');
  return value.map((c, i) => {
    if (!isObject(c) || typeof c.month !== 'string' || !parseMonth(c.month)) throw new ScenarioError(`closes[${i}].month: must be YYYY-MM`);
    const at = typeof c.at === 'string' ? parseInstant(c.at) : undefined;
    if (!at) throw new ScenarioError(`closes[${i}].at: must be an ISO-8601 timestamp with an offset`);
    return { month: c.month, at };
  });
}

/**
 * Builds the ledger of a scenario: every payable change of every arrival, at the replay clock.
 * @example scenarioLedger(doc, []).entries[0]?.accountingMonth // '2026-04'
 */
export function scenarioLedger(doc: Record<string, unknown>, closes: readonly MonthClose[]) {
  const result = replay(doc);
  const entries: LedgerEntry[] = [];
  let clock: Instant | undefined;
  for (const step of result.steps) {
    if (step.type === 'invalid') continue;
    if (!clock || compareInstants(step.claim.submitted, clock) > 0) clock = step.claim.submitted;
    if (step.type !== 'accepted') continue;
    entries.push(...entriesFor(step.changes, (id) => result.engine.claim(id) as never, step.claim.claimId, clock, closes));
  }
  return { result, entries };
}

/**
 * `ltc replay scenario.json --statement YYYY-MM`.
 * @example statement(scenario, '2026-03').totals.payable // '1218.00'
 */
export function statement(doc: unknown, month: string) {
  if (!parseMonth(month) || !/^\d{4}-\d{2}$/.test(month)) throw new ScenarioError(`month: ${month} must be YYYY-MM`);
  if (!isObject(doc)) throw new ScenarioError('scenario: must be a JSON object');
  if (doc.disbursements !== undefined && !Array.isArray(doc.disbursements)) throw new ScenarioError('disbursements: must be an array');
  const closes = parseCloses(doc.closes);
  const { result, entries } = scenarioLedger(doc, closes);
  const institutions = new Set(result.engine.ctx.registry.institutions.keys());
  const { payments, errors } = validateDisbursements((doc.disbursements as unknown[] | undefined) ?? [], institutions);

  const lines = new Map<string, { payable: Dec; paid: Dec; entries: number; priorPeriod: Dec }>();
  const line = (id: string) => {
    let l = lines.get(id);
    if (!l) {
      l = { payable: ZERO, paid: ZERO, entries: 0, priorPeriod: ZERO };
      lines.set(id, l);
    }
    return l;
  };
  let entryCount = 0;
  for (const e of entries) {
    if (e.accountingMonth !== month) continue;
    const l = line(e.institutionId);
    l.payable = l.payable.plus(e.amount);
    l.entries++;
    entryCount++;
    if (e.priorPeriod) l.priorPeriod = l.priorPeriod.plus(e.amount);
  }
  for (const p of payments) if (p.month === month) line(p.institutionId).paid = line(p.institutionId).paid.plus(p.amount);

  let payable = ZERO;
  let paid = ZERO;
  const rendered = [...lines.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([institutionId, l]) => {
      payable = payable.plus(l.payable);
      paid = paid.plus(l.paid);
      return {
        institutionId,
        payable: fmt(l.payable),
        paid: fmt(l.paid),
        difference: fmt(l.paid.minus(l.payable)),
        status: lineStatus(l.payable, l.paid),
        entries: l.entries,
        priorPeriod: fmt(l.priorPeriod),
      };
    });

  // Control: §9 entries (invalid arrivals included, exact re-deliveries not) submitted in the month.
  let claimsReceived = 0;
  let claimsDecided = 0;
  const raws = doc.claims as unknown[];
  result.steps.forEach((step, i) => {
    if (step.type === 'redelivery') return;
    const raw = raws[i];
    const ts = isObject(raw) && typeof raw.submittedAt === 'string' ? parseInstant(raw.submittedAt) : undefined;
    if (!ts || formatDay(shanghaiDay(ts)).slice(0, 7) !== month) return;
    claimsReceived++;
    if (step.type === 'accepted') claimsDecided++;
  });

  return {
    month,
    closed: closes.some((c) => c.month === month),
    lines: rendered,
    totals: { payable: fmt(payable), paid: fmt(paid), difference: fmt(paid.minus(payable)) },
    control: { claimsReceived, claimsDecided, entries: entryCount },
    disbursementErrors: errors,
  };
}
