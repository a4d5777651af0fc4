/**
 * Reads a disbursement file as exported by Chinese banks and Excel: UTF-8 with or without a BOM,
 * CRLF or LF line ends, RFC 4180 quoting, the header `paymentId,institutionId,month,amount,paidOn`
 * (any column order). Each data row keeps its CSV line number (the header is line 1), so every
 * error names the line a clerk sees in a text editor. Blank lines are skipped.
 */
import { isBlankRecord, readCsv } from '../adapters/csv.ts';

export const DISBURSEMENT_COLUMNS = ['paymentId', 'institutionId', 'month', 'amount', 'paidOn'] as const;

export interface CsvRow {
  /** The CSV line the row starts on, 1-based, the header being line 1. */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * @example parseDisbursementCsv('\uFEFFpaymentId,institutionId,month,amount,paidOn\r\nP1,INST-A,2026-03,1.00,2026-04-01\r\n').rows[0].line // 2
 */
export function parseDisbursementCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
  const { records, problem } = readCsv(text);
  const problems: CsvProblem[] = [];
  const header = records.find((r) => !isBlankRecord(r));
  if (!header && problem) return { rows: [], problems: [{ line: problem.line, message: problem.message }] };
  if (!header)
    return { rows: [], problems: [{ line: 1, message: `the file is empty; expected the header ${DISBURSEMENT_COLUMNS.join(',')}` }] };
  const names = header.fields.map((f) => f.trim());
  const missing = DISBURSEMENT_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(DISBURSEMENT_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length > 0 || unknown.length > 0 || repeated.length > 0) {
    const parts = [
      missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown column(s) ${unknown.join(', ')}` : '',
      repeated.length > 0 ? `repeated column(s) ${[...new Set(repeated)].join(', ')}` : '',
    ].filter((p) => p !== '');
    problems.push({ line: header.line, message: `header: ${parts.join('; ')}; expected ${DISBURSEMENT_COLUMNS.join(',')}` });
    return { rows: [], problems };
  }
  const rows: CsvRow[] = [];
  for (const r of records) {
    if (r === header || r.line < header.line || isBlankRecord(r)) continue;
    if (r.fields.length !== names.length)
      problems.push({ line: r.line, message: `has ${r.fields.length} field(s); the header has ${names.length}` });
    rows.push({ line: r.line, values: Object.fromEntries(names.map((n, i) => [n, (r.fields[i] ?? '').trim()])) });
  }
  if (problem) problems.push({ line: problem.line, message: problem.message });
  return { rows, problems };
}
