import type { OutLink } from '../plugins/rehype-link-context';
import { type ArticleLike, sortByDate } from './collection';
import { tagSlug } from './url';

/** The links each article makes, by the id of the article that makes them. */
export type LinksBySource = ReadonlyMap<string, readonly OutLink[]>;

/** An article that links to another, with each sentence in which it does. */
export interface Backlink<T> {
  source: T;
  /** The sentences as HTML (see rehype-link-context), in the order they appear in the source. */
  sentences: string[];
}

/**
 * The articles that link to `id`, each with the sentences that mention it, newest first, so the
 * "被引用" list at the end of an article shows who builds on it and in what words. An article's
 * links to itself do not count.
 */
export function backlinks<T extends ArticleLike>(
  articles: readonly T[],
  links: LinksBySource,
  id: string,
): Backlink<T>[] {
  return sortByDate(articles).flatMap((source) => {
    if (source.id === id) return [];
    const sentences = (links.get(source.id) ?? []).filter((link) => link.target === id).map((link) => link.html);
    return sentences.length > 0 ? [{ source, sentences }] : [];
  });
}

/** How much each kind of connection counts towards "相关文章". */
export const RELATEDNESS = {
  /** Per direction: this article links to the other, or the other links to this one. */
  link: 3,
  /** Both are parts of the same series. */
  series: 2,
  /** Per tag both carry (tags compared as their URL slugs, so `PyTorch` = `pytorch`). */
  tag: 1,
  /** Both are filed under the same topic. */
  topic: 1,
} as const;

/** How related two articles are: links weigh most, then a shared series, then tags and topic. */
export function relatedness(a: ArticleLike, b: ArticleLike, links: LinksBySource): number {
  const linksTo = (from: ArticleLike, to: ArticleLike) => (links.get(from.id) ?? []).some((l) => l.target === to.id);
  const tagsOf = (article: ArticleLike) => new Set(article.data.tags.map(tagSlug));
  const bTags = tagsOf(b);
  const sharedTags = [...tagsOf(a)].filter((tag) => bTags.has(tag)).length;
  const sameSeries = a.data.series !== undefined && a.data.series.id === b.data.series?.id;
  return (
    (linksTo(a, b) ? RELATEDNESS.link : 0) +
    (linksTo(b, a) ? RELATEDNESS.link : 0) +
    (sameSeries ? RELATEDNESS.series : 0) +
    sharedTags * RELATEDNESS.tag +
    (a.data.topic === b.data.topic ? RELATEDNESS.topic : 0)
  );
}

/**
 * Up to `max` other articles most related to `id` (by {@link relatedness}), for the end of the
 * article: a reader who finished it gets the notes that link to it, share its series, or its tags.
 * Ties go to the newer article. Articles with nothing in common are never suggested, so the list may
 * be shorter than `max`, or empty.
 */
export function relatedArticles<T extends ArticleLike>(
  articles: readonly T[],
  links: LinksBySource,
  id: string,
  max = 5,
): T[] {
  const self = articles.find((article) => article.id === id);
  if (!self) return [];
  return sortByDate(articles)
    .filter((other) => other.id !== id)
    .map((other) => ({ other, score: relatedness(self, other, links) }))
    .filter(({ score }) => score > 0)
    .sort((x, y) => y.score - x.score)
    .slice(0, max)
    .map(({ other }) => other);
}
