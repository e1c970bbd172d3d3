import { describe, expect, it } from 'vitest';
import figure, { curvePoints, LOGIT_NORMAL_CURVES, MODE_CURVES, Y_MAX } from '../../src/figures/sd3-timestep-densities';
import { cosMapDensity, densityPeak, logitNormalDensity, modeDensity } from '../../src/numerics/rectified-flow';

const svg = figure();

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('sd3-timestep-densities figure', () => {
  it('draws one path per curve, the uniform reference in both panels', () => {
    for (const c of [...LOGIT_NORMAL_CURVES, ...MODE_CURVES]) {
      expect(count(svg, `data-curve="${c.id}"`), c.id).toBe(c.id === 'uniform' ? 2 : 1);
    }
    expect(count(svg, 'data-curve=')).toBe(LOGIT_NORMAL_CURVES.length + MODE_CURVES.length);
  });

  it('plots the densities it claims: zero ends for logit-normal, 1/(1 + s) ends for mode sampling', () => {
    const ln = curvePoints((t) => logitNormalDensity(t, 0, 1));
    expect(ln[0]).toEqual([0, 0]);
    expect(ln.at(-1)).toEqual([1, 0]);
    expect(ln[100]?.[1]).toBeCloseTo(4 / Math.sqrt(2 * Math.PI), 10);
    // The curve labelled mode(1.29) is s = 31/24 = 1.2917 (the paper's grid read as evenly spaced): ends 24/55, peak 3.806.
    const mode = curvePoints(MODE_CURVES.find((c) => c.id === 'mode-129')?.density ?? (() => Number.NaN));
    expect(mode[0]?.[1]).toBeCloseTo(24 / 55, 8);
    expect(mode.at(-1)?.[1]).toBeCloseTo(24 / 55, 8);
    expect(mode[100]?.[1]).toBeCloseTo(1 / (55 / 24 - (31 * Math.PI) / 48), 8);
    expect(mode[100]?.[1]).toBeGreaterThan(modeDensity(0.5, 1.29));
    const cos = curvePoints(cosMapDensity);
    expect(cos[100]?.[1]).toBeCloseTo(4 / Math.PI, 12);
    // The axis runs from 0 to 4 and no curve reaches its top, so nothing is cut off (the caption says
    // "纵轴范围 0–4", not that the axis is truncated): the tallest curves peak at 3.81 and 3.54.
    expect(Y_MAX).toBe(4);
    const peaks = [...LOGIT_NORMAL_CURVES, ...MODE_CURVES].map((c) =>
      Math.max(densityPeak(c.density).value, c.density(0.5)),
    );
    expect(Math.max(...peaks)).toBeLessThan(Y_MAX);
    expect(peaks.map((v) => v.toFixed(2))).toEqual(expect.arrayContaining(['3.81', '3.54']));
    for (const c of [...LOGIT_NORMAL_CURVES, ...MODE_CURVES]) {
      for (const [t, y] of curvePoints(c.density)) expect(y).toBe(c.density(t));
    }
  });

  it('uses theme colours and labels both panels', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
    for (const label of ['lognorm(0.00, 1.00)', 'mode(1.29)', 'CosMap', '均匀 U(0, 1)']) expect(svg).toContain(label);
    // The paper's family is logit-normal; 对数正态 would name the log-normal distribution.
    expect(svg).toContain('logit 正态 lognorm(m, s)');
    expect(svg).not.toContain('对数正态');
  });
});
