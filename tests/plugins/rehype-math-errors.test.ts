import { describe, expect, it } from 'vitest';
import { silenceRenderErrors } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

describe('rehype-math-errors', () => {
  silenceRenderErrors();

  it('lets good formulas through, Chinese in math and site macros included', async () => {
    const html = await renderMarkdown('$损失=\\norm{x}^2$，$x\\in\\R$\n\n$$\n\\E[g]\n$$');
    expect(html).not.toContain('katex-error');
    expect(html.match(/class="katex"/g)).toHaveLength(3);
  });

  it('fails the render listing every bad formula with its line and KaTeX message', async () => {
    const markdown = md('好的 $a$', '', '坏的 $\\frac{1}{$', '', '$$', '\\undefinedcommand', '$$');
    const error = await renderMarkdown(markdown).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('MathError');
    expect((error as Error).message.split('\n').slice(1)).toEqual([
      `${FIXTURE_FILE}:3:4 公式无法解析：KaTeX parse error: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}{`,
      `${FIXTURE_FILE}:5:1 公式无法解析：KaTeX parse error: Undefined control sequence: \\undefinedcommand at position 1: \\̲u̲n̲d̲e̲f̲i̲n̲e̲d̲c̲o̲m̲m̲a̲n̲d̲`,
      '请修正上面的 LaTeX（KaTeX 支持的命令见 https://katex.org/docs/supported）。',
    ]);
  });
});
