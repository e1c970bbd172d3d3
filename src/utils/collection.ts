import { tagSlug } from './url';

/** The part of a collection entry these helpers read; tests build plain objects of this shape. */
export interface ArticleLike {
  id: string;
  data: { title: string; date: Date; updated?: Date | undefined; topic: string; tags: string[]; draft: boolean };
}

/**
 * Newest first, by publication date, then by title so the order is stable between builds.
 */
export function sortByDate<T extends ArticleLike>(articles: readonly T[]): T[] {
  return [...articles].sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || a.data.title.localeCompare(b.data.title, 'zh-CN'),
  );
}

/** The date an article last changed: `updated` when given, else `date`. */
export function lastChanged(article: ArticleLike): Date {
  return article.data.updated ?? article.data.date;
}

/**
 * Most recently changed first, for "最近更新": a substantial revision of an old article brings it
 * back to the top, as readers following the site expect. Ties keep the publication order.
 */
export function sortByLastChanged<T extends ArticleLike>(articles: readonly T[]): T[] {
  return sortByDate(articles).sort((a, b) => lastChanged(b).getTime() - lastChanged(a).getTime());
}

/**
 * Neighbours of an article in a newest-first list: `prev` is the older article (read before it),
 * `next` the newer one. Computed at build time, never stored in frontmatter.
 */
export function neighbours<T extends ArticleLike>(sorted: readonly T[], id: string): { prev?: T; next?: T } {
  const index = sorted.findIndex((article) => article.id === id);
  if (index === -1) return {};
  const prev = sorted[index + 1];
  const next = sorted[index - 1];
  return { ...(prev ? { prev } : {}), ...(next ? { next } : {}) };
}

/** Articles grouped by publication year, newest year first, each group newest first. */
export function groupByYear<T extends ArticleLike>(articles: readonly T[]): [number, T[]][] {
  const groups = new Map<number, T[]>();
  for (const article of sortByDate(articles)) {
    const year = article.data.date.getUTCFullYear();
    groups.set(year, [...(groups.get(year) ?? []), article]);
  }
  return [...groups.entries()];
}

/** One tag with the articles that carry it. */
export interface TagGroup<T> {
  /** The tag as first written by an author. */
  name: string;
  /** URL segment; tags differing only in case share one. */
  slug: string;
  articles: T[];
}

/**
 * Every tag with its articles, most used first. Tags that differ only in case or spacing
 * (`PyTorch`, `pytorch`) are one tag, shown with the spelling seen first.
 */
export function groupByTag<T extends ArticleLike>(articles: readonly T[]): TagGroup<T>[] {
  const groups = new Map<string, TagGroup<T>>();
  for (const article of sortByDate(articles)) {
    for (const tag of new Set(article.data.tags.map(tagSlug))) {
      const name = article.data.tags.find((t) => tagSlug(t) === tag) ?? tag;
      const group = groups.get(tag) ?? { name, slug: tag, articles: [] };
      group.articles.push(article);
      groups.set(tag, group);
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.articles.length - a.articles.length || a.name.localeCompare(b.name, 'zh-CN'),
  );
}
