import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './build-error';
import { codeMetaAttributes, withoutCodeMetaAttribute } from './code-meta';
import { recordDependency } from './render-dependencies';

/** Options of {@link remarkCodeInclude}. */
export interface CodeIncludeOptions {
  /** Absolute path of the repository: `include` paths are relative to it. */
  rootDir: string;
}

/**
 * `// #region name` … `// #endregion` (or `# region name` in Python, `<!-- #region name -->`),
 * the markers editors fold. Group 1 is `region` or `endregion`, group 2 the name, if any.
 */
const MARKER = /^\s*(?:(?:\/\/|\/\*|<!--)\s*#|#\s*)(region|endregion)\b[ \t]*(\w[\w.-]*)?/;

/**
 * Shows real code from the repository in an article: a fenced block written as
 * ```` ```ts include="src/numerics/optimizers.ts#adam-step" ```` is filled, at build time, with the
 * named region of that file (between `// #region adam-step` and `// #endregion`), dedented, with
 * every region marker left out; without `#name` the whole file is shown. The block's title becomes
 * the path and region unless it has its own `title="…"`. The code a reader sees is therefore the
 * code the tests run. A missing file or region, a path outside the repository, or a block that
 * has both `include` and code of its own fails the build with the article's file and line.
 */
export function remarkCodeInclude({ rootDir }: CodeIncludeOptions) {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'code', (node) => {
      const include = codeMetaAttributes(node.meta).get('include');
      if (include === undefined) return;
      if (node.value.trim() !== '') {
        report(file, node, `代码块写了 include="${include}" 又写了代码：二者只能选一个。请删掉块里的代码。`);
        return;
      }
      const [path = '', region] = include.split('#', 2);
      const source = resolve(rootDir, path);
      const inside = relative(rootDir, source);
      if (path === '' || inside.startsWith('..') || isAbsolute(inside)) {
        report(
          file,
          node,
          `include 的路径必须在仓库之内，相对于仓库根目录，如 src/numerics/optimizers.ts；现在是 "${path}"。`,
        );
        return;
      }
      recordDependency(file, `file:${source}`);
      if (!existsSync(source) || !statSync(source).isFile()) {
        report(file, node, `include 的文件不存在：${path}（路径相对于仓库根目录）。`);
        return;
      }
      const result = extractRegion(readFileSync(source, 'utf8'), region);
      if ('error' in result) {
        report(file, node, `include="${include}"：${result.error}`);
        return;
      }
      node.value = result.code;
      setTitle(node, node.meta ?? '', include);
    });
  };
}

function setTitle(node: Code, meta: string, include: string): void {
  const rest = withoutCodeMetaAttribute(meta, 'include');
  node.meta = codeMetaAttributes(rest).has('title') ? rest : `${rest} title="${include}"`.trim();
}

/** The code of a region, or of the whole file when `name` is undefined, or why there is none. */
export function extractRegion(text: string, name?: string): { code: string } | { error: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const open: { name: string; line: number }[] = [];
  const names: string[] = [];
  const kept: string[] = [];
  let found = name === undefined;
  let inside = name === undefined;
  for (const [index, line] of lines.entries()) {
    const marker = MARKER.exec(line);
    if (!marker) {
      if (inside) kept.push(line);
      continue;
    }
    const [, kind, markerName = ''] = marker;
    if (kind === 'region') {
      if (markerName === '') return { error: `第 ${index + 1} 行的 #region 没有名字。` };
      if (names.includes(markerName)) return { error: `区域 ${markerName} 定义了两次（第 ${index + 1} 行）。` };
      names.push(markerName);
      open.push({ name: markerName, line: index + 1 });
      if (markerName === name) {
        found = true;
        inside = true;
      }
      continue;
    }
    const closed = open.pop();
    if (closed === undefined) return { error: `第 ${index + 1} 行的 #endregion 没有对应的 #region。` };
    if (markerName !== '' && markerName !== closed.name) {
      return {
        error: `第 ${index + 1} 行的 #endregion ${markerName} 与第 ${closed.line} 行的 #region ${closed.name} 不配对。`,
      };
    }
    if (closed.name === name) inside = false;
  }
  const unclosed = open.at(-1);
  if (unclosed) return { error: `第 ${unclosed.line} 行的 #region ${unclosed.name} 没有 #endregion。` };
  if (!found) {
    const known = names.length > 0 ? `文件里的区域有：${names.join('、')}。` : '文件里没有任何 #region。';
    return { error: `找不到区域 ${name}。${known}` };
  }
  const code = dedent(trimBlankLines(kept));
  if (code === '') return { error: `区域 ${name ?? ''} 是空的。` };
  return { code };
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

function dedent(lines: string[]): string {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}
