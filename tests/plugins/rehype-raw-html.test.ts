import { describe, expect, it } from 'vitest';
import { findAll, parseHtml } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

describe('rehype-raw-html', () => {
  it('keeps markup an article can use: kbd, sub, details, br, inline style', async () => {
    const tree = parseHtml(
      await renderMarkdown(
        md(
          '按 <kbd>Ctrl</kbd>，H<sub>2</sub>O<br>',
          '',
          '<details><summary>证明</summary>',
          '',
          '见上。',
          '',
          '</details>',
        ),
      ),
    );
    expect(findAll(tree, (e) => ['kbd', 'sub', 'br', 'details', 'summary'].includes(e.tagName))).toHaveLength(5);
  });

  it.each([
    ['a script', '<script>alert(1)</script>', /<script>/],
    ['a style sheet', '<style>body { display: none }</style>', /<style>/],
    ['an embedded page', '<iframe src="https://example.org"></iframe>', /<iframe>/],
    ['an inline event handler', '文字 <span onclick="go()">点我</span>', /onclick/],
    ['a javascript: link in HTML', '<a href="javascript:alert(1)">x</a>', /javascript:/],
    ['a javascript: link split by a tab', '<a href=" java&#9;script:alert(1)">x</a>', /javascript:/],
    ['a javascript: link in Markdown', '[x](javascript:alert(1))', /javascript:/],
  ])('fails on %s, naming the file, the line and what is wrong', async (_name, html, problem) => {
    const error = await renderMarkdown(md('第一行。', '', html)).then(
      () => new Error('rendered without an error'),
      (thrown: Error) => thrown,
    );
    expect(error.message).toMatch(new RegExp(`${FIXTURE_FILE}:3:\\d+ 文章里的 HTML 不能含有`));
    expect(error.message).toMatch(problem);
  });
});
