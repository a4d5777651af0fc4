/**
 * Checks a claims CSV before anything is sent: the file's own problems (functions/adapters/claims-csv.ts,
 * the reader `ltc submit` uses) and each claim against the domain's schemas, every problem on the CSV
 * line a clerk sees in a text editor, with the column to correct where one is to blame.
 */
import { validateClaim } from '../../../../domain/claims.ts';
import { type ClaimCsvColumn, type CsvClaim, csvPlaceOf, readClaimsCsv } from '../../../../functions/adapters/claims-csv.ts';

export interface LineProblem {
  readonly line: number;
  readonly column: ClaimCsvColumn | null;
  readonly claimId: string | null;
  readonly field: string;
  readonly message: string;
  readonly messageZh: string;
}

/**
 * A field error of a claim read from the file, on its CSV line and column.
 * @example placed(claim, { path: 'lines[0].visit.checkOut', … }).column // 'checkOut'
 */
export function placed(c: CsvClaim, e: { path: string; message: string; messageZh: string }): LineProblem {
  const { line, column } = csvPlaceOf(c, e.path);
  return { line, column: column ?? null, claimId: String(c.claim.claimId), field: e.path, message: e.message, messageZh: e.messageZh };
}

/**
 * `now` stands in for the submission instant while checking (the server records the real one; an
 * empty `submittedAt` column is not sent).
 * @example checkClaimsCsv(text, 'INST-A', '2026-04-02T09:00:00+08:00').problems.length // 0 for a clean file
 */
export function checkClaimsCsv(text: string, institutionId: string, now: string) {
  const { claims, problems: read } = readClaimsCsv(text);
  const problems: LineProblem[] = read.map((p) => ({
    line: p.line,
    column: p.column ?? null,
    claimId: null,
    field: '',
    message: p.message,
    messageZh: p.messageZh,
  }));
  for (const c of claims) {
    if (c.claim.institutionId !== institutionId) {
      problems.push(
        placed(c, {
          path: 'institutionId',
          message: `must be your institution ${institutionId}`,
          messageZh: `须为本机构 ${institutionId}`,
        }),
      );
    }
    const v = validateClaim(c.claim.submittedAt === undefined ? { ...c.claim, submittedAt: now } : c.claim);
    if (!v.ok) for (const e of v.errors) problems.push(placed(c, e));
  }
  problems.sort((a, b) => a.line - b.line);
  return { claims, problems, lines: claims.reduce((n, c) => n + c.csvLines.length, 0) };
}
