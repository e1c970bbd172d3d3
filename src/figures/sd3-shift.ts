/**
 * Figure for the Stable Diffusion 3 article: the resolution-dependent timestep shift
 * t ↦ αt/(1 + (α − 1)t). Left: the map for α = 1 (no shift), 1.5, 3 (the paper's value at 1024²)
 * and 4 (what the constant-image argument gives from 256² to 1024²). Right: what α = 3 does to the
 * training distribution lognorm(0, 1), which becomes lognorm(log 3, 1), and to a uniform 10-step
 * sampling grid, whose steps crowd towards the noise end. Computed at build time; deterministic.
 */
import { logitNormalDensity, shiftTimestep, timeGrid } from '../numerics/rectified-flow';
import { axes, type Frame, legendEntry, num, polyline, sx, sy, text } from './svg';

const WIDTH = 760;
const HEIGHT = 400;
const SAMPLES = 200;

const LEFT: Frame = { left: 52, top: 30, width: 260, height: 260, xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
const RIGHT: Frame = { left: 52 + 260 + 84, top: 30, width: 330, height: 220, xMin: 0, xMax: 1, yMin: 0, yMax: 3 };

/** The shifts drawn in the left panel. */
export const SHIFT_CURVES = [
  { alpha: 1, colour: 'var(--fig-muted)', dash: '5 4', label: 'α = 1（不平移）' },
  { alpha: 1.5, colour: 'var(--fig-3)', dash: '', label: 'α = 1.5' },
  { alpha: 3, colour: 'var(--fig-1)', dash: '', label: 'α = 3（论文 1024²）' },
  { alpha: 4, colour: 'var(--fig-2)', dash: '2 3', label: 'α = 4（√(1024²/256²)）' },
] as const;

/** The paper's shift at 1024² and the number of sampling steps drawn as a grid. */
export const SHIFT_DEMO = Object.freeze({ alpha: 3, steps: 10 });

function leftPanel(): string {
  const out: string[] = [axes(LEFT, [0, 0.5, 1], [0, 0.5, 1])];
  out.push(
    `<g stroke="none">${text(sx(LEFT, 0.5), LEFT.top - 10, '平移映射 t ↦ αt / (1 + (α − 1)t)', 'middle')}${text(
      sx(LEFT, 0.5),
      LEFT.top + LEFT.height + 38,
      '原始 t',
      'middle',
    )}${text(14, sy(LEFT, 0.5), '平移后 t', 'middle', ` transform="rotate(-90 14 ${num(sy(LEFT, 0.5))})"`)}</g>`,
  );
  for (const c of SHIFT_CURVES) {
    const pts = Array.from({ length: SAMPLES + 1 }, (_, i) => {
      const t = i / SAMPLES;
      return [t, shiftTimestep(t, c.alpha)] as [number, number];
    });
    const dash = c.dash === '' ? '' : ` stroke-dasharray="${c.dash}"`;
    out.push(
      `<path data-alpha="${c.alpha}" d="${polyline(LEFT, pts)}" stroke="${c.colour}" stroke-width="${c.alpha === 1 ? 1.5 : 2}"${dash}/>`,
    );
  }
  const legend = SHIFT_CURVES.map((c, i) =>
    legendEntry(
      LEFT.left + (i % 2) * 150,
      LEFT.top + LEFT.height + 64 + Math.floor(i / 2) * 22,
      c.colour,
      c.dash,
      c.label,
      c.alpha === 1 ? 1.5 : 2,
    ),
  );
  out.push(`<g stroke="none" font-size="12">${legend.join('')}</g>`);
  return out.join('');
}

function rightPanel(): string {
  const { alpha, steps } = SHIFT_DEMO;
  const out: string[] = [axes(RIGHT, [0, 0.5, 1], [0, 1, 2, 3])];
  out.push(
    `<g stroke="none">${text(sx(RIGHT, 0.5), RIGHT.top - 10, `α = ${alpha} 对训练分布与采样网格的作用`, 'middle')}</g>`,
  );
  const density = (m: number) =>
    Array.from({ length: SAMPLES + 1 }, (_, i) => {
      const t = i / SAMPLES;
      return [t, logitNormalDensity(t, m, 1)] as [number, number];
    });
  out.push(
    `<path data-curve="lognorm-0" d="${polyline(RIGHT, density(0))}" stroke="var(--fig-muted)" stroke-width="2" stroke-dasharray="5 4"/>`,
  );
  out.push(
    `<path data-curve="lognorm-shifted" d="${polyline(RIGHT, density(Math.log(alpha)))}" stroke="var(--fig-1)" stroke-width="2"/>`,
  );
  // Two rows of ticks under the axis: the uniform grid and the shifted grid.
  const rowPlain = RIGHT.top + RIGHT.height + 34;
  const rowShifted = rowPlain + 26;
  const tickPath = (ts: readonly number[], y: number) =>
    ts.map((t) => `M${num(sx(RIGHT, t))} ${num(y - 6)}v12`).join(' ');
  const plain = timeGrid(steps);
  const shifted = timeGrid(steps, alpha);
  out.push(
    `<path data-grid="uniform" d="M${num(RIGHT.left)} ${num(rowPlain)}H${num(RIGHT.left + RIGHT.width)} ${tickPath(plain, rowPlain)}" stroke="var(--fig-muted)" stroke-width="1.5"/>`,
  );
  out.push(
    `<path data-grid="shifted" d="M${num(RIGHT.left)} ${num(rowShifted)}H${num(RIGHT.left + RIGHT.width)} ${tickPath(shifted, rowShifted)}" stroke="var(--fig-1)" stroke-width="1.5"/>`,
  );
  out.push(
    `<g stroke="none" font-size="12">${text(RIGHT.left - 8, rowPlain + 4, '均匀网格', 'end')}${text(
      RIGHT.left - 8,
      rowShifted + 4,
      '平移网格',
      'end',
    )}${legendEntry(RIGHT.left + 10, rowShifted + 34, 'var(--fig-muted)', '5 4', 'lognorm(0, 1)')}${legendEntry(
      RIGHT.left + 150,
      rowShifted + 34,
      'var(--fig-1)',
      '',
      `平移后 = lognorm(log ${alpha}, 1)`,
    )}</g>`,
  );
  return out.join('');
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
    leftPanel(),
    rightPanel(),
    '</svg>',
  ].join('');
}
