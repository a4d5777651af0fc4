import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../domain/dates.ts';
import { accountingMonth, payableOf } from '../../domain/ledger.ts';
import { money, ZERO } from '../../domain/money.ts';
import { ScenarioError } from '../../domain/replay.ts';
import { lineStatus, statement, validateDisbursements } from '../../domain/statement.ts';

const at = (s: string) => parseInstant(s) as NonNullable<ReturnType<typeof parseInstant>>;

const registry = {
  persons: [{ personId: 'P1', insuredType: 'employee', enrolledOn: '2024-01-01', assessments: [{ grade: 4, assessedOn: '2025-06-10' }] }],
  institutions: [
    {
      institutionId: 'INST-A',
      institutionType: 'elderly-care',
      ownership: 'private',
      totalBeds: 50,
      nursingBeds: 30,
      medicalFacility: 'internal',
      registeredOn: '2020-01-01',
      designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
    },
    {
      institutionId: 'INST-B',
      institutionType: 'elderly-care',
      ownership: 'private',
      totalBeds: 50,
      nursingBeds: 30,
      medicalFacility: 'internal',
      registeredOn: '2020-01-01',
    },
  ],
};

/** A March care claim of `days` days at 80.00 (cap 60 × 0.70 = 42.00 a day). */
const care = (claimId: string, submittedAt: string, to = '2026-03-10') => ({
  kind: 'care-service',
  claimId,
  institutionId: 'INST-A',
  personId: 'P1',
  submittedAt,
  setting: 'institutional',
  period: { from: '2026-03-01', to },
  lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to, unitPrice: '80.00' }],
});

const pay = (paymentId: string, amount: string, institutionId = 'INST-A', month = '2026-04') => ({
  paymentId,
  institutionId,
  month,
  amount,
  paidOn: '2026-04-28',
});

describe('lineStatus', () => {
  it.each([
    ['100.00', '100.00', 'balanced'],
    ['100.00', '0', 'unpaid'],
    ['100.00', '40.00', 'underpaid'],
    ['100.00', '140.00', 'overpaid'],
    ['-20.00', '5.00', 'overpaid'],
    ['0', '5.00', 'unexpected-payment'],
    ['-20.00', '0', 'recoupment-due'],
    ['0', '0', 'nil'],
  ])('calls payable %s with paid %s %s', (payable, paid, status) => {
    expect(lineStatus(money(payable), money(paid))).toBe(status);
  });
});

describe('accountingMonth', () => {
  it('takes the Asia/Shanghai month, not the UTC one', () => {
    expect(accountingMonth([], at('2026-01-31T20:00:00Z'))).toEqual({ month: '2026-02', priorPeriod: false });
  });

  it('moves an entry past every month already closed at its posting instant', () => {
    const closes = [
      { month: '2026-03', at: at('2026-04-01T08:00:00+08:00') },
      { month: '2026-04', at: at('2026-04-01T09:00:00+08:00') },
    ];
    expect(accountingMonth(closes, at('2026-03-31T23:00:00+08:00'))).toEqual({ month: '2026-03', priorPeriod: false });
    expect(accountingMonth(closes, at('2026-04-01T08:30:00+08:00'))).toEqual({ month: '2026-04', priorPeriod: false });
    expect(accountingMonth(closes, at('2026-04-01T09:00:00+08:00'))).toEqual({ month: '2026-05', priorPeriod: true });
  });
});

describe('payableOf', () => {
  it('pays nothing for a claim waiting for review', () => {
    expect(payableOf({ claimId: 'X', kind: 'care-service', status: 'needs-review', fund: money('12000'), reasonCodes: [] })).toEqual(ZERO);
  });
});

describe('validateDisbursements', () => {
  it('rejects the whole file and lists every bad row, repeated ids after the first included', () => {
    const rows = [
      pay('PAY-1', '10.00'),
      pay('PAY-1', '10.00'),
      pay('PAY-2', '0.00'),
      pay('PAY-3', '1.00', 'NOPE'),
      'x',
      pay('PAY-4', '1e3'),
    ];
    const { payments, errors } = validateDisbursements(rows, new Set(['INST-A']));
    expect(payments).toEqual([]);
    expect(errors.map((e) => [e.row, e.paymentId])).toEqual([
      [2, 'PAY-1'],
      [3, 'PAY-2'],
      [4, 'PAY-3'],
      [5, null],
      [6, 'PAY-4'],
    ]);
  });
});

describe('statement', () => {
  it('reconciles payable against paid per institution, with control totals', () => {
    // Prepare: 10 days × 42.00 = 420.00 payable to INST-A in April; INST-B is paid with nothing payable.
    const scenario = {
      registry,
      claims: [
        care('CS-1', '2026-04-02T09:00:00+08:00'),
        { kind: 'care-service', claimId: 'BAD', submittedAt: '2026-04-03T09:00:00+08:00' },
      ],
      disbursements: [pay('PAY-1', '400.00'), pay('PAY-2', '5.00', 'INST-B')],
    };
    // Act
    const s = statement(scenario, '2026-04');
    // Assess
    expect(s.lines).toEqual([
      {
        institutionId: 'INST-A',
        payable: '420.00',
        paid: '400.00',
        difference: '-20.00',
        status: 'underpaid',
        entries: 1,
        priorPeriod: '0.00',
      },
      {
        institutionId: 'INST-B',
        payable: '0.00',
        paid: '5.00',
        difference: '5.00',
        status: 'unexpected-payment',
        entries: 0,
        priorPeriod: '0.00',
      },
    ]);
    expect(s.totals).toEqual({ payable: '420.00', paid: '405.00', difference: '-15.00' });
    expect(s.control).toEqual({ claimsReceived: 2, claimsDecided: 1, entries: 1 });
    expect(s.closed).toBe(false);
  });

  it('posts a late claim at the processing clock, never earlier than what was already processed', () => {
    // CS-LATE claims March 1–3 (submitted in March) but arrives after an April claim: it posts in April.
    const scenario = {
      registry,
      claims: [
        care('CS-APR', '2026-04-02T09:00:00+08:00', '2026-03-10'),
        { ...care('CS-LATE', '2026-03-05T09:00:00+08:00', '2026-03-03'), personId: 'P1' },
      ],
    };
    const march = statement(scenario, '2026-03');
    const april = statement(scenario, '2026-04');
    expect(march.lines).toEqual([]);
    expect(march.control).toEqual({ claimsReceived: 1, claimsDecided: 1, entries: 0 });
    // CS-APR posts +420.00. CS-LATE was submitted earlier and keeps days 1–3 (+126.00); CS-APR lost
    // days, so it now needs review and is not payable until reviewed (−420.00). All three post in April.
    expect(april.lines[0]).toMatchObject({ institutionId: 'INST-A', payable: '126.00', entries: 3, status: 'unpaid' });
  });

  it('lists a bad disbursement file and counts none of its payments', () => {
    const s = statement({ registry, claims: [], disbursements: [pay('PAY-1', '10.00'), pay('PAY-1', '12.00')] }, '2026-04');
    expect(s.lines).toEqual([]);
    expect(s.disbursementErrors).toEqual([{ row: 2, paymentId: 'PAY-1', message: 'paymentId: PAY-1 is used by an earlier row' }]);
  });

  it('refuses a malformed month argument, close or disbursement list', () => {
    expect(() => statement({ registry, claims: [] }, '2026-13')).toThrow(ScenarioError);
    expect(() => statement({ registry, claims: [], closes: [{ month: '2026-3', at: '2026-04-01T00:00:00Z' }] }, '2026-03')).toThrow(
      /closes\[0\]\.month/,
    );
    expect(() => statement({ registry, claims: [], disbursements: {} }, '2026-03')).toThrow(/disbursements/);
  });
});
