import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formatAuthors, formatReference, loadBibliography, type Reference } from '../../src/plugins/bibliography';
import {
  byClass,
  byId,
  danglingFragments,
  findAll,
  outer,
  parseHtml,
  silenceRenderErrors,
  text,
} from '../helpers/html';
import { FIXTURE_FILE, md, renderMarkdown } from '../helpers/markdown';

/** Lets one test render with a different BibTeX file than the fixture the helper passes. */
const bib = vi.hoisted(() => ({ override: undefined as string | undefined }));
vi.mock('../../src/plugins/bibliography', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/plugins/bibliography')>();
  return { ...actual, loadBibliography: (path: string) => actual.loadBibliography(bib.override ?? path) };
});

describe('remark-citations', () => {
  silenceRenderErrors();

  it('numbers references by first citation and links each number to its list item', async () => {
    const html = await renderMarkdown(
      md(
        'AdamW [@loshchilov2019adamw] 修正了 Adam [@kingma2015adam] 的权重衰减。',
        '',
        '再次引用 [@kingma2015adam; @loshchilov2019adamw]，以及反向传播 [@rumelhart1986backprop]。',
      ),
    );
    const tree = parseHtml(html);
    const cites = byClass(tree, 'cite');
    expect(cites.map((cite) => text(cite))).toEqual(['[1]', '[2]', '[1, 2]', '[3]']);
    expect(outer(cites[0])).toBe(
      '<span class="cite">[<a href="#ref-loshchilov2019adamw" aria-label="参考文献 1" data-preview="">1</a>]</span>',
    );
    expect(danglingFragments(tree)).toEqual([]);

    const section = byClass(tree, 'references')[0];
    expect(section?.tagName).toBe('section');
    expect(section?.properties.ariaLabelledBy).toEqual(['references']);
    const heading = byId(tree, 'references');
    expect(heading?.tagName).toBe('h2');
    expect(outer(heading)).toMatch(/^<h2 id="references">参考文献/);
    const items = findAll(
      tree,
      (element) => element.tagName === 'li' && String(element.properties.id).startsWith('ref-'),
    );
    expect(items.map((item) => item.properties.id)).toEqual([
      'ref-loshchilov2019adamw',
      'ref-kingma2015adam',
      'ref-rumelhart1986backprop',
    ]);
    expect(html).toContain(
      '<li id="ref-kingma2015adam">D. P. Kingma and J. Ba. <cite>Adam: A Method for Stochastic Optimization</cite>. ' +
        'International Conference on Learning Representations (ICLR), 2015. ' +
        '<a href="https://arxiv.org/abs/1412.6980" rel="noopener">arXiv:1412.6980</a></li>',
    );
    // arXiv id taken from the entry's URL.
    expect(outer(items[0])).toContain('<a href="https://arxiv.org/abs/1711.05101" rel="noopener">arXiv:1711.05101</a>');
    expect(outer(items[2])).toContain('D. E. Rumelhart, G. E. Hinton, and R. J. Williams.');
    expect(outer(items[2])).toContain(
      'Nature, 1986. <a href="https://doi.org/10.1038/323533a0" rel="noopener">doi:10.1038/323533a0</a>',
    );
  });

  it('collapses three or more consecutive numbers into a range', async () => {
    const html = await renderMarkdown(
      md(
        '[@kingma2015adam] [@loshchilov2019adamw] [@rumelhart1986backprop] [@goodfellow2016deep]',
        '',
        '综述见 [@goodfellow2016deep; @kingma2015adam; @rumelhart1986backprop; @loshchilov2019adamw]。',
      ),
    );
    const cite = byClass(parseHtml(html), 'cite')[4];
    expect(text(cite)).toBe('[1–4]');
    expect(outer(cite)).toContain('href="#ref-kingma2015adam"');
    expect(outer(cite)).toContain('href="#ref-goodfellow2016deep"');
  });

  it('lists the first three of more than six authors, then et al.', async () => {
    const html = await renderMarkdown('Transformer [@vaswani2017attention]。');
    expect(html).toContain('A. Vaswani, N. Shazeer, N. Parmar, et al. <cite>Attention Is All You Need</cite>');
  });

  it('adds no reference section to an article without citations', async () => {
    const html = await renderMarkdown('没有引用，只有邮箱 a@b.com 和 [方括号]。');
    expect(html).not.toContain('class="references"');
    expect(html).not.toContain('参考文献');
  });

  it('fails on an unknown key, naming the file, line, key and the BibTeX file', async () => {
    const markdown = md('第一段 [@kingma2015adam]。', '', '第二段引用 [@kingma2014; @nobody2099]。');
    await expect(renderMarkdown(markdown)).rejects.toMatchObject({ name: 'ContentError' });
    await expect(renderMarkdown(markdown)).rejects.toThrow(
      new RegExp(`${FIXTURE_FILE}:3:\\d+ 未知的参考文献：kingma2014。请把这个条目加入 tests/fixtures/references\\.bib`),
    );
  });

  it('names the line of an unknown key that follows an equation reference in the same sentence', async () => {
    const markdown = md('$$', 'x \\label{eq:a}', '$$', '', '由 [@eq:a] 可知，', '见 [@nobody2099]。');
    await expect(renderMarkdown(markdown)).rejects.toThrow(`${FIXTURE_FILE}:6:3 未知的参考文献：nobody2099`);
  });

  it('cites on both sides of inline markup and leaves a citation inside link text as written', async () => {
    const html = await renderMarkdown(
      md(
        '见 [@kingma2015adam]，*又见* [@loshchilov2019adamw]。',
        '',
        '[原文 [@rumelhart1986backprop]](https://www.nature.com/articles/323533a0)，[书 [@goodfellow2016deep]][book]。',
        '',
        '[book]: https://www.deeplearningbook.org/',
      ),
    );
    const tree = parseHtml(html);
    expect(byClass(tree, 'cite').map((cite) => text(cite))).toEqual(['[1]', '[2]']);
    const links = findAll(
      tree,
      (element) => element.tagName === 'a' && !String(element.properties.href).startsWith('#'),
    );
    expect(links.slice(0, 2).map((link) => text(link))).toEqual([
      '原文 [@rumelhart1986backprop]',
      '书 [@goodfellow2016deep]',
    ]);
    expect(findAll(tree, (element) => element.tagName === 'li').map((item) => item.properties.id)).toEqual([
      'ref-kingma2015adam',
      'ref-loshchilov2019adamw',
    ]);
  });

  it('names the column of an unknown key that follows inline markup', async () => {
    await expect(renderMarkdown('**AdamW** 用 [@nobody2099]。')).rejects.toThrow(
      `${FIXTURE_FILE}:1:13 未知的参考文献：nobody2099`,
    );
  });

  it('fails when an equation reference is mixed into a citation group', async () => {
    await expect(renderMarkdown('见 [@kingma2015adam; @eq:update]。')).rejects.toThrow(
      new RegExp(`${FIXTURE_FILE}:1:\\d+ 公式和图的引用要单独写`),
    );
  });

  it('fails on a BibTeX file that does not parse, naming that file, its line and column, and the reason', async () => {
    bib.override = resolve('tests/fixtures/broken-references.bib');
    try {
      const error = await renderMarkdown('引用 [@fine2020]。').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message.split('\n').slice(1)).toEqual([
        `${FIXTURE_FILE}:1:4 读取参考文献时出错：`,
        'tests/fixtures/broken-references.bib:12:22 BibTeX 无法解析（expected "rbrace", got "identifier"）。' +
          '常见原因：上一个字段后缺少逗号，或括号不配对。',
      ]);
    } finally {
      bib.override = undefined;
    }
  });
});

describe('bibliography', () => {
  it('fails on a key used twice and on a missing file', () => {
    expect(() => loadBibliography(resolve('tests/fixtures/duplicate-references.bib'))).toThrow(
      'tests/fixtures/duplicate-references.bib 中条目键 twice 出现了不止一次',
    );
    expect(() => loadBibliography(resolve('tests/fixtures/no-such.bib'))).toThrow('tests/fixtures/no-such.bib 不存在');
  });

  it('reads the fields the reference list needs', () => {
    const references = loadBibliography(resolve('tests/fixtures/references.bib'));
    expect(references.get('kingma2015adam')).toEqual({
      key: 'kingma2015adam',
      authors: [
        { family: 'Kingma', given: 'Diederik P.' },
        { family: 'Ba', given: 'Jimmy' },
      ],
      title: 'Adam: A Method for Stochastic Optimization',
      container: 'International Conference on Learning Representations (ICLR)',
      year: '2015',
      doi: undefined,
      arxiv: '1412.6980',
      url: undefined,
    });
    expect(references.get('rumelhart1986backprop')?.doi).toBe('10.1038/323533a0');
    expect(references.get('goodfellow2016deep')?.container).toBe('MIT Press');
  });

  it('caches by modification time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bib-'));
    const path = join(dir, 'refs.bib');
    writeFileSync(path, '@misc{a, title = {First}, year = {2020}}');
    utimesSync(path, 1000, 1000);
    const first = loadBibliography(path);
    expect(loadBibliography(path)).toBe(first);
    writeFileSync(path, '@misc{a, title = {Second}, year = {2020}}');
    utimesSync(path, 2000, 2000);
    expect(loadBibliography(path).get('a')?.title).toBe('Second');
  });

  it('escapes text and keeps only harmless markup from LaTeX', () => {
    const reference: Reference = {
      key: 'x',
      authors: [
        { family: '张', given: '三' },
        { family: 'Google DeepMind', given: undefined },
      ],
      title: 'Learning <i>noisy</i> labels <script>alert(1)</script> & <span class="nocase">AUC</span>',
      container: 'J. "Quoted" <b>',
      year: '2024',
      doi: undefined,
      arxiv: undefined,
      url: 'https://example.com/a?b=1&c=<2>',
    };
    const formatted = formatReference(reference);
    expect(formatted.authors).toBe('张三 and Google DeepMind');
    expect(formatted.title).toBe('Learning <i>noisy</i> labels &lt;script&gt;alert(1)&lt;/script&gt; &amp; AUC');
    expect(formatted.venue).toBe('J. &quot;Quoted&quot; &lt;b&gt;, 2024');
    expect(formatted.html).toContain('<a href="https://example.com/a?b=1&amp;c=%3C2%3E">');
    expect(formatted.html).not.toContain('<script');
  });

  it('does not repeat the arXiv id of a Google Scholar preprint venue', () => {
    const reference: Reference = {
      key: 'p',
      authors: [{ family: 'Touvron', given: 'Hugo' }],
      title: 'LLaMA',
      container: 'arXiv preprint arXiv:2302.13971',
      year: '2023',
      doi: undefined,
      arxiv: '2302.13971',
      url: undefined,
    };
    expect(formatReference(reference).html).toBe(
      'H. Touvron. <cite>LLaMA</cite>. arXiv preprint, 2023. ' +
        '<a href="https://arxiv.org/abs/2302.13971">arXiv:2302.13971</a>',
    );
  });

  it('formats the less common kinds of entry as a reader expects', () => {
    const references = loadBibliography(resolve('tests/fixtures/edge-references.bib'));
    const html = (key: string) => {
      const reference = references.get(key);
      if (!reference) throw new Error(`no entry ${key}`);
      return formatReference(reference).html;
    };
    const arxiv = (id: string) => `<a href="https://arxiv.org/abs/${id}">arXiv:${id}</a>`;
    const doi = (id: string) => `<a href="https://doi.org/${id}">doi:${id}</a>`;

    // BibLaTeX e-prints; an e-print on another server gets no arXiv link.
    expect(html('ho2020ddpm')).toBe(
      `J. Ho, A. Jain, and P. Abbeel. <cite>Denoising Diffusion Probabilistic Models</cite>. 2020. ${arxiv('2006.11239')}`,
    );
    expect(html('notarxiv')).toBe('J. Doe. <cite>A Preprint Elsewhere</cite>. 2021.');
    // Google Scholar's journal field: new-style ids with and without a version, old-style ids with
    // and without a subject class.
    expect(html('kingma2014vae')).toBe(
      'D. P. Kingma and M. Welling. <cite>Auto-Encoding Variational Bayes</cite>. arXiv preprint, 2013. ' +
        arxiv('1312.6114v11'),
    );
    expect(html('touvron2023llama')).toContain(`arXiv preprint, 2023. ${arxiv('2302.13971')}`);
    expect(html('maldacena1997')).toContain(`arXiv preprint, 1997. ${arxiv('hep-th/9711200v3')}`);
    expect(html('perelman2002')).toContain(`arXiv preprint, 2002. ${arxiv('math.DG/0211159')}`);
    // An arXiv link written with http.
    expect(html('ioffe2015batchnorm')).toBe(
      'S. Ioffe and C. Szegedy. <cite>Batch Normalization</cite>. ' +
        `International Conference on Machine Learning (ICML), 2015. ${arxiv('1502.03167')}`,
    );
    // DOIs written as links; a DOI makes the entry's URL redundant; a particle stays with the family name.
    expect(html('vonneumann1928')).toBe(
      'J. von Neumann. <cite>Zur Theorie der Gesellschaftsspiele</cite>. Mathematische Annalen, 1928. ' +
        doi('10.1007/BF01448847'),
    );
    expect(html('hochreiter1997lstm')).toBe(
      'S. Hochreiter and J. Schmidhuber. <cite>Long Short-Term Memory</cite>. Neural Computation, 1997. ' +
        doi('10.1162/neco.1997.9.8.1735'),
    );
    // An organisation as author, editors in place of authors.
    expect(html('gemini2023')).toBe(
      `Gemini Team. <cite>Gemini: A Family of Highly Capable Multimodal Models</cite>. 2023. ${arxiv('2312.11805')}`,
    );
    expect(html('taub1963collected')).toBe(
      'A. H. Taub. <cite>John von Neumann: Collected Works</cite>. Pergamon Press, 1963.',
    );
    // A title that ends in a question mark gets no extra full stop; an http URL is linked.
    expect(html('recht2019imagenet')).toBe(
      'B. Recht, R. Roelofs, L. Schmidt, and V. Shankar. <cite>Do ImageNet Classifiers Generalize to ImageNet?</cite> ' +
        'International Conference on Machine Learning (ICML), 2019. ' +
        '<a href="http://proceedings.mlr.press/v97/recht19a.html">http://proceedings.mlr.press/v97/recht19a.html</a>',
    );
    // No author, venue or year; a year that is not a number.
    expect(html('pytorchdocs')).toBe(
      '<cite>PyTorch Documentation</cite>. <a href="https://pytorch.org/docs/stable/">https://pytorch.org/docs/stable/</a>',
    );
    expect(html('inpress')).toBe('J. Doe. <cite>A Forthcoming Paper</cite>. in press.');
  });

  it('formats author lists', () => {
    const people = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ family: `F${i + 1}`, given: i === 0 ? 'Jean-Pierre' : 'Ann' }));
    expect(formatAuthors(people(1))).toBe('J.-P. F1');
    expect(formatAuthors(people(2))).toBe('J.-P. F1 and A. F2');
    expect(formatAuthors(people(6))).toBe('J.-P. F1, A. F2, A. F3, A. F4, A. F5, and A. F6');
    expect(formatAuthors(people(7))).toBe('J.-P. F1, A. F2, A. F3, et al.');
  });
});
