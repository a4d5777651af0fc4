/**
 * The month statement of DOMAIN.md §10 from running totals: one line per institution with entries or
 * payments in the month, its status by the domain's own lineStatus, totals that are the sums of the
 * lines, and the control counters. Also its CSV for Excel: UTF-8 with a BOM and Chinese headers.
 */
import { formatDay, monthOf, parseInstant, parseMonth, shanghaiDay } from '../../domain/dates.ts';
import { type Dec, fmt, money, ZERO } from '../../domain/money.ts';
import { type LineStatus, lineStatus } from '../../domain/statement.ts';
import { writeCsv } from '../adapters/csv.ts';
import type { InstitutionMonth, MonthCount } from '../adapters/statement-store.ts';

export interface StatementLine {
  readonly institutionId: string;
  readonly payable: string;
  readonly paid: string;
  readonly difference: string;
  readonly status: LineStatus;
  readonly entries: number;
  readonly priorPeriod: string;
}

/** The same shape as `ltc replay --statement` prints, without the replay's disbursementErrors. */
export interface MonthStatement {
  readonly month: string;
  readonly closed: boolean;
  readonly lines: StatementLine[];
  readonly totals: { readonly payable: string; readonly paid: string; readonly difference: string };
  readonly control: { readonly claimsReceived: number; readonly claimsDecided: number; readonly entries: number };
}

/**
 * @example monthStatement('2026-03', [{ institutionId: 'INST-A', payable: '1218', entries: 2, priorPeriod: '0', paid: '1218', payments: 1 }], [], false).lines[0].status // 'balanced'
 */
export function monthStatement(
  month: string,
  figures: readonly InstitutionMonth[],
  counts: readonly MonthCount[],
  closed: boolean,
): MonthStatement {
  let payable: Dec = ZERO;
  let paid: Dec = ZERO;
  let entries = 0;
  const lines = figures
    .filter((f) => f.entries > 0 || f.payments > 0)
    .sort((a, b) => (a.institutionId < b.institutionId ? -1 : a.institutionId > b.institutionId ? 1 : 0))
    .map((f): StatementLine => {
      const [p, q] = [money(f.payable), money(f.paid)];
      payable = payable.plus(p);
      paid = paid.plus(q);
      entries += f.entries;
      return {
        institutionId: f.institutionId,
        payable: fmt(p),
        paid: fmt(q),
        difference: fmt(q.minus(p)),
        status: lineStatus(p, q),
        entries: f.entries,
        priorPeriod: fmt(money(f.priorPeriod)),
      };
    });
  return {
    month,
    closed,
    lines,
    totals: { payable: fmt(payable), paid: fmt(paid), difference: fmt(paid.minus(payable)) },
    control: {
      claimsReceived: counts.reduce((n, c) => n + c.received, 0),
      claimsDecided: counts.reduce((n, c) => n + c.decided, 0),
      entries,
    },
  };
}

const STATUS_ZH: Record<LineStatus, string> = {
  balanced: '已结清',
  unpaid: '未支付',
  underpaid: '少付',
  overpaid: '多付',
  'unexpected-payment': '无应付却支付',
  'recoupment-due': '待追回',
  nil: '相抵为零',
};

/**
 * The statement as CSV for Excel: a UTF-8 BOM, Chinese headers, CRLF line ends; the lines, a 合计 row,
 * then the month, whether it is closed and the control counters.
 * @example statementCsv(s).startsWith('\uFEFF机构编码') // true
 */
export function statementCsv(s: MonthStatement): string {
  const rows: (string | number)[][] = [
    ['机构编码', '应付金额', '已付金额', '差额（已付−应付）', '状态', '状态说明', '分录数', '跨期调整金额'],
    ...s.lines.map((l) => [l.institutionId, l.payable, l.paid, l.difference, l.status, STATUS_ZH[l.status], l.entries, l.priorPeriod]),
    ['合计', s.totals.payable, s.totals.paid, s.totals.difference, '', '', s.control.entries, ''],
    [],
    ['结算月份', s.month],
    ['是否已结账', s.closed ? '是' : '否'],
    ['受理申报数', s.control.claimsReceived],
    ['已裁决申报数', s.control.claimsDecided],
  ];
  return writeCsv(rows);
}

/**
 * The month before the Asia/Shanghai month of an instant: what the schedule on the 1st drafts.
 * @example previousMonth('2026-03-31T17:00:00Z') // '2026-03' (01:00 on 1 April in Shanghai)
 */
export function previousMonth(time: string): string {
  const instant = parseInstant(time);
  if (!instant) throw new Error(`scheduled event time ${time} is not a timestamp`);
  const month = formatDay(shanghaiDay(instant)).slice(0, 7);
  const span = parseMonth(month);
  if (!span) throw new Error(`no month ${month}`);
  return monthOf(span.first - 1);
}
