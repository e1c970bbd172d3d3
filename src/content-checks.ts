import { globSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { checkFrontmatter } from './frontmatter';
import type { ContentProblem } from './plugins/build-error';
import { articleId } from './plugins/remark-article-links';
import { articleUrl } from './utils/url';

/** The articles in the content folder, as the collection's glob loader finds them: `_draft.md` is skipped. */
export const ARTICLE_PATTERN = '**/[^_]*.md';

/** Every article file in `contentDir`, absolute, sorted. */
export function articleFiles(contentDir: string): string[] {
  return globSync(ARTICLE_PATTERN, { cwd: contentDir })
    .map((file) => resolve(contentDir, file))
    .sort();
}

/**
 * The checks that read the collection as files, before Astro or the Markdown pipeline do: an
 * empty content folder, a file that is not UTF-8, every frontmatter problem
 * (`src/frontmatter.ts`), and two files whose URLs collide (`Adam.md` and `adam.md`, or `a b.md`
 * and `a-b.md`: the URL is the slugged file name, so one would silently replace the other).
 * Returns every problem found, each naming the file relative to the working directory, as the
 * build (`src/integrations/content-checks.ts`) and `npm run check` both report them.
 */
export function checkCollection(contentDir: string): ContentProblem[] {
  const files = articleFiles(contentDir);
  const folder = relative(process.cwd(), contentDir) || '.';
  if (files.length === 0) {
    return [
      {
        file: `${folder}/`,
        message: `没有文章：${folder}/ 下没有 .md 文件（以 _ 开头的文件不算）。用 npm run new -- "标题" 新建一篇。`,
      },
    ];
  }
  const problems: ContentProblem[] = [];
  const owners = new Map<string, string>();
  for (const path of files) {
    const file = relative(process.cwd(), path);
    problems.push(...fileProblems(file, readFileSync(path)));
    const id = articleId(contentDir, path);
    const owner = owners.get(id);
    if (owner === undefined) {
      owners.set(id, file);
    } else {
      problems.push({
        file,
        message:
          `与 ${owner} 的网址相同（${articleUrl(id, '/')}），后一篇会覆盖前一篇。` +
          '网址由文件名生成：英文变小写，空格变 -，去掉标点。请给其中一篇改名。',
      });
    }
  }
  return problems;
}

/**
 * The problems found in each file, with the bytes they were found in. Under `astro dev` the
 * collection is checked before every page (`src/middleware/content-checks.ts`): only a file whose
 * bytes changed is checked again. Checking all of them took about a second per page at 1,000
 * articles, against a few milliseconds to read and compare them.
 */
const checkedFiles = new Map<string, { bytes: Buffer; problems: ContentProblem[] }>();

/** The encoding and frontmatter problems of one file, named `file` in them. */
function fileProblems(file: string, bytes: Buffer): ContentProblem[] {
  const checked = checkedFiles.get(file);
  if (checked?.bytes.equals(bytes)) return checked.problems;
  const source = decodeUtf8(bytes);
  const problems =
    typeof source === 'number'
      ? [
          {
            file,
            line: source,
            message:
              '文件不是 UTF-8 编码（从这一行起无法按 UTF-8 读取）。请在编辑器里以 UTF-8 重新保存，' +
              '或用 iconv -f GBK -t UTF-8 转换。',
          },
        ]
      : checkFrontmatter(source, file);
  checkedFiles.set(file, { bytes, problems });
  return problems;
}

/** The text of a UTF-8 file, or the line (from 1) where the first byte that is not UTF-8 stands. */
function decodeUtf8(bytes: Buffer): string | number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
    return 1;
  }
}
