import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkContent } from '../../src/check-content';

const DIR = 'tests/fixtures/bad-input/markdown';

/**
 * `npm run check` lists every problem of every article, each once, with its file and line: one
 * fixture article per kind of Markdown mistake under tests/fixtures/bad-input/markdown/.
 */
describe('checkContent', () => {
  it('lists the problems of every article, each once, and logs nothing else', async () => {
    const logged = vi.spyOn(console, 'error');
    const lines = await checkContent({ contentDir: resolve(DIR), base: '/' });
    expect(logged).not.toHaveBeenCalled();
    expect(lines).toEqual([
      `${DIR}/cite.md:9:3 未知的参考文献：kingma2015adma（是不是 "kingma2015adam"？）。请把这个条目加入 ${DIR}/references.bib（BibTeX 条目的键要与 @ 后面的完全一致）。`,
      `${DIR}/formula.md:14:6 公式无法解析：Undefined control sequence: \\foo。这一行：c &= \\foo{1}`,
      '请修正上面的 LaTeX（KaTeX 支持的命令见 https://katex.org/docs/supported）。',
      `${DIR}/image.md:9:1 图片不存在：./img/missing.png。相对路径从当前文章所在目录算起。`,
      `${DIR}/label.md:13:3 引用了不存在的公式标签：eq:adam-updat（是不是 "eq:adam-update"？）。请检查拼写，或在$$ 公式里的 \\label{…}中定义它。`,
      `${DIR}/links.md:9:3 链接指向不存在的文章：./formla.md（是不是 "formula.md"？）。请检查文件名（相对于当前文章所在目录）。`,
      // The second broken link of the same article is listed too.
      `${DIR}/links.md:11:3 链接指向 formula.md 中不存在的位置：#不存在。小节的 id 由标题文字生成（空格变为 -，去掉标点，英文小写），公式和图是 #eq-…、#fig-…。这篇文章的小节有：（没有小节）`,
      `${DIR}/structure.md:9:1 正文里不要用 # 一级标题：页面已用 frontmatter 的 title 作一级标题。正文的小节从 ## 开始。`,
      `${DIR}/structure.md:13:1 标题跳级：#### 的上一级标题是 ##，目录会把它挂在一个不存在的小节下。请改用 ###。`,
      `${DIR}/structure.md:15:1 脚注 [^1] 没有定义，会原样显示为文字。请在文末写一行 [^1]: 脚注内容。`,
      `${DIR}/structure.md:17:1 脚注 [^2] 定义了但正文没有引用它，不会显示。请在正文中写 [^2]，或删掉这条定义。`,
      `${DIR}/structure.md:19:1 $$ 没有闭合：从这里到文末都会被当成一个公式。请在公式结束处单独一行写 $$。`,
    ]);
  });

  it('lists frontmatter, encoding and collision problems before any article is rendered', async () => {
    const lines = await checkContent({ contentDir: resolve('tests/fixtures/bad-input/collision'), base: '/' });
    expect(lines).toEqual([expect.stringContaining('collision/adam.md 与 tests/fixtures/bad-input/collision/Adam.md')]);
  });
});
