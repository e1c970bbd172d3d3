/**
 * Figure for the Stable Diffusion 3 article: the timestep densities π(t) that the paper compares
 * for rectified-flow training, against the uniform density. Left: logit-normal π_ln(t; m, s) for
 * three (m, s) the paper evaluates. Right: mode sampling with heavy tails π_mode(t; s) for two
 * scales, and CosMap. It shows at a glance what the text derives: logit-normal vanishes at both
 * ends, mode sampling keeps a positive density 1/(1 + s) there, and the location m moves the mass
 * towards noise (t → 1). Computed at build time from `rectified-flow.ts`; deterministic.
 */
import { cosMapDensity, logitNormalDensity, modeDensity, PAPER_MODE_SCALE } from '../numerics/rectified-flow';
import { axes, type Frame, legendEntry, num, polyline, text } from './svg';

const WIDTH = 760;
const HEIGHT = 400;
/** Top of the density axis; the caption says "纵轴范围 0–4". */
export const Y_MAX = 4;
const SAMPLES = 200;

const LEFT: Frame = { left: 52, top: 30, width: 300, height: 260, xMin: 0, xMax: 1, yMin: 0, yMax: Y_MAX };
const RIGHT: Frame = { ...LEFT, left: 52 + 300 + 76 };

/** The curves of each panel: label, colour, dash pattern and density. */
interface Curve {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly dash: string;
  readonly density: (t: number) => number;
}

const UNIFORM: Curve = {
  id: 'uniform',
  label: '均匀 U(0, 1)',
  colour: 'var(--fig-muted)',
  dash: '5 4',
  density: () => 1,
};

/** Left panel: the logit-normal variants (the paper's best and two others from its grid). */
export const LOGIT_NORMAL_CURVES: readonly Curve[] = [
  UNIFORM,
  {
    id: 'ln-0-1',
    label: 'lognorm(0.00, 1.00)',
    colour: 'var(--fig-1)',
    dash: '',
    density: (t) => logitNormalDensity(t, 0, 1),
  },
  {
    id: 'ln-1-06',
    label: 'lognorm(1.00, 0.60)',
    colour: 'var(--fig-2)',
    dash: '',
    density: (t) => logitNormalDensity(t, 1, 0.6),
  },
  {
    id: 'ln-m05-1',
    label: 'lognorm(−0.50, 1.00)',
    colour: 'var(--fig-3)',
    dash: '',
    density: (t) => logitNormalDensity(t, -0.5, 1),
  },
];

/** Right panel: mode sampling for a negative and a positive scale (1.2917, inferred from the paper), and CosMap. */
export const MODE_CURVES: readonly Curve[] = [
  UNIFORM,
  {
    id: 'mode-129',
    label: 'mode(1.29)',
    colour: 'var(--fig-1)',
    dash: '',
    // The paper's `rf/mode(1.29)`, read as s = 1.2917 on an evenly spaced grid of 7 values on [−1, 1.75].
    density: (t) => modeDensity(t, PAPER_MODE_SCALE),
  },
  {
    id: 'mode-m05',
    label: 'mode(−0.50)',
    colour: 'var(--fig-3)',
    dash: '',
    density: (t) => modeDensity(t, -0.5),
  },
  {
    id: 'cosmap',
    label: 'CosMap',
    colour: 'var(--fig-2)',
    dash: '2 3',
    density: cosMapDensity,
  },
];

/**
 * Points (t, π(t)) on a uniform grid of `SAMPLES` intervals, clamped to the plotted range as a
 * safeguard; none of the drawn curves reaches it (their maxima are 3.81 and 3.54), so nothing is cut.
 */
export function curvePoints(density: (t: number) => number): [number, number][] {
  return Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const t = i / SAMPLES;
    return [t, Math.min(density(t), Y_MAX)] as [number, number];
  });
}

function panel(frame: Frame, curves: readonly Curve[], title: string): string {
  const out: string[] = [];
  out.push(axes(frame, [0, 0.5, 1], [0, 1, 2, 3, 4]));
  out.push(
    `<g stroke="none">${text(frame.left + frame.width / 2, frame.top + frame.height + 38, 't（0 = 数据，1 = 噪声）', 'middle')}</g>`,
  );
  out.push(`<g stroke="none">${text(frame.left + frame.width / 2, frame.top - 10, title, 'middle')}</g>`);
  for (const c of curves) {
    const dash = c.dash === '' ? '' : ` stroke-dasharray="${c.dash}"`;
    const width = c.id === 'uniform' ? 1.5 : 2;
    out.push(
      `<path data-curve="${c.id}" d="${polyline(frame, curvePoints(c.density))}" stroke="${c.colour}" stroke-width="${width}"${dash}/>`,
    );
  }
  // Legend under the panel, two columns, so no entry hides a curve.
  const legend: string[] = [];
  curves.forEach((c, i) => {
    const x = frame.left + (i % 2) * 155;
    const y = frame.top + frame.height + 64 + Math.floor(i / 2) * 22;
    legend.push(legendEntry(x, y, c.colour, c.dash, c.label, c.id === 'uniform' ? 1.5 : 2));
  });
  out.push(`<g stroke="none" font-size="12">${legend.join('')}</g>`);
  return out.join('');
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  );
  out.push(
    `<g stroke="none">${text(18, LEFT.top + LEFT.height / 2, '密度 π(t)', 'middle', ` transform="rotate(-90 18 ${num(LEFT.top + LEFT.height / 2)})"`)}</g>`,
  );
  out.push(panel(LEFT, LOGIT_NORMAL_CURVES, 'logit 正态 lognorm(m, s)'));
  out.push(panel(RIGHT, MODE_CURVES, '重尾众数采样与 CosMap'));
  out.push('</svg>');
  return out.join('');
}
