import { t } from '../strings';

/** The part of Pagefind's browser API this script uses. */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  debouncedSearch(term: string, options?: object, ms?: number): Promise<{ results: PagefindResult[] } | null>;
}

interface PagefindResult {
  id: string;
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}

declare global {
  interface Window {
    /** Set by `SearchDialog.astro`: imports the Pagefind bundle under the site's base path. */
    loadPagefind?: () => Promise<Pagefind>;
  }
}

/** How many results are rendered; Pagefind ranks, so the rest are rarely wanted. */
const MAX_RESULTS = 12;

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
      ...data.map((item, index) => {
        const li = document.createElement('li');
        const link = document.createElement('a');
        link.href = item.url;
        link.id = `${root.id || 'search'}-result-${index}`;
        const title = document.createElement('span');
        title.className = 'result-title';
        title.textContent = item.meta.title ?? item.url;
        const excerpt = document.createElement('span');
        excerpt.className = 'result-excerpt';
        // Pagefind escapes the page text and adds only <mark> around matches.
        excerpt.innerHTML = item.excerpt;
        link.append(title, excerpt);
        li.append(link);
        return li;
      }),
    );
    select(list, found.length > 0 ? 0 : -1);
  };

  input.addEventListener('input', () => void run());
  input.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll('a')];
    const current = links.findIndex((link) => link.getAttribute('aria-selected') === 'true');
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

function select(list: HTMLOListElement, index: number): void {
  list.querySelectorAll('a').forEach((link, i) => {
    link.setAttribute('aria-selected', String(i === index));
    if (i === index) link.scrollIntoView({ block: 'nearest' });
  });
}
