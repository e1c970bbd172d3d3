import { describe, expect, it } from 'vitest';
import type { OutLink } from '../../src/plugins/rehype-link-context';
import { renderMarkdownWithData } from '../helpers/markdown';

const outLinks = async (markdown: string) =>
  ((await renderMarkdownWithData(markdown)).frontmatter.outLinks ?? []) as OutLink[];

describe('rehype-link-context', () => {
  it('records each link to another article with just the sentence around it, math typeset', async () => {
    const links = await outLinks('前一句不要。这里见 [目标](./target.md) 的推导，其中 $a^2$ 很关键。后一句也不要。');
    expect(links).toHaveLength(1);
    expect(links[0]?.target).toBe('target');
    const html = links[0]?.html ?? '';
    expect(html).toMatch(/^这里见 <mark>目标<\/mark> 的推导，其中 <span class="katex">.*<\/span> 很关键。$/);
    expect(html).not.toContain('前一句');
    expect(html).not.toContain('后一句');
  });

  it('drops citation and footnote marks and turns other links into text, so the excerpt stands alone', async () => {
    const [link] = await outLinks(
      '见 [[target]] 与 [外部](https://example.com)，以及文献 [@kingma2015adam] 和脚注[^1]。\n\n[^1]: 注。',
    );
    const html = link?.html ?? '';
    expect(html).toContain('<mark>目标文章</mark>');
    expect(html).toContain('外部');
    expect(html).not.toMatch(/<a |\[1\]|class="cite"|data-footnote-ref|id=/);
  });

  it('keeps one entry per sentence, for links in list items and in several paragraphs, to different articles', async () => {
    const links = await outLinks(
      '- 第一项提到 [[target]]。第一项的另一句。\n- 第二项提到 [[series/Part Two]]。\n\n又一段提到 [[target]] 两次：[[target#小结]]。',
    );
    expect(links.map((l) => l.target)).toEqual(['target', 'series/part-two', 'target']);
    expect(links[0]?.html).toBe('第一项提到 <mark>目标文章</mark>。');
    expect(links[2]?.html).toContain('两次');
  });

  it('records nothing for links to the same page, to other sites or for an article without links', async () => {
    expect(await outLinks('见 [上文](#x) 与 [外部](https://example.com)。')).toEqual([]);
  });
});
