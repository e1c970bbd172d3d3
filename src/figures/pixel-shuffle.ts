/**
 * Figure for the upsampling article: how `PixelShuffle(2)` rearranges an input of shape
 * (1, 4, 2, 2) holding 0, 1, …, 15 into one 4×4 output channel.
 *
 * It exists because the index formula out[c, h·r + i, w·r + j] = in[c·r² + i·r + j, h, w] is easier
 * to believe once seen: each input channel becomes one phase (i, j) of the output grid, so the four
 * colours interleave instead of forming four blocks. Every output cell is placed by
 * `pixelShuffleSource()` and labelled with the value `pixelShuffle()` puts there, so the picture is
 * the module's mapping, not a drawing of it.
 */
import { type Grid, pixelShuffle, pixelShuffleSource } from '../numerics/upsampling';
import { num, text } from './svg';

const WIDTH = 660;
const HEIGHT = 260;
const CELL = 40;
const R = 2;
const TOP = 70;

/** Fill of each input channel (= each output phase i·r + j). */
export const CHANNEL_FILL = ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)'] as const;

/** The input the figure draws: 4 channels of 2×2, holding 0…15 as `torch.arange(16.).view(1, 4, 2, 2)`. */
export function shuffleInput(): Grid[] {
  return Array.from({ length: R * R }, (_, k) =>
    Array.from({ length: 2 }, (_, h) => Array.from({ length: 2 }, (_, w) => k * 4 + h * 2 + w)),
  );
}

function cell(x: number, y: number, fill: string, label: string, attrs: string): string {
  return (
    `<rect x="${num(x)}" y="${num(y)}" width="${CELL}" height="${CELL}" fill="${fill}" fill-opacity="0.55" stroke="currentColor" stroke-width="1"${attrs}/>` +
    text(x + CELL / 2, y + CELL / 2 + 5, label, 'middle', ' font-size="14"')
  );
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const input = shuffleInput();
  const output = pixelShuffle(input, R)[0] ?? [];
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none">`,
  ];
  // Input: four 2×2 channels in a row.
  out.push('<g data-role="input">');
  out.push(text(190, TOP - 46, '输入 (1, 4, 2, 2)：4 个通道，每个 2×2', 'middle'));
  input.forEach((grid, k) => {
    const left = 20 + k * 95;
    const i = Math.floor(k / R);
    const j = k % R;
    out.push(
      text(left + CELL, TOP - 22, `通道 ${k}`, 'middle', ' font-size="11"'),
      text(left + CELL, TOP - 8, `a=${i}, b=${j}`, 'middle', ' font-size="11"'),
    );
    grid.forEach((row, h) => {
      row.forEach((v, w) => {
        out.push(
          cell(
            left + w * CELL,
            TOP + h * CELL,
            CHANNEL_FILL[k] ?? '',
            String(v),
            ` data-channel="${k}" data-h="${h}" data-w="${w}"`,
          ),
        );
      });
    });
  });
  out.push('</g>');
  // Arrow.
  out.push(
    `<path d="M402 ${TOP + 40}h64m-8 -6l8 6l-8 6" stroke="currentColor" stroke-width="1.5"/>`,
    text(434, TOP + 62, 'PixelShuffle', 'middle', ' font-size="11"'),
    text(434, TOP + 76, '(r = 2)', 'middle', ' font-size="11"'),
  );
  // Output: one 4×4 channel, coloured by the channel each cell comes from.
  const left = 486;
  out.push('<g data-role="output">');
  out.push(text(left + 80, TOP - 36, '输出 (1, 1, 4, 4)', 'middle'));
  output.forEach((row, y) => {
    row.forEach((v, x) => {
      const [k] = pixelShuffleSource(0, y, x, R);
      out.push(
        cell(
          left + x * CELL,
          TOP - 20 + y * CELL,
          CHANNEL_FILL[k] ?? '',
          String(v),
          ` data-channel="${k}" data-y="${y}" data-x="${x}"`,
        ),
      );
    });
  });
  out.push('</g>');
  out.push(
    text(
      WIDTH / 2,
      HEIGHT - 20,
      '输出 (2h+a, 2w+b) 取自输入通道 2a+b 的 (h, w)：同色的格子在输出里每隔一格出现一次',
      'middle',
      ' font-size="12"',
    ),
  );
  out.push('</svg>');
  return out.join('');
}
