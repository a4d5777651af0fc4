import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/integration/**'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // DynamoDB Local starts once per run, for this project only.
          globalSetup: ['test/integration/global-setup.ts'],
          hookTimeout: 120_000,
          testTimeout: 180_000,
        },
      },
    ],
  },
});
