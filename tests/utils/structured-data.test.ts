import { describe, expect, it } from 'vitest';
import { articleJsonLd, jsonLdText, type Publisher, websiteJsonLd } from '../../src/utils/structured-data';

const publisher: Publisher = {
  name: '机器学习推导笔记',
  url: 'https://user.github.io/kb/',
  author: '编写组',
  lang: 'zh-CN',
};

const article = {
  url: 'https://user.github.io/kb/articles/adam-adamw/',
  title: 'Adam 与 AdamW',
  description: '推导。',
  image: 'https://user.github.io/kb/og/articles/adam-adamw.png',
  published: new Date('2026-11-29'),
  modified: new Date('2026-12-05'),
  section: '优化',
  tags: ['Adam', '权重衰减'],
};

describe('articleJsonLd', () => {
  it('describes the article with its headline, dates, image, language, author and publisher', () => {
    const data = articleJsonLd(article, publisher);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      url: article.url,
      headline: 'Adam 与 AdamW',
      description: '推导。',
      image: [article.image],
      datePublished: '2026-11-29',
      dateModified: '2026-12-05',
      inLanguage: 'zh-CN',
      author: [{ '@type': 'Organization', name: '编写组' }],
      publisher: { '@type': 'Organization', name: '机器学习推导笔记', url: publisher.url },
      articleSection: '优化',
      keywords: 'Adam, 权重衰减',
    });
  });

  it('leaves keywords out for an article without tags', () => {
    expect(articleJsonLd({ ...article, tags: [] }, publisher)).not.toHaveProperty('keywords');
  });
});

describe('websiteJsonLd', () => {
  it('points search engines at the search page with the query as ?q=', () => {
    const data = websiteJsonLd(publisher, '笔记', 'https://user.github.io/kb/search/');
    expect(data).toMatchObject({ '@type': 'WebSite', url: publisher.url, inLanguage: 'zh-CN' });
    expect(JSON.stringify(data)).toContain('https://user.github.io/kb/search/?q={search_term_string}');
  });
});

describe('jsonLdText', () => {
  it('keeps a title that contains </script> from ending the script element, and the JSON equal', () => {
    const data = { headline: '</script><script>alert(1)</script> & <b>' };
    const text = jsonLdText(data);
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});
