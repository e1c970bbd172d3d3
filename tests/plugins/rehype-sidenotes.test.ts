import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { byClass, danglingFragments, findAll, hasClass, outer, parseHtml, text } from '../helpers/html';
import { md, renderMarkdown } from '../helpers/markdown';

const footnotes = (tree: ReturnType<typeof parseHtml>) =>
  findAll(tree, (e) => e.tagName === 'section' && 'dataFootnotes' in e.properties)[0];

describe('rehype-sidenotes', () => {
  it('puts a copy of each note, without its back-link, right after its reference', async () => {
    const html = await renderMarkdown(
      md(
        'AdamW 把衰减解耦[^decay]，学习率取 $10^{-3}$[^lr]。',
        '',
        '[^decay]: 见 [论文](https://arxiv.org/abs/1711.05101)，$\\lambda$ 独立于梯度。',
        '[^lr]: PyTorch 的默认值。',
      ),
    );
    const tree = parseHtml(html);
    const paragraph = findAll(tree, (e) => e.tagName === 'p')[0];
    // (The hidden TeX copy that search indexes is not part of what a reader sees.)
    const children = (paragraph?.children ?? []).filter(
      (c): c is Element => c.type === 'element' && !hasClass(c, 'math-search-text'),
    );
    const names = children.map((c) => (hasClass(c, 'sidenote') ? 'sidenote' : c.tagName));
    expect(names).toEqual(['sup', 'sidenote', 'span', 'sup', 'sidenote']);

    const [first, second] = byClass(tree, 'sidenote');
    expect(first?.properties).toMatchObject({ dataPagefindIgnore: '', ariaHidden: 'true' });
    expect(text(byClass(first ?? tree, 'sidenote-number')[0])).toBe('1');
    expect(text(first)).toMatch(/^1 见 论文，.*独立于梯度。$/);
    expect(byClass(first ?? tree, 'katex')).toHaveLength(1);
    expect(outer(second)).toBe(
      '<span class="sidenote" data-pagefind-ignore="" aria-hidden="true"><span class="sidenote-number">2</span> ' +
        '<span class="sidenote-paragraph">PyTorch 的默认值。</span></span>',
    );
    // Copies carry no ids, no back-references, and their links are out of the tab order.
    for (const sidenote of [first, second]) {
      expect(findAll(sidenote ?? tree, (e) => e.properties.id !== undefined)).toEqual([]);
      expect(text(sidenote)).not.toContain('↩');
    }
    expect(findAll(first ?? tree, (e) => e.tagName === 'a').map((a) => a.properties.tabIndex)).toEqual([-1]);

    // The footnote section stays, complete, for screen readers and narrow screens.
    const section = footnotes(tree);
    expect(section?.properties.dataSidenotes).toBe('all');
    expect(text(section)).toContain('PyTorch 的默认值。');
    expect(text(section)).toContain('↩');
    expect(danglingFragments(tree)).toEqual([]);
  });

  it('labels the footnote section in Chinese', async () => {
    const tree = parseHtml(await renderMarkdown(md('正文[^1]。', '', '[^1]: 注。')));
    expect(text(findAll(footnotes(tree) ?? tree, (e) => e.tagName === 'h2')[0])).toBe('脚注');
    expect(findAll(tree, (e) => 'dataFootnoteBackref' in e.properties)[0]?.properties.ariaLabel).toBe(
      '返回正文中脚注 1 的位置',
    );
  });

  it('adds one sidenote per note even when it is referenced twice', async () => {
    const tree = parseHtml(await renderMarkdown(md('一[^a]，二[^a]。', '', '[^a]: 同一条注。')));
    expect(byClass(tree, 'sidenote')).toHaveLength(1);
    expect(footnotes(tree)?.properties.dataSidenotes).toBe('all');
  });

  it('keeps every paragraph of a long note as an inline block', async () => {
    const tree = parseHtml(await renderMarkdown(md('正文[^long]。', '', '[^long]: 第一段。', '', '    第二段。')));
    const sidenote = byClass(tree, 'sidenote')[0];
    expect(byClass(sidenote ?? tree, 'sidenote-paragraph').map((p) => [p.tagName, text(p)])).toEqual([
      ['span', '第一段。'],
      ['span', '第二段。'],
    ]);
    expect(findAll(sidenote ?? tree, (e) => e.tagName === 'p')).toEqual([]);
  });

  it('skips notes with lists or code and references in tables, keeping the section visible', async () => {
    const html = await renderMarkdown(
      md(
        '正文[^list]，另一处[^plain]。',
        '',
        '| 方法 | 说明 |',
        '| --- | --- |',
        '| Adam | 见注[^table] |',
        '',
        '[^list]: 两点：',
        '',
        '    - 一',
        '    - 二',
        '[^plain]: 普通。',
        '[^table]: 表格里的注。',
      ),
    );
    const tree = parseHtml(html);
    expect(byClass(tree, 'sidenote').map((s) => text(s))).toEqual(['2 普通。']);
    expect(footnotes(tree)?.properties.dataSidenotes).toBeUndefined();
  });

  // `#` is not allowed in the body (remark-structure-checks): the page title is the only h1.
  it('adds no sidenote to a reference in a heading of any level', async () => {
    const headings = ['##', '###', '####', '#####', '######'].map((hashes, i) => `${hashes} 标题${i + 1}[^h${i + 1}]`);
    const notes = headings.map((_, i) => `[^h${i + 1}]: 标题注 ${i + 1}。`);
    const tree = parseHtml(await renderMarkdown(md(...headings.flatMap((h) => [h, '']), ...notes)));
    expect(byClass(tree, 'sidenote')).toEqual([]);
    expect(footnotes(tree)?.properties.dataSidenotes).toBeUndefined();
  });

  it('adds no sidenote inside the footnote section for a note that refers to another note', async () => {
    const tree = parseHtml(await renderMarkdown(md('正文[^a]。', '', '[^a]: 另见[^b]。', '[^b]: 第二条注。')));
    expect(byClass(footnotes(tree) ?? tree, 'sidenote')).toEqual([]);
    expect(byClass(tree, 'sidenote').map((s) => text(s))).toEqual(['1 另见2。']);
    // The second note has no sidenote of its own, so the section must stay visible.
    expect(footnotes(tree)?.properties.dataSidenotes).toBeUndefined();
  });

  it('does nothing without footnotes', async () => {
    const html = await renderMarkdown('没有脚注。');
    expect(html).not.toContain('sidenote');
  });
});
