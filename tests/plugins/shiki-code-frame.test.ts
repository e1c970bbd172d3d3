import { describe, expect, it } from 'vitest';
import { byClass, findAll, hasClass, parseHtml, text } from '../helpers/html';
import { md, renderMarkdown } from '../helpers/markdown';

describe('code blocks: frame, title, line marks', () => {
  it('frames a block with its title above the code and its language label', async () => {
    const tree = parseHtml(await renderMarkdown(md('```py title="dropout.py"', 'x = 1', '```')));
    const [frame] = byClass(tree, 'code-block');
    expect(frame?.tagName).toBe('div');
    expect(frame && hasClass(frame, 'has-title')).toBe(true);
    const parts = (frame?.children ?? []).filter((child) => child.type === 'element');
    expect(parts.map((part) => [part.tagName, part.properties.className])).toEqual([
      ['div', ['code-title']],
      ['pre', expect.arrayContaining(['astro-code'])],
      ['span', ['code-language']],
    ]);
    expect(text(parts[0])).toBe('dropout.py');
    expect(text(parts[2])).toBe('py');
    // The label is not read aloud in the middle of the code, nor indexed for search.
    expect(parts[2]?.properties.ariaHidden).toBe('true');
    expect(parts[2]?.properties.dataPagefindIgnore).toBe('');
  });

  it('gives an untitled block the frame without a title bar, and plain text no label', async () => {
    for (const block of [md('```', 'plain', '```'), md('```text title=""', 'plain', '```')]) {
      const tree = parseHtml(await renderMarkdown(block));
      expect(byClass(tree, 'code-block').map((frame) => frame.properties.className)).toEqual([['code-block']]);
      expect(byClass(tree, 'code-title')).toEqual([]);
      expect(byClass(tree, 'code-language')).toEqual([]);
    }
  });

  it('takes a title with spaces in single quotes, or a bare one', async () => {
    const tree = parseHtml(
      await renderMarkdown(md("```py title='训练 循环.py' {1}", 'x = 1', '```', '', '```py title=a.py', 'y', '```')),
    );
    expect(byClass(tree, 'code-title').map((title) => text(title))).toEqual(['训练 循环.py', 'a.py']);
  });

  it('marks added and removed lines from [!code ++] / [!code --] comments, which disappear', async () => {
    const html = await renderMarkdown(
      md(
        '```python',
        'grad = grad.add(param, alpha=weight_decay)  # [!code --]',
        'param.mul_(1 - lr * weight_decay)  # [!code ++]',
        'step()',
        '```',
      ),
    );
    const tree = parseHtml(html);
    const [pre] = byClass(tree, 'astro-code');
    expect(pre && hasClass(pre, 'has-diff')).toBe(true);
    const lines = byClass(tree, 'line');
    expect(lines.map((line) => (line.properties.className as string[]).slice(1))).toEqual([
      ['diff', 'remove'],
      ['diff', 'add'],
      [],
    ]);
    expect(text(pre)).not.toContain('[!code');
    expect(text(lines[1]).trimEnd()).toBe('param.mul_(1 - lr * weight_decay)');
  });

  it('highlights lines given as {ranges} or by a [!code highlight] comment', async () => {
    const ranges = parseHtml(await renderMarkdown(md('```ts {1,3-4}', 'a', 'b', 'c', 'd', 'e', '```')));
    expect(byClass(ranges, 'line').map((line) => hasClass(line, 'highlighted'))).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
    const comment = parseHtml(await renderMarkdown(md('```ts', 'a', 'b // [!code highlight]', '```')));
    expect(byClass(comment, 'line').map((line) => hasClass(line, 'highlighted'))).toEqual([false, true]);
    expect(
      findAll(comment, (element) => element.tagName === 'pre').every((pre) => hasClass(pre, 'has-highlighted')),
    ).toBe(true);
  });
});
