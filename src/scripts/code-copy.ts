import { t } from '../strings';

/**
 * Adds a "复制" button to every highlighted code block. The button copies the code's text as
 * written (Shiki's spans removed), and says "已复制" for a moment so the reader knows it worked.
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
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'code-copy';
    button.textContent = t.markdown.copy;
    button.addEventListener('click', async () => {
      await navigator.clipboard.writeText(pre.querySelector('code')?.textContent ?? pre.textContent ?? '');
      button.textContent = t.markdown.copied;
      setTimeout(() => {
        button.textContent = t.markdown.copy;
      }, 1500);
    });
    wrapper.append(button);
  }
}
