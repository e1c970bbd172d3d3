import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lockfile = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> };

/**
 * `npm ci` runs a package's install script with the rights of whoever installs. Only the packages
 * whose scripts the site needs (the Node binary package, esbuild's native binary) may have one: a
 * new dependency that brings an install script must be named in `allowScripts` on purpose, in a
 * commit that says why, or replaced.
 */
describe('install scripts', () => {
  it('come only from packages named in allowScripts', () => {
    const withScripts = Object.entries(lockfile.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    const allowed = Object.entries(manifest.allowScripts ?? {})
      .filter(([, allow]) => allow)
      .map(([name]) => name);
    expect(withScripts.filter((name) => !allowed.includes(name))).toEqual([]);
    expect(withScripts.length).toBeGreaterThan(0);
  });
});
