import type { ShikiConfig, UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { t } from '../strings';
import { katexOptions } from './katex-options';
import { rehypeGlossary } from './rehype-glossary';
import { rehypeLinkContext } from './rehype-link-context';
import { rehypeMathErrors } from './rehype-math-errors';
import { rehypeMathSearchText } from './rehype-math-search-text';
import { rehypeSectionSummaries } from './rehype-section-summaries';
import { rehypeSidenotes } from './rehype-sidenotes';
import { rehypeToc } from './rehype-toc';
import { type ArticleLinksOptions, remarkArticleLinks } from './remark-article-links';
import { remarkCallouts } from './remark-callouts';
import { type CitationsOptions, remarkCitations } from './remark-citations';
import { type CodeIncludeOptions, remarkCodeInclude } from './remark-code-include';
import { remarkEquations } from './remark-equations';
import { remarkFigures } from './remark-figures';
import { shikiCodeFrame } from './shiki-code-frame';

/** What the pipeline needs to know about the site; see `astro.config.ts`. */
export type MarkdownOptions = ArticleLinksOptions & CitationsOptions & CodeIncludeOptions;

/**
 * The Markdown pipeline, in order, for Astro's unified processor (and for the tests, which render
 * through the same list). remark-math must come first so `$…$` is math before anything else looks
 * at the text; remark-code-include fills included code blocks next, before anything reads code.
 * remark-figures records figure labels that remark-equations resolves in `[@fig:…]`,
 * and remark-equations takes `[@eq:…]`/`[@fig:…]` before remark-citations reads every other
 * `[@key]`; remark-callouts comes last so a callout title's accessible name reads the resolved
 * references. rehype-math-errors must follow rehype-katex directly; rehype-sidenotes copies
 * footnotes after KaTeX has rendered them, so their math is rendered once (rehype-link-context
 * reads links before that, so a link in a footnote is not counted twice); rehype-glossary links
 * terms after that, so neither "被引用" excerpts nor sidenote copies carry term links; rehype-toc reads
 * headings after KaTeX so the table of contents keeps their math, and rehype-section-summaries,
 * reads each section's first paragraph for link previews from other articles, and
 * rehype-math-search-text, last, gives the search index each formula's TeX where nothing else
 * can see it.
 */
export function markdownPlugins(options: MarkdownOptions) {
  const { bibliography, rootDir, ...links } = options;
  return {
    remarkPlugins: [
      remarkMath,
      [remarkCodeInclude, { rootDir }],
      [remarkArticleLinks, links],
      remarkFigures,
      remarkEquations,
      [remarkCitations, { bibliography }],
      remarkCallouts,
    ],
    rehypePlugins: [
      [rehypeKatex, katexOptions()],
      rehypeMathErrors,
      rehypeLinkContext,
      rehypeSidenotes,
      [rehypeGlossary, { contentDir: links.contentDir, base: links.base }],
      rehypeToc,
      rehypeSectionSummaries,
      rehypeMathSearchText,
    ],
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
 * toggle switches code colours with everything else (see `src/styles/global.css`). Shiki's own
 * transformers mark lines: `{2,4-5}` after the language highlights lines, and comments
 * `// [!code ++]`, `// [!code --]`, `// [!code highlight]` mark added, removed and highlighted lines
 * (the comment itself is removed). The frame adds the block's title and language label.
 */
export const shikiConfig = {
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: 'light',
  wrap: false,
  transformers: [
    transformerMetaHighlight(),
    transformerNotationDiff(),
    transformerNotationHighlight(),
    shikiCodeFrame(),
  ],
} satisfies Partial<ShikiConfig>;
