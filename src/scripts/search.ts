import { t } from '../strings';
import { withHighlight } from './arrival-highlight';
import type { SearchVocabulary } from './search-correction';
import {
  findRecords,
  groupByPage,
  loadRecords,
  MAX_PAGES,
  queryConcepts,
  type SearchRecordData,
} from './search-results';

/** The part of Pagefind's browser API this script uses. */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string, options?: object, ms?: number): Promise<{ results: PagefindResult[] } | null>;
  /** Fetches the index chunks a term needs, without searching. */
  preload(term: string, options?: object): Promise<void>;
  /** A null term with filters lists every page that passes them. */
  search(term: string | null, options?: object): Promise<{ results: PagefindResult[] }>;
}

interface PagefindResult {
  id: string;
  data(): Promise<SearchRecordData>;
}

declare global {
  interface Window {
    /** Set by `SearchDialog.astro`: imports the Pagefind bundle under the site's base path. */
    loadPagefind?: () => Promise<Pagefind>;
    /** Set by `SearchDialog.astro`: where the spelling-correction vocabulary is. */
    searchVocabularyUrl?: string;
  }
}

let pagefind: Promise<Pagefind> | undefined;
let vocabulary: Promise<SearchVocabulary> | undefined;

/** The words misspellings are corrected towards; none (no correction) if the file cannot load. */
function loadVocabulary(): Promise<SearchVocabulary> {
  vocabulary ??= fetch(window.searchVocabularyUrl ?? '')
    .then((response) =>
      response.ok ? (response.json() as Promise<SearchVocabulary>) : { words: [], terms: [], synonyms: [] },
    )
    .catch(() => ({ words: [], terms: [], synonyms: [] }));
  return vocabulary;
}

function loadPagefind(): Promise<Pagefind> {
  if (!pagefind) {
    const load = window.loadPagefind;
    pagefind = load
      ? load().then(async (module) => {
          await module.options({ excerptLength: 36 });
          // Loads the WebAssembly and the index's metadata now, not at the first query.
          await module.init();
          void warmUp(module).catch(() => undefined);
          return module;
        })
      : Promise.reject(new Error('Pagefind loader missing'));
    pagefind.catch(() => {
      pagefind = undefined;
    });
  }
  return pagefind;
}

/**
 * Runs once, as Pagefind loads, what the first search would otherwise run cold: the browser's
 * Intl.Segmenter, whose first use in a page loads its word-break data (30–80 ms in Chromium, once
 * per process, so this thread's `queryWords` gains too), and the worker's path from a search to a
 * record's text and excerpt (lazily compiled WebAssembly and JavaScript). A search by filter alone
 * for the pages' own records fetches no index chunk: it costs the filter's list (under 1 KB) and
 * one record (about 1.5 KB). Measured (`npm run bench:search`, medians of five runs on a busy
 * machine): the first query's results 290 ms after the debounce without it, 160 ms with the
 * segmenter alone warmed, 150 ms with this.
 */
async function warmUp(module: Pagefind): Promise<void> {
  const pages = await module.search(null, { filters: { record: 'page' } });
  await pages.results[0]?.data();
}

/**
 * Starts loading what the first search needs (Pagefind, its WebAssembly and metadata, and the
 * spelling vocabulary) as the dialog opens or the reader enters a search box, so the first
 * results do not wait for it.
 */
export function warmSearch(): void {
  void loadPagefind().catch(() => undefined);
  void loadVocabulary();
}

/**
 * Wires one `[data-search]` panel (the dialog's or the search page's): it searches as the reader
 * types. Results are links; ↑/↓ move through them and Enter opens the selected one. A query
 * already in the box (typed while this code loaded, or from the search page's address) is
 * searched at once.
 */
export function initSearchPanel(root: HTMLElement): void {
  const input = root.querySelector('input');
  const status = root.querySelector<HTMLElement>('.search-status');
  const list = root.querySelector<HTMLOListElement>('.search-results');
  if (!input || !status || !list) return;
  const syncQuery = root.hasAttribute('data-sync-query');
  const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  let latest = 0;

  /** The chosen filters, as Pagefind takes them (`{ topic: 'optimization' }`); none chosen, none. */
  const filters = (): Record<string, string> =>
    Object.fromEntries(
      selects.filter((select) => select.value !== '').map((select) => [select.dataset.filter, select.value]),
    );

  const run = async () => {
    const term = input.value.trim();
    const chosen = filters();
    const filtered = Object.keys(chosen).length > 0;
    const ticket = ++latest;
    if (syncQuery) {
      const address = new URL(location.href);
      if (term) address.searchParams.set('q', term);
      else address.searchParams.delete('q');
      for (const select of selects) {
        const key = select.dataset.filter ?? '';
        if (select.value) address.searchParams.set(key, select.value);
        else address.searchParams.delete(key);
      }
      history.replaceState(null, '', address);
    }
    if (!term && !filtered) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = t.search.loading;
    let found: PagefindResult[] = [];
    let exact = 0;
    let corrected: string | undefined;
    try {
      const module = await loadPagefind();
      const options = { filters: chosen };
      // The index chunks the words need load while the debounce waits for the reader to stop typing.
      if (term) void module.preload(term, options).catch(() => undefined);
      // Filters alone list every page that passes them: its own record, not each of its sections.
      const search = term
        ? await module.debouncedSearch(term, options, 120)
        : await module.search(null, { filters: { ...chosen, record: 'page' } });
      if (search === null) return; // superseded by a newer keystroke
      found = search.results;
      exact = found.length;
      if (term) {
        const more = async (query: string) => (await module.search(query, options)).results;
        ({ records: found, exact, corrected } = await findRecords(term, more, await loadVocabulary(), found));
      }
    } catch {
      if (ticket === latest) status.textContent = t.search.unavailable;
      return;
    }
    const concepts = queryConcepts(`${term} ${corrected ?? ''}`, (await loadVocabulary()).synonyms);
    const words = corrected ?? term;
    let shown = false;
    // Results show as soon as the first batch of records is in; later batches add to the list
    // (pages already listed keep their place: they are in order of their best record), without a second
    // announcement, and keep the reader's arrow-key choice.
    const show = (records: readonly SearchRecordData[]) => {
      if (ticket !== latest) return;
      const chosenLink = [...list.querySelectorAll('a')].findIndex((link) => link.dataset.selected === 'true');
      if (!shown) {
        if (found.length === 0) status.textContent = t.search.empty;
        else if (!term) status.textContent = t.search.results(found.length);
        else status.textContent = exact > 0 ? t.search.matches(found.length) : t.search.partial(found.length);
        if (corrected !== undefined && found.length > 0) status.textContent += t.search.corrected(corrected);
      }
      render(records, concepts, words);
      select(list, shown ? chosenLink : found.length > 0 ? 0 : -1);
      shown = true;
    };
    if (term) await loadRecords(found, show);
    if (!term || found.length === 0)
      show(term ? [] : await Promise.all(found.slice(0, MAX_PAGES).map((r) => r.data())));
  };

  /** The result list: records grouped by page, sections naming the query first. */
  const render = (records: readonly SearchRecordData[], concepts: string[][], words: string) => {
    list.replaceChildren(
      ...groupByPage(records, concepts).map((hit) => {
        const li = document.createElement('li');
        li.append(resultLink(withHighlight(hit.url, words), hit.title, hit.opening?.excerpt ?? '', 'result-title'));
        if (hit.sections.length > 0) {
          const nested = document.createElement('ol');
          nested.className = 'result-sections';
          for (const section of hit.sections) {
            const entry = document.createElement('li');
            entry.append(
              resultLink(
                withHighlight(section.url, words),
                section.meta.section ?? section.url,
                section.excerpt,
                'result-section',
              ),
            );
            nested.append(entry);
          }
          li.append(nested);
        }
        return li;
      }),
    );
  };

  // Pagefind and the vocabulary load as soon as the reader is in the search box (the search page's
  // box has focus from the start), not at the first keystroke.
  input.addEventListener('focus', warmSearch);
  if (document.activeElement === input) warmSearch();
  input.addEventListener('input', () => void run());
  for (const select of selects) select.addEventListener('change', () => void run());
  input.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll('a')];
    const current = links.findIndex((link) => link.dataset.selected === 'true');
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      select(list, links.length ? (current + step + links.length) % links.length : -1);
    } else if (event.key === 'Enter' && current >= 0) {
      event.preventDefault();
      links[current]?.click();
    }
  });

  if (syncQuery) {
    const params = new URL(location.href).searchParams;
    input.value = params.get('q') ?? '';
    for (const select of selects) {
      const value = params.get(select.dataset.filter ?? '');
      // Only a value the list offers: a stale link's unknown topic must not hide every result.
      if (value && [...select.options].some((option) => option.value === value)) select.value = value;
    }
  }
  if (input.value.trim() || Object.keys(filters()).length > 0) void run();
}

/** A result or section link: its title, and the excerpt with Pagefind's <mark>s around matches. */
function resultLink(href: string, title: string, excerptHtml: string, titleClass: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = href;
  const heading = document.createElement('span');
  heading.className = titleClass;
  heading.textContent = title;
  link.append(heading);
  if (excerptHtml) {
    const excerpt = document.createElement('span');
    excerpt.className = 'result-excerpt';
    // Pagefind escapes the page text and adds only <mark> around matches.
    excerpt.innerHTML = excerptHtml;
    link.append(excerpt);
  }
  return link;
}

function select(list: HTMLOListElement, index: number): void {
  list.querySelectorAll('a').forEach((link, i) => {
    // A data attribute, not aria-selected (not allowed on links): the input keeps focus, and
    // screen readers reach results as ordinary links.
    link.dataset.selected = String(i === index);
    if (i === index) link.scrollIntoView({ block: 'nearest' });
  });
}
