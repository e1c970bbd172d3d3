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
  return [...(collectionIndex(articles, links).backlinksTo.get(id) ?? [])];
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
  return score(a, b, {
    tags: (article) => new Set(article.data.tags.map(tagSlug)),
    linksTo: (from, to) => (links.get(from.id) ?? []).some((link) => link.target === to.id),
  });
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
  const index = collectionIndex(articles, links);
  const self = index.byId.get(id);
  if (!self) return [];
  const facts: ConnectionFacts = {
    tags: (article) => index.tagSlugs.get(article.id) ?? new Set(),
    linksTo: (from, to) => index.linkTargets.get(from.id)?.has(to.id) ?? false,
  };
  return index.newestFirst
    .filter((other) => other.id !== id)
    .map((other) => ({ other, score: score(self, other, facts) }))
    .filter(({ score }) => score > 0)
    .sort((x, y) => y.score - x.score)
    .slice(0, max)
    .map(({ other }) => other);
}

/** What {@link score} asks of two articles: each one's tag slugs, and whether one links to the other. */
interface ConnectionFacts {
  tags(article: ArticleLike): ReadonlySet<string>;
  linksTo(from: ArticleLike, to: ArticleLike): boolean;
}

/** The weighted sum behind {@link relatedness}, in one place for both ways of finding the facts. */
function score(a: ArticleLike, b: ArticleLike, facts: ConnectionFacts): number {
  const bTags = facts.tags(b);
  let sharedTags = 0;
  for (const tag of facts.tags(a)) if (bTags.has(tag)) sharedTags++;
  const sameSeries = a.data.series !== undefined && a.data.series.id === b.data.series?.id;
  return (
    (facts.linksTo(a, b) ? RELATEDNESS.link : 0) +
    (facts.linksTo(b, a) ? RELATEDNESS.link : 0) +
    (sameSeries ? RELATEDNESS.series : 0) +
    sharedTags * RELATEDNESS.tag +
    (a.data.topic === b.data.topic ? RELATEDNESS.topic : 0)
  );
}

/** What {@link backlinks} and {@link relatedArticles} read of the whole collection, computed once. */
interface CollectionIndex<T> {
  newestFirst: T[];
  byId: Map<string, T>;
  tagSlugs: Map<string, Set<string>>;
  /** The ids each article links to, by its id. */
  linkTargets: Map<string, Set<string>>;
  /** The backlinks of each article, newest source first, by its id. */
  backlinksTo: Map<string, Backlink<T>[]>;
}

/**
 * The index of each collection and its links, by the links (the same map is passed for every
 * article of one `getStaticPaths`). The article route asks for the backlinks and related articles
 * of every article: sorting the collection (a Chinese collation) and comparing tags for each one
 * anew took 10–30 s at 1,000 articles, in every build and after every edit under `astro dev`.
 */
const indexes = new WeakMap<LinksBySource, { articles: readonly ArticleLike[]; index: CollectionIndex<ArticleLike> }>();

/** The {@link CollectionIndex} of `articles` and `links`, from {@link indexes} or computed. */
function collectionIndex<T extends ArticleLike>(articles: readonly T[], links: LinksBySource): CollectionIndex<T> {
  const known = indexes.get(links);
  if (known?.articles === articles) return known.index as CollectionIndex<ArticleLike> as CollectionIndex<T>;
  const newestFirst = sortByDate(articles);
  const backlinksTo = new Map<string, Backlink<T>[]>();
  const linkTargets = new Map<string, Set<string>>();
  for (const source of newestFirst) {
    const sentences = new Map<string, string[]>();
    for (const link of links.get(source.id) ?? []) {
      if (link.target === source.id) continue;
      sentences.set(link.target, [...(sentences.get(link.target) ?? []), link.html]);
    }
    linkTargets.set(source.id, new Set(sentences.keys()));
    for (const [target, list] of sentences) {
      backlinksTo.set(target, [...(backlinksTo.get(target) ?? []), { source, sentences: list }]);
    }
  }
  const index: CollectionIndex<T> = {
    newestFirst,
    byId: new Map(articles.map((article) => [article.id, article])),
    tagSlugs: new Map(articles.map((article) => [article.id, new Set(article.data.tags.map(tagSlug))])),
    linkTargets,
    backlinksTo,
  };
  indexes.set(links, { articles, index: index as unknown as CollectionIndex<ArticleLike> });
  return index;
}
