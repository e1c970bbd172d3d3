import { scriptString } from './script-strings';

/**
 * A small button that copies `text()` to the clipboard and says "已复制" for a moment, so the
 * reader knows it worked. Shared by code blocks and display formulas.
 */
function copyButton(label: string, className: string, text: () => string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `copy-button ${className}`;
  button.textContent = label;
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(text());
    button.textContent = scriptString('copied');
    setTimeout(() => {
      button.textContent = label;
    }, 1500);
  });
  return button;
}

/**
 * Adds "复制" to every highlighted code block, inside the frame the build puts around it
 * (src/plugins/shiki-code-frame.ts). The button copies the code as written, without Shiki's spans,
 * the title or the label; in a diff it copies the code after the change (removed lines left out).
 */
export function initCodeCopy(root: ParentNode = document): void {
  if (!navigator.clipboard) return;
  for (const frame of root.querySelectorAll<HTMLElement>('.code-block')) {
    const code = frame.querySelector('pre code');
    if (!code) continue;
    frame.append(copyButton(scriptString('copy'), 'code-copy', () => codeText(code)));
  }
}

function codeText(code: Element): string {
  const lines = [...code.querySelectorAll('.line')];
  if (lines.length === 0) return code.textContent ?? '';
  return lines
    .filter((line) => !line.classList.contains('remove'))
    .map((line) => (line.textContent ?? '').trimEnd())
    .join('\n');
}

/**
 * Adds "复制 TeX" to every display formula, in the box the build puts around it
 * (src/plugins/rehype-math-blocks.ts): it copies the formula's TeX source from KaTeX's MathML
 * annotation (the site's own `\tag{n}` numbering removed). Selecting and copying any formula,
 * inline ones included, also gives its TeX (KaTeX's copy-tex).
 */
export function initTexCopy(root: ParentNode = document): void {
  if (!navigator.clipboard) return;
  for (const block of root.querySelectorAll<HTMLElement>('.math-block')) {
    if (block.closest('.preview-popover, .sidenote')) continue;
    const tex = block.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
    if (!tex) continue;
    block.append(copyButton(scriptString('copyTex'), 'tex-copy', () => tex.replace(/\s*\\tag\{\d+\}\s*$/, '').trim()));
  }
}
