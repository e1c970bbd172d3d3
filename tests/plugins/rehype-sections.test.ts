import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

/** The top level of rendered Markdown: each element's tag, class and, for a section, what it holds. */
async function topLevel(markdown: string) {
  const tree = fromHtml(await renderMarkdown(markdown), { fragment: true });
  return tree.children.flatMap((node) =>
    node.type !== 'element'
      ? []
      : [
          {
            tag: node.tagName,
            className: String(node.properties.className ?? ''),
            holds:
              node.tagName === 'section' ? node.children.flatMap((c) => (c.type === 'element' ? [c.tagName] : [])) : [],
            text: toText(node).trim().slice(0, 12),
          },
        ],
  );
}

describe('rehype-sections (the browser may skip laying out sections far off screen)', () => {
  it('wraps each ## and ### part in a section of its own and leaves the opening paragraphs outside', async () => {
    const found = await topLevel(
      [
        '开头一段。',
        '## 第一节',
        '正文 $x$。',
        '### 小节',
        '$$\ny=1\n$$',
        '## 第二节',
        '最后一段[^1]。',
        '[^1]: 注。',
      ].join('\n\n'),
    );
    expect(found.map(({ tag, className }) => `${tag}.${className}`)).toEqual([
      'p.',
      'section.article-section',
      'section.article-section',
      'section.article-section',
      'section.footnotes',
    ]);
    expect(found[1]?.holds).toEqual(['h2', 'p']);
    expect(found[1]?.text.startsWith('第一节')).toBe(true);
    expect(found[2]?.holds[0]).toBe('h3');
    expect(found[2]?.holds).toContain('div');
    expect(found[3]?.holds).toEqual(['h2', 'p']);
  });

  it('reserves a taller guessed height for a part with more text and formulas', async () => {
    const html = await renderMarkdown(
      [
        '## 短',
        '一句。',
        '## 长',
        ...Array.from({ length: 12 }, (_, i) => `第 ${i} 段，$x_${i}^2$ 的推导。\n\n$$\nf_${i}(x)=x\n$$`),
      ].join('\n\n'),
    );
    const heights = [...html.matchAll(/<section class="article-section" style="--section-height:(\d+)px">/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights).toHaveLength(2);
    expect(heights[0]).toBeGreaterThan(0);
    expect(heights[1]).toBeGreaterThan((heights[0] ?? 0) * 5);
  });

  it('gives formulas and tables in a section a tab stop before they are laid out, and none above the first heading', async () => {
    const html = await renderMarkdown(
      ['$$\na=1\n$$', '## 一节', '$$\nb=2\n$$', '| x | y |\n| - | - |\n| 1 | 2 |'].join('\n\n'),
    );
    const [opening, section] = html.split('<section');
    expect(opening).toContain('katex-display');
    expect(opening).not.toContain('tabindex');
    expect(section?.match(/<span class="katex-display" tabindex="0">/g)).toHaveLength(1);
    expect(section?.match(/<table tabindex="0">/g)).toHaveLength(1);
  });

  it('adds nothing to an article without headings', async () => {
    expect((await topLevel('一段。\n\n又一段。')).map(({ tag }) => tag)).toEqual(['p', 'p']);
  });
});
