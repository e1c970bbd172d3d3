import type { KatexOptions } from 'katex';

/**
 * Site-wide KaTeX macros, defined once and documented in the README. Authors write `\R`, `\E`,
 * `\norm{x}` in any article. Keep these to notation that reads the same in every article.
 */
export const katexMacros: Record<string, string> = {
  '\\R': '\\mathbb{R}',
  '\\N': '\\mathbb{N}',
  '\\E': '\\mathbb{E}',
  '\\Var': '\\operatorname{Var}',
  '\\Cov': '\\operatorname{Cov}',
  '\\norm': '\\left\\lVert #1 \\right\\rVert',
  '\\abs': '\\left\\lvert #1 \\right\\rvert',
  '\\argmin': '\\operatorname*{arg\\,min}',
  '\\argmax': '\\operatorname*{arg\\,max}',
  '\\diag': '\\operatorname{diag}',
  '\\tr': '\\operatorname{tr}',
  '\\softmax': '\\operatorname{softmax}',
  '\\T': '^{\\top}',
  '\\d': '\\mathrm{d}',
};

/**
 * KaTeX settings shared by the Markdown pipeline and the test that renders every formula.
 * `htmlAndMathml` keeps formulas readable by screen readers. `strict` ignores only Chinese or
 * other Unicode text in math (`$损失=x$` is fine to write) and warns on other LaTeX
 * incompatibilities; parse errors are caught by `rehype-math-errors`.
 */
export function katexOptions(): KatexOptions {
  return {
    output: 'htmlAndMathml',
    // A fresh copy: KaTeX writes `\gdef` definitions into the object it is given.
    macros: { ...katexMacros },
    strict: (code: string) => (code === 'unicodeTextInMathMode' || code === 'unknownSymbol' ? 'ignore' : 'warn'),
    trust: false,
  };
}
