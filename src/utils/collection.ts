import { tagSlug } from './url';

/** The part of a collection entry these helpers read; tests build plain objects of this shape. */
export interface ArticleLike {
  id: string;
  data: {
    title: string;
    date: Date;
    updated?: Date | undefined;
    topic: string;
    tags: string[];
    draft: boolean;
    series?: { id: string; order: number } | undefined;
  };
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

/** Where an article stands in its series. */
export interface SeriesPlace<T> {
  /** The series id. */
  id: string;
  /** Every part, in reading order. */
  parts: T[];
  /** The article's position in `parts`, from 0. */
  index: number;
  /** The part to read before it, and the one after. */
  prev?: T;
  next?: T;
}

/**
 * The articles of a series in reading order (by `series.order`). Two articles with the same order
 * would make the order a coin toss, so that fails with both file names and what to change.
 */
export function seriesParts<T extends ArticleLike>(articles: readonly T[], id: string): T[] {
  const parts = articles
    .filter((article) => article.data.series?.id === id)
    .sort((a, b) => (a.data.series?.order ?? 0) - (b.data.series?.order ?? 0));
  for (const [i, part] of parts.entries()) {
    const before = parts[i - 1];
    if (before && before.data.series?.order === part.data.series?.order) {
      throw new Error(
        `系列 ${id} 中 ${before.id}.md 与 ${part.id}.md 的 series.order 都是 ${part.data.series?.order}。` +
          '同一系列里每篇文章的 order 必须不同，按阅读顺序写 1、2、3…',
      );
    }
  }
  return parts;
}

/** The article's series, its place and its neighbours in reading order; `undefined` outside a series. */
export function seriesPlace<T extends ArticleLike>(articles: readonly T[], article: T): SeriesPlace<T> | undefined {
  const id = article.data.series?.id;
  if (!id) return undefined;
  const parts = seriesParts(articles, id);
  const index = parts.findIndex((part) => part.id === article.id);
  const prev = parts[index - 1];
  const next = parts[index + 1];
  return { id, parts, index, ...(prev ? { prev } : {}), ...(next ? { next } : {}) };
}
