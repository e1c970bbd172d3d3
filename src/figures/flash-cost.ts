/**
 * Figure for the FLASH article: the cost model of `src/numerics/flash.ts` against the sequence
 * length L, for d = 128, d_v = 1536 (D = 768) and C = 256. Left: multiply-accumulates of the
 * token-mixing part per token for full quadratic attention, mixed chunk attention and token-level
 * causal linear attention, with the per-token cost of the GAU projections as a reference line and
 * the break-even length L* marked. Right: the length of the sequential prefix sum in causal
 * training, L for token-level linear attention and L/C for mixed chunk attention.
 *
 * It exists to show the two separate savings of mixed chunk attention: linear instead of quadratic
 * compute (left), and C times fewer sequential steps than linear attention (right). Both axes are
 * logarithmic; every point comes from the cost functions the article's table and tests use.
 */
import {
  ARTICLE_WIDTH,
  type CostShape,
  causalLinearCost,
  FLASH_PAPER,
  gauProjectionMacsPerToken,
  mixedChunkCost,
  quadraticBreakEven,
  quadraticCost,
} from '../numerics/flash';
import { type Frame, legendEntry, num, polyline, sx, sy, text } from './svg';

const WIDTH = 720;
const HEIGHT = 372;

/** Sizes behind both panels. */
export const COST_FIGURE = Object.freeze({
  D: ARTICLE_WIDTH,
  d: FLASH_PAPER.sharedWidth,
  dv: FLASH_PAPER.expansion * ARTICLE_WIDTH,
  C: FLASH_PAPER.chunk,
  /** Powers of two from 2⁸ = 256 to 2¹⁴ = 16384. */
  lengths: Object.freeze([256, 512, 1024, 2048, 4096, 8192, 16384]),
});

// Data coordinates: x = log₂ L, y = log₁₀ value.
const LEFT: Frame = { left: 70, top: 40, width: 270, height: 240, xMin: 8, xMax: 14, yMin: 5, yMax: 7.5 };
const RIGHT: Frame = { left: 440, top: 40, width: 250, height: 240, xMin: 8, xMax: 14, yMin: 0, yMax: 4.5 };

const X_TICKS = [
  { L: 256, label: '256' },
  { L: 1024, label: '1K' },
  { L: 4096, label: '4K' },
  { L: 16384, label: '16K' },
] as const;

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

function power(e: number): string {
  return e === 0 ? '1' : e === 1 ? '10' : `10${SUPERSCRIPT[e] ?? ''}`;
}

function shape(L: number): CostShape {
  return { L, C: COST_FIGURE.C, d: COST_FIGURE.d, dv: COST_FIGURE.dv };
}

/** The series of the left panel: MACs per token of the token-mixing part. */
export function macsPerTokenSeries(): Record<'quadratic' | 'mixed' | 'linear', [number, number][]> {
  const at = (f: (L: number) => number) => COST_FIGURE.lengths.map((L) => [L, f(L) / L] as [number, number]);
  return {
    quadratic: at((L) => quadraticCost(shape(L)).macs),
    mixed: at((L) => mixedChunkCost(shape(L), true).macs),
    linear: at((L) => causalLinearCost(shape(L)).macs),
  };
}

/** The series of the right panel: elements of the causal prefix sum. */
export function prefixSeries(): Record<'mixed' | 'linear', [number, number][]> {
  return {
    mixed: COST_FIGURE.lengths.map((L) => [L, mixedChunkCost(shape(L), true).prefixLength] as [number, number]),
    linear: COST_FIGURE.lengths.map((L) => [L, causalLinearCost(shape(L)).prefixLength] as [number, number]),
  };
}

function toLog(points: readonly [number, number][]): [number, number][] {
  return points.map(([L, v]) => [Math.log2(L), Math.log10(v)]);
}

function frame(f: Frame, yExponents: readonly number[]): string {
  const out: string[] = [
    `<rect x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}" stroke="currentColor" stroke-width="1"/>`,
  ];
  const bottom = f.top + f.height;
  const marks: string[] = [];
  const labels: string[] = [];
  for (const t of X_TICKS) {
    const x = sx(f, Math.log2(t.L));
    marks.push(`M${num(x)} ${num(bottom)}v5`);
    labels.push(text(x, bottom + 18, t.label, 'middle'));
  }
  for (const e of yExponents) {
    const y = sy(f, e);
    marks.push(`M${num(f.left)} ${num(y)}h-5`);
    labels.push(text(f.left - 8, y + 4.5, power(e), 'end'));
  }
  out.push(`<path d="${marks.join('')}" stroke="currentColor" stroke-width="1"/>`);
  out.push(`<g stroke="none">${labels.join('')}</g>`);
  out.push(`<g stroke="none">${text(f.left + f.width / 2, bottom + 38, '序列长度 L（对数坐标）', 'middle')}</g>`);
  return out.join('');
}

const STYLE = {
  quadratic: { colour: 'var(--fig-1)', dash: '', label: '完整二次（GAU / FLASH-Quad）' },
  mixed: { colour: 'var(--fig-2)', dash: '', label: `混合分块（C = ${COST_FIGURE.C}）` },
  linear: { colour: 'var(--fig-3)', dash: '6 4', label: '逐 token 因果线性' },
} as const;

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const { D, d, dv, C } = COST_FIGURE;
  const macs = macsPerTokenSeries();
  const prefix = prefixSeries();
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linejoin="round" stroke-linecap="round">`,
  );

  // Left panel.
  out.push(frame(LEFT, [5, 6, 7]));
  out.push(
    `<g stroke="none">${text(LEFT.left + LEFT.width / 2, LEFT.top - 14, '每个 token 的乘加次数（token 混合部分）', 'middle')}</g>`,
  );
  const projection = Math.log10(gauProjectionMacsPerToken(D, d, dv));
  out.push(
    `<path data-series="projection" d="M${num(sx(LEFT, LEFT.xMin))} ${num(sy(LEFT, projection))}H${num(sx(LEFT, LEFT.xMax))}" stroke="var(--fig-muted)" stroke-width="1.5" stroke-dasharray="3 3"/>`,
  );
  out.push(
    `<g stroke="none">${text(sx(LEFT, 8.15), sy(LEFT, projection) - 6, `GAU 投影（D = ${D}）`, 'start', ' font-size="11"')}</g>`,
  );
  for (const key of ['quadratic', 'mixed', 'linear'] as const) {
    const s = STYLE[key];
    const dash = s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`;
    out.push(
      `<path data-panel="macs" data-series="${key}" d="${polyline(LEFT, toLog(macs[key]))}" stroke="${s.colour}" stroke-width="2"${dash}/>`,
    );
  }
  const breakEven = quadraticBreakEven(C, d, dv);
  const bx = sx(LEFT, Math.log2(breakEven));
  const by = sy(LEFT, Math.log10(mixedChunkCost(shape(1024), true).macs / 1024));
  out.push(`<circle data-role="break-even" cx="${num(bx)}" cy="${num(by)}" r="4" fill="currentColor" stroke="none"/>`);
  out.push(
    `<g stroke="none">${text(bx + 4, by + 20, `L* ≈ ${Math.round(breakEven)}`, 'start', ' font-size="12"')}</g>`,
  );

  // Right panel.
  out.push(frame(RIGHT, [0, 1, 2, 3, 4]));
  out.push(
    `<g stroke="none">${text(RIGHT.left + RIGHT.width / 2, RIGHT.top - 14, '因果训练中前缀和的长度', 'middle')}</g>`,
  );
  for (const key of ['mixed', 'linear'] as const) {
    const s = STYLE[key];
    const dash = s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`;
    out.push(
      `<path data-panel="prefix" data-series="${key}" d="${polyline(RIGHT, toLog(prefix[key]))}" stroke="${s.colour}" stroke-width="2"${dash}/>`,
    );
  }
  // The constant gap between the two lines: a factor C.
  const gx = sx(RIGHT, 11);
  const yTop = sy(RIGHT, Math.log10(2 ** 11));
  const yBottom = sy(RIGHT, Math.log10(2 ** 11 / C));
  out.push(
    `<path data-role="gap" d="M${num(gx)} ${num(yTop + 4)}V${num(yBottom - 4)}" stroke="currentColor" stroke-width="1"/>`,
  );
  out.push(
    `<g stroke="none">${text(gx + 6, (yTop + yBottom) / 2 + 4, `相差 C = ${C} 倍`, 'start', ' font-size="12"')}</g>`,
  );

  // Legend, shared by both panels.
  const legendY = LEFT.top + LEFT.height + 66;
  const legend = (['quadratic', 'mixed', 'linear'] as const).map((key, k) =>
    legendEntry(40 + k * 230, legendY, STYLE[key].colour, STYLE[key].dash, STYLE[key].label),
  );
  out.push(`<g data-role="legend" font-size="12">${legend.join('')}</g>`);
  out.push('</svg>');
  return out.join('');
}
