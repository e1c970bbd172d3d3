/**
 * Figure for the efficient-Transformer article: the four sparse attention patterns of
 * `demoPatterns()` (L = 64) drawn as L×L masks, query i down, key j across. Sparse Transformer's
 * strided and fixed factorizations (causal, so nothing above the diagonal), Longformer's window
 * with two global tokens, and BigBird's window, globals and three random keys per row.
 *
 * Each computed cell is coloured by the component that allows it (`cellKind`): local or window
 * cells in one colour, stride / summary / global cells in a second, random cells in a third.
 * Horizontal runs of equal cells are merged into one rectangle of a single `<path>` per colour,
 * drawn in cell units under a scale transform, which keeps 64×64 masks to a few kilobytes. Every
 * panel carries its pair count (`data-pairs`), which the test recomputes from the drawn runs.
 */
import {
  cellKind,
  countPairs,
  demoPatterns,
  PATTERN_DEMO,
  type PairKind,
  type SparsePattern,
} from '../numerics/efficient-attention';
import { num, text } from './svg';

const WIDTH = 640;
const HEIGHT = 704;
const CELL = 4;
const SIZE = PATTERN_DEMO.length * CELL;
const LEFT = [40, 344] as const;
/** Distance from the rotated query label's anchor to the first panel's left edge. */
export const AXIS_GAP = 22;
export const FIGURE_WIDTH = WIDTH;
const TOP = [64, 404] as const;

/** Colour group of each kind: what the legend calls local, long-range and random connections. */
export const KIND_COLOUR: Record<PairKind, string> = {
  local: 'var(--fig-1)',
  window: 'var(--fig-1)',
  stride: 'var(--fig-2)',
  summary: 'var(--fig-2)',
  global: 'var(--fig-2)',
  random: 'var(--fig-3)',
};

const TITLES: Record<string, [string, string]> = {
  strided: ['Sparse Transformer：strided', `步长 ℓ = ${PATTERN_DEMO.stride}，因果`],
  fixed: ['Sparse Transformer：fixed', `块长 ℓ = ${PATTERN_DEMO.stride}，c = ${PATTERN_DEMO.summary}，因果`],
  longformer: ['Longformer', `½w = ${PATTERN_DEMO.halfWindow}，${PATTERN_DEMO.globals.length} 个全局词元`],
  bigbird: ['BigBird（ITC）', `同左，另加每行 ${PATTERN_DEMO.randomPerRow} 个随机键`],
};

/**
 * Runs of equal kind in row i, as [start, end) column ranges, for one colour group. Exported so
 * the test can rebuild the masks from what is drawn.
 */
export function rowRuns(pattern: SparsePattern, i: number, colour: string): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let j = 0; j <= pattern.length; j++) {
    const kind = j < pattern.length ? cellKind(pattern, i, j) : undefined;
    const inside = kind !== undefined && KIND_COLOUR[kind] === colour;
    if (inside && start < 0) start = j;
    if (!inside && start >= 0) {
      runs.push([start, j]);
      start = -1;
    }
  }
  return runs;
}

function panel(pattern: SparsePattern, left: number, top: number): string {
  const out: string[] = [];
  const total = countPairs(pattern);
  const all = pattern.causal ? (pattern.length * (pattern.length + 1)) / 2 : pattern.length * pattern.length;
  const [title, subtitle] = TITLES[pattern.name] ?? [pattern.name, ''];
  out.push(`<g data-panel="${pattern.name}" data-pairs="${total}">`);
  // Three short lines rather than one long one: at 13 px a single subtitle line with the count
  // ran past the right edge of the figure for the right-hand panels.
  out.push(text(left, top - 40, title, 'start', ' font-weight="600"'));
  out.push(text(left, top - 24, subtitle));
  out.push(text(left, top - 8, `计算 ${total} / ${all} 对`));
  out.push(`<g transform="translate(${left} ${top}) scale(${CELL})">`);
  if (pattern.causal) {
    // The never-computed upper triangle of a causal pattern, shaded so the diagonal reads.
    out.push(`<path d="M0 0H${pattern.length}V${pattern.length}Z" fill="var(--fig-muted)" fill-opacity="0.15"/>`);
  }
  for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)']) {
    const d: string[] = [];
    for (let i = 0; i < pattern.length; i++) {
      for (const [a, b] of rowRuns(pattern, i, colour)) d.push(`M${a} ${i}h${b - a}v1h${a - b}z`);
    }
    if (d.length > 0) out.push(`<path data-colour="${colour}" d="${d.join('')}" fill="${colour}"/>`);
  }
  out.push('</g>');
  out.push(
    `<rect x="${num(left)}" y="${num(top)}" width="${SIZE}" height="${SIZE}" fill="none" stroke="currentColor" stroke-width="1"/>`,
  );
  out.push('</g>');
  return out.join('');
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const patterns = demoPatterns();
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13">`);
  patterns.forEach((p, k) => {
    out.push(panel(p, LEFT[k % 2] ?? 0, TOP[Math.floor(k / 2)] ?? 0));
  });
  // Axis hints once, on the first panel: rows are queries, columns keys. The query label is
  // rotated 90° clockwise, so its glyphs extend to the right of its anchor by about one font size
  // (13): the anchor sits AXIS_GAP left of the panel so they stop short of its edge.
  out.push(text(LEFT[0] + SIZE / 2, TOP[0] + SIZE + 16, '键 j →', 'middle'));
  const axisX = LEFT[0] - AXIS_GAP;
  out.push(
    text(
      axisX,
      TOP[0] + SIZE / 2,
      '查询 i →',
      'middle',
      ` transform="rotate(90 ${num(axisX)} ${num(TOP[0] + SIZE / 2)})"`,
    ),
  );
  const legendY = HEIGHT - 22;
  const legend: [string, string][] = [
    ['var(--fig-1)', '局部 / 滑动窗口'],
    ['var(--fig-2)', '步长列 / 汇总列 / 全局行列'],
    ['var(--fig-3)', '随机键'],
  ];
  let x = 40;
  for (const [colour, label] of legend) {
    out.push(`<rect x="${x}" y="${legendY - 11}" width="14" height="14" fill="${colour}"/>`);
    out.push(text(x + 20, legendY, label));
    x += 30 + label.length * 13;
  }
  out.push('</svg>');
  return out.join('');
}
