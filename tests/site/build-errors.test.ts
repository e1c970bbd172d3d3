import { describe, expect, it } from 'vitest';
import { astroBuild } from '../setup/build-site';

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

  it('names the file and line of a link to a missing article', () => {
    const { status, output } = build('link');
    expect(status).not.toBe(0);
    expect(output).toMatch(/bad-link\.md:10:\d+ 链接指向不存在的文章：\.\/no-such-article\.md/);
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
});
