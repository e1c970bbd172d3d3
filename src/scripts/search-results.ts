import {
  correctQuery,
  mergeByAgreement,
  mergeResults,
  queryWords,
  type SearchVocabulary,
} from './search-correction.ts';

/**
 * What Pagefind returns for one record: a page's opening (its URL has no `#`) or one of its
 * sections (`#heading-id`). The index is built that way by `src/search-records.ts`.
 */
export interface SearchRecordData {
  url: string;
  excerpt: string;
  meta: { title?: string; section?: string };
}

/** A page in the result list: the sections of it that matched, best first. */
export interface PageHit<T extends SearchRecordData> {
  /** The page's URL, without a section. */
  url: string;
  title: string;
  /** The page's own record (title, opening paragraphs, its terms), when it matched. */
  opening: T | undefined;
  sections: T[];
}

/** Pages listed; Pagefind ranks, so the rest are rarely wanted. */
export const MAX_PAGES = 12;
/** Sections shown under a page: long articles match in many, and the reader wants the best few. */
export const MAX_SECTIONS = 3;
/** Records whose text is fetched at a time (each about 2.4 KB gzipped). */
const RECORD_BATCH = 10;
/**
 * Records fetched before the first results show: about the dialog's first screen. The rest of the
 * first batch follows, so the list that stays is the same, while the reader waits for half the
 * fetches (and a browser talking HTTP/1.1 opens at most six connections to a host at a time).
 */
const FIRST_SHOWN = 5;
/** Fetching stops once this many pages are listed… */
const ENOUGH_PAGES = 5;
/** …or this many records are fetched. */
const MAX_RECORDS = 30;

/** The records a query finds, best first, and what the box tells the reader about them. */
export interface FoundRecords<T> {
  records: T[];
  /** How many records hold every word of the query (or of its correction). */
  exact: number;
  /** The query with its misspellings corrected, when any was. */
  corrected: string | undefined;
}

/**
 * Everything a query finds, in the order the reader sees it. Pagefind wants every word in one
 * record, and a record is one section, so first the records holding all the words (for the
 * corrected query first, then the reader's own words), then, when those are too few to fill a
 * batch, the records holding only some, those holding more first: a reader who types "Dvoretzky
 * theorem" wants the section headed Dvoretzky 定理, which never says "theorem". Shared by the
 * search box and the search-quality benchmark.
 */
export async function findRecords<T extends { id: string }>(
  term: string,
  search: (query: string) => Promise<T[]>,
  vocabulary: SearchVocabulary,
  searched?: T[],
): Promise<FoundRecords<T>> {
  const original = searched ?? (await search(term));
  const corrected = correctQuery(term, vocabulary);
  const exact = corrected === undefined ? original : mergeResults(await search(corrected), original);
  const words = queryWords(corrected ?? term);
  // Enough sections hold every word to fill the first batch: the rest would only add noise.
  if (words.length < 2 || exact.length >= RECORD_BATCH) return { records: exact, exact: exact.length, corrected };
  const partial = mergeByAgreement(await Promise.all(words.map(search)));
  return { records: mergeResults(exact, partial), exact: exact.length, corrected };
}

/**
 * Fetches the text of the best-ranked records, a batch at a time, until the list has enough
 * pages, or a batch lists no new page. A query matching forty sections of one article would
 * otherwise fetch all forty; a batch of ten sections costs about 24 KB, where one whole article's
 * text cost 30 KB. The constants were chosen on the search-quality benchmark: fewer records per
 * query at the same recall. `onBatch` sees the records loaded so far after each batch (and after
 * the first few records of the first), so the box can show results before the last batch is in.
 * Shared by the search box and that benchmark.
 */
export async function loadRecords<T extends SearchRecordData>(
  results: readonly { data(): Promise<T> }[],
  onBatch?: (loaded: readonly T[]) => void,
): Promise<T[]> {
  const loaded: T[] = [];
  const limit = Math.min(results.length, MAX_RECORDS);
  let pages = 0;
  while (loaded.length < limit) {
    const end = Math.min(loaded.length + RECORD_BATCH, limit);
    for (const partEnd of loaded.length === 0 ? [Math.min(FIRST_SHOWN, end), end] : [end]) {
      if (partEnd <= loaded.length) continue;
      const part = results.slice(loaded.length, partEnd);
      loaded.push(...(await Promise.all(part.map((result) => result.data()))));
      onBatch?.(loaded);
    }
    const before = pages;
    pages = groupByPage(loaded).length;
    // Enough pages to choose from, or a batch that found no new page: the rest are likely more
    // sections of the pages already listed.
    if (pages >= ENOUGH_PAGES || pages === before) break;
  }
  return loaded;
}

/**
 * What a query names, each thing as the forms that name it: every word of the query, and for a
 * glossary term the query contains in any form, all its forms. A reader who types ZOH wants the
 * section headed 零阶保持.
 */
export function queryConcepts(query: string, synonyms: readonly (readonly string[])[]): string[][] {
  const text = query.toLowerCase();
  const words = text.split(/\s+/).filter((word) => word !== '');
  const named = synonyms.filter((forms) => forms.some((form) => containsForm(text, form.toLowerCase())));
  return [...words.map((word) => [word]), ...named.map((forms) => forms.map((form) => form.toLowerCase()))];
}

/** Whether a query contains a term's form: as a word for Latin forms (AP is not in mAP), anywhere for Chinese. */
function containsForm(text: string, form: string): boolean {
  if (/[\u4e00-\u9fff]/.test(form)) return text.includes(form);
  const at = text.indexOf(form);
  if (at === -1) return false;
  const before = text[at - 1] ?? ' ';
  const after = text[at + form.length] ?? ' ';
  return !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after);
}

/**
 * Groups ranked records by page, in the order of each page's best record. Under a page, sections
 * whose heading names more of what the query names (`queryConcepts`) come first (a reader who
 * types a section's name means that section), then by rank; the reference list comes last, since
 * it matches paper titles and the reader wants the text that discusses them.
 */
export function groupByPage<T extends SearchRecordData>(
  records: readonly T[],
  concepts: readonly (readonly string[])[] = [],
): PageHit<T>[] {
  const named = (record: T) => {
    const heading = (record.meta.section ?? '').toLowerCase();
    return concepts.filter((forms) => forms.some((form) => heading.includes(form))).length;
  };
  const pages = new Map<string, PageHit<T>>();
  for (const record of records) {
    const url = record.url.split('#')[0] ?? record.url;
    const page = pages.get(url) ?? { url, title: record.meta.title ?? url, opening: undefined, sections: [] };
    pages.set(url, page);
    if (record.url === url) page.opening ??= record;
    else page.sections.push(record);
  }
  return [...pages.values()].slice(0, MAX_PAGES).map((page) => ({
    ...page,
    sections: page.sections
      .map((record, rank) => ({ record, rank, named: named(record), references: record.url.endsWith('#references') }))
      .sort((a, b) => Number(a.references) - Number(b.references) || b.named - a.named || a.rank - b.rank)
      .slice(0, MAX_SECTIONS)
      .map(({ record }) => record),
  }));
}
