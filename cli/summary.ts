/**
 * A readable summary of adjudicated claims for a terminal: claims by status, fund totals by kind and
 * institution, the review queue and the adjustments. Used by `ltc demo` and the local stack.
 */
import { Dec } from '../domain/money.ts';

export interface SummaryClaim {
  readonly claimId: string | null;
  readonly kind: string | null;
  readonly institutionId?: string | null;
  readonly status: string;
  readonly fundAmount: string;
  readonly reasonCodes: readonly string[];
}

export interface SummaryAdjustment {
  readonly claimId: string;
  readonly amount: string;
  readonly triggeredBy: string;
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const lpad = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;

/** Columns padded to their widest cell; `rightAligned` names the columns of amounts. */
export function table(rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? [];
  return rows
    .map((r) => `  ${r.map((c, i) => (rightAligned.has(i) ? lpad(c, widths[i] ?? 0) : pad(c, widths[i] ?? 0))).join('  ')}`)
    .join('\n');
}

/**
 * Renders the summary as text.
 * @example renderSummary('March', claims, adjustments) // 'March\n  claims by status …'
 */
export function renderSummary(title: string, claims: readonly SummaryClaim[], adjustments: readonly SummaryAdjustment[]): string {
  const out: string[] = [title];
  const byStatus = new Map<string, number>();
  for (const c of claims) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  out.push(
    '  claims by status',
    table(
      [...byStatus.entries()].sort().map(([s, n]) => [`  ${s}`, String(n)]),
      new Set([1]),
    ),
  );

  const totals = new Map<string, Dec>();
  for (const c of claims) {
    if (c.status === 'invalid') continue;
    const key = `${c.kind ?? '?'}\u0000${c.institutionId ?? '-'}`;
    totals.set(key, (totals.get(key) ?? new Dec(0)).plus(c.fundAmount));
  }
  const total = [...totals.values()].reduce((s, v) => s.plus(v), new Dec(0));
  out.push(
    '  fund by kind and institution',
    table(
      [
        ...[...totals.entries()].sort().map(([k, v]) => {
          const [kind, inst] = k.split('\u0000');
          return [`  ${kind}`, inst ?? '-', v.toFixed(2)];
        }),
        ['  total', '', total.toFixed(2)],
      ],
      new Set([2]),
    ),
  );
  const review = claims.filter((c) => c.status === 'needs-review');
  out.push(`  review queue (${review.length})`);
  if (review.length > 0)
    out.push(
      table(
        review.map((c) => [`  ${c.claimId ?? ''}`, c.fundAmount, c.reasonCodes.join(', ')]),
        new Set([1]),
      ),
    );
  out.push(`  adjustments (${adjustments.length})`);
  if (adjustments.length > 0)
    out.push(
      table(
        adjustments.map((a) => [`  ${a.claimId}`, a.amount, `triggered by ${a.triggeredBy}`]),
        new Set([1]),
      ),
    );
  const invalid = claims.filter((c) => c.status === 'invalid');
  if (invalid.length > 0)
    out.push(
      `  invalid arrivals (${invalid.length}): ${invalid.map((c) => `${c.claimId ?? '(no id)'} ${c.reasonCodes.join(',')}`).join('; ')}`,
    );
  return out.join('\n');
}
