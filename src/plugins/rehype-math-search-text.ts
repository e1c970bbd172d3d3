import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { formulaTex, hasClass } from './hast';

/**
 * Puts each formula's TeX in a `hidden` span before it, for the search index alone.
 * KaTeX's output is excluded from the index (its class names and glyph soup would match every
 * article), which left holes in excerpts ("若把 看成一个虚拟样本") and made formulas unfindable.
 * The hidden copy fills the hole with the source a reader would write, so excerpts read whole and
 * `\nabla` or `softmax` find the article that uses them. `hidden` keeps it off the screen, out of
 * the accessibility tree (KaTeX's MathML already speaks the formula) and out of copied text.
 * Equation numbers (`\tag`) and labels are left out: they belong to the page, not the formula.
 * Runs last, so headings' ids, the table of contents, link excerpts and previews never see it.
 */
export function rehypeMathSearchText() {
  return (tree: Root): void => {
    visit(tree, 'element', (node, index, parent) => {
      if (!isFormula(node) || index === undefined || !parent) return;
      const tex = formulaTex(node)
        .replace(/\\(?:tag|label)\*?\{[^}]*\}/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (tex === '') return SKIP;
      const copy: Element = {
        type: 'element',
        tagName: 'span',
        properties: { hidden: true, className: ['math-search-text'] },
        // No dollars around it: Pagefind would cut an excerpt between them and leave a lone "$".
        children: [{ type: 'text', value: ` ${tex} ` }],
      };
      parent.children.splice(index, 0, copy);
      return [SKIP, index + 2];
    });
  };
}

/** The outermost element of one typeset formula: a display block, or inline math outside one. */
function isFormula(node: Element): boolean {
  return hasClass(node, 'katex-display') || hasClass(node, 'katex');
}
