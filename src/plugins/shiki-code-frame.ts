import type { Element, ElementContent } from 'hast';
import type { ShikiTransformer } from 'shiki';
import { codeMetaAttributes } from './code-meta';

/**
 * Frames every highlighted block at build time: `<div class="code-block">` around the `<pre>`,
 * with the block's `title="…"` (a file name, a caption, or the path of an included region) as a
 * heading bar above it and the language as a small label. Done here rather than in the browser so
 * the page does not shift when scripts run; the copy button (src/scripts/copy-buttons.ts) joins
 * the frame later. The label is left out of the search index.
 */
export function shikiCodeFrame(): ShikiTransformer {
  return {
    name: 'code-frame',
    root(root) {
      const pre = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'pre');
      if (!pre) return;
      const title = codeMetaAttributes(this.options.meta?.__raw).get('title');
      const language = this.options.lang;
      const children: ElementContent[] = [];
      if (title) {
        children.push({
          type: 'element',
          tagName: 'div',
          properties: { className: ['code-title'] },
          children: [{ type: 'text', value: title }],
        });
      }
      children.push(pre);
      if (language && language !== 'plaintext' && language !== 'text') {
        children.push({
          type: 'element',
          tagName: 'span',
          properties: { className: ['code-language'], ariaHidden: 'true', dataPagefindIgnore: '' },
          children: [{ type: 'text', value: language }],
        });
      }
      const className = title ? ['code-block', 'has-title'] : ['code-block'];
      root.children = [{ type: 'element', tagName: 'div', properties: { className }, children }];
    },
  };
}
