import { type CollectionEntry, getCollection, render } from 'astro:content';
import type { OutLink } from './plugins/rehype-link-context';
import { sortByDate } from './utils/collection';
import type { LinksBySource } from './utils/graph';

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

/**
 * The links each article makes to others (with their sentences), by source id: the graph behind
 * "被引用", "相关文章" and the topic map. Reads what rehype-link-context recorded while rendering.
 */
export async function articleLinks(articles: readonly Article[]): Promise<LinksBySource> {
  return new Map(
    await Promise.all(
      articles.map(
        async (article) =>
          [article.id, ((await render(article)).remarkPluginFrontmatter.outLinks ?? []) as OutLink[]] as const,
      ),
    ),
  );
}
