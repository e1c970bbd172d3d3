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
      // An SVG wrapped in HTML is not an SVG: the figure body must be the drawing itself.
      'not-svg': () => `<div>${dots()}</div>`,
      'no-return': () => undefined as unknown as string,
      // Whitespace around the markup and after the XML prolog is not part of the drawing.
      padded: () => `\n  <?xml version="1.0"?>\n\n${dots()}\n`,
    },
  };
});

const figure = (...fields: string[]) => ['```figure', ...fields, '```'];

describe('remark-figures', () => {
  silenceRenderErrors();

  it('draws a numbered, accessible figure from its module', async () => {
    const html = await renderMarkdown(
      md(...figure('src: dots', 'id: fig:dots-3', 'caption: 三个点，$x_1 < x_2$，*均匀*分布', 'alt: 三个等距的圆点')),
    );
    expect(html).toMatch(
      /^<figure class="figure" id="fig-dots-3"><div class="figure-body" role="img" aria-label="三个等距的圆点"><svg /,
    );
    const tree = parseHtml(html);
    const element = byId(tree, 'fig-dots-3');
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

  it('trims the fields and the drawing, and drops an XML prolog after blank lines', async () => {
    const html = await renderMarkdown(
      md(...figure('src: " padded "', 'id: fig:p', 'caption: 点', 'alt: "  三个点  "')),
    );
    expect(html).toMatch(
      /^<figure class="figure" id="fig-p"><div class="figure-body" role="img" aria-label="三个点"><svg /,
    );
    expect(html).not.toContain('<?xml');
  });

  it('joins a caption of several paragraphs with a space', async () => {
    const html = await renderMarkdown(
      md(...figure('src: dots', 'id: fig:a', 'caption: "第一段。\\n\\n第二段。"', 'alt: 点')),
    );
    expect(text(findAll(parseHtml(html), (e) => e.tagName === 'figcaption')[0])).toBe('图 1 第一段。 第二段。');
  });

  it('keeps a caption that Markdown would read as a list as plain text', async () => {
    const html = await renderMarkdown(md(...figure('src: dots', 'id: fig:a', 'caption: "1. 训练损失"', 'alt: 点')));
    const caption = findAll(parseHtml(html), (e) => e.tagName === 'figcaption')[0];
    expect(text(caption)).toBe('图 1 1. 训练损失');
    expect(findAll(caption ?? parseHtml(''), (e) => e.tagName === 'li')).toEqual([]);
  });

  it('reports an error inside a caption at the figure block', async () => {
    const block = figure('src: dots', 'id: fig:a', 'caption: 见 [@nobody2099]', 'alt: 点');
    await expect(renderMarkdown(md('正文。', '', ...block))).rejects.toThrow(
      `${FIXTURE_FILE}:3:3 未知的参考文献：nobody2099`,
    );
  });

  it('leaves other code blocks alone', async () => {
    const html = await renderMarkdown(md('```yaml', 'src: dots', '```'));
    expect(html).not.toContain('<figure');
    expect(html).toContain('astro-code');
  });

  const fieldsHelp =
    '四个字段都要写：src（图的模块名）、id（fig: 开头）、caption（图注）、alt（给屏幕阅读器的文字描述）。';
  const notFields = 'figure 块应写成 YAML 字段：src、id、caption、alt，每行一个，如 `src: adam-trajectories`。';
  const badId = (id: string) =>
    `图的 id 必须以 fig: 开头，只含字母、数字、-、_、:，如 fig:adam-trajectories；现在是 ${id}。`;
  const unknownSrc = (src: string) =>
    `未知的图 src：${src}。可用的有：broken、dots、no-return、not-svg、padded、with-prolog。新图请在 src/figures/ 中添加并登记到 index.ts。`;
  const cases: [string, string[], string][] = [
    [
      'an unknown src, listing the known ones',
      figure('src: nope', 'id: fig:a', 'caption: c', 'alt: a'),
      unknownSrc('nope'),
    ],
    [
      'a src that names a property every object inherits',
      figure('src: toString', 'id: fig:a', 'caption: c', 'alt: a'),
      unknownSrc('toString'),
    ],
    ['a missing caption and alt', figure('src: dots', 'id: fig:a'), `figure 块缺少字段：caption、alt。${fieldsHelp}`],
    ['a missing id', figure('src: dots', 'caption: c', 'alt: a'), `figure 块缺少字段：id。${fieldsHelp}`],
    ['an empty block', figure(), notFields],
    ['a block with a bare word', figure('dots'), notFields],
    ['a block with a list', figure('- src: dots'), notFields],
    ['an id without fig:', figure('src: dots', 'id: dots', 'caption: c', 'alt: a'), badId('dots')],
    [
      'an id with fig: not at its start',
      figure('src: dots', 'id: myfig:dots', 'caption: c', 'alt: a'),
      badId('myfig:dots'),
    ],
    ['an id with a space', figure('src: dots', 'id: fig:a b', 'caption: c', 'alt: a'), badId('fig:a b')],
    [
      'an unknown field',
      figure('src: dots', 'id: fig:a', 'caption: c', 'alt: a', 'width: 3'),
      'figure 块中未知的字段：width。可用的字段：src、id、caption、alt。',
    ],
    [
      'a module that throws, with its message',
      figure('src: broken', 'id: fig:a', 'caption: c', 'alt: a'),
      '图 broken 生成失败：轨迹数据为空',
    ],
    ...(['not-svg', 'no-return'] as const).map((src): [string, string[], string] => [
      `a module that returns no SVG (${src})`,
      figure(`src: ${src}`, 'id: fig:a', 'caption: c', 'alt: a'),
      `图 ${src} 没有返回 SVG：它的默认导出应返回以 <svg 开头的字符串。`,
    ]),
  ];
  for (const [name, block, message] of cases) {
    it(`fails on ${name}, naming the file and line`, async () => {
      const error = await renderMarkdown(md('正文。', '', ...block)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`${FIXTURE_FILE}:3:1 ${message}`);
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
