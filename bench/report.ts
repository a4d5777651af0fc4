/** Per-claim figures from a local run, shared by the local and cost benchmarks. */
import type { RunResult } from './local-run.ts';

export interface PerClaim {
  readonly ddbReportedRcu: number;
  readonly ddbReportedWcu: number;
  /** By the documented rules (see meter.ts): what the cost figures use. */
  readonly rcu: number;
  readonly wcu: number;
  readonly submitWcu: number;
  readonly submitRcu: number;
  readonly transactions: number;
  readonly transactItems: number;
  readonly adjudicatorInvocations: number;
  readonly submitInvocations: number;
  readonly sqsBilled: number;
  readonly sqsByCall: Record<string, number>;
  readonly emptyReceives: number;
  readonly handlerMs: number;
  readonly ddbCalls: Record<string, number>;
}

export function perClaim(r: RunResult): PerClaim {
  const m = r.meter;
  const n = r.claims;
  let reportedRcu = 0;
  let reportedWcu = 0;
  let standardWcu = 0;
  let submitWcu = 0;
  let submitRcu = 0;
  const ddbCalls: Record<string, number> = {};
  for (const [key, t] of m.ddb) {
    reportedRcu += t.reportedRcu;
    reportedWcu += t.reportedWcu;
    if (!key.endsWith('TransactWriteItems')) standardWcu += t.reportedWcu;
    if (key.startsWith('submit')) {
      submitWcu += t.reportedWcu;
      submitRcu += t.reportedRcu;
    }
    ddbCalls[key] = t.calls / n;
  }
  const sqsByCall: Record<string, number> = {};
  let sqsBilled = 0;
  for (const [key, t] of m.sqs) {
    if (key.startsWith('bench')) continue;
    sqsByCall[key] = t.billed / n;
    sqsBilled += t.billed;
  }
  return {
    ddbReportedRcu: reportedRcu / n,
    ddbReportedWcu: reportedWcu / n,
    rcu: reportedRcu / n,
    wcu: (standardWcu + m.transactWcu) / n,
    submitWcu: submitWcu / n,
    submitRcu: submitRcu / n,
    transactions: m.transactions / n,
    transactItems: m.transactItems / Math.max(1, m.transactions),
    adjudicatorInvocations: m.invocations / n,
    submitInvocations: r.requests / n,
    sqsBilled: sqsBilled / n,
    sqsByCall,
    emptyReceives: m.emptyReceives,
    handlerMs: m.handlerMs / Math.max(1, m.invocations),
    ddbCalls,
  };
}

export const f = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
export const int = (x: number) => Math.round(x).toLocaleString('en');

export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}
