import { describe, expect, it } from 'vitest';
import { silenceRenderErrors } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

/** The problems a render fails with, one per line, without the renderer's first line. */
async function problems(markdown: string): Promise<string[]> {
  const error = await renderMarkdown(markdown).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message.split('\n').slice(1);
}

/** Markdown that parses but would not render as the author meant fails, every place listed. */
describe('remark-structure-checks', () => {
  silenceRenderErrors();

  it('lets a well-formed article through', async () => {
    const html = await renderMarkdown(md('## 一', '', '### 一点一', '', '正文[^a]。', '', '## 二', '', '[^a]: 注。'));
    expect(html).toContain('<h3');
  });

  it('rejects an h1 in the body and a heading that skips a level', async () => {
    expect(await problems(md('# 重复的标题', '', '## 一', '', '#### 跳过了三级'))).toEqual([
      `${FIXTURE_FILE}:1:1 正文里不要用 # 一级标题：页面已用 frontmatter 的 title 作一级标题。正文的小节从 ## 开始。`,
      `${FIXTURE_FILE}:5:1 标题跳级：#### 的上一级标题是 ##，目录会把它挂在一个不存在的小节下。请改用 ###。`,
    ]);
  });

  it('rejects a $$ that is never closed, which would turn the rest of the file into a formula', async () => {
    expect(await problems(md('第一段。', '', '$$', 'x = 1', '', '后面的正文。'))).toEqual([
      `${FIXTURE_FILE}:3:1 $$ 没有闭合：从这里到文末都会被当成一个公式。请在公式结束处单独一行写 $$。`,
    ]);
  });

  it('rejects a reference link without its definition, a link with no URL and an image with no alt text', async () => {
    expect(
      await problems(
        md(
          '见 [论文][adam] 和 [另一篇][]。',
          '',
          '[空链接]() 与 ![](./a.png)',
          '',
          '引用 [@kingma2015adam][@loshchilov2019adamw] 照常。',
        ),
      ),
    ).toEqual([
      `${FIXTURE_FILE}:1:1 链接 [论文][adam] 的 [adam] 没有定义，会原样显示为文字。请在文末写一行 [adam]: 网址，或改写成 [论文](网址)。`,
      `${FIXTURE_FILE}:1:1 链接 [另一篇][] 的 [另一篇] 没有定义，会原样显示为文字。请在文末写一行 [另一篇]: 网址，或改写成 [另一篇](网址)。`,
      `${FIXTURE_FILE}:3:1 链接的网址是空的：[文字]() 会指回本页。请在括号里写上网址，或去掉方括号。`,
      `${FIXTURE_FILE}:3:11 图片没有替代文字：屏幕阅读器读不出它，图片加载失败时也是一片空白。请写成 ![说明图片内容的文字](路径)。`,
      `${FIXTURE_FILE}:3:11 图片不存在：./a.png。相对路径从当前文章所在目录算起。`,
    ]);
    // With its definition, a reference link is a link.
    expect(await renderMarkdown(md('见 [论文][adam]。', '', '[adam]: https://arxiv.org/abs/1412.6980'))).toContain(
      'href="https://arxiv.org/abs/1412.6980"',
    );
  });

  it('rejects a footnote used but not defined, and one defined but never used', async () => {
    expect(await problems(md('正文[^1]。', '', '[^2]: 没人引用的注。'))).toEqual([
      `${FIXTURE_FILE}:1:1 脚注 [^1] 没有定义，会原样显示为文字。请在文末写一行 [^1]: 脚注内容。`,
      `${FIXTURE_FILE}:3:1 脚注 [^2] 定义了但正文没有引用它，不会显示。请在正文中写 [^2]，或删掉这条定义。`,
    ]);
  });

  it('leaves footnote syntax in code alone', async () => {
    const html = await renderMarkdown(md('写 `[^1]` 引用脚注。', '', '```md', '[^1]: 定义', '```'));
    expect(html).toContain('[^1]');
  });
});
