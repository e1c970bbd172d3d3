import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { type ContentProblem, locatePoint, reportProblems } from './build-error';

/** What every formula error ends with: where to look up what KaTeX supports. */
const KATEX_HELP = '请修正上面的 LaTeX（KaTeX 支持的命令见 https://katex.org/docs/supported）。';

/**
 * Fails the build (see `report`) when KaTeX could not render a formula. rehype-katex only records a message and
 * emits a red `katex-error` span, and Astro exits 0 on messages, so without this a typo in a
 * formula ships to readers. Every bad formula of the file is listed with KaTeX's reason, the line
 * of the file where KaTeX stopped (inside a multi-line `$$` block, the bad line, not the opening
 * `$$`) and that line as the author wrote it: KaTeX's own excerpt shows the formula after the
 * site changed it (the `\tag{n}` that replaces `\label`). Must run right after rehype-katex.
 */
export function rehypeMathErrors() {
  return (_tree: Root, file: VFile): void => {
    const problems = file.messages
      .filter((message) => message.source === 'rehype-katex')
      .map((message): ContentProblem => {
        const ancestors = (message.ancestors ?? []) as Node[];
        const code = ancestors.at(-1) as Element | undefined;
        const tex = code ? toText(code, { whitespace: 'pre' }) : '';
        const cause = message.cause as { rawMessage?: string; position?: number; message?: string } | undefined;
        const reason = cause?.rawMessage ?? cause?.message ?? message.reason;
        // Display math has no position of its own, but its `<pre>` parent (the `$$` line) does.
        const block = ancestors.find((node) => (node as Element).tagName === 'pre')?.position?.start;
        const inline = code?.position?.start;
        const before = tex.slice(0, cause?.position ?? tex.trimEnd().length);
        const linesBefore = before.split('\n').length - 1;
        const start = block
          ? { line: (block.line ?? 1) + 1 + linesBefore, column: before.length - before.lastIndexOf('\n') }
          : { line: (inline?.line ?? 1) + linesBefore, column: inline?.column };
        const where = locatePoint(file, start);
        const written = String(file.value).split('\n')[start.line - 1]?.trim();
        return { ...where, message: `公式无法解析：${reason}${written ? `。这一行：${written}` : ''}` };
      });
    reportProblems(file, problems, KATEX_HELP);
  };
}
