import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
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
 */
export function searchRecords(pageHtml: string, pageUrl: string): SearchRecord[] {
  // Only the search body is parsed (most pages, lists and tags, have none), without KaTeX's markup.
  const opening = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-body[\s=>]/.exec(pageHtml);
  const tag = opening?.[1];
  if (!opening || !tag) return [];
  const end = elementEnd(pageHtml, opening.index, tag);
  const tree = fromHtml(withoutTypesetMath(pageHtml.slice(opening.index, end)), { fragment: true });
  const body = find(tree, (element) => element.properties.dataPagefindBody !== undefined);
  if (!body) return [];
  const lang = /<html\b[^>]*\slang="([^"]*)"/.exec(pageHtml)?.[1];
  const title = find(body, (element) => element.properties.dataPagefindMeta === 'title');
  const filters = collect(body, (element) => typeof element.properties.dataPagefindFilter === 'string').map((element) =>
    String(element.properties.dataPagefindFilter),
  );
  const prose = find(body, (element) => hasClass(element, 'prose'));

  const page: ElementContent[] = [];
  const sections: { id: string; heading: string; content: ElementContent[] }[] = [];
  for (const child of body.children) {
    if (child !== prose) {
      page.push(child);
      continue;
    }
    for (const node of prose.children) {
      const heading = node.type === 'element' ? sectionHeading(node) : undefined;
      if (heading) sections.push({ id: String(heading.properties.id), heading: readableText(heading), content: [] });
      (sections.at(-1)?.content ?? page).push(node);
    }
  }

  const document = (content: ElementContent[], section: string, extraFilters: string[]) => {
    const meta = [
      hidden({ dataPagefindMeta: 'title' }, title ? readableText(title) : ''),
      hidden({ dataPagefindMeta: 'section' }, section),
      ...[...filters, ...extraFilters].map((filter) => hidden({ dataPagefindFilter: filter }, '')),
    ];
    const html: Root = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'html',
          properties: { lang: typeof lang === 'string' ? lang : undefined },
          children: [
            {
              type: 'element',
              tagName: 'body',
              properties: {},
              children: [
                {
                  type: 'element',
                  tagName: 'div',
                  properties: { dataPagefindBody: '' },
                  children: [...meta, ...content],
                },
              ],
            },
          ],
        },
      ],
    };
    return `<!doctype html>${toHtml(html)}`;
  };
  return [
    { url: pageUrl, html: document(page, '', ['record:page']) },
    ...sections.map((section) => ({
      url: `${pageUrl}#${section.id}`,
      html: document(section.content, section.heading, []),
    })),
  ];
}

/** The heading that opens a record: an `h2`/`h3` with an id, or a section's first heading. */
function sectionHeading(node: Element): Element | undefined {
  if (/^h[23]$/.test(node.tagName) && node.properties.id) return node;
  if (node.tagName !== 'section') return undefined;
  const first = node.children.find((child): child is Element => child.type === 'element');
  return first && /^h[23]$/.test(first.tagName) && first.properties.id ? first : undefined;
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
  const opening = new RegExp(`<${tag}[\\s>]`, 'g');
  const closing = `</${tag}>`;
  let depth = 0;
  let at = start;
  do {
    opening.lastIndex = at;
    const nextOpen = opening.exec(html)?.index ?? -1;
    const nextClose = html.indexOf(closing, at);
    if (nextClose === -1) throw new Error(`Unbalanced HTML: a <${tag}> at ${start} has no end`);
    if (nextOpen !== -1 && nextOpen < nextClose) {
      depth++;
      at = nextOpen + tag.length + 1;
    } else {
      depth--;
      at = nextClose + closing.length;
    }
  } while (depth > 0);
  return at;
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

/** An element Pagefind reads meta or a filter from but does not index as text. */
function hidden(properties: Element['properties'], text: string): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { ...properties, dataPagefindIgnore: '' },
    children: text ? [{ type: 'text', value: text }] : [],
  };
}

function find(node: Root | Element, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

function collect(node: Element, test: (element: Element) => boolean, into: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) into.push(child);
    collect(child, test, into);
  }
  return into;
}
