import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { formulaTex, hasClass } from './hast';

/**
 * Wraps each part of an article that starts with a `##` or `###` heading (the heading and what
 * follows, up to the next such heading) in `<section class="article-section">`, one after the
 * other, so the stylesheet can let the browser skip laying out and painting the parts far off
 * screen (`content-visibility: auto` in prose.css). A 300-formula article is some 40,000
 * elements; without this the browser lays out all of them before the first paint. Subsections get
 * parts of their own because a `##` section can hold 200 formulas: the part on screen when the
 * page opens should be small. The reference list and footnotes are sections already and are not
 * wrapped again; what comes before the first heading (the opening paragraphs, on screen at once)
 * stays unwrapped. Runs last, so no other plugin sees the wrappers.
 *
 * Until the browser has rendered a section it reserves a guessed height for it, written on every
 * top-level section, parts, references and footnotes alike (`--section-height`, see
 * {@link estimatedHeight}): a guess too small would let a section, once measured, overlap the
 * next one, which is what accessibility checkers see when they measure what the reader has not
 * reached.
 */
export function rehypeSections() {
  return (tree: Root): void => {
    const children: Root['children'] = [];
    let current: Element | undefined;
    for (const node of tree.children) {
      if (node.type === 'element' && (node.tagName === 'h2' || node.tagName === 'h3')) {
        current = { type: 'element', tagName: 'section', properties: { className: ['article-section'] }, children: [] };
        children.push(current);
      } else if (node.type === 'element' && node.tagName === 'section') {
        current = undefined;
      }
      if (current && node.type !== 'doctype') current.children.push(node as ElementContent);
      else children.push(node);
    }
    for (const section of children) {
      if (section.type === 'element' && section.tagName === 'section') {
        section.properties.style = `--section-height:${estimatedHeight(section)}px`;
        reachableScrollBoxes(section);
      }
    }
    tree.children = children;
  };
}

/**
 * Gives every box in a section that may scroll sideways (a display formula, a table) a tab stop
 * from the start. src/scripts/scroll-regions.ts adds a stop to a box once the browser has laid it
 * out and found it overflowing, but the browser lays out a skipped section only when the reader
 * nears it: a keyboard reader tabbing into it, or a checker reading its layout, would find a
 * formula that scrolls and cannot be reached. So the stop is there first, and the script takes
 * it away from the boxes that turn out to fit.
 */
function reachableScrollBoxes(section: Element): void {
  visit(section, 'element', (node) => {
    if (hasClass(node, 'katex-display') || node.tagName === 'table') {
      node.properties.tabIndex = 0;
      return SKIP;
    }
    return undefined;
  });
}

/** A phone's text column, in characters of the body font, and its line height in pixels. */
const PHONE_LINE = { ems: 20, px: 31 };

/**
 * A generous guess at a part's height on a phone (the narrowest layout, so the tallest), in
 * pixels: its text in lines of a phone's column, plus room for each block, display formula,
 * figure, code line and table row. Wider screens only make the part shorter than the guess.
 */
export function estimatedHeight(section: Element): number {
  let ems = 0;
  let px = 0;
  visit(section, (node) => {
    if (node.type === 'text') ems += textEms(node.value);
    if (node.type !== 'element') return undefined;
    if (node.properties.hidden !== undefined && node.properties.hidden !== false) return SKIP;
    if (hasClass(node, 'katex-display')) {
      px += 90;
      return SKIP;
    }
    if (hasClass(node, 'katex')) {
      ems += formulaTex(node).length * 0.5;
      return SKIP;
    }
    if (node.tagName === 'svg') {
      px += 360;
      return SKIP;
    }
    if (node.tagName === 'pre') {
      px += 40 + 22 * (codeText(node).split('\n').length + 1);
      return SKIP;
    }
    if (/^(p|li|tr|h[2-6]|blockquote|figcaption)$/.test(node.tagName)) px += 36;
    return undefined;
  });
  return Math.round((Math.ceil(ems / PHONE_LINE.ems) * PHONE_LINE.px + px) * 1.25);
}

/** How wide a run of text is in ems of the body font: a Chinese character is one, Latin about half. */
function textEms(text: string): number {
  let ems = 0;
  for (const char of text) ems += char > '\u2e7f' ? 1 : 0.55;
  return ems;
}

/** The text of a code block, for counting its lines. */
function codeText(node: Element): string {
  let text = '';
  visit(node, 'text', (child) => {
    text += child.value;
  });
  return text;
}
