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
    const nested = articleBibtex({ ...article, id: 'optimization/sgd/adam' });
    expect(nested.split('\n')[0]).toBe('@online{mlnotes2026-optimization-sgd-adam,');
  });

  it('gives ids in Chinese distinct, stable keys instead of one empty-looking key', () => {
    const key = (id: string) => articleBibtex({ ...article, id }).split('\n')[0];
    expect(key('线性注意力')).toMatch(/^@online\{mlnotes2026-[0-9a-f]{8},$/);
    expect(key('线性注意力')).toBe(key('线性注意力'));
    expect(key('线性注意力')).not.toBe(key('状态空间模型'));
    expect(key('optimization/优化器/adam')).toMatch(/^@online\{mlnotes2026-optimization-adam-[0-9a-f]{8},$/);
    expect(key('optimization/优化器/adam')).not.toBe(key('optimization/调度器/adam'));
    // The suffix is 32-bit FNV-1a of the id, computed independently in Python for this id.
    expect(key('线性注意力')).toBe('@online{mlnotes2026-a631717b,');
  });

  it('has balanced braces', () => {
    const depth = [...entry].reduce(
      (d, ch, i) => (entry[i - 1] === '\\' ? d : d + (ch === '{' ? 1 : ch === '}' ? -1 : 0)),
      0,
    );
    expect(depth).toBe(0);
  });
});
