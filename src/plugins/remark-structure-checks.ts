import type { Root } from 'mdast';
import type { Node } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report as reportProblem } from './build-error';

/** `[^label]` left as text: Markdown found no `[^label]: …` definition for it. */
const UNDEFINED_FOOTNOTE = /\[\^([^\]\s]+)\]/g;

/**
 * `[text][label]` left as text: Markdown found no `[label]: url` definition for it. A citation
 * (`[@key]`) or footnote (`[^1]`) is not a reference link.
 */
const UNDEFINED_REFERENCE = /\[(?![@^])([^[\]]+)\]\[(?![@^])([^[\]]*)\]/g;

/**
 * Fails on Markdown that parses but would not render as its author meant, listing every such
 * place of the file with its line and the fix:
 * - an `#` heading in the body: the page already shows the frontmatter's `title` as its only h1;
 * - a heading that skips a level (`##` then `####`): the table of contents and screen readers
 *   would nest the section under a heading that does not exist;
 * - a `$$` that is never closed: everything after it, to the end of the file, becomes one formula;
 * - a footnote used but not defined (`[^1]` stays as literal text), or defined but never used
 *   (GFM drops it without a word);
 * - a reference link without its definition (`[text][label]` stays as literal text), a link with
 *   an empty URL (it points back at the page), an image without alt text (nothing for a screen
 *   reader, a blank when it fails to load).
 * Runs right after remark-math, on the tree as the author wrote it.
 */
export function remarkStructureChecks() {
  return (tree: Root, file: VFile): void => {
    const report = (node: Node, message: string) => reportProblem(file, node, message);
    const source = String(file.value);

    let previousDepth = 1;
    const used = new Set<string>();
    const defined: { node: Node; identifier: string; label: string }[] = [];
    visit(tree, (node, _index, parent) => {
      if (node.type === 'heading') {
        if (node.depth === 1) {
          report(node, '正文里不要用 # 一级标题：页面已用 frontmatter 的 title 作一级标题。正文的小节从 ## 开始。');
        } else if (node.depth > previousDepth + 1) {
          const hashes = '#'.repeat(previousDepth + 1);
          report(
            node,
            `标题跳级：${'#'.repeat(node.depth)} 的上一级标题是 ${'#'.repeat(previousDepth)}，` +
              `目录会把它挂在一个不存在的小节下。请改用 ${hashes}。`,
          );
        }
        previousDepth = Math.max(node.depth, 2);
      } else if (node.type === 'math') {
        const end = node.position?.end.offset;
        const start = node.position?.start.offset;
        if (start !== undefined && end !== undefined && !/\$\$[ \t]*$/.test(source.slice(start, end).trimEnd())) {
          report(node, '$$ 没有闭合：从这里到文末都会被当成一个公式。请在公式结束处单独一行写 $$。');
        }
      } else if (node.type === 'footnoteReference') {
        used.add(node.identifier);
      } else if (node.type === 'footnoteDefinition') {
        defined.push({ node, identifier: node.identifier, label: node.label ?? node.identifier });
      } else if (node.type === 'text' && parent?.type !== 'link') {
        for (const match of node.value.matchAll(UNDEFINED_FOOTNOTE)) {
          report(node, `脚注 [^${match[1]}] 没有定义，会原样显示为文字。请在文末写一行 [^${match[1]}]: 脚注内容。`);
        }
        for (const [whole, text, label] of node.value.matchAll(UNDEFINED_REFERENCE)) {
          const name = label || text;
          report(
            node,
            `链接 ${whole} 的 [${name}] 没有定义，会原样显示为文字。请在文末写一行 [${name}]: 网址，或改写成 [${text}](网址)。`,
          );
        }
      } else if (node.type === 'link' && node.url.trim() === '') {
        report(node, '链接的网址是空的：[文字]() 会指回本页。请在括号里写上网址，或去掉方括号。');
      } else if (node.type === 'image' && (node.alt ?? '').trim() === '') {
        report(
          node,
          '图片没有替代文字：屏幕阅读器读不出它，图片加载失败时也是一片空白。请写成 ![说明图片内容的文字](路径)。',
        );
      } else if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') {
        return SKIP;
      }
      return undefined;
    });
    for (const { node, identifier, label } of defined) {
      if (!used.has(identifier)) {
        report(node, `脚注 [^${label}] 定义了但正文没有引用它，不会显示。请在正文中写 [^${label}]，或删掉这条定义。`);
      }
    }
  };
}
