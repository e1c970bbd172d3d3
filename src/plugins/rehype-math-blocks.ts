import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { hasClass } from './hast';

/**
 * Puts each display formula in a `<div class="math-block">`, the box its "复制 TeX" button is
 * placed in (src/scripts/copy-buttons.ts). The page's script used to build these boxes itself,
 * moving every display formula into one as the page loaded; moving a formula makes the browser
 * rebuild its styles and layout, which on a long article cost up to ~0.8 s of main thread
 * (Chromium trace, 390 px, the Adam/AdamW article). Now the script only adds the buttons.
 */
export function rehypeMathBlocks() {
  return (tree: Root): void => {
    visit(tree, 'element', (node, index, parent) => {
      if (!hasClass(node, 'katex-display') || index === undefined || !parent) return undefined;
      const block: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['math-block'] },
        children: [node],
      };
      parent.children[index] = block;
      return SKIP;
    });
  };
}
