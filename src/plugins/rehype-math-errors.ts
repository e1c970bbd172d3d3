import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { locate } from './build-error';

/**
 * Fails the build when KaTeX could not render a formula. rehype-katex only records a message and
 * emits a red `katex-error` span, and Astro exits 0 on messages, so without this a typo in a
 * formula ships to readers. Every bad formula of the file is listed, with its line and the TeX.
 * Must run right after rehype-katex.
 */
export function rehypeMathErrors() {
  return (_tree: Root, file: VFile): void => {
    const problems = file.messages.filter((message) => message.source === 'rehype-katex');
    if (problems.length === 0) return;
    const lines = problems.map((message) => {
      // Display math has no position of its own, but its `<pre>` parent does.
      const positioned = [...(message.ancestors ?? [])].reverse().find((node) => node.position);
      const where = locate(file, message.line ? message : positioned?.position?.start);
      const reason = message.cause instanceof Error ? message.cause.message : message.reason;
      return `${where} 公式无法解析：${reason}`;
    });
    const error = new Error(
      `${lines.join('\n')}\n请修正上面的 LaTeX（KaTeX 支持的命令见 https://katex.org/docs/supported）。`,
    );
    error.name = 'MathError';
    throw error;
  };
}
