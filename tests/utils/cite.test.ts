import { describe, expect, it } from 'vitest';
import { articleBibtex } from '../../src/utils/cite';

describe('articleBibtex', () => {
  const entry = articleBibtex({
    id: 'adam-adamw',
    title: 'Adam 与 {AdamW}',
    author: '编写组',
    siteTitle: '机器学习推导笔记',
    date: new Date('2026-11-29'),
    url: 'https://user.github.io/kb/articles/adam-adamw/',
  });

  it('is an @online entry with a stable key, the year and the URL', () => {
    expect(entry).toMatch(/^@online\{mlnotes2026-adam-adamw,$/m);
    expect(entry).toContain('year    = {2026}');
    expect(entry).toContain('url     = {https://user.github.io/kb/articles/adam-adamw/}');
  });

  it('escapes braces so the entry still parses', () => {
    expect(entry).toContain('title   = {Adam 与 \\{AdamW\\}}');
  });

  it('has balanced braces', () => {
    const depth = [...entry].reduce(
      (d, ch, i) => (entry[i - 1] === '\\' ? d : d + (ch === '{' ? 1 : ch === '}' ? -1 : 0)),
      0,
    );
    expect(depth).toBe(0);
  });
});
