import { describe, expect, it } from 'vitest';
import {
  type ArticleLike,
  groupByTag,
  groupByYear,
  neighbours,
  seriesParts,
  seriesPlace,
  sortByDate,
  sortByLastChanged,
} from '../../src/utils/collection';

const article = (id: string, date: string, tags: string[] = []): ArticleLike => ({
  id,
  data: { title: id, date: new Date(date), topic: 'optimization', tags, draft: false },
});

const a = article('a', '2024-05-01', ['PyTorch', '优化器']);
const b = article('b', '2025-01-10', ['pytorch']);
const c = article('c', '2025-03-02', ['优化器', 'SSM']);

describe('sortByDate', () => {
  it('puts the newest first and does not mutate its input', () => {
    const input = [a, c, b];
    expect(sortByDate(input).map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(input.map((x) => x.id)).toEqual(['a', 'c', 'b']);
  });

  it('breaks ties by title so builds are stable', () => {
    const x = article('y', '2025-01-01');
    const y = article('x', '2025-01-01');
    expect(sortByDate([x, y]).map((z) => z.id)).toEqual(['x', 'y']);
  });
});

describe('neighbours', () => {
  const sorted = sortByDate([a, b, c]);
  it('gives the older article as prev and the newer as next', () => {
    expect(neighbours(sorted, 'b')).toEqual({ prev: a, next: c });
  });
  it('has no next for the newest and no prev for the oldest', () => {
    expect(neighbours(sorted, 'c')).toEqual({ prev: b });
    expect(neighbours(sorted, 'a')).toEqual({ next: b });
    expect(neighbours(sorted, 'missing')).toEqual({});
  });
});

describe('groupByYear', () => {
  it('groups newest year first', () => {
    expect(groupByYear([a, b, c]).map(([year, list]) => [year, list.map((x) => x.id)])).toEqual([
      [2025, ['c', 'b']],
      [2024, ['a']],
    ]);
  });
});

describe('groupByTag', () => {
  it('merges tags that differ only in case and counts articles once', () => {
    const groups = groupByTag([a, b, c]);
    const pytorch = groups.find((g) => g.slug === 'pytorch');
    expect(pytorch?.articles.map((x) => x.id)).toEqual(['b', 'a']);
    expect(groups.map((g) => g.articles.length)).toEqual([2, 2, 1]);
    expect(groups.at(-1)?.slug).toBe('ssm');
  });

  it('shows each tag as the author wrote it, not as its URL slug', () => {
    const newer = article('newer', '2025-03-01', ['SSM', 'Weight Decay']);
    const older = article('older', '2025-01-01', ['SSM']);
    expect(groupByTag([older, newer]).map((g) => [g.name, g.slug, g.articles.length])).toEqual([
      ['SSM', 'ssm', 2],
      ['Weight Decay', 'weight-decay', 1],
    ]);
  });

  it('lists the most used tags first, equally used ones in pinyin order', () => {
    // 扩散 (kuò) comes before 优化 (yōu) although 优化器 is met first; 贝叶斯 (bèi) is used once.
    const newest = article('newest', '2025-03-01', ['优化器', '扩散模型']);
    const middle = article('middle', '2025-02-01', ['优化器', '扩散模型']);
    const oldest = article('oldest', '2025-01-01', ['贝叶斯']);
    expect(groupByTag([oldest, middle, newest]).map((g) => g.name)).toEqual(['扩散模型', '优化器', '贝叶斯']);
  });
});

describe('sortByLastChanged', () => {
  it('brings a revised older article above newer ones', () => {
    const revised = { ...a, data: { ...a.data, updated: new Date('2025-06-01') } };
    expect(sortByLastChanged([revised, b, c]).map((x) => x.id)).toEqual(['a', 'c', 'b']);
    expect(sortByLastChanged([a, b, c]).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('series', () => {
  const part = (id: string, order: number, series = 'attention-to-ssm'): ArticleLike => ({
    id,
    data: {
      title: id,
      date: new Date('2026-01-01'),
      topic: 'attention-sequence',
      tags: [],
      draft: false,
      series: { id: series, order },
    },
  });
  const first = part('linear', 1);
  const second = part('flash', 2);
  const fourth = part('ssm', 4);
  const other = part('elsewhere', 1, 'other-series');
  const all = [fourth, a, other, first, second];

  it('lists a series in reading order, whatever the order of the collection or gaps in the numbers', () => {
    expect(seriesParts(all, 'attention-to-ssm').map((x) => x.id)).toEqual(['linear', 'flash', 'ssm']);
    expect(seriesParts(all, 'other-series').map((x) => x.id)).toEqual(['elsewhere']);
    expect(seriesParts(all, 'none')).toEqual([]);
  });

  it('gives an article its place and the parts before and after it in the series', () => {
    expect(seriesPlace(all, second)).toEqual({
      id: 'attention-to-ssm',
      parts: [first, second, fourth],
      index: 1,
      prev: first,
      next: fourth,
    });
    expect(seriesPlace(all, first)).toEqual({
      id: 'attention-to-ssm',
      parts: [first, second, fourth],
      index: 0,
      next: second,
    });
    expect(seriesPlace(all, fourth)?.prev).toBe(second);
    expect(seriesPlace(all, fourth)).not.toHaveProperty('next');
    expect(seriesPlace(all, a)).toBeUndefined();
  });

  it('fails naming both files when two parts claim the same place', () => {
    expect(() => seriesParts([first, part('clash', 1)], 'attention-to-ssm')).toThrow(
      /系列 attention-to-ssm 中 linear\.md 与 clash\.md 的 series\.order 都是 1/,
    );
  });
});
