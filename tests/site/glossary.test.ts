import { resolve } from 'node:path';
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/glossary';
import type { TermPreview } from '../../src/utils/previews';
import { publishedSources } from '../helpers/articles';
import { findAll, hasClass, parseHtml, text } from '../helpers/html';
import { indexedPages, page } from '../helpers/site';
import { builds } from '../setup/build-site';

const { dir } = builds.root;
const entries = loadGlossary(resolve('content'));
const sources = publishedSources();

describe('the glossary', () => {
  const tree = parseHtml(page(dir, 'glossary/'));
  // Ids indexed once: the pages are large (every formula is a KaTeX tree).
  const idsOf = (root: ReturnType<typeof parseHtml>) =>
    new Map(findAll(root, (e) => typeof e.properties.id === 'string').map((e) => [String(e.properties.id), e]));
  const onGlossary = idsOf(tree);
  const articleIds = new Map(
    sources.map((source) => [source.id, idsOf(parseHtml(page(dir, `articles/${source.id}/`)))]),
  );

  it('covers every article: each explains at least five terms', () => {
    for (const source of sources)
      expect(entries.filter((e) => e.article === source.id).length, source.id).toBeGreaterThanOrEqual(5);
  });

  it('lists every entry once on the glossary page, in both languages, linking to the section that explains it', () => {
    for (const entry of entries) {
      const item = onGlossary.get(entry.id);
      expect(item, entry.id).toBeDefined();
      expect(text(item)).toContain(entry.zh);
      expect(text(item)).toContain(entry.en);
      if (entry.abbr) expect(text(item)).toContain(entry.abbr);
      const source = findAll(item as Element, (e) => e.tagName === 'a')[0];
      const [path = '', fragment = ''] = String(source?.properties.href).split('#');
      expect(path).toBe(`/articles/${entry.article}/`);
      if (entry.section) {
        expect(decodeURIComponent(fragment)).toBe(entry.section);
        expect(articleIds.get(entry.article)?.has(entry.section), `${entry.id} → ${entry.section}`).toBe(true);
      }
    }
    expect(findAll(tree, (e) => hasClass(e, 'entry'))).toHaveLength(entries.length);
  });
});

describe.each(sources.map((source) => [source.id] as const))('terms in article %s', (id) => {
  const tree = parseHtml(page(dir, `articles/${id}/`));
  const terms: { link: Element; ancestors: Element[] }[] = [];
  const walk = (node: Element, ancestors: Element[]): void => {
    if (node.tagName === 'a' && hasClass(node, 'term')) terms.push({ link: node, ancestors });
    for (const child of node.children) if (child.type === 'element') walk(child, [...ancestors, node]);
  };
  for (const child of tree.children) if (child.type === 'element') walk(child, []);

  it('links each term once, to an existing entry with its preview, never one the article itself explains', () => {
    const ids = terms.map(({ link }) => String(link.properties.dataTerm));
    expect(new Set(ids).size).toBe(ids.length);
    for (const term of ids) {
      const entry = entries.find((e) => e.id === term);
      expect(entry, term).toBeDefined();
      expect(entry?.article).not.toBe(id);
      const preview = JSON.parse(page(dir, `previews/glossary/${term}.json`)) as TermPreview;
      expect(preview.zh).toBe(entry?.zh);
      expect(preview.source.url).toMatch(new RegExp(`^/articles/${entry?.article}/`));
    }
  });

  it('never links a term inside code, math, a heading, a link or a footnote', () => {
    const forbidden = (e: Element) =>
      ['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'svg', 'math'].includes(e.tagName) ||
      hasClass(e, 'katex') ||
      hasClass(e, 'sidenote') ||
      (e.tagName === 'section' && 'dataFootnotes' in e.properties);
    for (const { link, ancestors } of terms) expect(ancestors.some(forbidden), text(link)).toBe(false);
  });

  it('lists the terms it explains, so search finds it by Chinese, English or abbreviation', () => {
    const own = entries.filter((e) => e.article === id);
    const list = findAll(tree, (e) => hasClass(e, 'glossary-terms'))[0];
    const indexed =
      indexedPages(dir)
        .find((p) => p.url === `/articles/${id}/`)
        ?.content.toLowerCase() ?? '';
    for (const entry of own) {
      expect(text(list)).toContain(entry.zh);
      for (const form of [entry.zh, entry.en, entry.abbr ?? '']) expect(indexed, form).toContain(form.toLowerCase());
    }
  });
});
