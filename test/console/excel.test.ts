import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { statementWorkbook } from '../../console/src/excel.ts';

const statement = {
  month: '2026-03',
  closed: true,
  lines: [
    {
      institutionId: 'INST-A',
      payable: '1302.00',
      paid: '1302.00',
      difference: '0.00',
      status: 'balanced' as const,
      entries: 2,
      priorPeriod: '0.00',
    },
    {
      institutionId: 'INST-B',
      payable: '12345678.90',
      paid: '0.00',
      difference: '-12345678.90',
      status: 'unpaid' as const,
      entries: 1,
      priorPeriod: '-126.00',
    },
  ],
  totals: { payable: '12346980.90', paid: '1302.00', difference: '-12345678.90' },
  control: { claimsReceived: 4, claimsDecided: 3, entries: 3 },
};

describe('the statement workbook', () => {
  it('has Chinese headers, amounts as numbers shown with two decimals, a totals row and a frozen header', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await statementWorkbook(statement));
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('对账单 2026-03');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '机构编码',
      '应付金额',
      '已付金额',
      '差额（已付−应付）',
      '状态',
      '分录数',
      '跨期调整金额',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const b = ws.getRow(3);
    expect([b.getCell(1).value, b.getCell(2).value, b.getCell(2).numFmt, b.getCell(4).value, b.getCell(5).value]).toEqual([
      'INST-B',
      12345678.9,
      '#,##0.00',
      -12345678.9,
      '未支付',
    ]);
    const total = ws.getRow(4);
    expect([total.getCell(1).value, total.getCell(2).value, total.getCell(6).value, total.font?.bold]).toEqual([
      '合计',
      12346980.9,
      3,
      true,
    ]);
    expect(ws.getRow(7).values).toEqual([undefined, '是否已结账', '是']);
  });

  it('adds the entries on a second sheet with a SUM row', async () => {
    const wb = new ExcelJS.Workbook();
    const entries = [
      {
        institutionId: 'INST-A',
        claimId: 'CS-1',
        kind: 'care-service',
        amount: '1302.00',
        postedAt: '2026-03-02T10:00:00+08:00',
        accountingMonth: '2026-03',
        priorPeriod: false,
        triggeredBy: 'CS-1',
      },
      {
        institutionId: 'INST-A',
        claimId: 'CS-1',
        kind: 'care-service',
        amount: '-0.10',
        postedAt: '2026-03-09T10:00:00+08:00',
        accountingMonth: '2026-03',
        priorPeriod: false,
        triggeredBy: null,
      },
    ];
    await wb.xlsx.load(await statementWorkbook(statement, entries));
    const es = wb.worksheets[1] as ExcelJS.Worksheet;
    expect(es.name).toBe('会计分录');
    expect(es.getRow(4).getCell(4).value).toEqual({ formula: 'SUM(D2:D3)', result: 1301.9 });
    expect(es.getRow(3).getCell(8).value).toBe('');
  });
});
