import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { SearchVocabulary } from '../../src/scripts/search-correction.ts';
import {
  findRecords,
  groupByPage,
  loadRecords,
  queryConcepts,
  type SearchRecordData,
} from '../../src/scripts/search-results.ts';

/** One query of the search-quality set: what a reader types, and what they must find. */
export interface SearchQuery {
  query: string;
  /** The article that must come up, by id. */
  article: string;
  /** Where it matters, the section of that article (heading id) the reader wants. */
  section?: string;
  kind: 'zh' | 'en' | 'mixed' | 'abbr' | 'api' | 'formula' | 'typo';
}

/** Where the expected article and section ranked for one query (1-based; undefined: not shown). */
export interface QueryOutcome {
  query: SearchQuery;
  rank: number | undefined;
  sectionRank: number | undefined;
  /** The first few article ids returned, for reports. */
  top: string[];
  /** How many records' text the search box fetched to show the list (each a small file). */
  fetched: number;
}

/**
 * A query set in the repository: Chinese, English, mixed, abbreviations, APIs, formulas, typos.
 * `queries.json` is the set search was tuned on (the test's floor); `heldout.json` was written
 * later, without seeing the first set or the search code, to check that the tuning generalises.
 */
export function searchQueries(file = 'tests/search/queries.json'): SearchQuery[] {
  return JSON.parse(readFileSync(file, 'utf8')) as SearchQuery[];
}

/** How many results a reader looks at: the rank beyond which a result counts as not found. */
const DEPTH = 10;

/**
 * Runs every query through Pagefind in the page (a built site's page that has the search dialog,
 * under `base`), finding, fetching and grouping records with the search box's own functions, and
 * returns where each expected article and section came. The page's own Pagefind bundle and index
 * are used, so this measures what a reader gets from that build.
 */
export async function runQueries(page: Page, queries: readonly SearchQuery[], base: string): Promise<QueryOutcome[]> {
  const vocabulary = await page.evaluate(async () => {
    const url = (window as unknown as { searchVocabularyUrl: string }).searchVocabularyUrl;
    return (await (await fetch(url)).json()) as SearchVocabulary;
  });
  // Every result's id, in Pagefind's order; the page keeps the results so that only the records
  // the search box would fetch are fetched.
  const search = (term: string) =>
    page.evaluate(async (term) => {
      const store = window as unknown as { loadPagefind: () => Promise<PagefindApi>; kept?: Map<string, Kept> };
      const pagefind = await store.loadPagefind();
      await pagefind.options({ excerptLength: 36 });
      store.kept ??= new Map();
      const found = (await pagefind.search(term)).results;
      for (const result of found) store.kept.set(result.id, result);
      return found.map((result) => ({ id: result.id }));
      interface Kept {
        id: string;
        data(): Promise<unknown>;
      }
      interface PagefindApi {
        options(o: object): Promise<void>;
        search(term: string): Promise<{ results: Kept[] }>;
      }
    }, term);
  let fetched = 0;
  const withData = (ids: readonly { id: string }[]) =>
    ids.map(({ id }) => ({
      id,
      data: () => {
        fetched++;
        return page.evaluate(
          async (id) =>
            (await (window as unknown as { kept: Map<string, { data(): Promise<SearchRecordData> }> }).kept
              .get(id)
              ?.data()) as SearchRecordData,
          id,
        );
      },
    }));
  const idOf = (url: string) =>
    decodeURI(url)
      .slice(base.length)
      .replace(/^articles\//, '')
      .replace(/\/.*$/, '');
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    fetched = 0;
    const found = await findRecords(query.query, search, vocabulary);
    const concepts = queryConcepts(`${query.query} ${found.corrected ?? ''}`, vocabulary.synonyms);
    const hits = groupByPage(await loadRecords(withData(found.records)), concepts).slice(0, DEPTH);
    const index = hits.findIndex((hit) => idOf(hit.url) === query.article);
    const sections = hits[index]?.sections.map((section) => decodeURI(section.url).split('#')[1]) ?? [];
    const sectionIndex = query.section ? sections.indexOf(query.section) : -1;
    outcomes.push({
      query,
      rank: index === -1 ? undefined : index + 1,
      sectionRank: sectionIndex === -1 ? undefined : sectionIndex + 1,
      top: hits.slice(0, 3).map((hit) => idOf(hit.url)),
      fetched,
    });
  }
  return outcomes;
}

/** Recall@1, recall@5, MRR over articles, and how often the wanted section came first / was shown. */
export interface SearchQuality {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  sectionQueries: number;
  sectionFirst: number;
  sectionShown: number;
}

/** The numbers a reader's trust rests on, from the outcomes of a query set. */
export function searchQuality(outcomes: readonly QueryOutcome[]): SearchQuality {
  const n = outcomes.length;
  const withSection = outcomes.filter((o) => o.query.section !== undefined);
  const share = (count: number, of: number) => (of === 0 ? 1 : count / of);
  return {
    queries: n,
    recallAt1: share(outcomes.filter((o) => o.rank === 1).length, n),
    recallAt5: share(outcomes.filter((o) => o.rank !== undefined && o.rank <= 5).length, n),
    mrr: share(
      outcomes.reduce((sum, o) => sum + (o.rank === undefined ? 0 : 1 / o.rank), 0),
      n,
    ),
    sectionQueries: withSection.length,
    sectionFirst: share(withSection.filter((o) => o.sectionRank === 1).length, withSection.length),
    sectionShown: share(withSection.filter((o) => o.sectionRank !== undefined).length, withSection.length),
  };
}
