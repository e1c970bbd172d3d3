import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { seriesIds } from '../../src/series';
import { topicIds } from '../../src/topics';
import { publishedSources } from '../helpers/articles';
import { byClass, findAll, parseHtml, text } from '../helpers/html';
import { linksIn, page } from '../helpers/site';
import { builds } from '../setup/build-site';

const sources = publishedSources();
const sourceOf = new Map(sources.map((source) => [source.id, source]));

/**
 * The links between articles as the built article pages make them: source id → target ids, read
 * from the `data-article-link` anchors in each article's text (its own id left out). This is what
 * readers follow, so the map is checked against it rather than against the code that draws the map.
 */
function builtLinks(dir: string): Map<string, Set<string>> {
  return new Map(
    sources.map((source) => {
      const anchors = findAll(parseHtml(page(dir, `articles/${source.id}/`)), (e) => e.tagName === 'a');
      const targets = anchors.flatMap((a) => {
        const target = a.properties.dataArticleLink;
        return typeof target === 'string' && target !== source.id ? [target] : [];
      });
      return [source.id, new Set(targets)];
    }),
  );
}

const attr = (element: Element | undefined, name: string) => String(element?.properties[name] ?? '');
const hrefs = (element: Element | undefined) =>
  element ? findAll(element, (e) => e.tagName === 'a').map((a) => attr(a, 'href')) : [];

describe.each(Object.entries(builds))('topic map in the built site (%s)', (_name, { dir, base }) => {
  const html = page(dir, 'map/');
  const tree = parseHtml(html);
  const rows = byClass(tree, 'row');
  const rowOf = new Map(rows.map((row) => [attr(row, 'dataArticle'), row]));
  const idAt = new Map(rows.map((row) => [attr(row, 'dataRow'), attr(row, 'dataArticle')]));
  const links = builtLinks(dir);
  const connections = (id: string, kind: 'links-to' | 'linked-from') =>
    hrefs(findAll(rowOf.get(id) ?? tree, (e) => e.tagName === 'dd' && attr(e, 'dataKind') === kind)[0]);

  it('lists every published article once, linked under the base path', () => {
    expect(rows.map((row) => attr(row, 'dataArticle')).sort()).toEqual(sources.map((s) => s.id).sort());
    for (const [id, row] of rowOf) {
      const title = byClass(row, 'row-title')[0];
      expect(text(title).trim(), id).toBe(sourceOf.get(id)?.title);
      expect(attr(title, 'href'), id).toBe(`${base}articles/${id}/`);
    }
  });

  it('groups the articles under their topics, in the order of src/topics.ts, a series in reading order', () => {
    const sections = findAll(tree, (e) => e.tagName === 'section' && byClass(e, 'row').length > 0);
    const topicsShown = sections.map((section) => attr(findAll(section, (e) => e.tagName === 'h2')[0], 'id'));
    expect(topicsShown).toEqual(
      topicIds.filter((topic) => sources.some((s) => s.topic === topic)).map((topic) => `topic-${topic}`),
    );
    for (const section of sections) {
      const topic = topicsShown[sections.indexOf(section)]?.replace(/^topic-/, '');
      const ids = byClass(section, 'row').map((row) => attr(row, 'dataArticle'));
      expect(ids.every((id) => sourceOf.get(id)?.topic === topic)).toBe(true);
      // Series parts first, by series and then by their order; articles outside a series after them.
      const keys = ids.map((id) => {
        const series = sourceOf.get(id)?.series;
        return series ? (seriesIds as readonly string[]).indexOf(series.id) * 1000 + series.order : 1e9;
      });
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    }
    // The headings under the page title are the topics, one level down.
    expect(findAll(tree, (e) => /^h[1-6]$/.test(e.tagName)).map((h) => h.tagName)).toEqual([
      'h1',
      ...topicsShown.map(() => 'h2'),
    ]);
  });

  it('draws exactly one arc for each pair of articles that link in either direction', () => {
    const expected = new Set(
      [...links].flatMap(([source, targets]) => [...targets].map((target) => [source, target].sort().join(' '))),
    );
    expect(expected.size, 'the articles link to each other').toBeGreaterThan(3);
    const arcs = findAll(tree, (e) => e.tagName === 'path' && attr(e, 'className').includes('arc'));
    const drawn = arcs.map((arc) =>
      attr(arc, 'dataEnds')
        .split(' ')
        .map((index) => idAt.get(index))
        .sort()
        .join(' '),
    );
    expect(drawn.sort()).toEqual([...expected].sort());
    for (const arc of arcs) expect(Number(attr(arc, 'dataWeight'))).toBeGreaterThanOrEqual(1);
    // The drawing is decoration; the same facts are in the text below.
    expect(html).toMatch(/<svg class="arcs[^"]*"[^>]*aria-hidden="true"/);
  });

  it('lists each connection in words: the target under 链接到 at the source, the source under 被链接 at the target', () => {
    for (const [source, targets] of links) {
      for (const target of targets) {
        expect(connections(source, 'links-to'), `${source} → ${target}`).toContain(`${base}articles/${target}/`);
        expect(connections(target, 'linked-from'), `${target} ← ${source}`).toContain(`${base}articles/${source}/`);
      }
    }
  });

  it('counts the articles each one links to and is linked from', () => {
    for (const { id } of sources) {
      const out = links.get(id)?.size ?? 0;
      const into = [...links].filter(([, targets]) => targets.has(id)).length;
      expect(text(byClass(rowOf.get(id) ?? tree, 'degree')[0]).trim(), id).toBe(`链接到 ${out} 篇 · 被 ${into} 篇链接`);
      expect(connections(id, 'links-to'), id).toHaveLength(out);
      expect(connections(id, 'linked-from'), id).toHaveLength(into);
    }
    // An article nobody links to and that links nowhere still has its row, with nothing to open.
    for (const id of sources.map((s) => s.id).filter((id) => (links.get(id)?.size ?? 0) === 0)) {
      const linkedFrom = [...links].some(([, targets]) => targets.has(id));
      if (!linkedFrom)
        expect(
          findAll(rowOf.get(id) ?? tree, (e) => e.tagName === 'details'),
          id,
        ).toEqual([]);
    }
  });

  it('links only to pages of the site that exist, under the base path', () => {
    const internal = linksIn(html).filter((link) => !/^(https?:|#)/.test(link));
    expect(internal.length).toBeGreaterThan(sources.length);
    for (const link of internal) {
      expect(link.startsWith(base), link).toBe(true);
      const path = decodeURIComponent(link.slice(base.length).split('#')[0] ?? '');
      expect(
        existsSync(path.endsWith('/') || path === '' ? join(dir, path, 'index.html') : join(dir, path)),
        link,
      ).toBe(true);
    }
    expect(page(dir, '')).toContain(`href="${base}map/"`);
  });
});
