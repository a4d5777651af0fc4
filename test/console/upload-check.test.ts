import { describe, expect, it } from 'vitest';
import { checkClaimsCsv } from '../../console/src/pages/institution/upload-check.ts';

const HEADER = 'claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice';
const NOW = '2026-04-02T09:00:00+08:00';

describe('checking a claims CSV before it is sent', () => {
  it('finds nothing in a clean file, and leaves an empty submittedAt to the server', () => {
    const csv = `${HEADER}\nCS-1,INST-A,P001,,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,,,2026-03-01,2026-03-31,80.00\n`;
    const r = checkClaimsCsv(csv, 'INST-A', NOW);
    expect(r.problems).toEqual([]);
    expect(r.claims[0]?.claim).not.toHaveProperty('submittedAt');
    expect(r.lines).toBe(1);
  });

  it('lists every bad line on the line a text editor shows, not only the first', () => {
    const csv = [
      HEADER,
      'CS-1,INST-A,P001,,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,,,2026-03-01,2026-03-31,80.00',
      'CS-1,INST-A,P001,,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,,,2026-03-01,2026-03-31,8O.00',
      '',
      ',INST-A,P001,,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,,,2026-03-01,2026-03-31,80.00',
      'CS-2,INST-B,P002,,institutional,2026-03-01,2026-02-30,LTC-INST-DAY,2026-03-05,,,,40.00',
    ].join('\n');
    const r = checkClaimsCsv(csv, 'INST-A', NOW);
    expect(r.problems.map((p) => [p.line, p.claimId, p.field])).toEqual([
      [3, 'CS-1', 'lines[1].unitPrice'],
      [5, null, ''],
      [6, 'CS-2', 'institutionId'],
      [6, 'CS-2', 'period.to'],
    ]);
    expect(r.problems[0]?.messageZh).toBe('单价须为字符串，最多六位小数');
  });

  it('names a missing header column', () => {
    const r = checkClaimsCsv('claimId,personId\nCS-1,P1\n', 'INST-A', NOW);
    expect(r.problems.map((p) => p.message)).toContain(
      'CSV header lacks column institutionId (expected claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice)',
    );
    expect(r.claims).toEqual([]);
  });
});
