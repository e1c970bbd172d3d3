import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const version = (from: string) =>
  (JSON.parse(readFileSync(require.resolve('katex/package.json', { paths: [from] }), 'utf8')) as { version: string })
    .version;

describe('KaTeX', () => {
  it('renders with the same version whose CSS the site bundles', () => {
    // rehype-katex asks for katex ^0.16; its HTML uses class names the 0.19 CSS no longer styles,
    // so subscripts render full size. package.json's "overrides" keeps one KaTeX for both.
    const rehypeKatexDir = require.resolve('rehype-katex').replace(/[\\/]index\.js$/, '');
    expect(version(rehypeKatexDir)).toBe(version(process.cwd()));
  });
});
