import type { z } from 'astro/zod';
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { ContentProblem } from './plugins/build-error';
import { articleSchema } from './schema';
import { parseIsoDate } from './utils/date';
import { nearest } from './utils/edit-distance';

/** The frontmatter fields, in the order the README documents them. */
const FIELDS = Object.keys(articleSchema.shape) as (keyof typeof articleSchema.shape)[];

/** Fields whose value is a `YYYY-MM-DD` date. */
const DATE_FIELDS = new Set(['date', 'updated']);

/**
 * Every problem in an article's frontmatter, each with the line of the file where it is and what
 * to write instead: no frontmatter, invalid YAML, an unknown (misspelled) field with the nearest
 * real one, a missing or empty field, a value of the wrong type, a topic or series that does not
 * exist with the valid choices, a date that is not `YYYY-MM-DD` or does not exist.
 *
 * It reads the text as written, with the YAML 1.2 core schema, because Astro's YAML parser turns
 * an unquoted `2026-12-1` or `2026-02-30` into a `Date` before the schema sees it. The values then
 * go through the same zod schema as the build (`src/schema.ts`), so the two cannot disagree about
 * what is valid. `file` names the file in the problems.
 */
export function checkFrontmatter(source: string, file: string): ContentProblem[] {
  const block = frontmatterBlock(source);
  if (!block) {
    return [
      {
        file,
        line: 1,
        message:
          '文件开头没有 frontmatter。第一行写 ---，接着写 title、description、date、topic、icon 等字段，再用一行 --- 结束（可以用 npm run new -- "标题" 生成）。',
      },
    ];
  }
  if (block.unclosed) {
    return [{ file, line: 1, message: 'frontmatter 没有结束：在字段之后加一行 ---，再写正文。' }];
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(block.yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on the line after the opening `---`.
  const lineOf = (offset: number | undefined) => lineCounter.linePos(offset ?? 0).line + 1;
  const problems: ContentProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });

  for (const error of document.errors) {
    report(
      lineOf(error.pos[0]),
      `frontmatter 不是合法的 YAML：${error.message.split('\n')[0]}。` +
        '常见原因：值里有冒号或以 [ { # * & 开头却没加引号（写成 title: "A: B"），或缩进不一致。',
    );
  }
  if (problems.length > 0) return problems;
  if (!isMap(document.contents)) {
    report(2, 'frontmatter 应是 "字段: 值" 的列表，如 title: Adam 与 AdamW。');
    return problems;
  }

  const keyLines = new Map<string, number>();
  const valueNodes = new Map<string, Node | null>();
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    keyLines.set(key, line);
    valueNodes.set(key, (pair.value as Node | null) ?? null);
    if (!(FIELDS as string[]).includes(key)) {
      const near = nearest(key, FIELDS);
      report(line, `未知字段 "${key}"${near ? `（是不是 "${near}"？）` : ''}。可用字段：${FIELDS.join('、')}。`);
    }
  }

  const data = document.toJS() as Record<string, unknown>;
  const dateProblems = new Set<string>();
  for (const field of DATE_FIELDS) {
    const node = valueNodes.get(field);
    if (!isScalar(node) || node.value === null) continue;
    const text = String(node.value).trim();
    if (parseIsoDate(text)) continue;
    dateProblems.add(field);
    const shape = /^\d{4}-\d{2}-\d{2}$/.test(text);
    report(
      lineOf(node.range?.[0]),
      shape
        ? `${field} 是不存在的日期：${text}。请检查月份和日子（如 2 月没有 30 日）。`
        : `${field} 必须写成 YYYY-MM-DD（四位年、两位月、两位日，用 - 分隔），如 2026-12-01；现在是 ${text}。`,
    );
  }

  const result = articleSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys' && issue.path.length === 0) continue;
      const [field = ''] = issue.path.map(String);
      if (dateProblems.has(field)) continue;
      const node = valueNodes.get(field);
      const line = node?.range ? lineOf(node.range[0]) : (keyLines.get(field) ?? 1);
      report(line, describeIssue(issue, data));
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** What is wrong with a field and what to write, in the words an author needs. */
function describeIssue(issue: z.core.$ZodIssue, data: Record<string, unknown>): string {
  const path = issue.path.map(String).join('.');
  const [field = ''] = issue.path.map(String);
  const value = issue.path.reduce<unknown>(
    (object, key) => (object && typeof object === 'object' ? (object as Record<PropertyKey, unknown>)[key] : undefined),
    data,
  );
  const hint = articleSchema.shape[field as keyof typeof articleSchema.shape]?.description;
  const what = hint ? `（${hint}）` : '';
  const wrongType = issue.code === 'invalid_type' || issue.code === 'invalid_union';
  if (wrongType && value === undefined) return `缺少字段 ${path}${what}。`;
  if (wrongType && (value === null || value === '')) return `字段 ${path} 是空的${what}。`;
  if (wrongType) {
    const expected = issue.code === 'invalid_type' ? issue.expected : 'date';
    return `${path} 应是${TYPE_NAMES[expected] ?? expected}，现在是 ${JSON.stringify(value)}${what}。`;
  }
  if (issue.code === 'invalid_value') {
    const choices = issue.values.map(String);
    const near = typeof value === 'string' ? nearest(value, choices) : undefined;
    return `${path} 没有 "${String(value)}"${near ? `（是不是 "${near}"？）` : ''}。可选：${choices.join('、')}。`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `${path} 中有未知字段 ${issue.keys.join('、')}${what}。`;
  }
  return issue.message;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: ' true 或 false',
  array: '列表（如 [a, b]）',
  object: '"字段: 值" 的映射',
  date: '日期 YYYY-MM-DD',
};

/**
 * The body of an article with its frontmatter blanked out, line numbers intact, as Astro hands
 * it to the Markdown pipeline.
 */
export function articleBody(source: string): string {
  const block = frontmatterBlock(source);
  if (!block || block.unclosed) return source;
  const end = source.indexOf(block.yaml) + block.yaml.length;
  const closing = source.indexOf('\n', end);
  const head = source.slice(0, closing === -1 ? source.length : closing);
  return head.replace(/[^\n]/g, ' ') + source.slice(head.length);
}

/**
 * The YAML between the opening `---` line and the closing one, as Astro reads it; `undefined`
 * when the file does not start with `---`.
 */
function frontmatterBlock(source: string): { yaml: string; unclosed: boolean } | undefined {
  const text = source.replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(text)) return undefined;
  const rest = text.slice(text.indexOf('\n') + 1);
  const end = /^---[ \t]*$/m.exec(rest);
  return end ? { yaml: rest.slice(0, end.index), unclosed: false } : { yaml: rest, unclosed: true };
}
