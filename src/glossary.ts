import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import katex from 'katex';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { escapeHtml } from './plugins/bibliography';
import { contentError } from './plugins/build-error';
import { katexOptions } from './plugins/katex-options';
import { nearest } from './utils/edit-distance';

/** The glossary's file, inside the content folder next to the articles. */
export const GLOSSARY_FILE = 'glossary.yaml';

/** One term of the bilingual glossary, as written in `content/glossary.yaml`. */
export interface GlossaryEntry {
  /** The entry's anchor on the glossary page (`/glossary/#state-space-model`). */
  id: string;
  /** The Chinese term, as the articles write it. */
  zh: string;
  /** The English term. */
  en: string;
  /** The abbreviation, exactly as written (`mAP`, `SSM`); matched with its case. */
  abbr?: string;
  /** Other forms the articles use for the same term. */
  aliases: string[];
  /** One sentence, Markdown with `$math$` and `code` only (see {@link renderDefinition}). */
  definition: string;
  /** The id of the article that explains the term. */
  article: string;
  /** The id of the heading in that article that explains it, when it is one section. */
  section?: string;
  /** Where the entry starts in the YAML file, for error messages. */
  line: number;
}

const FIELDS = ['id', 'zh', 'en', 'abbr', 'aliases', 'definition', 'article'] as const;
const REQUIRED = ['id', 'zh', 'en', 'definition', 'article'] as const;

const cache = new Map<string, { mtime: number; entries: GlossaryEntry[] }>();

/**
 * The glossary of the content folder, checked: the build fails listing every problem, each naming
 * `content/glossary.yaml:line` and what to write instead (invalid YAML, a missing, empty or
 * misspelled field, a malformed id, a term form used by two entries, an unknown article, a
 * definition whose math does not parse). A folder without the file has an empty glossary.
 * Cached until the file changes, since every article's rendering asks for it.
 */
export function loadGlossary(contentDir: string): GlossaryEntry[] {
  const path = join(contentDir, GLOSSARY_FILE);
  if (!existsSync(path)) return [];
  const mtime = statSync(path).mtimeMs;
  const cached = cache.get(path);
  if (cached?.mtime === mtime) return cached.entries;
  const entries = parseGlossary(readFileSync(path, 'utf8'), relative(process.cwd(), path), contentDir);
  cache.set(path, { mtime, entries });
  return entries;
}

/** Parses and checks glossary YAML; `where` names the file in errors. Exported for the tests. */
export function parseGlossary(source: string, where: string, contentDir: string): GlossaryEntry[] {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const lineAt = (offset: number | undefined) => lines.linePos(offset ?? 0).line;
  const fail = (line: number, problem: string): never => {
    throw contentError(`${where}:${line} ${problem}`);
  };
  const [syntax] = document.errors;
  if (syntax) fail(lineAt(syntax.pos[0]), `术语表不是合法的 YAML：${syntax.message.split('\n')[0]}`);
  if (document.contents === null) return [];
  if (!isSeq(document.contents)) fail(1, '术语表应是一个列表：每个条目以 "- id: …" 开头。');

  const entries: GlossaryEntry[] = [];
  const owners = new Map<string, GlossaryEntry>();
  // Every entry is checked, and a bad one skipped, so that one build lists every problem.
  const problems: string[] = [];
  const problem = (line: number, text: string) => problems.push(`${where}:${line} ${text}`);
  items: for (const item of isSeq(document.contents) ? document.contents.items : []) {
    const line = lineAt(isMap(item) || isScalar(item) ? item.range?.[0] : undefined);
    if (!isMap(item)) {
      problem(line, '每个条目应是 "字段: 值" 的映射，如 "- id: adam"。');
      continue;
    }
    const raw: Record<string, unknown> = {};
    let unknownField = false;
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keyLine = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      if (!(FIELDS as readonly string[]).includes(key)) {
        problem(keyLine, `未知字段 "${key}"${suggest(key, FIELDS)}。可用字段：${FIELDS.join('、')}。`);
        unknownField = true;
      }
      raw[key] =
        pair.value === null ? null : isScalar(pair.value) || isSeq(pair.value) ? pair.value.toJSON() : pair.value;
    }
    const missing = REQUIRED.filter((field) => typeof raw[field] !== 'string' || String(raw[field]).trim() === '');
    for (const field of missing)
      problem(line, `条目${raw.id ? ` "${String(raw.id)}"` : ''}缺少字段 ${field}，或它不是非空的文字。`);
    if (unknownField || missing.length > 0) continue;
    const id = String(raw.id).trim();
    const checks: string[] = [];
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
      checks.push(`id "${id}" 只能用小写字母、数字和连字符（如 state-space-model）：它是术语表页面上的锚点。`);
    const aliases = raw.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string' || alias.trim() === ''))
      checks.push(`"${id}" 的 aliases 应是非空文字的列表，如 [线性 Attention]。`);
    if (raw.abbr !== undefined && (typeof raw.abbr !== 'string' || raw.abbr.trim() === ''))
      checks.push(`"${id}" 的 abbr 应是非空的缩写，如 SSM；没有缩写就删去这一行。`);
    const [article = '', section, extra] = String(raw.article).trim().split('#');
    if (extra !== undefined || section === '')
      checks.push(`"${id}" 的 article 应写成 "文章 id" 或 "文章 id#小节 id"。`);
    else if (!existsSync(join(contentDir, `${article}.md`)))
      checks.push(`"${id}" 的 article 指向不存在的文章 "${article}"：写 content/ 下的文件名，不带 .md。`);
    try {
      renderDefinition(String(raw.definition).trim());
    } catch (error) {
      checks.push(`"${id}" 的 definition 中的公式无法解析：${(error as Error).message}`);
    }
    for (const text of checks) problem(line, text);
    if (checks.length > 0) continue;
    const entry: GlossaryEntry = {
      id,
      zh: String(raw.zh).trim(),
      en: String(raw.en).trim(),
      ...(typeof raw.abbr === 'string' ? { abbr: raw.abbr.trim() } : {}),
      aliases: (aliases as string[]).map((alias) => alias.trim()),
      definition: String(raw.definition).trim(),
      article,
      ...(section === undefined ? {} : { section }),
      line,
    };
    const keys = new Set([`id:${id}`, ...termForms(entry).map(formKey)]);
    for (const key of keys) {
      const owner = owners.get(key);
      if (owner && owner !== entry) {
        problem(
          line,
          `"${id}" 与第 ${owner.line} 行的 "${owner.id}" 重复（${key.replace(/^\w+:/, '')}）：一个写法只能属于一个条目。`,
        );
        continue items;
      }
    }
    for (const key of keys) owners.set(key, entry);
    entries.push(entry);
  }
  if (problems.length > 0)
    throw contentError(problems.join('\n'), { file: where, line: Number(problems[0]?.split(':')[1]) });
  return entries;
}

/** One way of writing a term; English is matched ignoring case, the other forms exactly. */
export interface TermForm {
  text: string;
  caseSensitive: boolean;
}

/** Every way the articles may write a term: Chinese, English, abbreviation, aliases, each once. */
export function termForms(entry: GlossaryEntry): TermForm[] {
  const forms = [
    { text: entry.zh, caseSensitive: true },
    { text: entry.en, caseSensitive: false },
    ...(entry.abbr ? [{ text: entry.abbr, caseSensitive: true }] : []),
    ...entry.aliases.map((text) => ({ text, caseSensitive: true })),
  ];
  return forms.filter((form, i) => forms.findIndex((other) => other.text === form.text) === i);
}

/** Two forms collide when they read the same: English ignoring case and hyphens. */
function formKey(form: TermForm): string {
  const text = form.text.replace(/[\s-]+/g, ' ');
  return `form:${form.caseSensitive ? text : text.toLowerCase()}`;
}

/**
 * A definition as HTML: `$…$` typeset by KaTeX with the site's macros (throws on a formula that
 * does not parse), `code` in `<code>`, everything else as escaped text.
 */
export function renderDefinition(source: string): string {
  return source
    .split(/(\$[^$]+\$|`[^`]+`)/)
    .map((part) => {
      if (part.startsWith('$') && part.endsWith('$') && part.length > 1)
        return katex.renderToString(part.slice(1, -1), { ...katexOptions(), throwOnError: true, displayMode: false });
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1)
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part);
    })
    .join('');
}

/** ` (did you mean "x"?)` for a misspelled name one or two edits from a valid one. */
function suggest(name: string, valid: readonly string[]): string {
  const near = nearest(name, valid);
  return near ? `（是不是 "${near}"？）` : '';
}
