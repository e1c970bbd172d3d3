import type { APIRoute, GetStaticPaths } from 'astro';
import { type Article, articleRecords, publishedArticles } from '../../../articles';
import type { SectionSummaries } from '../../../plugins/rehype-section-summaries';
import type { TocEntry } from '../../../plugins/rehype-toc';
import { topics } from '../../../topics';
import { pageCacheKey } from '../../../utils/page-cache-key';
import type { ArticlePreview } from '../../../utils/previews';

export const getStaticPaths = (async () =>
  (await publishedArticles()).map((article) => ({
    params: { id: article.id },
    props: { article },
    cacheKey: pageCacheKey(article),
  }))) satisfies GetStaticPaths;

/** One article's link-preview data (see `ArticlePreview`), from what its rendering recorded. */
export const GET: APIRoute<{ article: Article }> = async ({ props: { article } }) => {
  const records = await articleRecords(article);
  const toc = (records.toc ?? []) as TocEntry[];
  const summaries = (records.sections ?? {}) as SectionSummaries;
  const preview: ArticlePreview = {
    title: article.data.title,
    icon: article.data.icon,
    topic: topics[article.data.topic].name,
    description: article.data.description,
    sections: Object.fromEntries(
      toc.map((entry) => {
        const html = summaries[entry.slug];
        return [entry.slug, html === undefined ? { title: entry.html } : { title: entry.html, html }];
      }),
    ),
  };
  return new Response(JSON.stringify(preview), { headers: { 'Content-Type': 'application/json' } });
};
