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
    expect(r.problems.map((p) => [p.line, p.column, p.claimId, p.field])).toEqual([
      [3, 'unitPrice', 'CS-1', 'lines[1].unitPrice'],
      [5, 'claimId', null, ''],
      [6, 'institutionId', 'CS-2', 'institutionId'],
      [6, 'periodTo', 'CS-2', 'period.to'],
    ]);
    expect(r.problems[0]?.messageZh).toBe('单价须为字符串，最多六位小数');
  });

  it('names a missing header column', () => {
    const r = checkClaimsCsv('claimId,personId\nCS-1,P1\n', 'INST-A', NOW);
    expect(r.problems.map((p) => p.message)).toContain(
      'CSV header lacks column institutionId (expected claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice,checkIn,checkOut)',
    );
    expect(r.claims).toEqual([]);
  });

  it('knows the visit columns and family-care rows, each problem on its line and column', () => {
    const csv = [
      `${HEADER},checkIn,checkOut`,
      'HV-1,INST-A,P001,,home-visit,2026-03-01,2026-03-31,HV-BATH,2026-03-05,1,,,60.00,2026-03-05T09:00:00+08:00,2026-03-05T08:00:00+08:00',
      'HV-1,INST-A,P001,,home-visit,2026-03-01,2026-03-31,HV-MED,2026-03-06,1,,,40.00,2026-03-06T09:00:00+08:00,',
      'FC-1,INST-A,P001,,family-care,2026-03-01,2026-03-31,,,,2026-03-01,2026-03-14,,,',
      'FC-1,INST-A,P001,,family-care,2026-03-01,2026-03-31,,2026-03-10,,,,,,',
    ].join('\n');
    const r = checkClaimsCsv(csv, 'INST-A', NOW);
    expect(r.problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [2, 'checkOut', 'lines[0].visit.checkOut'],
      [3, 'checkOut', ''],
      [5, 'date', 'days[1]'],
    ]);
    expect(r.claims.map((c) => c.csvLines)).toEqual([[2], [4, 5]]);
  });
});
