import { describe, expect, it } from 'vitest';
import { figures } from '../../src/figures';
import figure, { MEAN_FRAME, runningStatsFigureData, VAR_FRAME } from '../../src/figures/batchnorm-running-stats';
import { RUNNING_STATS_DEMO } from '../../src/numerics/batch-norm';

const svg = figure();
const data = runningStatsFigureData();

function seriesPoints(id: string): number[][] {
  const d = svg.match(new RegExp(`<path data-series="${id}" d="([^"]+)"`))?.[1] ?? '';
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

const round2 = (v: number) => Math.round(v * 100) / 100;
function toPlot(f: typeof MEAN_FRAME, t: number, y: number): number[] {
  return [
    round2(f.left + ((t - f.xMin) / (f.xMax - f.xMin)) * f.width),
    round2(f.top + f.height - ((y - f.yMin) / (f.yMax - f.yMin)) * f.height),
  ];
}

describe('batchnorm-running-stats figure', () => {
  it('is registered, deterministic and a well-formed SVG with a viewBox and no fixed size', () => {
    expect(figures['batchnorm-running-stats']).toBe(figure);
    expect(figure()).toBe(svg);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/<svg[^>]* (width|height)=/);
    expect(svg.split('<g').length).toBe(svg.split('</g>').length);
  });

  it('draws both buffers for both momenta, one point per step, starting at 0 and 1', () => {
    for (const [i, m] of RUNNING_STATS_DEMO.momenta.entries()) {
      const trace = data.traces[i];
      expect(trace?.momentum).toBe(m);
      const meanPts = seriesPoints(`mean-${m}`);
      const varPts = seriesPoints(`var-${m}`);
      expect(meanPts).toHaveLength(RUNNING_STATS_DEMO.steps + 1);
      expect(varPts).toHaveLength(RUNNING_STATS_DEMO.steps + 1);
      // PyTorch's initial buffers: running_mean = 0, running_var = 1.
      expect(meanPts[0]).toEqual(toPlot(MEAN_FRAME, 0, 0));
      expect(varPts[0]).toEqual(toPlot(VAR_FRAME, 0, 1));
      trace?.mean.forEach((y, t) => {
        expect(meanPts[t]).toEqual(toPlot(MEAN_FRAME, t, y));
      });
      trace?.variance.forEach((y, t) => {
        expect(varPts[t]).toEqual(toPlot(VAR_FRAME, t, y));
      });
    }
  });

  it('keeps every curve inside its panel', () => {
    for (const trace of data.traces) {
      for (const y of trace.mean) {
        expect(y).toBeGreaterThanOrEqual(MEAN_FRAME.yMin);
        expect(y).toBeLessThanOrEqual(MEAN_FRAME.yMax);
      }
      for (const y of trace.variance) {
        expect(y).toBeGreaterThanOrEqual(VAR_FRAME.yMin);
        expect(y).toBeLessThanOrEqual(VAR_FRAME.yMax);
      }
    }
  });

  it('draws the reference lines at μ = 2, σ² = 9 and the biased limit 7/8·9 = 7.875', () => {
    expect(data.dataMean).toBe(2);
    expect(data.dataVar).toBe(9);
    expect(data.biasedLimit).toBe(7.875);
    expect(seriesPoints('data-mean')[0]?.[1]).toBe(toPlot(MEAN_FRAME, 0, 2)[1]);
    expect(seriesPoints('data-var')[0]?.[1]).toBe(toPlot(VAR_FRAME, 0, 9)[1]);
    expect(seriesPoints('biased-limit')[0]?.[1]).toBe(toPlot(VAR_FRAME, 0, 7.875)[1]);
    expect(svg).toContain('>7.875<');
    expect(svg).toContain('有偏平均的极限 (m−1)/m·σ²');
  });

  it('shows the slow momentum still short of the data mean after 100 steps, as (1 − 0.01)^100 predicts', () => {
    const [fast, slow] = data.traces;
    // Expected running_mean after t steps from 0: μ(1 − (1 − momentum)^t); the noise is far smaller
    // than the gap for momentum 0.01 (stationary std 0.075 vs a gap of 2·0.366 = 0.73).
    expect(slow?.mean[100]).toBeGreaterThan(2 * (1 - 0.99 ** 100) - 0.3);
    expect(slow?.mean[100]).toBeLessThan(2 * (1 - 0.99 ** 100) + 0.3);
    expect(Math.abs((fast?.mean[100] ?? 0) - 2)).toBeLessThan(0.8);
  });

  it('uses theme colours and labels the legend', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
    expect(svg).toContain('momentum = 0.1');
    expect(svg).toContain('momentum = 0.01');
    expect(svg).toContain('running_mean（初值 0）');
    expect(svg).toContain('running_var（初值 1）');
  });
});
