import { describe, expect, it } from 'vitest';
import {
  byClass,
  byId,
  danglingFragments,
  findAll,
  hasClass,
  outer,
  parseHtml,
  silenceRenderErrors,
  text,
} from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

describe('remark-equations', () => {
  silenceRenderErrors();

  it('numbers labelled display math in order, with the number drawn by KaTeX inside the wrapper', async () => {
    const html = await renderMarkdown(
      md(
        '$$',
        'm_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t \\label{eq:first-moment}',
        '$$',
        '',
        '$$',
        '\\hat m_t = \\frac{m_t}{1-\\beta_1^t} \\label{eq:bias_correction}',
        '$$',
      ),
    );
    const tree = parseHtml(html);
    const equations = byClass(tree, 'equation');
    expect(equations.map((equation) => equation.properties.id)).toEqual(['eq-first-moment', 'eq-bias_correction']);
    for (const [index, equation] of equations.entries()) {
      expect(equation.tagName).toBe('div');
      const display = byClass(equation, 'katex-display');
      expect(display).toHaveLength(1);
      // KaTeX's tag: "(n)" in the drawn formula and in its MathML.
      expect(text(equation)).toContain(`(${index + 1})`);
      const annotation = findAll(equation, (element) => element.tagName === 'annotation')[0];
      expect(text(annotation)).toContain(`\\tag{${index + 1}}`);
      expect(text(annotation)).not.toContain('\\label');
    }
  });

  it('counts only labelled formulas: unlabelled display math and inline math get no number', async () => {
    const html = await renderMarkdown(
      md(
        '$$',
        'x = 0',
        '$$',
        '',
        '设 $y=1$。',
        '',
        '$$',
        'a = 1 \\label{eq:a}',
        '$$',
        '',
        '$$',
        'z = 2',
        '$$',
        '',
        '$$',
        'b = 2 \\label{eq:b}',
        '$$',
        '',
        '见 [@eq:b]。',
      ),
    );
    const tree = parseHtml(html);
    expect(
      byClass(tree, 'equation').map((equation) => [equation.properties.id, text(equation).includes('(1)')]),
    ).toEqual([
      ['eq-a', true],
      ['eq-b', false],
    ]);
    expect(text(byId(tree, 'eq-b'))).toContain('(2)');
    expect(byClass(tree, 'katex-display')).toHaveLength(4);
    expect(html.match(/\\tag\{/g)).toHaveLength(2);
    expect(text(byClass(tree, 'xref')[0])).toBe('式 (2)');
  });

  it('links [@eq:…] to the equation, before and after it, several in one text node', async () => {
    const html = await renderMarkdown(
      md(
        '由 [@eq:b] 和 [@eq:a]，再看一次 [@eq:b]。',
        '',
        '$$',
        'a = 1 \\label{eq:a}',
        '$$',
        '',
        '$$',
        'b = 2 \\label{eq:b}',
        '$$',
        '',
        '回到 [@eq:a]。',
      ),
    );
    const tree = parseHtml(html);
    const links = byClass(tree, 'xref');
    expect(links.map((link) => [link.properties.href, text(link)])).toEqual([
      ['#eq-b', '式 (2)'],
      ['#eq-a', '式 (1)'],
      ['#eq-b', '式 (2)'],
      ['#eq-a', '式 (1)'],
    ]);
    for (const link of links) expect(link.properties.dataPreview).toBe('');
    expect(outer(links[0])).toBe('<a href="#eq-b" class="xref" data-preview="">式 (2)</a>');
    expect(text(findAll(tree, (element) => element.tagName === 'p')[0])).toBe('由 式 (2) 和 式 (1)，再看一次 式 (2)。');
    expect(danglingFragments(tree)).toEqual([]);
  });

  it('keeps the label inside environments and numbers the whole block once', async () => {
    const html = await renderMarkdown(
      md('$$', '\\begin{aligned}', 'x &= 1 \\\\', 'y &= 2', '\\end{aligned} \\label{eq:system:v2}', '$$'),
    );
    const tree = parseHtml(html);
    const equation = byId(tree, 'eq-system:v2');
    expect(equation && hasClass(equation, 'equation')).toBe(true);
    expect(text(equation)).toContain('(1)');
  });

  it('accepts spaces around the label, and leaves the TeX a reader copies tidy', async () => {
    const html = await renderMarkdown(
      md('$$', 'a = 1 \\label {eq:a}', '$$', '', '$$', 'b = 2 \\label{ eq:b }', '$$', '', '见 [@eq:a] 与 [@eq:b]。'),
    );
    const tree = parseHtml(html);
    expect(byClass(tree, 'equation').map((equation) => equation.properties.id)).toEqual(['eq-a', 'eq-b']);
    expect(findAll(tree, (element) => element.tagName === 'annotation').map((annotation) => text(annotation))).toEqual([
      'a = 1 \\tag{1}',
      'b = 2 \\tag{2}',
    ]);
    expect(byClass(tree, 'xref').map((link) => text(link))).toEqual(['式 (1)', '式 (2)']);
  });

  it('leaves unlabelled display math and references in code alone', async () => {
    const html = await renderMarkdown(md('$$', 'x = 1', '$$', '', '写作 `[@eq:a]` 即可引用。'));
    expect(html).not.toContain('class="equation"');
    expect(html).not.toContain('\\tag');
    expect(html).toContain('<code>[@eq:a]</code>');
  });

  it('fails on a reference to a missing label, naming the file and line', async () => {
    const markdown = md('$$', 'x \\label{eq:a}', '$$', '', '第一段。', '', '见 [@eq:missing]。');
    await expect(renderMarkdown(markdown)).rejects.toThrow(`${FIXTURE_FILE}:7:`);
    await expect(renderMarkdown(markdown)).rejects.toThrow(
      '引用了不存在的公式标签：eq:missing。请检查拼写，或在$$ 公式里的 \\label{…}中定义它。',
    );
    await expect(renderMarkdown('见 [@fig:nope]。')).rejects.toThrow(
      `${FIXTURE_FILE}:1:3 引用了不存在的图标签：fig:nope。请检查拼写，或在\`\`\`figure 块的 id: 中定义它。`,
    );
  });

  it('fails on a label used twice, at the second use', async () => {
    const markdown = md('$$', 'x \\label{eq:a}', '$$', '', '$$', 'y \\label{eq:a}', '$$');
    await expect(renderMarkdown(markdown)).rejects.toThrow(
      new RegExp(`${FIXTURE_FILE}:5:1 公式标签重复：eq:a（第一次出现在第 1 行）`),
    );
  });

  it('fails on two labels in one block', async () => {
    const markdown = md('文字。', '', '$$', 'x \\label{eq:a} \\\\ y \\label{eq:b}', '$$');
    await expect(renderMarkdown(markdown)).rejects.toThrow(
      new RegExp(`${FIXTURE_FILE}:3:1 一个公式块只能有一个 \\\\label`),
    );
  });

  it('fails on a label in inline math, also with a space before the brace', async () => {
    for (const label of ['\\label{eq:x}', '\\label {eq:x}']) {
      await expect(renderMarkdown(md('第一行。', '', `设 $x ${label}$。`))).rejects.toThrow(
        new RegExp(`${FIXTURE_FILE}:3:\\d+ 行内公式不能加 \\\\label`),
      );
    }
  });

  it('fails on a label without the eq: prefix and on a hand-written \\tag', async () => {
    for (const label of ['adam', 'xeq:adam', 'eq:adam update']) {
      await expect(renderMarkdown(md('$$', `x \\label{${label}}`, '$$'))).rejects.toThrow(
        `${FIXTURE_FILE}:1:1 公式标签必须以 eq: 开头，只含字母、数字、-、_、:，如 \\label{eq:adam-update}；现在是 ${label}。`,
      );
    }
    for (const tag of ['\\tag{A}', '\\tag {A}', '\\tag*{A}', '\\notag', '\\nonumber']) {
      await expect(renderMarkdown(md('$$', `x ${tag} \\label{eq:x}`, '$$'))).rejects.toThrow(
        `${FIXTURE_FILE}:1:1 带 \\label 的公式由网站自动编号，请删掉其中的 \\tag / \\notag。`,
      );
    }
  });
});
