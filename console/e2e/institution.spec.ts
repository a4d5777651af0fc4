/**
 * An institution's clerk submits a care-service claim with a mistake, sees the API's field error in
 * Chinese beside the field, corrects it, and later reads the decision with its per-day explanation.
 */
import { expect, test } from '@playwright/test';
import { api, decided, institution, person, run, screenshots, serves, shanghaiDate, signIn } from './support.ts';

const INST = `E2E-A-${run}`;
const PERSON = `E2E-P1-${run}`;

test.beforeAll(async () => {
  await api({ role: 'bureau' }, 'PUT', `/registry/institutions/${INST}`, institution(INST, '夕阳红养老服务中心'));
  await api({ role: 'bureau' }, 'PUT', `/registry/persons/${PERSON}`, person(PERSON));
  await serves(INST, PERSON);
});

test('submits a care claim, corrects a field error, and reads the per-day decision', async ({ page }) => {
  const shot = screenshots('institution-submits-care-claim');
  await signIn(page, 'institution', INST);
  await shot(page, 'month-at-a-glance');

  await page.getByRole('menuitem', { name: '填报申报' }).click();
  const claimId = `CS-${run}`;
  const from = shanghaiDate(-20);
  const to = shanghaiDate(-11);
  await page.getByLabel('申报编号').fill(claimId);
  await page.getByLabel('参保人编号').fill(PERSON);
  for (const [label, value] of [
    ['申报期间起', from],
    ['申报期间止', to],
    ['起', from],
    ['止', to],
  ] as const) {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(value);
    await input.press('Tab');
  }
  // The mistake: a unit price that is not an amount.
  await page.getByLabel('单价（元）').fill('80.5.0');
  await shot(page, 'form-with-a-mistake');
  await page.getByRole('button', { name: '提交申报' }).click();

  const priceItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('单价（元）') });
  await expect(priceItem.getByText('单价须为字符串，最多六位小数')).toBeVisible();
  await shot(page, 'field-error-beside-the-field');

  await page.getByLabel('单价（元）').fill('80.00');
  await page.getByRole('button', { name: '提交申报' }).click();
  await expect(page.getByText('已受理', { exact: true })).toBeVisible();
  await shot(page, 'accepted');

  await page.getByRole('link', { name: claimId }).click();
  // The decision comes from the queue: the clerk reloads once it is there.
  await decided(claimId);
  await page.reload();
  await expect(page.getByText('逐日说明')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('已核准').first()).toBeVisible();
  const days = page.locator('.ant-card').filter({ hasText: '逐日说明' }).locator('tbody tr.ant-table-row');
  await expect(days).toHaveCount(10);
  await expect(days.first()).toContainText(from);
  await expect(days.first()).toContainText('42.00');
  await shot(page, 'decision-per-day');

  await page.locator('.ant-segmented-item', { hasText: 'English' }).click();
  await expect(page.getByText('Day by day')).toBeVisible();
  await shot(page, 'decision-in-english');
});
