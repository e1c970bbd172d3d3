/**
 * Figure for the nn vs functional article: how the buffers `running_mean` and `running_var` of a
 * batch-norm layer approach the statistics of the data over training steps, for momentum 0.1 and
 * 0.01, starting from PyTorch's initial values 0 and 1.
 *
 * It makes three claims of the text visible: the initial value fades as (1 − momentum)^t, so the
 * time scale is about 1/momentum steps; a larger momentum gets there sooner but fluctuates more
 * (stationary standard deviation ∝ √(momentum/(2 − momentum))); and the running variance settles
 * around σ², not around the biased limit (m − 1)/m·σ² that averaging the biased batch variance
 * would give. Every point comes from `runningStatsTrace`, which calls `batchNormTrain`; seeded,
 * so the SVG is the same on every build.
 */
import { RUNNING_STATS_DEMO, runningStatsTrace } from '../numerics/batch-norm';
import { axes, type Frame, legendEntry, num, polyline, sy, text } from './svg';

const WIDTH = 800;
const HEIGHT = 360;
const { steps, mean, std, batch, momenta } = RUNNING_STATS_DEMO;
const X_TICKS = [0, 100, 200, 300];
/** Left panel: running_mean, data mean 2. */
export const MEAN_FRAME: Frame = { left: 56, top: 34, width: 300, height: 240, xMin: 0, xMax: steps, yMin: 0, yMax: 3 };
/** Right panel: running_var, data variance 9. */
export const VAR_FRAME: Frame = { ...MEAN_FRAME, left: 56 + 300 + 80, yMin: 0, yMax: 14 };

const COLOURS = ['var(--fig-1)', 'var(--fig-2)'] as const;

/** The traces the figure draws, exported so its test can compare the SVG with the numbers. */
export function runningStatsFigureData() {
  const traces = momenta.map((m) => runningStatsTrace(m));
  const biasedLimit = ((batch - 1) / batch) * std * std;
  return { traces, dataMean: mean, dataVar: std * std, biasedLimit };
}

function points(ys: readonly number[]): [number, number][] {
  return ys.map((y, t) => [t, y] as [number, number]);
}

function hline(f: Frame, y: number, stroke: string, dash: string, series: string): string {
  return `<path data-series="${series}" d="${polyline(f, [
    [f.xMin, y],
    [f.xMax, y],
  ])}" stroke="${stroke}" stroke-width="1.5" stroke-dasharray="${dash}"/>`;
}

function labels(f: Frame, title: string, yLabel: string): string {
  const cx = f.left + f.width / 2;
  const cy = f.top + f.height / 2;
  const lx = f.left - 40;
  return `<g stroke="none">${text(cx, f.top - 12, title, 'middle')}${text(cx, f.top + f.height + 36, '训练步数 t', 'middle')}${text(
    lx,
    cy,
    yLabel,
    'middle',
    ` transform="rotate(-90 ${num(lx)} ${num(cy)})"`,
  )}</g>`;
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const d = runningStatsFigureData();
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  ];
  out.push(axes(MEAN_FRAME, X_TICKS, [0, 1, 2, 3]), labels(MEAN_FRAME, 'running_mean（初值 0）', '滑动均值'));
  out.push(axes(VAR_FRAME, X_TICKS, [0, 3, 6, 9, 12]), labels(VAR_FRAME, 'running_var（初值 1）', '滑动方差'));

  out.push(hline(MEAN_FRAME, d.dataMean, 'currentColor', '5 4', 'data-mean'));
  out.push(hline(VAR_FRAME, d.dataVar, 'currentColor', '5 4', 'data-var'));
  out.push(hline(VAR_FRAME, d.biasedLimit, 'var(--fig-muted)', '2 3', 'biased-limit'));
  // Values of the reference lines, just right of each panel, clear of the curves.
  const labelAt = (f: Frame, y: number, content: string) => text(f.left + f.width + 6, sy(f, y) + 4.5, content);
  out.push(
    `<g stroke="none" font-size="12">${labelAt(MEAN_FRAME, d.dataMean, `μ = ${num(d.dataMean)}`)}${labelAt(
      VAR_FRAME,
      d.dataVar,
      `σ² = ${num(d.dataVar)}`,
    )}${labelAt(VAR_FRAME, d.biasedLimit - 0.35, String(d.biasedLimit))}</g>`,
  );

  d.traces.forEach((trace, i) => {
    const colour = COLOURS[i] ?? 'currentColor';
    const width = i === 0 ? 1.5 : 2.5;
    out.push(
      `<path data-series="mean-${trace.momentum}" d="${polyline(MEAN_FRAME, points(trace.mean))}" stroke="${colour}" stroke-width="${width}"/>`,
    );
    out.push(
      `<path data-series="var-${trace.momentum}" d="${polyline(VAR_FRAME, points(trace.variance))}" stroke="${colour}" stroke-width="${width}"/>`,
    );
  });

  const y0 = MEAN_FRAME.top + MEAN_FRAME.height + 64;
  out.push(
    `<g stroke="none" font-size="12">${legendEntry(MEAN_FRAME.left, y0, COLOURS[0], '', 'momentum = 0.1', 1.5)}${legendEntry(
      MEAN_FRAME.left + 170,
      y0,
      COLOURS[1],
      '',
      'momentum = 0.01',
      2.5,
    )}${legendEntry(MEAN_FRAME.left + 350, y0, 'currentColor', '5 4', '数据的 μ 与 σ²', 1.5)}${legendEntry(
      MEAN_FRAME.left + 520,
      y0,
      'var(--fig-muted)',
      '2 3',
      '有偏平均的极限 (m−1)/m·σ²',
      1.5,
    )}</g>`,
  );
  out.push('</svg>');
  return out.join('');
}
