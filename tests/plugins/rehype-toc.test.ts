import { describe, expect, it } from 'vitest';
import type { TocEntry } from '../../src/plugins/rehype-toc';
import { byClass, findAll, parseHtml, text } from '../helpers/html';
import { md, renderMarkdown, renderMarkdownWithData } from '../helpers/markdown';

describe('rehype-toc', () => {
  it('gives a heading with math a readable id instead of KaTeX text run together', async () => {
    const html = await renderMarkdown('## 为什么偏差修正是 $1-\\beta^t$\n\n正文。');
    expect(html).toContain('<h2 id="为什么偏差修正是-1-betat">');
    expect(html).not.toMatch(/id="[^"]*\\beta/);
  });

  it('keeps ids unique and adds a section link to each heading', async () => {
    const html = await renderMarkdown('## 小结\n\n一。\n\n## 小结\n\n二。');
    expect(html).toContain('id="小结"');
    expect(html).toContain('id="小结-1"');
    expect(html).toContain('<a class="heading-anchor" href="#小结-1" aria-label="本节链接"></a>');
  });

  it('ignores an HTML comment in a heading', async () => {
    const html = await renderMarkdown('## 标题 <!-- 待改 -->');
    expect(html).toContain('<h2 id="标题">');
  });

  it('leaves out the footnote section heading', async () => {
    const html = await renderMarkdown('## 一节\n\n正文[^a]。\n\n[^a]: 注。');
    expect(html).toContain('id="footnote-label"');
    expect(html).not.toContain('href="#footnote-label"');
  });
});

describe('rehype-toc: the table of contents', () => {
  async function tocOf(markdown: string, frontmatter: Record<string, unknown> = {}) {
    const result = await renderMarkdownWithData(markdown, { frontmatter });
    return { toc: result.frontmatter.toc as TocEntry[], frontmatter: result.frontmatter };
  }

  it('lists ## and ### headings with their depth and id, not #### or the footnotes heading', async () => {
    const { toc } = await tocOf(md('## 甲', '', '### 乙', '', '#### 丙', '', '## 丁[^n]', '', '[^n]: 注。'));
    expect(toc.map(({ depth, slug }) => [depth, slug])).toEqual([
      [2, '甲'],
      [3, '乙'],
      [2, '丁'],
    ]);
  });

  it("keeps a heading's math typeset and the text of its links, without footnote marks or anchors", async () => {
    const { toc } = await tocOf(
      md('## 偏差修正 $1-\\beta^t$ 与 [@eq:a][^n]', '', '$$', 'a \\label{eq:a}', '$$', '', '[^n]: 注。'),
    );
    const [entry] = toc;
    const tree = parseHtml(entry?.html ?? '');
    expect(byClass(tree, 'katex')).toHaveLength(1);
    expect(findAll(tree, (e) => e.tagName === 'a')).toEqual([]);
    expect(findAll(tree, (e) => e.tagName === 'sup')).toEqual([]);
    expect(byClass(tree, 'sidenote')).toEqual([]);
    expect(text(findAll(tree, (e) => e.tagName === 'annotation')[0])).toBe('1-\\beta^t');
    expect(entry?.html).toContain('式 (1)');
    expect(entry?.html.startsWith('偏差修正 ')).toBe(true);
  });

  it('gives a heading without letters the id "section", and keeps ids written by hand', async () => {
    const html = await renderMarkdown(md('## ？！', '', '## …', '', '<h2 id="mine">自定</h2>'));
    expect(html).toContain('<h2 id="section">');
    expect(html).toContain('<h2 id="section-1">');
    expect(html).toContain('<h2 id="mine">');
  });

  it("adds the table of contents to the page's frontmatter without losing the author's fields", async () => {
    const { frontmatter, toc } = await tocOf('## 一\n\n正文。', { title: '标题', tags: ['x'] });
    expect(frontmatter.title).toBe('标题');
    expect(frontmatter.tags).toEqual(['x']);
    expect(toc).toHaveLength(1);
  });
});
