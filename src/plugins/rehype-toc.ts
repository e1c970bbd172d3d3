import { slug } from 'github-slugger';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../strings';
import { formulaTex, hasClass } from './hast';

/** One entry of an article's table of contents. */
export interface TocEntry {
  depth: 2 | 3;
  /** The heading's id. */
  slug: string;
  /** The heading's content as HTML, math typeset; safe to insert (it is our own rendered output). */
  html: string;
}

/**
 * Gives section headings readable ids and a table of contents that keeps their math. Astro's own
 * heading list concatenates every text node, so `## 为什么是 $1-\beta^t$` became
 * "为什么是 1−βt1-\beta^t1−βt" (MathML, TeX annotation and HTML of KaTeX run together) in both
 * the id and the label. This runs after KaTeX and before Astro's heading pass (which keeps ids it
 * finds): ids come from the text with each formula reduced to its TeX letters, and the entries
 * go to `remarkPluginFrontmatter.toc`. Each heading also gets a `#` link to share the section.
 */
export function rehypeToc() {
  return (tree: Root, file: VFile): void => {
    const toc: TocEntry[] = [];
    const used = new Map<string, number>();
    visit(tree, 'element', (node) => {
      if (isFootnotes(node)) return SKIP;
      const depth = Number(/^h([2-4])$/.exec(node.tagName)?.[1]);
      if (!depth) return;
      if (typeof node.properties.id !== 'string')
        node.properties.id = unique(slug(plainText(node).replace(/\s+/g, ' ').trim()) || 'section', used);
      const id = node.properties.id;
      if (depth === 2 || depth === 3) toc.push({ depth, slug: id, html: toHtml(withoutLinks(node.children)) });
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: t.article.sectionLink },
        children: [],
      });
      return SKIP;
    });
    const astro = (file.data.astro ?? {}) as { frontmatter?: Record<string, unknown> };
    // A new object: the one Astro passed in may be the entry's own data, which must not change.
    astro.frontmatter = { ...astro.frontmatter, toc };
    file.data.astro = astro;
  };
}

/** The content of links (a citation, a cross-reference) without the links: the entry is a link itself. */
function withoutLinks(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node) => {
    if (node.type !== 'element') return [node];
    if (node.tagName === 'a') return withoutLinks(node.children);
    if (isFootnoteMark(node)) return [];
    return [{ ...node, children: withoutLinks(node.children) }];
  });
}

/**
 * A footnote reference, `<sup><a data-footnote-ref>`. (rehype-sidenotes puts no sidenote copy in a
 * heading, so there is none to leave out.)
 */
function isFootnoteMark(node: Element): boolean {
  return node.tagName === 'sup' && node.children.some((c) => c.type === 'element' && 'dataFootnoteRef' in c.properties);
}

/** GFM's footnote section has its own (screen-reader) heading, which is not a section. */
function isFootnotes(node: Element): boolean {
  return node.tagName === 'section' && 'dataFootnotes' in node.properties;
}

/** Heading text with each KaTeX formula replaced by the letters of its TeX source, footnote marks left out. */
function plainText(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || isFootnoteMark(node)) return '';
  if (hasClass(node, 'katex')) return ` ${formulaTex(node).replace(/[\\{}^_$]/g, '')} `;
  return node.children.map(plainText).join('');
}

function unique(id: string, used: Map<string, number>): string {
  const count = used.get(id) ?? 0;
  used.set(id, count + 1);
  return count === 0 ? id : `${id}-${count}`;
}
