import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silenceRenderErrors } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

const FILE = 'tests/fixtures/broken/formula/bad-formula.md';
const source = readFileSync(FILE, 'utf8');
const frontmatterEnd = source.indexOf('\n---\n', 3) + '\n---\n'.length;
const frontmatterLines = source.slice(0, frontmatterEnd).split('\n').length - 1;

/** The error a render of `body`, handed to the pipeline as the fixture file's body, fails with. */
async function errorFor(body: string, file = FILE): Promise<string> {
  const error = await renderMarkdown(body, { path: resolve(file) }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('build error locations', () => {
  silenceRenderErrors();

  // The broken formula opens on line 11 of the file, below seven lines of frontmatter; its bad line is 12.
  const body = source.slice(frontmatterEnd);
  it('name the line in the file when the pipeline gets the body without its frontmatter', async () => {
    expect(await errorFor(body)).toContain(`${FILE}:12:11 公式无法解析`);
    expect(await errorFor(body.trimStart())).toContain(`${FILE}:12:11 公式无法解析`);
  });

  it('name the line in the file when the pipeline gets the body with the frontmatter blanked out', async () => {
    expect(await errorFor('\n'.repeat(frontmatterLines) + body)).toContain(`${FILE}:12:11 公式无法解析`);
  });

  it('name the line as given when the text is not found in the file', async () => {
    expect(await errorFor('另一篇草稿。\n\n$\\frac{$')).toContain(`${FILE}:3:1 公式无法解析`);
  });

  it('name the line as given for a file that is not on disk', async () => {
    await expect(renderMarkdown(body, { path: resolve('tests/fixtures/content/missing.md') })).rejects.toThrow(
      'tests/fixtures/content/missing.md:5:11 公式无法解析',
    );
  });
});

describe('an article with several mistakes', () => {
  silenceRenderErrors();

  it('fails once, listing every mistake of every kind in line order with its line, not only the first', async () => {
    const message = await errorFor(
      md(
        '## 小节', // 1
        '',
        '见 [另一篇](./no-such-article.md)。', // 3
        '',
        '如 [@kingma2016adam] 所说。', // 5
        '',
        '$$', // 7
        '\\frac{a', // 8
        '$$',
        '',
        '> [!WARNIN]', // 11
        '> 提示。',
        '',
        '由 [@eq:missing] 可知。', // 14
        '',
        '<span onclick="go()">点这里</span>', // 16
        '',
        '#### 跳级', // 18
      ),
      FIXTURE_FILE,
    );
    const lines = message.split('\n').filter((line) => line.startsWith(FIXTURE_FILE));
    expect(lines.map((line) => Number(line.split(':')[1]))).toEqual([3, 5, 8, 11, 14, 16, 18]);
    expect(lines[0]).toContain('链接指向不存在的文章');
    expect(lines[1]).toContain('未知的参考文献：kingma2016adam（是不是 "kingma2015adam"？）');
    expect(lines[2]).toContain('公式无法解析');
    expect(lines[3]).toContain('未知的提示框类型');
    expect(lines[4]).toContain('引用了不存在的公式标签');
    expect(lines[5]).toContain('onclick');
    expect(lines[6]).toContain('标题跳级');
    // The advice for formulas is said once, after the list.
    expect(message.split('\n').at(-1)).toContain('katex.org');
  });

  it('reports a label once: a bad \\label is not also a formula KaTeX cannot read', async () => {
    const message = await errorFor(md('$$', 'x \\label{eq:a} \\label{eq:b}', '$$'), FIXTURE_FILE);
    expect(message).toContain('一个公式块只能有一个 \\label');
    expect(message).not.toContain('公式无法解析');
  });
});
