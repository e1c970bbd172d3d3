import { createHash } from 'node:crypto';

/** What identifies an article in a page's key: its id, its rendering's digest and its frontmatter. */
interface KeyedEntry {
  collection: string;
  id: string;
  digest?: string | undefined;
  data: unknown;
}

const isEntry = (value: unknown): value is KeyedEntry =>
  typeof value === 'object' && value !== null && 'collection' in value && 'id' in value && 'data' in value;

/**
 * A `cacheKey` for Astro's incremental builds (`experimental.incrementalBuild`): a hash of
 * everything a page shows that does not come from its code, given as `parts` (the page's props
 * and whatever its layout reads from the whole collection). An article inside is reduced to its
 * id, digest and frontmatter, whose digest changes with its rendering (`src/content-loader.ts`).
 * Astro copies a page from the previous build only when its key and its code are unchanged, so a
 * key that misses something the page shows would publish a stale page: when in doubt, add it.
 */
export function pageCacheKey(...parts: unknown[]): string {
  const json = JSON.stringify(parts, (_key, value: unknown) =>
    isEntry(value) ? { id: value.id, digest: value.digest, data: value.data } : value,
  );
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
}

/**
 * What the site's frame shows of the whole collection on every page: the search panel's topic and
 * tag filters, from every published article's topic and tags (`SearchPanel.astro`).
 */
export function frameKeyParts(articles: readonly { id: string; data: { topic: string; tags: string[] } }[]) {
  return articles.map((article) => [article.id, article.data.topic, article.data.tags]);
}
