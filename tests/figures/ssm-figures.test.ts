import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import hippoLegsFigure, { HIPPO_CURVES, HIPPO_FRAME } from '../../src/figures/hippo-legs';
import ssmDiscretization, { CONVERGENCE_FRAME, RULE_STYLE } from '../../src/figures/ssm-discretization';
import { sx, sy } from '../../src/figures/svg';
import { CONVERGENCE_DEMO, convergenceStudy, HIPPO_DEMO, hippoDemo, legsReconstruct } from '../../src/numerics/ssm';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The (x, y) pairs of the path with the given data attribute. */
function pathPoints(svg: string, attribute: string): [number, number][] {
  const d = svg.match(new RegExp(`${attribute}[^>]* d="([^"]+)"`))?.[1] ?? '';
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('hippo-legs figure', () => {
  const svg = hippoLegsFigure();

  it('draws the signal and one reconstruction per state size', () => {
    expect(HIPPO_CURVES.map((c) => c.id)).toEqual(['signal', 'n-small', 'n-large']);
    for (const c of HIPPO_CURVES) {
      expect(count(svg, `data-curve="${c.id}"`)).toBe(1);
      expect(pathPoints(svg, `data-curve="${c.id}"`)).toHaveLength(401);
    }
    expect(svg).toContain(`N = ${HIPPO_DEMO.small} 个系数重建`);
    expect(svg).toContain(`N = ${HIPPO_DEMO.large} 个系数重建`);
  });

  it('plots the reconstructions computed from the online LegS state', () => {
    const demo = hippoDemo();
    const f = HIPPO_FRAME;
    const small = pathPoints(svg, 'data-curve="n-small"');
    for (const i of [0, 100, 250, 400]) {
      const u = i / 400;
      const [x, y] = small[i] ?? [Number.NaN, Number.NaN];
      expect(x).toBeCloseTo(sx(f, u), 1);
      expect(y).toBeCloseTo(sy(f, legsReconstruct(demo.small, u)), 1);
    }
  });

  it('names the colours in the alt text that the themes give the curves', () => {
    const article = readFileSync(new URL('../../content/state-space-models.md', import.meta.url), 'utf8');
    const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
    const style = (id: string) => HIPPO_CURVES.find((c) => c.id === id);
    expect(style('n-small')).toMatchObject({ colour: 'var(--fig-1)', dash: '' });
    expect(style('n-large')?.colour).toBe('var(--fig-2)');
    expect(style('n-large')?.dash).not.toBe('');
    // --fig-1 is a red and --fig-2 a blue in both the light and the dark theme.
    const values = (name: string) =>
      [...css.matchAll(new RegExp(`${name}: #([0-9a-f]{6});`, 'g'))].map((m) => {
        const hex = m[1] ?? '000000';
        return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      });
    expect(values('--fig-1')).toHaveLength(2);
    for (const [r = 0, , b = 0] of values('--fig-1')) expect(r).toBeGreaterThan(b);
    for (const [r = 0, , b = 0] of values('--fig-2')) expect(b).toBeGreaterThan(r);
    expect(article).toContain('红色实线是 16 个系数的重建');
    expect(article).toContain('蓝色虚线是 32 个系数的重建');
  });

  it('keeps every curve inside the plot area and uses the theme colours', () => {
    const f = HIPPO_FRAME;
    for (const c of HIPPO_CURVES) {
      for (const [x, y] of pathPoints(svg, `data-curve="${c.id}"`)) {
        expect(x).toBeGreaterThanOrEqual(f.left - 0.01);
        expect(x).toBeLessThanOrEqual(f.left + f.width + 0.01);
        expect(y).toBeGreaterThanOrEqual(f.top);
        expect(y).toBeLessThanOrEqual(f.top + f.height);
      }
    }
    for (const colour of ['currentColor', 'var(--fig-1)', 'var(--fig-2)', 'var(--fig-muted)']) {
      expect(svg).toContain(colour);
    }
  });
});

describe('ssm-discretization figure', () => {
  const svg = ssmDiscretization();
  const curves = convergenceStudy();

  it('draws one curve per rule and sampling, with one dot per step size', () => {
    // ZOH, bilinear and Mamba's code with both samplings; classical Tustin with end-of-step samples.
    expect(curves).toHaveLength(7);
    expect(curves.filter((c) => c.rule === 'tustin').map((c) => c.sampling)).toEqual(['end']);
    for (const c of curves) {
      const attr = `data-rule="${c.rule}" data-sampling="${c.sampling}"`;
      expect(count(svg, attr)).toBe(1);
      expect(pathPoints(svg, attr)).toHaveLength(CONVERGENCE_DEMO.steps.length);
      const group = svg.match(new RegExp(`data-points="${c.rule}-${c.sampling}">(.*?)</g>`))?.[1] ?? '';
      expect(count(group, '<circle')).toBe(CONVERGENCE_DEMO.steps.length);
    }
  });

  it('places the points at log₁₀ Δ and log₁₀ error, inside the frame', () => {
    const f = CONVERGENCE_FRAME;
    for (const c of curves) {
      const pts = pathPoints(svg, `data-rule="${c.rule}" data-sampling="${c.sampling}"`);
      pts.forEach(([x, y], i) => {
        expect(x).toBeCloseTo(sx(f, Math.log10(c.deltas[i] ?? 1)), 1);
        expect(y).toBeCloseTo(sy(f, Math.log10(c.errors[i] ?? 1)), 1);
        expect(y).toBeGreaterThanOrEqual(f.top);
        expect(y).toBeLessThanOrEqual(f.top + f.height);
      });
    }
  });

  it('labels each curve with its fitted order: about 1 for end samples, 2 at midpoints (ZOH, bilinear) and for Tustin', () => {
    for (const c of curves) {
      const slope = Number(
        svg.match(new RegExp(`data-rule="${c.rule}" data-sampling="${c.sampling}" data-slope="([\\d.]+)"`))?.[1],
      );
      expect(slope).toBeCloseTo(c.slope, 2);
      const expected = c.rule === 'tustin' || (c.sampling === 'mid' && c.rule !== 'mamba') ? 2 : 1;
      expect(Math.abs(slope - expected)).toBeLessThan(0.1);
      expect(svg).toContain(`${RULE_STYLE[c.rule].label}：${c.slope.toFixed(2)}`);
    }
    expect(count(svg, 'data-reference=')).toBe(2);
    // Tustin is drawn solid (end-of-step samples), in the text colour.
    expect(svg).toMatch(
      /data-rule="tustin" data-sampling="end" data-slope="[\d.]+" d="[^"]+" stroke="currentColor" stroke-width="2"\/>/,
    );
    expect(svg).toContain('10⁻³');
    expect(svg).toContain('10⁻⁷');
  });
});
