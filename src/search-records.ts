import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { hasClass } from './plugins/hast.ts';

/** One search record: a piece of a page that Pagefind indexes, and returns, on its own. */
export interface SearchRecord {
  /** The page's URL, with `#heading-id` for a section. */
  url: string;
  /** A small HTML document for Pagefind: the record's text, its meta and the page's filters. */
  html: string;
}

/**
 * Splits a built page into one search record per section, so that a search fetches only the
 * sections it shows: Pagefind's result fragment holds the whole text of what it indexed, about
 * 30 KB gzipped for one of our long articles, and a query listing seven articles fetched 210 KB.
 *
 * A page without `data-pagefind-body` gives no record. Inside the body, every `h2`/`h3` with an
 * id that is a direct child of the prose (`.prose`), and every section there that opens with
 * one (the references, the footnotes), starts a record whose URL points at it. The rest (the
 * header with the title, the opening paragraphs, and what follows the prose, e.g. the weighted
 * list of the article's terms) is the page's own record, at the page's URL. Every record carries
 * the page title (meta `title`), its heading (meta `section`, empty for the page's own record)
 * and all the page's filters; the page's own record also carries the filter `record:page`, so
 * that filters alone can list pages rather than sections.
 *
 * The page is cut by the positions of its tags, not parsed: only headings and the title are
 * parsed, to read their text. Parsing every article's body took 50 ms a page, most of the
 * search index's time on a 1,000-article site; the cut takes a few.
 */
export function searchRecords(pageHtml: string, pageUrl: string): SearchRecord[] {
  // Only the search body is read (most pages, lists and tags, have none), without KaTeX's markup.
  const opening = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-body[\s=>]/.exec(pageHtml);
  const tag = opening?.[1];
  if (!opening || !tag) return [];
  const html = withoutTypesetMath(pageHtml.slice(opening.index, elementEnd(pageHtml, opening.index, tag)));
  const body = elementsIn(html, 0, html.length, 1)[0];
  if (!body) return [];
  const lang = /<html\b[^>]*\slang="([^"]*)"/.exec(pageHtml)?.[1];
  const titleAt = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-meta="title"/.exec(html);
  const title = titleAt?.[1]
    ? readableText(parseElement(html.slice(titleAt.index, elementEnd(html, titleAt.index, titleAt[1]))))
    : '';
  const filters = [...html.matchAll(/<[a-z][^>]*?\sdata-pagefind-filter="([^"]*)"/g)].map((match) => match[1] ?? '');

  const page: string[] = [];
  const sections: { id: string; heading: string; content: string[] }[] = [];
  let from = body.contentStart;
  for (const child of elementsIn(html, body.contentStart, body.contentEnd)) {
    if (!/^<[a-z0-9]+\b[^>]*\sclass="(?:[^"]*\s)?prose[\s"]/.test(html.slice(child.start, child.contentStart)))
      continue;
    page.push(html.slice(from, child.start));
    let at = child.contentStart;
    for (const node of elementsIn(html, child.contentStart, child.contentEnd)) {
      const heading = sectionHeading(html, node);
      if (heading) {
        (sections.at(-1)?.content ?? page).push(html.slice(at, node.start));
        at = node.start;
        sections.push({ id: String(heading.properties.id), heading: readableText(heading), content: [] });
      }
    }
    (sections.at(-1)?.content ?? page).push(html.slice(at, child.contentEnd));
    from = child.end;
  }
  page.push(html.slice(from, body.contentEnd));

  const langAttribute = lang === undefined ? '' : ` lang="${lang}"`;
  const document = (content: string[], section: string, extraFilters: string[]) => {
    const meta = [
      hidden('meta', 'title', escapeText(title)),
      hidden('meta', 'section', escapeText(section)),
      ...filters.map((filter) => hidden('filter', filter, '')),
      ...extraFilters.map((filter) => hidden('filter', filter, '')),
    ];
    return `<!doctype html><html${langAttribute}><body><div data-pagefind-body>${meta.join('')}${content.join('')}</div></body></html>`;
  };
  return [
    { url: pageUrl, html: document(page, '', ['record:page']) },
    ...sections.map((section) => ({
      url: `${pageUrl}#${section.id}`,
      html: document(section.content, section.heading, []),
    })),
  ];
}

/** An element found by {@link elementsIn}: where it starts, where its content starts and ends, where it ends. */
interface Span {
  name: string;
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
}

/**
 * A tag of the built HTML (attribute values may hold `>`), or a comment. The build writes
 * well-formed markup whose text never holds a raw `<` (KaTeX's and Astro's output escape it).
 */
const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*(\/?)>|<!--[\s\S]*?-->/g;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** The elements that are direct children of `html[from, to)`, in order; only the first `limit` if given. */
function elementsIn(html: string, from: number, to: number, limit = Number.POSITIVE_INFINITY): Span[] {
  const found: Span[] = [];
  const tag = new RegExp(TAG.source, 'g');
  tag.lastIndex = from;
  let depth = 0;
  let open: Omit<Span, 'contentEnd' | 'end'> | undefined;
  for (let match = tag.exec(html); match && match.index < to; match = tag.exec(html)) {
    const [text, closing, name] = match;
    if (!name) continue; // a comment
    const lower = name.toLowerCase();
    if (closing) {
      depth--;
      if (depth === 0 && open) {
        found.push({ ...open, contentEnd: match.index, end: match.index + text.length });
        open = undefined;
        if (found.length >= limit) return found;
      }
      if (depth < 0) throw new Error(`Unbalanced HTML: </${name}> at ${match.index} closes nothing`);
      continue;
    }
    const end = match.index + text.length;
    if (VOID.has(lower) || match[3]) {
      if (depth === 0) found.push({ name: lower, start: match.index, contentStart: end, contentEnd: end, end });
      if (found.length >= limit) return found;
      continue;
    }
    if (depth === 0) open = { name: lower, start: match.index, contentStart: end };
    depth++;
  }
  if (depth !== 0) throw new Error(`Unbalanced HTML: <${open?.name}> at ${open?.start} has no end`);
  return found;
}

/** The heading that opens a record: an `h2`/`h3` with an id, or a section's first heading; parsed to read its text. */
function sectionHeading(html: string, node: Span): Element | undefined {
  const heading = node.name === 'section' ? elementsIn(html, node.contentStart, node.contentEnd, 1)[0] : node;
  if (!heading || !/^h[23]$/.test(heading.name)) return undefined;
  if (!/\sid="[^"]/.test(html.slice(heading.start, heading.contentStart))) return undefined;
  return parseElement(html.slice(heading.start, heading.end));
}

/** One element's HTML as a hast element. */
function parseElement(html: string): Element {
  const element = fromHtml(html, { fragment: true }).children.find((child) => child.type === 'element');
  if (!element) throw new Error(`Not an element: ${html.slice(0, 80)}`);
  return element;
}

/** An element Pagefind reads meta or a filter from but does not index as text; `value` is already escaped. */
function hidden(kind: 'meta' | 'filter', value: string, text: string): string {
  return kind === 'meta'
    ? `<span data-pagefind-meta="${value}" data-pagefind-ignore>${text}</span>`
    : `<span data-pagefind-filter="${value}" data-pagefind-ignore></span>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * HTML without KaTeX's typeset markup: nine tenths of a formula-heavy page's bytes (1.4 MB of the
 * Adam/AdamW article's 1.6 MB), which the index leaves out anyway (`searchExcludeSelectors`);
 * each formula's TeX stays, in the hidden `.math-search-text` span before it. Parsing what is
 * left is ten times faster.
 */
export function withoutTypesetMath(html: string): string {
  const open = '<span class="katex">';
  const parts: string[] = [];
  let from = 0;
  for (let start = html.indexOf(open); start !== -1; start = html.indexOf(open, from)) {
    parts.push(html.slice(from, start));
    from = elementEnd(html, start, 'span');
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/**
 * Where the element opening at `start` ends, by counting its tag's openings and closings: enough
 * for the well-formed markup the build writes, whose text never holds a raw `<` (KaTeX's and
 * Astro's output escape it).
 */
function elementEnd(html: string, start: number, tag: string): number {
  // One pass with indexOf, keeping the next opening and the next closing: KaTeX nests spans
  // dozens deep, and a page holds tens of thousands of them.
  const open = `<${tag}`;
  const close = `</${tag}>`;
  const nextOpening = (from: number) => {
    let at = html.indexOf(open, from);
    while (at !== -1 && !/[\s>]/.test(html[at + open.length] ?? '')) at = html.indexOf(open, at + open.length);
    return at;
  };
  let depth = 0;
  let nextOpen = nextOpening(start);
  let nextClose = html.indexOf(close, start);
  while (nextClose !== -1) {
    if (nextOpen !== -1 && nextOpen < nextClose) {
      depth++;
      nextOpen = nextOpening(nextOpen + open.length);
    } else {
      depth--;
      if (depth === 0) return nextClose + close.length;
      nextClose = html.indexOf(close, nextClose + close.length);
    }
  }
  throw new Error(`Unbalanced HTML: a <${tag}> at ${start} has no end`);
}

/** A title or heading as text: formulas as their TeX, without anchor links. */
function readableText(heading: Element): string {
  const parts: string[] = [];
  const walk = (node: ElementContent) => {
    if (node.type === 'text') parts.push(node.value);
    if (node.type !== 'element') return;
    if (node.tagName === 'a' && hasClass(node, 'heading-anchor')) return;
    // A formula's TeX is in a hidden span (see rehype-math-search-text); other hidden text is not read.
    if (node.properties.hidden !== undefined && !hasClass(node, 'math-search-text')) return;
    node.children.forEach(walk);
  };
  heading.children.forEach(walk);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
