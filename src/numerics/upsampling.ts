/**
 * Upsampling on plain arrays, following PyTorch's CPU kernels index by index: the source-index
 * mapping of `F.interpolate` (ATen's `area_pixel_compute_source_index`, `nearest_idx`,
 * `nearest_exact_idx` in `UpSample.h`), linear/bilinear and nearest interpolation, the
 * `PixelShuffle`/`PixelUnshuffle` index mapping, transposed convolution (output size and the
 * scatter-add it performs), and max-unpooling.
 *
 * The upsampling article prints tables of source indices, interpolated rows, shuffled grids and
 * overlap counts. They come from this module, and its tests compare them with outputs of real
 * PyTorch 1.13 runs, so the text, the figures and the library cannot drift apart. Tensors are
 * nested arrays: 1D signals `number[]`, one channel `number[][]` (rows), channels `number[][][]`.
 */
import { at } from './arrays';

/** A 2D grid of numbers, row-major: `grid[y][x]`. */
export type Grid = number[][];

/** Element `xs[i]`, failing loudly instead of yielding `undefined` (strict index access). */

/** A `rows × cols` grid filled with `value`. */
export function zeros(rows: number, cols: number, value = 0): Grid {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(value));
}

// #region source-index
/**
 * Ratio between input and output coordinates for the linear modes (`area_pixel_compute_scale`).
 * align_corners=True: (in − 1)/(out − 1), 0 when out = 1. align_corners=False: 1/scale_factor when
 * the caller passed a scale factor that reaches the kernel (recompute_scale_factor not True),
 * otherwise in/out.
 */
export function linearScale(inSize: number, outSize: number, alignCorners: boolean, scaleFactor?: number): number {
  if (alignCorners) return outSize > 1 ? (inSize - 1) / (outSize - 1) : 0;
  return scaleFactor !== undefined && scaleFactor > 0 ? 1 / scaleFactor : inSize / outSize;
}

/**
 * Real-valued source coordinate of output pixel `dst` (`area_pixel_compute_source_index`, non-cubic).
 * align_corners=True: scale·dst. align_corners=False: scale·(dst + 0.5) − 0.5, raised to 0 when
 * negative. The upper end is not clamped here; the interpolation clamps the neighbour instead.
 */
export function sourceIndex(scale: number, dst: number, alignCorners: boolean): number {
  if (alignCorners) return scale * dst;
  const src = scale * (dst + 0.5) - 0.5;
  return Math.max(src, 0);
}
// #endregion source-index

/**
 * Output length of `F.interpolate(..., scale_factor=s)`: ⌊in·s⌋, computed in double precision as
 * the C++ `compute_output_size` and the Python recompute path both do.
 */
export function outputSizeFromScale(inSize: number, scaleFactor: number): number {
  return Math.floor(inSize * scaleFactor);
}

// #region linear-1d
/**
 * `F.interpolate(x, size=outSize, mode='linear', align_corners=…)` on one signal, the way
 * `compute_source_index_and_lambda` does it: i0 = ⌊src⌋, i1 = i0 + 1 unless i0 is the last pixel,
 * λ = src − i0, out = (1 − λ)·x[i0] + λ·x[i1]. Equal sizes copy the input.
 */
export function interpolateLinear1d(
  x: readonly number[],
  outSize: number,
  alignCorners: boolean,
  scaleFactor?: number,
): number[] {
  const n = x.length;
  if (outSize === n) return [...x];
  const scale = linearScale(n, outSize, alignCorners, scaleFactor);
  return Array.from({ length: outSize }, (_, dst) => {
    const src = sourceIndex(scale, dst, alignCorners);
    const i0 = Math.floor(src);
    const i1 = i0 < n - 1 ? i0 + 1 : i0;
    const lambda = src - i0;
    return (1 - lambda) * at(x, i0) + lambda * at(x, i1);
  });
}
// #endregion linear-1d

/**
 * Bilinear interpolation of one channel: linear along rows then along columns. The kernel
 * computes the four-neighbour weighted sum directly; the two agree because bilinear weights
 * factorise, (1−λy)(1−λx)·a + … = 1D along y of 1D along x.
 */
export function interpolateBilinear2d(x: Grid, outH: number, outW: number, alignCorners: boolean): Grid {
  const rows = x.map((row) => interpolateLinear1d(row, outW, alignCorners));
  const width = rows[0]?.length ?? 0;
  const cols = Array.from({ length: width }, (_, j) =>
    interpolateLinear1d(
      rows.map((r) => at(r, j)),
      outH,
      alignCorners,
    ),
  );
  return Array.from({ length: outH }, (_, i) => cols.map((c) => at(c, i)));
}

// #region nearest
/** The interpolation modes of `F.interpolate` that pick one input pixel. */
export type NearestMode = 'nearest' | 'nearest-exact';

/**
 * Source pixel of output pixel `dst` for `mode='nearest'` and `'nearest-exact'`. The scale is
 * 1/scale_factor if one reaches the kernel, else in/out, rounded to float32 (as `nearest_idx` does
 * with `compute_scales_value<float>`; the 1-D CPU forward computes it in the tensor's dtype, which
 * is the same for float32 tensors). nearest: min(⌊dst·scale⌋, in − 1); nearest-exact:
 * min(⌊(dst + 0.5)·scale⌋, in − 1).
 * `shortcuts` (nearest only) follows ATen's `nearest_idx`, which looks at the sizes only and ignores
 * scale_factor: out = in copies, out = 2·in takes dst >> 1. In PyTorch 1.13 on the CPU the 2-D and
 * 3-D forward kernels and every backward kernel use it; the 1-D forward does not (shortcuts=false).
 */
export function nearestSourceIndex(
  dst: number,
  inSize: number,
  outSize: number,
  mode: NearestMode,
  scaleFactor?: number,
  shortcuts = true,
): number {
  if (mode === 'nearest' && shortcuts) {
    if (outSize === inSize) return dst;
    if (outSize === 2 * inSize) return dst >> 1;
  }
  const f = Math.fround;
  const scale = f(scaleFactor !== undefined && scaleFactor > 0 ? 1 / scaleFactor : inSize / outSize);
  const pos = mode === 'nearest' ? f(dst * scale) : f((dst + 0.5) * scale);
  return Math.min(Math.floor(pos), inSize - 1);
}
// #endregion nearest

/**
 * The two nearest modes on one signal, i.e. one axis of `F.interpolate`. `shortcuts` as in
 * `nearestSourceIndex`: true for an axis of a 2-D/3-D forward (and all backward kernels), false for
 * the 1-D CPU forward on a 3-D tensor. The two differ only when a scale_factor other than 1 or 2
 * gives out = in or out = 2·in.
 */
export function interpolateNearest1d(
  x: readonly number[],
  outSize: number,
  mode: NearestMode,
  scaleFactor?: number,
  shortcuts = true,
): number[] {
  return Array.from({ length: outSize }, (_, dst) =>
    at(x, nearestSourceIndex(dst, x.length, outSize, mode, scaleFactor, shortcuts)),
  );
}

/** Nearest interpolation of one channel, the row and the column index chosen independently. */
export function interpolateNearest2d(x: Grid, outH: number, outW: number, mode: NearestMode): Grid {
  const h = x.length;
  const w = x[0]?.length ?? 0;
  return Array.from({ length: outH }, (_, i) => {
    const row = at(x, nearestSourceIndex(i, h, outH, mode));
    return Array.from({ length: outW }, (_, j) => at(row, nearestSourceIndex(j, w, outW, mode)));
  });
}

// #region pixel-shuffle
/**
 * Where output element (c, y, x) of `PixelShuffle(r)` comes from: with y = h·r + i and
 * x = w·r + j (0 ≤ i, j < r), it is input channel c·r² + i·r + j at (h, w).
 */
export function pixelShuffleSource(c: number, y: number, x: number, r: number): [number, number, number] {
  const i = y % r;
  const j = x % r;
  return [c * r * r + i * r + j, Math.floor(y / r), Math.floor(x / r)];
}

/** `PixelShuffle(r)` on one sample: (C·r², H, W) → (C, H·r, W·r), by gathering with the map above. */
export function pixelShuffle(input: readonly Grid[], r: number): Grid[] {
  if (input.length % (r * r) !== 0) throw new RangeError(`channels ${input.length} not divisible by r² = ${r * r}`);
  const outC = input.length / (r * r);
  const h = input[0]?.length ?? 0;
  const w = input[0]?.[0]?.length ?? 0;
  return Array.from({ length: outC }, (_, c) =>
    Array.from({ length: h * r }, (_, y) =>
      Array.from({ length: w * r }, (_, x) => {
        const [k, hh, ww] = pixelShuffleSource(c, y, x, r);
        return at(at(at(input, k), hh), ww);
      }),
    ),
  );
}

/** `PixelUnshuffle(r)` on one sample: (C, H·r, W·r) → (C·r², H, W), the inverse scatter. */
export function pixelUnshuffle(input: readonly Grid[], r: number): Grid[] {
  const c = input.length;
  const h = (input[0]?.length ?? 0) / r;
  const w = (input[0]?.[0]?.length ?? 0) / r;
  if (!Number.isInteger(h) || !Number.isInteger(w)) throw new RangeError(`spatial size not divisible by r = ${r}`);
  const out: Grid[] = Array.from({ length: c * r * r }, () => zeros(h, w));
  input.forEach((grid, cc) => {
    grid.forEach((row, y) => {
      row.forEach((v, x) => {
        const [k, hh, ww] = pixelShuffleSource(cc, y, x, r);
        at(at(out, k), hh)[ww] = v;
      });
    });
  });
  return out;
}
// #endregion pixel-shuffle

// #region conv-transpose
/**
 * Output length of `ConvTranspose{1,2,3}d` along one axis:
 * (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1.
 * PyTorch requires output_padding < max(stride, dilation); so does this function.
 */
export function convTransposeOutputSize(
  inSize: number,
  kernel: number,
  stride = 1,
  padding = 0,
  outputPadding = 0,
  dilation = 1,
): number {
  if (outputPadding >= Math.max(stride, dilation)) {
    throw new RangeError('output padding must be smaller than either stride or dilation');
  }
  return (inSize - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

/**
 * One-channel transposed convolution (dilation 1): every input element x[n] adds x[n]·w[k] to
 * position n·stride + k − padding of the output; positions outside [0, out) are dropped.
 * This scatter is the adjoint of the strided cross-correlation `conv1d` below.
 */
export function convTranspose1d(
  x: readonly number[],
  w: readonly number[],
  stride = 1,
  padding = 0,
  outputPadding = 0,
): number[] {
  const size = convTransposeOutputSize(x.length, w.length, stride, padding, outputPadding);
  const out = new Array<number>(size).fill(0);
  x.forEach((v, n) => {
    w.forEach((wk, k) => {
      const t = n * stride + k - padding;
      if (t >= 0 && t < size) out[t] = at(out, t) + v * wk;
    });
  });
  return out;
}
// #endregion conv-transpose

/** One-channel, two-axis transposed convolution with the same stride and padding on both axes. */
export function convTranspose2d(x: Grid, w: Grid, stride = 1, padding = 0, outputPadding = 0): Grid {
  const outH = convTransposeOutputSize(x.length, w.length, stride, padding, outputPadding);
  const outW = convTransposeOutputSize(x[0]?.length ?? 0, w[0]?.length ?? 0, stride, padding, outputPadding);
  const out = zeros(outH, outW);
  x.forEach((row, n) => {
    row.forEach((v, m) => {
      w.forEach((wrow, a) => {
        wrow.forEach((wk, b) => {
          const y = n * stride + a - padding;
          const z = m * stride + b - padding;
          if (y >= 0 && y < outH && z >= 0 && z < outW) at(out, y)[z] = at(at(out, y), z) + v * wk;
        });
      });
    });
  });
  return out;
}

/**
 * Strided 1D cross-correlation with zero padding (`F.conv1d`, one channel):
 * y[m] = Σ_k w[k]·x[m·stride + k − padding], output length ⌊(in + 2·padding − kernel)/stride⌋ + 1.
 * Exported so tests can check ⟨conv(x), y⟩ = ⟨x, convTranspose(y)⟩.
 */
export function conv1d(x: readonly number[], w: readonly number[], stride = 1, padding = 0): number[] {
  const size = Math.floor((x.length + 2 * padding - w.length) / stride) + 1;
  return Array.from({ length: size }, (_, m) =>
    w.reduce((acc, wk, k) => {
      const t = m * stride + k - padding;
      return t >= 0 && t < x.length ? acc + wk * at(x, t) : acc;
    }, 0),
  );
}

// #region overlap
/**
 * How many kernel taps land on each output position of a transposed convolution: the output for
 * an all-ones input and an all-ones kernel. Uneven counts in the interior are the checkerboard.
 */
export function overlapCounts1d(inSize: number, kernel: number, stride: number, padding = 0, outputPadding = 0) {
  return convTranspose1d(
    new Array<number>(inSize).fill(1),
    new Array<number>(kernel).fill(1),
    stride,
    padding,
    outputPadding,
  );
}
// #endregion overlap

/** The 2D overlap counts: the outer product of the 1D counts of the two axes. */
export function overlapCounts2d(inSize: number, kernel: number, stride: number, padding = 0, outputPadding = 0): Grid {
  return convTranspose2d(zeros(inSize, inSize, 1), zeros(kernel, kernel, 1), stride, padding, outputPadding);
}

/** Result of a 2×2/stride-2 max pool: pooled values and flat indices into the input plane. */
export interface PoolResult {
  readonly values: Grid;
  readonly indices: Grid;
}

/**
 * `MaxPool2d(k, stride=k, return_indices=True)` on one channel. Each index is the flat position
 * y·W + x of the maximum in the input plane (the first one on ties, as the CPU kernel keeps the
 * first maximum it meets in row-major order); rows/columns left over are dropped (floor mode).
 */
export function maxPool2dWithIndices(x: Grid, k: number): PoolResult {
  const w = x[0]?.length ?? 0;
  const oh = Math.floor(x.length / k);
  const ow = Math.floor(w / k);
  const values = zeros(oh, ow);
  const indices = zeros(oh, ow);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = -1;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const v = at(at(x, i * k + a), j * k + b);
          if (v > best) {
            best = v;
            arg = (i * k + a) * w + (j * k + b);
          }
        }
      }
      at(values, i)[j] = best;
      at(indices, i)[j] = arg;
    }
  }
  return { values, indices };
}

/**
 * `MaxUnpool2d`: zeros of size outH × outW, each pooled value written back at its flat index.
 * An index outside the plane throws, as PyTorch does when the default output size (in·k for
 * k = stride) is smaller than the original input.
 */
export function maxUnpool2d(values: Grid, indices: Grid, outH: number, outW: number): Grid {
  const out = zeros(outH, outW);
  values.forEach((row, i) => {
    row.forEach((v, j) => {
      const idx = at(at(indices, i), j);
      if (idx < 0 || idx >= outH * outW) {
        throw new RangeError(`Found an invalid max index: ${idx} (output volumes are of size ${outH}x${outW}`);
      }
      at(out, Math.floor(idx / outW))[idx % outW] = v;
    });
  });
  return out;
}

/**
 * A row printed as PyTorch prints a float tensor whose elements are not all integers:
 * fixed `decimals` digits, `, ` between entries (the article's code outputs use 4 digits).
 */
export function torchRow(xs: readonly number[], decimals = 4): string {
  return xs.map((v) => (Object.is(v, -0) ? 0 : v).toFixed(decimals)).join(', ');
}

/**
 * A row printed as PyTorch prints a float tensor of integers: `1.` style, right-aligned to the
 * widest entry of the tensor (`width` characters including the dot), `, ` between entries.
 */
export function torchIntRow(xs: readonly number[], width = 2): string {
  return xs.map((v) => `${v}.`.padStart(width)).join(', ');
}

/** The worked examples of the article, fixed here so tests and text share one definition. */
export const UPSAMPLING_DEMO = Object.freeze({
  /** 1D signal upsampled from 3 to 6 samples. */
  signal: [1, 2, 4] as const,
  signalOut: 6,
  /** The 2×2 image of the PyTorch docs example, upsampled to 4×4. */
  image: [
    [1, 2],
    [3, 4],
  ] as const,
  /** A ramp 0, 1, …, 4 upsampled with scale_factor 1.7 (output length 8). */
  rampLength: 5,
  oddScale: 1.7,
  /** The 4×4 plane for max-unpooling. */
  poolInput: [
    [1, 5, 2, 0],
    [3, 4, 8, 6],
    [0, 9, 1, 1],
    [7, 2, 3, 2],
  ] as const,
});
