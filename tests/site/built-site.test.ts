import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractRegion } from '../../src/plugins/remark-code-include';
import { tagUrl } from '../../src/utils/url';
import { byClass, findAll, parseHtml, text } from '../helpers/html';
import {
  cssUrls,
  indexedPages,
  indexedRecords,
  jsonLdIn,
  jsonLdUrls,
  linksIn,
  metaTags,
  page,
  siteFiles,
} from '../helpers/site';
import { builds } from '../setup/build-site';

const ADAM = 'articles/adam-adamw/';

/** The Adam article's frontmatter, which the pages must show. */
const adam = parse(readFileSync('content/adam-adamw.md', 'utf8').split('---')[1] ?? '') as {
  title: string;
  description: string;
  date: Date | string;
  updated?: Date | string;
  icon: string;
  tags: string[];
};
const adamDate = new Date(adam.date).toISOString().slice(0, 10);

describe.each(Object.entries(builds))('built site (%s)', (_name, { dir, base }) => {
  const files = siteFiles(dir);
  const htmlFiles = files.filter((file) => file.endsWith('.html'));

  it('has every page type', () => {
    for (const path of [
      'index.html',
      `${ADAM}index.html`,
      'topics/index.html',
      'topics/optimization/index.html',
      'tags/index.html',
      'archive/index.html',
      'search/index.html',
      '404.html',
      'rss.xml',
    ]) {
      expect(files, path).toContain(path);
    }
    expect(files.some((file) => /^tags\/[^/]+\/index\.html$/.test(file))).toBe(true);
  });

  it('ships the Pagefind bundle and index', () => {
    expect(files).toContain('pagefind/pagefind.js');
    expect(files.some((file) => file.startsWith('pagefind/index/'))).toBe(true);
    expect(files.some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);
  });

  it('renders math with KaTeX and no katex-error anywhere', () => {
    const html = page(dir, ADAM);
    expect(html).toContain('class="katex-display"');
    expect(html).toMatch(/<annotation encoding="application\/x-tex">/);
    for (const file of htmlFiles) expect(page(dir, file), file).not.toContain('katex-error');
  });

  it('highlights code with both themes', () => {
    const html = page(dir, ADAM);
    expect(html).toMatch(/<pre class="astro-code[^"]*github-light-default github-dark-default/);
    expect(html).toContain('--shiki-dark:');
  });

  it('shows included code exactly as the repository has it, titled by its file and region', () => {
    const frames = byClass(parseHtml(page(dir, ADAM)), 'code-block');
    const included = frames.find(
      (frame) => text(byClass(frame, 'code-title')[0]) === 'src/numerics/optimizers.ts#adam-step',
    );
    expect(included, 'the Adam step included from the source').toBeDefined();
    const region = extractRegion(readFileSync('src/numerics/optimizers.ts', 'utf8'), 'adam-step');
    expect('code' in region && region.code).toBeTruthy();
    const shown = byClass(included ?? parseHtml(''), 'line').map((line) => text(line));
    expect(shown.join('\n')).toBe('code' in region ? region.code : '');
  });

  it('bundles KaTeX fonts as woff2 only, from the site itself', () => {
    const fonts = files.filter((file) => /KaTeX_.*\.(woff2?|ttf)$/.test(file));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((file) => file.endsWith('.woff2'))).toBe(true);
    for (const file of htmlFiles) expect(page(dir, file)).not.toMatch(/cdn\.jsdelivr|unpkg\.com|cdnjs/);
  });

  it('resolves every internal link and asset under the base path, in pages and in stylesheets', () => {
    const broken: string[] = [];
    const exists = (path: string) =>
      path === '' || path.endsWith('/') ? existsSync(join(dir, path, 'index.html')) : existsSync(join(dir, path));
    const ids = new Map<string, Set<string>>();
    const hasId = (path: string, id: string) => {
      if (!path.endsWith('/')) return true;
      if (!ids.has(path))
        ids.set(path, new Set([...page(dir, path).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '')));
      return ids.get(path)?.has(id) ?? false;
    };
    for (const file of htmlFiles) {
      for (const link of linksIn(page(dir, file))) {
        if (/^(https?:|mailto:|data:|#)/.test(link) || link === '') continue;
        if (!link.startsWith(base)) {
          broken.push(`${file}: ${link} (outside ${base})`);
          continue;
        }
        const [target = '', fragment] = link.slice(base.length).split('#');
        const path = decodeURIComponent(target.split('?')[0] ?? '');
        if (!exists(path)) broken.push(`${file}: ${link}`);
        // A link to a section of another page must find that section there.
        else if (fragment && path !== '' && !hasId(path, decodeURIComponent(fragment)))
          broken.push(`${file}: ${link} (no such id)`);
      }
    }
    // Fonts and images a stylesheet loads resolve against the stylesheet's own folder.
    let cssAssets = 0;
    for (const file of files.filter((name) => name.endsWith('.css'))) {
      for (const link of cssUrls(readFileSync(join(dir, file), 'utf8'))) {
        if (/^(data:|#)/.test(link)) continue;
        cssAssets++;
        const target = link.split(/[?#]/)[0] ?? '';
        if (target.startsWith('/') && !target.startsWith(base)) {
          broken.push(`${file}: ${link} (outside ${base})`);
          continue;
        }
        const path = target.startsWith('/') ? target.slice(base.length) : join(dirname(file), target);
        if (!exists(decodeURIComponent(path))) broken.push(`${file}: ${link}`);
      }
    }
    expect(cssAssets, 'KaTeX fonts referenced from CSS').toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  it('resolves every absolute URL it publishes (canonical, Open Graph, JSON-LD, sitemap, robots.txt, feeds) to a file of this build', () => {
    const origin = `https://example.github.io${base}`;
    const published: { where: string; url: string }[] = [];
    for (const file of htmlFiles) {
      const html = page(dir, file);
      for (const [, url = ''] of html.matchAll(/<link rel="canonical" href="([^"]*)"/g))
        published.push({ where: file, url });
      for (const key of ['og:url', 'og:image'])
        for (const url of metaTags(html).get(key) ?? []) published.push({ where: `${file} ${key}`, url });
      for (const data of jsonLdIn(html))
        for (const url of jsonLdUrls(data))
          if (!url.startsWith('https://schema.org')) published.push({ where: `${file} JSON-LD`, url });
    }
    const xml = files.filter((file) => /^sitemap-.*\.xml$|(^|\/)rss\.xml$/.test(file));
    for (const file of xml) {
      // <loc> in the sitemaps; the channel's and items' <link>, <guid> and rel="self" in the feeds.
      for (const [, , url = ''] of page(dir, file).matchAll(/<(loc|link|guid[^>]*)>([^<]*)<\/(loc|link|guid)>/g))
        published.push({ where: file, url });
      for (const [, url = ''] of page(dir, file).matchAll(/<atom:link href="([^"]*)"/g))
        published.push({ where: file, url });
    }
    for (const [, url = ''] of page(dir, 'robots.txt').matchAll(/^Sitemap: (.*)$/gm))
      published.push({ where: 'robots.txt', url });

    const broken = published.flatMap(({ where, url }) => {
      if (!url.startsWith(origin)) return [`${where}: ${url} (not under ${origin})`];
      const path = decodeURIComponent(new URL(url).pathname.slice(base.length));
      const target = join(dir, path === '' || path.endsWith('/') ? `${path}index.html` : path);
      if (!existsSync(target)) return [`${where}: ${url}`];
      // A social card must be an image of the size the page's meta tags announce.
      if (target.endsWith('.png')) {
        const png = readFileSync(target);
        if (png.readUInt32BE(16) !== 1200 || png.readUInt32BE(20) !== 630) return [`${where}: ${url} is not 1200×630`];
      }
      return [];
    });
    expect(broken).toEqual([]);
    // Every page but the 404 has a canonical URL, every article a card, and the sitemap lists the articles.
    expect(published.filter(({ url }) => /\/og\/articles\/[^/]+\.png$/.test(url)).length).toBeGreaterThanOrEqual(
      files.filter((file) => /^articles\/[^/]+\/index\.html$/.test(file)).length,
    );
    expect(published.filter(({ where }) => /^sitemap-\d+\.xml$/.test(where)).length).toBeGreaterThan(20);
  });

  it('links fragment targets that exist on the same page', () => {
    const html = page(dir, ADAM);
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const missing = [...html.matchAll(/\shref="#([^"]+)"/g)]
      .map((m) => decodeURIComponent(m[1] ?? ''))
      .filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  });

  it('gives every link to another site rel="noopener", and no element an inline event handler', () => {
    const missing: string[] = [];
    for (const file of htmlFiles) {
      const html = page(dir, file);
      for (const [tag] of html.matchAll(/<a\s[^>]*href="https?:\/\/[^"]*"[^>]*>/g)) {
        if (!/\srel="[^"]*\bnoopener\b/.test(tag)) missing.push(`${file}: ${tag}`);
      }
      expect(html.match(/<[a-z][^>]*?\son[a-z]+\s*=/i)?.[0], file).toBeUndefined();
    }
    expect(missing).toEqual([]);
  });

  it('puts a Content-Security-Policy on every page before its first script', () => {
    for (const file of htmlFiles) {
      const html = page(dir, file);
      const policy = html.indexOf('<meta http-equiv="Content-Security-Policy"');
      expect(policy, file).toBeGreaterThan(-1);
      expect(html.indexOf('<meta http-equiv="Content-Security-Policy"', policy + 1), file).toBe(-1);
      expect(policy, file).toBeLessThan(html.indexOf('<script'));
    }
  });

  it('declares Chinese on every page, which Pagefind needs to segment Chinese queries', () => {
    for (const file of htmlFiles) expect(page(dir, file)).toMatch(/<html lang="zh-CN"/);
  });

  it('indexes the article prose with each formula as its TeX, without KaTeX internals', () => {
    // Pagefind stores URLs without the base path and adds it when a search runs.
    const { content } = indexedPages(dir).find((indexed) => indexed.url === `/${ADAM}`) ?? { content: '' };
    expect(content).toContain('推导偏差修正（bias correction）为什么恰好是');
    // The sentence reads whole: the formula is there as the TeX an author writes, once.
    expect(content.replace(/\s+/g, ' ')).toContain('若把 m_0 看成一个虚拟样本，它在 m_t 中的权重就是 \\beta_1^t 。');
    // Neither KaTeX's HTML (class names, glyphs) nor its MathML reaches the index.
    expect(content).not.toMatch(/mathnormal|vlist|katex|mord|msupsub/);
    expect(content).not.toMatch(/m0m0|βtβ/);
    // The metadata line is not indexed either.
    expect(content).not.toContain('分钟读完');
  });

  it('indexes each section of an article as its own small record, so a result fetches one section', () => {
    const html = page(dir, ADAM);
    const headings = [...html.matchAll(/<h[23]\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    const urls = indexedRecords(dir)
      .map((indexed) => indexed.url)
      .filter((url) => url.startsWith(`/${ADAM}#`))
      .map((url) => decodeURIComponent(url.split('#')[1] ?? ''));
    // Every section heading of the text is a record (the end sections after the text are not).
    expect(urls.length).toBeGreaterThan(15);
    for (const url of urls) expect(headings).toContain(url);
    const fragments = join(dir, 'pagefind', 'fragment');
    const largest = Math.max(...readdirSync(fragments).map((file) => statSync(join(fragments, file)).size));
    // A whole article's text was 30 KB gzipped; one section is a few KB.
    expect(largest).toBeLessThan(8 * 1024);
  });

  it('lists the Adam article on the home page with icon, title, date, topic and excerpt', () => {
    const home = parseHtml(page(dir, ''));
    expect(text(findAll(home, (e) => e.tagName === 'h2')[0])).toBe('最近更新');
    const links = (card: Parameters<typeof findAll>[0], href: string) =>
      findAll(card, (e) => e.tagName === 'a' && e.properties.href === href);
    const card = byClass(home, 'card').find((c) => links(c, `${base}${ADAM}`).length > 0);
    expect(card, 'a card linking to the Adam article').toBeDefined();
    if (!card) return;
    expect(text(byClass(card, 'icon')[0])).toBe(adam.icon);
    expect(text(byClass(card, 'title')[0]).trim()).toBe(adam.title);
    const time = findAll(card, (e) => e.tagName === 'time')[0];
    expect(time?.properties.dateTime).toBe(adamDate);
    const [year, month, day] = adamDate.split('-').map(Number);
    expect(text(time)).toBe(`${year}年${month}月${day}日`);
    expect(text(links(card, `${base}topics/optimization/`)[0])).toBe('优化');
    expect(text(byClass(card, 'excerpt')[0])).toBe(adam.description);
  });

  it('gives the article a table of contents, reading time and tags', () => {
    const html = page(dir, ADAM);
    expect(html).toContain('data-toc');
    // A heading with math keeps it typeset in the table of contents, not as TeX run together.
    const toc = html.slice(html.indexOf('data-toc'), html.indexOf('</details>', html.indexOf('data-toc')));
    expect(toc).toContain('class="katex"');
    expect(toc).toContain('href="#references"');
    expect(html).toMatch(/约 \d+ 分钟读完/);
    // The article's own tags, in its header: not the site header's link to the tags index.
    const [header] = byClass(parseHtml(html), 'article-header');
    const tagLinks = findAll(
      header ?? parseHtml(''),
      (e) => e.tagName === 'a' && String(e.properties.href).includes('/tags/'),
    );
    expect(tagLinks.map((link) => [link.properties.href, text(link).trim()])).toEqual(
      adam.tags.map((tag) => [tagUrl(tag, base), `#${tag}`]),
    );
  });

  it('numbers the labelled equations 1, 2, … in order, each with an id that references point to', () => {
    const html = page(dir, ADAM);
    const ids = [...html.matchAll(/<div class="equation" id="(eq-[^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const numbers = ids.map((id) => {
      const start = html.indexOf(`id="${id}"`);
      return html.slice(start, html.indexOf('</div>', start)).match(/\\tag\{(\d+)\}/)?.[1];
    });
    expect(numbers).toEqual(ids.map((_, i) => String(i + 1)));
    const references = [...html.matchAll(/<a href="#(eq-[^"]+)" class="xref"[^>]*>式 \((\d+)\)<\/a>/g)];
    expect(references.length).toBeGreaterThan(0);
    for (const [, id, n] of references) expect(numbers[ids.indexOf(id)]).toBe(n);
  });

  it('lists every cited work once, numbered in order of first citation, with arXiv or DOI links', () => {
    const html = page(dir, ADAM);
    const list = html.slice(html.indexOf('<section class="references"'));
    const entries = [...list.matchAll(/<li id="(ref-[^"]+)"/g)].map((m) => m[1]);
    expect(entries).toContain('ref-kingma2015adam');
    expect(entries).toContain('ref-loshchilov2019decoupled');
    expect(new Set(entries).size).toBe(entries.length);
    const firstCited = [...html.matchAll(/<a href="#(ref-[^"]+)"[^>]*data-preview/g)].map((m) => m[1]);
    expect([...new Set(firstCited)]).toEqual(entries);
    expect(list).toContain('https://arxiv.org/abs/1412.6980');
    expect(list).toContain('https://arxiv.org/abs/1711.05101');
  });

  it('includes the computed figure with its number, caption and alt text', () => {
    const html = page(dir, ADAM);
    const start = html.indexOf('<figure class="figure" id="fig-adam-trajectories"');
    expect(start).toBeGreaterThan(-1);
    const figure = html.slice(start, html.indexOf('</figure>', start));
    expect(figure).toMatch(/role="img" aria-label="[^"]{40,}"/);
    expect(figure).toContain('<svg');
    expect(figure).toMatch(/<figcaption><span class="figure-number">图 1<\/span>/);
    expect(html).toMatch(/<a href="#fig-adam-trajectories" class="xref"[^>]*>图 1<\/a>/);
  });

  it('ends the article with a BibTeX entry for citing it', () => {
    const html = page(dir, ADAM);
    expect(html).toContain('引用本文');
    expect(html).toContain(`url     = {https://example.github.io${base}${ADAM}}`);
  });

  it('describes an article for link previews and search engines: Open Graph, Twitter card, JSON-LD', () => {
    const origin = `https://example.github.io${base}`;
    const html = page(dir, ADAM);
    const meta = (key: string) => metaTags(html).get(key) ?? [];
    expect(meta('og:type')).toEqual(['article']);
    expect(meta('og:title')).toEqual([adam.title]);
    expect(meta('og:url')).toEqual([`${origin}${ADAM}`]);
    expect(meta('og:image')).toEqual([`${origin}og/articles/adam-adamw.png`]);
    expect(meta('twitter:card')).toEqual(['summary_large_image']);
    const modified = adam.updated ? new Date(adam.updated).toISOString().slice(0, 10) : adamDate;
    expect(meta('article:published_time')).toEqual([adamDate]);
    expect(meta('article:modified_time')).toEqual([modified]);
    expect(meta('article:tag')).toEqual(adam.tags);
    expect(jsonLdIn(html)).toEqual([
      expect.objectContaining({
        '@type': 'BlogPosting',
        headline: adam.title,
        description: adam.description,
        url: `${origin}${ADAM}`,
        image: [`${origin}og/articles/adam-adamw.png`],
        datePublished: adamDate,
        dateModified: modified,
        inLanguage: 'zh-CN',
        author: [expect.objectContaining({ name: '机器学习推导笔记编写组' })],
        publisher: expect.objectContaining({ name: '机器学习推导笔记', url: origin }),
      }),
    ]);
  });

  it('describes the home page as the site, and keeps the 404 page out of search engines', () => {
    const origin = `https://example.github.io${base}`;
    const home = page(dir, '');
    expect(metaTags(home).get('og:image')).toEqual([`${origin}og/index.png`]);
    expect(jsonLdIn(home)).toEqual([expect.objectContaining({ '@type': 'WebSite', url: origin, inLanguage: 'zh-CN' })]);
    const notFound = page(dir, '404.html');
    expect(notFound).toContain('<meta name="robots" content="noindex">');
    expect(notFound).not.toContain('rel="canonical"');
  });

  it('writes absolute URLs with the site origin and base in the feed, sitemap and robots.txt', () => {
    expect(page(dir, 'rss.xml')).toContain(`https://example.github.io${base}${ADAM}`);
    const sitemap = files.filter((file) => /^sitemap-\d+\.xml$/.test(file)).map((file) => page(dir, file));
    expect(sitemap.join('')).toContain(`<loc>https://example.github.io${base}${ADAM}</loc>`);
    expect(sitemap.join('')).not.toContain('404');
    expect(page(dir, 'robots.txt')).toContain(`Sitemap: https://example.github.io${base}sitemap-index.xml`);
  });
});
