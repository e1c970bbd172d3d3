import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

const hidden = (html: string) =>
  [...html.matchAll(/<span hidden class="math-search-text">([^<]*)<\/span>/g)].map((m) => m[1]?.trim());

describe('rehype-math-search-text (formulas findable and excerpts whole in search)', () => {
  it('puts each formula’s TeX, hidden, right before it: inline and display, once each', async () => {
    const html = await renderMarkdown('若把 $m_0$ 看成样本。\n\n$$\n\\nabla f = 0\n$$');
    expect(hidden(html)).toEqual(['m_0', '\\nabla f = 0']);
    expect(html).toMatch(/<span hidden class="math-search-text"> m_0 <\/span><span class="katex">/);
  });

  it('leaves out equation numbers and labels, which are not part of the formula', async () => {
    const html = await renderMarkdown('$$\nx = 1 \\label{eq:one}\n$$\n\n见 [@eq:one]。');
    expect(hidden(html)).toEqual(['x = 1']);
  });

  it('keeps heading ids as they were (they come from the formula, not the hidden copy)', async () => {
    const html = await renderMarkdown('## 为什么是 $1-\\beta^t$');
    expect(html).toContain('id="为什么是-1-betat"');
  });
});
