import { describe, expect, it, vi } from 'vitest';
import { byClass, byId, danglingFragments, findAll, parseHtml, silenceRenderErrors, text } from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

// The plugin's default registry is the site's; the tests draw with deterministic fakes instead.
vi.mock('../../src/figures', async () => {
  const dots = (await import('../fixtures/figures/dots')).default;
  return {
    figures: {
      dots,
      'with-prolog': () => `<?xml version="1.0" encoding="UTF-8"?>\n${dots()}`,
      broken: () => {
        throw new Error('轨迹数据为空');
      },
      'not-svg': () => '<div>not a drawing</div>',
    },
  };
});

const figure = (...fields: string[]) => ['```figure', ...fields, '```'];

describe('remark-figures', () => {
  silenceRenderErrors();

  it('draws a numbered, accessible figure from its module', async () => {
    const html = await renderMarkdown(
      md(...figure('src: dots', 'id: fig:dots', 'caption: 三个点，$x_1 < x_2$，*均匀*分布', 'alt: 三个等距的圆点')),
    );
    const tree = parseHtml(html);
    const element = byId(tree, 'fig-dots');
    expect(element?.tagName).toBe('figure');
    expect(element?.properties.className).toEqual(['figure']);
    const body = byClass(tree, 'figure-body')[0];
    expect(body?.tagName).toBe('div');
    expect(body?.properties.role).toBe('img');
    expect(body?.properties.ariaLabel).toBe('三个等距的圆点');
    expect(findAll(body ?? tree, (e) => e.tagName === 'svg')).toHaveLength(1);
    expect(findAll(body ?? tree, (e) => e.tagName === 'circle')).toHaveLength(3);
    // The alt text is given once, as the image's name.
    expect(html.split('三个等距的圆点')).toHaveLength(2);

    const caption = findAll(tree, (e) => e.tagName === 'figcaption')[0];
    expect(byClass(caption ?? tree, 'figure-number').map((e) => text(e))).toEqual(['图 1']);
    expect(byClass(caption ?? tree, 'katex')).toHaveLength(1);
    expect(findAll(caption ?? tree, (e) => e.tagName === 'em').map((e) => text(e))).toEqual(['均匀']);
    expect(text(caption)).toMatch(/^图 1 三个点，/);
  });

  it('numbers figures per article and resolves [@fig:…] before and after them', async () => {
    const html = await renderMarkdown(
      md(
        '比较 [@fig:second] 与 [@fig:first]。',
        '',
        ...figure('src: dots', 'id: fig:first', 'caption: 第一张', 'alt: 点'),
        '',
        ...figure('src: with-prolog', 'id: fig:second', 'caption: 第二张', 'alt: 点'),
        '',
        '如 [@fig:first] 所示。',
      ),
    );
    const tree = parseHtml(html);
    expect(byClass(tree, 'figure-number').map((e) => text(e))).toEqual(['图 1', '图 2']);
    expect(byClass(tree, 'xref').map((link) => [link.properties.href, text(link)])).toEqual([
      ['#fig-second', '图 2'],
      ['#fig-first', '图 1'],
      ['#fig-first', '图 1'],
    ]);
    expect(danglingFragments(tree)).toEqual([]);
    expect(html).not.toContain('<?xml');
  });

  it('resolves citations and equation references inside captions, in document order', async () => {
    const html = await renderMarkdown(
      md(
        'Adam [@kingma2015adam]。',
        '',
        ...figure('src: dots', 'id: fig:a', 'caption: 按 [@eq:update] 更新，见 [@loshchilov2019adamw]', 'alt: 点'),
        '',
        '$$',
        '\\theta_{t+1} = \\theta_t - \\eta \\hat m_t \\label{eq:update}',
        '$$',
      ),
    );
    const tree = parseHtml(html);
    const caption = findAll(tree, (e) => e.tagName === 'figcaption')[0];
    expect(text(caption)).toBe('图 1 按 式 (1) 更新，见 [2]');
    expect(danglingFragments(tree)).toEqual([]);
  });

  it('leaves other code blocks alone', async () => {
    const html = await renderMarkdown(md('```yaml', 'src: dots', '```'));
    expect(html).not.toContain('<figure');
    expect(html).toContain('astro-code');
  });

  const cases: [string, string[], RegExp][] = [
    [
      'an unknown src, listing the known ones',
      figure('src: nope', 'id: fig:a', 'caption: c', 'alt: a'),
      /未知的图 src：nope。可用的有：broken、dots、not-svg、with-prolog/,
    ],
    ['a missing caption and alt', figure('src: dots', 'id: fig:a'), /figure 块缺少字段：caption、alt/],
    ['a missing id', figure('src: dots', 'caption: c', 'alt: a'), /figure 块缺少字段：id/],
    ['an id without fig:', figure('src: dots', 'id: dots', 'caption: c', 'alt: a'), /图的 id 必须以 fig: 开头/],
    ['an unknown field', figure('src: dots', 'id: fig:a', 'caption: c', 'alt: a', 'width: 3'), /未知的字段：width/],
    [
      'a module that throws, with its message',
      figure('src: broken', 'id: fig:a', 'caption: c', 'alt: a'),
      /图 broken 生成失败：轨迹数据为空/,
    ],
    [
      'a module that returns no SVG',
      figure('src: not-svg', 'id: fig:a', 'caption: c', 'alt: a'),
      /图 not-svg 没有返回 SVG/,
    ],
  ];
  for (const [name, block, message] of cases) {
    it(`fails on ${name}, naming the file and line`, async () => {
      const error = await renderMarkdown(md('正文。', '', ...block)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`${FIXTURE_FILE}:3:1 `);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('fails on YAML that does not parse, at its line', async () => {
    const block = figure('src: dots', 'id: fig:a', 'caption: "unclosed', 'alt: a');
    await expect(renderMarkdown(md('正文。', '', ...block))).rejects.toThrow(
      new RegExp(`${FIXTURE_FILE}:7:1 figure 块的 YAML 无法解析：Missing closing "quote$`),
    );
  });

  it('fails on a duplicate id at the second figure', async () => {
    const block = figure('src: dots', 'id: fig:a', 'caption: c', 'alt: a');
    await expect(renderMarkdown(md(...block, '', ...block))).rejects.toThrow(
      `${FIXTURE_FILE}:8:1 图的 id 重复：fig:a（第一次出现在第 1 行）`,
    );
  });

  it('fails on a reference to a missing figure', async () => {
    await expect(renderMarkdown(md('正文。', '', '见 [@fig:missing]。'))).rejects.toThrow(
      new RegExp(`${FIXTURE_FILE}:3:\\d+ 引用了不存在的图标签：fig:missing`),
    );
  });
});
