/**
 * What the journeys share: the stack's URLs, seeding through the API with local tokens (as the bureau
 * and institutions would), signing in through the console's development sign-in, and screenshots
 * saved per journey under test-results/console-journeys/<journey>/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { issueToken, type Role } from '../../infra/local/tokens.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const apiUrl = () => process.env.E2E_API_URL as string;
export const consoleUrl = () => process.env.E2E_CONSOLE_URL as string;
export const run = Date.now().toString(36).toUpperCase();

/** Calls the API as a role; throws with the body on a non-2xx answer. */
export async function api<T = unknown>(
  who: { role: Role; institutionId?: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const token = await issueToken(root, who);
  const r = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Waits until the claim is decided (readable) and returns it. */
export async function decided<T = { status: string; payable: string }>(claimId: string): Promise<T> {
  const token = await issueToken(root, { role: 'bureau' });
  for (let i = 0; i < 150; i++) {
    const r = await fetch(`${apiUrl()}/claims/${encodeURIComponent(claimId)}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.ok) return (await r.json()) as T;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`${claimId} was not decided`);
}

export async function setClock(offsetMs: number): Promise<void> {
  await fetch(`${process.env.E2E_CONTROL_URL}/clock`, { method: 'POST', body: JSON.stringify({ offsetMs }) });
}

export function institution(institutionId: string, name: string) {
  return {
    institutionId,
    name,
    institutionType: 'elderly-care',
    ownership: 'private',
    totalBeds: 120,
    nursingBeds: 80,
    medicalFacility: 'internal',
    registeredOn: '2020-05-01',
    designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
    reason: '旅程测试：登记机构',
  };
}

/** The bureau files that `institutionId` cares for `personId` (an institution submits only for persons it serves). */
export async function serves(institutionId: string, personId: string): Promise<void> {
  const agreementId = `SA-${institutionId}-${personId}`;
  await api({ role: 'bureau' }, 'PUT', `/registry/agreements/${agreementId}`, {
    agreementId,
    kind: 'care',
    institutionId,
    personId,
    from: '2024-01-01',
    reason: '服务协议备案',
  });
}

export function person(personId: string, assessments = [{ grade: 4, assessedOn: '2025-06-10' }]) {
  return { personId, insuredType: 'employee', enrolledOn: '2024-01-01', assessments, reason: '旅程测试：参保登记' };
}

/** Shanghai date arithmetic for test data, on `YYYY-MM-DD` strings. */
export function shanghaiDate(offsetDays = 0, from = new Date()): string {
  return new Date(from.getTime() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A screenshot of the page as it is now, numbered in the journey's folder. */
export function screenshots(journey: string) {
  const dir = `${root}test-results/console-journeys/${journey}`;
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, name: string) => {
    n++;
    await page.screenshot({ path: `${dir}/${String(n).padStart(2, '0')}-${name}.png`, fullPage: true });
  };
}

/** Signs in through the console's development sign-in page. */
export async function signIn(page: Page, role: Role, institutionId?: string): Promise<void> {
  await page.goto(`${consoleUrl()}/#/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  const label = { institution: '机构', bureau: '医保局经办', finance: '财务' }[role];
  await page.locator('.ant-radio-button-wrapper', { hasText: new RegExp(`^${label}$`) }).click();
  if (institutionId) {
    const select = page.getByLabel('所属机构');
    await select.click();
    await select.fill(institutionId);
    await page.locator('.ant-select-item-option', { hasText: institutionId }).first().click();
  }
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await expect(page.getByRole('button', { name: /退\s?出/ })).toBeVisible();
}

/** The value cell beside a label of a bordered antd Descriptions. */
export function described(page: Page, label: string) {
  return page.locator('th.ant-descriptions-item-label', { hasText: label }).locator('xpath=following-sibling::td[1]');
}
