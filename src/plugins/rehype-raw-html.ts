import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './build-error';

/**
 * Elements that run code, restyle the whole page, load other sites or change how the document
 * behaves. The Content-Security-Policy would block some silently, and would allow an inline
 * `<script>` or `<style>` from an article, since the build hashes every inline one it ships.
 */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'link',
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'meta',
  'form',
]);

/**
 * Whether a URL runs script, read as a browser reads it: tabs and newlines anywhere are dropped,
 * and so are spaces and control characters before the scheme (`java\nscript:` is `javascript:`).
 */
function isScriptUrl(value: string): boolean {
  const url = value.replace(/[\t\n\r]/g, '');
  let start = 0;
  while (start < url.length && url.charCodeAt(start) <= 0x20) start++;
  return url.slice(start, start + 'javascript:'.length).toLowerCase() === 'javascript:';
}

/** What is wrong with an element, or undefined when it is fine in an article. */
function problemOf(element: Element): string | undefined {
  if (FORBIDDEN_ELEMENTS.has(element.tagName)) return `<${element.tagName}>`;
  for (const [name, value] of Object.entries(element.properties)) {
    if (/^on[A-Z]/.test(name)) return `事件属性 ${name.toLowerCase()}="…"`;
    if ((name === 'href' || name === 'src' || name === 'action') && isScriptUrl(String(value)))
      return `javascript: 链接`;
  }
  return undefined;
}

/**
 * Keeps raw HTML in Markdown to markup. Astro's Markdown pipeline passes raw HTML through
 * (`allowDangerousHtml`, set explicitly in `index.ts`): `<kbd>`, `<sub>`, `<details>`, `<br>` are
 * useful in notes, and the authors are the repository's committers. What would act as code or
 * change the page (a `<script>`, `<style>`, `<iframe>`, an `onclick` attribute, a `javascript:`
 * link) fails the build with the file and line, so an article cannot carry a script past the
 * Content-Security-Policy or lose one to it without anyone noticing.
 */
export function rehypeRawHtml() {
  return (tree: Root, file: VFile): void => {
    visit(tree, (node: Node) => {
      if (node.type === 'raw') {
        // Raw HTML is still text here (rehype-raw parses it after every plugin): parse it to look.
        const fragment = fromHtml((node as Node & { value: string }).value, { fragment: true });
        visit(fragment, 'element', (element) => {
          const problem = problemOf(element);
          if (problem) report(file, node, rawHtmlMessage(problem));
        });
      } else if (node.type === 'element') {
        const problem = problemOf(node as Element);
        if (problem) report(file, node, rawHtmlMessage(problem));
      }
    });
  };
}

function rawHtmlMessage(problem: string): string {
  return `文章里的 HTML 不能含有 ${problem}：文章只放内容，脚本、样式、内嵌页面和事件属性会绕过或违反站点的内容安全策略（Content-Security-Policy）。需要交互或样式，请改站点代码（src/）。`;
}
