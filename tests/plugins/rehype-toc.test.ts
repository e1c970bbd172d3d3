import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

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

  it('leaves out the footnote section heading', async () => {
    const html = await renderMarkdown('## 一节\n\n正文[^a]。\n\n[^a]: 注。');
    expect(html).toContain('id="footnote-label"');
    expect(html).not.toContain('href="#footnote-label"');
  });
});
