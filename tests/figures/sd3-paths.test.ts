import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import figure, { chosenNoise, conditionalPaths, PATHS_DEMO, samplerPaths } from '../../src/figures/sd3-paths';
import {
  COSINE_SCHEDULE,
  cosineOverRfScale,
  integrateRk4,
  logSnr,
  RF_SCHEDULE,
  rfTimeFromLogSnr,
  TOY_DATA,
} from '../../src/numerics/rectified-flow';

const svg = figure();

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('sd3-paths figure', () => {
  it('draws one path per conditional pair and per sampled trajectory', () => {
    const n = PATHS_DEMO.pairs;
    expect(count(svg, 'data-series="cond-rf"')).toBe(n);
    expect(count(svg, 'data-series="cond-cos"')).toBe(n);
    const m = PATHS_DEMO.perPoint * TOY_DATA.length;
    expect(chosenNoise()).toHaveLength(m);
    for (const s of ['exact-rf', 'exact-cos', 'euler-rf', 'euler-cos'])
      expect(count(svg, `data-series="${s}"`)).toBe(m);
  });

  it('RF conditional paths are straight and cosine ones are not', () => {
    const { rf, cos } = conditionalPaths();
    const deviation = (p: readonly (readonly [number, number])[]) => {
      const [ax, ay] = p[0] ?? [0, 0];
      const [bx, by] = p.at(-1) ?? [0, 0];
      const len = Math.hypot(bx - ax, by - ay);
      return Math.max(...p.map(([x, y]) => Math.abs((bx - ax) * (ay - y) - (ax - x) * (by - ay)) / len));
    };
    for (const p of rf) expect(deviation(p)).toBeLessThan(1e-9);
    for (const p of cos) expect(deviation(p)).toBeGreaterThan(0.05);
  });

  it('4 RF Euler steps land on the data points; 4 cosine steps miss them', () => {
    const { exactRf: exact, rf, cos } = samplerPaths();
    exact.forEach((e, i) => {
      const target = TOY_DATA.reduce((best, d) =>
        Math.hypot(d[0] - (e.at(-1)?.[0] ?? 0), d[1] - (e.at(-1)?.[1] ?? 0)) <
        Math.hypot(best[0] - (e.at(-1)?.[0] ?? 0), best[1] - (e.at(-1)?.[1] ?? 0))
          ? d
          : best,
      );
      const endRf = rf[i]?.at(-1) ?? [0, 0];
      const endCos = cos[i]?.at(-1) ?? [0, 0];
      expect(Math.hypot(endRf[0] - target[0], endRf[1] - target[1])).toBeLessThan(1e-9);
      expect(Math.hypot(endCos[0] - target[0], endCos[1] - target[1])).toBeGreaterThan(0.05);
      expect(rf[i]).toHaveLength(PATHS_DEMO.eulerSteps + 1);
    });
  });

  it('draws two different exact paths: the cosine one is the RF one scaled by a_cos/a_RF at equal λ', () => {
    const { exactRf, exactCos } = samplerPaths();
    const noise = chosenNoise();
    exactCos.forEach((path, i) => {
      const e = noise[i] ?? [0, 0];
      // Same start, same end (the data point the RF path reaches).
      expect(path[0]).toEqual(e);
      const endCos = path.at(-1) ?? [0, 0];
      const endRf = exactRf[i]?.at(-1) ?? [0, 0];
      expect(Math.hypot(endCos[0] - endRf[0], endCos[1] - endRf[1])).toBeLessThan(0.02);
      // Mid-way (index 100 of 200 RK4 steps from t = 1 to 10⁻³) the two differ by the scalar factor.
      const u = 1 + 100 * ((1e-3 - 1) / 200);
      const lambda = logSnr(COSINE_SCHEDULE, u);
      const zRf = integrateRk4(RF_SCHEDULE, e, rfTimeFromLogSnr(lambda), 400);
      const scale = cosineOverRfScale(lambda);
      expect(scale).toBeGreaterThan(1.3);
      const mid = path[100] ?? [0, 0];
      expect(mid[0]).toBeCloseTo(scale * zRf[0], 4);
      expect(mid[1]).toBeCloseTo(scale * zRf[1], 4);
    });
  });

  it('labels the exact paths as each schedule’s own, sharing only end points', () => {
    expect(svg).toContain('右图细线：各自的精确 ODE 轨迹（终点相同）');
    expect(svg).not.toContain('两种调度共用');
    const source = readFileSync(new URL('../../src/figures/sd3-paths.ts', import.meta.url), 'utf8');
    expect(source).not.toContain('shared by both schedules');
  });

  it('names Euler’s method 欧拉法, as the article does', () => {
    expect(svg).toContain(`精确 ODE 轨迹与 ${PATHS_DEMO.eulerSteps} 步欧拉法`);
    expect(svg).toContain(`右图粗线与圆点：${PATHS_DEMO.eulerSteps} 步欧拉法及每步位置`);
    expect(svg).toContain('欧拉法的每一步');
    expect(svg).not.toContain('Euler');
  });

  it('uses theme colours', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
  });
});
