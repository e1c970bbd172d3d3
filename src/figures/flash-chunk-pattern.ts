/**
 * Figure for the FLASH article: which part of mixed chunk attention covers each (query i, key j)
 * pair, for L = 16 tokens in chunks of C = 4, in the causal and the non-causal form.
 *
 * It exists because the two forms differ in a way the formulas hide: causal, the query's own chunk
 * is handled only by the exact local relu² part (lower triangle) and earlier chunks only by the
 * linear global part; non-causal, the global sum runs over every chunk including the query's own,
 * so the diagonal blocks get both parts. Cells come from `coverage()`, the same function the
 * per-pair reference computation uses, one `<path>` per covered part and panel so the test can
 * count them; masked pairs are left empty.
 */
import { type Coverage, coverage, PATTERN_DEMO } from '../numerics/flash';
import { num, text } from './svg';

const WIDTH = 700;
const HEIGHT = 364;
const CELL = 16;
const TOP = 56;
const PANEL_X = [84, 420] as const;
/** Chunk labels ("块 g", right-aligned) end this far left of the grid. */
export const ROW_LABEL_GAP = 6;
/**
 * The rotated axis label "查询位置 i →" is centred on a vertical line this far left of the grid.
 * Rotated by 90°, its glyphs extend at most one font size (12) to the right of that line, so it
 * clears the chunk labels even if each of their three characters were a full em (11) wide.
 */
export const AXIS_LABEL_GAP = 54;

/** Fill of each part; `none` (masked) is left empty. */
export const PART_STYLE: Record<Exclude<Coverage, 'none'>, { fill: string; label: string }> = {
  local: { fill: 'var(--fig-1)', label: '块内二次（relu²，精确）' },
  global: { fill: 'var(--fig-2)', label: '块间线性（经状态汇总）' },
  both: { fill: 'var(--fig-3)', label: '两部分都有' },
};

const PANELS = [
  { causal: true, key: 'causal', title: '因果' },
  { causal: false, key: 'bidirectional', title: '非因果' },
] as const;

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const { L, C } = PATTERN_DEMO;
  const size = L * CELL;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linejoin="round">`,
  );
  PANELS.forEach((panel, p) => {
    const left = PANEL_X[p] ?? 0;
    out.push(`<g data-panel="${panel.key}">`);
    // One path per covered part: a unit square for every (i, j) it covers.
    const squares: Record<Coverage, string[]> = { local: [], global: [], both: [], none: [] };
    for (let i = 0; i < L; i++) {
      for (let j = 0; j < L; j++) {
        squares[coverage(i, j, C, panel.causal)].push(
          `M${left + j * CELL} ${TOP + i * CELL}h${CELL}v${CELL}h-${CELL}z`,
        );
      }
    }
    for (const part of ['local', 'global', 'both'] as const) {
      if (squares[part].length === 0) continue;
      out.push(
        `<path data-part="${part}" d="${squares[part].join('')}" fill="${PART_STYLE[part].fill}" fill-opacity="0.85" stroke="none"/>`,
      );
    }
    // Thin grid over every cell, heavier lines on chunk boundaries.
    const thin: string[] = [];
    const thick: string[] = [];
    for (let t = 0; t <= L; t++) {
      const target = t % C === 0 ? thick : thin;
      target.push(`M${left} ${TOP + t * CELL}h${size}`, `M${left + t * CELL} ${TOP}v${size}`);
    }
    out.push(`<path d="${thin.join('')}" stroke="var(--fig-muted)" stroke-width="0.5"/>`);
    out.push(`<path data-role="chunks" d="${thick.join('')}" stroke="currentColor" stroke-width="1.5"/>`);
    // Titles and axis labels. The chunk labels sit right next to the grid; the rotated axis label
    // stays to their left, clear of them (see ROW_LABEL_GAP and AXIS_LABEL_GAP).
    const axisX = left - AXIS_LABEL_GAP;
    const labels = [
      text(left + size / 2, TOP - 30, `${panel.title}（L = ${L}，C = ${C}）`, 'middle'),
      text(left + size / 2, TOP - 10, '键位置 j →', 'middle', ' font-size="12"'),
      text(
        axisX,
        TOP + size / 2,
        '查询位置 i →',
        'middle',
        ` font-size="12" data-role="axis-i" transform="rotate(90 ${num(axisX)} ${num(TOP + size / 2)})"`,
      ),
    ];
    for (let g = 0; g < L / C; g++) {
      labels.push(
        text(
          left - ROW_LABEL_GAP,
          TOP + (g + 0.5) * C * CELL + 4,
          `块 ${g + 1}`,
          'end',
          ' font-size="11" data-role="chunk-label"',
        ),
      );
    }
    out.push(`<g stroke="none">${labels.join('')}</g>`);
    out.push('</g>');
  });

  // Legend under both panels.
  const entries = [
    ...(['local', 'global', 'both'] as const).map((part) => ({
      fill: PART_STYLE[part].fill,
      label: PART_STYLE[part].label,
    })),
    { fill: 'none', label: '被掩码（不参与）' },
  ];
  const legendY = TOP + size + 36;
  const legend: string[] = [];
  entries.forEach((e, k) => {
    const x = 24 + k * 170;
    legend.push(
      `<rect x="${x}" y="${legendY - 11}" width="14" height="14" fill="${e.fill}"${e.fill === 'none' ? '' : ' fill-opacity="0.85"'} stroke="var(--fig-muted)" stroke-width="1"/>`,
    );
    legend.push(text(x + 20, legendY, e.label, 'start', ' font-size="12"'));
  });
  out.push(`<g data-role="legend">${legend.join('')}</g>`);
  out.push('</svg>');
  return out.join('');
}
