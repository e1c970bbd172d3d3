/**
 * Figure for the stochastic-approximation article: estimating the mean of N(1, 1) samples with
 * wₖ = wₖ₋₁ + aₖ(xₖ − wₖ₋₁) from w₀ = 0, under four step schedules. Left: one seeded run (the same
 * samples for every schedule), on a log step axis. Right: the RMS error over runs, exact curves
 * from the moment recursion and simulated points on top, on log–log axes, where 1/k falls as
 * k^(−1/2), 1/k^0.6 more slowly, the constant step levels off at its EMA noise floor and 1/k²
 * freezes. The data come from `figureData()`: seeded, so the SVG is the same at every build.
 */
import {
  FIGURE_SCHEDULES,
  type FigureSeries,
  figureData,
  MEAN_PROBLEM,
  RMS_CHECKPOINTS,
} from '../numerics/stochastic-approximation';
import { type Frame, legendEntry, num, sx, sy, text } from './svg';

const WIDTH = 760;
const HEIGHT = 410;

/** Left panel: x = log₁₀ k (k = 1 … 1000), y = wₖ. */
const LEFT: Frame = { left: 56, top: 30, width: 290, height: 250, xMin: 0, xMax: 3, yMin: 0, yMax: 2.2 };
/** Right panel: x = log₁₀ k (k = 1 … 10⁴), y = log₁₀ RMS. */
const RIGHT: Frame = {
  left: 56 + 290 + 90,
  top: 30,
  width: 290,
  height: 250,
  xMin: 0,
  xMax: 4,
  yMin: Math.log10(0.005),
  yMax: Math.log10(2),
};

/** Colour and dash of each schedule, in the order of `FIGURE_SCHEDULES`. */
export const STYLE: Record<FigureSeries['id'], { colour: string; dash: string }> = {
  harmonic: { colour: 'var(--fig-1)', dash: '' },
  power: { colour: 'var(--fig-2)', dash: '' },
  constant: { colour: 'var(--fig-3)', dash: '' },
  'inverse-square': { colour: 'currentColor', dash: '6 4' },
};

function frame(f: Frame): string {
  return `<rect x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}" stroke="currentColor" stroke-width="1"/>`;
}

/** Tick marks and labels; `xs`/`ys` are pairs of a data coordinate and its label. */
function ticks(
  f: Frame,
  xs: readonly (readonly [number, string])[],
  ys: readonly (readonly [number, string])[],
): string {
  const bottom = f.top + f.height;
  const marks = [
    ...xs.map(([x]) => `M${num(sx(f, x))} ${num(bottom)}v5`),
    ...ys.map(([y]) => `M${num(f.left)} ${num(sy(f, y))}h-5`),
  ];
  const labels = [
    ...xs.map(([x, label]) => text(sx(f, x), bottom + 18, label, 'middle')),
    ...ys.map(([y, label]) => text(f.left - 8, sy(f, y) + 4.5, label, 'end')),
  ];
  return `<path d="${marks.join(' ')}" stroke="currentColor" stroke-width="1"/><g stroke="none">${labels.join('')}</g>`;
}

function polyline(f: Frame, points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(sx(f, x))} ${num(sy(f, y))}`).join(' ');
}

/** Up to `perDecade` points per decade of k, so a 10⁴-step curve stays a few hundred points. */
function logSampled(n: number, perDecade: number): number[] {
  const ks = new Set<number>();
  const decades = Math.log10(n);
  for (let i = 0; i <= decades * perDecade; i++) ks.add(Math.min(n, Math.round(10 ** (i / perDecade))));
  ks.add(n);
  return [...ks].sort((a, b) => a - b);
}

function leftPanel(series: readonly FigureSeries[], wStar: number, steps: number): string {
  const out: string[] = [frame(LEFT)];
  out.push(
    ticks(
      LEFT,
      [
        [0, '1'],
        [1, '10'],
        [2, '100'],
        [3, '1000'],
      ],
      [0, 0.5, 1, 1.5, 2].map((y) => [y, String(y)] as const),
    ),
  );
  out.push(
    `<g stroke="none">${text(sx(LEFT, 1.5), LEFT.top - 12, '一次运行的估计 wₖ', 'middle')}${text(
      sx(LEFT, 1.5),
      LEFT.top + LEFT.height + 38,
      '步数 k（对数刻度）',
      'middle',
    )}</g>`,
  );
  out.push(
    `<line data-target="w-star" x1="${num(LEFT.left)}" y1="${num(sy(LEFT, wStar))}" x2="${num(LEFT.left + LEFT.width)}" y2="${num(sy(LEFT, wStar))}" stroke="var(--fig-muted)" stroke-width="1" stroke-dasharray="2 3"/>`,
  );
  out.push(
    `<g stroke="none">${text(LEFT.left + 6, sy(LEFT, wStar) + 16, `w⋆ = ${wStar}`, 'start', ' font-size="12"')}</g>`,
  );
  const ks = logSampled(steps, 60);
  for (const s of series) {
    const style = STYLE[s.id];
    const pts = ks.map((k) => [Math.log10(k), s.path[k] ?? Number.NaN] as const);
    const dash = style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;
    out.push(
      `<path data-path="${s.id}" d="${polyline(LEFT, pts)}" stroke="${style.colour}" stroke-width="1.6"${dash}/>`,
    );
  }
  return out.join('');
}

function rightPanel(
  series: readonly FigureSeries[],
  steps: number,
  floors: readonly (readonly [string, number, 'above' | 'below'])[],
): string {
  const out: string[] = [frame(RIGHT)];
  out.push(
    ticks(
      RIGHT,
      [
        [0, '1'],
        [1, '10'],
        [2, '100'],
        [3, '1000'],
        [4, '10⁴'],
      ],
      [
        [-2, '0.01'],
        [-1, '0.1'],
        [0, '1'],
      ],
    ),
  );
  out.push(
    `<g stroke="none">${text(sx(RIGHT, 2), RIGHT.top - 12, '均方根误差 √E[(wₖ − w⋆)²]', 'middle')}${text(
      sx(RIGHT, 2),
      RIGHT.top + RIGHT.height + 38,
      '步数 k（对数刻度）',
      'middle',
    )}</g>`,
  );
  const ks = logSampled(steps, 40);
  for (const s of series) {
    const style = STYLE[s.id];
    const pts = ks.map((k) => [Math.log10(k), Math.log10(s.exactRms[k] ?? Number.NaN)] as const);
    const dash = style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;
    out.push(
      `<path data-exact="${s.id}" d="${polyline(RIGHT, pts)}" stroke="${style.colour}" stroke-width="1.6"${dash}/>`,
    );
    const dots = RMS_CHECKPOINTS.map((k, i) => {
      const x = sx(RIGHT, Math.log10(k));
      const y = sy(RIGHT, Math.log10(s.simulatedRms[i] ?? Number.NaN));
      return `<circle cx="${num(x)}" cy="${num(y)}" r="2.6"/>`;
    });
    out.push(`<g data-simulated="${s.id}" fill="${style.colour}" stroke="none">${dots.join('')}</g>`);
  }
  // The two noise floors, labelled with their closed forms' values: one label above its line, one
  // below, so neither crosses the 1/k^0.6 curve.
  const labels = floors.map(([label, value, side]) =>
    text(
      RIGHT.left + RIGHT.width - 4,
      sy(RIGHT, Math.log10(value)) + (side === 'above' ? -6 : 14),
      label,
      'end',
      ' font-size="11"',
    ),
  );
  out.push(`<g stroke="none">${labels.join('')}</g>`);
  return out.join('');
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const { series, printed, values } = figureData();
  const legendY = LEFT.top + LEFT.height + 74;
  const legend = FIGURE_SCHEDULES.map((s, i) => {
    const style = STYLE[s.id];
    return legendEntry(LEFT.left + i * 168, legendY, style.colour, style.dash, s.label, 1.6);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
    leftPanel(series, MEAN_PROBLEM.wStar, Number(printed.pathSteps)),
    rightPanel(series, Number(printed.rmsSteps), [
      [`常数步长的噪声底 ${printed.constantRmsEnd}`, values.constantRmsEnd, 'below'],
      [`1/k² 冻结在 ${printed.inverseSquareRmsEnd}`, values.inverseSquareRmsEnd, 'above'],
    ]),
    `<g stroke="none" font-size="12">${legend.join('')}${text(
      LEFT.left,
      legendY + 24,
      `右图：曲线为精确递推，圆点为 ${printed.runs} 次独立运行的模拟`,
      'start',
      ' font-size="11"',
    )}</g>`,
    '</svg>',
  ].join('');
}
