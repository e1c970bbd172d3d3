import { describe, expect, it } from 'vitest';
import figure, { SHIFT_CURVES, SHIFT_DEMO } from '../../src/figures/sd3-shift';
import { timeGrid } from '../../src/numerics/rectified-flow';

const svg = figure();

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('sd3-shift figure', () => {
  it('draws one curve per shift value, including the paper’s α = 3', () => {
    expect(SHIFT_CURVES.map((c) => c.alpha)).toEqual([1, 1.5, 3, 4]);
    for (const c of SHIFT_CURVES) expect(count(svg, `data-alpha="${c.alpha}"`)).toBe(1);
    expect(SHIFT_DEMO.alpha).toBe(3);
  });

  it('draws both densities and both grids, with one tick per grid point', () => {
    expect(count(svg, 'data-curve="lognorm-0"')).toBe(1);
    expect(count(svg, 'data-curve="lognorm-shifted"')).toBe(1);
    for (const id of ['uniform', 'shifted']) {
      const d = svg.match(new RegExp(`data-grid="${id}" d="([^"]+)"`))?.[1] ?? '';
      expect(count(d, 'v12')).toBe(timeGrid(SHIFT_DEMO.steps).length);
    }
  });

  it('the shifted grid is denser near the noise end: its first gap is smaller', () => {
    const xs = (id: string) =>
      [...(svg.match(new RegExp(`data-grid="${id}" d="([^"]+)"`))?.[1] ?? '').matchAll(/M([\d.]+) [\d.]+v12/g)].map(
        (m) => Number(m[1]),
      );
    const plain = xs('uniform');
    const shifted = xs('shifted');
    expect(plain).toHaveLength(11);
    expect(Math.abs((shifted[0] ?? 0) - (shifted[1] ?? 0))).toBeLessThan(Math.abs((plain[0] ?? 0) - (plain[1] ?? 0)));
  });

  it('uses theme colours', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
  });
});
