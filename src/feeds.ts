import rss from '@astrojs/rss';
import { type Article, articleHtml } from './articles';
import { site } from './site';
import { type TopicId, topics } from './topics';
import { feedContent } from './utils/feed-content';
import { absoluteUrl, articleUrl, topicFeedUrl, url } from './utils/url';

/** What a feed is about: its title and description, and where it is served (a path from `url()`). */
export interface FeedChannel {
  title: string;
  description: string;
  path: string;
}

const contents = new Map<string, string>();

/**
 * An article's full text for feeds, made once per build: the site's feed and its topic's feed
 * carry the same item. The HTML is the article's rendering (`articleHtml`).
 */
async function itemContent(article: Article, link: string): Promise<string> {
  let content = contents.get(article.id);
  if (content === undefined) {
    content = feedContent(await articleHtml(article), link);
    contents.set(article.id, content);
  }
  return content;
}

/** The site's feed: every topic. */
export function siteChannel(): FeedChannel {
  return { title: site.title, description: site.description, path: url('rss.xml') };
}

/** A topic's feed, which its page advertises with `<link rel="alternate">`. */
export function topicChannel(topic: TopicId): FeedChannel {
  const { name, blurb } = topics[topic];
  return { title: `${name} · ${site.title}`, description: blurb, path: topicFeedUrl(topic) };
}

/**
 * How many articles a feed carries, newest first. Readers poll for what is new; each item holds
 * the whole article with its math, so a feed of every article would grow without bound.
 */
export const FEED_LENGTH = 20;

/**
 * An RSS 2.0 feed of articles with their full text (`content:encoded`, see `feedContent` for
 * what changes for feed readers: math as MathML, absolute links, no scripts), the description as
 * summary, the topic and tags as categories, and a `rel="self"` link. Every URL is absolute under
 * the site's origin and base path.
 *
 * @param articles newest first, as `publishedArticles()` returns them
 */
export async function articleFeed(channel: FeedChannel, articles: readonly Article[]): Promise<Response> {
  const self = absoluteUrl(channel.path);
  const items = [];
  for (const article of articles.slice(0, FEED_LENGTH)) {
    const link = absoluteUrl(articleUrl(article.id));
    items.push({
      title: article.data.title,
      link,
      pubDate: article.data.date,
      description: article.data.description,
      content: await itemContent(article, link),
      categories: [topics[article.data.topic].name, ...article.data.tags],
    });
  }
  return rss({
    title: channel.title,
    description: channel.description,
    site: absoluteUrl(url()),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${site.lang}</language><atom:link href="${self}" rel="self" type="application/rss+xml"/>`,
    items,
  });
}
