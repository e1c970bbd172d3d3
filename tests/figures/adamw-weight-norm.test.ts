import { describe, expect, it } from 'vitest';
import figure from '../../src/figures/adamw-weight-norm';
import { figures } from '../../src/figures/index';
import { weightNormDemo } from '../../src/numerics/weight-norm';

const svg = figure();

function count(haystack: string, needle: string | RegExp): number {
  if (typeof needle === 'string') return haystack.split(needle).length - 1;
  return (haystack.match(new RegExp(needle.source, 'g')) ?? []).length;
}

function pathNumbers(d: string): number[] {
  return (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
}

describe('adamw-weight-norm figure', () => {
  it('is registered and deterministic', () => {
    expect(figures['adamw-weight-norm']).toBe(figure);
    expect(figure()).toBe(svg);
  });

  it('draws one simulated and one predicted curve per run, inside the plot', () => {
    const vb = svg.match(/viewBox="0 0 (\d+) (\d+)"/);
    const width = Number(vb?.[1]);
    const height = Number(vb?.[2]);
    const { series } = weightNormDemo();
    expect(series.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    for (const s of series) {
      for (const kind of ['series', 'predicted']) {
        const m = svg.match(new RegExp(`<path data-${kind}="${s.id}" d="([^"]+)"`));
        expect(m, `${kind} ${s.id}`).not.toBeNull();
        const nums = pathNumbers(m?.[1] ?? '');
        // One point per recorded step: x and y for each.
        expect(nums).toHaveLength(2 * s.run.steps.length);
        for (let i = 0; i + 1 < nums.length; i += 2) {
          expect(nums[i]).toBeGreaterThanOrEqual(0);
          expect(nums[i]).toBeLessThanOrEqual(width);
          expect(nums[i + 1]).toBeGreaterThanOrEqual(0);
          expect(nums[i + 1]).toBeLessThanOrEqual(height);
        }
      }
    }
    expect(count(svg, 'data-series=')).toBe(3);
    expect(count(svg, 'data-predicted=')).toBe(3);
  });

  it('ends every curve at the height of its last value', () => {
    const { series } = weightNormDemo();
    // The plot maps RMS 0 … 0.7 to y = 316 … 16.
    for (const s of series) {
      const m = svg.match(new RegExp(`<path data-series="${s.id}" d="([^"]+)"`));
      const nums = pathNumbers(m?.[1] ?? '');
      const lastY = nums[nums.length - 1] ?? Number.NaN;
      const rms = s.run.rms[s.run.rms.length - 1] ?? Number.NaN;
      expect(lastY).toBeCloseTo(316 - (rms / 0.7) * 300, 1);
    }
  });

  it('labels the equilibria and the time constant with the computed numbers', () => {
    const { printed } = weightNormDemo();
    expect(svg).toContain(`√(η/(2λ)) = ${printed.equilibriumA}`);
    expect(svg).toContain(`√(η/(2λ)) = ${printed.equilibriumC}`);
    expect(svg).toContain(`1/(ηλ) = ${printed.timescale}`);
    expect(svg).toContain(`d = ${printed.dim}`);
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
    expect(svg).toMatch(/font-size="1[2-4]"/);
  });
});
