import { describe, expect, it } from 'vitest';
import type { ArticleLike } from '../../src/utils/collection';
import { arcPath, MAP_GEOMETRY, mapGroups, topicMap } from '../../src/utils/topic-map';

const article = (id: string, topic: string, date: string, series?: { id: string; order: number }): ArticleLike => ({
  id,
  data: { title: id, date: new Date(date), topic, tags: [], draft: false, series },
});

const TOPICS = ['gen', 'attn', 'opt'];
const SERIES = ['first', 'second'];

// attn: two parts of `first` (the second one newer, so date order would put it first), one part of
// `second`, and two articles outside any series.
const partTwo = article('part-two', 'attn', '2026-03-01', { id: 'first', order: 2 });
const partOne = article('part-one', 'attn', '2026-01-01', { id: 'first', order: 1 });
const older = article('older', 'attn', '2026-02-01');
const newer = article('newer', 'attn', '2026-04-01');
const other = article('other-series', 'attn', '2026-05-01', { id: 'second', order: 1 });
const flow = article('flow', 'gen', '2026-01-15');
const stray = article('stray', 'misc', '2026-06-01');
const all = [older, stray, partTwo, newer, flow, other, partOne];

const links = new Map([
  [
    'part-one',
    [
      { target: 'part-two', html: '一' },
      { target: 'part-two', html: '二' },
    ],
  ],
  ['part-two', [{ target: 'part-one', html: '回' }]],
  ['flow', [{ target: 'newer', html: '见' }]],
  [
    'older',
    [
      { target: 'older', html: '自己' },
      { target: 'a-draft', html: '草稿' },
    ],
  ],
  ['not-on-the-map', [{ target: 'flow', html: '来自草稿' }]],
]);

const map = topicMap(all, links, TOPICS, SERIES);
const ids = (articles: ArticleLike[]) => articles.map((a) => a.id);
const rowOf = (id: string) => map.rows.find((row) => row.article.id === id);

/** The numbers of an arc's path: start x, start y, rx, ry, end x, end y. */
function parseArc(d: string) {
  const match = d.match(/^M([\d.]+) ([\d.]+)A([\d.]+) ([\d.]+) 0 0 0 ([\d.]+) ([\d.]+)$/);
  expect(match, d).not.toBeNull();
  const n = (i: number) => Number(match?.[i]);
  return { x1: n(1), y1: n(2), rx: n(3), ry: n(4), x2: n(5), y2: n(6) };
}

describe('mapGroups', () => {
  it('groups by topic in the given order, leaves empty topics out and puts unknown topics last', () => {
    expect(mapGroups(all, TOPICS, SERIES).map((group) => group.topic)).toEqual(['gen', 'attn', 'misc']);
  });

  it('puts series parts first, series by the given order and parts by reading order, then the rest newest first', () => {
    const attn = mapGroups(all, TOPICS, SERIES).find((group) => group.topic === 'attn');
    expect(ids(attn?.articles ?? [])).toEqual(['part-one', 'part-two', 'other-series', 'newer', 'older']);
    // The order of the series list decides, not the dates or the ids.
    const swapped = mapGroups(all, TOPICS, ['second', 'first']).find((group) => group.topic === 'attn');
    expect(ids(swapped?.articles ?? [])).toEqual(['other-series', 'part-one', 'part-two', 'newer', 'older']);
  });
});

describe('topicMap rows', () => {
  it('lists every article once, in group order, numbered across topics', () => {
    expect(ids(map.rows.map((row) => row.article))).toEqual([
      'flow',
      'part-one',
      'part-two',
      'other-series',
      'newer',
      'older',
      'stray',
    ]);
    expect(map.rows.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(map.groups.map((group) => [group.topic, ids(group.rows.map((row) => row.article))])).toEqual([
      ['gen', ['flow']],
      ['attn', ['part-one', 'part-two', 'other-series', 'newer', 'older']],
      ['misc', ['stray']],
    ]);
  });

  it('places each row centre below its topic headings and the rows before it, and sizes the SVG to fit', () => {
    const { row, heading } = MAP_GEOMETRY;
    expect(map.rows.map((r) => r.centre)).toEqual([
      heading + row / 2,
      2 * heading + 1.5 * row,
      2 * heading + 2.5 * row,
      2 * heading + 3.5 * row,
      2 * heading + 4.5 * row,
      2 * heading + 5.5 * row,
      3 * heading + 6.5 * row,
    ]);
    expect(map.height).toBe(3 * heading + 7 * row);
    expect(map.width).toBe(MAP_GEOMETRY.width);
  });

  it('counts the distinct articles each one links to and is linked from, ignoring itself and articles not on the map', () => {
    expect(ids(rowOf('part-one')?.linksTo ?? [])).toEqual(['part-two']);
    expect(ids(rowOf('part-one')?.linkedFrom ?? [])).toEqual(['part-two']);
    expect(ids(rowOf('flow')?.linksTo ?? [])).toEqual(['newer']);
    expect(ids(rowOf('flow')?.linkedFrom ?? [])).toEqual([]);
    expect(ids(rowOf('newer')?.linkedFrom ?? [])).toEqual(['flow']);
    expect(ids(rowOf('older')?.linksTo ?? [])).toEqual([]);
    expect(ids(rowOf('older')?.linkedFrom ?? [])).toEqual([]);
  });

  it('lists the linked articles in map order', () => {
    const hub = article('hub', 'gen', '2026-12-01');
    const spokes = new Map([['hub', ['stray', 'older', 'flow', 'part-one'].map((target) => ({ target, html: '' }))]]);
    const row = topicMap([...all, hub], spokes, TOPICS, SERIES).rows.find((r) => r.article.id === 'hub');
    expect(ids(row?.linksTo ?? [])).toEqual(['flow', 'part-one', 'older', 'stray']);
  });

  it('keeps articles without links as rows with nothing in or out', () => {
    for (const id of ['stray', 'other-series', 'older']) {
      expect(rowOf(id), id).toBeDefined();
      expect([rowOf(id)?.linksTo.length, rowOf(id)?.linkedFrom.length], id).toEqual([0, 0]);
    }
  });
});

describe('topicMap arcs', () => {
  it('draws one arc per linked pair, both directions merged, weighted by the number of links', () => {
    expect(map.arcs.map(({ from, to, weight }) => ({ from, to, weight }))).toEqual([
      { from: 0, to: 4, weight: 1 }, // flow → newer
      { from: 1, to: 2, weight: 3 }, // part-one ⇄ part-two: two links one way, one back
    ]);
  });

  it('starts and ends each arc at its rows’ centres on the column’s right edge, bulging left', () => {
    for (const arc of map.arcs) {
      const { x1, y1, rx, ry, x2, y2 } = parseArc(arc.d);
      expect([x1, x2]).toEqual([map.width, map.width]);
      expect(y1).toBeCloseTo(map.rows[arc.from]?.centre ?? Number.NaN, 3);
      expect(y2).toBeCloseTo(map.rows[arc.to]?.centre ?? Number.NaN, 3);
      expect(ry).toBeCloseTo((y2 - y1) / 2, 3);
      expect(rx).toBeGreaterThanOrEqual(MAP_GEOMETRY.minBulge);
      expect(rx).toBeLessThanOrEqual(map.width - MAP_GEOMETRY.margin);
    }
  });

  it('bulges farther for rows farther apart, by the square root of the distance, the longest arc filling the column', () => {
    const { width, margin, minBulge, row, heading } = MAP_GEOMETRY;
    const [far, near] = map.arcs.map((arc) => parseArc(arc.d).rx);
    expect(far).toBeCloseTo(width - margin, 3);
    // Neighbouring rows (one row apart) against rows 0 and 4 (a heading and four rows apart).
    expect(near).toBeCloseTo(minBulge + (width - margin - minBulge) * Math.sqrt(row / (heading + 4 * row)), 3);
  });

  it('draws heavier pairs thicker', () => {
    const [single, triple] = map.arcs;
    expect(single?.stroke).toBe(1.25);
    expect(triple?.stroke).toBeGreaterThan(single?.stroke ?? 0);
  });

  it('has no arcs when nothing links', () => {
    const quiet = topicMap(all, new Map(), TOPICS, SERIES);
    expect(quiet.arcs).toEqual([]);
    expect(quiet.rows).toHaveLength(all.length);
  });
});

describe('arcPath', () => {
  it('draws half an ellipse from the upper point to the lower one, bulging to the left', () => {
    expect(arcPath(8, 1, 7, 2)).toBe('M8 1A2 3 0 0 0 8 7');
    expect(arcPath(8, 1 / 3, 2 / 3, 0.5)).toBe('M8 0.333A0.5 0.167 0 0 0 8 0.667');
  });
});
