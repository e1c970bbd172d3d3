import { t } from '../strings';

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
    button.textContent = t.markdown.copied;
    setTimeout(() => {
      button.textContent = label;
    }, 1500);
  });
  return button;
}

/**
 * Adds "复制" and a language label to every highlighted code block. The button copies the code as
 * written (Shiki's spans and the label left out).
 */
export function initCodeCopy(root: ParentNode = document): void {
  if (!navigator.clipboard) return;
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.replaceWith(wrapper);
    wrapper.append(pre);
    const language = pre.dataset.language;
    if (language && language !== 'plaintext') {
      const label = document.createElement('span');
      label.className = 'code-language';
      label.textContent = language;
      wrapper.append(label);
    }
    wrapper.append(copyButton(t.markdown.copy, 'code-copy', () => pre.querySelector('code')?.textContent ?? ''));
  }
}

/**
 * Adds "复制 TeX" to every display formula: it copies the formula's TeX source from KaTeX's
 * MathML annotation (the site's own `\tag{n}` numbering removed). Selecting and copying any
 * formula, inline ones included, also gives its TeX (KaTeX's copy-tex).
 */
export function initTexCopy(root: ParentNode = document): void {
  if (!navigator.clipboard) return;
  for (const display of root.querySelectorAll<HTMLElement>('.katex-display')) {
    if (display.closest('.preview-popover, .sidenote')) continue;
    const tex = display.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
    if (!tex) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'math-block';
    display.replaceWith(wrapper);
    wrapper.append(display);
    wrapper.append(copyButton(t.markdown.copyTex, 'tex-copy', () => tex.replace(/\s*\\tag\{\d+\}\s*$/, '').trim()));
  }
}
