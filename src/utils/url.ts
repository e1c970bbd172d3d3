/**
 * Joins the site's base path and a path inside the site. Every internal link and asset goes
 * through here, because `import.meta.env.BASE_URL` mirrors the configured `base` exactly: with
 * `base: '/kb'` a naive template gives `/kbsearch/`. The result always starts with `/` and keeps
 * the path's own trailing slash, query and fragment.
 *
 * @param path a path inside the site, with or without a leading slash (`articles/adam/`)
 * @param base the base path; defaults to the configured one
 */
export function url(path = '', base: string = import.meta.env.BASE_URL): string {
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return prefix + path.replace(/^\/+/, '');
}

/**
 * The absolute URL of a page or file, for where no browser resolves a path against the page:
 * canonical links, Open Graph and JSON-LD, feeds, robots.txt. Takes what `url()` returns (the base
 * path already applied), so the base is added in one place only; a path without its leading `/`
 * is refused because it would silently drop the base (`articles/x/` under `/kb/`).
 *
 * @param path a root-absolute path that includes the base (`/kb/articles/adam/`)
 * @param site the origin; defaults to the configured `site` (`SITE_URL`)
 */
export function absoluteUrl(path: string, site: string = import.meta.env.SITE): string {
  if (!path.startsWith('/')) throw new Error(`absoluteUrl() takes a path from url(), starting with /: got "${path}"`);
  return new URL(path, site).href;
}

/** The URL of an article page, from its collection id (the file name without `.md`). */
export function articleUrl(id: string, base?: string): string {
  return url(`articles/${id}/`, base);
}

/**
 * The social card (Open Graph image, 1200×630 PNG) of an article, or of the home page without an
 * id; drawn at build time by `src/pages/og/[...card].png.ts`.
 */
export function socialCardUrl(articleId?: string, base?: string): string {
  return url(articleId === undefined ? 'og/index.png' : `og/articles/${articleId}.png`, base);
}

/** The URL of a topic page. */
export function topicUrl(topic: string, base?: string): string {
  return url(`topics/${topic}/`, base);
}

/** The RSS feed of one topic. */
export function topicFeedUrl(topic: string, base?: string): string {
  return url(`topics/${topic}/rss.xml`, base);
}

/** The URL of a series page. */
export function seriesUrl(series: string, base?: string): string {
  return url(`series/${series}/`, base);
}

/** Where a term's entry is on the glossary page. */
export function glossaryEntryUrl(id: string, base?: string): string {
  return url(`glossary/#${id}`, base);
}

/** The URL of a tag page. Tags stay readable (Chinese included); the browser encodes them. */
export function tagUrl(tag: string, base?: string): string {
  return url(`tags/${tagSlug(tag)}/`, base);
}

/**
 * The path segment for a tag: lower-case, spaces to hyphens, and characters that are unsafe in a
 * file name dropped. `PyTorch` and `pytorch` share a page on purpose.
 */
export function tagSlug(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[/?#%\\:*"<>|]+/g, '');
}
