import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

describe('rehype-math-errors', () => {
  it('lets good formulas through, Chinese in math and site macros included', async () => {
    const html = await renderMarkdown('$损失=\\norm{x}^2$，$x\\in\\R$\n\n$$\n\\E[g]\n$$');
    expect(html).not.toContain('katex-error');
    expect(html.match(/class="katex"/g)).toHaveLength(3);
  });

  it('fails the render listing every bad formula with its line and KaTeX message', async () => {
    const markdown = '好的 $a$\n\n坏的 $\\frac{1}{$\n\n$$\n\\undefinedcommand\n$$';
    const rendering = renderMarkdown(markdown);
    await expect(rendering).rejects.toThrow(/test\.md:3:\d+ 公式无法解析：KaTeX parse error/);
    await expect(rendering).rejects.toThrow(/test\.md:5:\d+ 公式无法解析：.*\\undefinedcommand/);
  });
});
