import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { type CSL, type CSLName, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { t } from '../strings';

/** One author as the reference list prints it. `given` is absent for organisations and one-part names. */
export interface Author {
  family: string;
  given: string | undefined;
}

/** A BibTeX entry, reduced to what the reference list shows. */
export interface Reference {
  key: string;
  authors: Author[];
  /** CSL rich text: may contain `<i>`, `<b>`, `<sup>`, `<sub>` and `<span>` from LaTeX markup. */
  title: string;
  /** Journal, proceedings (`booktitle`), publisher or `howpublished`. */
  container: string | undefined;
  year: string | undefined;
  doi: string | undefined;
  /** The arXiv identifier, e.g. `1412.6980`. */
  arxiv: string | undefined;
  url: string | undefined;
}

/** A reference as HTML-safe pieces: text is escaped, the title keeps only harmless inline markup. */
export interface FormattedReference {
  authors: string;
  title: string;
  /** `Venue, Year`, or either alone, or empty. */
  venue: string;
  /** The pieces joined into the content of one list item. */
  html: string;
}

const cache = new Map<string, { mtimeMs: number; references: Map<string, Reference> }>();

/**
 * Reads a BibTeX file into references keyed by their BibTeX key. The result is cached by path and
 * modification time, because every article of a build asks for the same file and `astro dev`
 * should see edits to it without a restart. Throws an error naming the file (and the line, when
 * the parser knows it) if the file is missing, does not parse, or repeats a key.
 */
export function loadBibliography(path: string): Map<string, Reference> {
  const where = relative(process.cwd(), path);
  if (!existsSync(path)) {
    throw contentError(`${where} 不存在。请创建这个 BibTeX 文件并在其中加入被引用的条目。`);
  }
  const { mtimeMs } = statSync(path);
  const cached = cache.get(path);
  if (cached?.mtimeMs === mtimeMs) return cached.references;

  const text = readFileSync(path, 'utf8');
  let entries: unknown[];
  let csl: CSL[];
  try {
    // Parse once into raw BibTeX entries (the only place `eprint` survives: citation-js's CSL
    // mapping keeps arXiv ids only for PubMed), then convert those entries to CSL.
    entries = plugins.input.chain(text, chainOptions('@biblatex/text', '@biblatex/entries+list'));
    csl = plugins.input.chain(entries, chainOptions('@biblatex/entries+list', '@csl/list+object'));
  } catch (error) {
    // The parser's first line says what it expected; its source excerpt miscounts lines after comments.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    const position = /at line (\d+) col (\d+)/.exec(message);
    const at = position ? `${where}:${position[1]}:${position[2]}` : where;
    const reason = message.replace(/ at line \d+ col \d+:?$/, '');
    throw contentError(`${at} BibTeX 无法解析（${reason}）。常见原因：上一个字段后缺少逗号，或括号不配对。`);
  }

  const eprints = new Map<string, string>();
  for (const entry of entries) {
    const key = rawLabel(entry);
    const arxiv = key === undefined ? undefined : rawArxiv(entry);
    if (key !== undefined && arxiv !== undefined) eprints.set(key, arxiv);
  }

  const references = new Map<string, Reference>();
  for (const item of csl) {
    const key = String(item['citation-key'] ?? item.id);
    if (references.has(key)) {
      throw contentError(`${where} 中条目键 ${key} 出现了不止一次。请删掉重复的条目或给它换一个键。`);
    }
    references.set(key, toReference(key, item, eprints.get(key)));
  }
  cache.set(path, { mtimeMs, references });
  return references;
}

function chainOptions(forceType: string, target: string) {
  return { forceType, target, generateGraph: false, maxChainLength: 10, strict: true };
}

function contentError(message: string): Error {
  const error = new Error(message);
  error.name = 'ContentError';
  return error;
}

function rawLabel(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || !('label' in entry)) return undefined;
  return typeof entry.label === 'string' ? entry.label : undefined;
}

/** `eprint` with `archivePrefix = {arXiv}` (BibTeX) or `eprinttype = {arxiv}` (BibLaTeX). */
function rawArxiv(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || !('properties' in entry)) return undefined;
  const properties = entry.properties;
  if (typeof properties !== 'object' || properties === null) return undefined;
  const fields = new Map(Object.entries(properties).map(([name, value]) => [name.toLowerCase(), String(value)]));
  const archive = fields.get('archiveprefix') ?? fields.get('eprinttype');
  const eprint = fields.get('eprint')?.trim();
  return archive?.toLowerCase() === 'arxiv' && eprint ? eprint.replace(/^arxiv:/i, '') : undefined;
}

function toReference(key: string, item: CSL, eprint: string | undefined): Reference {
  const url = item.URL?.trim() || undefined;
  const container = item['container-title'] ?? item.publisher;
  return {
    key,
    authors: (item.author ?? item.editor ?? []).map(toAuthor),
    title: item.title ?? key,
    container,
    year: year(item),
    doi: item.DOI?.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '') || undefined,
    arxiv: eprint ?? arxivFromUrl(url) ?? arxivFromText(container),
    url,
  };
}

function toAuthor(name: CSLName): Author {
  const family = [name['non-dropping-particle'], name.family ?? name.literal ?? ''].filter(Boolean).join(' ');
  // citation-js's BibTeX parser puts a “von” part in `non-dropping-particle` and never fills
  // `dropping-particle`, so the given name is all that is left.
  return { family, given: name.given || undefined };
}

function year(item: CSL): string | undefined {
  const first = item.issued?.['date-parts']?.[0]?.[0];
  if (first !== undefined) return String(first);
  return item.issued?.literal ?? item.issued?.raw?.match(/\d{4}/)?.[0];
}

function arxivFromUrl(url: string | undefined): string | undefined {
  return url?.match(/^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/([^?#\s]+?)(?:\.pdf)?\/?(?:[?#]|$)/i)?.[1];
}

/** Google Scholar's BibTeX puts preprints in `journal = {arXiv preprint arXiv:1412.6980}`. */
function arxivFromText(text: string | undefined): string | undefined {
  return text?.match(/arXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/i)?.[1];
}

/**
 * One reference as HTML: `D. P. Kingma and J. Ba. <cite>Title</cite>. Venue, 2015.` followed by
 * links to arXiv, the DOI, or failing both the URL. Every piece is escaped here, so callers can
 * insert `html` as raw markup.
 */
export function formatReference(reference: Reference): FormattedReference {
  const authors = escapeHtml(formatAuthors(reference.authors));
  const title = richText(reference.title);
  // Google Scholar's `arXiv preprint arXiv:ID` would repeat the arXiv link that follows.
  const container = reference.arxiv
    ? reference.container?.replace(/^(arXiv preprint)\s+arXiv:\S+$/i, '$1')
    : reference.container;
  const venue = [container, reference.year]
    .filter(Boolean)
    .map((part) => escapeHtml(String(part)))
    .join(', ');
  const links: { href: string; label: string }[] = [];
  if (reference.arxiv) {
    links.push({
      href: `https://arxiv.org/abs/${encodeURI(reference.arxiv)}`,
      label: `arXiv:${escapeHtml(reference.arxiv)}`,
    });
  }
  if (reference.doi) {
    links.push({ href: `https://doi.org/${encodeURI(reference.doi)}`, label: `doi:${escapeHtml(reference.doi)}` });
  }
  if (links.length === 0 && reference.url && /^https?:\/\//i.test(reference.url)) {
    links.push({ href: encodeURI(decodeURISafe(reference.url)), label: escapeHtml(reference.url) });
  }
  const sentences = [authors, `<cite>${title}</cite>`, venue].filter(Boolean).map(endSentence);
  const anchors = links.map((link) => `<a href="${escapeHtml(link.href)}">${link.label}</a>`);
  return {
    authors,
    title,
    venue,
    html: [...sentences, ...anchors].join(' '),
  };
}

/** "A. Family", "A. Family and B. Family", "A. Family, B. Family, and C. Family"; over six: first three + et al. */
export function formatAuthors(authors: Author[]): string {
  const names = authors.map(formatName);
  if (names.length > 6) return `${names.slice(0, 3).join(', ')}, ${t.markdown.etAl}`;
  if (names.length <= 2) return names.join(` ${t.markdown.authorsAnd} `);
  return `${names.slice(0, -1).join(', ')}, ${t.markdown.authorsAnd} ${names.at(-1)}`;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function formatName({ family, given }: Author): string {
  if (!given) return family;
  // Chinese, Japanese and Korean names are written in full, family name first, without a space.
  if (CJK.test(family) || CJK.test(given)) return `${family}${given}`;
  const initials = given
    .split(/\s+/)
    .filter(Boolean)
    .map((part) =>
      part
        .split('-')
        .map((piece) => (/^\p{Lu}/u.test(piece) ? `${[...piece][0]}.` : piece))
        .join('-'),
    )
    .join(' ');
  return `${initials} ${family}`;
}

function endSentence(text: string): string {
  return /[.?!。？！]$/.test(text.replace(/<[^>]+>/g, '')) ? text : `${text}.`;
}

/** Escapes text, then lets back the inline tags citation-js produces from LaTeX (`\emph` → `<i>`). */
function richText(text: string): string {
  return escapeHtml(text.replace(/<\/?span\b[^>]*>/g, '')).replace(/&lt;(\/?)(i|b|sup|sub)&gt;/g, '<$1$2>');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function decodeURISafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
