/**
 * Figure for the normalizing-flow article: the Jacobians of three 6-D maps drawn as 6×6 grids —
 * one affine coupling layer, one affine autoregressive layer (MAF's density direction), and two
 * coupling layers with complementary masks composed.
 *
 * It exists to show why the determinant is cheap: the first two Jacobians are (block) triangular,
 * so their determinant is the product of the diagonal, while the composition is dense in three of
 * its four blocks, which is what makes stacking layers expressive. Its lower-right block stays
 * exactly diagonal (after two layers the transformed half has not mixed within itself, NICE's
 * reason for three layers), and since the composition is no longer triangular its diagonal does
 * not give the determinant: the legend says so. The entries come from `jacobianPatterns()`, computed by
 * finite differences of real (seeded) networks, so an entry drawn as empty is exactly zero.
 */
import { jacobianPatterns, type Matrix } from '../numerics/flows';
import { num, text } from './svg';

const WIDTH = 640;
const HEIGHT = 296;
const CELL = 26;
const N = 6;
const GRID = CELL * N;
const TOP = 58;
const PANEL_X = [40, 240, 440] as const;

/** Cell categories: exact zero, diagonal entry, non-zero off-diagonal entry. */
export type CellKind = 'zero' | 'diag' | 'off';

/** Classify entry (i, j) of a Jacobian the way the figure colours it. */
export function cellKind(m: Matrix, i: number, j: number): CellKind {
  const v = m[i]?.[j] ?? 0;
  if (v === 0) return 'zero';
  return i === j ? 'diag' : 'off';
}

const PANELS = [
  { key: 'coupling', title: '一层仿射耦合', note: '分块下三角' },
  { key: 'autoregressive', title: '一层仿射自回归', note: '下三角' },
  { key: 'composed', title: '两层耦合（掩码互补）', note: '三块稠密、右下块对角' },
] as const;

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const jac = jacobianPatterns();
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linejoin="round">`,
  );
  PANELS.forEach((panel, p) => {
    const left = PANEL_X[p] ?? 0;
    const m = jac[panel.key];
    let maxAbs = 0;
    for (const r of m) for (const v of r) maxAbs = Math.max(maxAbs, Math.abs(v));
    out.push(`<g data-panel="${panel.key}">`);
    out.push(`<g stroke="none">${text(left + GRID / 2, TOP - 30, panel.title, 'middle')}</g>`);
    out.push(
      `<g stroke="none">${text(left + GRID / 2, TOP - 12, `∂y/∂x：${panel.note}`, 'middle', ' font-size="12"')}</g>`,
    );
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const kind = cellKind(m, i, j);
        const x = left + j * CELL;
        const y = TOP + i * CELL;
        const v = Math.abs(m[i]?.[j] ?? 0);
        const opacity = 0.35 + 0.65 * Math.min(1, v / maxAbs);
        const fill =
          kind === 'zero'
            ? 'fill="none"'
            : `fill="${kind === 'diag' ? 'var(--fig-2)' : 'var(--fig-1)'}" fill-opacity="${num(opacity)}"`;
        out.push(
          `<rect data-kind="${kind}" x="${x}" y="${y}" width="${CELL}" height="${CELL}" ${fill} stroke="var(--fig-muted)" stroke-width="1"/>`,
        );
      }
    }
    // A heavier frame, and for the coupling panels the split between the two halves.
    out.push(
      `<rect x="${left}" y="${TOP}" width="${GRID}" height="${GRID}" stroke="currentColor" stroke-width="1.5"/>`,
    );
    if (panel.key !== 'autoregressive') {
      const mid = (N / 2) * CELL;
      out.push(
        `<path d="M${left + mid} ${TOP}V${TOP + GRID}M${left} ${TOP + mid}H${left + GRID}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      );
    }
    out.push(
      `<g stroke="none">${text(left + GRID / 2, TOP + GRID + 18, '输入 x₁ … x₆ →', 'middle', ' font-size="12"')}</g>`,
    );
    out.push('</g>');
  });
  out.push(
    `<g stroke="none">${text(22, TOP + GRID / 2, '输出 y₁ … y₆ →', 'middle', ` font-size="12" transform="rotate(90 22 ${TOP + GRID / 2})"`)}</g>`,
  );

  // Legend.
  const ly = TOP + GRID + 46;
  const items = [
    { fill: 'fill="var(--fig-2)"', label: '对角元（三角阵时决定行列式）' },
    { fill: 'fill="var(--fig-1)"', label: '非零的非对角元' },
    { fill: 'fill="none"', label: '恰为 0' },
  ];
  let lx = 40;
  for (const item of items) {
    out.push(
      `<rect x="${lx}" y="${ly - 11}" width="14" height="14" ${item.fill} stroke="var(--fig-muted)" stroke-width="1"/>`,
    );
    out.push(`<g stroke="none">${text(lx + 20, ly, item.label, 'start')}</g>`);
    // Swatch, gap, one 13-px em per character (the labels are CJK or narrower), then a gap.
    lx += 20 + 13 * item.label.length + 24;
  }
  out.push(
    `<g stroke="none">${text(40, ly + 26, '颜色深浅表示 |∂yᵢ/∂xⱼ| 的大小；虚线分开耦合层的两半。', 'start', ' font-size="12"')}</g>`,
  );
  out.push('</svg>');
  return out.join('');
}
