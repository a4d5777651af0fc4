import { describe, expect, it } from 'vitest';
import { isBlankRecord, splitCsv } from '../../functions/adapters/csv.ts';

describe('splitCsv', () => {
  it('drops the BOM, takes CRLF and LF, and keeps the line each record starts on', () => {
    const records = splitCsv('\uFEFFa,b\r\n1,2\n\n3,4');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['']],
      [4, ['3', '4']],
    ]);
    expect(records.map(isBlankRecord)).toEqual([false, false, true, false]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, counting the lines inside them', () => {
    const records = splitCsv('name,note\n"A, Ltd","say ""hi""\nsecond line"\nB,x\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['name', 'note']],
      [2, ['A, Ltd', 'say "hi"\nsecond line']],
      [4, ['B', 'x']],
    ]);
  });

  it('marks a last record whose quote is never closed', () => {
    const records = splitCsv('a\n"open\n');
    expect(records.at(-1)).toEqual({ line: 2, fields: ['open\n'], unterminated: true });
  });
});
