import { describe, expect, it } from 'vitest';
import { silenceRenderErrors } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

/** The message a render fails with. */
async function failure(markdown: string): Promise<string> {
  const error = await renderMarkdown(markdown).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

/**
 * A misspelled label, key or link names the one the author most likely meant, so the fix is a
 * glance at the message rather than a search through the files.
 */
describe('an unknown label suggests the nearest existing one', () => {
  silenceRenderErrors();

  it('for an equation reference', async () => {
    const message = await failure(md('$$', 'x \\label{eq:adam-update}', '$$', '', '见 [@eq:adam-updat]。'));
    expect(message).toContain(
      `${FIXTURE_FILE}:5:3 引用了不存在的公式标签：eq:adam-updat（是不是 "eq:adam-update"？）。`,
    );
  });

  it('for a figure reference', async () => {
    const figure = ['```figure', 'src: adam-trajectories', 'id: fig:trajectories', 'caption: 轨迹', 'alt: 轨迹', '```'];
    const message = await failure(md(...figure, '', '见 [@fig:trajectorys]。'));
    expect(message).toContain('引用了不存在的图标签：fig:trajectorys（是不是 "fig:trajectories"？）。');
  });

  it('for a citation key', async () => {
    const message = await failure('见 [@kingma2015adma]。');
    expect(message).toContain(`${FIXTURE_FILE}:1:3 未知的参考文献：kingma2015adma（是不是 "kingma2015adam"？）。`);
  });

  it('for a section of another article', async () => {
    const message = await failure('见 [目标](./target.md#为什么是-1-beta)。');
    expect(message).toContain('中不存在的位置：#为什么是-1-beta（是不是 "为什么是-1-betat"？）。');
  });

  it('for an article file name, in a link or a wiki link', async () => {
    expect(await failure('见 [目标](./targt.md)。')).toContain(
      '链接指向不存在的文章：./targt.md（是不是 "target.md"？）。',
    );
    expect(await failure('见 [[targt]]。')).toContain('[[targt]] 指向不存在的文章（是不是 "target"？）。');
  });
});
