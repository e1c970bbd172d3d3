import { describe, expect, it } from 'vitest';
import {
  findRecords,
  groupByPage,
  loadRecords,
  MAX_SECTIONS,
  queryConcepts,
  type SearchRecordData,
} from '../../src/scripts/search-results';

/** A record as Pagefind returns it: a page's opening (no `#`) or one of its sections. */
const record = (url: string, section = ''): SearchRecordData => ({
  url,
  excerpt: `excerpt of ${url}`,
  meta: { title: `title of ${url.split('#')[0]}`, section },
});

describe('search results grouped by article', () => {
  it('lists each article once, in the order of its best record, with its sections in rank order', () => {
    const hits = groupByPage([
      record('/a/#一', '一'),
      record('/b/'),
      record('/a/'),
      record('/b/#二', '二'),
      record('/a/#三', '三'),
    ]);
    expect(hits.map((hit) => hit.url)).toEqual(['/a/', '/b/']);
    expect(hits[0]?.title).toBe('title of /a/');
    expect(hits[0]?.opening?.url).toBe('/a/');
    expect(hits[0]?.sections.map((s) => s.meta.section)).toEqual(['一', '三']);
    expect(hits[1]?.sections.map((s) => s.meta.section)).toEqual(['二']);
  });

  it('shows at most a few sections per article, the reference list last, a section named by the query first', () => {
    const records = [
      record('/a/#references', '参考文献'),
      ...['一', '二', '三', '四'].map((title) => record(`/a/#${title}`, title)),
    ];
    expect(groupByPage(records)[0]?.sections.map((s) => s.meta.section)).toEqual(['一', '二', '三']);
    expect(groupByPage(records, [['四']])[0]?.sections.map((s) => s.meta.section)).toEqual(['四', '一', '二']);
    expect(groupByPage(records)[0]?.sections).toHaveLength(MAX_SECTIONS);
  });

  it('puts first a section headed by a glossary term the query names in another language', () => {
    const synonyms = [
      ['零阶保持', 'zero-order hold', 'ZOH'],
      ['平均精度', 'average precision', 'AP'],
    ];
    const records = [record('/s/#双线性', '双线性'), record('/s/#零阶保持', '零阶保持')];
    expect(groupByPage(records, queryConcepts('ZOH', synonyms))[0]?.sections[0]?.meta.section).toBe('零阶保持');
    expect(groupByPage(records, queryConcepts('zero-order hold 离散化', synonyms))[0]?.sections[0]?.meta.section).toBe(
      '零阶保持',
    );
    // A form is matched as a word: AP is not named by mAP.
    expect(queryConcepts('mAP', synonyms)).toEqual([['map']]);
  });

  it('fetches records a batch at a time, until enough articles are listed or a batch lists no new one', async () => {
    let fetched = 0;
    const results = (count: number, url: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => ({
        data: async () => {
          fetched++;
          return record(url(i), `s${i}`);
        },
      }));
    // Six articles among the first ten records: one batch is enough.
    await loadRecords(results(40, (i) => `/p${i % 6}/#s${i}`));
    expect(fetched).toBe(10);
    // One article everywhere: a second batch finds no other, and fetching stops.
    fetched = 0;
    expect(await loadRecords(results(100, (i) => `/a/#s${i}`))).toHaveLength(20);
    // A new article every few records: batches go on, up to a limit.
    fetched = 0;
    await loadRecords(results(100, (i) => `/p${Math.floor(i / 9)}/#s${i}`));
    expect(fetched).toBe(30);
    // The box shows each batch as it comes in, the first before the second is fetched, and
    // the first few records before the rest of the first batch: the first results wait for
    // five fetches, not ten.
    fetched = 0;
    const seen: [number, number][] = [];
    await loadRecords(
      results(100, (i) => `/p${Math.floor(i / 9)}/#s${i}`),
      (loaded) => void seen.push([loaded.length, fetched]),
    );
    expect(seen).toEqual([
      [5, 5],
      [10, 10],
      [20, 20],
      [30, 30],
    ]);
    // Fewer records than that: one fetch of them all.
    seen.length = 0;
    fetched = 0;
    await loadRecords(
      results(3, (i) => `/p${i}/`),
      (loaded) => void seen.push([loaded.length, fetched]),
    );
    expect(seen).toEqual([[3, 3]]);
  });

  it('finds the sections holding every word first, then, when they are few, those holding some of them', async () => {
    const vocabulary = { words: ['theorem', 'dvoretzky'], terms: [], synonyms: [] };
    const index: Record<string, string[]> = {
      'dvoretzky theorem': ['opening'],
      dvoretzky: ['dvoretzky-section', 'opening'],
      theorem: ['other-theorem', 'opening'],
    };
    const search = async (query: string) => (index[query.toLowerCase()] ?? []).map((id) => ({ id }));
    const found = await findRecords('Dvoretzky theorem', search, vocabulary);
    expect(found.exact).toBe(1);
    // The opening holds both words, so it leads the partial matches too; then one word each.
    expect(found.records.map((r) => r.id)).toEqual(['opening', 'dvoretzky-section', 'other-theorem']);

    // Ten sections or more hold every word: no partial matches.
    const many = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const full: Record<string, string[]> = { ...index, 'dvoretzky theorem': many };
    const enough = await findRecords(
      'Dvoretzky theorem',
      async (q) => (full[q.toLowerCase()] ?? []).map((id) => ({ id })),
      vocabulary,
    );
    expect(enough.records.map((r) => r.id)).toEqual(many);
  });

  it('puts the corrected query’s sections first and says what it corrected to', async () => {
    const vocabulary = { words: ['attention', 'linear'], terms: [], synonyms: [] };
    const index: Record<string, string[]> = { 'linear attention': ['a', 'b'], 'linear atention': ['c'] };
    const found = await findRecords('linear atention', async (q) => (index[q] ?? []).map((id) => ({ id })), vocabulary);
    expect(found.corrected).toBe('linear attention');
    expect(found.records.slice(0, 3).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
