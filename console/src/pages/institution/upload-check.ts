/**
 * Checks a claims CSV before anything is sent: the file's own problems (functions/adapters/claims-csv.ts,
 * the reader `ltc submit` uses) and each claim against the domain's schemas, every problem on the CSV
 * line a clerk sees in a text editor.
 */
import { validateClaim } from '../../../../domain/claims.ts';
import { type CsvClaim, readClaimsCsv } from '../../../../functions/adapters/claims-csv.ts';

export interface LineProblem {
  readonly line: number;
  readonly claimId: string | null;
  readonly field: string;
  readonly message: string;
  readonly messageZh: string;
}

/** The CSV line a field error of a claim points at: its line's row for `lines[i]…`, else the claim's first row. */
export function lineOf(c: CsvClaim, path: string): number {
  const i = /^lines\[(\d+)\]/.exec(path)?.[1];
  return (i !== undefined ? c.csvLines[Number(i)] : undefined) ?? c.csvLines[0] ?? 1;
}

/**
 * `now` stands in for the submission instant while checking (the server records the real one; an
 * empty `submittedAt` column is not sent).
 * @example checkClaimsCsv(text, 'INST-A', '2026-04-02T09:00:00+08:00').problems.length // 0 for a clean file
 */
export function checkClaimsCsv(text: string, institutionId: string, now: string) {
  const { claims, problems: read } = readClaimsCsv(text);
  const problems: LineProblem[] = read.map((p) => ({ line: p.line, claimId: null, field: '', message: p.message, messageZh: p.messageZh }));
  for (const c of claims) {
    const claimId = String(c.claim.claimId);
    if (c.claim.institutionId !== institutionId) {
      problems.push({
        line: c.csvLines[0] ?? 1,
        claimId,
        field: 'institutionId',
        message: `must be your institution ${institutionId}`,
        messageZh: `须为本机构 ${institutionId}`,
      });
    }
    const v = validateClaim(c.claim.submittedAt === undefined ? { ...c.claim, submittedAt: now } : c.claim);
    if (!v.ok)
      for (const e of v.errors)
        problems.push({ line: lineOf(c, e.path), claimId, field: e.path, message: e.message, messageZh: e.messageZh });
  }
  problems.sort((a, b) => a.line - b.line);
  return { claims, problems, lines: claims.reduce((n, c) => n + c.csvLines.length, 0) };
}
