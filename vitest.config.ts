import { defineConfig } from 'vitest/config';

/**
 * Three depths of tests. `unit` runs in milliseconds; `site` and `browser` share one pair of
 * production builds made by `tests/setup/build-site.ts` (at `/` and under the base path `/kb/`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/{plugins,utils,figures,content,schema}/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/{site,e2e}/**/*.test.ts'],
          globalSetup: ['tests/setup/build-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
