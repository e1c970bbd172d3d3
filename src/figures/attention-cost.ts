/**
 * Figure for the linear-attention article: what one attention head costs as the sequence grows,
 * on log–log axes, for d = d_v = r = 64 (elu + 1). Left: multiply-adds of softmax attention
 * (full, and causal computing only the lower triangle) against linear attention, whose count is
 * the same causal or not. Right: the largest buffer each method keeps, in numbers: the L×L score
 * matrix of standard softmax attention, the prefix sums Sᵢ, zᵢ of every position when a causal
 * implementation materialises them (`cumsum`), and the single recurrent state. Vertical lines mark
 * the crossover lengths computed in closed form by `src/numerics/linear-attention.ts`. Computed
 * at build time; deterministic.
 */
import {
  COST_SHAPE,
  costDemo,
  cumsumCrossover,
  cumsumMemory,
  linearMacs,
  linearStateMemory,
  macsCrossover,
  memoryCrossover,
  softmaxMacs,
  softmaxScoreMemory,
} from '../numerics/linear-attention';
import { type Frame, legendEntry, num, polyline, sx, sy, text } from './svg';

const WIDTH = 760;
const HEIGHT = 400;
const SAMPLES = 96;

/** Sequence lengths drawn: 2⁴ … 2¹⁶, as log₁₀ L on the x axis. */
export const L_RANGE = Object.freeze({ min: 16, max: 65536 });

/** Left panel, multiply-adds: x is log₁₀ L, y is log₁₀ of the count, 10⁴ … 10¹². */
export const MACS_FRAME: Frame = {
  left: 62,
  top: 34,
  width: 280,
  height: 250,
  xMin: Math.log10(L_RANGE.min),
  xMax: Math.log10(L_RANGE.max),
  yMin: 4,
  yMax: 12,
};
/** Right panel, numbers stored: the same x axis, y from 10² to 10¹⁰. */
export const MEMORY_FRAME: Frame = { ...MACS_FRAME, left: 62 + 280 + 100, yMin: 2, yMax: 10 };

/** One curve: a name for tests, a cost function of L, and how it is drawn. */
interface Curve {
  readonly id: string;
  readonly f: (L: number) => number;
  readonly colour: string;
  readonly dash: string;
  readonly label: string;
}

const s = COST_SHAPE;

/** The multiply-add curves: softmax in full, softmax on the lower triangle only, linear attention. */
export const MACS_CURVES: readonly Curve[] = [
  { id: 'softmax', f: (L) => softmaxMacs(L, s), colour: 'var(--fig-1)', dash: '', label: 'softmax（全部）' },
  {
    id: 'softmax-causal',
    f: (L) => softmaxMacs(L, s, true),
    colour: 'var(--fig-1)',
    dash: '6 4',
    label: 'softmax（只算下三角）',
  },
  { id: 'linear', f: (L) => linearMacs(L, s), colour: 'var(--fig-2)', dash: '', label: '线性（因果或非因果）' },
];

/** The buffer curves: the L×L score matrix, all materialised prefix sums, the recurrent state. */
export const MEMORY_CURVES: readonly Curve[] = [
  { id: 'scores', f: softmaxScoreMemory, colour: 'var(--fig-1)', dash: '', label: 'softmax：L×L 分数矩阵' },
  {
    id: 'cumsum',
    f: (L) => cumsumMemory(L, s),
    colour: 'var(--fig-3)',
    dash: '6 4',
    label: '线性：物化全部 Sᵢ、zᵢ',
  },
  { id: 'state', f: () => linearStateMemory(s), colour: 'var(--fig-2)', dash: '', label: '线性：递推状态 S、z' },
];

/** The crossover lengths marked with vertical lines, with the panel they belong to. */
export const CROSSOVERS = [
  { id: 'macs', panel: 'macs', L: macsCrossover(s) },
  { id: 'macs-causal', panel: 'macs', L: macsCrossover(s, true) },
  { id: 'memory', panel: 'memory', L: memoryCrossover(s) },
  { id: 'cumsum', panel: 'memory', L: cumsumCrossover(s) },
] as const;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function power(base: number, exponent: number): string {
  const digits = [...String(exponent)].map((c) => SUPERSCRIPT[Number(c)] ?? '').join('');
  return `${base}${digits}`;
}

/** Frame, ticks at powers of two on x and powers of ten on y, and the panel's titles. */
function logAxes(f: Frame, title: string, yLabel: string): string {
  const out: string[] = [
    `<rect x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}" stroke="currentColor" stroke-width="1"/>`,
  ];
  const bottom = f.top + f.height;
  const marks: string[] = [];
  const labels: string[] = [];
  const grid: string[] = [];
  for (let e = 4; e <= 16; e += 4) {
    const x = sx(f, Math.log10(2 ** e));
    marks.push(`M${num(x)} ${num(bottom)}v5`);
    grid.push(`M${num(x)} ${num(f.top)}V${num(bottom)}`);
    labels.push(text(x, bottom + 18, power(2, e), 'middle'));
  }
  for (let e = f.yMin; e <= f.yMax; e += 2) {
    const y = sy(f, e);
    marks.push(`M${num(f.left)} ${num(y)}h-5`);
    grid.push(`M${num(f.left)} ${num(y)}H${num(f.left + f.width)}`);
    labels.push(text(f.left - 8, y + 4.5, power(10, e), 'end'));
  }
  out.push(`<path d="${grid.join(' ')}" stroke="var(--fig-muted)" stroke-width="0.5" stroke-opacity="0.6"/>`);
  out.push(`<path d="${marks.join(' ')}" stroke="currentColor" stroke-width="1"/>`);
  labels.push(text(f.left + f.width / 2, f.top - 12, title, 'middle'));
  labels.push(text(f.left + f.width / 2, bottom + 38, '序列长度 L', 'middle'));
  const cy = f.top + f.height / 2;
  labels.push(text(f.left - 44, cy, yLabel, 'middle', ` transform="rotate(-90 ${num(f.left - 44)} ${num(cy)})"`));
  out.push(`<g stroke="none">${labels.join('')}</g>`);
  return out.join('');
}

function curvePath(f: Frame, c: Curve): string {
  const lo = Math.log10(L_RANGE.min);
  const hi = Math.log10(L_RANGE.max);
  const pts = Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const x = lo + ((hi - lo) * i) / SAMPLES;
    return [x, Math.log10(c.f(10 ** x))] as [number, number];
  });
  const dash = c.dash === '' ? '' : ` stroke-dasharray="${c.dash}"`;
  return `<path data-series="${c.id}" d="${polyline(f, pts)}" stroke="${c.colour}" stroke-width="2"${dash}/>`;
}

function crossoverLine(f: Frame, id: string, L: number, label: string, row: number): string {
  const x = sx(f, Math.log10(L));
  return `<path data-crossover="${id}" d="M${num(x)} ${num(f.top)}V${num(f.top + f.height)}" stroke="currentColor" stroke-width="1" stroke-dasharray="2 3" stroke-opacity="0.7"/><g stroke="none" font-size="11">${text(x + 4, f.top + 14 + 14 * row, label)}</g>`;
}

function panel(f: Frame, curves: readonly Curve[], title: string, yLabel: string): string {
  const out = [logAxes(f, title, yLabel)];
  for (const c of curves) out.push(curvePath(f, c));
  const legend = curves.map((c, i) =>
    legendEntry(f.left + 4, f.top + f.height + 62 + 20 * i, c.colour, c.dash, c.label),
  );
  out.push(`<g stroke="none" font-size="12">${legend.join('')}</g>`);
  return out.join('');
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const p = costDemo().printed;
  const byId = (id: string) => CROSSOVERS.find((c) => c.id === id)?.L ?? Number.NaN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
    panel(MACS_FRAME, MACS_CURVES, '乘加次数（一个头）', '乘加次数'),
    crossoverLine(MACS_FRAME, 'macs', byId('macs'), `L = ${p.crossover}`, 0),
    crossoverLine(MACS_FRAME, 'macs-causal', byId('macs-causal'), `L = ${p.crossoverCausal}（因果）`, 1),
    panel(MEMORY_FRAME, MEMORY_CURVES, '最大缓冲区（一个头）', '存储的数'),
    crossoverLine(MEMORY_FRAME, 'memory', byId('memory'), `L = ${p.memoryCrossover}`, 0),
    crossoverLine(MEMORY_FRAME, 'cumsum', byId('cumsum'), `L = ${p.cumsumCrossover}`, 0),
    '</svg>',
  ].join('');
}
