import type { APIRoute } from 'astro';
import { type Article, publishedArticles } from '../../../articles';
import { articleFeed, topicChannel } from '../../../feeds';
import { type TopicId, topicIds } from '../../../topics';

/** One feed per topic that has articles, for readers who follow only that topic. */
export async function getStaticPaths() {
  const articles = await publishedArticles();
  return topicIds
    .map((topic) => ({ params: { topic }, props: { articles: articles.filter((a) => a.data.topic === topic) } }))
    .filter(({ props }) => props.articles.length > 0);
}

export const GET: APIRoute = async ({ params, props }) =>
  articleFeed(topicChannel(params.topic as TopicId), (props as { articles: Article[] }).articles);
