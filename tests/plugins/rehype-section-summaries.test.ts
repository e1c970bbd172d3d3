import { describe, expect, it } from 'vitest';
import { SUMMARY_LENGTH } from '../../src/plugins/rehype-section-summaries';
import { renderMarkdownWithData } from '../helpers/markdown';

const summaries = async (markdown: string) =>
  ((await renderMarkdownWithData(markdown)).frontmatter.sections ?? {}) as Record<string, string>;

describe('rehype-section-summaries (what a link to a section previews)', () => {
  it("keeps a section's first paragraph, math typeset, without this page's links, marks or ids", async () => {
    const sections = await summaries(
      '## 偏差修正\n\n起点 $m_0 = 0$ 使估计偏小，见 [[target]] 与文献 [@kingma2015adam]。[^1]\n\n第二段不要。\n\n[^1]: 注。',
    );
    const html = sections.偏差修正 ?? '';
    expect(html).toMatch(/^起点 <span class="katex">.*<\/span> 使估计偏小，见 目标文章 与文献 。$/);
    expect(html).not.toMatch(/<a |id=|\[1\]|第二段/);
  });

  it('cuts a long paragraph after the sentence that reaches the length, and marks the cut', async () => {
    const first = '甲'.repeat(SUMMARY_LENGTH - 10);
    const second = '乙'.repeat(20);
    const sections = await summaries(`## 长段\n\n${first}。${second}。第三句不要。\n\n## 短段\n\n只有一句。`);
    expect(sections.长段).toBe(`${first}。${second}。…`);
    expect(sections.短段).toBe('只有一句。');
  });

  it('counts a formula by its TeX, not by the characters of its typeset HTML', async () => {
    const sections = await summaries('## 公式\n\n设 $x$ 为输入。这一句在长度之内。第三句也在。');
    expect(sections.公式).not.toContain('…');
  });

  it('gives a chapter that opens with a subsection the subsection’s paragraph, but not an empty sibling', async () => {
    const sections = await summaries(
      '## 章\n\n### 空的一节\n\n### 小节\n\n小节的第一段。\n\n### 后一节\n\n后一节的段落。',
    );
    expect(sections.章).toBe('小节的第一段。');
    expect(sections.小节).toBe('小节的第一段。');
    expect(sections.空的一节).toBeUndefined();
    expect(sections.后一节).toBe('后一节的段落。');
  });

  it('reads inside a callout or list, skipping the callout title, and gives a formula-only section nothing', async () => {
    const sections = await summaries(
      '## 定义在先\n\n> [!DEFINITION] 记号\n> 这里定义记号。\n\n## 列表\n\n- 第一项。\n\n## 只有公式\n\n$$\nx = 1\n$$\n\n## 下一节\n\n段落。',
    );
    expect(sections.定义在先).toBe('这里定义记号。');
    expect(sections.列表).toBe('第一项。');
    expect(sections.只有公式).toBeUndefined();
  });
});
