import type { ShikiConfig, UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { katexOptions } from './katex-options';
import { type ArticleLinksOptions, remarkArticleLinks } from './remark-article-links';
import { rehypeMathErrors } from './rehype-math-errors';

/** What the pipeline needs to know about the site; see `astro.config.ts`. */
export type MarkdownOptions = ArticleLinksOptions;

/**
 * The Markdown pipeline, in order, for Astro's unified processor (and for the tests, which render
 * through the same list). remark-math must come first so `$…$` is math before anything else looks
 * at the text; rehype-math-errors must follow rehype-katex directly.
 */
export function markdownPlugins(options: MarkdownOptions) {
  return {
    remarkPlugins: [remarkMath, [remarkArticleLinks, options]],
    rehypePlugins: [
      [rehypeKatex, katexOptions()],
      rehypeMathErrors,
    ],
  } satisfies UnifiedProcessorOptions;
}

/**
 * Code highlighting: one light and one dark theme, emitted as CSS variables so the site's theme
 * toggle switches code colours with everything else (see `src/styles/global.css`).
 */
export const shikiConfig = {
  themes: { light: 'github-light', dark: 'github-dark' },
  defaultColor: 'light',
  wrap: false,
} satisfies Partial<ShikiConfig>;
