import { site } from '../site';
import { isoDate } from './date';
import { absoluteUrl, url } from './url';

/** Who publishes the site, as schema.org data names it. */
export interface Publisher {
  /** The site's name. */
  name: string;
  /** The home page, absolute. */
  url: string;
  /** The group that writes the articles; also the author of each. */
  author: string;
  /** BCP 47 language of every page (`zh-CN`). */
  lang: string;
}

/** This site as the publisher of its pages, with the configured origin and base path. */
export function sitePublisher(): Publisher {
  return { name: site.title, url: absoluteUrl(url()), author: site.author, lang: site.lang };
}

/** What one article says about itself; every URL absolute (see `absoluteUrl`). */
export interface ArticleFacts {
  url: string;
  title: string;
  description: string;
  /** The social card. */
  image: string;
  published: Date;
  /** The last substantive revision; the publication date when there was none. */
  modified: Date;
  /** The topic's name. */
  section: string;
  tags: readonly string[];
}

/**
 * The JSON-LD of an article page. `BlogPosting` rather than `TechArticle`: both are schema.org
 * Articles, but `BlogPosting` is one of the three types search engines document for article rich
 * results, and these are dated, authored notes. Dates are `YYYY-MM-DD`, the precision the
 * frontmatter has.
 */
export function articleJsonLd(article: ArticleFacts, publisher: Publisher): Record<string, unknown> {
  const organization = { '@type': 'Organization', name: publisher.author, url: publisher.url };
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    '@id': article.url,
    url: article.url,
    mainEntityOfPage: article.url,
    headline: article.title,
    description: article.description,
    image: [article.image],
    datePublished: isoDate(article.published),
    dateModified: isoDate(article.modified),
    inLanguage: publisher.lang,
    author: [organization],
    publisher: { '@type': 'Organization', name: publisher.name, url: publisher.url },
    isPartOf: { '@type': 'WebSite', name: publisher.name, url: publisher.url },
    articleSection: article.section,
    ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
  };
}

/**
 * The JSON-LD of the home page: the site, its language and its search page, which takes the query
 * as `?q=` (so a search engine can offer a search box for the site).
 */
export function websiteJsonLd(publisher: Publisher, description: string, searchUrl: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': publisher.url,
    url: publisher.url,
    name: publisher.name,
    description,
    inLanguage: publisher.lang,
    publisher: { '@type': 'Organization', name: publisher.author, url: publisher.url },
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${searchUrl}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/**
 * JSON for the inside of `<script type="application/ld+json">`. A title containing `</script>`
 * would otherwise end the element early; escaping `<`, `>` and `&` keeps the JSON equal and
 * the HTML inert.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
