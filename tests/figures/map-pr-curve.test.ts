import { describe, expect, it } from 'vitest';
import { figures } from '../../src/figures';
import figure, { prFigureData } from '../../src/figures/map-pr-curve';
import { formatFixed } from '../../src/numerics/map';

const svg = figure();
const data = prFigureData();

// The plot frames of the figure, in viewBox units: recall 0…1 over 300 units, precision 0…1.05 over 260.
const frames = { left: { x0: 56, y0: 34 }, right: { x0: 436, y0: 34 } };
const toPlot = (frame: { x0: number; y0: number }, x: number, y: number) => [
  Math.round((frame.x0 + x * 300) * 100) / 100,
  Math.round((frame.y0 + 260 - (y / 1.05) * 260) * 100) / 100,
];

function group(name: string): string {
  return svg.match(new RegExp(`<g data-points="${name}"[^>]*>(.*?)</g>`))?.[1] ?? '';
}

function attrs(markup: string, tag: string, a: string, b: string): number[][] {
  const re = new RegExp(`<${tag} [^>]*?${a}="([\\d.-]+)" [^>]*?${b}="([\\d.-]+)"`, 'g');
  return [...markup.matchAll(re)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('map-pr-curve figure', () => {
  it('is registered and deterministic', () => {
    expect(figures['map-pr-curve']).toBe(figure);
    expect(figure()).toBe(svg);
  });

  it('draws the seven raw points of the class 猫 where the worked example puts them', () => {
    expect(data.name).toBe('猫');
    // Hand-computed: TP, FP, TP, FP, TP, FP, FP with 4 objects.
    expect(data.raw.map(([r]) => r)).toEqual([0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 0.75]);
    const expected = [1, 1 / 2, 2 / 3, 1 / 2, 3 / 5, 1 / 2, 3 / 7];
    data.raw.forEach(([, p], i) => {
      expect(p).toBeCloseTo(expected[i] ?? Number.NaN, 12);
    });
    const dots = attrs(group('raw'), 'circle', 'cx', 'cy');
    expect(dots).toEqual(data.raw.map(([r, p]) => toPlot(frames.left, r, p)));
  });

  it('draws the envelope as steps 1, 2/3, 3/5 and then 0, and shades the area under it', () => {
    const d = svg.match(/<path data-series="envelope" d="([^"]+)"/)?.[1] ?? '';
    const pts = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const steps: [number, number][] = [
      [0, 1],
      [0.25, 1],
      [0.25, 2 / 3],
      [0.5, 2 / 3],
      [0.5, 3 / 5],
      [0.75, 3 / 5],
      [0.75, 0],
      [1, 0],
    ];
    expect(pts).toEqual(steps.map(([r, p]) => toPlot(frames.left, r, p)));
    expect(svg).toMatch(/<path data-series="area" d="M56 294 L[^"]+ Z" fill="var\(--fig-1\)"/);
  });

  it('marks the 11 VOC2007 levels and the 101 COCO thresholds on the envelope', () => {
    const squares = attrs(group('voc07'), 'rect', 'x', 'y').map(([x, y]) => [
      Math.round(((x ?? 0) + 4.5) * 100) / 100,
      Math.round(((y ?? 0) + 4.5) * 100) / 100,
    ]);
    // max precision at recall ≥ t: 1 for t ≤ 0.2, 2/3 up to 0.5, 3/5 up to 0.7, then 0.
    const voc = [1, 1, 1, 2 / 3, 2 / 3, 2 / 3, 3 / 5, 3 / 5, 0, 0, 0];
    expect(squares).toHaveLength(11);
    squares.forEach(([x, y], k) => {
      const [ex, ey] = toPlot(frames.right, k / 10, voc[k] ?? Number.NaN);
      expect(x).toBeCloseTo(ex ?? Number.NaN, 1);
      expect(y).toBeCloseTo(ey ?? Number.NaN, 1);
    });
    const dots = attrs(group('coco'), 'circle', 'cx', 'cy');
    expect(dots).toHaveLength(101);
    // 26 thresholds at precision 1 (r ≤ 0.25), 25 at 2/3, 25 at 3/5, 25 at 0.
    const level = (y: number) => Math.round(((34 + 260 - y) / 260) * 1.05 * 1000) / 1000;
    const counts = new Map<number, number>();
    for (const [, y] of dots) counts.set(level(y ?? 0), (counts.get(level(y ?? 0)) ?? 0) + 1);
    expect([...counts.entries()].sort((a, b) => b[0] - a[0])).toEqual([
      [1, 26],
      [0.667, 25],
      [0.6, 25],
      [0, 25],
    ]);
  });

  it('prints the three AP values of the class 猫 that the worked example computes', () => {
    expect(svg).toContain(`VOC2010+ AP = ${formatFixed(data.apAll, 4)}`);
    expect(svg).toContain(`101 点均值 = ${formatFixed(data.apCoco, 4)}`);
    expect(svg).toContain(`11 点均值 = ${formatFixed(data.ap07, 4)}`);
    // 17/30, 31/55 and 173/303, computed by hand in the article.
    expect(formatFixed(data.apAll, 4)).toBe('0.5667');
    expect(formatFixed(data.ap07, 4)).toBe('0.5636');
    expect(formatFixed(data.apCoco, 4)).toBe('0.5710');
  });

  it('uses theme colours only', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
  });
});
