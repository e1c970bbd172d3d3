import { type CollectionEntry, getCollection } from 'astro:content';
import { sortByDate } from './utils/collection';

/** An article entry of the content collection. */
export type Article = CollectionEntry<'articles'>;

/**
 * The articles readers can see, newest first. Drafts appear in `astro dev` (marked as drafts) and
 * are left out of production builds, so a half-written article never ships. Every page gets its
 * list from here, so "published" means the same thing everywhere.
 */
export async function publishedArticles(): Promise<Article[]> {
  const articles = await getCollection('articles', ({ data }) => import.meta.env.SHOW_DRAFTS || !data.draft);
  return sortByDate(articles);
}
