/**
 * CSV as Chinese banks, billing systems and Excel write it: UTF-8 with or without a BOM, CRLF or LF
 * line ends, RFC 4180 quoting (quotes may span lines, `""` is a quote). Each record keeps the line it
 * starts on, 1-based, so an error can name the line a clerk sees in a text editor.
 *
 * Shared by the disbursement import (functions/finance) and `ltc submit` of claims as CSV (cli/).
 */

export interface CsvRecord {
  /** The line the record starts on, 1-based. */
  readonly line: number;
  readonly fields: readonly string[];
  /** True for a last record whose quoted field is never closed. */
  readonly unterminated: boolean;
}

/**
 * Splits CSV text into records. A leading BOM is dropped; blank lines are records of one empty field
 * (see `isBlankRecord`), so line numbers stay exact.
 * @example splitCsv('\uFEFFa,"b ""q"""\r\n1,2\n').map((r) => [r.line, ...r.fields]) // [[1, 'a', 'b "q"'], [2, '1', '2']]
 */
export function splitCsv(input: string): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: start, fields, unterminated: false });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) {
    fields.push(field);
    records.push({ line: start, fields, unterminated: true });
  } else if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** A record with nothing but whitespace in its fields (a blank line, or `,,,`). */
export const isBlankRecord = (r: CsvRecord): boolean => r.fields.every((f) => f.trim() === '');
