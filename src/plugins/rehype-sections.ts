import type { Element, ElementContent, Root } from 'hast';

/**
 * Wraps each part of an article that starts with a `##` or `###` heading (the heading and what
 * follows, up to the next such heading) in `<section class="article-section">`, one after the
 * other, so the stylesheet can let the browser skip laying out and painting the parts far off
 * screen (`content-visibility: auto` in prose.css). A 300-formula article is some 40,000
 * elements; without this the browser lays out all of them before the first paint. Subsections get
 * parts of their own because a `##` section can hold 200 formulas: the part on screen when the
 * page opens should be small. The reference list and footnotes are sections already and are left
 * as they are; what comes before the first heading (the opening paragraphs, on screen at once)
 * stays unwrapped. Runs last, so no other plugin sees the wrappers.
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
    tree.children = children;
  };
}
