import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

/** The rendered formula of `$tex$` alone. */
const formula = async (tex: string) => renderMarkdown(`$${tex}$`);

describe('KaTeX settings', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // The site-wide macros the README documents, each with what an author may write instead.
  const macros: [string, string][] = [
    ['\\R^n', '\\mathbb{R}^n'],
    ['\\N', '\\mathbb{N}'],
    ['\\E[x]', '\\mathbb{E}[x]'],
    ['\\Var(x)', '\\operatorname{Var}(x)'],
    ['\\Cov(x, y)', '\\operatorname{Cov}(x, y)'],
    ['\\norm{x}', '\\left\\lVert x \\right\\rVert'],
    ['\\abs{x}', '\\left\\lvert x \\right\\rvert'],
    ['\\argmin_x f', '\\operatorname*{arg\\,min}_x f'],
    ['\\argmax_x f', '\\operatorname*{arg\\,max}_x f'],
    ['\\diag(x)', '\\operatorname{diag}(x)'],
    ['\\tr(A)', '\\operatorname{tr}(A)'],
    ['\\softmax(z)', '\\operatorname{softmax}(z)'],
    ['A\\T', 'A^{\\top}'],
    ['\\d x', '\\mathrm{d} x'],
  ];
  for (const [macro, expansion] of macros) {
    it(`renders ${macro} as ${expansion}`, async () => {
      // The annotation and the search copy keep the source; everything a reader sees must be the same.
      const strip = (html: string) =>
        html
          .replace(/<annotation[^>]*>.*?<\/annotation>/s, '')
          .replace(/<span hidden class="math-search-text">.*?<\/span>/s, '');
      expect(strip(await formula(macro))).toBe(strip(await formula(expansion)));
    });
  }

  it('renders Chinese in a formula without a warning, but warns on other LaTeX incompatibilities', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await formula('损失=x');
    expect(warn).not.toHaveBeenCalled();
    await renderMarkdown('$$\na \\\\ b\n$$');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/does nothing in display mode \[newLineInDisplayMode\]$/);
  });

  it('does not turn \\href in a formula into a link', async () => {
    const html = await formula('\\href{https://example.com}{x}');
    expect(html).not.toMatch(/<a[\s>]/);
  });
});
