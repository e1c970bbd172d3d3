import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { publishedArticles } from '../articles';
import { site } from '../site';
import { articleUrl } from '../utils/url';

/** An RSS feed of every published article, newest first, with the description as summary. */
export async function GET(context: APIContext): Promise<Response> {
  const articles = await publishedArticles();
  return rss({
    title: site.title,
    description: site.description,
    site: context.site ?? 'http://localhost:4321',
    customData: `<language>${site.lang}</language>`,
    items: articles.map((article) => ({
      title: article.data.title,
      description: article.data.description,
      pubDate: article.data.date,
      link: articleUrl(article.id),
      categories: article.data.tags,
    })),
  });
}
