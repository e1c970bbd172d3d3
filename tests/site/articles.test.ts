import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleAnchors } from '../../src/plugins/article-anchors';
import type { ArticlePreview } from '../../src/utils/previews';
import { publishedSources } from '../helpers/articles';
import { byClass, danglingFragments, findAll, hasClass, parseHtml, text } from '../helpers/html';
import { indexedPages, page } from '../helpers/site';
import { builds } from '../setup/build-site';

const { dir } = builds.root;
const sources = publishedSources();

/** The ids of the articles an article's Markdown links to, read with a regex independent of the plugins. */
function linkedIds(id: string): Set<string> {
  const markdown = readFileSync(`content/${id}.md`, 'utf8').replace(/```[\s\S]*?```/g, '');
  const ids = [
    ...[...markdown.matchAll(/\]\(\.\/([^)#\s]+)\.md(?:#[^)]*)?\)/g)].map((m) => decodeURI(m[1] ?? '')),
    ...[...markdown.matchAll(/\[\[([^\]|#]+)/g)].map((m) => (m[1] ?? '').trim()),
  ];
  return new Set(ids.filter((target) => target !== id && sources.some((source) => source.id === target)));
}

/** Checks every published article's page the same way, so a new article is covered by default. */
describe.each(sources.map((source) => [source.id, source] as const))('article %s', (id, source) => {
  const html = page(dir, `articles/${id}/`);
  const tree = parseHtml(html);

  it('shows the title from its frontmatter and typesets its math without errors', () => {
    expect(text(findAll(tree, (e) => e.tagName === 'h1')[0]).trim()).toBe(source.title);
    expect(html).not.toContain('katex-error');
  });

  it('numbers its labelled equations 1, 2, … and every 式 (n) names the equation it links to', () => {
    const equations = byClass(tree, 'equation');
    const numbers = equations.map((equation) => {
      const annotation = findAll(equation, (e) => e.tagName === 'annotation')[0];
      return text(annotation).match(/\\tag\{(\d+)\}/)?.[1];
    });
    expect(numbers).toEqual(equations.map((_, i) => String(i + 1)));
    const byId = new Map(equations.map((equation, i) => [`#${String(equation.properties.id)}`, i + 1]));
    for (const link of byClass(tree, 'xref')) {
      const href = String(link.properties.href);
      if (href.startsWith('#eq-')) expect(text(link), href).toBe(`式 (${byId.get(href)})`);
    }
  });

  it('numbers its figures 图 1, 2, … each with a drawing, a caption and a full text alternative', () => {
    const figures = findAll(tree, (e) => e.tagName === 'figure' && hasClass(e, 'figure'));
    expect(figures.length, 'every article has at least one figure').toBeGreaterThan(0);
    for (const [index, figure] of figures.entries()) {
      const drawing = findAll(figure, (e) => e.properties.role === 'img')[0];
      expect(String(drawing?.properties.ariaLabel ?? '').length, `图 ${index + 1} alt`).toBeGreaterThan(40);
      expect(findAll(figure, (e) => e.tagName === 'svg')).toHaveLength(1);
      expect(text(byClass(figure, 'figure-number')[0])).toBe(`图 ${index + 1}`);
      expect(text(findAll(figure, (e) => e.tagName === 'figcaption')[0]).length).toBeGreaterThan(20);
    }
  });

  it('lists each cited work once, in order of first citation, and links only to targets on the page', () => {
    const list = byClass(tree, 'references')[0];
    const entries = list ? findAll(list, (e) => e.tagName === 'li').map((e) => String(e.properties.id)) : [];
    expect(entries.length, 'an article cites its sources').toBeGreaterThan(0);
    expect(new Set(entries).size).toBe(entries.length);
    const cited = findAll(tree, (e) => e.tagName === 'a' && String(e.properties.href).startsWith('#ref-'))
      .filter((a) => !findAll(list ?? tree, (e) => e === a).length)
      .map((a) => String(a.properties.href).slice(1));
    expect([...new Set(cited)]).toEqual(entries);
    expect(danglingFragments(tree)).toEqual([]);
  });

  it('has exactly the section, equation and figure ids that links from other articles are checked against', async () => {
    const onPage = findAll(
      tree,
      (e) => /^h[2-4]$/.test(e.tagName) || hasClass(e, 'equation') || (e.tagName === 'figure' && hasClass(e, 'figure')),
    )
      .map((e) => e.properties.id)
      .filter((value): value is string => typeof value === 'string')
      // Sections the site adds to every article, not written by its author.
      .filter(
        (value) =>
          !['references', 'cite-this', 'footnote-label', 'glossary-terms', 'backlinks', 'related'].includes(value),
      );
    const { ids } = await articleAnchors(`content/${id}.md`);
    expect([...ids.keys()].sort()).toEqual(onPage.sort());
  });

  it('lists under 被引用 exactly the articles that link to it, each with the sentence that does', () => {
    const citing = sources.filter((other) => linkedIds(other.id).has(id)).map((other) => `/articles/${other.id}/`);
    const section = byClass(tree, 'backlinks')[0];
    const listed = section ? byClass(section, 'source').map((a) => String(a.properties.href)) : [];
    expect(listed.sort()).toEqual(citing.sort());
    for (const quote of section ? byClass(section, 'context') : []) {
      expect(
        findAll(quote, (e) => e.tagName === 'mark'),
        text(quote),
      ).toHaveLength(1);
      expect(findAll(quote, (e) => e.tagName === 'a')).toHaveLength(0);
    }
  });

  it('suggests up to five related articles, never itself, including those it links to', () => {
    const section = byClass(tree, 'related')[0];
    const suggested = section ? findAll(section, (e) => e.tagName === 'a').map((a) => String(a.properties.href)) : [];
    expect(suggested.length).toBeLessThanOrEqual(5);
    expect(suggested).not.toContain(`/articles/${id}/`);
    expect(new Set(suggested).size).toBe(suggested.length);
    // Linked articles score at least a link's weight, above any article that shares only tags and topic.
    const linked = [...linkedIds(id)].map((target) => `/articles/${target}/`);
    if (linked.length > 0 && linked.length <= 5) expect(suggested).toEqual(expect.arrayContaining(linked));
  });

  it('previews each link to another article from that article’s own data file, the linked section included', () => {
    const links = findAll(tree, (e) => e.tagName === 'a' && e.properties.dataArticleLink !== undefined);
    for (const link of links) {
      const target = String(link.properties.dataArticleLink);
      const src = String(link.properties.dataPreviewSrc);
      expect(src, `${id} → ${target}`).toBe(`/previews/articles/${target}.json`);
      const preview = JSON.parse(page(dir, src.slice(1))) as ArticlePreview;
      expect(preview.title).toBe(sources.find((s) => s.id === target)?.title);
      const fragment = decodeURIComponent(String(link.properties.href).split('#')[1] ?? '');
      if (fragment === '' || fragment.startsWith('eq-') || fragment.startsWith('fig-')) continue;
      const heading = findAll(parseHtml(page(dir, `articles/${target}/`)), (e) => e.properties.id === fragment)[0];
      expect(preview.sections[fragment]?.title, `${id} → ${target}#${fragment}`).toBeDefined();
      // The preview's section title is the heading's text (the heading also holds a "#" link).
      const title = text(
        findAll(parseHtml(`<p>${preview.sections[fragment]?.title}</p>`), (e) => e.tagName === 'p')[0],
      );
      expect(title.length).toBeGreaterThan(0);
      expect(text(heading)).toContain(title);
    }
  });

  it('is in the search index, with prose and formulas as TeX but no KaTeX internals', () => {
    const indexed = indexedPages(dir).find((entry) => entry.url === `/articles/${id}/`);
    expect(indexed, 'indexed by Pagefind').toBeDefined();
    expect(indexed?.content).toContain(source.title.slice(0, 8));
    expect(indexed?.content).not.toMatch(/mathnormal|vlist|katex|msupsub/);
    // Formulas are indexed as their TeX, so excerpts have no holes where math was: the TeX of the
    // article's formulas in its prose is in the index.
    const content = indexed?.content.replace(/\s+/g, ' ') ?? '';
    const copies = findAll(tree, (e) => hasClass(e, 'math-search-text')).map((e) => text(e).trim());
    expect(copies.length).toBeGreaterThan(0);
    const indexedCopies = copies.filter((tex) => content.includes(tex.replace(/\s+/g, ' ')));
    expect(indexedCopies.length).toBeGreaterThan(0.7 * copies.length);
  });
});

describe('the search index', () => {
  it('holds every published article and nothing else', () => {
    const urls = indexedPages(dir).map((entry) => entry.url);
    expect(urls.sort()).toEqual(sources.map((source) => `/articles/${source.id}/`).sort());
  });
});
