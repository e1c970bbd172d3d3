import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroBuild } from '../setup/build-site';

/** How many times `text` occurs in `output`: each problem must be printed once. */
const count = (output: string, text: string) => output.split(text).length - 1;

/**
 * Bad input must stop `npm run build` with a message that names the file, the line where known,
 * and what is wrong, never a silent empty page. Each case builds a one-article site.
 */
describe('a build with bad content fails with a useful message', () => {
  const build = (fixture: string) =>
    astroBuild({ CONTENT_DIR: `tests/fixtures/broken/${fixture}`, OUT_DIR: `.test-dist/broken-${fixture}` });

  it('names the file and each bad frontmatter field', () => {
    const { status, output } = build('frontmatter');
    expect(status).not.toBe(0);
    expect(output).toContain('bad-frontmatter.md');
    expect(output).toMatch(/description/);
    expect(output).toMatch(/topic/);
  });

  it('names the file and line of a formula KaTeX cannot parse', () => {
    const { status, output } = build('formula');
    expect(status).not.toBe(0);
    expect(output).toMatch(/bad-formula\.md:12:\d+ 公式无法解析/);
  });

  it('names the file and line of a link to a missing article, once, pointing at the article', () => {
    const { status, output } = build('link');
    expect(status).not.toBe(0);
    expect(output).toMatch(/bad-link\.md:10:\d+ 链接指向不存在的文章：\.\/no-such-article\.md/);
    expect(count(output, '链接指向不存在的文章')).toBe(1);
    expect(output).not.toContain('build-error.ts');
    expect(output).toMatch(/Location:\s+\S*tests\/fixtures\/broken\/link\/bad-link\.md:10:\d+/);
  });

  it('names the file and line of a link to a missing section, and the sections the article has', () => {
    const { status, output } = build('heading');
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /bad-heading\.md:11:\d+ 链接指向 other\.md 中不存在的位置：#不存在的小节。.*偏差修正、为什么偏差修正是-1-betat/,
    );
  });

  it('names the glossary line of a term whose explaining section does not exist, and the sections there are', () => {
    const { status, output } = build('glossary');
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /glossary\.yaml:7 "adam" 指向 other 中不存在的小节 "不存在的小节"。.*偏差修正、为什么偏差修正是-1-betat/,
    );
  });

  it('names the file and line of a missing image', () => {
    const { status, output } = build('image');
    expect(status).not.toBe(0);
    expect(output).toMatch(/bad-image\.md:10:\d+ 图片不存在：\.\/img\/missing\.png/);
  });

  it('names the file and line of a code block that includes a missing region', () => {
    const { status, output } = build('include');
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /bad-include\.md:11:\d+ include="src\/numerics\/optimizers\.ts#no-such-region"：找不到区域 no-such-region/,
    );
  });

  it('refuses two articles whose URLs differ only in letter case, once, and leaves no older build behind', () => {
    const outDir = '.test-dist/broken-collision';
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'index.html'), '<p>an older build</p>');
    const { status, output } = astroBuild({ CONTENT_DIR: 'tests/fixtures/bad-input/collision', OUT_DIR: outDir });
    expect(status).not.toBe(0);
    const problem =
      'tests/fixtures/bad-input/collision/adam.md 与 tests/fixtures/bad-input/collision/Adam.md 的网址相同（/articles/adam/）';
    expect(count(output, problem)).toBe(1);
    expect(output).not.toContain('Stack trace');
    expect(existsSync(join(outDir, 'index.html'))).toBe(false);
  });

  it('says how to start when the content folder has no article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'empty-content-'));
    try {
      const { status, output } = astroBuild({ CONTENT_DIR: dir, OUT_DIR: '.test-dist/broken-empty' });
      expect(status).not.toBe(0);
      expect(output).toContain(`${relative(process.cwd(), dir)}/ 下没有 .md 文件`);
      expect(output).toContain('npm run new -- "标题"');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
