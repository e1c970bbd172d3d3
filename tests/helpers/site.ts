import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Every file under a built site, as paths relative to its root with `/` separators. */
export function siteFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The HTML of one built page, by its path inside the site (`articles/x/` → `articles/x/index.html`). */
export function page(root: string, path: string): string {
  return readFileSync(join(root, path.endsWith('/') || path === '' ? `${path}index.html` : path), 'utf8');
}

/**
 * Every URL a page makes the browser follow or fetch: `href`, `src`, and each candidate of a
 * `srcset` (responsive images list several, `a.png 1x, b.png 2x`), entities decoded.
 */
export function linksIn(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    const value = decodeEntities(match[2] ?? '');
    if (match[1] !== 'srcset') {
      found.push(value);
      continue;
    }
    for (const candidate of value.split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) found.push(url);
    }
  }
  return found;
}

/**
 * Every `url(…)` in a stylesheet, as written (quotes removed): the fonts KaTeX's CSS loads are
 * found only this way, relative to the stylesheet's own URL.
 */
export function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** One page as Pagefind indexed it: the text a search matches and shows in excerpts. */
export interface IndexedPage {
  url: string;
  /** The indexed text, without the zero-width spaces Pagefind inserts between Chinese words. */
  content: string;
}

/**
 * What Pagefind indexed of each page: the text of all its records (`indexedRecords`) together, so
 * tests can read exactly what was indexed rather than guess it from search results.
 */
export function indexedPages(root: string): IndexedPage[] {
  const pages = new Map<string, string[]>();
  for (const record of indexedRecords(root)) {
    const url = record.url.split('#')[0] ?? record.url;
    pages.set(url, [...(pages.get(url) ?? []), record.content]);
  }
  return [...pages].map(([url, contents]) => ({ url, content: contents.join('\n') }));
}

/**
 * Every record of the index: a page's opening, or one of its sections (`#id`). Decodes Pagefind's
 * fragment files (gzip, a `pagefind_dcd` signature, then JSON).
 */
export function indexedRecords(root: string): IndexedPage[] {
  const dir = join(root, 'pagefind', 'fragment');
  return readdirSync(dir).map((file) => {
    const text = gunzipSync(readFileSync(join(dir, file))).toString('utf8');
    if (!text.startsWith('pagefind_dcd')) throw new Error(`${file}: not a Pagefind fragment`);
    const { url, content } = JSON.parse(text.slice('pagefind_dcd'.length)) as { url: string; content: string };
    return { url, content: content.replaceAll('\u200b', '') };
  });
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

/** The `<meta>` tags of a page by `property` or `name` (`og:image`, `twitter:card`), each with every content given. */
export function metaTags(html: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  const head = html.slice(0, html.indexOf('</head>'));
  for (const match of head.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"/g)) {
    const [, key = '', content = ''] = match;
    tags.set(key, [...(tags.get(key) ?? []), decodeEntities(content)]);
  }
  return tags;
}

/** The JSON-LD objects of a page, parsed. */
export function jsonLdIn(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (match) => JSON.parse(match[1] ?? 'null') as Record<string, unknown>,
  );
}

/** Every absolute URL in a JSON-LD object: the values of `url`, `@id`, `image` and the like. */
export function jsonLdUrls(data: unknown): string[] {
  if (typeof data === 'string') return /^https?:\/\//.test(data) ? [data] : [];
  if (Array.isArray(data)) return data.flatMap(jsonLdUrls);
  if (data && typeof data === 'object') return Object.values(data).flatMap(jsonLdUrls);
  return [];
}
