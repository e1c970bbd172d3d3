import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

describe('remark-article-links', () => {
  it('turns a link to another article file into its URL, keeping the fragment', async () => {
    const html = await renderMarkdown('见 [目标](./target.md#小结)。');
    // The fragment is percent-encoded in the HTML; browsers decode it to find id="小结".
    expect(html).toContain(
      `<a href="/articles/target/#${encodeURIComponent('小结')}" data-article-link="target" data-preview-src="/previews/articles/target.json">目标</a>`,
    );
  });

  it('puts the base path in front of article links and root-absolute links and images', async () => {
    const html = await renderMarkdown('[目标](./target.md) [搜索](/search/) ![点](/img/dot.svg)', { base: '/kb/' });
    expect(html).toContain('href="/kb/articles/target/"');
    expect(html).toContain('href="/kb/search/"');
    expect(html).toContain('src="/kb/img/dot.svg"');
  });

  it('does not add the base twice, and leaves external links and fragments alone', async () => {
    const html = await renderMarkdown('[a](/kb/search/) [b](https://arxiv.org/abs/1412.6980) [c](#top)', {
      base: '/kb/',
    });
    expect(html).toContain('href="/kb/search/"');
    expect(html).toContain('href="https://arxiv.org/abs/1412.6980"');
    expect(html).toContain('href="#top"');
  });

  it('gives an article in a folder the URL of its collection id: folder index, slugged names', async () => {
    const html = await renderMarkdown('[系列](./series/index.md) [第二篇](./series/Part%20Two.md#小结)', {
      base: '/kb/',
    });
    expect(html).toContain(
      '<a href="/kb/articles/series/" data-article-link="series" data-preview-src="/kb/previews/articles/series.json">系列</a>',
    );
    expect(html).toContain(
      `<a href="/kb/articles/series/part-two/#${encodeURIComponent('小结')}" data-article-link="series/part-two" data-preview-src="/kb/previews/articles/series/part-two.json">第二篇</a>`,
    );
  });

  it('rewrites links written as reference definitions', async () => {
    const html = await renderMarkdown('[目标][t]，[搜索][s]。\n\n[t]: ./target.md\n[s]: /search/', { base: '/kb/' });
    expect(html).toContain(
      '<a href="/kb/articles/target/" data-article-link="target" data-preview-src="/kb/previews/articles/target.json">目标</a>',
    );
    expect(html).toContain('<a href="/kb/search/">搜索</a>');
  });

  it('leaves links with a scheme or a host, and relative links to other files, as written', async () => {
    const links = [
      'https://github.com/withastro/astro/blob/main/README.md',
      '//cdn.jsdelivr.net/npm/katex/README.md',
      'mailto:author@example.com',
      './code/train.py',
    ];
    const html = await renderMarkdown(links.map((href, i) => `[${i}](${href})`).join(' '), { base: '/kb/' });
    // (External links also get rel="noopener", from rehype-external-links.)
    for (const [i, href] of links.entries())
      expect(html).toMatch(new RegExp(`<a href="${href.replace(/[.?/]/g, '\\$&')}"( rel="noopener")?>${i}</a>`));
    const images = await renderMarkdown('![远程](https://example.com/a.png) ![本地](../public/img/dot.svg)');
    expect(images).toContain('src="https://example.com/a.png"');
    // An existing image next to the article is left to Astro's image pipeline.
    expect(images).toContain('../public/img/dot.svg');
  });

  it('fails with file and line for a link to a section the other article does not have', async () => {
    await expect(renderMarkdown('第一行\n\n见 [目标](./target.md#不存在的小节)。')).rejects.toThrow(
      /tests\/fixtures\/content\/test\.md:3:\d+ 链接指向 target\.md 中不存在的位置：#不存在的小节。[\s\S]*小结、为什么是-1-betat、小结-1/,
    );
    // Percent-encoded fragments are the same id; a `## ` line inside a code block is no heading.
    await expect(renderMarkdown(`[目标](./target.md#${encodeURIComponent('小结')})`)).resolves.toContain('目标');
    await expect(renderMarkdown('[目标](./target.md#代码里的井号不是标题)')).rejects.toThrow('不存在的位置');
  });

  it('accepts links to any heading id the page has: math in the heading, repeated headings, equations', async () => {
    const html = await renderMarkdown(
      '[a](./target.md#为什么是-1-betat) [b](./target.md#小结-1) [c](./target.md#eq-energy) [d](./series/Part%20Two.md#小结)',
    );
    expect(html).toContain(`href="/articles/target/#${encodeURIComponent('为什么是-1-betat')}"`);
    expect(html).toContain(`href="/articles/target/#${encodeURIComponent('小结-1')}"`);
    expect(html).toContain('href="/articles/target/#eq-energy"');
    await expect(renderMarkdown('[c](./target.md#eq-mass)')).rejects.toThrow('#eq-mass');
  });

  it('resolves wiki links to the article URL under the base path, with the title or heading as text', async () => {
    const html = await renderMarkdown(
      '见 [[target]]、[[target#小结]]、[[target#小结|总结一下]] 与 [[series/Part Two]]。',
      {
        base: '/kb/',
      },
    );
    expect(html).toContain(
      '<a href="/kb/articles/target/" data-article-link="target" data-preview-src="/kb/previews/articles/target.json">目标文章</a>',
    );
    expect(html).toContain(
      `<a href="/kb/articles/target/#${encodeURIComponent('小结')}" data-article-link="target" data-preview-src="/kb/previews/articles/target.json">小结</a>`,
    );
    expect(html).toContain(
      `<a href="/kb/articles/target/#${encodeURIComponent('小结')}" data-article-link="target" data-preview-src="/kb/previews/articles/target.json">总结一下</a>`,
    );
    expect(html).toContain(
      '<a href="/kb/articles/series/part-two/" data-article-link="series/part-two" data-preview-src="/kb/previews/articles/series/part-two.json">系列文章（Part Two）</a>',
    );
    expect(html).toMatch(/^<p>见 <a/);
  });

  it('keeps a heading’s math in a wiki link’s text and leaves [[…]] in code and math alone', async () => {
    const html = await renderMarkdown('[[target#为什么是-1-betat]] `[[target]]` $[[x]]$');
    expect(html).toMatch(
      /<a href="\/articles\/target\/#[^"]+" data-article-link="target" data-preview-src="\/previews\/articles\/target.json">为什么是 (<span hidden class="math-search-text">[^<]*<\/span>)?<span class="katex">/,
    );
    expect(html).toContain('<code>[[target]]</code>');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('fails with file and line for a wiki link to a missing article or section, at the link’s own line', async () => {
    await expect(renderMarkdown('第一行\n\n见 [[no-such]]。')).rejects.toThrow(
      /test\.md:3:\d+ \[\[no-such\]\] 指向不存在的文章/,
    );
    await expect(renderMarkdown('见 [[target#没有]]。')).rejects.toThrow(
      /test\.md:1:\d+ 链接指向 target\.md 中不存在的位置：#没有/,
    );
  });

  it('fails with file and line for a link to a missing article', async () => {
    await expect(renderMarkdown('第一行\n\n见 [没有](./no-such.md)。')).rejects.toThrow(
      /tests\/fixtures\/content\/test\.md:3:\d+ 链接指向不存在的文章：\.\/no-such\.md/,
    );
  });

  it('fails with file and line for a missing image, relative or in public/', async () => {
    await expect(renderMarkdown('![图](./img/none.png)')).rejects.toThrow(
      /test\.md:1:1 图片不存在：\.\/img\/none\.png/,
    );
    await expect(renderMarkdown('\n![图](/img/none.png)')).rejects.toThrow(/test\.md:2:1 图片不存在：\/img\/none\.png/);
  });
});
