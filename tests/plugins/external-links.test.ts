import { describe, expect, it } from 'vitest';
import { findAll, parseHtml } from '../helpers/html';
import { md, renderMarkdown } from '../helpers/markdown';

describe('external links', () => {
  it('get rel="noopener"; links inside the site do not', async () => {
    const tree = parseHtml(
      await renderMarkdown(
        md('[论文](https://arxiv.org/abs/1412.6980)、<http://example.org>、[[target]]、[本节](#x)。'),
      ),
    );
    const rels = findAll(tree, (e) => e.tagName === 'a').map((a) => [a.properties.href, a.properties.rel]);
    expect(rels).toEqual([
      ['https://arxiv.org/abs/1412.6980', ['noopener']],
      ['http://example.org', ['noopener']],
      ['/articles/target/', undefined],
      ['#x', undefined],
    ]);
  });

  it('get it when written as HTML, by an author or by a plugin such as the reference list', async () => {
    const tree = parseHtml(
      await renderMarkdown(md('见 <a href="https://example.org/a">这里</a> 与引用 [@kingma2015adam]。')),
    );
    const external = findAll(tree, (e) => e.tagName === 'a' && String(e.properties.href).startsWith('http'));
    expect(external.length).toBeGreaterThanOrEqual(2);
    expect(external.map((a) => a.properties.rel)).toEqual(external.map(() => ['noopener']));
  });
});
