import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLog, builds } from '../setup/build-site';

/**
 * What `npm run build` prints for good content: progress lines and nothing to act on, so a real
 * warning stands out. The shared test build's output is read, not a build of its own.
 */
describe('the output of a clean build', () => {
  const output = readFileSync(buildLog(builds.root.dir), 'utf8');

  it('has no warning, in particular not the module-level directive warning per article', () => {
    expect(output).not.toContain('MODULE_LEVEL_DIRECTIVE');
    expect(output.split('\n').filter((line) => /\[WARN\]/.test(line))).toEqual([]);
  });

  it('has no colour codes when written to a file', () => {
    expect(output).not.toContain(`${String.fromCharCode(27)}[`);
  });
});
