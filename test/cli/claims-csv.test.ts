import { describe, expect, it } from 'vitest';
import { claimsFromCsv } from '../../cli/claims-csv.ts';
import { validateClaim } from '../../domain/claims.ts';
import { readClaimsCsv } from '../../functions/adapters/claims-csv.ts';

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
    const [read] = readClaimsCsv(
      `${HEADER}\nCS-1,INST-A,P001,2026-04-02T09:00:00+08:00,home-visit,2026-03-01,2026-03-31,HV-BATH,2026-03-03,1.5,,,45.00`,
    ).claims;
    const v = validateClaim(read?.claim);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.path)).toContain('lines[0].quantity');
    expect(() =>
      claimsFromCsv(
        `${HEADER}\nCS-1,INST-A,P001,2026-04-02T09:00:00+08:00,home-visit,2026-03-01,2026-03-31,HV-BATH,2026-03-03,1.5,,,45.00`,
      ),
    ).toThrow(/^CSV line 2, column quantity: claim CS-1 lines\[0\]\.quantity: /);
  });

  it('leaves submittedAt out when the file has no such column, for the server to record', () => {
    const [claim] = claimsFromCsv(
      'claimId,institutionId,personId,setting,periodFrom,periodTo,serviceCode,from,to,unitPrice\nCS-1,INST-A,P001,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,2026-03-01,2026-03-31,80.00',
    );
    expect(claim).not.toHaveProperty('submittedAt');
  });

  it('names the missing column, and the CSV line of a row without claimId', () => {
    expect(() => claimsFromCsv('claimId,personId\nCS-1,P001')).toThrow(/lacks column institutionId/);
    expect(() => claimsFromCsv(`${HEADER}\n\n,INST-A,P001,,,,,,,,,,1.00`)).toThrow('CSV line 3, column claimId: claimId is empty');
  });

  it('names the CSV line and column of a claim the domain refuses, before anything is sent', () => {
    const csv = [
      HEADER,
      'CS-1,INST-A,P001,,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,,,2026-03-01,2026-03-31,80.00',
      'CS-1,INST-A,P001,,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,,,2026-03-01,2026-03-31,8O.00',
    ].join('\n');
    expect(() => claimsFromCsv(csv, NOW)).toThrow(/^CSV line 3, column unitPrice: claim CS-1 lines\[1\]\.unitPrice: /);
  });
});

const VISIT_HEADER = `${HEADER},checkIn,checkOut`;
const NOW = '2026-04-02T09:00:00+08:00';
const row = (fields: string) => `HV-1,INST-A,P001,,home-visit,2026-03-01,2026-03-31,${fields}`;

describe('visit records in the CSV (checkIn, checkOut)', () => {
  it('puts both on the dated home-visit line as its visit, and leaves a line without them alone', () => {
    const csv = [
      VISIT_HEADER,
      row('HV-BATH,2026-03-05,1,,,60.00,2026-03-05T09:02:00+08:00,2026-03-05T09:47:30+08:00'),
      row('HV-CLEAN,2026-03-06,,,,30.00,,'),
    ].join('\n');
    const [claim] = claimsFromCsv(csv, NOW);
    expect(claim?.lines).toEqual([
      {
        serviceCode: 'HV-BATH',
        unitPrice: '60.00',
        date: '2026-03-05',
        quantity: 1,
        visit: { checkIn: '2026-03-05T09:02:00+08:00', checkOut: '2026-03-05T09:47:30+08:00' },
      },
      { serviceCode: 'HV-CLEAN', unitPrice: '30.00', date: '2026-03-06' },
    ]);
    expect(validateClaim({ ...claim, submittedAt: NOW }).ok).toBe(true);
  });

  it.each([
    ['a check-in without a check-out', row('HV-BATH,2026-03-05,1,,,60.00,2026-03-05T09:00:00+08:00,'), 'checkOut'],
    ['a check-out without a check-in', row('HV-BATH,2026-03-05,1,,,60.00,,2026-03-05T10:00:00+08:00'), 'checkIn'],
    [
      'a visit on a from/to line',
      row('HV-BATH,,,2026-03-05,2026-03-06,60.00,2026-03-05T09:00:00+08:00,2026-03-05T10:00:00+08:00'),
      'checkIn',
    ],
    [
      'a visit on an institutional line',
      'CS-1,INST-A,P001,,institutional,2026-03-01,2026-03-31,LTC-INST-DAY,2026-03-05,,,,80.00,2026-03-05T09:00:00+08:00,2026-03-05T10:00:00+08:00',
      'checkIn',
    ],
  ])('refuses %s, naming the line and the column', (_, bad, column) => {
    const { problems } = readClaimsCsv([VISIT_HEADER, row('HV-MED,2026-03-04,,,,40.00,,'), bad].join('\n'));
    expect(problems).toEqual([expect.objectContaining({ line: 3, column })]);
    expect(problems[0]?.message).toMatch(new RegExp(`^CSV line 3, column ${column}: `));
    expect(problems[0]?.messageZh).toMatch(new RegExp(`^第 3 行 ${column} 列：`));
  });

  it('leaves a bad timestamp to the domain, which the command places on its line and column', () => {
    const csv = [VISIT_HEADER, row('HV-BATH,2026-03-05,1,,,60.00,2026-03-05 09:00,2026-03-05T10:00:00+08:00')].join('\n');
    expect(() => claimsFromCsv(csv, NOW)).toThrow(/^CSV line 2, column checkIn: claim HV-1 lines\[0\]\.visit\.checkIn: /);
  });

  it('refuses a row with both date and from/to rather than dropping one', () => {
    const { problems } = readClaimsCsv([VISIT_HEADER, row('HV-BATH,2026-03-05,1,2026-03-05,,60.00,,')].join('\n'));
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: 'from' })]);
  });
});

describe('family-care claims in the CSV', () => {
  const family = (fields: string, claimId = 'FC-1') => `${claimId},INST-A,P001,,family-care,2026-03-01,2026-03-31,${fields}`;

  it('reads each family-care row as a days entry, with or without the priced columns in the header', () => {
    const withPriced = [HEADER, family(',,,2026-03-01,2026-03-14,'), family('FAMILY-CARE-DAY,2026-03-20,,,,')].join('\n');
    const without = [
      'claimId,institutionId,personId,setting,periodFrom,periodTo,date,from,to',
      'FC-1,INST-A,P001,family-care,2026-03-01,2026-03-31,,2026-03-01,2026-03-14',
      'FC-1,INST-A,P001,family-care,2026-03-01,2026-03-31,2026-03-20,,',
    ].join('\n');
    for (const csv of [withPriced, without]) {
      const [claim] = claimsFromCsv(csv, NOW);
      expect(claim).toEqual({
        kind: 'care-service',
        claimId: 'FC-1',
        institutionId: 'INST-A',
        personId: 'P001',
        setting: 'family-care',
        period: { from: '2026-03-01', to: '2026-03-31' },
        days: [{ from: '2026-03-01', to: '2026-03-14' }, { date: '2026-03-20' }],
      });
    }
  });

  it('refuses a price or a visit on a family-care row, naming the column', () => {
    const { problems } = readClaimsCsv(
      [VISIT_HEADER, family(',2026-03-02,,,,30.00,,'), family(',2026-03-03,,,,,2026-03-03T09:00:00+08:00,')].join('\n'),
    );
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'unitPrice'],
      [3, 'checkIn'],
    ]);
  });

  it('places the domain’s refusal of a day on the row of that day', () => {
    const csv = [HEADER, family(',2026-03-01,,,,'), family(',2026-04-01,,,,')].join('\n');
    expect(() => claimsFromCsv(csv, NOW)).toThrow(/^CSV line 3, column date: claim FC-1 days\[1\]\.date: /);
  });

  it('refuses a row whose claim columns differ from the claim’s first row', () => {
    const { problems } = readClaimsCsv(
      [HEADER, family(',2026-03-01,,,,'), 'FC-1,INST-A,P001,,home-visit,2026-03-01,2026-03-31,HV-BATH,2026-03-02,,,,60.00'].join('\n'),
    );
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: 'setting' })]);
    expect(problems[0]?.message).toContain('(line 2)');
  });
});
