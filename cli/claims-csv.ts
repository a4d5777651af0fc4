/**
 * `ltc submit claims.csv`: the claims of a CSV file (functions/adapters/claims-csv.ts reads the
 * format); the first line it cannot read stops the command with its line number.
 */
import { readClaimsCsv } from '../functions/adapters/claims-csv.ts';

/**
 * Care-service claims from CSV rows; throws with the line number of a row it cannot read.
 * @example claimsFromCsv('claimId,…\nCS-1,INST-A,…')[0].lines.length // 1
 */
export function claimsFromCsv(text: string): Record<string, unknown>[] {
  const { claims, problems } = readClaimsCsv(text);
  const first = problems[0];
  if (first) throw new Error(first.message);
  return claims.map((c) => c.claim);
}
