import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import katex from 'katex';
import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { katexOptions } from '../../src/plugins/katex-options';

/** Every Markdown article under content/, recursively. */
function articles(dir = 'content'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return articles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/**
 * Renders every formula of every article with KaTeX directly, outside Astro's content cache, so
 * a formula that broke in an article the cache did not re-render still fails the test suite.
 * `\label{…}` is removed first: the equation plugin replaces it with `\tag{n}`.
 */
describe('every formula of every article', () => {
  const files = articles();

  it('finds the articles', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${relative('.', file)} renders with KaTeX`, () => {
      const tree = unified().use(remarkParse).use(remarkMath).parse(readFileSync(file, 'utf8')) as Root;
      const failures: string[] = [];
      let count = 0;
      visit(tree, ['math', 'inlineMath'], (node) => {
        if (node.type !== 'math' && node.type !== 'inlineMath') return;
        count++;
        const tex = node.value.replace(/\\label\{[^}]*\}/g, '');
        try {
          katex.renderToString(tex, { ...katexOptions(), displayMode: node.type === 'math', throwOnError: true });
        } catch (error) {
          failures.push(`${file}:${node.position?.start.line}: ${(error as Error).message}`);
        }
      });
      expect(failures).toEqual([]);
      expect(count).toBeGreaterThan(0);
    });
  }
});
