import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCollection } from '../../src/content-checks';
import { checkFrontmatter } from '../../src/frontmatter';
import { formatProblem } from '../../src/plugins/build-error';

const DIR = 'tests/fixtures/bad-input';

/** The problems of one fixture's frontmatter, as the author reads them. */
function problemsOf(name: string): string[] {
  const file = `${DIR}/frontmatter/${name}.md`;
  return checkFrontmatter(readFileSync(file, 'utf8'), file).map(formatProblem);
}

/**
 * Each frontmatter mistake an author makes is reported with the file, the line and what to write
 * instead; one fixture per mistake under tests/fixtures/bad-input/frontmatter/.
 */
describe('frontmatter checks', () => {
  const at = (name: string, line: number) => `${DIR}/frontmatter/${name}.md:${line}`;

  it('accepts every article of the site', () => {
    const problems = checkCollection('content').map(formatProblem);
    expect(problems).toEqual([]);
  });

  it('names the line of invalid YAML and says what usually causes it', () => {
    const [problem, ...rest] = problemsOf('invalid-yaml');
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${at('invalid-yaml', 3)} frontmatter 不是合法的 YAML：`));
    expect(problem).toContain('值里有冒号');
  });

  it('names a missing field and what it is for', () => {
    expect(problemsOf('missing-field')).toEqual([
      `${at('missing-field', 1)} 缺少字段 description（一两句话的摘要，用于文章列表、搜索结果和 meta description）。`,
    ]);
  });

  it('names an empty field', () => {
    expect(problemsOf('empty-field')).toEqual([`${at('empty-field', 2)} 字段 title 是空的（文章标题）。`]);
  });

  it('suggests the field a misspelled one was meant to be', () => {
    expect(problemsOf('misspelled-field')).toEqual([
      `${at('misspelled-field', 6)} 未知字段 "tag"（是不是 "tags"？）。可用字段：title、description、date、updated、topic、tags、icon、series、draft。`,
    ]);
  });

  it('names each value of the wrong type, with the type expected', () => {
    expect(problemsOf('wrong-type')).toEqual([
      `${at('wrong-type', 6)} tags 应是列表（如 [a, b]），现在是 "优化器"（标签列表，如 [优化器, Adam]）。`,
      `${at('wrong-type', 8)} draft 应是 true 或 false，现在是 "yes"（草稿：true 或 false）。`,
    ]);
  });

  it('rejects a date with slashes or a one-digit day, which Astro would accept', () => {
    const shape = 'date 必须写成 YYYY-MM-DD（四位年、两位月、两位日，用 - 分隔），如 2026-12-01；现在是';
    expect(problemsOf('date-slashes')).toEqual([`${at('date-slashes', 4)} ${shape} 2026/12/01。`]);
    expect(problemsOf('date-one-digit')).toEqual([`${at('date-one-digit', 4)} ${shape} 2026-12-1。`]);
  });

  it('rejects a day that does not exist, quoted or not, instead of rolling it over', () => {
    expect(problemsOf('date-impossible')).toEqual([
      `${at('date-impossible', 4)} date 是不存在的日期：2026-02-30。请检查月份和日子（如 2 月没有 30 日）。`,
    ]);
    expect(problemsOf('updated-quoted-impossible')).toEqual([
      `${at('updated-quoted-impossible', 5)} updated 是不存在的日期：2026-02-29。请检查月份和日子（如 2 月没有 30 日）。`,
    ]);
  });

  it('lists the topics and suggests the nearest for an unknown one', () => {
    expect(problemsOf('unknown-topic')).toEqual([
      `${at('unknown-topic', 5)} topic 没有 "optimisation"（是不是 "optimization"？）。可选：generative-models、attention-sequence、optimization、pytorch、computer-vision、foundations。`,
    ]);
  });

  it('explains a file without frontmatter or without its closing line', () => {
    expect(problemsOf('no-frontmatter')).toEqual([
      `${at('no-frontmatter', 1)} 文件开头没有 frontmatter。第一行写 ---，接着写 title、description、date、topic、icon 等字段，再用一行 --- 结束（可以用 npm run new -- "标题" 生成）。`,
    ]);
    expect(problemsOf('unclosed')).toEqual([
      `${at('unclosed', 1)} frontmatter 没有结束：在字段之后加一行 ---，再写正文。`,
    ]);
  });
});

describe('collection checks', () => {
  it('reports every problem of every file, not only the first', () => {
    const problems = checkCollection(`${DIR}/frontmatter`);
    const files = new Set(problems.map((problem) => problem.file));
    expect(files.size).toBe(12);
    expect(problems.every((problem) => problem.line !== undefined)).toBe(true);
  });

  it('rejects two articles whose URLs differ only in letter case', () => {
    expect(checkCollection(`${DIR}/collision`).map(formatProblem)).toEqual([
      `${DIR}/collision/adam.md 与 ${DIR}/collision/Adam.md 的网址相同（/articles/adam/），后一篇会覆盖前一篇。网址由文件名生成：英文变小写，空格变 -，去掉标点。请给其中一篇改名。`,
    ]);
  });

  it('names a file that is not UTF-8 and the first line that cannot be read', () => {
    expect(checkCollection(`${DIR}/not-utf8`).map(formatProblem)).toEqual([
      `${DIR}/not-utf8/gbk.md:2 文件不是 UTF-8 编码（从这一行起无法按 UTF-8 读取）。请在编辑器里以 UTF-8 重新保存，或用 iconv -f GBK -t UTF-8 转换。`,
    ]);
  });

  it('sees a mistake made and fixed between two checks, as the dev server checks before each page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edited-content-'));
    try {
      const article = join(dir, 'adam.md');
      copyFileSync('content/adam-adamw.md', article);
      const good = readFileSync(article, 'utf8');
      expect(checkCollection(dir)).toEqual([]);
      writeFileSync(article, good.replace(/^topic: .*$/m, 'topic: optimisation'));
      expect(checkCollection(dir).map((problem) => problem.message)).toEqual([
        expect.stringContaining('topic 没有 "optimisation"'),
      ]);
      writeFileSync(article, good);
      expect(checkCollection(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('says how to start when the content folder has no article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'empty-content-'));
    try {
      const folder = relative(process.cwd(), dir);
      expect(checkCollection(dir).map(formatProblem)).toEqual([
        `${folder}/ 没有文章：${folder}/ 下没有 .md 文件（以 _ 开头的文件不算）。用 npm run new -- "标题" 新建一篇。`,
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
