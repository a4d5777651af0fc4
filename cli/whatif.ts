/**
 * `ltc whatif SCENARIO.json --policy PROPOSAL.json [--examples N] [--table]`: the scenario under its
 * own policy and under a proposed one, side by side (domain/whatif.ts). JSON on stdout by default,
 * like `ltc replay`; `--table` prints the same for a terminal.
 */
import type { WhatIfReport } from '../domain/whatif.ts';
import { table } from './summary.ts';

/**
 * The report as text: the rows, the totals, then each moved claim and what changed in its explanation.
 * @example renderWhatIf(whatIf(scenario, proposal)) // 'what-if: demo-2026 → …'
 */
export function renderWhatIf(r: WhatIfReport): string {
  const from = r.proposal.effectiveFrom ? ` from ${r.proposal.effectiveFrom}` : ' for every date';
  const out = [`what-if: the proposal (${r.proposal.policyId})${from}, against the scenario's own policy`];
  out.push(
    table(
      [
        ['institution', 'kind', 'month', 'claims', 'fund before', 'fund after', 'difference', 'moved'],
        ...r.rows.map((x) => [
          x.institutionId,
          x.kind,
          x.month,
          String(x.claims),
          x.fundBefore,
          x.fundAfter,
          x.difference,
          String(x.moved),
        ]),
        ['total', '', '', String(r.totals.claims), r.totals.fundBefore, r.totals.fundAfter, r.totals.difference, String(r.totals.moved)],
      ],
      new Set([3, 4, 5, 6, 7]),
    ),
  );
  if (r.moved.length > 0) out.push('', `claims that move most (${r.moved.length} of ${r.totals.moved}):`);
  for (const m of r.moved) {
    const status = m.statusBefore === m.statusAfter ? m.statusAfter : `${m.statusBefore} → ${m.statusAfter}`;
    out.push(`  ${m.claimId} (${m.institutionId}, ${m.kind}, ${m.month}): ${m.fundBefore} → ${m.fundAfter} (${m.difference}), ${status}`);
    const shown = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
    for (const f of m.why) {
      const where = f.items === undefined ? '' : f.items === 1 ? ` on ${f.first}` : ` on ${f.items} (${f.first} … ${f.last})`;
      out.push(`    ${f.path}${where}: ${shown(f.before)} → ${shown(f.after)}`);
    }
  }
  return out.join('\n');
}
