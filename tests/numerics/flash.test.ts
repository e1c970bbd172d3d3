import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ARTICLE_WIDTH,
  causalLinearAttention,
  causalLinearCost,
  chunkwiseLinearAttention,
  coverage,
  coverageCounts,
  dot,
  FLASH_PAPER,
  flashArticleNumbers,
  type GauParams,
  gauForward,
  gauParamCount,
  gauProjectionMacsPerToken,
  HAND_EXAMPLE,
  handExample,
  type Matrix,
  type MixedChunkInput,
  type MixedChunkOptions,
  matmul,
  maxAbs,
  maxAbsDiff,
  memoryOptimalChunk,
  mixedChunkAttention,
  mixedChunkCost,
  mixedChunkDecode,
  mixedChunkReference,
  mixedChunkWeights,
  PATTERN_DEMO,
  quadraticBreakEven,
  quadraticCost,
  randomGauParams,
  randomMatrix,
  randomMixedChunkInput,
  relu2,
  reluSquaredAttention,
  scaleOffset,
  silu,
  transformerLayerParamCount,
} from '../../src/numerics/flash';

const article = readFileSync(new URL('../../content/flash-gau.md', import.meta.url), 'utf8');

function el(m: Matrix, i: number, c: number): number {
  const x = m[i]?.[c];
  if (x === undefined) throw new Error(`no entry (${i}, ${c})`);
  return x;
}

/** Transpose of a matrix. */
function transpose(m: Matrix): number[][] {
  return (m[0] ?? []).map((_, c) => m.map((r) => r[c] ?? 0));
}

/** Relative agreement: max |a − b| over max |b|, so a test does not depend on the output scale. */
function relDiff(a: Matrix, b: Matrix): number {
  return maxAbsDiff(a, b) / Math.max(maxAbs(b), 1e-300);
}

/** Softmax attention with the same pair loop, as the comparison point for relu². */
function softmaxAttention(q: Matrix, k: Matrix, v: Matrix, shift: (i: number) => number = () => 0): number[][] {
  return q.map((qi, i) => {
    const scores = k.map((kj) => dot(qi, kj) + shift(i));
    const m = Math.max(...scores);
    const w = scores.map((s) => Math.exp(s - m));
    const z = w.reduce((a, b) => a + b, 0);
    return (v[0] ?? []).map((_, c) => w.reduce((acc, wj, j) => acc + (wj / z) * el(v, j, c), 0));
  });
}

describe('building blocks', () => {
  it('matmul, silu and relu² match hand values', () => {
    expect(
      matmul(
        [
          [1, 2],
          [3, 4],
        ],
        [[5], [6]],
      ),
    ).toEqual([[17], [39]]);
    expect(silu(0)).toBe(0);
    expect(silu(1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    expect(relu2(3)).toBe(9);
    expect(relu2(-3)).toBe(0);
    expect(relu2(0)).toBe(0);
    expect(() => matmul([[1, 2]], [[1, 2]])).toThrow(RangeError);
  });

  it('scale and offset act per dimension, like the affine part of LayerNorm', () => {
    expect(
      scaleOffset(
        [
          [1, 2],
          [3, -1],
        ],
        [2, 0.5],
        [0, 1],
      ),
    ).toEqual([
      [2, 2],
      [6, 0.5],
    ]);
  });

  it('the score of two scale-offset views of one z splits into four terms (diagonal form, key term, query term, constant)', () => {
    const z = randomMatrix(6, 5, 11);
    const [gq, bq, gk, bk] = [21, 22, 23, 24].map((s) => randomMatrix(1, 5, s)[0] ?? []) as [
      number[],
      number[],
      number[],
      number[],
    ];
    const q = scaleOffset(z, gq, bq);
    const k = scaleOffset(z, gk, bk);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        const zi = z[i] ?? [];
        const zj = z[j] ?? [];
        const diagonal = zi.reduce((acc, x, c) => acc + x * (gq[c] ?? 0) * (gk[c] ?? 0) * (zj[c] ?? 0), 0);
        const keyTerm = zj.reduce((acc, x, c) => acc + (gk[c] ?? 0) * (bq[c] ?? 0) * x, 0);
        const queryTerm = zi.reduce((acc, x, c) => acc + (gq[c] ?? 0) * (bk[c] ?? 0) * x, 0);
        const constant = dot(bq, bk);
        expect(dot(q[i] ?? [], k[j] ?? [])).toBeCloseTo(diagonal + keyTerm + queryTerm + constant, 12);
      }
    }
  });
});

describe('squared-ReLU attention', () => {
  it('matches a hand-computed case, with and without the causal mask', () => {
    // q·k scores: row 0: (1, −1); row 1: (2, −2). relu² keeps only the positive ones.
    const q = [[1], [2]];
    const k = [[1], [-1]];
    const v = [[10], [100]];
    expect(reluSquaredAttention(q, k, v, { causal: false, divisor: 1 })).toEqual([[10], [40]]);
    expect(reluSquaredAttention(q, k, v, { causal: false, divisor: 2 })).toEqual([[2.5], [10]]);
    // A bias of +2 on the diagonal offset only: relu²(1 + 2) = 9, relu²(−2 + 2) = 0.
    const bias = (offset: number) => (offset === 0 ? 2 : 0);
    expect(reluSquaredAttention(q, k, v, { causal: true, divisor: 1, bias })).toEqual([[90], [40]]);
  });

  it('is not normalized over keys: the weights of a row do not sum to 1', () => {
    const q = randomMatrix(8, 4, 31);
    const k = randomMatrix(8, 4, 32);
    const ones = q.map(() => [1]);
    const rowSums = reluSquaredAttention(q, k, ones, { causal: false, divisor: 1 }).map((r) => r[0] ?? 0);
    expect(rowSums.some((s) => Math.abs(s - 1) > 0.1)).toBe(true);
    const softSums = softmaxAttention(q, k, ones).map((r) => r[0] ?? 0);
    for (const s of softSums) expect(s).toBeCloseTo(1, 12);
  });

  it('gives exact zeros: about half the weights for scores symmetric about zero', () => {
    const q = randomMatrix(64, 16, 41);
    const k = randomMatrix(64, 16, 42);
    let zeros = 0;
    for (const qi of q) for (const kj of k) if (relu2(dot(qi, kj)) === 0) zeros++;
    const fraction = zeros / (64 * 64);
    expect(fraction).toBeGreaterThan(0.45);
    expect(fraction).toBeLessThan(0.55);
  });

  it('is homogeneous of degree 2: scaling all scores by c scales the output by c²', () => {
    const q = randomMatrix(7, 3, 51);
    const k = randomMatrix(7, 3, 52);
    const v = randomMatrix(7, 2, 53);
    const base = reluSquaredAttention(q, k, v, { causal: true, divisor: 1 });
    for (const c of [0.5, 3]) {
      const scaled = reluSquaredAttention(
        q.map((r) => r.map((x) => c * x)),
        k,
        v,
        { causal: true, divisor: 1 },
      );
      expect(
        relDiff(
          scaled,
          base.map((r) => r.map((x) => c * c * x)),
        ),
      ).toBeLessThan(1e-13);
      // Dividing the scores by c is the same as multiplying the output by 1/c².
      const divided = reluSquaredAttention(q, k, v, { causal: true, divisor: c });
      expect(
        relDiff(
          divided,
          base.map((r) => r.map((x) => x / (c * c))),
        ),
      ).toBeLessThan(1e-13);
    }
  });

  it('a per-query shift of the scores leaves softmax unchanged but changes relu²', () => {
    const q = randomMatrix(6, 3, 61);
    const k = randomMatrix(6, 3, 62);
    const v = randomMatrix(6, 2, 63);
    const shift = (i: number) => 0.3 * (i - 2);
    expect(relDiff(softmaxAttention(q, k, v, shift), softmaxAttention(q, k, v))).toBeLessThan(1e-13);
    // For relu², fold the shift into the bias of every pair (i, j): it depends on i only.
    const shifted = q.map((qi, i) =>
      (v[0] ?? []).map((_, c) => k.reduce((acc, kj, j) => acc + relu2(dot(qi, kj) + shift(i)) * el(v, j, c), 0)),
    );
    const plain = reluSquaredAttention(q, k, v, { causal: false, divisor: 1 });
    expect(maxAbsDiff(shifted, plain)).toBeGreaterThan(0.01);
  });

  it('depends on the length through the 1/L scaling: n identical tokens give x²/n, softmax gives v', () => {
    const x = 3;
    for (const n of [FLASH_PAPER.shortContext, 4 * FLASH_PAPER.shortContext]) {
      const q = Array.from({ length: n }, () => [Math.sqrt(x)]);
      const k = q;
      const v = Array.from({ length: n }, () => [1]);
      const out = reluSquaredAttention(q, k, v, { causal: false, divisor: n });
      expect(el(out, 0, 0)).toBeCloseTo((x * x) / n, 14);
      expect(el(softmaxAttention(q.slice(0, 64), k.slice(0, 64), v.slice(0, 64)), 0, 0)).toBeCloseTo(1, 14);
    }
    const p = flashArticleNumbers();
    expect(p.repeatedShort).toBe('0.0176');
    expect(p.repeatedLong).toBe('0.0044');
    expect(article).toContain(
      `取 $x=${p.repeatedScore}$：$n=512$ 时系数是 $${p.repeatedShort}$，$n=2048$ 时是 $${p.repeatedLong}$，长度变为 4 倍，输出缩小到 1/4`,
    );
  });
});

describe('gated attention unit', () => {
  it('matches a 2-token, 1-dimensional case computed by hand', () => {
    const p: GauParams = {
      wU: [[1]],
      wV: [[1]],
      wZ: [[1]],
      gammaQ: [1],
      betaQ: [0],
      gammaK: [1],
      betaK: [0],
      wO: [[2]],
    };
    const s1 = 1 / (1 + Math.exp(-1));
    const s2 = 2 / (1 + Math.exp(-2));
    const z = [s1, s2];
    // Â_ij = relu²(z_i z_j / 2), V̂ = ÂV with v = z, O = 2 · u ⊙ V̂ with u = z.
    const expected = z.map((zi) => 2 * zi * z.reduce((acc, zj) => acc + ((zi * zj) / 2) ** 2 * zj, 0));
    const out = gauForward([[1], [2]], p, false).out;
    expect(el(out, 0, 0)).toBeCloseTo(expected[0] ?? 0, 14);
    expect(el(out, 1, 0)).toBeCloseTo(expected[1] ?? 0, 14);
    // Causal: token 0 sees only itself.
    const causal = gauForward([[1], [2]], p, true).out;
    expect(el(causal, 0, 0)).toBeCloseTo(2 * s1 * ((s1 * s1) / 2) ** 2 * s1, 14);
  });

  it('computes O = (U ⊙ ÂV) W_o with Â = relu²(QKᵀ/L + b), checked against independent loops', () => {
    const L = 6;
    const D = 4;
    const x = randomMatrix(L, D, 71);
    const p = { ...randomGauParams(D, 3, 5, 72), bias: (t: number) => 0.05 * t };
    for (const causal of [false, true]) {
      const t = gauForward(x, p, causal);
      const vHat = t.q.map((qi, i) =>
        (t.v[0] ?? []).map((_, c) =>
          t.k.reduce(
            (acc, kj, j) => (causal && j > i ? acc : acc + relu2(dot(qi, kj) / L + 0.05 * (i - j)) * el(t.v, j, c)),
            0,
          ),
        ),
      );
      expect(relDiff(t.vHat, vHat)).toBeLessThan(1e-14);
      const gated = t.u.map((ui, i) => ui.map((g, c) => g * el(vHat, i, c)));
      expect(relDiff(t.out, matmul(gated, p.wO))).toBeLessThan(1e-13);
    }
  });

  it('the gate rescales one shared Â per channel: channel c mixes with diag(U[:, c]) Â', () => {
    const L = 5;
    const x = randomMatrix(L, 3, 81);
    const p = randomGauParams(3, 2, 4, 82);
    const t = gauForward(x, p, false);
    const a = t.q.map((qi) => t.k.map((kj) => relu2(dot(qi, kj) / L)));
    for (let c = 0; c < 4; c++) {
      for (let i = 0; i < L; i++) {
        const viaChannelMatrix = a[i]?.reduce((acc, aij, j) => acc + el(t.u, i, c) * aij * el(t.v, j, c), 0) ?? 0;
        expect(el(t.u, i, c) * el(t.vHat, i, c)).toBeCloseTo(viaChannelMatrix, 13);
      }
    }
  });

  it('causal GAU ignores future tokens; non-causal does not', () => {
    const x = randomMatrix(8, 4, 91);
    const p = randomGauParams(4, 3, 6, 92);
    const changed = x.map((r, i) => (i >= 5 ? r.map((v) => v + 1) : r));
    const a = gauForward(x, p, true).out;
    const b = gauForward(changed, p, true).out;
    expect(maxAbsDiff(a.slice(0, 5), b.slice(0, 5))).toBe(0);
    expect(
      maxAbsDiff(gauForward(x, p, false).out.slice(0, 5), gauForward(changed, p, false).out.slice(0, 5)),
    ).toBeGreaterThan(1e-6);
  });

  it('two GAUs with d_v = 2D have about the weights of one MHSA + FFN layer', () => {
    const D = ARTICLE_WIDTH;
    // 12 D² = 12 · 589,824; one GAU: 3·768·1536 + 768·128 + 4·128.
    expect(transformerLayerParamCount(D)).toBe(7_077_888);
    expect(gauParamCount(D, 128, 2 * D)).toBe(3_538_944 + 98_304 + 512);
    const p = flashArticleNumbers();
    expect(p.twoGauParams).toBe('7,275,520');
    expect(p.gauOverTransformerPercent).toBe('2.8');
    expect(p.gauOverMhsaMix).toBe('2.17');
    expect(article).toContain(
      `以 $D=${p.D}$ 为例：一层 Transformer 有 $${p.transformerParams.replaceAll(',', '{,}')}$ 个权重，两层 GAU 有 $${p.twoGauParams.replaceAll(',', '{,}')}$ 个，多出 ${p.gauOverTransformerPercent}%，几乎全部来自两层的 $W_z$（每层 $${p.sharedZParams.replaceAll(',', '{,}')}$ 个）`,
    );
    expect(article).toContain(
      `$D=${p.D}$ 时前者是 $${p.mhsaMixPerToken}L$，后者是 $${p.gauMixPerToken}L$，是前者的 ${p.gauOverMhsaMix} 倍`,
    );
  });
});

const SHAPES = [
  { L: 12, C: 4, d: 3, dv: 2 },
  { L: 24, C: 6, d: 5, dv: 3 },
  { L: 32, C: 8, d: 4, dv: 7 },
  { L: 30, C: 5, d: 2, dv: 4 },
] as const;

describe('mixed chunk attention', () => {
  it('chunk by chunk equals the direct per-pair computation to 1e-12, causal and not, with a position bias', () => {
    SHAPES.forEach(({ L, C, d, dv }, s) => {
      const x = randomMixedChunkInput(L, d, dv, 100 + 10 * s);
      for (const causal of [true, false]) {
        const o: MixedChunkOptions = {
          chunk: C,
          causal,
          quadDivisor: C,
          linDivisor: C,
          bias: (t) => 0.2 * Math.cos(t),
        };
        const chunked = mixedChunkAttention(x, o);
        expect(relDiff(chunked.output, mixedChunkReference(x, o)), `${L}/${C} causal=${causal}`).toBeLessThan(1e-12);
        expect(chunked.stateUpdates).toBe(causal ? L / C : 0);
      }
    });
  });

  it('causal: no output depends on a later token, whichever chunk the change falls in', () => {
    const L = 24;
    const C = 6;
    const x = randomMixedChunkInput(L, 4, 3, 200);
    const o: MixedChunkOptions = { chunk: C, causal: true, quadDivisor: C, linDivisor: C };
    const base = mixedChunkAttention(x, o).output;
    for (const p of [3, 6, 13, 23]) {
      const bump = (m: Matrix) => m.map((r, i) => (i > p ? r.map((v) => v + 0.7) : r));
      const changed: MixedChunkInput = {
        qQuad: bump(x.qQuad),
        kQuad: bump(x.kQuad),
        qLin: bump(x.qLin),
        kLin: bump(x.kLin),
        v: bump(x.v),
      };
      const out = mixedChunkAttention(changed, o).output;
      expect(maxAbsDiff(out.slice(0, p + 1), base.slice(0, p + 1))).toBe(0);
      if (p < L - 1) expect(maxAbsDiff(out.slice(p + 1), base.slice(p + 1))).toBeGreaterThan(0);
    }
  });

  it('the hand example gives 0.25, 3, 5.5, 5 and the weight matrix of the article', () => {
    const { input, options } = handExample();
    const out = mixedChunkAttention(input, options);
    expect(out.output.map((r) => r[0])).toEqual([0.25, 3, 5.5, 5]);
    expect(out.stateUpdates).toBe(2);
    expect(mixedChunkWeights(input, options)).toEqual([
      [0.25, 0, 0, 0],
      [1, 1, 0, 0],
      [0.5, 1, 1, 0],
      [1, 2, 0, 0],
    ]);
    expect(HAND_EXAMPLE.chunk).toBe(2);
    const p = flashArticleNumbers();
    expect(p.handState).toBe('2.5');
    const rows = p.handWeights.map((r) => r.join('&')).join('\\\\');
    expect(article).toContain(`W=\\begin{pmatrix}${rows}\\end{pmatrix},\\qquad Wv=(${p.handOut.join(',\\ ')})^\\top`);
    expect(article).toContain(`$M_1=(k^{\\mathrm{lin}}_1v_1+k^{\\mathrm{lin}}_2v_2)/2=(1+4)/2=${p.handState}$`);
    expect(article).toContain(`输出 $${p.handOut[2]}$`);
    expect(article).toContain(`只剩块间部分 $2\\cdot${p.handState}=${p.handOut[3]}$`);
    expect(article).toContain(
      '$q^{\\mathrm{quad}}=(1,2,1,-1)$，$k^{\\mathrm{quad}}=(1,1,2,1)$，$q^{\\mathrm{lin}}=(1,0.5,1,2)$，$k^{\\mathrm{lin}}=(1,2,1,1)$，$v=(1,2,3,4)$',
    );
  });

  it('with the linear similarity inside chunks too, it is token-level causal linear attention with G instead of L steps', () => {
    const L = 24;
    const q = randomMatrix(L, 4, 301);
    const k = randomMatrix(L, 4, 302);
    const v = randomMatrix(L, 3, 303);
    const tokenLevel = causalLinearAttention(q, k, v, 6);
    expect(tokenLevel.stateUpdates).toBe(L);
    for (const C of [1, 2, 4, 6, 8, 24]) {
      const chunked = chunkwiseLinearAttention(q, k, v, C, 6);
      expect(relDiff(chunked.output, tokenLevel.output)).toBeLessThan(1e-12);
      expect(chunked.stateUpdates).toBe(L / C);
    }
  });

  it('the chunk states equal the chunk summaries times a G × G mask: strictly lower-triangular (causal) or all ones', () => {
    const L = 24;
    const C = 6;
    const G = L / C;
    const x = randomMixedChunkInput(L, 3, 2, 700);
    // Zero quadratic queries and no bias make the local part relu²(0) = 0: only the global part is left.
    const globalOnly: MixedChunkInput = { ...x, qQuad: x.qQuad.map((r) => r.map(() => 0)) };
    const summaries = Array.from({ length: G }, (_, h) =>
      matmul(transpose(x.kLin.slice(h * C, (h + 1) * C)), x.v.slice(h * C, (h + 1) * C)).map((r) =>
        r.map((e) => e / C),
      ),
    );
    for (const causal of [true, false]) {
      const mask = (g: number, h: number) => (causal ? (h < g ? 1 : 0) : 1);
      const expected = x.qLin.map((qi, i) => {
        const g = Math.floor(i / C);
        const context = summaries.reduce(
          (acc, s, h) => acc.map((r, a) => r.map((e, c) => e + mask(g, h) * el(s, a, c))),
          summaries[0]?.map((r) => r.map(() => 0)) ?? [],
        );
        return matmul([qi], context)[0] ?? [];
      });
      const out = mixedChunkAttention(globalOnly, { chunk: C, causal, quadDivisor: C, linDivisor: C }).output;
      expect(relDiff(out, expected), `causal=${causal}`).toBeLessThan(1e-12);
    }
  });

  it('C = L (causal) is full relu² attention with the 1/L scaling; C = 1 needs L state updates', () => {
    const L = 10;
    const x = randomMixedChunkInput(L, 3, 2, 401);
    const full = mixedChunkAttention(x, { chunk: L, causal: true, quadDivisor: L, linDivisor: L });
    const quad = reluSquaredAttention(x.qQuad, x.kQuad, x.v, { causal: true, divisor: L });
    expect(relDiff(full.output, quad)).toBeLessThan(1e-14);
    const tiny = mixedChunkAttention(x, { chunk: 1, causal: true, quadDivisor: 1, linDivisor: 1 });
    expect(tiny.stateUpdates).toBe(L);
    expect(
      relDiff(tiny.output, mixedChunkReference(x, { chunk: 1, causal: true, quadDivisor: 1, linDivisor: 1 })),
    ).toBeLessThan(1e-12);
  });

  it('padding: an extra chunk at the end changes nothing causally, but leaks into the non-causal global sum unless masked', () => {
    const L = 12;
    const C = 4;
    const x = randomMixedChunkInput(L + C, 3, 2, 501);
    const real: MixedChunkInput = {
      qQuad: x.qQuad.slice(0, L),
      kQuad: x.kQuad.slice(0, L),
      qLin: x.qLin.slice(0, L),
      kLin: x.kLin.slice(0, L),
      v: x.v.slice(0, L),
    };
    const masked: MixedChunkInput = { ...x, kLin: x.kLin.map((r, i) => (i >= L ? r.map(() => 0) : r)) };
    for (const causal of [true, false]) {
      const o: MixedChunkOptions = { chunk: C, causal, quadDivisor: C, linDivisor: C };
      const truth = mixedChunkAttention(real, o).output;
      const padded = mixedChunkAttention(x, o).output.slice(0, L);
      if (causal) expect(maxAbsDiff(padded, truth)).toBe(0);
      else expect(maxAbsDiff(padded, truth)).toBeGreaterThan(1e-3);
      expect(relDiff(mixedChunkAttention(masked, o).output.slice(0, L), truth)).toBeLessThan(1e-13);
    }
  });

  it('decoding token by token with at most C cached tokens and one state reproduces the causal output', () => {
    for (const { L, C, d, dv } of SHAPES) {
      const x = randomMixedChunkInput(L, d, dv, 600 + L);
      const o: MixedChunkOptions = { chunk: C, causal: true, quadDivisor: C, linDivisor: C, bias: (t) => 0.1 * t };
      const decoded = mixedChunkDecode(x, o);
      expect(relDiff(decoded.output, mixedChunkAttention(x, o).output)).toBeLessThan(1e-12);
      expect(decoded.maxCached).toBe(C);
    }
    const x = randomMixedChunkInput(8, 2, 2, 9);
    expect(() => mixedChunkDecode(x, { chunk: 4, causal: false, quadDivisor: 4, linDivisor: 4 })).toThrow(RangeError);
  });

  it('rejects a length that is not a multiple of the chunk size', () => {
    const x = randomMixedChunkInput(10, 2, 2, 1);
    expect(() => mixedChunkAttention(x, { chunk: 4, causal: true, quadDivisor: 4, linDivisor: 4 })).toThrow(RangeError);
  });
});

describe('coverage pattern', () => {
  it('matches the closed forms: causal G·C(C+1)/2 local, C²·G(G−1)/2 global; non-causal G·C² both', () => {
    for (const [L, C] of [
      [16, 4],
      [24, 6],
      [12, 1],
      [8, 8],
    ] as const) {
      const G = L / C;
      expect(coverageCounts(L, C, true)).toEqual({
        local: (G * C * (C + 1)) / 2,
        global: (C * C * G * (G - 1)) / 2,
        both: 0,
        none: L * L - (G * C * (C + 1)) / 2 - (C * C * G * (G - 1)) / 2,
      });
      expect(coverageCounts(L, C, false)).toEqual({ local: 0, global: L * L - G * C * C, both: G * C * C, none: 0 });
    }
    expect(coverage(5, 4, 4, true)).toBe('local');
    expect(coverage(4, 5, 4, true)).toBe('none');
    expect(coverage(8, 3, 4, true)).toBe('global');
    expect(coverage(5, 6, 4, false)).toBe('both');
  });

  it('the caption of the pattern figure quotes these counts', () => {
    const p = flashArticleNumbers();
    expect(PATTERN_DEMO).toEqual({ L: 16, C: 4 });
    expect([p.causalLocal, p.causalGlobal, p.causalNone, p.bidiBoth, p.bidiGlobal]).toEqual([
      '40',
      '96',
      '120',
      '64',
      '192',
    ]);
    expect(article).toContain(`$L=${p.patternL}$、$C=${p.patternC}$（$G=${p.patternG}$）`);
    expect(article).toContain(`（${p.causalLocal} 对）`);
    expect(article).toContain(`（${p.causalGlobal} 对）`);
    expect(article).toContain(`其余 ${p.causalNone} 对被掩码`);
    expect(article).toContain(`块外的 ${p.bidiGlobal} 对只有线性部分`);
    expect(article).toContain(`（${p.bidiBoth} 对）两部分都有`);
  });
});

describe('cost model', () => {
  const shape = { L: 8192, C: 256, d: 128, dv: 1536 };

  it('matches hand-multiplied counts at L = 8192', () => {
    expect(quadraticCost(shape)).toEqual({ macs: 111_669_149_696, prefixLength: 0, intermediateFloats: 67_108_864 });
    expect(causalLinearCost(shape)).toEqual({
      macs: 3_221_225_472,
      prefixLength: 8192,
      intermediateFloats: 1_610_612_736,
    });
    // Local 32 · 256² · 1664 = 3,489,660,928; global 2 · 8192 · 128 · 1536 = 3,221,225,472.
    expect(mixedChunkCost(shape, true)).toEqual({
      macs: 3_489_660_928 + 3_221_225_472,
      prefixLength: 32,
      intermediateFloats: 2_097_152 + 32 * 196_608,
    });
    expect(mixedChunkCost(shape, false).prefixLength).toBe(0);
    expect(gauProjectionMacsPerToken(768, 128, 1536)).toBe(768 * (3072 + 128) + 1536 * 768);
  });

  it('the break-even length equates quadratic and mixed cost, and the memory-optimal chunk is a minimum', () => {
    const Ls = quadraticBreakEven(256, 128, 1536);
    expect(Ls).toBeCloseTo(256 + 393_216 / 1664, 10);
    expect(Ls * (128 + 1536)).toBeCloseTo(256 * (128 + 1536) + 2 * 128 * 1536, 6);
    const peak = (C: number) => 8192 * C + (8192 / C) * 128 * 1536;
    const best = memoryOptimalChunk(128, 1536);
    expect(best).toBeCloseTo(443.405, 3);
    expect(peak(best)).toBeLessThan(peak(best - 1));
    expect(peak(best)).toBeLessThan(peak(best + 1));
    // The sum is what the model counts; the larger single term has its minimum at the same C.
    expect(mixedChunkCost({ L: 8192, C: 256, d: 128, dv: 1536 }, true).intermediateFloats).toBe(peak(256));
    const largest = (C: number) => Math.max(8192 * C, (8192 / C) * 128 * 1536);
    for (const C of [best - 1, best + 1, 256, 512]) expect(largest(best)).toBeLessThan(largest(C));
    // At L = 8192 the largest single tensor is the 32 stacked states, not the scores.
    expect(largest(256)).toBe(32 * 128 * 1536);
  });

  it('the cost table of the article is printed from the model', () => {
    const p = flashArticleNumbers();
    expect(p.rows.map((r) => r.quadMacs)).toEqual(['0.85', '3.41', '13.63']);
    expect(p.rows.map((r) => r.mixedPeak)).toEqual(['0.52', '2.10', '8.39']);
    for (const r of p.rows) {
      const line = `| ${r.L} | ${r.quadMacs} | ${r.mixedMacs} | ${r.linMacs} | ${r.linPrefix} / ${r.mixedPrefix} | ${r.quadPeak} / ${r.linPeak} / ${r.mixedPeak} |`;
      expect(article, line).toContain(line);
    }
  });

  it('the article quotes the ratios and the break-even length from the model', () => {
    const p = flashArticleNumbers();
    expect(p.breakEven).toBe('492');
    expect(p.quadOverMixedLong).toBe('16.6');
    expect(p.prefixRatioLong).toBe('256');
    expect(p.linPeakLongGiB).toBe('6.0');
    expect(p.memoryOptimalChunk).toBe('443');
    expect(article).toContain(`$L^\\ast\\approx${p.breakEven}$：序列长于约 ${p.breakEven} 个 token 时`);
    expect(article).toContain(
      `在 $L=${p.longL.replace(',', '{,}')}$ 处，完整二次注意力的乘加次数是混合分块的 ${p.quadOverMixedLong} 倍`,
    );
    expect(article).toContain(`只有混合分块的 1/${p.mixedOverLinLong}`);
    expect(article).toContain(`但它的前缀和长 ${p.prefixRatioLong} 倍`);
    expect(article).toContain(
      `要存 $${p.linPeakLongCount.replaceAll(',', '{,}')}$ 个数，以 32 位浮点计约 ${p.linPeakLongGiB} GiB（每层、每条序列），是混合分块的 ${p.linOverMixedPeakLong} 倍`,
    );
    expect(article).toContain(
      `GAU 四个投影每个 token 要 ${p.projectionPerToken} 百万次乘加：混合分块的混合部分只有它的 ${p.mixedOverProjectionPercent}%，而完整二次注意力在 8K 长度下是它的 ${p.quadOverProjectionLong} 倍`,
    );
    expect(article).toContain(`在 $C=\\sqrt{dd_v}\\approx${p.memoryOptimalChunk}$ 处最小`);
    expect(article).toContain(
      `在 L 约 ${p.breakEven} 处与混合分块的水平线相交，在 L 约 ${p.quadEqualsProjection} 处超过`,
    );
    expect(article).toContain(`$L^\\ast\\approx${p.breakEven}$ 处超过混合分块`);
  });
});

describe('what the paper states', () => {
  it('the article quotes the paper’s defaults and headline numbers as they are', () => {
    expect(FLASH_PAPER).toEqual({
      sharedWidth: 128,
      expansion: 2,
      chunk: 256,
      shortContext: 512,
      longContext: 8192,
      speedupWiki40b: 4.9,
      speedupPg19: 12.1,
      speedupC4: 4.8,
    });
    expect(article).toContain('论文的默认值 $s=128$、$e=2d$ 在本文写作 $d=128$、$d_v=2D$');
    expect(article).toContain(
      `训练最多快 ${FLASH_PAPER.speedupWiki40b} 倍（Wiki-40B）和 ${FLASH_PAPER.speedupPg19} 倍（PG-19，均为自回归语言模型），掩码语言模型在 C4 上最多快 ${FLASH_PAPER.speedupC4} 倍`,
    );
    expect(article).toContain(`默认取 ${FLASH_PAPER.chunk}`);
    expect(article).toContain('在 512 到 8K 的上下文上');
  });
});
