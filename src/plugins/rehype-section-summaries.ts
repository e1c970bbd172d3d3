import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { VFile } from 'vfile';
import { formulaTex, hasClass } from './hast';
import { SENTENCE_END, standalone } from './rehype-link-context';

/** A section's first paragraph as HTML, by the id of its heading (h2 or h3). */
export type SectionSummaries = Record<string, string>;

/**
 * Records the first paragraph of each section into `remarkPluginFrontmatter.sections`, so a link
 * from another article to `#that-section` can preview what the reader will find there. Runs last,
 * when headings have their ids and formulas are typeset. The paragraph is made to stand alone
 * (see {@link standalone}): no links, citation or footnote marks, or ids of this page, and is
 * cut after the sentence that reaches {@link SUMMARY_LENGTH} characters. A section
 * that opens with a callout or list is summarised by the first paragraph inside it, a chapter (h2)
 * that opens with a subsection (h3) by the subsection's; a section with no paragraph before the
 * next heading gets no summary (the preview shows the heading only).
 */
export function rehypeSectionSummaries() {
  return (tree: Root, file: VFile): void => {
    const sections: SectionSummaries = {};
    // Sections still waiting for a paragraph: an h2 followed directly by an h3 shares its first one.
    let waiting: string[] = [];
    const chapters = new Set<string>();
    for (const node of tree.children) {
      if (node.type !== 'element') continue;
      if (/^h[1-6]$/.test(node.tagName)) {
        const id = node.properties.id;
        const section = (node.tagName === 'h2' || node.tagName === 'h3') && typeof id === 'string' ? id : undefined;
        // An h3 keeps only a chapter that is still waiting; any other heading ends every wait.
        waiting = node.tagName === 'h3' ? waiting.filter((id) => chapters.has(id)) : [];
        if (section) waiting.push(section);
        if (section && node.tagName === 'h2') chapters.add(section);
        continue;
      }
      const paragraph = waiting.length > 0 ? firstParagraph(node) : undefined;
      if (paragraph) {
        const html = toHtml(standalone(firstSentences(paragraph.children))).trim();
        for (const section of waiting) sections[section] = html;
        waiting = [];
      }
    }
    const astro = (file.data.astro ?? {}) as { frontmatter?: Record<string, unknown> };
    astro.frontmatter = { ...astro.frontmatter, sections };
    file.data.astro = astro;
  };
}

/** About how much of a paragraph a preview shows, in characters of text (a formula counts its TeX). */
export const SUMMARY_LENGTH = 90;

/**
 * The paragraph's content up to the end of the sentence in which its text reaches
 * {@link SUMMARY_LENGTH} characters, with an ellipsis when something was cut. Only text is split; a
 * formula or code span is kept whole. Math counts by its TeX source, which is how long it reads.
 */
function firstSentences(children: readonly ElementContent[]): ElementContent[] {
  const kept: ElementContent[] = [];
  let length = 0;
  for (const [index, child] of children.entries()) {
    if (child.type === 'text' && length + child.value.length >= SUMMARY_LENGTH) {
      const rest = child.value.slice(Math.max(0, SUMMARY_LENGTH - length - 1));
      const end = rest.search(SENTENCE_END);
      if (end !== -1) {
        const cut = child.value.length - rest.length + end + 1;
        kept.push({ type: 'text', value: child.value.slice(0, cut) });
        const more = cut < child.value.trimEnd().length || index < children.length - 1;
        if (more) kept.push({ type: 'text', value: '…' });
        return kept;
      }
    }
    kept.push(child);
    length += child.type === 'element' && hasClass(child, 'katex') ? formulaTex(child).length : textLength(child);
  }
  return kept;
}

function textLength(node: ElementContent): number {
  return textOf(node).length;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

/** The node itself if it is a paragraph with text (or a tight list item), else the first such one inside it. */
function firstParagraph(node: RootContent): Element | undefined {
  if (node.type !== 'element' || node.tagName === 'figure' || node.tagName === 'section') return undefined;
  if (node.tagName === 'p') return hasText(node) && !hasClass(node, 'callout-title') ? node : undefined;
  // An item of a tight list holds its text directly, without a paragraph.
  const tight = node.tagName === 'li' && !node.children.some((c) => c.type === 'element' && c.tagName === 'p');
  if (tight && hasText(node)) return node;
  for (const child of node.children) {
    const found = firstParagraph(child);
    if (found) return found;
  }
  return undefined;
}

function hasText(node: Element): boolean {
  return node.children.some((child) => child.type !== 'text' || child.value.trim() !== '');
}
