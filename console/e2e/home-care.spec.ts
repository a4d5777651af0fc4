/**
 * Home care (DOMAIN.md §11) in the console: the bureau adds a care plan to a person (a frequency of 0
 * refused beside the field first), changes a plan's weekly frequency and removes a plan, each with its
 * reason, and reads each change in the person's history; an institution reads a home-visit claim
 * whose visits were checked against the plan and the minimum minutes, with check-in and check-out
 * and the reasons in words.
 *
 * The §11 rules need a policy with `carePlanRequired` and `visitVerification`, and policies are global
 * on the journeys' shared stack: the city policy is published for one past service day only (VISIT_DAY),
 * between two versions equal to demo-2026, so no other journey's claims are decided under it.
 */
import { expect, type Page, test } from '@playwright/test';
import { api, decided, described, institution, person, run, screenshots, serves, signIn } from './support.ts';

const INST = `E2E-HC-${run}`;
const PLANNED = `E2E-HC-P1-${run}`;
const VISITED = `E2E-HC-P2-${run}`;
const CLAIM = `HV-E2E-${run}`;
/** A Monday long past: the only day the city policy decides. */
const VISIT_DAY = '2025-03-03';
const HOME_VISIT_INST = {
  ...institution(INST, '康乐居家护理站'),
  designations: [
    { scheme: 'ltc', setting: 'home-visit', from: '2024-01-01' },
    { scheme: 'ltc', setting: 'family-care', from: '2024-01-01' },
  ],
};
const bathPlan = (planId: string) => ({
  planId,
  institutionId: INST,
  setting: 'home-visit',
  from: '2024-06-01',
  services: [{ serviceCode: 'HV-BATH', maxPerWeek: 2 }, { serviceCode: 'HV-CLEAN' }],
});
const visit = (serviceCode: string, from: string, to: string) => ({
  serviceCode,
  date: VISIT_DAY,
  unitPrice: '60.00',
  visit: { checkIn: `${VISIT_DAY}T${from}+08:00`, checkOut: `${VISIT_DAY}T${to}+08:00` },
});

test.beforeAll(async () => {
  const publish = (policyId: string, effectiveFrom: string, policy: object) =>
    api({ role: 'bureau' }, 'PUT', `/policies/${policyId}`, { effectiveFrom, policy, reason: '旅程测试：居家护理新规仅适用一日' });
  await publish('e2e-demo-before', '1970-01-01', {});
  await publish(`e2e-home-care`, VISIT_DAY, {
    ltc: { carePlanRequired: ['home-visit'], visitVerification: { defaultMinMinutes: 30 } },
  });
  await publish('e2e-demo-after', '2025-03-04', {});
  await api({ role: 'bureau' }, 'PUT', `/registry/institutions/${INST}`, HOME_VISIT_INST);
  await api({ role: 'bureau' }, 'PUT', `/registry/persons/${PLANNED}`, { ...person(PLANNED), carePlans: [bathPlan('CP-1')] });
  const assessed = [{ grade: 4, assessedOn: '2024-09-01' }];
  await api({ role: 'bureau' }, 'PUT', `/registry/persons/${VISITED}`, { ...person(VISITED, assessed), carePlans: [bathPlan('CP-9')] });
  await serves(INST, VISITED);
});

/** The dialog's field `label`, and the form item around it (where its error shows). */
const field = (page: Page, label: string) => page.getByRole('dialog').getByLabel(label, { exact: true });
const itemOf = (page: Page, label: string) =>
  page
    .getByRole('dialog')
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) });

/** Picks an option of a select (typing to search it when the select searches), until the select shows it. */
async function pick(page: Page, label: string, option: string, search = true) {
  await expect(async () => {
    await field(page, label).click();
    if (search) await field(page, label).fill(option);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 2_000 });
    await expect(itemOf(page, label)).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

test('adds, changes and removes a care plan with a reason, each change in the history', async ({ page }) => {
  const shot = screenshots('bureau-edits-care-plans');
  await signIn(page, 'bureau');
  await page.goto(`${page.url().split('#')[0]}#/persons/${PLANNED}`);
  const plans = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^护理计划$/ }) });
  await expect(plans.locator('tr.ant-table-row', { hasText: 'CP-1' })).toContainText('每周≤2次');
  await shot(page, 'care-plans');

  // Add a family-care plan, first with a monthly count of 0
  await plans.getByRole('button', { name: '新增护理计划' }).click();
  await field(page, '计划编号').fill('CP-2');
  await pick(page, '签订机构', INST);
  await pick(page, '护理方式', '居家自主护理', false);
  const from = field(page, '起始日期');
  await from.click();
  await from.fill('2025-01-01');
  await from.press('Enter');
  await field(page, '服务项目 1').fill('FAMILY-CARE-DAY');
  await field(page, '每月次数上限 1').fill('0');
  await field(page, '变更理由').fill('签订家庭护理计划');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s?存/ })
    .click();
  await expect(itemOf(page, '每月次数上限 1').getByText('不能小于 1')).toBeVisible();
  await shot(page, 'frequency-refused-beside-field');
  await field(page, '每月次数上限 1').fill('20');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s?存/ })
    .click();
  const added = plans.locator('tr.ant-table-row', { hasText: 'CP-2' });
  await expect(added).toContainText('居家自主护理');
  await expect(added).toContainText('每月≤20次');
  const history = page.locator('.ant-card', { hasText: '变更历史' });
  await expect(history.locator('tr.ant-table-row').first()).toContainText('签订家庭护理计划');
  await expect(history.locator('tr.ant-table-row').first()).toContainText('carePlans[1]');
  await shot(page, 'plan-added');

  // Change CP-1's weekly count of baths
  await plans.getByRole('button', { name: '修改 CP-1' }).click();
  await expect(field(page, '每周次数上限 1')).toHaveValue('2');
  await field(page, '每周次数上限 1').fill('3');
  await field(page, '变更理由').fill('复评后助浴增至每周 3 次');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s?存/ })
    .click();
  await expect(plans.locator('tr.ant-table-row', { hasText: 'CP-1' })).toContainText('每周≤3次');
  await expect(history.locator('tr.ant-table-row').first()).toContainText('复评后助浴增至每周 3 次');
  await expect(history.locator('tr.ant-table-row').first()).toContainText('carePlans[0].services[0].maxPerWeek: 2 → 3');
  await shot(page, 'plan-changed');

  // Remove CP-2
  await plans.getByRole('button', { name: '删除 CP-2' }).click();
  await field(page, '变更理由').fill('家属不再承担照护');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /删\s?除/ })
    .click();
  await expect(plans.locator('tr.ant-table-row', { hasText: 'CP-2' })).toHaveCount(0);
  await expect(history.locator('tr.ant-table-row').first()).toContainText('家属不再承担照护');
  await expect(history.locator('tr.ant-table-row').first()).toContainText('carePlans[1]');
  await shot(page, 'plan-removed');
});

test('shows an institution each visit’s check-in and check-out and the home-care reasons in words', async ({ page }) => {
  const shot = screenshots('institution-reads-home-visits');
  // Prepare: a bath of 20 minutes (30 required), a medication visit CP-9 does not list, a cleaning that passes.
  await api({ role: 'institution', institutionId: INST }, 'POST', '/claims', {
    kind: 'care-service',
    claimId: CLAIM,
    institutionId: INST,
    personId: VISITED,
    setting: 'home-visit',
    period: { from: VISIT_DAY, to: VISIT_DAY },
    lines: [visit('HV-BATH', '09:00:00', '09:20:00'), visit('HV-MED', '10:00:00', '10:40:00'), visit('HV-CLEAN', '11:00:00', '11:45:30')],
  });
  expect((await decided(CLAIM)).status).toBe('partially-approved');
  // Act
  await signIn(page, 'institution', INST);
  await page.goto(`${page.url().split('#')[0]}#/claims/${CLAIM}`);
  // Assess
  await expect(described(page, '原因')).toContainText('上门服务无当日有效签到签退记录或服务时长不足');
  await expect(described(page, '原因')).toContainText('该服务不在参保人与本机构签订的护理计划内');
  const days = page.locator('.ant-card', { hasText: '逐日说明' });
  await expect(days).toContainText('签到 09:00:00 · 签退 09:20:00');
  await expect(days).toContainText('服务 20 分钟，少于要求的 30 分钟');
  await expect(days).toContainText('护理计划 CP-9 未列服务项目 HV-MED');
  await expect(days).toContainText('签到 11:00:00 · 签退 11:45:30');
  await shot(page, 'claim-with-visits');
});
