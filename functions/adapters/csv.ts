/**
 * CSV as Chinese banks, billing systems and Excel write and read it, through `csv-parse` and
 * `csv-stringify`: UTF-8 with or without a BOM, CRLF, LF or CR line ends, RFC 4180 quoting (quotes may
 * span lines, `""` is a quote). Each record keeps the line it starts on, 1-based, so an error can
 * name the line a clerk sees in a text editor.
 *
 * Read by the disbursement import (functions/finance) and by claims as CSV (`ltc submit`, the
 * console's upload); written for the month statement's Excel export.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface CsvRecord {
  /** The line the record starts on, 1-based. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** Why the text stops being CSV, at which line (a quote never closed, text after a closing quote); the reader adds the line to its message. */
export interface CsvProblem {
  readonly line: number;
  readonly message: string;
  readonly messageZh: string;
}

export interface CsvText {
  /** Every record up to the first problem. */
  readonly records: CsvRecord[];
  readonly problem?: CsvProblem;
}

/**
 * Line ends are made LF before parsing (a CR LF inside a quoted field reads as LF), so that one line
 * end is one line whatever the file mixes. Whitespace around a quoted field is dropped (` "a" ` is
 * `a`), a quote inside an unquoted field is text, and rows may differ in length: the readers say
 * which row has the wrong number of fields.
 */
const OPTIONS = {
  record_delimiter: '\n',
  relax_column_count: true,
  relax_quotes: true,
  ltrim: true,
  rtrim: true,
  skip_empty_lines: false,
} as const;

function problemAt(line: number, e: CsvError): CsvProblem {
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    return { line, message: 'a quoted field is never closed', messageZh: '引号未闭合' };
  }
  return { line, message: 'a closing quote must end its field (a comma or a line end next)', messageZh: '引号闭合后只能是逗号或换行' };
}

/**
 * The records of CSV text, up to the first line that is not CSV. A leading BOM is dropped; blank lines
 * are records of one empty field (see `isBlankRecord`), so line numbers stay exact.
 * @example readCsv('\uFEFFa,"b ""q"""\r\n1,2\n').records.map((r) => [r.line, ...r.fields]) // [[1, 'a', 'b "q"'], [2, '1', '2']]
 */
export function readCsv(input: string): CsvText {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let ended = 0;
  try {
    parse(text, {
      ...OPTIONS,
      on_record: (fields, context) => {
        records.push({ line: ended + 1, fields });
        // context.lines is the line the record ends on; the next record starts on the line after it.
        ended = context.lines;
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? ended + 1 : ((e as CsvError & { lines?: number }).lines ?? ended + 1);
    return { records, problem: problemAt(line, e) };
  }
  return { records };
}

/** A record with nothing but whitespace in its fields (a blank line, or `,,,`). */
export const isBlankRecord = (r: CsvRecord): boolean => r.fields.every((f) => f.trim() === '');

/** A text cell Excel would read as a formula (`=`, `+`, `-`, `@`, tab, CR first) and that is not a number. */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * CSV for Excel: a UTF-8 BOM, CRLF line ends, a field quoted when it holds a comma, a quote or a line
 * break, and a text cell that Excel would run as a formula prefixed with `'` so it shows as typed.
 * @example writeCsv([['机构编码', '金额'], ['INST-A', '-1.00'], ['=1+1']]) // '\uFEFF机构编码,金额\r\nINST-A,-1.00\r\n\'=1+1\r\n'
 */
export function writeCsv(rows: readonly (readonly (string | number)[])[]): string {
  return stringify(
    rows.map((r) => [...r]),
    {
      bom: true,
      record_delimiter: '\r\n',
      quoted_match: /[\r\n]/,
      cast: { string: (v: string) => (FORMULA.test(v) && !NUMBER.test(v) ? `'${v}` : v) },
    },
  );
}
