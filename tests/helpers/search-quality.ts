import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  correctQuery,
  mergeByAgreement,
  mergeResults,
  type SearchVocabulary,
} from '../../src/scripts/search-correction.ts';
import { bestSections, type PagefindPage } from '../../src/scripts/search-sections.ts';

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
 * under `base`), ranking sections as the search box does, and returns where each expected article
 * and section came. The page's own Pagefind bundle and index are used, so this measures what a
 * reader gets from that build.
 */
export async function runQueries(page: Page, queries: readonly SearchQuery[], base: string): Promise<QueryOutcome[]> {
  const vocabulary = await page.evaluate(async () => {
    const url = (window as unknown as { searchVocabularyUrl: string }).searchVocabularyUrl;
    return (await (await fetch(url)).json()) as SearchVocabulary;
  });
  const corrections = queries.map((q) => correctQuery(q.query, vocabulary));
  const search = (terms: string[]) =>
    page.evaluate(
      async ({ terms, depth }) => {
        const load = (window as unknown as { loadPagefind: () => Promise<PagefindApi> }).loadPagefind;
        const pagefind = await load();
        await pagefind.options({ excerptLength: 36 });
        const out: (PagefindPage & { id: string })[][] = [];
        for (const term of terms) {
          if (term === '') {
            out.push([]);
            continue;
          }
          const found = await pagefind.search(term);
          out.push(
            await Promise.all(found.results.slice(0, depth).map(async (r) => ({ ...(await r.data()), id: r.id }))),
          );
        }
        return out;
        interface PagefindApi {
          options(o: object): Promise<void>;
          search(term: string): Promise<{ results: { id: string; data(): Promise<PagefindPage> }[] }>;
        }
      },
      { terms, depth: DEPTH },
    );
  // As the search box does: the query, its correction first if there is one, and, when a query of
  // several words finds nothing as a whole, its words one by one.
  const originals = await search(queries.map((q) => q.query));
  const corrected = await search(corrections.map((c) => c ?? ''));
  const pages = await Promise.all(
    queries.map(async (q, i) => {
      const merged = mergeResults(corrections[i] ? (corrected[i] ?? []) : [], originals[i] ?? []);
      const words = (corrections[i] ?? q.query).split(/\s+/);
      if (merged.length > 0 || words.length < 2) return merged;
      return mergeByAgreement(await search(words));
    }),
  );
  return queries.map((query, i) => {
    const found = (pages[i] ?? []).slice(0, DEPTH);
    const words = `${query.query} ${corrections[i] ?? ''}`.trim().split(/\s+/);
    const idOf = (url: string) =>
      decodeURI(url)
        .slice(base.length)
        .replace(/^articles\//, '')
        .replace(/\/.*$/, '');
    const index = found.findIndex((result) => idOf(result.url) === query.article);
    const hit = found[index];
    const sections = hit ? bestSections(hit, words).map((s) => decodeURI(s.url).split('#')[1]) : [];
    const sectionIndex = query.section ? sections.indexOf(query.section) : -1;
    return {
      query,
      rank: index === -1 ? undefined : index + 1,
      sectionRank: sectionIndex === -1 ? undefined : sectionIndex + 1,
      top: found.slice(0, 3).map((result) => idOf(result.url)),
    };
  });
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
