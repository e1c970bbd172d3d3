import { describe, expect, it } from 'vitest';
import { articleBibtex, type CitableArticle } from '../../src/utils/cite';

describe('articleBibtex', () => {
  const article: CitableArticle = {
    id: 'adam-adamw',
    title: 'Adam 与 {AdamW}',
    author: '编写组',
    siteTitle: '机器学习推导笔记',
    date: new Date('2026-11-29'),
    url: 'https://user.github.io/kb/articles/adam-adamw/',
  };
  const entry = articleBibtex(article);

  it('is the entry readers copy: key, author as one name, escaped title, date and URL', () => {
    expect(entry).toBe(
      [
        '@online{mlnotes2026-adam-adamw,',
        '  author  = {{编写组}},',
        '  title   = {Adam 与 \\{AdamW\\}},',
        '  year    = {2026},',
        '  date    = {2026-11-29},',
        '  organization = {机器学习推导笔记},',
        '  url     = {https://user.github.io/kb/articles/adam-adamw/},',
        '  langid  = {chinese},',
        '}',
      ].join('\n'),
    );
  });

  it('turns each run of characters a key cannot hold into one hyphen', () => {
    const nested = articleBibtex({ ...article, id: 'optimization/优化器/adam' });
    expect(nested.split('\n')[0]).toBe('@online{mlnotes2026-optimization-adam,');
  });

  it('has balanced braces', () => {
    const depth = [...entry].reduce(
      (d, ch, i) => (entry[i - 1] === '\\' ? d : d + (ch === '{' ? 1 : ch === '}' ? -1 : 0)),
      0,
    );
    expect(depth).toBe(0);
  });
});
