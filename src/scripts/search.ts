import { t } from '../strings';

/** The part of Pagefind's browser API this script uses. */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  debouncedSearch(term: string, options?: object, ms?: number): Promise<{ results: PagefindResult[] } | null>;
}

interface PagefindResult {
  id: string;
  data(): Promise<PagefindData>;
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  /** One entry per heading section of the page that matched, in page order. */
  sub_results: { title: string; url: string; excerpt: string; locations: number[] }[];
}

declare global {
  interface Window {
    /** Set by `SearchDialog.astro`: imports the Pagefind bundle under the site's base path. */
    loadPagefind?: () => Promise<Pagefind>;
  }
}

/** How many results are rendered; Pagefind ranks, so the rest are rarely wanted. */
const MAX_RESULTS = 12;
/** Sections shown under a result: long articles match in many, and the reader wants the best few. */
const MAX_SECTIONS = 3;

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  if (!pagefind) {
    const load = window.loadPagefind;
    pagefind = load
      ? load().then(async (module) => {
          await module.options({ excerptLength: 36 });
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
 * Wires every `[data-search]` panel (the dialog's and the search page's) and the ways to open the
 * dialog: header buttons, `/`, and Ctrl/⌘ K. Results are links; ↑/↓ move through them and Enter
 * opens the selected one.
 */
export function initSearch(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-search]')) wirePanel(root);

  const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]');
  if (!dialog) return;
  const open = () => {
    if (dialog.open) return;
    dialog.showModal();
    const input = dialog.querySelector('input');
    input?.focus();
    input?.select();
    void loadPagefind().catch(() => undefined);
  };
  for (const button of document.querySelectorAll('[data-search-open]')) button.addEventListener('click', open);
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
    if ((event.key === 'k' && (event.metaKey || event.ctrlKey)) || (event.key === '/' && !typing)) {
      event.preventDefault();
      open();
    }
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
}

function wirePanel(root: HTMLElement): void {
  const input = root.querySelector('input');
  const status = root.querySelector<HTMLElement>('.search-status');
  const list = root.querySelector<HTMLOListElement>('.search-results');
  if (!input || !status || !list) return;
  const syncQuery = root.hasAttribute('data-sync-query');
  let latest = 0;

  const run = async () => {
    const term = input.value.trim();
    const ticket = ++latest;
    if (syncQuery) {
      const address = new URL(location.href);
      if (term) address.searchParams.set('q', term);
      else address.searchParams.delete('q');
      history.replaceState(null, '', address);
    }
    if (!term) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = t.search.loading;
    let found: PagefindResult[] | undefined;
    try {
      const search = await (await loadPagefind()).debouncedSearch(term, {}, 120);
      if (search === null) return; // superseded by a newer keystroke
      found = search.results;
    } catch {
      if (ticket === latest) status.textContent = t.search.unavailable;
      return;
    }
    const data = await Promise.all(found.slice(0, MAX_RESULTS).map((result) => result.data()));
    if (ticket !== latest) return;
    status.textContent = found.length === 0 ? t.search.empty : t.search.results(found.length);
    list.replaceChildren(
      ...data.map((item) => {
        const li = document.createElement('li');
        li.append(resultLink(item.url, item.meta.title ?? item.url, item.excerpt, 'result-title'));
        const sections = bestSections(item);
        if (sections.length > 0) {
          const nested = document.createElement('ol');
          nested.className = 'result-sections';
          for (const section of sections) {
            const entry = document.createElement('li');
            entry.append(resultLink(section.url, section.title, section.excerpt, 'result-section'));
            nested.append(entry);
          }
          li.append(nested);
        }
        return li;
      }),
    );
    select(list, found.length > 0 ? 0 : -1);
  };

  input.addEventListener('input', () => void run());
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
    const initial = new URL(location.href).searchParams.get('q');
    if (initial) {
      input.value = initial;
      void run();
    }
  }
}

/** A result or section link: its title, and the excerpt with Pagefind's <mark>s around matches. */
function resultLink(href: string, title: string, excerptHtml: string, titleClass: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = href;
  const heading = document.createElement('span');
  heading.className = titleClass;
  heading.textContent = title;
  const excerpt = document.createElement('span');
  excerpt.className = 'result-excerpt';
  // Pagefind escapes the page text and adds only <mark> around matches.
  excerpt.innerHTML = excerptHtml;
  link.append(heading, excerpt);
  return link;
}

/**
 * The sections of a page with the most matches (at most MAX_SECTIONS), in page order, so a hit in
 * a long article leads straight to the right heading. The page's own top (before its first
 * heading) is the result itself.
 */
function bestSections(item: PagefindData): PagefindData['sub_results'] {
  const sections = item.sub_results.filter((section) => section.url !== item.url);
  const best = new Set([...sections].sort((a, b) => b.locations.length - a.locations.length).slice(0, MAX_SECTIONS));
  return sections.filter((section) => best.has(section));
}

function select(list: HTMLOListElement, index: number): void {
  list.querySelectorAll('a').forEach((link, i) => {
    // A data attribute, not aria-selected (not allowed on links): the input keeps focus, and
    // screen readers reach results as ordinary links.
    link.dataset.selected = String(i === index);
    if (i === index) link.scrollIntoView({ block: 'nearest' });
  });
}
