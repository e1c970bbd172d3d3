/** The search code, loaded on first use. */
type SearchModule = typeof import('./search');

let search: Promise<SearchModule> | undefined;

/** Imports the search code once; a failed load (offline, say) is tried again next time. */
function loadSearch(): Promise<SearchModule> {
  search ??= import('./search');
  search.catch(() => {
    search = undefined;
  });
  return search;
}

/**
 * The ways to open the search dialog: header buttons, `/`, and Ctrl/⌘ K. This is all the search
 * code a page runs before the reader asks for search: the dialog opens at once, and the code that
 * searches (`search.ts`, with Pagefind and the spelling vocabulary behind it) is loaded then. A
 * query typed while it loads is searched as soon as it is there. The search page's own panel,
 * which searches from its address, loads it straight away.
 */
export function initSearchOpeners(): void {
  const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]');
  const pagePanels = [...document.querySelectorAll<HTMLElement>('[data-search]')].filter(
    (panel) => !dialog?.contains(panel),
  );
  if (pagePanels.length > 0) void loadSearch().then((module) => pagePanels.forEach(module.initSearchPanel));
  if (!dialog) return;
  const dialogPanel = dialog.querySelector<HTMLElement>('[data-search]');
  let wired = false;

  const open = () => {
    if (dialog.open) return;
    dialog.showModal();
    const input = dialog.querySelector('input');
    input?.focus();
    input?.select();
    loadSearch().then(
      (module) => {
        if (!wired && dialogPanel) module.initSearchPanel(dialogPanel);
        wired = true;
        module.warmSearch();
      },
      () => undefined,
    );
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
