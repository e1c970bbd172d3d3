import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linksIn, page, siteFiles } from '../helpers/site';
import { builds } from '../setup/build-site';

const ADAM = 'articles/adam-adamw/';

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

  it('bundles KaTeX fonts as woff2 only, from the site itself', () => {
    const fonts = files.filter((file) => /KaTeX_.*\.(woff2?|ttf)$/.test(file));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((file) => file.endsWith('.woff2'))).toBe(true);
    for (const file of htmlFiles) expect(page(dir, file)).not.toMatch(/cdn\.jsdelivr|unpkg\.com|cdnjs/);
  });

  it('resolves every internal link and asset under the base path', () => {
    const broken: string[] = [];
    for (const file of htmlFiles) {
      for (const link of linksIn(page(dir, file))) {
        if (/^(https?:|mailto:|data:|#)/.test(link) || link === '') continue;
        if (!link.startsWith(base)) {
          broken.push(`${file}: ${link} (outside ${base})`);
          continue;
        }
        const path = decodeURIComponent(link.slice(base.length).split(/[?#]/)[0] ?? '');
        const target = join(dir, path);
        const ok = path === '' || path.endsWith('/') ? existsSync(join(target, 'index.html')) : existsSync(target);
        if (!ok) broken.push(`${file}: ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('links fragment targets that exist on the same page', () => {
    const html = page(dir, ADAM);
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const missing = [...html.matchAll(/\shref="#([^"]+)"/g)]
      .map((m) => decodeURIComponent(m[1] ?? ''))
      .filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  });

  it('declares Chinese on every page, which Pagefind needs to segment Chinese queries', () => {
    for (const file of htmlFiles) expect(page(dir, file)).toMatch(/<html lang="zh-CN"/);
  });

  it('indexes only articles, with KaTeX kept out of the index', () => {
    const html = page(dir, ADAM);
    expect(html).toMatch(/<article[^>]*data-pagefind-body/);
    expect(page(dir, 'index.html')).not.toContain('data-pagefind-body');
  });

  it('lists the Adam article on the home page with icon, title, date, topic and excerpt', () => {
    const html = page(dir, '');
    expect(html).toContain('最近更新');
    expect(html).toContain(`href="${base}${ADAM}"`);
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}"/);
    expect(html).toContain(`href="${base}topics/optimization/"`);
  });

  it('gives the article a table of contents, reading time and tags', () => {
    const html = page(dir, ADAM);
    expect(html).toContain('data-toc');
    // A heading with math keeps it typeset in the table of contents, not as TeX run together.
    const toc = html.slice(html.indexOf('data-toc'), html.indexOf('</details>', html.indexOf('data-toc')));
    expect(toc).toContain('class="katex"');
    expect(toc).toContain('href="#references"');
    expect(html).toMatch(/约 \d+ 分钟读完/);
    expect(html).toContain(`href="${base}tags/`);
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

  it('writes absolute URLs with the site origin and base in the feed, sitemap and robots.txt', () => {
    expect(page(dir, 'rss.xml')).toContain(`https://example.github.io${base}${ADAM}`);
    const sitemap = files.filter((file) => /^sitemap-\d+\.xml$/.test(file)).map((file) => page(dir, file));
    expect(sitemap.join('')).toContain(`<loc>https://example.github.io${base}${ADAM}</loc>`);
    expect(sitemap.join('')).not.toContain('404');
    expect(page(dir, 'robots.txt')).toContain(`Sitemap: https://example.github.io${base}sitemap-index.xml`);
  });
});
