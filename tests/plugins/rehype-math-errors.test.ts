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

  it('fails the render listing every bad formula with its line, KaTeX reason and the line as written', async () => {
    const markdown = md('好的 $a$', '', '坏的 $\\frac{1}{$', '', '$$', '\\undefinedcommand', '$$');
    const error = await renderMarkdown(markdown).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ContentError');
    expect((error as Error).message.split('\n').slice(1)).toEqual([
      `${FIXTURE_FILE}:3:4 公式无法解析：Unexpected end of input in a macro argument, expected '}'。这一行：坏的 $\\frac{1}{$`,
      `${FIXTURE_FILE}:6:1 公式无法解析：Undefined control sequence: \\undefinedcommand。这一行：\\undefinedcommand`,
      '请修正上面的 LaTeX（KaTeX 支持的命令见 https://katex.org/docs/supported）。',
    ]);
  });

  it('names the bad line inside a multi-line numbered formula, without the \\tag the site adds', async () => {
    const markdown = md(
      '前文。',
      '',
      '$$',
      '\\begin{aligned}',
      'a &= b \\\\',
      'c &= \\foo{1} \\\\',
      'd &= e',
      '\\end{aligned}',
      '\\label{eq:sum}',
      '$$',
    );
    const error = await renderMarkdown(markdown).catch((caught: unknown) => caught);
    const [, problem] = (error as Error).message.split('\n');
    expect(problem).toBe(
      `${FIXTURE_FILE}:6:6 公式无法解析：Undefined control sequence: \\foo。这一行：c &= \\foo{1} \\\\`,
    );
    expect((error as Error).message).not.toContain('\\tag');
  });
});
