/**
 * Figure for the upsampling article: the overlap counts of a stride-2 transposed convolution on a
 * 4×4 input, kernel 3 (left) and kernel 4 (right), no padding: how many kernel taps land on each
 * output pixel when input and kernel are all ones.
 *
 * It exists to make the checkerboard argument visible: with kernel 3 (not divisible by the stride)
 * the interior alternates 1, 2, 4, a pattern that a trained kernel must cancel exactly; with kernel
 * 4 the interior is flat at 4 and only the border differs. Counts come from `overlapCounts2d()`,
 * the same transposed convolution the tests compare with PyTorch.
 */
import { overlapCounts2d } from '../numerics/upsampling';
import { num, text } from './svg';

const WIDTH = 640;
const HEIGHT = 350;
const CELL = 26;
const TOP = 50;

/** The two panels: kernel size, its label, and its left edge. */
export const OVERLAP_PANELS = [
  { kernel: 3, left: 30, title: '核 3，步长 2（3 不能被 2 整除）' },
  { kernel: 4, left: 350, title: '核 4，步长 2（4 能被 2 整除）' },
] as const;

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none">`,
  ];
  for (const panel of OVERLAP_PANELS) {
    const counts = overlapCounts2d(4, panel.kernel, 2);
    const size = counts.length * CELL;
    out.push(`<g data-panel="k${panel.kernel}">`);
    out.push(text(panel.left + size / 2, TOP - 16, panel.title, 'middle'));
    counts.forEach((row, y) => {
      row.forEach((c, x) => {
        const cx = panel.left + x * CELL;
        const cy = TOP + y * CELL;
        out.push(
          `<rect x="${num(cx)}" y="${num(cy)}" width="${CELL}" height="${CELL}" fill="var(--fig-1)" fill-opacity="${num(c / 4)}" stroke="var(--fig-muted)" stroke-width="0.5" data-count="${c}"/>`,
          text(cx + CELL / 2, cy + CELL / 2 + 4.5, String(c), 'middle', ' font-size="11"'),
        );
      });
    });
    out.push('</g>');
  }
  out.push(
    text(
      WIDTH / 2,
      HEIGHT - 12,
      '格中数字：落在该输出像素上的核元素个数（全 1 输入、全 1 核）',
      'middle',
      ' font-size="12"',
    ),
  );
  out.push('</svg>');
  return out.join('');
}
