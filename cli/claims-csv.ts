/**
 * `ltc submit claims.csv`: the claims of a CSV file (functions/adapters/claims-csv.ts reads the
 * format), checked with the domain's claim schemas before anything is sent, so that every problem
 * names its CSV line and column rather than a claim's index in the request.
 */
import { validateClaim } from '../domain/claims.ts';
import { type CsvLineProblem, csvPlaceOf, readClaimsCsv } from '../functions/adapters/claims-csv.ts';

/** At most this many problems in the error (the console's upload lists them all). */
const SHOWN = 20;

/**
 * Care-service claims from CSV rows; throws naming the CSV line (and column) of every problem.
 * `now` stands in for the submission instant of rows without `submittedAt` while checking (the
 * server records the real one, and nothing is sent for them).
 * @example claimsFromCsv('claimId,…\nCS-1,INST-A,…')[0].lines.length // 1
 */
export function claimsFromCsv(text: string, now = new Date().toISOString()): Record<string, unknown>[] {
  const { claims, problems } = readClaimsCsv(text);
  const all: CsvLineProblem[] = [...problems];
  for (const c of claims) {
    const v = validateClaim(c.claim.submittedAt === undefined ? { ...c.claim, submittedAt: now } : c.claim);
    if (v.ok) continue;
    for (const e of v.errors) {
      const { line, column } = csvPlaceOf(c, e.path);
      all.push({
        line,
        ...(column ? { column } : {}),
        message: `CSV line ${line}${column ? `, column ${column}` : ''}: claim ${String(c.claim.claimId)} ${e.path}: ${e.message}`,
        messageZh: `第 ${line} 行${column ? ` ${column} 列` : ''}：申报 ${String(c.claim.claimId)} ${e.path}：${e.messageZh}`,
      });
    }
  }
  if (all.length > 0) {
    all.sort((a, b) => a.line - b.line);
    const more = all.length > SHOWN ? `\n… and ${all.length - SHOWN} more` : '';
    throw new Error(
      all
        .slice(0, SHOWN)
        .map((p) => p.message)
        .join('\n') + more,
    );
  }
  return claims.map((c) => c.claim);
}
