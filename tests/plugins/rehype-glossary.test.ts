import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../helpers/markdown';

const contentDir = resolve('tests/fixtures/glossary');
const render = (markdown: string, file = 'reader.md', base = '/') =>
  renderMarkdown(markdown, { contentDir, path: resolve(contentDir, file), base });
/** The terms linked, in order, as `id=text`. */
const linked = (html: string) =>
  [...html.matchAll(/<a href="[^"]*" class="term" data-term="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map(
    (m) => `${m[1]}=${m[2]}`,
  );

describe('rehype-glossary (a term’s first use links to its glossary entry)', () => {
  it('links only the first use of a term, in whichever language it comes first', async () => {
    const html = await render('先说 weight decay，再说权重衰减，又说 Weight Decay。\n\n第二段的权重衰减。');
    expect(linked(html)).toEqual(['weight-decay=weight decay']);
    expect(html).toContain(
      '<a href="/glossary/#weight-decay" class="term" data-term="weight-decay" data-preview-src="/previews/glossary/weight-decay.json">',
    );
  });

  it('prefers the longest term where terms overlap, and then still links the shorter one at its own use', async () => {
    const html = await render('AdamW 用解耦权重衰减。普通的权重衰减不同。');
    expect(linked(html)).toEqual(['decoupled-weight-decay=解耦权重衰减', 'weight-decay=权重衰减']);
  });

  it('matches English ignoring case, hyphens and a plural, abbreviations only with their case and whole', async () => {
    expect(linked(await render('Two State-Space Models here.'))).toEqual(['state-space-model=State-Space Models']);
    expect(linked(await render('ssm 不算，SSMs2 也不算，SSM 才算。'))).toEqual(['state-space-model=SSM']);
    // AP is not found inside mAP, and MAP is not mAP.
    expect(linked(await render('MAP 不是 mAP；AP 是另一个。'))).toEqual([
      'mean-average-precision=mAP',
      'average-precision=AP',
    ]);
  });

  it('never links inside code, math, headings, links, footnotes or the reference list', async () => {
    const html = await render(
      [
        '## 权重衰减的标题',
        '',
        '`权重衰减` 与 $\\text{权重衰减}$ 与 [权重衰减](https://example.com) 与脚注[^1]。',
        '',
        '```python',
        '# 权重衰减',
        '```',
        '',
        '[^1]: 脚注里的权重衰减。',
      ].join('\n'),
    );
    expect(linked(html)).toEqual([]);
    // The first use in prose is linked even after uses in places that do not count.
    expect(linked(await render('## 权重衰减\n\n`权重衰减` 之后正文里的权重衰减。'))).toEqual(['weight-decay=权重衰减']);
  });

  it('does not link terms in the article that explains them', async () => {
    expect(linked(await render('权重衰减与 SSM。', 'explainer.md'))).toEqual([]);
  });

  it('puts the glossary and preview URLs under the base path', async () => {
    const html = await render('SSM', 'reader.md', '/kb/');
    expect(html).toContain('href="/kb/glossary/#state-space-model"');
    expect(html).toContain('data-preview-src="/kb/previews/glossary/state-space-model.json"');
  });
});
