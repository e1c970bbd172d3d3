import { describe, expect, it } from 'vitest';
import { byClass, findAll, parseHtml, text } from '../helpers/html';
import { md, renderMarkdown } from '../helpers/markdown';

describe('the Markdown pipeline', () => {
  it('labels each back link of a footnote cited twice by which citation it returns to', async () => {
    const tree = parseHtml(await renderMarkdown(md('正文[^a]，又见[^a]。', '', '[^a]: 注。')));
    const backLinks = findAll(tree, (e) => 'dataFootnoteBackref' in e.properties);
    expect(backLinks.map((link) => link.properties.ariaLabel)).toEqual([
      '返回正文中脚注 1 的位置',
      '返回正文中脚注 1-2 的位置',
    ]);
  });

  it('resolves a reference in a callout title before naming the callout', async () => {
    const tree = parseHtml(
      await renderMarkdown(md('> [!THEOREM] 由 [@eq:a]', '> 正文。', '', '$$', 'a \\label{eq:a}', '$$')),
    );
    const theorem = byClass(tree, 'callout-theorem')[0];
    expect(theorem?.properties.ariaLabel).toBe('定理：由 式 (1)');
    expect(text(byClass(theorem ?? tree, 'xref')[0])).toBe('式 (1)');
  });

  it('colours code with the light theme by default, the dark one as variables, and scrolls long lines', async () => {
    const tree = parseHtml(await renderMarkdown(md('```ts', 'const x = 1;', '```')));
    const style = String(byClass(tree, 'astro-code')[0]?.properties.style);
    expect(style).toContain('background-color:#ffffff;--shiki-dark-bg:#0d1117;color:#1f2328;--shiki-dark:#e6edf3;');
    expect(style).toContain('overflow-x: auto');
    expect(style).not.toContain('pre-wrap');
  });
});
