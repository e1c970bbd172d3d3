import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/numerics/random';
import {
  conv1d,
  convTranspose1d,
  convTransposeOutputSize,
  type Grid,
  interpolateBilinear2d,
  interpolateLinear1d,
  interpolateNearest1d,
  interpolateNearest2d,
  linearScale,
  maxPool2dWithIndices,
  maxUnpool2d,
  nearestSourceIndex,
  outputSizeFromScale,
  overlapCounts1d,
  overlapCounts2d,
  pixelShuffle,
  pixelShuffleSource,
  pixelUnshuffle,
  sourceIndex,
  torchIntRow,
  torchRow,
  UPSAMPLING_DEMO,
  zeros,
} from '../../src/numerics/upsampling';

const article = readFileSync(new URL('../../content/upsampling.md', import.meta.url), 'utf8');

/** 0, 1, …, n − 1: a ramp, whose linear interpolation is the (clamped) source index itself. */
function ramp(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function expectClose(actual: readonly number[], expected: readonly number[], digits = 4): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => {
    expect(v, `index ${i}`).toBeCloseTo(expected[i] ?? Number.NaN, digits);
  });
}

function randomGrids(channels: number, h: number, w: number, seed: number): Grid[] {
  const u = mulberry32(seed);
  return Array.from({ length: channels }, () => Array.from({ length: h }, () => Array.from({ length: w }, () => u())));
}

describe('source index (UpSample.h area_pixel_compute_source_index)', () => {
  it('align_corners=True: (in − 1)/(out − 1)·j, both ends on the corner pixels', () => {
    const scale = linearScale(3, 6, true);
    expect(scale).toBeCloseTo(0.4, 15);
    expectClose(
      ramp(6).map((j) => sourceIndex(scale, j, true)),
      [0, 0.4, 0.8, 1.2, 1.6, 2],
      12,
    );
    expect(linearScale(5, 1, true)).toBe(0);
  });

  it('align_corners=False: (j + 0.5)·in/out − 0.5, negative values raised to 0', () => {
    const scale = linearScale(3, 6, false);
    expect(scale).toBe(0.5);
    expect(ramp(6).map((j) => sourceIndex(scale, j, false))).toEqual([0, 0.25, 0.75, 1.25, 1.75, 2.25]);
  });

  it('a scale factor that reaches the kernel gives 1/scale_factor, not in/out', () => {
    expect(outputSizeFromScale(5, 1.7)).toBe(8);
    expect(linearScale(5, 8, false, 1.7)).toBeCloseTo(1 / 1.7, 15);
    expect(linearScale(5, 8, false)).toBe(0.625);
    // Last output pixel, by hand: 7.5/1.7 − 0.5 and 7.5·0.625 − 0.5.
    expect(sourceIndex(1 / 1.7, 7, false)).toBeCloseTo(3.911764705882353, 12);
    expect(sourceIndex(0.625, 7, false)).toBe(4.1875);
  });
});

describe('linear interpolation', () => {
  it('reproduces the hand-computed 3 → 6 example for both align_corners settings', () => {
    const x = [...UPSAMPLING_DEMO.signal];
    expectClose(interpolateLinear1d(x, 6, false), [1, 1.25, 1.75, 2.5, 3.5, 4], 12);
    expectClose(interpolateLinear1d(x, 6, true), [1, 1.4, 1.8, 2.4, 3.2, 4], 12);
  });

  it('matches PyTorch 1.13 outputs (F.interpolate, mode="linear") recorded from real runs', () => {
    // Copied from running the article's linear_align_corners.py and recompute_scale_factor.py.
    expectClose(interpolateLinear1d(ramp(3), 6, false), [0, 0.25, 0.75, 1.25, 1.75, 2]);
    expectClose(
      interpolateLinear1d(ramp(5), 8, false, 1.7),
      [0, 0.3824, 0.9706, 1.5588, 2.1471, 2.7353, 3.3235, 3.9118],
    );
    expectClose(interpolateLinear1d(ramp(5), 8, false), [0, 0.4375, 1.0625, 1.6875, 2.3125, 2.9375, 3.5625, 4]);
  });

  it('equal sizes copy the input, as the kernel does', () => {
    expect(interpolateLinear1d([3, 1, 4], 3, true)).toEqual([3, 1, 4]);
  });

  it('bilinear matches the nn.Upsample docs example (PyTorch 1.13 run) for both settings', () => {
    const img = UPSAMPLING_DEMO.image.map((r) => [...r]);
    const f = interpolateBilinear2d(img, 4, 4, false);
    const t = interpolateBilinear2d(img, 4, 4, true);
    const pyFalse = [
      [1, 1.25, 1.75, 2],
      [1.5, 1.75, 2.25, 2.5],
      [2.5, 2.75, 3.25, 3.5],
      [3, 3.25, 3.75, 4],
    ];
    const pyTrue = [
      [1, 1.3333, 1.6667, 2],
      [1.6667, 2, 2.3333, 2.6667],
      [2.3333, 2.6667, 3, 3.3333],
      [3, 3.3333, 3.6667, 4],
    ];
    f.forEach((row, i) => {
      expectClose(row, pyFalse[i] ?? []);
    });
    t.forEach((row, i) => {
      expectClose(row, pyTrue[i] ?? []);
    });
  });

  it('bilinear equals the four-neighbour weighted sum of the bilinear formula', () => {
    const img = randomGrids(1, 3, 4, 7)[0] ?? [];
    const out = interpolateBilinear2d(img, 5, 7, false);
    const sy = linearScale(3, 5, false);
    const sx = linearScale(4, 7, false);
    for (let p = 0; p < 5; p++) {
      for (let q = 0; q < 7; q++) {
        const ys = sourceIndex(sy, p, false);
        const xs = sourceIndex(sx, q, false);
        const i0 = Math.floor(ys);
        const k0 = Math.floor(xs);
        const i1 = Math.min(i0 + 1, 2);
        const k1 = Math.min(k0 + 1, 3);
        const ly = ys - i0;
        const lx = xs - k0;
        const v = (r: number, c: number) => img[r]?.[c] ?? Number.NaN;
        const expected =
          (1 - ly) * (1 - lx) * v(i0, k0) + (1 - ly) * lx * v(i0, k1) + ly * (1 - lx) * v(i1, k0) + ly * lx * v(i1, k1);
        expect(out[p]?.[q]).toBeCloseTo(expected, 12);
      }
    }
  });
});

describe('nearest and nearest-exact', () => {
  it('match PyTorch 1.13 runs: 6 → 2 and 3 → 5', () => {
    expect(interpolateNearest1d(ramp(6), 2, 'nearest')).toEqual([0, 3]);
    expect(interpolateNearest1d(ramp(6), 2, 'nearest-exact')).toEqual([1, 4]);
    expect(interpolateNearest1d(ramp(3), 5, 'nearest')).toEqual([0, 0, 1, 1, 2]);
    expect(interpolateNearest1d(ramp(3), 5, 'nearest-exact')).toEqual([0, 0, 1, 2, 2]);
  });

  it('nearest-exact picks the input pixel whose centre is closest (ties upwards)', () => {
    for (const [n, m] of [
      [6, 2],
      [3, 5],
      [7, 3],
      [4, 9],
    ] as const) {
      for (let j = 0; j < m; j++) {
        const centre = ((j + 0.5) * n) / m - 0.5;
        const expected = Math.min(Math.max(Math.floor(centre + 0.5), 0), n - 1);
        expect(nearestSourceIndex(j, n, m, 'nearest-exact')).toBe(expected);
      }
    }
  });

  it('scale_factor 1.7 on length 5: the PyTorch 1.13 indices without and with recompute', () => {
    expect(interpolateNearest1d(ramp(5), 8, 'nearest', 1.7)).toEqual([0, 0, 1, 1, 2, 2, 3, 4]);
    expect(interpolateNearest1d(ramp(5), 8, 'nearest')).toEqual([0, 0, 1, 1, 2, 3, 3, 4]);
  });

  it('size-only shortcuts of nearest: the 2-D path and the 1-D CPU forward of PyTorch 1.13 differ', () => {
    // Copied from running the article's nearest_shortcuts.py.
    expect(interpolateNearest1d(ramp(5), 10, 'nearest', 2.1)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(interpolateNearest1d(ramp(5), 10, 'nearest', 2.1, false)).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3, 4]);
    expect(interpolateNearest1d(ramp(5), 5, 'nearest', 1.1)).toEqual([0, 1, 2, 3, 4]);
    expect(interpolateNearest1d(ramp(5), 5, 'nearest', 1.1, false)).toEqual([0, 0, 1, 2, 3]);
    // Hand values: ⌊j/2⌋ and ⌊j/2.1⌋ differ exactly at j = 2, 4, 6, 8.
    const differ = ramp(10).filter((j) => Math.floor(j / 2) !== Math.floor(j / 2.1));
    expect(differ).toEqual([2, 4, 6, 8]);
    // nearest-exact has no shortcut: both paths agree.
    for (const [n, m, rho] of [
      [5, 10, 2.1],
      [5, 5, 1.1],
    ] as const) {
      expect(interpolateNearest1d(ramp(n), m, 'nearest-exact', rho)).toEqual(
        interpolateNearest1d(ramp(n), m, 'nearest-exact', rho, false),
      );
    }
    // With sizes only (σ = 1 or 1/2) the shortcuts agree with ⌊σ·j⌋.
    for (const n of [1, 2, 5, 7]) {
      for (const m of [n, 2 * n]) {
        expect(interpolateNearest1d(ramp(n), m, 'nearest')).toEqual(
          interpolateNearest1d(ramp(n), m, 'nearest', undefined, false),
        );
      }
    }
    // The 1-D backward scatters through the shortcut: gradient arange(10) sums pairs.
    const scatter = (shortcuts: boolean): number[] => {
      const g = [0, 0, 0, 0, 0];
      for (let j = 0; j < 10; j++) {
        const i = nearestSourceIndex(j, 5, 10, 'nearest', 2.1, shortcuts);
        g[i] = (g[i] ?? 0) + j;
      }
      return g;
    };
    expect(scatter(true)).toEqual([1, 5, 9, 13, 17]);
    expect(scatter(false)).toEqual([3, 7, 11, 15, 9]);
    expect(article).toContain(`2.1 1d [${interpolateNearest1d(ramp(5), 10, 'nearest', 2.1, false).join(', ')}]`);
    expect(article).toContain(`2.1 2d [${interpolateNearest1d(ramp(5), 10, 'nearest', 2.1).join(', ')}]`);
    expect(article).toContain(`1.1 1d [${interpolateNearest1d(ramp(5), 5, 'nearest', 1.1, false).join(', ')}]`);
    expect(article).toContain(`1.1 2d [${interpolateNearest1d(ramp(5), 5, 'nearest', 1.1).join(', ')}]`);
    expect(article).toContain(
      `[${scatter(true)
        .map((v) => v.toFixed(1))
        .join(', ')}]`,
    );
    expect(article).toContain(`$${scatter(false).join(',')}$`);
    expect(article).toContain(`$${scatter(true).join(',')}$`);
  });

  it('doubling repeats each pixel (the out = 2·in shortcut)', () => {
    expect(
      interpolateNearest2d(
        UPSAMPLING_DEMO.image.map((r) => [...r]),
        4,
        4,
        'nearest',
      ),
    ).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
  });
});

describe('PixelShuffle / PixelUnshuffle', () => {
  it('shuffles arange(16).view(1, 4, 2, 2) as PyTorch 1.13 does', () => {
    const input = [0, 1, 2, 3].map((k) => [
      [4 * k, 4 * k + 1],
      [4 * k + 2, 4 * k + 3],
    ]);
    expect(pixelShuffle(input, 2)).toEqual([
      [
        [0, 4, 1, 5],
        [8, 12, 9, 13],
        [2, 6, 3, 7],
        [10, 14, 11, 15],
      ],
    ]);
  });

  it('follows out[c, h·r + i, w·r + j] = in[c·r² + i·r + j, h, w] (hand-checked entries)', () => {
    // r = 3, output channel 1, y = 4 = 1·3 + 1, x = 8 = 2·3 + 2 → channel 9 + 3 + 2 = 14 at (1, 2).
    expect(pixelShuffleSource(1, 4, 8, 3)).toEqual([14, 1, 2]);
    expect(pixelShuffleSource(0, 0, 0, 2)).toEqual([0, 0, 0]);
    expect(pixelShuffleSource(0, 1, 0, 2)).toEqual([2, 0, 0]);
  });

  it('shapes: (C·r², H, W) → (C, H·r, W·r) and back', () => {
    const x = randomGrids(2 * 9, 4, 5, 1);
    const y = pixelShuffle(x, 3);
    expect([y.length, y[0]?.length, y[0]?.[0]?.length]).toEqual([2, 12, 15]);
    const z = pixelUnshuffle(y, 3);
    expect([z.length, z[0]?.length, z[0]?.[0]?.length]).toEqual([18, 4, 5]);
  });

  it('PixelUnshuffle ∘ PixelShuffle and PixelShuffle ∘ PixelUnshuffle are the identity', () => {
    for (const r of [2, 3]) {
      const x = randomGrids(3 * r * r, 3, 4, 10 + r);
      expect(pixelUnshuffle(pixelShuffle(x, r), r)).toEqual(x);
      const y = randomGrids(2, 3 * r, 2 * r, 20 + r);
      expect(pixelShuffle(pixelUnshuffle(y, r), r)).toEqual(y);
    }
  });

  it('rejects channel counts and sizes that r does not divide', () => {
    expect(() => pixelShuffle(randomGrids(3, 2, 2, 1), 2)).toThrow(RangeError);
    expect(() => pixelUnshuffle(randomGrids(1, 3, 4, 1), 2)).toThrow(RangeError);
  });
});

describe('transposed convolution', () => {
  it('q = (i + 2p − K) mod S (Dumoulin & Visin, Relationship 14) restores the conv input size', () => {
    for (let i = 4; i <= 20; i++) {
      for (const K of [1, 2, 3, 4, 5]) {
        for (const S of [1, 2, 3]) {
          for (const p of [0, 1, 2]) {
            if (i + 2 * p < K) continue;
            const o = Math.floor((i + 2 * p - K) / S) + 1;
            expect(convTransposeOutputSize(o, K, S, p, (i + 2 * p - K) % S)).toBe(i);
          }
        }
      }
    }
    // The article's example: K = 3, S = 2, p = 1 maps 7 and 8 to 4; q = 0 and 1 restore them.
    expect([7, 8].map((i) => (i + 2 - 3) % 2)).toEqual([0, 1]);
  });

  it('output size formula reproduces the sizes nn.ConvTranspose2d gave in PyTorch 1.13', () => {
    expect(convTransposeOutputSize(4, 3, 2, 1, 0)).toBe(7);
    expect(convTransposeOutputSize(4, 3, 2, 1, 1)).toBe(8);
    expect(convTransposeOutputSize(4, 4, 2, 1, 0)).toBe(8);
    expect(convTransposeOutputSize(4, 3, 2, 0, 0)).toBe(9);
    expect(convTransposeOutputSize(4, 4, 2, 0, 0)).toBe(10);
    expect(convTransposeOutputSize(4, 3, 1, 1, 0)).toBe(4);
    expect(convTransposeOutputSize(3, 3, 2, 1, 0, 2)).toBe(7);
    expect(() => convTransposeOutputSize(4, 3, 2, 1, 2)).toThrow(/output padding/);
  });

  it('the table rows of the article are printed as computed', () => {
    for (const [h, k, s, p, q] of [
      [4, 3, 2, 1, 0],
      [4, 3, 2, 1, 1],
      [4, 4, 2, 1, 0],
      [4, 3, 2, 0, 0],
      [4, 4, 2, 0, 0],
    ] as const) {
      expect(article).toContain(`| ${h} | ${k} | ${s} | ${p} | ${q} | ${convTransposeOutputSize(h, k, s, p, q)} |`);
    }
  });

  it('a stride-2 convolution maps 7 and 8 to 4, which output_padding 0/1 tells apart', () => {
    const w = [1, 1, 1];
    expect(conv1d(new Array(7).fill(0), w, 2, 1)).toHaveLength(4);
    expect(conv1d(new Array(8).fill(0), w, 2, 1)).toHaveLength(4);
  });

  it('is the adjoint of the strided convolution: ⟨conv(x), g⟩ = ⟨x, convT(g)⟩', () => {
    const u = mulberry32(3);
    for (const [n, k, s, p] of [
      [8, 3, 2, 1],
      [9, 4, 2, 1],
      [10, 5, 3, 2],
    ] as const) {
      const x = Array.from({ length: n }, () => u() - 0.5);
      const w = Array.from({ length: k }, () => u() - 0.5);
      const y = conv1d(x, w, s, p);
      const g = Array.from({ length: y.length }, () => u() - 0.5);
      // Pick output_padding so the transposed output has the input's length again.
      const q = n - convTransposeOutputSize(y.length, k, s, p, 0);
      const xt = convTranspose1d(g, w, s, p, q);
      expect(xt).toHaveLength(n);
      const lhs = y.reduce((acc, v, i) => acc + v * (g[i] ?? 0), 0);
      const rhs = x.reduce((acc, v, i) => acc + v * (xt[i] ?? 0), 0);
      expect(lhs).toBeCloseTo(rhs, 12);
    }
  });
});

describe('overlap counts and checkerboard', () => {
  it('2× nearest then a 3-tap conv: phase sub-kernels differ, their sums do not (constant 6 inside)', () => {
    const up = interpolateNearest1d(new Array(6).fill(1), 12, 'nearest');
    // PyTorch 1.13: F.conv1d(F.interpolate(ones(1,1,6), scale_factor=2), (1,2,3), padding=1).
    expect(conv1d(up, [1, 2, 3], 1, 1)).toEqual([5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 3]);
    // Sub-kernels on the low-resolution input: even outputs (w0, w1 + w2), odd (w0 + w1, w2).
    const x = [3, -1, 4, 1, -5, 9];
    const y = conv1d(interpolateNearest1d(x, 12, 'nearest'), [1, 2, 3], 1, 1);
    for (let m = 1; m < 5; m++) {
      expect(y[2 * m]).toBe(1 * (x[m - 1] ?? 0) + (2 + 3) * (x[m] ?? 0));
      expect(y[2 * m + 1]).toBe((1 + 2) * (x[m] ?? 0) + 3 * (x[m + 1] ?? 0));
    }
  });

  it('1D counts match the PyTorch 1.13 run of overlap_counts.py', () => {
    expect(overlapCounts1d(4, 3, 2)).toEqual([1, 1, 2, 1, 2, 1, 2, 1, 1]);
    expect(overlapCounts1d(4, 4, 2)).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(overlapCounts1d(4, 3, 2, 1, 1)).toEqual([1, 2, 1, 2, 1, 2, 1, 1]);
  });

  it('interior counts are ⌈(K − φ)/s⌉ with φ = (t + p) mod s', () => {
    for (const [k, s, p] of [
      [3, 2, 0],
      [4, 2, 1],
      [5, 3, 1],
      [7, 3, 0],
    ] as const) {
      const counts = overlapCounts1d(12, k, s, p);
      // Interior: positions every input can reach, away from both ends.
      for (let t = k; t < counts.length - k; t++) {
        const phi = (t + p) % s;
        expect(counts[t], `K=${k} s=${s} t=${t}`).toBe(Math.ceil((k - phi) / s));
      }
    }
  });

  it('2D counts are the outer product of the 1D counts (PyTorch 1.13: 1, 2, 4 for kernel 3)', () => {
    const c3 = overlapCounts2d(4, 3, 2);
    const c1 = overlapCounts1d(4, 3, 2);
    c3.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBe((c1[i] ?? 0) * (c1[j] ?? 0));
      });
    });
    expect(c3[2]).toEqual([2, 2, 4, 2, 4, 2, 4, 2, 2]);
    expect(
      new Set(
        overlapCounts2d(4, 4, 2)
          .slice(2, 8)
          .flatMap((r) => r.slice(2, 8)),
      ),
    ).toEqual(new Set([4]));
  });

  it('constant input: interior output is the phase sum of the kernel (PyTorch 1.13 phase_sums.py)', () => {
    expectClose(convTranspose1d(new Array(6).fill(1), [0.5, 1, 0.5], 2), [0.5, ...new Array(11).fill(1), 0.5], 12);
    expect(convTranspose1d(new Array(6).fill(1), [1, 2, 3, 4], 2)).toEqual([1, 2, 4, 6, 4, 6, 4, 6, 4, 6, 4, 6, 3, 4]);
  });
});

describe('max-unpooling', () => {
  const x = UPSAMPLING_DEMO.poolInput.map((r) => [...r]);

  it('pool values, flat indices and unpooled plane match the PyTorch 1.13 run', () => {
    const { values, indices } = maxPool2dWithIndices(x, 2);
    expect(values).toEqual([
      [5, 8],
      [9, 3],
    ]);
    expect(indices).toEqual([
      [1, 6],
      [9, 14],
    ]);
    expect(maxUnpool2d(values, indices, 4, 4)).toEqual([
      [0, 5, 0, 0],
      [0, 0, 8, 0],
      [0, 9, 0, 0],
      [0, 0, 3, 0],
    ]);
  });

  it('an odd width alone can misplace values without an error (4×5 input)', () => {
    const x = zeros(4, 5);
    for (const [v, r, c] of [
      [5, 0, 1],
      [8, 1, 3],
      [9, 2, 0],
      [3, 2, 2],
    ] as const) {
      (x[r] as number[])[c] = v;
    }
    const { values, indices } = maxPool2dWithIndices(x, 2);
    // PyTorch 1.13: indices [[1, 8], [10, 12]]; max_unpool2d(y, i, 2) returns 4×4 without error.
    expect(indices).toEqual([
      [1, 8],
      [10, 12],
    ]);
    expect(maxUnpool2d(values, indices, 4, 4)).toEqual([
      [0, 5, 0, 0],
      [0, 0, 0, 0],
      [8, 0, 9, 0],
      [3, 0, 0, 0],
    ]);
    expect(maxUnpool2d(values, indices, 4, 5)).toEqual(x);
    expect(article).toContain(`$${indices.flat().join(', ')}$`);
  });

  it('an odd-sized input needs output_size: indices 16 and 18 do not fit in 4×4', () => {
    const x5 = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => 5 * i + j));
    const { values, indices } = maxPool2dWithIndices(x5, 2);
    expect(indices).toEqual([
      [6, 8],
      [16, 18],
    ]);
    // PyTorch 1.13 names 18 in its message; this loop meets 16 first. Both lie outside 0..15.
    expect(() => maxUnpool2d(values, indices, 4, 4)).toThrow(/Found an invalid max index: 1[68]/);
    expect(article).toContain(`$${indices.flat().join(', ')}$`);
    expect(maxUnpool2d(values, indices, 5, 5)[3]?.[3]).toBe(18);
  });
});

describe('every printed number occurs in the article', () => {
  it('interpolation outputs', () => {
    const x = [...UPSAMPLING_DEMO.signal];
    for (const ac of [false, true]) {
      const row = interpolateLinear1d(x, 6, ac);
      expect(article).toContain(`tensor([[[${torchRow(row)}]]])`);
      expect(article).toContain(`| ${torchRow(row).replaceAll(', ', ' | ')} |`);
    }
    expect(article).toContain(`tensor([[[${torchRow(interpolateLinear1d(ramp(3), 6, false))}]]])`);
    expect(article).toContain(`tensor([[[${torchRow(interpolateLinear1d(ramp(5), 8, false, 1.7))}]]])`);
    expect(article).toContain(`tensor([[[${torchRow(interpolateLinear1d(ramp(5), 8, false))}]]])`);
    for (const mode of ['nearest', 'nearest-exact'] as const) {
      expect(article).toContain(`tensor([[[${torchIntRow(interpolateNearest1d(ramp(6), 2, mode))}]]])`);
      expect(article).toContain(`tensor([[[${torchIntRow(interpolateNearest1d(ramp(3), 5, mode))}]]])`);
    }
    expect(article).toContain(`$${interpolateNearest1d(ramp(5), 8, 'nearest', 1.7).join(',')}$`);
    expect(article).toContain(`$${interpolateNearest1d(ramp(5), 8, 'nearest').join(',')}$`);
    const img = UPSAMPLING_DEMO.image.map((r) => [...r]);
    for (const ac of [false, true]) {
      const out = interpolateBilinear2d(img, 4, 4, ac);
      for (const i of [0, 1]) expect(article).toContain(`\`${torchRow(out[i] ?? [])}\``);
    }
    // Source indices quoted in the text.
    expect(article).toContain(`${sourceIndex(1 / 1.7, 7, false).toFixed(4)}`);
    expect(article).toContain(`${sourceIndex(0.625, 7, false)}`);
    expect(article).toContain(`${(1 / 1.7).toFixed(4)}`);
  });

  it('PixelShuffle, overlap counts, phase sums and unpooling', () => {
    const input = [0, 1, 2, 3].map((k) => [
      [4 * k, 4 * k + 1],
      [4 * k + 2, 4 * k + 3],
    ]);
    for (const row of pixelShuffle(input, 2)[0] ?? []) expect(article).toContain(`[${torchIntRow(row, 3)}]`);
    expect(article).toContain(`tensor([[[${torchIntRow(overlapCounts1d(4, 3, 2))}]]])`);
    expect(article).toContain(`tensor([[[${torchIntRow(overlapCounts1d(4, 4, 2))}]]])`);
    expect(article).toContain(`tensor([[[${torchIntRow(convTranspose1d(new Array(6).fill(1), [1, 2, 3, 4], 2))}]]])`);
    const { values, indices } = maxPool2dWithIndices(
      UPSAMPLING_DEMO.poolInput.map((r) => [...r]),
      2,
    );
    for (const row of maxUnpool2d(values, indices, 4, 4)) expect(article).toContain(`[${torchIntRow(row)}]`);
    for (const row of indices) expect(article).toContain(`[${row.map((v) => String(v).padStart(2)).join(', ')}]`);
  });
});
