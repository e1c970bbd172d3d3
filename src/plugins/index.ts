import type { ShikiConfig, UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { t } from '../strings';
import { katexOptions } from './katex-options';
import { rehypeMathErrors } from './rehype-math-errors';
import { rehypeSidenotes } from './rehype-sidenotes';
import { rehypeToc } from './rehype-toc';
import { type ArticleLinksOptions, remarkArticleLinks } from './remark-article-links';
import { remarkCallouts } from './remark-callouts';
import { type CitationsOptions, remarkCitations } from './remark-citations';
import { remarkEquations } from './remark-equations';
import { remarkFigures } from './remark-figures';

/** What the pipeline needs to know about the site; see `astro.config.ts`. */
export type MarkdownOptions = ArticleLinksOptions & CitationsOptions;

/**
 * The Markdown pipeline, in order, for Astro's unified processor (and for the tests, which render
 * through the same list). remark-math must come first so `$…$` is math before anything else looks
 * at the text. remark-figures records figure labels that remark-equations resolves in `[@fig:…]`,
 * and remark-equations takes `[@eq:…]`/`[@fig:…]` before remark-citations reads every other
 * `[@key]`; remark-callouts comes last so a callout title's accessible name reads the resolved
 * references. rehype-math-errors must follow rehype-katex directly; rehype-sidenotes copies
 * footnotes after KaTeX has rendered them, so their math is rendered once; rehype-toc reads
 * headings after KaTeX so the table of contents keeps their math.
 */
export function markdownPlugins(options: MarkdownOptions) {
  const { bibliography, ...links } = options;
  return {
    remarkPlugins: [
      remarkMath,
      [remarkArticleLinks, links],
      remarkFigures,
      remarkEquations,
      [remarkCitations, { bibliography }],
      remarkCallouts,
    ],
    rehypePlugins: [[rehypeKatex, katexOptions()], rehypeMathErrors, rehypeSidenotes, rehypeToc],
    // GFM's footnote section is labelled in English by default.
    remarkRehype: {
      footnoteLabel: t.markdown.footnotes,
      footnoteBackLabel: (index: number, rereference: number) =>
        t.markdown.footnoteBack(`${index + 1}${rereference > 1 ? `-${rereference}` : ''}`),
    },
  } satisfies UnifiedProcessorOptions;
}

/**
 * Code highlighting: one light and one dark theme, emitted as CSS variables so the site's theme
 * toggle switches code colours with everything else (see `src/styles/global.css`).
 */
export const shikiConfig = {
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: 'light',
  wrap: false,
} satisfies Partial<ShikiConfig>;
