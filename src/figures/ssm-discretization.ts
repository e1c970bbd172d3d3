/**
 * Figure for the state-space-model article: how fast the discretizations converge to the exact
 * continuous solution. The SSM is HiPPO-LegS with N = 4, driven by x(t) = sin 3t; the error is
 * |y_k − y(T)| at T = 2 against the step Δ, on log–log axes, for zero-order hold, S4's bilinear
 * form (input term x_k only), Mamba's code (ZOH for A, B̄ = ΔB) and classical Tustin (input term
 * (x_k + x_{k−1})/2). Solid: the input sampled at the end of each step, x_k = x(kΔ) (slope 1 for
 * the first three, 2 for Tustin). Dashed: sampled at the midpoint of each step (ZOH and bilinear
 * reach slope 2, the code's B̄ stays at 1). Computed at build time from `convergenceStudy()`.
 */
import { type ConvergenceCurve, type ConvergenceRule, convergenceStudy } from '../numerics/ssm';
import { type Frame, legendEntry, num, sx, sy, text } from './svg';

const WIDTH = 720;
const HEIGHT = 420;

/** Plot area in log₁₀ units: Δ from 10^−3 to 10^−0.5, error from 10^−7 to 10^−1. */
export const CONVERGENCE_FRAME: Frame = {
  left: 70,
  top: 20,
  width: 400,
  height: 330,
  xMin: -3,
  xMax: -0.5,
  yMin: -7,
  yMax: -1,
};

/** Colour and name of each rule; the sampling sets the dash. */
export const RULE_STYLE: Record<ConvergenceRule, { colour: string; label: string }> = {
  zoh: { colour: 'var(--fig-1)', label: 'ZOH' },
  bilinear: { colour: 'var(--fig-2)', label: '双线性（S4）' },
  mamba: { colour: 'var(--fig-3)', label: 'Mamba 代码（B̄ = ΔB）' },
  tustin: { colour: 'currentColor', label: '经典 Tustin（两端平均）' },
};

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
};

/** "10⁻³" for −3. */
function power10(e: number): string {
  return `10${String(e)
    .split('')
    .map((ch) => SUPERSCRIPT[ch] ?? ch)
    .join('')}`;
}

/** Log–log path of one curve, with a dot at every computed point. */
function curvePath(f: Frame, c: ConvergenceCurve): string {
  return c.deltas
    .map((d, i) => `${i === 0 ? 'M' : 'L'}${num(sx(f, Math.log10(d)))} ${num(sy(f, Math.log10(c.errors[i] ?? 1)))}`)
    .join(' ');
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const f = CONVERGENCE_FRAME;
  const curves = convergenceStudy();
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
    `<rect x="${f.left}" y="${f.top}" width="${f.width}" height="${f.height}" stroke="currentColor" stroke-width="1"/>`,
  ];
  const bottom = f.top + f.height;
  const marks: string[] = [];
  const labels: string[] = [];
  for (let e = -3; e <= -1; e++) {
    marks.push(`M${num(sx(f, e))} ${num(bottom)}v5`);
    labels.push(text(sx(f, e), bottom + 19, power10(e), 'middle'));
  }
  for (let e = -7; e <= -1; e++) {
    marks.push(`M${num(f.left)} ${num(sy(f, e))}h-5`);
    labels.push(text(f.left - 8, sy(f, e) + 4.5, power10(e), 'end'));
  }
  out.push(`<path d="${marks.join(' ')}" stroke="currentColor" stroke-width="1"/>`);
  labels.push(text(sx(f, -1.75), bottom + 42, '步长 Δ（对数坐标）', 'middle'));
  labels.push(
    text(18, sy(f, -4), 'T = 2 处的误差（对数坐标）', 'middle', ` transform="rotate(-90 18 ${num(sy(f, -4))})"`),
  );
  out.push(`<g stroke="none">${labels.join('')}</g>`);

  // Reference slopes in the empty lower-right corner: error ∝ Δ and error ∝ Δ², over the same Δ range.
  const ref = (slope: number, yRight: number, id: string) =>
    `<path data-reference="${id}" d="M${num(sx(f, -1.7))} ${num(sy(f, yRight - 0.8 * slope))}L${num(sx(f, -0.9))} ${num(sy(f, yRight))}" stroke="var(--fig-muted)" stroke-width="1.5" stroke-dasharray="2 3"/>`;
  out.push(ref(1, -6, 'slope-1'), ref(2, -5, 'slope-2'));
  out.push(
    `<g stroke="none" font-size="12">${text(sx(f, -0.85), sy(f, -6) + 4, '∝ Δ')}${text(sx(f, -0.85), sy(f, -5) + 4, '∝ Δ²')}</g>`,
  );

  for (const c of curves) {
    const style = RULE_STYLE[c.rule];
    const dash = c.sampling === 'end' ? '' : ' stroke-dasharray="6 4"';
    out.push(
      `<path data-rule="${c.rule}" data-sampling="${c.sampling}" data-slope="${c.slope.toFixed(2)}" d="${curvePath(f, c)}" stroke="${style.colour}" stroke-width="2"${dash}/>`,
    );
    const dots = c.deltas
      .map(
        (d, i) =>
          `<circle cx="${num(sx(f, Math.log10(d)))}" cy="${num(sy(f, Math.log10(c.errors[i] ?? 1)))}" r="2.5" fill="${style.colour}" stroke="none"/>`,
      )
      .join('');
    out.push(`<g data-points="${c.rule}-${c.sampling}">${dots}</g>`);
  }

  // Legend: one row per rule and sampling, with the fitted order.
  const lx = f.left + f.width + 24;
  let ly = f.top + 16;
  const legend: string[] = [text(lx, ly, '拟合阶数（斜率）')];
  ly += 24;
  for (const sampling of ['end', 'mid'] as const) {
    legend.push(text(lx, ly, sampling === 'end' ? '输入取步末 x(kΔ)：' : '输入取步中点 x((k−½)Δ)：'));
    ly += 22;
    for (const c of curves.filter((cc) => cc.sampling === sampling)) {
      const style = RULE_STYLE[c.rule];
      legend.push(
        legendEntry(lx, ly, style.colour, sampling === 'end' ? '' : '6 4', `${style.label}：${c.slope.toFixed(2)}`),
      );
      ly += 22;
    }
    ly += 10;
  }
  out.push(`<g stroke="none" font-size="12">${legend.join('')}</g>`);
  out.push('</svg>');
  return out.join('');
}
