import type { Element } from 'hast';
import { visit } from 'unist-util-visit';

/** Whether an element carries a class: hast keeps `class` as the array `className`. */
export function hasClass(node: Element, name: string): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

/**
 * The TeX source of a formula KaTeX has typeset, which it keeps in its MathML annotation: what
 * heading ids, preview lengths and the search index read instead of KaTeX's glyph markup.
 */
export function formulaTex(node: Element): string {
  let tex = '';
  visit(node, 'element', (child) => {
    if (child.tagName === 'annotation' && tex === '')
      tex = child.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  });
  return tex;
}
