import { resolve } from 'node:path';
import type { ShikiConfig, UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import remarkMath from 'remark-math';
import { t } from '../strings';
import { rehypeContentProblems } from './build-error';
import { katexOptions } from './katex-options';
import { rehypeGlossary } from './rehype-glossary';
import { rehypeLinkContext } from './rehype-link-context';
import { rehypeMathBlocks } from './rehype-math-blocks';
import { rehypeMathErrors } from './rehype-math-errors';
import { rehypeMathSearchText } from './rehype-math-search-text';
import { rehypeRawHtml } from './rehype-raw-html';
import { rehypeSectionSummaries } from './rehype-section-summaries';
import { rehypeSections } from './rehype-sections';
import { rehypeSidenotes } from './rehype-sidenotes';
import { rehypeToc } from './rehype-toc';
import { type ArticleLinksOptions, remarkArticleLinks } from './remark-article-links';
import { remarkCallouts } from './remark-callouts';
import { type CitationsOptions, remarkCitations } from './remark-citations';
import { type CodeIncludeOptions, remarkCodeInclude } from './remark-code-include';
import { remarkEquations } from './remark-equations';
import { remarkFigures } from './remark-figures';
import { remarkStructureChecks } from './remark-structure-checks';
import { shikiCodeFrame } from './shiki-code-frame';

/** Where the site's Markdown lives and is served; the options `astro.config.ts` gives the pipeline. */
export interface SiteMarkdownOptions {
  contentDir: string;
  base: string;
}

/** The Markdown pipeline's options for a content folder: the same for the build and `npm run check`. */
export function siteMarkdownOptions({ contentDir, base }: SiteMarkdownOptions) {
  return {
    base,
    contentDir,
    publicDir: resolve('public'),
    bibliography: resolve(contentDir, 'references.bib'),
    rootDir: resolve('.'),
  };
}

/** What the pipeline needs to know about the site; see `astro.config.ts`. */
export type MarkdownOptions = ArticleLinksOptions & CitationsOptions & CodeIncludeOptions;

/**
 * The Markdown pipeline, in order, for Astro's unified processor (and for the tests, which render
 * through the same list). remark-math must come first so `$…$` is math before anything else looks
 * at the text; remark-structure-checks reads the tree as the author wrote it, before any plugin adds
 * to it; remark-code-include fills included code blocks next, before anything reads code.
 * remark-figures records figure labels that remark-equations resolves in `[@fig:…]`,
 * and remark-equations takes `[@eq:…]`/`[@fig:…]` before remark-citations reads every other
 * `[@key]`; remark-callouts comes last so a callout title's accessible name reads the resolved
 * references. rehype-math-errors must follow rehype-katex directly; rehype-sidenotes copies
 * footnotes after KaTeX has rendered them, so their math is rendered once (rehype-link-context
 * reads links before that, so a link in a footnote is not counted twice); rehype-glossary links
 * terms after that, so neither "被引用" excerpts nor sidenote copies carry term links; rehype-toc reads
 * headings after KaTeX so the table of contents keeps their math, and rehype-section-summaries,
 * reads each section's first paragraph for link previews from other articles, and
 * rehype-math-search-text gives the search index each formula's TeX where nothing else can see
 * it. rehype-raw-html comes first, to judge the author's raw HTML before plugins add markup of
 * their own; rehype-raw then parses all raw HTML (Astro would, after every plugin) so that
 * rehype-external-links sees every link, the reference list's arXiv and DOI links included.
 * rehype-sections wraps each `##` and `###` part so the browser can skip laying out the ones far
 * off screen; no plugin before it sees the wrappers. rehype-math-blocks gives each display
 * formula the box its copy button goes in, before sidenotes copy footnotes, so copies have it too.
 */
export function markdownPlugins(options: MarkdownOptions) {
  const { bibliography, rootDir, ...links } = options;
  return {
    remarkPlugins: [
      remarkMath,
      remarkStructureChecks,
      [remarkCodeInclude, { rootDir }],
      [remarkArticleLinks, links],
      remarkFigures,
      remarkEquations,
      [remarkCitations, { bibliography }],
      remarkCallouts,
    ],
    rehypePlugins: [
      rehypeRawHtml,
      [rehypeKatex, katexOptions()],
      rehypeMathErrors,
      rehypeMathBlocks,
      rehypeLinkContext,
      rehypeSidenotes,
      [rehypeGlossary, { contentDir: links.contentDir, base: links.base }],
      rehypeToc,
      rehypeSectionSummaries,
      rehypeMathSearchText,
      // Raw HTML (the reference list's links, an author's <a>) becomes elements here rather than
      // after every plugin, so that rehype-external-links sees its links too.
      rehypeRaw,
      // rel="noopener": a page opened from the site gets no handle on it (window.opener).
      [rehypeExternalLinks, { rel: ['noopener'] }],
      rehypeSections,
      // Last: fails with every problem the plugins above reported, not only the first.
      rehypeContentProblems,
    ],
    remarkRehype: {
      // Raw HTML in Markdown is passed through (Astro's default, written here so it is a decision
      // and not an accident); rehype-raw-html keeps it to markup. See README, "Deploy".
      allowDangerousHtml: true,
      // GFM's footnote section is labelled in English by default.
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
