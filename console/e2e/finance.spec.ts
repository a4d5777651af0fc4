/**
 * Finance imports a bank file with a bad row (rejected, nothing applied), then a clean one, reads the
 * statement with its line status and entries, downloads the Excel workbook, and closes the month once
 * it has ended. The stack's clock is first set into the middle of the previous month, so the claim's
 * ledger entry posts there; it is set back to now before the close.
 */
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { api, decided, institution, person, run, screenshots, serves, setClock, signIn } from './support.ts';

const INST = `E2E-F-${run}`;
const PERSON = `E2E-P4-${run}`;
const CLAIM = `CS-FN-${run}`;

/** 10:00 on the 15th of last month in Shanghai, and that month. */
function middleOfLastMonth() {
  const shanghai = new Date(Date.now() + 8 * 3_600_000);
  const y = shanghai.getUTCFullYear();
  const m = shanghai.getUTCMonth();
  const target = new Date(Date.UTC(y, m - 1, 15, 2, 0, 0));
  const month = `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}`;
  return { target, month };
}
const { target, month: MONTH } = middleOfLastMonth();

test.beforeAll(async () => {
  await api({ role: 'bureau' }, 'PUT', `/registry/institutions/${INST}`, institution(INST, '福寿康养老院'));
  await api({ role: 'bureau' }, 'PUT', `/registry/persons/${PERSON}`, person(PERSON));
  await serves(INST, PERSON);
  await setClock(target.getTime() - Date.now());
  const [from, to] = [`${MONTH}-01`, `${MONTH}-10`];
  await api({ role: 'institution', institutionId: INST }, 'POST', '/claims', {
    kind: 'care-service',
    claimId: CLAIM,
    institutionId: INST,
    personId: PERSON,
    setting: 'institutional',
    period: { from, to },
    lines: [{ serviceCode: 'LTC-INST-DAY', from, to, unitPrice: '80.00' }],
  });
  expect((await decided(CLAIM)).payable).toBe('420.00');
});

test.afterAll(async () => {
  await setClock(0);
});

const file = (rows: string[]) => ({
  name: 'payments.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFFpaymentId,institutionId,month,amount,paidOn\r\n${rows.join('\r\n')}\r\n`, 'utf8'),
});

test('imports a bad file (nothing applied), then a clean one, reads the statement and closes the month', async ({ page }) => {
  const shot = screenshots('finance-import-statement-close');
  await signIn(page, 'finance');
  const pick = async (value: string) => {
    const input = page.getByLabel('月份');
    await input.click();
    await input.fill(value);
    await input.press('Tab');
  };
  const line = page.locator('tr.ant-table-row', { hasText: INST });

  await page.getByRole('menuitem', { name: '导入支付' }).click();
  await page
    .locator('input[type=file]')
    .setInputFiles(file([`PAY-${run}-1,${INST},${MONTH},420.00,${MONTH}-20`, `PAY-${run}-2,NO-SUCH-INST,${MONTH},10.00,${MONTH}-20`]));
  await expect(page.getByText('文件被拒绝：1 行有误，未入账任何支付')).toBeVisible();
  await expect(page.locator('tr.ant-table-row', { hasText: 'NO-SUCH-INST' })).toContainText('3');
  await shot(page, 'bad-file-rejected');

  await page.getByRole('menuitem', { name: '月度对账' }).click();
  await pick(MONTH);
  await expect(line).toContainText('未支付');
  await expect(line).toContainText('420.00');
  await shot(page, 'statement-unpaid-nothing-applied');

  await page.getByRole('menuitem', { name: '导入支付' }).click();
  await page.locator('input[type=file]').setInputFiles(file([`PAY-${run}-1,${INST},${MONTH},420.00,${MONTH}-20`]));
  await expect(page.getByText('已入账', { exact: true })).toBeVisible();
  await shot(page, 'clean-file-applied');

  await page.getByRole('button', { name: '查看对账单' }).click();
  await pick(MONTH);
  await expect(line).toContainText('已结清');
  await shot(page, 'statement-balanced');
  await line.getByRole('button', { name: '1 笔' }).click();
  await expect(page.locator('.ant-drawer tr.ant-table-row', { hasText: CLAIM })).toContainText('420.00');
  await shot(page, 'entries-behind-the-line');
  await page.locator('.ant-drawer-close').click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载 Excel（.xlsx）' }).click();
  const xlsx = await download;
  expect(xlsx.suggestedFilename()).toBe(`对账单-${MONTH}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  const ws = wb.worksheets[0];
  expect(ws?.getRow(1).values).toEqual([
    undefined,
    '机构编码',
    '应付金额',
    '已付金额',
    '差额（已付−应付）',
    '状态',
    '分录数',
    '跨期调整金额',
  ]);
  expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const row = ws?.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(1).value === INST);
  expect([row?.getCell(2).value, row?.getCell(2).numFmt, row?.getCell(5).value]).toEqual([420, '#,##0.00', '已结清']);
  expect(ws?.getRows(1, ws.rowCount)?.some((r) => r.getCell(1).value === '合计')).toBe(true);

  // The month has ended by the real clock: it may be closed now.
  await setClock(0);
  await page.getByRole('button', { name: `结账 ${MONTH}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: '确认结账' })).toBeDisabled();
  await dialog.getByLabel('确认月份').fill(MONTH);
  await shot(page, 'close-confirmation');
  await dialog.getByRole('button', { name: '确认结账' }).click();
  await expect(page.getByText('已结账（只读）')).toBeVisible();
  await expect(page.getByRole('button', { name: `结账 ${MONTH}` })).toHaveCount(0);
  await shot(page, 'closed-read-only');
});
