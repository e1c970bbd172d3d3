import { describe, expect, it } from 'vitest';
import { correctQuery, mergeByAgreement, mergeResults, queryWords } from '../../src/scripts/search-correction';
import { editDistance } from '../../src/utils/edit-distance';

const vocabulary = {
  words: [
    'attention',
    'linear',
    'normalizing',
    'flow',
    'pixelshuffle',
    'pixelunshuffle',
    'inverted',
    'inverse',
    'robbins',
    'monro',
  ],
  terms: ['状态空间模型', '自动微分', '核特征映射'],
  synonyms: [],
};

describe('search spelling correction', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('atention', 'attention')).toBe(1);
    expect(editDistance('normalising', 'normalizing')).toBe(1);
    expect(editDistance('teh', 'the')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(2);
  });

  it('replaces unknown words by the nearest known ones, in English and in Chinese', () => {
    expect(correctQuery('linear atention', vocabulary)).toBe('linear attention');
    expect(correctQuery('Normalising Flow', vocabulary)).toBe('normalizing Flow');
    expect(correctQuery('pixelshufle', vocabulary)).toBe('pixelshuffle');
    expect(correctQuery('自动微份', vocabulary)).toBe('自动微分');
    expect(correctQuery('Robins-Monro', vocabulary)).toBe('robbins-Monro');
    // A typing-method homophone changes two characters of a six-character term.
    expect(correctQuery('状态控件模型', vocabulary)).toBe('状态空间模型');
  });

  it('leaves known words, short words, API names, formulas and parts of known terms alone', () => {
    for (const query of [
      'linear attention',
      'PixelUnshuffle',
      'inverted dropout',
      'mAP',
      'F.interpolate',
      '\\nabla',
      'retain_graph',
      '特征映射',
      '模型',
    ])
      expect(correctQuery(query, vocabulary), query).toBeUndefined();
  });

  it('when a query of several words finds nothing, ranks pages by how many of its words found them', () => {
    const r = (id: string) => ({ id });
    const merged = mergeByAgreement([
      [r('a'), r('b')],
      [r('c'), r('b')],
      [r('b'), r('d')],
    ]);
    expect(merged.map((x) => x.id)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('splits a Chinese query into the words the index has, and leaves other words whole', () => {
    expect(queryWords('为什么要偏差修正')).toEqual(['为什么', '要', '偏差', '修正']);
    expect(queryWords(' F.interpolate  采样 ')).toEqual(['F.interpolate', '采样']);
  });

  it('shows the corrected query’s results first and keeps what the reader’s own words found', () => {
    const ids = (list: { id: string }[]) => list.map((r) => r.id);
    expect(ids(mergeResults([{ id: 'a' }, { id: 'b' }], [{ id: 'c' }, { id: 'a' }]))).toEqual(['a', 'b', 'c']);
  });
});
