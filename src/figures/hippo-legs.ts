/**
 * Figure for the state-space-model article: HiPPO-LegS as online function approximation. A test
 * signal on [0, 1] is fed to the LegS recurrence one sample at a time (2000 samples, the bilinear
 * scheme of the authors' code); after the last sample, the N coefficients alone are turned back
 * into a curve over the whole history, once with N = 16 and once with N = 32. The small state
 * misses detail all over the history, not just in its older part (the uniform measure weighs old
 * and new alike), most in the middle, where Legendre polynomials resolve least; the larger one
 * lies on the signal except for a small blip at the very start, left by the first, coarsest steps
 * of the first-order scheme. Computed at build time from `hippoDemo()`; deterministic.
 */
import { HIPPO_DEMO, hippoDemo, hippoTestSignal, legsReconstruct } from '../numerics/ssm';
import { axes, type Frame, legendEntry, num, polyline, sx, sy, text } from './svg';

const WIDTH = 720;
const HEIGHT = 372;
const SAMPLES = 400;

/** Plot area; y covers the signal's range with a margin. */
export const HIPPO_FRAME: Frame = {
  left: 56,
  top: 24,
  width: 620,
  height: 270,
  xMin: 0,
  xMax: 1,
  yMin: -1.6,
  yMax: 1.6,
};

/** The curves drawn: the signal and the two reconstructions, with their styles. */
export const HIPPO_CURVES = [
  { id: 'signal', colour: 'currentColor', dash: '', width: 2.5, label: '输入 f（全部历史）' },
  { id: 'n-small', colour: 'var(--fig-1)', dash: '', width: 2, label: `N = ${HIPPO_DEMO.small} 个系数重建` },
  { id: 'n-large', colour: 'var(--fig-2)', dash: '6 4', width: 2, label: `N = ${HIPPO_DEMO.large} 个系数重建` },
] as const;

/** Points (u, value) of a curve on a uniform grid over [0, 1]. */
function curve(value: (u: number) => number): [number, number][] {
  return Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const u = i / SAMPLES;
    return [u, value(u)];
  });
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const demo = hippoDemo();
  const f = HIPPO_FRAME;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
    axes(f, [0, 0.25, 0.5, 0.75, 1], [-1.5, -1, -0.5, 0, 0.5, 1, 1.5]),
  ];
  out.push(
    `<path d="M${num(f.left)} ${num(sy(f, 0))}H${num(f.left + f.width)}" stroke="var(--fig-muted)" stroke-width="1"/>`,
  );
  const values: Record<(typeof HIPPO_CURVES)[number]['id'], (u: number) => number> = {
    signal: hippoTestSignal,
    'n-small': (u) => legsReconstruct(demo.small, u),
    'n-large': (u) => legsReconstruct(demo.large, u),
  };
  for (const c of HIPPO_CURVES) {
    const dash = c.dash === '' ? '' : ` stroke-dasharray="${c.dash}"`;
    out.push(
      `<path data-curve="${c.id}" d="${polyline(f, curve(values[c.id]))}" stroke="${c.colour}" stroke-width="${c.width}"${dash}/>`,
    );
  }
  const bottom = f.top + f.height;
  const labels = [
    text(sx(f, 0.5), bottom + 38, '历史中的相对位置 s / t（t 为当前时刻，这里读完全部 2000 个样本）', 'middle'),
    text(16, sy(f, 0), '值', 'middle', ` transform="rotate(-90 16 ${num(sy(f, 0))})"`),
  ];
  out.push(`<g stroke="none">${labels.join('')}</g>`);
  const legendY = bottom + 66;
  const legend = HIPPO_CURVES.map((c, i) => legendEntry(f.left + i * 215, legendY, c.colour, c.dash, c.label, c.width));
  out.push(`<g stroke="none" font-size="12">${legend.join('')}</g>`);
  out.push('</svg>');
  return out.join('');
}
