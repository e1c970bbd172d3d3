import { describe, expect, it } from 'vitest';
import type { ArticleLike } from '../../src/utils/collection';
import { backlinks, RELATEDNESS, relatedArticles, relatedness } from '../../src/utils/graph';

const article = (
  id: string,
  date: string,
  {
    tags = [] as string[],
    topic = 'attention-sequence',
    series = undefined as { id: string; order: number } | undefined,
  } = {},
): ArticleLike => ({ id, data: { title: id, date: new Date(date), topic, tags, draft: false, series } });

const linear = article('linear', '2026-01-01', { tags: ['注意力', 'RNN'], series: { id: 's', order: 1 } });
const flash = article('flash', '2026-02-01', { tags: ['注意力'], series: { id: 's', order: 2 } });
const ssm = article('ssm', '2026-03-01', { tags: ['rnn'], series: { id: 's', order: 3 } });
const adam = article('adam', '2026-04-01', { tags: ['优化器'], topic: 'optimization' });
const sgd = article('sgd', '2026-05-01', { tags: ['优化器', '注意力'], topic: 'optimization' });
const all = [linear, flash, ssm, adam, sgd];
const links = new Map([
  ['flash', [{ target: 'linear', html: '见 <mark>线性注意力</mark>。' }]],
  [
    'ssm',
    [
      { target: 'linear', html: '线性注意力是 <mark>Ā = I</mark> 的特例。' },
      { target: 'flash', html: '与 <mark>FLASH</mark> 的分块相同。' },
      { target: 'linear', html: '再提一次 <mark>线性注意力</mark>。' },
      { target: 'ssm', html: '自己。' },
    ],
  ],
]);

describe('backlinks', () => {
  it('lists the articles that link here, newest first, each with every sentence that does', () => {
    expect(backlinks(all, links, 'linear')).toEqual([
      { source: ssm, sentences: ['线性注意力是 <mark>Ā = I</mark> 的特例。', '再提一次 <mark>线性注意力</mark>。'] },
      { source: flash, sentences: ['见 <mark>线性注意力</mark>。'] },
    ]);
    expect(backlinks(all, links, 'flash').map((b) => b.source.id)).toEqual(['ssm']);
  });

  it('ignores an article’s links to itself and gives nothing to an article nobody links to', () => {
    expect(backlinks(all, links, 'ssm')).toEqual([]);
    expect(backlinks(all, links, 'adam')).toEqual([]);
  });
});

describe('relatedness', () => {
  it('adds links in each direction, a shared series, each shared tag (case-insensitive) and the topic', () => {
    // ssm → linear link, same series, shared tag RNN/rnn, same topic.
    expect(relatedness(linear, ssm, links)).toBe(
      RELATEDNESS.link + RELATEDNESS.series + RELATEDNESS.tag + RELATEDNESS.topic,
    );
    expect(relatedness(ssm, linear, links)).toBe(relatedness(linear, ssm, links));
    // Only the shared tag 注意力: different topic, no links, no series.
    expect(relatedness(linear, sgd, links)).toBe(RELATEDNESS.tag);
    expect(relatedness(adam, sgd, links)).toBe(RELATEDNESS.tag + RELATEDNESS.topic);
    expect(relatedness(linear, adam, links)).toBe(0);
  });

  it('weighs a link above a shared tag and topic together, so notes that cite each other come first', () => {
    expect(RELATEDNESS.link).toBeGreaterThan(RELATEDNESS.tag + RELATEDNESS.topic);
  });
});

describe('relatedArticles', () => {
  it('ranks by relatedness, breaks ties by date and leaves out articles with nothing in common', () => {
    // flash and ssm both score link + series + one tag + topic = 7; ssm is newer.
    expect(relatedArticles(all, links, 'linear').map((a) => a.id)).toEqual(['ssm', 'flash', 'sgd']);
    expect(relatedArticles(all, links, 'adam').map((a) => a.id)).toEqual(['sgd']);
    expect(relatedArticles(all, links, 'linear', 1).map((a) => a.id)).toEqual(['ssm']);
    // From flash: linear scores 7 (flash links to it, shared tag) and ssm 6 (it links to flash, no shared tag).
    expect(relatedArticles(all, links, 'flash').map((a) => a.id)).toEqual(['linear', 'ssm', 'sgd']);
    expect(relatedArticles(all, links, 'missing')).toEqual([]);
  });
});
