import { describe, expect, it } from 'vitest';
import { isBlankRecord, readCsv, writeCsv } from '../../functions/adapters/csv.ts';

describe('readCsv', () => {
  it('drops the BOM, takes CRLF and LF, and keeps the line each record starts on', () => {
    const { records } = readCsv('\uFEFFa,b\r\n1,2\n\n3,4');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['']],
      [4, ['3', '4']],
    ]);
    expect(records.map(isBlankRecord)).toEqual([false, false, true, false]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, counting the lines inside them', () => {
    const { records } = readCsv('name,note\n"A, Ltd","say ""hi""\nsecond line"\nB,x\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['name', 'note']],
      [2, ['A, Ltd', 'say "hi"\nsecond line']],
      [4, ['B', 'x']],
    ]);
  });

  it('counts a CR LF inside a quoted field as one line, and a lone CR as a line end', () => {
    const { records } = readCsv('a,b\r\n"q\r\nq",2\r\n3,4\r5,6');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['q\nq', '2']],
      [4, ['3', '4']],
      [5, ['5', '6']],
    ]);
  });

  it('drops whitespace around a quoted field and keeps a quote inside an unquoted one', () => {
    expect(readCsv('a,b\n  "x, y" ,z"w\n').records[1]?.fields).toEqual(['x, y', 'z"w']);
  });

  it('names the line a quote that is never closed opens on, with the records before it', () => {
    const { records, problem } = readCsv('a\n"open\nmore\n');
    expect(records.map((r) => r.line)).toEqual([1]);
    expect(problem).toEqual({ line: 2, message: 'a quoted field is never closed', messageZh: '引号未闭合' });
  });

  it('names the line where text follows a closing quote', () => {
    const { records, problem } = readCsv('a,b\n1,2\n"x"y,2\n');
    expect(records.map((r) => r.line)).toEqual([1, 2]);
    expect(problem?.line).toBe(3);
    expect(problem?.messageZh).toBe('引号闭合后只能是逗号或换行');
  });
});

describe('writeCsv', () => {
  it('writes a BOM and CRLF, quotes commas, quotes and line breaks, and keeps formulas from running', () => {
    expect(writeCsv([['机构', 'a,b', 'say "hi"', 'x\ny'], [], ['=1+1', '-1.00', '+x', 3]])).toBe(
      '\uFEFF机构,"a,b","say ""hi""","x\ny"\r\n\r\n\'=1+1,-1.00,\'+x,3\r\n',
    );
  });

  it('reads back what it wrote', () => {
    const rows = [
      ['paymentId', 'note'],
      ['P-1', 'a, "b"\r\nc'],
    ];
    expect(readCsv(writeCsv(rows)).records.map((r) => r.fields)).toEqual([
      ['paymentId', 'note'],
      ['P-1', 'a, "b"\nc'],
    ]);
  });
});
