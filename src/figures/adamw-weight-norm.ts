/**
 * Figure for the Adam/AdamW article: the RMS ‖θ‖/√d of a weight vector under
 * AdamW when the updates are a random walk, for three settings, over the
 * curves the balance argument predicts.
 *
 * It exists to make two claims of the text visible: the equilibrium RMS is
 * √(η/(2λ)) whatever the starting norm (runs A and B), and it is set by η/λ
 * while the time to reach it is set by ηλ (run C has the same ηλ as A, so the
 * same time constant 1/(ηλ), and four times η/λ, so twice the RMS). The data
 * come from `weightNormDemo()`: seeded, so the SVG is identical on every build.
 */
import { weightNormDemo } from '../numerics/weight-norm';

const WIDTH = 680;
const HEIGHT = 380;
const PLOT = { left: 58, top: 16, width: 400, height: 300 } as const;
const X_MAX = 6000;
const Y_MAX = 0.7;

const COLOUR: Record<string, string> = { a: 'var(--fig-1)', b: 'var(--fig-2)', c: 'var(--fig-3)' };

/** Round to two decimals and print without trailing zeros or "-0". */
function num(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function sx(t: number): number {
  return PLOT.left + (t / X_MAX) * PLOT.width;
}

function sy(y: number): number {
  return PLOT.top + PLOT.height - (y / Y_MAX) * PLOT.height;
}

function path(ts: readonly number[], ys: readonly number[]): string {
  return ts.map((t, i) => `${i === 0 ? 'M' : 'L'}${num(sx(t))} ${num(sy(ys[i] ?? Number.NaN))}`).join(' ');
}

function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end' = 'start', extra = ''): string {
  return `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" fill="currentColor"${extra}>${content}</text>`;
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const { series, printed } = weightNormDemo();
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  );
  const bottom = PLOT.top + PLOT.height;
  const right = PLOT.left + PLOT.width;
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}" stroke="currentColor" stroke-width="1"/>`,
  );

  // Ticks and labels.
  const marks: string[] = [];
  const labels: string[] = [];
  for (let t = 0; t <= X_MAX; t += 1000) {
    marks.push(`M${num(sx(t))} ${bottom}v5`);
    labels.push(text(sx(t), bottom + 18, String(t), 'middle'));
  }
  for (let k = 0; k <= 7; k++) {
    const y = k / 10;
    marks.push(`M${PLOT.left} ${num(sy(y))}h-5`);
    labels.push(text(PLOT.left - 9, sy(y) + 4.5, y.toFixed(1), 'end'));
  }
  out.push(`<path d="${marks.join(' ')}" stroke="currentColor" stroke-width="1"/>`);
  out.push(`<g stroke="none">${labels.join('')}`);
  out.push(text(PLOT.left + PLOT.width / 2, bottom + 38, '步数 t', 'middle'));
  out.push(
    text(
      PLOT.left - 40,
      PLOT.top + PLOT.height / 2,
      '权重的 RMS：‖θ‖/√d',
      'middle',
      ` transform="rotate(-90 ${num(PLOT.left - 40)} ${num(PLOT.top + PLOT.height / 2)})"`,
    ),
  );
  out.push('</g>');

  // The time constant 1/(ηλ), shared by all three runs.
  const tau = Number(printed.timescale);
  out.push(
    `<line x1="${num(sx(tau))}" y1="${PLOT.top}" x2="${num(sx(tau))}" y2="${bottom}" stroke="currentColor" stroke-opacity="0.4" stroke-width="1" stroke-dasharray="2 4"/>`,
  );
  out.push(`<g stroke="none">${text(sx(tau) + 5, PLOT.top + 16, `1/(ηλ) = ${printed.timescale}`)}</g>`);

  // Predicted curves (thin, dashed), then the simulated runs on top.
  for (const s of series) {
    out.push(
      `<path data-predicted="${s.id}" d="${path(s.run.steps, s.predicted)}" stroke="currentColor" stroke-opacity="0.7" stroke-width="1" stroke-dasharray="5 4"/>`,
    );
  }
  for (const s of series) {
    out.push(
      `<path data-series="${s.id}" d="${path(s.run.steps, s.run.rms)}" stroke="${COLOUR[s.id] ?? 'currentColor'}" stroke-width="1.8"/>`,
    );
  }

  // Equilibrium values at the right edge.
  const eqLabels = [
    { y: Number(printed.equilibriumA), text: `√(η/(2λ)) = ${printed.equilibriumA}` },
    { y: Number(printed.equilibriumC), text: `√(η/(2λ)) = ${printed.equilibriumC}` },
  ];
  out.push(`<g stroke="none">${eqLabels.map((l) => text(right + 6, sy(l.y) + 4.5, l.text)).join('')}</g>`);

  // Legend: line styles at the top right, the settings of each run under the lower label.
  const lx = right + 6;
  let ly = PLOT.top + 12;
  const legend: string[] = [];
  const swatch = (y: number, stroke: string): string =>
    `<line x1="${lx}" y1="${num(y - 4.5)}" x2="${lx + 22}" y2="${num(y - 4.5)}" ${stroke}/>`;
  for (const s of series) {
    legend.push(swatch(ly, `stroke="${COLOUR[s.id] ?? 'currentColor'}" stroke-width="1.8"`));
    legend.push(text(lx + 28, ly, `模拟 ${s.id.toUpperCase()}`));
    ly += 20;
  }
  legend.push(swatch(ly, 'stroke="currentColor" stroke-opacity="0.7" stroke-width="1" stroke-dasharray="5 4"'));
  legend.push(text(lx + 28, ly, '随机游走模型的预测'));
  ly = sy(Number(printed.equilibriumA)) + 32;
  for (const s of series) {
    const setting = `${s.id.toUpperCase()}：η = ${s.lr}，λ = ${s.weightDecay}，从 ${s.initialRms} 出发`;
    legend.push(text(lx, ly, setting, 'start', ' font-size="11"'));
    ly += 17;
  }
  legend.push(text(lx, ly, `d = ${printed.dim}，梯度为随机 ±1`, 'start', ' font-size="11"'));
  out.push(`<g stroke="none">${legend.join('')}</g>`);

  out.push('</svg>');
  return out.join('');
}
