import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feedContent, figureColors, styledMathText, withoutKatexHtml } from '../../src/utils/feed-content';
import { byClass, findAll, parseHtml, text } from '../helpers/html';
import { md, renderMarkdown } from '../helpers/markdown';

const PAGE = 'https://user.github.io/kb/articles/test/';

/** An article body through the real pipeline under the base path /kb/, then through feedContent. */
async function feedOf(markdown: string): Promise<ReturnType<typeof parseHtml>> {
  return parseHtml(feedContent(await renderMarkdown(markdown, { base: '/kb/' }), PAGE));
}

describe('feedContent', () => {
  it('gives each formula as MathML with its TeX, without KaTeX’s HTML rendering or the search copy', async () => {
    const tree = await feedOf(md('## 偏差 $1-\\beta^t$', '', '行内 $m_t$。', '', '$$', 'x^2', '\\label{eq:sq}', '$$'));
    const maths = findAll(tree, (e) => e.tagName === 'math');
    // A numbered equation keeps its number: the site adds it as \tag.
    expect(maths.map((m) => m.properties.alttext)).toEqual(['1-\\beta^t', 'm_t', 'x^2 \\tag{1}']);
    expect(maths[2]?.properties.display).toBe('block');
    expect(findAll(tree, (e) => e.tagName === 'annotation')).toEqual([]);
    const html = feedContent(await renderMarkdown('行内 $m_t$。'), PAGE);
    expect(html).not.toMatch(/katex-html|math-search-text|class="katex"/);
    // The equation keeps its id, so a link to #eq-sq in the feed still lands on it.
    expect(findAll(tree, (e) => e.properties.id === 'eq-sq')).toHaveLength(1);
  });

  it('writes \\mathbb, \\mathcal and \\mathbf letters as Unicode mathematical letters, which MathML Core shows', async () => {
    const tree = await feedOf('$\\E[x] \\in \\R^n$, $\\mathcal{L}$, $\\mathbf{x}_0$');
    const styled = findAll(tree, (e) => e.tagName === 'mi' || e.tagName === 'mn').map((e) => text(e));
    expect(styled).toEqual(expect.arrayContaining(['𝔼', 'ℝ', 'ℒ', '𝐱']));
    expect(findAll(tree, (e) => e.properties.mathvariant === 'double-struck')).toEqual([]);
  });

  it('makes every link absolute: other articles under the base path, fragments into the page', async () => {
    const tree = await feedOf(md('[[target]]、[外部](https://example.org/x)、[图](/kb/favicon.svg) 与 [本节](#top)。'));
    const hrefs = findAll(tree, (e) => e.tagName === 'a').map((a) => a.properties.href);
    expect(hrefs).toEqual([
      'https://user.github.io/kb/articles/target/',
      'https://example.org/x',
      'https://user.github.io/kb/favicon.svg',
      `${PAGE}#top`,
    ]);
  });

  it('drops heading anchors, sidenote copies and the previews’ data attributes, and keeps the footnotes', async () => {
    const tree = await feedOf(md('## 小节', '', '正文[^1]，见 [[target]]。', '', '[^1]: 脚注。'));
    expect(byClass(tree, 'heading-anchor')).toEqual([]);
    expect(byClass(tree, 'sidenote')).toEqual([]);
    expect(findAll(tree, (e) => Object.keys(e.properties).some((key) => key.startsWith('data')))).toEqual([]);
    const footnotes = findAll(tree, (e) => e.tagName === 'li' && String(e.properties.id).includes('fn-1'));
    expect(footnotes.map((li) => text(li))).toEqual([expect.stringContaining('脚注。')]);
  });

  it('drops scripts and buttons, which a feed reader would refuse or could not run', () => {
    const html = feedContent('<p>正文<script>alert(1)</script><button type="button">复制</button></p>', PAGE);
    expect(html).toBe('<p>正文</p>');
  });

  it('gives highlighted code as plain text, line breaks kept', async () => {
    const html = feedContent(await renderMarkdown(md('```python', 'x = 1', 'y = x + 1', '```')), PAGE);
    expect(html).toContain('<pre><code>x = 1\ny = x + 1</code></pre>');
    expect(html).not.toContain('style=');
  });

  it('cuts KaTeX’s HTML rendering out before parsing, leaving the rest as it was', () => {
    const formula =
      '<span class="katex"><span class="katex-mathml"><math></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">x</span></span><svg><path d=""></path></svg></span></span>';
    expect(withoutKatexHtml(`<p>a ${formula} b ${formula}</p>`)).toBe(
      '<p>a <span class="katex"><span class="katex-mathml"><math></math></span></span> b <span class="katex"><span class="katex-mathml"><math></math></span></span></p>',
    );
  });

  it('maps each styled letter to its own code point, the older ones included', () => {
    expect(styledMathText('ABCRZ', 'double-struck')).toBe('𝔸𝔹ℂℝℤ');
    expect(styledMathText('LBe', 'script')).toBe('ℒℬℯ');
    expect(styledMathText('xW1', 'bold')).toBe('𝐱𝐖𝟏');
    expect(styledMathText('αx', 'normal')).toBe('αx');
  });

  it('colours figures with the light theme’s values, since a feed reader has no site CSS', () => {
    const html = feedContent('<svg><path stroke="var(--fig-1)" fill="var(--fig-muted)"/></svg>', PAGE);
    expect(html).toContain(`stroke="${figureColors['--fig-1']}"`);
    expect(html).toContain(`fill="${figureColors['--fig-muted']}"`);
  });

  it('uses the figure colours the site’s light theme defines', () => {
    const css = readFileSync('src/styles/global.css', 'utf8');
    const light = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));
    for (const [variable, color] of Object.entries(figureColors)) expect(light).toContain(`${variable}: ${color};`);
  });
});
