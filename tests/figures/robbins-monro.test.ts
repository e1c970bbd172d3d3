import { describe, expect, it } from 'vitest';
import { figures } from '../../src/figures/index';
import figure, { STYLE } from '../../src/figures/robbins-monro';
import { FIGURE_SCHEDULES, figureData, RMS_CHECKPOINTS } from '../../src/numerics/stochastic-approximation';

const svg = figure();

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function pathNumbers(d: string): number[] {
  return (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
}

function attr(kind: string, id: string): string {
  const m = svg.match(new RegExp(`data-${kind}="${id}" d="([^"]+)"`));
  if (!m?.[1]) throw new Error(`no ${kind} path for ${id}`);
  return m[1];
}

describe('robbins-monro figure', () => {
  it('is registered and deterministic', () => {
    expect(figures['robbins-monro']).toBe(figure);
    expect(figure()).toBe(svg);
  });

  it('draws a path, an exact RMS curve and simulated points for each of the four schedules', () => {
    expect(FIGURE_SCHEDULES.map((s) => s.id)).toEqual(['harmonic', 'power', 'constant', 'inverse-square']);
    for (const s of FIGURE_SCHEDULES) {
      expect(count(svg, `data-path="${s.id}"`)).toBe(1);
      expect(count(svg, `data-exact="${s.id}"`)).toBe(1);
      const group = svg.match(new RegExp(`<g data-simulated="${s.id}"[^>]*>(.*?)</g>`))?.[1] ?? '';
      expect(count(group, '<circle')).toBe(RMS_CHECKPOINTS.length);
      expect(svg).toContain(s.label);
      expect(svg).toContain(STYLE[s.id].colour);
    }
  });

  it('keeps every curve inside its panel', () => {
    const vb = svg.match(/viewBox="0 0 (\d+) (\d+)"/);
    const width = Number(vb?.[1]);
    const height = Number(vb?.[2]);
    for (const s of FIGURE_SCHEDULES) {
      for (const kind of ['path', 'exact']) {
        const nums = pathNumbers(attr(kind, s.id));
        expect(nums.length % 2).toBe(0);
        for (let i = 0; i + 1 < nums.length; i += 2) {
          expect(nums[i]).toBeGreaterThanOrEqual(0);
          expect(nums[i]).toBeLessThanOrEqual(width);
          expect(nums[i + 1]).toBeGreaterThanOrEqual(30); // top of the panels
          expect(nums[i + 1]).toBeLessThanOrEqual(280); // bottom of the panels
        }
        expect(nums.length).toBeLessThan(2 * 400); // resampled, not 10⁴ points
      }
    }
    expect(height).toBeGreaterThan(280);
  });

  it('puts the right end of each exact RMS curve at its computed value', () => {
    const { series } = figureData();
    // Right panel: y = 30 + 250·(log₁₀2 − log₁₀ RMS)/(log₁₀2 − log₁₀0.005).
    const span = Math.log10(2) - Math.log10(0.005);
    for (const s of series) {
      const nums = pathNumbers(attr('exact', s.id));
      const y = nums[nums.length - 1] ?? Number.NaN;
      const rms = s.exactRms[s.exactRms.length - 1] ?? Number.NaN;
      expect(y).toBeCloseTo(30 + (250 * (Math.log10(2) - Math.log10(rms))) / span, 1);
    }
  });

  it('shows 1/k² frozen where the path ends and labels the two floors with computed numbers', () => {
    const { printed, values, series } = figureData();
    const frozen = series.find((s) => s.id === 'inverse-square');
    const end = frozen?.path[frozen.path.length - 1] ?? Number.NaN;
    expect(end).toBe(values.inverseSquarePathEnd);
    // Left panel: y = 30 + 250·(2.2 − w)/2.2.
    const nums = pathNumbers(attr('path', 'inverse-square'));
    expect(nums[nums.length - 1]).toBeCloseTo(30 + (250 * (2.2 - end)) / 2.2, 1);
    expect(svg).toContain(`常数步长的噪声底 ${printed.constantRmsEnd}`);
    expect(svg).toContain(`1/k² 冻结在 ${printed.inverseSquareRmsEnd}`);
    expect(svg).toContain(`${printed.runs} 次独立运行`);
    expect(svg).toContain('w⋆ = 1');
  });

  it('starts the constant-step curve at 0.1·x₁, not at w₀ = 0 (k = 0 is off the log axis)', () => {
    const { printed, values, series } = figureData();
    // The 1/k path jumps to the first sample, so its w₁ is x₁; the constant step moves 0.1 of the way.
    const x1 = series.find((s) => s.id === 'harmonic')?.path[1] ?? Number.NaN;
    expect(values.constantPathFirst).toBeCloseTo(0.1 * x1, 14);
    expect(printed.constantPathFirst).toBe('0.2');
    // Left panel: the first point of the constant-step path is at y = 30 + 250·(2.2 − w₁)/2.2.
    const nums = pathNumbers(attr('path', 'constant'));
    expect(nums[1]).toBeCloseTo(30 + (250 * (2.2 - values.constantPathFirst)) / 2.2, 1);
  });
});
