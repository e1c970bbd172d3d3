import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BrowserSkipNotice } from './tests/setup/browser-skip-reporter';

/**
 * The fast tests: plugins through the real Markdown pipeline, utils, schema, figure modules and
 * every formula of the articles. Exported so mutation testing (`tests/mutation/`) runs exactly
 * this project and never the site builds.
 */
export const unitProject = {
  test: {
    name: 'unit',
    include: ['tests/{plugins,utils,numerics,figures,content,schema,social-card,integrations,deploy}/**/*.test.ts'],
  },
} satisfies TestProjectInlineConfiguration;

/**
 * Three depths of tests. `unit` runs in milliseconds; `site` and `browser` share one pair of
 * production builds made by `tests/setup/build-site.ts` (at `/` and under the base path `/kb/`).
 */
export default defineConfig({
  test: {
    // The banner after the summary makes a run without Chromium impossible to mistake for green.
    reporters: ['default', new BrowserSkipNotice()],
    projects: [
      unitProject,
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
