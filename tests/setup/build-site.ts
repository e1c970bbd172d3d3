import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The production builds the built-site and browser tests read: one at `/`, one under `/kb/`. */
export const builds = {
  root: { dir: resolve('.test-dist/root'), base: '/' },
  kb: { dir: resolve('.test-dist/kb'), base: '/kb/' },
} as const;

/** Where the output of the test build into `dir` is kept. */
export function buildLog(dir: string): string {
  return `${dir}.log`;
}

/**
 * Runs `astro build` with the given environment and returns its exit code and output. Used for
 * the two test builds and for the failure cases (bad frontmatter, broken formula…).
 */
export function astroBuild(env: Record<string, string>): { status: number | null; output: string } {
  // Built as an author builds in a terminal, whatever machine runs the tests: Astro's colour
  // library turns colours on whenever CI is set, and the site URL check stops a CI build without
  // one (src/integrations/site-url.ts has its own tests).
  const { CI: _ci, ...inherited } = process.env;
  const result = spawnSync(resolve('node_modules/.bin/astro'), ['build'], {
    // NODE_ENV stays as Vitest set it ('test'): a build must not depend on it (see drafts.ts).
    env: { ...inherited, ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: 'https://example.github.io', ...env },
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * Vitest global setup: builds the real site twice before the `site` project runs. Set
 * `SKIP_BUILD=1` to reuse `.test-dist/` while iterating on a test.
 */
export default function setup(): void {
  for (const { dir, base } of Object.values(builds)) {
    if (process.env.SKIP_BUILD === '1' && existsSync(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
    const { status, output } = astroBuild({ OUT_DIR: dir, BASE_PATH: base, SITE_URL: 'https://example.github.io' });
    // Kept for the test that a clean build prints only what an author needs.
    writeFileSync(buildLog(dir), output);
    if (status !== 0) throw new Error(`astro build (base ${base}) failed:\n${output.slice(-4000)}`);
  }
}
