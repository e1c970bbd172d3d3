import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/** Where a sidenote cannot float into the margin: it would land inside a cell, heading or caption. */
const NO_SIDENOTE = new Set(['table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'summary']);

/**
 * Copies each footnote next to its first reference as `<span class="sidenote">`, so wide screens
 * can show notes in the margin beside the sentence instead of at the end of the page (CSS floats
 * them; narrow screens hide them). The footnotes section stays for screen readers, printing and
 * phones, so the copy is `aria-hidden` and its links are taken out of the tab order, and Pagefind
 * skips it so search does not count notes twice. Notes with more than paragraphs (lists, code)
 * get no sidenote: a block inside a `<p>` would break the paragraph. When every note has a
 * sidenote the section is marked `data-sidenotes="all"`, so CSS may hide it on wide screens.
 * Runs on GFM's footnote markup: `<sup><a data-footnote-ref href="#user-content-fn-x">`.
 */
export function rehypeSidenotes() {
  return (tree: Root): void => {
    const section = footnotesSection(tree);
    if (!section) return;
    const notes = new Map<string, Element>();
    visit(section, 'element', (node) => {
      if (node.tagName === 'li' && typeof node.properties.id === 'string') notes.set(node.properties.id, node);
    });

    const shown = new Set<string>();
    visit(tree, 'element', (node, index, parent) => {
      if (node === section || NO_SIDENOTE.has(node.tagName)) return SKIP;
      if (node.tagName !== 'sup' || index === undefined || parent === undefined) return;
      const ref = node.children.find(
        (child): child is Element => child.type === 'element' && 'dataFootnoteRef' in child.properties,
      );
      const id = typeof ref?.properties.href === 'string' ? decodeFragment(ref.properties.href) : '';
      const note = notes.get(id);
      if (!ref || !note || shown.has(id)) return;
      const content = sidenoteContent(note);
      if (!content) return;
      shown.add(id);
      const sidenote: Element = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['sidenote'], dataPagefindIgnore: '', ariaHidden: 'true' },
        children: [
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['sidenote-number'] },
            children: [...ref.children],
          },
          { type: 'text', value: ' ' },
          ...content,
        ],
      };
      parent.children.splice(index + 1, 0, sidenote);
      return index + 2;
    });
    if (shown.size === notes.size) section.properties.dataSidenotes = 'all';
  };
}

/** GFM's `<section data-footnotes>`, the last child of the root. */
function footnotesSection(tree: Root): Element | undefined {
  return tree.children.findLast(
    (child): child is Element =>
      child.type === 'element' && child.tagName === 'section' && 'dataFootnotes' in child.properties,
  );
}

function decodeFragment(href: string): string {
  try {
    return decodeURIComponent(href.slice(1));
  } catch {
    return href.slice(1);
  }
}

/** The note's paragraphs as inline spans, without ids and back-references; undefined if it has other blocks. */
function sidenoteContent(note: Element): ElementContent[] | undefined {
  const blocks = note.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  if (!blocks.every((block) => block.type === 'element' && block.tagName === 'p')) return undefined;
  const content = blocks.map((block) => {
    const copy = structuredClone(block) as Element;
    copy.tagName = 'span';
    copy.properties = { className: ['sidenote-paragraph'] };
    return copy;
  });
  for (const paragraph of content) {
    visit(paragraph, 'element', (node, index, parent) => {
      if ('dataFootnoteBackref' in node.properties && parent && index !== undefined) {
        parent.children.splice(index, 1);
        const before = parent.children[index - 1];
        if (before?.type === 'text') before.value = before.value.trimEnd();
        return index;
      }
      delete node.properties.id;
      // aria-hidden content must not be reachable by Tab either.
      if (node.tagName === 'a') node.properties.tabIndex = -1;
      return undefined;
    });
  }
  return content;
}
