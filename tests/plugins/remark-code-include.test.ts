import { describe, expect, it } from 'vitest';
import { extractRegion } from '../../src/plugins/remark-code-include';
import { byClass, parseHtml, silenceRenderErrors, text } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

const SOURCE = 'tests/fixtures/code/regions.ts';

/** The code of the only highlighted block, as the reader sees it, and the block's title. */
async function includeBlock(markdown: string): Promise<{ code: string; title: string; html: string }> {
  const html = await renderMarkdown(markdown);
  const tree = parseHtml(html);
  const [pre] = byClass(tree, 'astro-code');
  const [title] = byClass(tree, 'code-title');
  return { code: text(pre), title: text(title), html };
}

describe('remark-code-include', () => {
  silenceRenderErrors();

  it('shows a named region of a repository file, dedented, markers left out, titled by path and region', async () => {
    const { code, title, html } = await includeBlock(
      md('```ts include="tests/fixtures/code/regions.ts#increment"', '```'),
    );
    expect(code).toBe(['increment(by = 1): number {', '  this.count += by;', '  return this.count;', '}'].join('\n'));
    expect(code).not.toContain('#region');
    expect(code).not.toContain('#endregion');
    expect(title).toBe(`${SOURCE}#increment`);
    // Highlighted like any TypeScript block, with a language label.
    expect(html).toContain('--shiki-dark:');
    expect(text(byClass(parseHtml(html), 'code-language')[0])).toBe('ts');
  });

  it('shows a top-level region, and the whole file without a region name', async () => {
    const square = await includeBlock(md(`\`\`\`ts include="${SOURCE}#square"`, '```'));
    expect(square.code).toBe(['export function square(x: number): number {', '  return x * x;', '}'].join('\n'));
    const whole = await includeBlock(md(`\`\`\`ts include="${SOURCE}"`, '```'));
    expect(whole.code.startsWith('/** A source file with named regions')).toBe(true);
    expect(whole.code).toContain('export class Counter');
    expect(whole.code).not.toMatch(/#(end)?region/);
    expect(whole.title).toBe(SOURCE);
  });

  it('keeps a title the author gave, and line highlights written after the include', async () => {
    const { title, html } = await includeBlock(md(`\`\`\`ts include="${SOURCE}#square" title="平方" {2}`, '```'));
    expect(title).toBe('平方');
    const lines = byClass(parseHtml(html), 'line');
    expect(lines.map((line) => line.properties.className)).toEqual([['line'], ['line', 'highlighted'], ['line']]);
  });

  it('reads include and title in any quoting, before or after line highlights', async () => {
    const unquoted = await includeBlock(md(`\`\`\`ts {2} include=${SOURCE}#square`, '```'));
    expect(unquoted.title).toBe(`${SOURCE}#square`);
    expect(byClass(parseHtml(unquoted.html), 'highlighted')).toHaveLength(1);
    const quoted = await includeBlock(md(`\`\`\`ts include='${SOURCE}#square' title='平方 函数'`, '```'));
    expect(quoted.title).toBe('平方 函数');
    expect(quoted.code.startsWith('export function square')).toBe(true);
  });

  it('fails on a missing file or a folder, naming the article line', async () => {
    const markdown = md('第一段。', '', '```ts include="src/numerics/nope.ts#x"', '```');
    await expect(renderMarkdown(markdown)).rejects.toThrow(
      `${FIXTURE_FILE}:3:1 include 的文件不存在：src/numerics/nope.ts（路径相对于仓库根目录）。`,
    );
    await expect(renderMarkdown(md('```ts include="tests/fixtures/code"', '```'))).rejects.toThrow(
      `${FIXTURE_FILE}:1:1 include 的文件不存在：tests/fixtures/code（`,
    );
  });

  it('fails on a missing region and lists the regions the file has', async () => {
    const markdown = md(`\`\`\`ts include="${SOURCE}#cube"`, '```');
    await expect(renderMarkdown(markdown)).rejects.toThrow(
      `${FIXTURE_FILE}:1:1 include="${SOURCE}#cube"：找不到区域 cube。文件里的区域有：square、increment、inner。`,
    );
  });

  it('fails on a path outside the repository, an empty path and a block with code of its own', async () => {
    for (const path of ['../outside.ts', '']) {
      await expect(renderMarkdown(md(`\`\`\`ts include="${path}#square"`, '```'))).rejects.toThrow(
        `${FIXTURE_FILE}:1:1 include 的路径必须在仓库之内，相对于仓库根目录，如 src/numerics/optimizers.ts；现在是 "${path}"。`,
      );
    }
    await expect(
      renderMarkdown(md('正文。', '', `\`\`\`ts include="${SOURCE}#square"`, 'const x = 1;', '```')),
    ).rejects.toThrow(
      `${FIXTURE_FILE}:3:1 代码块写了 include="${SOURCE}#square" 又写了代码：二者只能选一个。请删掉块里的代码。`,
    );
  });

  it('fails on a region that is never closed, naming the line in the source', async () => {
    await expect(
      renderMarkdown(md('```python include="tests/fixtures/code/broken-regions.py#never-closed"', '```')),
    ).rejects.toThrow('第 1 行的 #region never-closed 没有 #endregion');
  });

  it('leaves ordinary code blocks alone', async () => {
    const { code, title } = await includeBlock(md('```ts', 'const include = "x#y";', '```'));
    expect(code).toBe('const include = "x#y";');
    expect(title).toBe('');
  });
});

describe('extractRegion', () => {
  it('pairs #endregion with the innermost open region and rejects mismatches', () => {
    expect(extractRegion('// #region a\nx\n// #region b\ny\n// #endregion\n// #endregion a', 'a')).toEqual({
      code: 'x\ny',
    });
    expect(extractRegion('// #region a\nx\n// #endregion b', 'a')).toEqual({
      error: '第 3 行的 #endregion b 与第 1 行的 #region a 不配对。',
    });
    expect(extractRegion('x\n// #endregion', 'a')).toEqual({ error: '第 2 行的 #endregion 没有对应的 #region。' });
    expect(extractRegion('// #region a\n// #endregion', 'a')).toEqual({ error: '区域 a 是空的。' });
    expect(extractRegion('// #region a\nx\n// #endregion\n// #region a\ny\n// #endregion', 'a')).toEqual({
      error: '区域 a 定义了两次（第 4 行）。',
    });
  });

  it('dedents by the least indented line, ignoring blank lines, and trims blank lines around the code', () => {
    const source = [
      'class A:',
      '    # region body',
      '',
      '    def f(self):',
      '',
      '        return 1',
      '',
      '    # endregion',
    ];
    expect(extractRegion(source.join('\r\n'), 'body')).toEqual({ code: 'def f(self):\n\n    return 1' });
    expect(extractRegion('\tif x:\n\t\ty()\n', undefined)).toEqual({ code: 'if x:\n\ty()' });
  });

  it('shows the whole file without markers, and rejects unnamed regions and missing ones', () => {
    expect(extractRegion('a\n// #region x\nb\n// #endregion x\nc')).toEqual({ code: 'a\nb\nc' });
    expect(extractRegion('a\n// #region\nb\n// #endregion')).toEqual({ error: '第 2 行的 #region 没有名字。' });
    expect(extractRegion('a\nb', 'x')).toEqual({ error: '找不到区域 x。文件里没有任何 #region。' });
  });

  it('reads // and /* */ markers with or without a space, and no marker in the middle of a line', () => {
    expect(extractRegion('//#region a\nx\n/* #endregion a */', 'a')).toEqual({ code: 'x' });
    expect(extractRegion('/* #region a */\nx = 1  # region of interest\n// #endregion', 'a')).toEqual({
      code: 'x = 1  # region of interest',
    });
    expect(extractRegion('#region a\ny\n#endregion', 'a')).toEqual({ code: 'y' });
  });

  it('reads Python and HTML comment markers', () => {
    expect(extractRegion('# region step\ndef f():\n    pass\n# endregion', 'step')).toEqual({
      code: 'def f():\n    pass',
    });
    expect(extractRegion('<!-- #region part -->\n<p>x</p>\n<!-- #endregion -->', 'part')).toEqual({ code: '<p>x</p>' });
  });
});
