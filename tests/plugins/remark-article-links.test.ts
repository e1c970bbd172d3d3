import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

describe('remark-article-links', () => {
  it('turns a link to another article file into its URL, keeping the fragment', async () => {
    const html = await renderMarkdown('见 [目标](./target.md#小结)。');
    // The fragment is percent-encoded in the HTML; browsers decode it to find id="小结".
    expect(html).toContain(`<a href="/articles/target/#${encodeURIComponent('小结')}">目标</a>`);
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
    expect(html).toContain('<a href="/kb/articles/series/">系列</a>');
    expect(html).toContain(`<a href="/kb/articles/series/part-two/#${encodeURIComponent('小结')}">第二篇</a>`);
  });

  it('rewrites links written as reference definitions', async () => {
    const html = await renderMarkdown('[目标][t]，[搜索][s]。\n\n[t]: ./target.md\n[s]: /search/', { base: '/kb/' });
    expect(html).toContain('<a href="/kb/articles/target/">目标</a>');
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
    for (const [i, href] of links.entries()) expect(html).toContain(`<a href="${href}">${i}</a>`);
    const images = await renderMarkdown('![远程](https://example.com/a.png) ![本地](../public/img/dot.svg)');
    expect(images).toContain('src="https://example.com/a.png"');
    // An existing image next to the article is left to Astro's image pipeline.
    expect(images).toContain('../public/img/dot.svg');
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
