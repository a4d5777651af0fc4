/**
 * Real Excel workbooks (exceljs): Chinese headers, amounts as numbers formatted to two decimals, a
 * totals row, the header frozen. The amounts are written from the API's decimal strings; a yuan
 * amount of at most 12 integer digits and two decimals is exactly representable for Excel's display.
 */
import type ExcelJS from 'exceljs';
import { sumMoney } from './format.ts';
import type { LedgerEntry, Statement } from './types.ts';

const MONEY_FORMAT = '#,##0.00';
const STATUS_ZH: Record<string, string> = {
  balanced: '已结清',
  unpaid: '未支付',
  underpaid: '少付',
  overpaid: '多付',
  'unexpected-payment': '无应付却支付',
  'recoupment-due': '待追回',
  nil: '相抵为零',
};

async function workbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'ltc-claims';
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number; money?: boolean }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.money ? { style: { numFmt: MONEY_FORMAT } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

const amount = (v: string) => Number(v);

/**
 * The month statement as a workbook: one sheet of lines with a 合计 row, and the entries if given.
 * @example const bytes = await statementWorkbook(statement, entries); // an .xlsx file
 */
export async function statementWorkbook(s: Statement, entries: readonly LedgerEntry[] = []): Promise<ArrayBuffer> {
  const wb = await workbook();
  const ws = sheet(wb, `对账单 ${s.month}`, [
    { header: '机构编码', key: 'institutionId', width: 16 },
    { header: '应付金额', key: 'payable', width: 16, money: true },
    { header: '已付金额', key: 'paid', width: 16, money: true },
    { header: '差额（已付−应付）', key: 'difference', width: 18, money: true },
    { header: '状态', key: 'status', width: 14 },
    { header: '分录数', key: 'entries', width: 10 },
    { header: '跨期调整金额', key: 'priorPeriod', width: 16, money: true },
  ]);
  for (const l of s.lines) {
    ws.addRow({
      institutionId: l.institutionId,
      payable: amount(l.payable),
      paid: amount(l.paid),
      difference: amount(l.difference),
      status: STATUS_ZH[l.status] ?? l.status,
      entries: l.entries,
      priorPeriod: amount(l.priorPeriod),
    });
  }
  const total = ws.addRow({
    institutionId: '合计',
    payable: amount(s.totals.payable),
    paid: amount(s.totals.paid),
    difference: amount(s.totals.difference),
    entries: s.control.entries,
  });
  total.font = { bold: true };
  ws.addRow([]);
  ws.addRow(['结算月份', s.month]);
  ws.addRow(['是否已结账', s.closed ? '是' : '否']);
  ws.addRow(['受理申报数', s.control.claimsReceived]);
  ws.addRow(['已裁决申报数', s.control.claimsDecided]);
  if (entries.length > 0) {
    const es = sheet(wb, '会计分录', [
      { header: '机构编码', key: 'institutionId', width: 16 },
      { header: '申报编号', key: 'claimId', width: 22 },
      { header: '类型', key: 'kind', width: 20 },
      { header: '金额', key: 'amount', width: 14, money: true },
      { header: '入账时间', key: 'postedAt', width: 30 },
      { header: '会计月份', key: 'accountingMonth', width: 12 },
      { header: '跨期', key: 'priorPeriod', width: 8 },
      { header: '触发申报', key: 'triggeredBy', width: 22 },
    ]);
    for (const e of entries)
      es.addRow({ ...e, amount: amount(e.amount), priorPeriod: e.priorPeriod ? '是' : '否', triggeredBy: e.triggeredBy ?? '' });
    const sum = es.addRow({
      institutionId: '合计',
      amount: { formula: `SUM(D2:D${entries.length + 1})`, result: amount(sumMoney(entries.map((e) => e.amount))) },
    });
    sum.font = { bold: true };
  }
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
