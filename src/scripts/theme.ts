/** The two themes; `data-theme` on <html> holds the current one. */
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'theme';

/** The theme now shown (set before paint by `ThemeInit.astro`). */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Shows a theme and remembers it, so the next page and the next visit start in it. */
export function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/**
 * Wires every `[data-theme-toggle]` button, and follows the system setting while the reader
 * has not chosen a theme themselves.
 */
export function initThemeToggle(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.addEventListener('click', () => setTheme(currentTheme() === 'dark' ? 'light' : 'dark'));
  }
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {}
    if (!saved) document.documentElement.dataset.theme = event.matches ? 'dark' : 'light';
  });
}
