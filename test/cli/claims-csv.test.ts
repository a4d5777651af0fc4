import { describe, expect, it } from 'vitest';
import { claimsFromCsv } from '../../cli/claims-csv.ts';
import { validateClaim } from '../../domain/claims.ts';

const HEADER = 'claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice';

describe('claimsFromCsv', () => {
  it('gathers the rows of one claimId into one care-service claim that validates', () => {
    const csv = [
      `\uFEFF${HEADER}`,
      'CS-1,INST-A,P001,2026-04-02T09:00:00+08:00,home-visit,2026-03-01,2026-03-31,HV-BATH,2026-03-03,2,,,45.00',
      '',
      'CS-1,INST-A,P001,2026-04-02T09:00:00+08:00,home-visit,2026-03-01,2026-03-31,HV-FEED,,,2026-03-01,2026-03-31,20.00',
      'CS-2,INST-A,P002,2026-04-02T09:00:00+08:00,institutional,2026-03-01,2026-03-31,IN-CARE,,,2026-03-01,2026-03-31,"120.00"',
    ].join('\r\n');
    const claims = claimsFromCsv(csv);
    expect(claims.map((c) => c.claimId)).toEqual(['CS-1', 'CS-2']);
    expect(claims[0]?.lines).toEqual([
      { serviceCode: 'HV-BATH', unitPrice: '45.00', date: '2026-03-03', quantity: 2 },
      { serviceCode: 'HV-FEED', unitPrice: '20.00', from: '2026-03-01', to: '2026-03-31' },
    ]);
    for (const c of claims) expect(validateClaim(c).ok).toBe(true);
  });

  it('keeps a quantity that is not a whole number as text, so validation names the field', () => {
    const [claim] = claimsFromCsv(
      `${HEADER}\nCS-1,INST-A,P001,2026-04-02T09:00:00+08:00,home-visit,2026-03-01,2026-03-31,HV-BATH,2026-03-03,1.5,,,45.00`,
    );
    const v = validateClaim(claim);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.path)).toContain('lines[0].quantity');
  });

  it('leaves submittedAt out when the file has no such column, for the server to record', () => {
    const [claim] = claimsFromCsv(
      'claimId,institutionId,personId,setting,periodFrom,periodTo,serviceCode,from,to,unitPrice\nCS-1,INST-A,P001,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,2026-03-01,2026-03-31,80.00',
    );
    expect(claim).not.toHaveProperty('submittedAt');
  });

  it('names the missing column, and the CSV line of a row without claimId', () => {
    expect(() => claimsFromCsv('claimId,personId\nCS-1,P001')).toThrow(/lacks column institutionId/);
    expect(() => claimsFromCsv(`${HEADER}\n\n,INST-A,P001,,,,,,,,,,1.00`)).toThrow('CSV line 3: claimId is empty');
  });
});
