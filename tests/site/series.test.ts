import { describe, expect, it } from 'vitest';
import { series } from '../../src/series';
import { publishedSources } from '../helpers/articles';
import { byClass, findAll, parseHtml, text } from '../helpers/html';
import { page } from '../helpers/site';
import { builds } from '../setup/build-site';

const sources = publishedSources();
const seriesIds = [...new Set(sources.flatMap((source) => (source.series ? [source.series.id] : [])))];

/** The published parts of a series in reading order, straight from the frontmatter. */
const partsOf = (id: string) =>
  sources.filter((source) => source.series?.id === id).sort((a, b) => (a.series?.order ?? 0) - (b.series?.order ?? 0));

describe.each(Object.entries(builds))('series in the built site (%s)', (_name, { dir, base }) => {
  it('ships at least one series, as the articles are written to be read in order', () => {
    expect(seriesIds.length).toBeGreaterThan(0);
  });

  it.each(seriesIds)('%s: each part shows the series, its place and every part in order, itself marked', (id) => {
    const parts = partsOf(id);
    for (const [index, part] of parts.entries()) {
      const tree = parseHtml(page(dir, `articles/${part.id}/`));
      const box = byClass(tree, 'series-box')[0];
      expect(box, part.id).toBeDefined();
      expect(text(box)).toContain(series[id as keyof typeof series].name);
      expect(text(box)).toContain(`第 ${index + 1} 篇，共 ${parts.length} 篇`);
      const items = findAll(box ?? tree, (e) => e.tagName === 'li');
      expect(items.map((li) => text(li).trim())).toEqual(parts.map((p) => p.title));
      expect(items.map((li) => li.properties.ariaCurrent === 'page')).toEqual(parts.map((_, i) => i === index));
      // The links at the end lead to the parts before and after this one, not to the articles around it by date.
      const nav = byClass(tree, 'prev-next')[0];
      const hrefs = nav ? findAll(nav, (e) => e.tagName === 'a').map((a) => String(a.properties.href)) : [];
      const expected = [parts[index - 1], parts[index + 1]].flatMap((p) => (p ? [`${base}articles/${p.id}/`] : []));
      expect(hrefs).toEqual(expected);
    }
  });

  it.each(seriesIds)('%s: has a page listing its parts in reading order, linked from the series index', (id) => {
    const tree = parseHtml(page(dir, `series/${id}/`));
    const titles = findAll(tree, (e) => e.tagName === 'li').map((li) => text(byClass(li, 'title')[0]).trim());
    expect(titles).toEqual(partsOf(id).map((p) => p.title));
    expect(page(dir, 'series/')).toContain(`href="${base}series/${id}/"`);
  });
});
