/**
 * The bureau approves a claim from the review queue (and the institution then sees the new payable),
 * adjusts another to less than proposed, and records a new assessment for a person (a wrong grade first, refused beside the field).
 */
import { expect, test } from '@playwright/test';
import { api, decided, described, institution, person, run, screenshots, serves, shanghaiDate, signIn } from './support.ts';

const INST = `E2E-B-${run}`;
const PERSON = `E2E-P2-${run}`;
const PERSON3 = `E2E-P3-${run}`;
const CLAIM = `CS-RV-${run}`;
const PERSON4 = `E2E-P4-${run}`;
const ADJUSTED = `CS-AJ-${run}`;

/** 250 days at 42.00 a day from the fund: 10,500.00, above the 10,000.00 review threshold. */
const reviewSized = (claimId: string, personId: string) => {
  const from = shanghaiDate(-259);
  const to = shanghaiDate(-10);
  return {
    kind: 'care-service',
    claimId,
    institutionId: INST,
    personId,
    setting: 'institutional',
    period: { from, to },
    lines: [{ serviceCode: 'LTC-INST-DAY', from, to, unitPrice: '80.00' }],
  };
};

test.beforeAll(async () => {
  await api({ role: 'bureau' }, 'PUT', `/registry/institutions/${INST}`, institution(INST, '松鹤护理院'));
  await api({ role: 'bureau' }, 'PUT', `/registry/persons/${PERSON}`, person(PERSON));
  await serves(INST, PERSON);
  await api({ role: 'bureau' }, 'PUT', `/registry/persons/${PERSON4}`, person(PERSON4));
  await serves(INST, PERSON4);
  await api({ role: 'bureau' }, 'PUT', `/registry/persons/${PERSON3}`, person(PERSON3, [{ grade: 3, assessedOn: '2024-01-10' }]));
  await api({ role: 'institution', institutionId: INST }, 'POST', '/claims', reviewSized(CLAIM, PERSON));
  await api({ role: 'institution', institutionId: INST }, 'POST', '/claims', reviewSized(ADJUSTED, PERSON4));
  for (const id of [CLAIM, ADJUSTED]) expect((await decided(id)).status).toBe('needs-review');
});

test('approves a claim from the review queue; the institution then sees the new payable', async ({ page }) => {
  const shot = screenshots('bureau-approves-from-review-queue');
  await signIn(page, 'bureau');
  await shot(page, 'city-dashboard');
  await page.getByRole('menuitem', { name: '审核队列' }).click();
  const row = page.locator('tr.ant-table-row', { hasText: CLAIM });
  await expect(row).toBeVisible();
  await expect(row).toContainText('10,500.00');
  await shot(page, 'review-queue');

  await row.getByRole('button', { name: CLAIM }).click();
  await expect(page.locator('.ant-drawer').getByText('逐日说明')).toBeVisible();
  await expect(page.locator('.ant-drawer').getByText(`参保人 ${PERSON} 的其他申报`)).toBeVisible();
  await shot(page, 'explanation-and-same-person');
  await page.locator('.ant-drawer-close').click();

  await row.locator('.ant-checkbox-input').check();
  await expect(page.getByText('已选 1 条，合计 10,500.00 元')).toBeVisible();
  await page.getByRole('button', { name: '批量通过' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /确\s?认/ }).click();
  await expect(dialog.getByText('请填写审核理由')).toBeVisible();
  await dialog.getByLabel('审核理由（必填）').fill('护理记录与评估材料齐全');
  await shot(page, 'approve-with-reason');
  await dialog.getByRole('button', { name: /确\s?认/ }).click();

  const done = page.locator('.ant-card', { hasText: '本次已审核' }).locator('tr.ant-table-row', { hasText: CLAIM });
  await expect(done).toContainText('reviewer-local');
  await expect(done).toContainText('护理记录与评估材料齐全');
  await expect(done).toContainText('10,500.00');
  await shot(page, 'decided-who-and-when');

  await signIn(page, 'institution', INST);
  await page.goto(`${page.url().split('#')[0]}#/claims/${CLAIM}`);
  await expect(page.getByText('审核结果')).toBeVisible();
  await expect(described(page, '当前应付（元）')).toHaveText('10,500.00');
  await expect(page.getByText('已核准').first()).toBeVisible();
  await shot(page, 'institution-sees-new-payable');
});

test('adjusts one claim to less than proposed, with the amount allowed and a reason; the institution sees that payable', async ({
  page,
}) => {
  const shot = screenshots('bureau-adjusts-from-review-queue');
  await signIn(page, 'bureau');
  await page.getByRole('menuitem', { name: '审核队列' }).click();
  const row = page.locator('tr.ant-table-row', { hasText: ADJUSTED });
  await row.getByRole('button', { name: /^调\s?整$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/核定支付金额/).fill('9000.505');
  await dialog.getByLabel('审核理由（必填）').fill('第 3 周护理记录不全，扣减');
  await dialog.getByRole('button', { name: /确\s?认/ }).click();
  await expect(dialog.getByText('金额如 1234.50，最多两位小数')).toBeVisible();
  await dialog.getByLabel(/核定支付金额/).fill('9000.50');
  await shot(page, 'adjust-with-amount-and-reason');
  await dialog.getByRole('button', { name: /确\s?认/ }).click();

  const done = page.locator('.ant-card', { hasText: '本次已审核' }).locator('tr.ant-table-row', { hasText: ADJUSTED });
  await expect(done).toContainText('调整支付金额');
  await expect(done).toContainText('9,000.50');
  await shot(page, 'adjusted-who-and-when');

  await signIn(page, 'institution', INST);
  await page.goto(`${page.url().split('#')[0]}#/claims/${ADJUSTED}`);
  await expect(page.getByText('调整后通过')).toBeVisible();
  await expect(described(page, '当前应付（元）')).toHaveText('9,000.50');
  await expect(page.locator('.ant-card', { hasText: '审核结果' })).toContainText('核定金额（元）9,000.50');
  await shot(page, 'institution-sees-adjusted-payable');
});

test('records a new assessment: a wrong grade is refused beside the field, then the grade in force changes', async ({ page }) => {
  const shot = screenshots('bureau-records-assessment');
  await signIn(page, 'bureau');
  await page.getByRole('menuitem', { name: '参保人' }).click();
  await page.getByLabel('按参保人编号前缀检索').fill(PERSON3);
  await page.getByLabel('按参保人编号前缀检索').press('Enter');
  const row = page.locator('tr.ant-table-row', { hasText: PERSON3 });
  await expect(row).toContainText('无有效评估');
  await shot(page, 'person-search');
  await row.getByRole('link', { name: PERSON3 }).click();
  await expect(page.getByText('已过期')).toBeVisible();
  await shot(page, 'timeline-before');

  const assessedOn = shanghaiDate(-1);
  await page.getByLabel('失能等级（0–5）').fill('7');
  const date = page.getByLabel('评估日期');
  await date.click();
  await date.fill(assessedOn);
  await date.press('Tab');
  await page.getByLabel('变更理由').fill('复评：重度失能二级');
  await page.getByRole('button', { name: '保存评估' }).click();
  const gradeItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('失能等级（0–5）') });
  await expect(gradeItem.getByText('不能大于 5')).toBeVisible();
  await shot(page, 'grade-refused-beside-field');

  await page.getByLabel('失能等级（0–5）').fill('4');
  await page.getByRole('button', { name: '保存评估' }).click();
  await expect(page.locator('.ant-timeline-item', { hasText: assessedOn })).toContainText('今日有效');
  await expect(described(page, '有效等级')).toHaveText('4 级');
  // The change re-decides the person's partition; the page follows it to the end.
  await expect(page.getByTestId('change-progress')).toContainText(/重新审核 1\/1 个分区，已完成/);
  await shot(page, 'timeline-after');
  // The history says who recorded the re-assessment, why, and what changed.
  const history = page.locator('.ant-card', { hasText: '变更历史' });
  const latest = history.locator('tr.ant-table-row').first();
  await expect(latest).toContainText('复评：重度失能二级');
  await expect(latest).toContainText('assessments[1]');
  await expect(history.locator('tr.ant-table-row').nth(1)).toContainText('新建');
  await shot(page, 'history');
});
