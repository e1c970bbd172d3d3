import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { topicIds } from '../../src/topics';
import { publishedSources } from '../helpers/articles';
import { findAll, parseHtml } from '../helpers/html';
import { linksIn, page } from '../helpers/site';
import { builds } from '../setup/build-site';

interface FeedItem {
  title: string;
  link: string;
  pubDate: string;
  description: string;
  'content:encoded': string;
  category: string[];
}

interface Feed {
  title: string;
  link: string;
  'atom:link': { '@_href': string; '@_rel': string };
  item: FeedItem[];
}

const articles = publishedSources();

describe.each(Object.entries(builds))('feeds (%s)', (_name, { dir, base }) => {
  const origin = `https://example.github.io${base}`;

  const feeds = new Map<string, Feed>();

  /** A feed file, checked to be well-formed XML first (sax in strict mode throws at the first error), then parsed. */
  function readFeed(path: string): Feed {
    const read = feeds.get(path);
    if (read) return read;
    const xml = page(dir, path);
    expect(() => sax.parser(true).write(xml).close(), path).not.toThrow();
    const parsed = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => name === 'item' || name === 'category',
    });
    const feed = (parsed.parse(xml) as { rss: { channel: Feed } }).rss.channel;
    feeds.set(path, feed);
    return feed;
  }

  /** Whether an absolute URL of the site points at a file of the build. */
  const inBuild = (url: string) => {
    const path = decodeURIComponent(new URL(url).pathname.slice(base.length));
    return existsSync(join(dir, path === '' || path.endsWith('/') ? `${path}index.html` : path));
  };

  it('lists every published article, newest first, with its full text and absolute links', () => {
    const feed = readFeed('rss.xml');
    expect(feed.link).toBe(origin);
    expect(feed['atom:link']['@_href']).toBe(`${origin}rss.xml`);
    const newestFirst = [...articles].sort((a, b) => b.date.localeCompare(a.date));
    expect(feed.item.map((item) => item.link).sort()).toEqual(
      articles.map((article) => `${origin}articles/${article.id}/`).sort(),
    );
    expect(feed.item.map((item) => new Date(item.pubDate).toISOString().slice(0, 10))).toEqual(
      newestFirst.map((article) => article.date),
    );
    for (const item of feed.item) {
      const article = articles.find((a) => `${origin}articles/${a.id}/` === item.link);
      expect(item.title).toBe(article?.title);
      expect(item.description).toBe(article?.description);
      expect(item.category).toEqual(expect.arrayContaining(article?.tags ?? []));
      expect(inBuild(item.link), item.link).toBe(true);
    }
  });

  it('gives each article’s math as MathML, without scripts or KaTeX’s HTML, and links that resolve', () => {
    for (const item of readFeed('rss.xml').item) {
      const content = item['content:encoded'];
      expect(content, item.link).not.toMatch(/<script|katex-html|class="katex"|math-search-text|\son[a-z]+=/);
      // Each article has formulas; each comes with its TeX for readers that show none.
      const maths = content.match(/<math\b[^>]*>/g) ?? [];
      expect(maths.length, item.link).toBeGreaterThan(0);
      expect(
        maths.filter((math) => !math.includes(' alttext="')),
        item.link,
      ).toEqual([]);
      for (const url of linksIn(content)) {
        expect(url, `${item.link}: ${url}`).toMatch(/^(https?|mailto):/);
        if (url.startsWith(origin)) expect(inBuild(url.split('#')[0] ?? ''), `${item.link}: ${url}`).toBe(true);
        else
          expect(url, `${item.link}: a site link outside the base path`).not.toMatch(/^https:\/\/example\.github\.io/);
      }
    }
  });

  it('has a feed per topic with that topic’s articles, which the topic page advertises', () => {
    for (const topic of topicIds) {
      const inTopic = articles.filter((article) => article.topic === topic);
      if (inTopic.length === 0) continue;
      const path = `topics/${topic}/rss.xml`;
      const feed = readFeed(path);
      expect(feed['atom:link']['@_href']).toBe(`${origin}${path}`);
      expect(feed.item.map((item) => item.link).sort()).toEqual(
        inTopic.map((article) => `${origin}articles/${article.id}/`).sort(),
      );
      const alternates = findAll(
        parseHtml(page(dir, `topics/${topic}/`)),
        (e) => e.tagName === 'link' && e.properties.type === 'application/rss+xml',
      ).map((link) => link.properties.href);
      expect(alternates).toEqual([`${base}rss.xml`, `${base}${path}`]);
    }
  });
});
