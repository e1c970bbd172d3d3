import { keepInPlace } from './anchor-landing';

/** Where search results send the words a reader searched for (`?highlight=…`). */
export const HIGHLIGHT_PARAM = 'highlight';

/** Elements whose text is never marked: code, math, drawings, hidden copies, heading anchors. */
const SKIP = 'code, pre, .katex, .katex-display, svg, [hidden], .heading-anchor, .sidenote, mark';
/** Enough marks to see where the words are; a very common word must not mark the whole page. */
const MAX_MARKS = 200;

/** A search result's URL, carrying the searched words to the page it opens (none: unchanged). */
export function withHighlight(url: string, query: string): string {
  if (query.trim() === '') return url;
  const [path = '', fragment] = url.split('#');
  const joined = `${path}${path.includes('?') ? '&' : '?'}${HIGHLIGHT_PARAM}=${encodeURIComponent(query)}`;
  return fragment === undefined ? joined : `${joined}#${fragment}`;
}

/**
 * On arrival from search, marks the searched words in the article's text (not in code or math),
 * and, when the link did not name a section, scrolls to the first of them, so the reader sees at
 * once why the page matched. Does nothing without `?highlight=`.
 */
export function initArrivalHighlight(): void {
  const query = new URL(location.href).searchParams.get(HIGHLIGHT_PARAM)?.trim();
  const root = document.querySelector('.prose');
  if (!query || !root) return;
  const words = query.split(/\s+/).filter((word) => word.length >= 2);
  if (words.length === 0) return;
  const pattern = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  const marks: HTMLElement[] = [];
  for (const text of texts) {
    const value = text.data;
    const parts: Node[] = [];
    let last = 0;
    for (const match of value.matchAll(pattern)) {
      if (marks.length >= MAX_MARKS) break;
      parts.push(document.createTextNode(value.slice(last, match.index)));
      const mark = document.createElement('mark');
      mark.className = 'search-hit';
      mark.textContent = match[0];
      parts.push(mark);
      marks.push(mark);
      last = match.index + match[0].length;
    }
    if (parts.length === 0) continue;
    parts.push(document.createTextNode(value.slice(last)));
    text.replaceWith(...parts);
  }
  const first = marks[0];
  if (!location.hash && first) keepInPlace(first, 'center');
}
