import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../src/schema';

const valid = {
  title: 'Adam 与 AdamW',
  description: '从五个更新公式讲到解耦权重衰减。',
  date: '2026-11-29',
  topic: 'optimization',
  tags: ['优化器'],
  icon: '🧭',
};

const issues = (data: object) => {
  const result = articleSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('articleSchema', () => {
  it('accepts a complete article and fills defaults', () => {
    const data = articleSchema.parse({ ...valid, tags: undefined });
    expect(data.draft).toBe(false);
    expect(data.tags).toEqual([]);
    expect(data.date).toEqual(new Date('2026-11-29'));
  });

  it('names each missing required field', () => {
    expect(issues({})).toEqual(expect.arrayContaining(['title', 'description', 'date', 'topic', 'icon']));
  });

  it('accepts a place in a known series and rejects an unknown series or a bad order', () => {
    expect(articleSchema.parse({ ...valid, series: { id: 'attention-to-ssm', order: 2 } }).series).toEqual({
      id: 'attention-to-ssm',
      order: 2,
    });
    expect(issues({ ...valid, series: { id: 'no-such-series', order: 1 } })).toEqual(['series.id']);
    expect(issues({ ...valid, series: { id: 'attention-to-ssm', order: 0 } })).toEqual(['series.order']);
    expect(issues({ ...valid, series: { id: 'attention-to-ssm', order: 1.5 } })).toEqual(['series.order']);
    expect(issues({ ...valid, series: { id: 'attention-to-ssm' } })).toEqual(['series.order']);
    expect(issues({ ...valid, series: { id: 'attention-to-ssm', order: 1, part: 2 } })).toEqual(['series']);
  });

  it('rejects a topic that is not in src/topics.ts', () => {
    expect(issues({ ...valid, topic: 'optimisation' })).toEqual(['topic']);
  });

  it('rejects a misspelled field instead of ignoring it', () => {
    expect(issues({ ...valid, tag: ['x'] })).toHaveLength(1);
  });

  it('rejects a non-date, an icon that is not an emoji and an update before publication', () => {
    expect(issues({ ...valid, date: 'yesterday' })).toEqual(['date']);
    expect(issues({ ...valid, icon: 'A' })).toEqual(['icon']);
    expect(issues({ ...valid, updated: '2020-01-01' })).toEqual(['updated']);
  });
});
