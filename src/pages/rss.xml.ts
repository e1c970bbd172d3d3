import { publishedArticles } from '../articles';
import { articleFeed, siteChannel } from '../feeds';

/** The feed of the whole site: the newest articles, in full. */
export async function GET(): Promise<Response> {
  return articleFeed(siteChannel(), await publishedArticles());
}
