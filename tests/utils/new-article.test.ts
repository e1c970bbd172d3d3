import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFrontmatter } from '../../src/frontmatter';
import { createArticle, titleSlug } from '../../src/new-article';
import { renderMarkdown } from '../helpers/markdown';

describe('npm run new', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'new-article-'));
  });
  afterEach(() => rmSync(dir, { recursive: true }));

  it('writes an article whose frontmatter and body pass every check, dated today, not a draft', async () => {
    const path = createArticle({
      title: '权重衰减',
      topic: 'optimization',
      contentDir: dir,
      today: new Date(2026, 11, 1),
    });
    expect(path.endsWith('quan-zhong-shuai-jian.md')).toBe(true);
    const source = readFileSync(path, 'utf8');
    expect(checkFrontmatter(source, path)).toEqual([]);
    expect(source).toContain('date: 2026-12-01\n');
    expect(source).toContain('topic: optimization\n');
    expect(source).not.toContain('draft');
    await expect(renderMarkdown(source.replace(/^---[\s\S]*?\n---\n/, ''))).resolves.toContain('<h2');
  });

  it('marks a draft only when asked, and takes the file name given', () => {
    const path = createArticle({ title: '草稿', topic: 'pytorch', slug: 'my-draft', draft: true, contentDir: dir });
    expect(resolve(path)).toBe(join(dir, 'my-draft.md'));
    expect(readFileSync(path, 'utf8')).toContain('draft: true\n');
  });

  it('refuses to overwrite an existing article', () => {
    writeFileSync(join(dir, 'adam.md'), '原来的内容');
    expect(() => createArticle({ title: 'Adam', topic: 'optimization', contentDir: dir })).toThrow(
      '已经存在，没有覆盖',
    );
    expect(readFileSync(join(dir, 'adam.md'), 'utf8')).toBe('原来的内容');
  });

  it('refuses a topic that does not exist and a file name that is not its own URL', () => {
    // @ts-expect-error: an author's typo on the command line.
    expect(() => createArticle({ title: 'x', topic: 'optimisation', contentDir: dir })).toThrow('可选：');
    expect(() => createArticle({ title: 'x', topic: 'pytorch', slug: 'Big Name', contentDir: dir })).toThrow(
      '不能直接用作网址',
    );
  });

  it('derives a URL-safe file name from a Chinese, English or mixed title', () => {
    expect(titleSlug('Adam 与 AdamW：偏差修正')).toBe('adam-yu-adamw-pian-cha-xiu-zheng');
    expect(titleSlug('Flash Attention 2')).toBe('flash-attention-2');
    expect(titleSlug('绿色')).toBe('lv-se');
  });
});
