import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/integration/**', 'test/reliability/**'] } },
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
      {
        extends: true,
        test: {
          // Fault injection, duplicate storms, fuzzing and the access matrix: `npm run test:reliability`.
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/reliability/global-setup.ts'],
          // Each file starts its own local stack (DynamoDB Local is a JVM): one file at a time on 2 cores.
          fileParallelism: false,
          hookTimeout: 180_000,
          testTimeout: 600_000,
        },
      },
    ],
  },
});
