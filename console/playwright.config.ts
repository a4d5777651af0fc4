/**
 * The console's journeys in a real browser: Debian's Chromium (never a Playwright download), the
 * zh-CN locale and Asia/Shanghai, against the real local stack that global-setup.ts starts (DynamoDB
 * Local, fauxqs, the handlers, the local API and the console server). One worker: the journeys share
 * one stack on a 2-core machine. Screenshots of every journey's pages go to
 * test-results/console-journeys/<journey>/ (see e2e/support.ts).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../test-results/console-playwright',
  globalSetup: './e2e/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
