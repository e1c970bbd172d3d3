import { url } from './url';

/**
 * What a link to another article shows on hover, focus or tap: fetched from one small JSON file
 * per article on first use, so an article page carries no other article's text. Written at build
 * time by `src/pages/previews/articles/[...id].json.ts`, read by `src/scripts/previews.ts`.
 */
export interface ArticlePreview {
  title: string;
  icon: string;
  /** The topic's display name. */
  topic: string;
  description: string;
  /** By heading id: the heading (HTML, math typeset) and its first paragraph, if it has one. */
  sections: Record<string, { title: string; html?: string }>;
}

/** Where the preview data of an article is; links carry it in `data-preview-src`. */
export function articlePreviewUrl(id: string, base?: string): string {
  return url(`previews/articles/${id}.json`, base);
}

/**
 * What a glossary term's first use in an article shows: the term in both languages and its
 * definition, with the article (and section) that explains it. One file per term, fetched on
 * first hover; written by `src/pages/previews/glossary/[id].json.ts`.
 */
export interface TermPreview {
  zh: string;
  en: string;
  abbr?: string;
  /** The definition as HTML, math typeset. */
  definition: string;
  /** The explaining article's title (and section heading, as HTML), and their URL. */
  source: { title: string; section?: string; url: string };
}

/** Where the preview data of a glossary term is. */
export function termPreviewUrl(id: string, base?: string): string {
  return url(`previews/glossary/${id}.json`, base);
}
