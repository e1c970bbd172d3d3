import { describe, expect, it } from 'vitest';
import figure, {
  CROSSOVERS,
  L_RANGE,
  MACS_CURVES,
  MACS_FRAME,
  MEMORY_CURVES,
  MEMORY_FRAME,
} from '../../src/figures/attention-cost';
import { sx, sy } from '../../src/figures/svg';
import { COST_SHAPE, costDemo } from '../../src/numerics/linear-attention';

const svg = figure();

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The points of the path drawn for a series, in viewBox units. */
function points(id: string): [number, number][] {
  const d = svg.match(new RegExp(`data-series="${id}" d="([^"]+)"`))?.[1] ?? '';
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('attention-cost figure', () => {
  it('draws one path per curve and one line per crossover', () => {
    for (const c of [...MACS_CURVES, ...MEMORY_CURVES]) expect(count(svg, `data-series="${c.id}" `)).toBe(1);
    expect(count(svg, 'data-series=')).toBe(6);
    for (const c of CROSSOVERS) expect(count(svg, `data-crossover="${c.id}"`)).toBe(1);
    for (const c of [...MACS_CURVES, ...MEMORY_CURVES]) expect(points(c.id).length).toBeGreaterThan(90);
  });

  it('plots the cost model: endpoints at L = 16 and 65536 are where the formulas put them', () => {
    // Linear attention: 2·L·r·(d_v + 1) multiply-adds, a straight line of slope 1 in log–log.
    const lin = points('linear');
    const first = lin[0] ?? [0, 0];
    const last = lin[lin.length - 1] ?? [0, 0];
    expect(first[0]).toBeCloseTo(sx(MACS_FRAME, Math.log10(L_RANGE.min)), 1);
    expect(first[1]).toBeCloseTo(sy(MACS_FRAME, Math.log10(2 * 16 * 64 * 65)), 1);
    expect(last[1]).toBeCloseTo(sy(MACS_FRAME, Math.log10(2 * 65536 * 64 * 65)), 1);
    // Softmax: L²(d + d_v + 1) at the right end.
    const sm = points('softmax');
    expect((sm[sm.length - 1] ?? [0, 0])[1]).toBeCloseTo(sy(MACS_FRAME, Math.log10(65536 ** 2 * 129)), 1);
    // The recurrent state is flat at r(d_v + 1) = 4160.
    for (const [, y] of points('state')) expect(y).toBeCloseTo(sy(MEMORY_FRAME, Math.log10(4160)), 1);
  });

  it('the curves swap order at the marked crossovers', () => {
    // Smaller y is a larger value. Left of the crossover softmax is cheaper, right of it dearer.
    const sm = points('softmax');
    const lin = points('linear');
    const xCross = sx(MACS_FRAME, Math.log10(CROSSOVERS[0].L));
    sm.forEach(([x, y], i) => {
      const yl = (lin[i] ?? [0, 0])[1];
      if (x < xCross - 1) expect(y).toBeGreaterThan(yl);
      if (x > xCross + 1) expect(y).toBeLessThan(yl);
    });
    const scores = points('scores');
    const cumsum = points('cumsum');
    const xCumsum = sx(MEMORY_FRAME, Math.log10(4160));
    scores.forEach(([x, y], i) => {
      const yc = (cumsum[i] ?? [0, 0])[1];
      if (x < xCumsum - 1) expect(y).toBeGreaterThan(yc);
      if (x > xCumsum + 1) expect(y).toBeLessThan(yc);
    });
  });

  it('marks the crossovers at the closed-form lengths and labels them as the article prints them', () => {
    expect(COST_SHAPE).toEqual({ d: 64, dv: 64, r: 64 });
    const x = (id: string) => Number(svg.match(new RegExp(`data-crossover="${id}" d="M([\\d.]+)`))?.[1]);
    expect(x('macs')).toBeCloseTo(sx(MACS_FRAME, Math.log10(8320 / 129)), 1);
    expect(x('macs-causal')).toBeCloseTo(sx(MACS_FRAME, Math.log10(16640 / 129 - 1)), 1);
    expect(x('memory')).toBeCloseTo(sx(MEMORY_FRAME, Math.log10(Math.sqrt(4160))), 1);
    expect(x('cumsum')).toBeCloseTo(sx(MEMORY_FRAME, Math.log10(4160)), 1);
    const p = costDemo().printed;
    for (const label of [p.crossover, p.crossoverCausal, p.memoryCrossover, p.cumsumCrossover]) {
      expect(svg).toContain(`L = ${label}`);
    }
  });

  it('uses theme colours and Chinese labels', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
    expect(svg).toContain('序列长度 L');
    expect(svg).toContain('2¹⁶');
    expect(svg).toContain('10¹²');
  });
});
