import { describe, expect, it } from 'vitest';
import { t } from '../../src/strings';
import { byClass, findAll, hasClass, outer, parseHtml, silenceRenderErrors, text } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

describe('remark-callouts', () => {
  silenceRenderErrors();

  it('turns every kind, in any case, into an aside named by its kind', async () => {
    const kinds = Object.keys(t.markdown.callouts) as (keyof typeof t.markdown.callouts)[];
    const markdown = kinds
      .map((kind, i) => md(`> [!${i % 2 ? kind : kind.toUpperCase()}]`, `> 内容 ${kind}`))
      .join('\n\n');
    const tree = parseHtml(await renderMarkdown(markdown));
    const asides = byClass(tree, 'callout');
    expect(asides.map((aside) => aside.tagName)).toEqual(kinds.map(() => 'aside'));
    expect(asides.map((aside) => aside.properties.className)).toEqual(
      kinds.map((kind) => ['callout', `callout-${kind}`]),
    );
    expect(asides.map((aside) => aside.properties.ariaLabel)).toEqual(kinds.map((kind) => t.markdown.callouts[kind]));
    for (const [i, aside] of asides.entries()) {
      const kind = kinds[i] ?? 'note';
      expect(text(byClass(aside, 'callout-title')[0])).toBe(t.markdown.callouts[kind]);
      expect(text(aside)).toContain(`内容 ${kind}`);
      expect(text(aside)).not.toContain('[!');
    }
  });

  it('takes the rest of the marker line as the title and the next line as body', async () => {
    const html = await renderMarkdown(md('> [!THEOREM] 偏差修正 $\\hat m_t$', '> 若 $\\beta_1 < 1$，则估计无偏。'));
    const tree = parseHtml(html);
    const aside = byClass(tree, 'callout-theorem')[0];
    expect(aside?.properties.ariaLabel).toBe('定理：偏差修正 \\hat m_t');
    const title = byClass(aside ?? tree, 'callout-title')[0];
    expect(title?.tagName).toBe('p');
    expect(outer(byClass(title ?? tree, 'callout-kind')[0])).toBe('<span class="callout-kind">定理</span>');
    expect(text(title)).toMatch(/^定理 偏差修正 /);
    expect(byClass(title ?? tree, 'katex')).toHaveLength(1);
    const paragraphs = findAll(aside ?? tree, (e) => e.tagName === 'p');
    expect(paragraphs).toHaveLength(2);
    expect(text(paragraphs[1])).toMatch(/^若 .*则估计无偏。$/);
  });

  it('accepts the marker alone in its own paragraph and a hard break after the title', async () => {
    const tree = parseHtml(
      await renderMarkdown(md('> [!TIP]', '>', '> 第一段。', '>', '> 第二段。', '', '> [!NOTE] 标题\\', '> 正文。')),
    );
    const [tip, note] = byClass(tree, 'callout');
    expect(tip?.properties.ariaLabel).toBe('提示');
    expect(findAll(tip ?? tree, (e) => e.tagName === 'p').map((p) => text(p))).toEqual([
      '提示',
      '第一段。',
      '第二段。',
    ]);
    expect(note?.properties.ariaLabel).toBe('注：标题');
    expect(findAll(note ?? tree, (e) => e.tagName === 'p').map((p) => text(p))).toEqual(['注 标题', '正文。']);
  });

  it('names the callout by the plain text of its title, without HTML tags', async () => {
    const tree = parseHtml(await renderMarkdown(md('> [!NOTE] 按 **两次** <kbd>Esc</kbd>', '> **粗体**开头的正文。')));
    const note = byClass(tree, 'callout-note')[0];
    expect(note?.properties.ariaLabel).toBe('注：按 两次 Esc');
    expect(findAll(note ?? tree, (e) => e.tagName === 'p').map((p) => outer(p))).toEqual([
      '<p class="callout-title"><span class="callout-kind">注</span> 按 <strong>两次</strong> <kbd>Esc</kbd></p>',
      '<p><strong>粗体</strong>开头的正文。</p>',
    ]);
  });

  it('puts ∎ on its own line after a proof that is only a title', async () => {
    const tree = parseHtml(await renderMarkdown('> [!PROOF] 显然。'));
    const paragraphs = findAll(byClass(tree, 'callout-proof')[0] ?? tree, (e) => e.tagName === 'p');
    expect(paragraphs.map((p) => text(p))).toEqual(['证明 显然。', '∎']);
    expect(paragraphs[1] && hasClass(paragraphs[1], 'qed-line')).toBe(true);
  });

  it('ends a proof with ∎, hidden from screen readers', async () => {
    const tree = parseHtml(await renderMarkdown(md('> [!PROOF]', '> 由归纳法。', '>', '> 证毕')));
    const proof = byClass(tree, 'callout-proof')[0];
    const paragraphs = findAll(proof ?? tree, (e) => e.tagName === 'p');
    expect(outer(paragraphs.at(-1))).toBe('<p>证毕 <span class="qed" aria-hidden="true">∎</span></p>');
    expect(byClass(proof ?? tree, 'qed')).toHaveLength(1);

    const display = parseHtml(await renderMarkdown(md('> [!PROOF] 引理 1', '>', '> $$', '> x = y', '> $$')));
    const qed = byClass(display, 'qed')[0];
    expect(qed && text(qed)).toBe('∎');
    expect(byClass(display, 'qed-line')).toHaveLength(1);
  });

  it('leaves ordinary, empty and code-first blockquotes, later markers and a marker in code alone', async () => {
    const html = await renderMarkdown(
      md(
        '> 普通引用。',
        '',
        '> 说明 [!NOTE] 不在开头。',
        '',
        '>',
        '',
        '> ```',
        '> x',
        '> ```',
        '',
        '> `[!NOTE]` 是 GitHub 的写法。',
      ),
    );
    expect(html).not.toContain('callout');
    expect(html.match(/<blockquote>/g)).toHaveLength(5);
    expect(html).toContain('<p><code>[!NOTE]</code> 是 GitHub 的写法。</p>');
  });

  it('handles callouts nested in lists', async () => {
    const tree = parseHtml(await renderMarkdown(md('- 第一项', '', '  > [!WARNING] 小心', '  > 学习率过大会发散。')));
    const aside = byClass(tree, 'callout-warning')[0];
    expect(aside?.properties.ariaLabel).toBe('警告：小心');
  });

  it('fails on an unknown kind, listing the known ones', async () => {
    const error = await renderMarkdown(md('正文。', '', '> [!FOO] 标题', '> 内容')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`${FIXTURE_FILE}:3:1 未知的提示框类型 [!FOO]`);
    expect(message).toContain('[!NOTE]、[!TIP]、[!IMPORTANT]、[!WARNING]、[!CAUTION]、[!DEFINITION]、[!THEOREM]');
    expect(message).toContain('[!PROOF]、[!EXAMPLE]');
  });
});
