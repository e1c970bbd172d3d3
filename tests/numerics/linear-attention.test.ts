import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COST_SHAPE,
  causalLinearAttention,
  causalLinearAttentionChunked,
  causalNumerator,
  causalNumeratorBackward,
  costDemo,
  cumsumCrossover,
  cumsumMemory,
  decayedLinearAttention,
  decodeMacs,
  deltaRuleWrite,
  dilutionBound,
  dilutionDemo,
  eluPlusOne,
  FP16_DEMO,
  FP16_MAX,
  featureMap,
  fp16AccumulationDemo,
  fp16Round,
  fp16Spacing,
  gaussianMatrix,
  kvCacheSize,
  linearAttention,
  linearAttentionQuadratic,
  linearMacs,
  linearStateMemory,
  linearWeights,
  type Matrix,
  macsCrossover,
  matmul,
  meanEluPlusOne,
  memoryCrossover,
  normalCdf,
  normalizerDemo,
  numericalRank,
  RANK_DEMO,
  rankDemo,
  sharpnessDemo,
  singularValues,
  softmaxAttention,
  softmaxMacs,
  softmaxScoreMemory,
  softmaxWeights,
  transpose,
  WORKED,
  workedExample,
} from '../../src/numerics/linear-attention';
import { mulberry32, normalSampler } from '../../src/numerics/random';

const article = readFileSync(new URL('../../content/linear-attention.md', import.meta.url), 'utf8');

/** Largest absolute entrywise difference between two matrices of the same shape. */
function maxDiff(a: Matrix, b: Matrix): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  a.forEach((r, i) => {
    const s = b[i] ?? [];
    expect(r.length).toBe(s.length);
    r.forEach((x, j) => {
      m = Math.max(m, Math.abs(x - (s[j] ?? Number.NaN)));
    });
  });
  return m;
}

function maxAbs(a: Matrix): number {
  return Math.max(...a.map((r) => Math.max(...r.map(Math.abs))));
}

/** The causal mask applied entrywise: entries above the diagonal set to 0. */
function lowerTriangle(a: Matrix): number[][] {
  return a.map((r, i) => r.map((x, j) => (j <= i ? x : 0)));
}

function randomProblem(L: number, d: number, dv: number, seed: number) {
  const q = gaussianMatrix(L, d, seed);
  const k = gaussianMatrix(L, d, seed + 1);
  const v = gaussianMatrix(L, dv, seed + 2);
  return { q, k, v, phiQ: featureMap(q), phiK: featureMap(k) };
}

describe('feature map', () => {
  it('elu(x) + 1 is x + 1 above zero and eˣ below, always positive', () => {
    expect(eluPlusOne(2)).toBe(3);
    expect(eluPlusOne(0)).toBe(1);
    expect(eluPlusOne(-1)).toBeCloseTo(0.36787944117144233, 15);
    expect(eluPlusOne(-50)).toBeGreaterThan(0);
    // Continuous with a continuous slope at 0: both branches give value 1 and slope 1 there.
    expect((eluPlusOne(1e-7) - eluPlusOne(-1e-7)) / 2e-7).toBeCloseTo(1, 6);
  });
});

describe('the worked example, by hand', () => {
  const ex = workedExample();

  it('maps the non-negative entries to x + 1', () => {
    expect(ex.phiQ).toEqual([
      [1, 1],
      [2, 1],
      [1, 3],
    ]);
    expect(ex.phiK).toEqual([
      [2, 1],
      [1, 1],
      [1, 2],
    ]);
  });

  it('accumulates S and z as computed by hand', () => {
    // S₁ = φ(k₁)v₁ᵀ = (2,1)ᵀ(1,0); S₂ adds (1,1)ᵀ(0,1); S₃ adds (1,2)ᵀ(2,2).
    expect(ex.states).toEqual([
      [
        [2, 0],
        [1, 0],
      ],
      [
        [2, 1],
        [1, 1],
      ],
      [
        [4, 3],
        [5, 5],
      ],
    ]);
    expect(ex.normalizers).toEqual([
      [2, 1],
      [3, 2],
      [4, 4],
    ]);
  });

  it('gives the hand-computed outputs and weights', () => {
    // o₂ = (5·v₁ + 3·v₂)/8; o₃ = (1,3)S₃ / (1,3)·z₃ = (19, 18)/16.
    expect(
      maxDiff(ex.outputs, [
        [1, 0],
        [5 / 8, 3 / 8],
        [19 / 16, 18 / 16],
      ]),
    ).toBeLessThan(1e-15);
    expect(maxDiff([ex.weights[2] ?? []], [[5 / 16, 4 / 16, 7 / 16]])).toBeLessThan(1e-15);
    // Softmax with scale 1/√2: scores (0, 0, 2/√2) for q₃ = (0, 2).
    const e = Math.exp(Math.SQRT2);
    expect(maxDiff([ex.softmaxWeights[2] ?? []], [[1 / (2 + e), 1 / (2 + e), e / (2 + e)]])).toBeLessThan(1e-15);
  });

  it('prints every value exactly as the article shows it', () => {
    for (const [key, text] of Object.entries(ex.printed)) {
      expect(article, `worked example ${key} = ${text}`).toContain(text);
    }
    expect(ex.printed.o3).toBe('(1.1875,\\ 1.1250)');
    expect(ex.printed.w3).toBe('(0.3125,\\ 0.2500,\\ 0.4375)');
    expect(ex.printed.softmaxW3).toBe('(0.1636,\\ 0.1636,\\ 0.6728)');
  });

  it('uses the inputs the article lists', () => {
    expect(WORKED.q).toEqual([
      [0, 0],
      [1, 0],
      [0, 2],
    ]);
    expect(article).toContain('k_1=(1,0),\\ k_2=(0,0),\\ k_3=(0,1)');
  });
});

describe('softmax attention', () => {
  it('has rows that sum to 1, and a causal first row that copies v₁', () => {
    const { q, k, v } = randomProblem(9, 4, 3, 11);
    for (const causal of [false, true]) {
      for (const r of softmaxWeights(q, k, { causal })) expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    }
    const o = softmaxAttention(q, k, v, { causal: true });
    expect(maxDiff([o[0] ?? []], [v[0] ?? []])).toBeLessThan(1e-15);
  });

  it('is unchanged by adding a constant to all scores of a row (the max-subtraction is exact)', () => {
    const w = softmaxWeights(
      [[1, 2]],
      [
        [1000, 0],
        [999, 0.5],
      ],
    );
    // Scores 1000/√2 and 1000/√2: equal, so 1/2 each despite exp overflow without the shift.
    expect(maxDiff(w, [[0.5, 0.5]])).toBeLessThan(1e-12);
  });
});

describe('linear attention: the two orders and the three causal forms agree', () => {
  it('(φ(Q)φ(K)ᵀ)V and φ(Q)(φ(K)ᵀV) agree to 1e-12 on seeded random inputs', () => {
    for (const seed of [1, 2, 3]) {
      const { phiQ, phiK, v } = randomProblem(50, 8, 5, seed);
      const left = linearAttentionQuadratic(phiQ, phiK, v);
      const right = linearAttention(phiQ, phiK, v);
      expect(maxDiff(left, right) / maxAbs(left)).toBeLessThan(1e-12);
    }
  });

  it('masked = prefix sums = chunked, to 1e-12, for several chunk sizes', () => {
    for (const seed of [4, 5]) {
      const { phiQ, phiK, v } = randomProblem(37, 6, 4, seed);
      const masked = linearAttentionQuadratic(phiQ, phiK, v, { causal: true });
      const recurrent = causalLinearAttention(phiQ, phiK, v);
      expect(maxDiff(masked, recurrent) / maxAbs(masked)).toBeLessThan(1e-12);
      for (const chunk of [1, 4, 8, 37, 100]) {
        const chunked = causalLinearAttentionChunked(phiQ, phiK, v, chunk);
        expect(maxDiff(masked, chunked) / maxAbs(masked)).toBeLessThan(1e-12);
      }
    }
    expect(() => causalLinearAttentionChunked([[1]], [[1]], [[1]], 0)).toThrow(RangeError);
  });

  it('the last causal row is the non-causal result', () => {
    const { phiQ, phiK, v } = randomProblem(12, 3, 2, 6);
    const causal = causalLinearAttention(phiQ, phiK, v);
    const full = linearAttention(phiQ, phiK, v);
    expect(maxDiff([causal[11] ?? []], [full[11] ?? []])).toBeLessThan(1e-13);
  });

  it('eps enters only the denominator', () => {
    const { phiQ, phiK, v } = randomProblem(5, 3, 2, 7);
    const eps = 0.25;
    const exact = linearAttention(phiQ, phiK, v);
    const withEps = linearAttention(phiQ, phiK, v, eps);
    const kSum = transpose(phiK).map((c) => c.reduce((a, b) => a + b, 0));
    phiQ.forEach((qi, i) => {
      const den = qi.reduce((s, x, a) => s + x * (kSum[a] ?? 0), 0);
      (exact[i] ?? []).forEach((x, e) => {
        expect((withEps[i] ?? [])[e]).toBeCloseTo((x * den) / (den + eps), 13);
      });
    });
    const causalEps = causalLinearAttention(phiQ, phiK, v, eps);
    expect(maxDiff([causalEps[4] ?? []], [withEps[4] ?? []])).toBeLessThan(1e-13);
  });

  it('rejects mismatched shapes', () => {
    expect(() => linearAttention([[1]], [[1], [2]], [[1]])).toThrow(RangeError);
    expect(() => causalLinearAttention([[1]], [[1], [2]], [[1], [2]])).toThrow(RangeError);
    expect(() => matmul([[1, 2]], [[1]])).toThrow(RangeError);
  });
});

describe('the constant-memory backward pass (Algorithm 1, Eqs. 13–15)', () => {
  const { phiQ, phiK, v } = randomProblem(23, 5, 4, 21);
  const g = gaussianMatrix(23, 4, 24);
  const grads = causalNumeratorBackward(phiQ, phiK, v, g);

  it('matches the matrix-calculus gradients of ⟨G, (M ⊙ φ(Q)φ(K)ᵀ)V⟩', () => {
    // With A = M ⊙ φ(Q)φ(K)ᵀ and N = AV: ∂/∂V = Aᵀ G, ∂/∂A = M ⊙ G Vᵀ,
    // ∂/∂φ(Q) = (M ⊙ GVᵀ) φ(K), ∂/∂φ(K) = (M ⊙ GVᵀ)ᵀ φ(Q).
    const A = lowerTriangle(matmul(phiQ, transpose(phiK)));
    const dA = lowerTriangle(matmul(g, transpose(v)));
    expect(maxDiff(causalNumerator(phiQ, phiK, v), matmul(A, v))).toBeLessThan(1e-12);
    expect(maxDiff(grads.dV, matmul(transpose(A), g))).toBeLessThan(1e-11);
    expect(maxDiff(grads.dPhiQ, matmul(dA, phiK))).toBeLessThan(1e-11);
    expect(maxDiff(grads.dPhiK, matmul(transpose(dA), phiQ))).toBeLessThan(1e-11);
  });

  it('matches central finite differences of the loss', () => {
    const loss = (pq: Matrix, pk: Matrix, vv: Matrix) =>
      causalNumerator(pq, pk, vv).reduce((s, r, i) => s + r.reduce((t, x, e) => t + x * ((g[i] ?? [])[e] ?? 0), 0), 0);
    const h = 1e-5;
    const bump = (m: Matrix, i: number, a: number, delta: number) =>
      m.map((r, ii) => r.map((x, aa) => (ii === i && aa === a ? x + delta : x)));
    for (const [i, a] of [
      [0, 0],
      [7, 3],
      [22, 1],
    ] as const) {
      const fdK = (loss(phiQ, bump(phiK, i, a, h), v) - loss(phiQ, bump(phiK, i, a, -h), v)) / (2 * h);
      expect(fdK).toBeCloseTo((grads.dPhiK[i] ?? [])[a] ?? Number.NaN, 6);
      const fdQ = (loss(bump(phiQ, i, a, h), phiK, v) - loss(bump(phiQ, i, a, -h), phiK, v)) / (2 * h);
      expect(fdQ).toBeCloseTo((grads.dPhiQ[i] ?? [])[a] ?? Number.NaN, 6);
      const fdV = (loss(phiQ, phiK, bump(v, i, a, h)) - loss(phiQ, phiK, bump(v, i, a, -h))) / (2 * h);
      expect(fdV).toBeCloseTo((grads.dV[i] ?? [])[a] ?? Number.NaN, 6);
    }
  });

  it('the article shows the region and quotes Eqs. 13–15 and Algorithm 1', () => {
    expect(article).toContain('```ts include="src/numerics/linear-attention.ts#causal-backward"');
    expect(article).toContain('算法 1');
  });
});

describe('decay and the delta rule', () => {
  it('decayed recurrence = parallel form with Dᵢⱼ = γ^{i−j}', () => {
    const { phiQ, phiK, v } = randomProblem(15, 3, 2, 31);
    const gamma = 0.9;
    const D = phiQ.map((_, i) => phiK.map((__, j) => (j <= i ? gamma ** (i - j) : 0)));
    const A = matmul(phiQ, transpose(phiK)).map((r, i) => r.map((x, j) => x * ((D[i] ?? [])[j] ?? 0)));
    expect(maxDiff(decayedLinearAttention(phiQ, phiK, v, gamma), matmul(A, v))).toBeLessThan(1e-12);
    // γ = 1 is the plain (unnormalised) causal numerator.
    expect(maxDiff(decayedLinearAttention(phiQ, phiK, v, 1), causalNumerator(phiQ, phiK, v))).toBeLessThan(1e-12);
  });

  it('with β = 1 and a unit key, the delta rule overwrites; the sum rule adds', () => {
    const key = [0.6, 0.8, 0];
    let S: number[][] = [
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    S = deltaRuleWrite(S, key, [1, 2], 1);
    S = deltaRuleWrite(S, key, [-3, 5], 1);
    const read = (m: Matrix) => [0, 1].map((e) => key.reduce((s, x, a) => s + x * ((m[a] ?? [])[e] ?? 0), 0));
    expect(read(S)[0]).toBeCloseTo(-3, 14);
    expect(read(S)[1]).toBeCloseTo(5, 14);
    // The sum rule S += φ(k)vᵀ on the same two writes reads back the sum of both values.
    const sum = key.map((x) => [x * (1 - 3), x * (2 + 5)]);
    expect(read(sum)[0]).toBeCloseTo(-2, 14);
    expect(read(sum)[1]).toBeCloseTo(7, 14);
    // β = 0 writes nothing.
    expect(deltaRuleWrite(S, key, [9, 9], 0)).toEqual(S);
  });
});

describe('singular values and rank', () => {
  it('are exact on matrices with known singular values', () => {
    const sv = singularValues([
      [3, 0],
      [4, 5],
    ]);
    // AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5.
    expect(sv[0]).toBeCloseTo(Math.sqrt(45), 13);
    expect(sv[1]).toBeCloseTo(Math.sqrt(5), 13);
    const outer = [1, 2, 3].map((a) => [4, 5, 6, 7].map((b) => a * b));
    const svo = singularValues(outer);
    expect(svo[0]).toBeCloseTo(Math.sqrt(14) * Math.sqrt(126), 12);
    expect(numericalRank(svo)).toBe(1);
    expect(singularValues(transpose(outer))[0]).toBeCloseTo(Math.sqrt(14 * 126), 12);
  });

  it('the non-causal linear weights have rank ≤ r for any inputs', () => {
    for (const r of [2, 5, 9]) {
      const { phiQ, phiK } = randomProblem(30, r, 1, 40 + r);
      expect(numericalRank(singularValues(linearWeights(phiQ, phiK)))).toBe(r);
    }
  });

  const demo = rankDemo();

  it('softmax is full rank, linear has rank r = d, the causal one is full rank with rank-r past-to-future blocks', () => {
    expect(RANK_DEMO).toEqual({ L: 64, d: 16, seed: 2020 });
    expect(demo.softmaxRank).toBe(64);
    expect(demo.linearRank).toBe(16);
    expect(demo.causalLinearRank).toBe(64);
    expect(demo.maxPastFutureRank).toBe(16);
    // Blocks on or below the diagonal (Dao and Gu's semiseparable condition) contain the strictly
    // lower ones, so their rank is at least as large, and still at most r = d.
    expect(demo.maxLowerBlockRank).toBe(16);
    expect(demo.maxLowerBlockRank).toBeGreaterThanOrEqual(demo.maxPastFutureRank);
    // The gap: σ₁₇/σ₁ is at rounding level for linear attention, not for softmax.
    expect((demo.linearSv[16] ?? 1) / (demo.linearSv[0] ?? 1)).toBeLessThan(1e-14);
    expect((demo.softmaxSv[16] ?? 0) / (demo.softmaxSv[0] ?? 1)).toBeGreaterThan(0.1);
    // Row-stochastic matrices have σ₁ ≥ 1 (the all-ones vector is mapped to itself).
    expect(demo.softmaxSv[0]).toBeGreaterThanOrEqual(1 - 1e-12);
    expect(demo.linearSv[0]).toBeGreaterThanOrEqual(1 - 1e-12);
  });

  it('the non-causal linear rows are nearly the same, flat distribution (weights recomputed from φ(Q)φ(K)ᵀ)', () => {
    const { L, d, seed } = RANK_DEMO;
    const A = matmul(featureMap(gaussianMatrix(L, d, seed)), transpose(featureMap(gaussianMatrix(L, d, seed + 1))));
    const W = A.map((r) => r.map((x) => x / r.reduce((s, y) => s + y, 0)));
    expect(demo.linearWeightMin).toBe(Math.min(...W.flat()));
    expect(demo.linearWeightMax).toBe(Math.max(...W.flat()));
    expect(demo.linearWeightMin).toBeLessThan(1 / L);
    expect(demo.linearWeightMax).toBeGreaterThan(1 / L);
    expect(demo.linearWeightMax).toBeLessThan(2 / L);
  });

  it('prints every value exactly as the article shows it', () => {
    for (const [key, text] of Object.entries(demo.printed)) {
      expect(article, `rank demo ${key} = ${text}`).toContain(text);
    }
  });
});

describe('exp(xy) has no finite feature map: the generalized Vandermonde matrix is nonsingular', () => {
  /** Determinant by Gaussian elimination with partial pivoting. */
  function det(m: Matrix): number {
    const a = m.map((r) => [...r]);
    const n = a.length;
    let sign = 1;
    let prod = 1;
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let i = c + 1; i < n; i++) if (Math.abs(a[i]?.[c] ?? 0) > Math.abs(a[p]?.[c] ?? 0)) p = i;
      if (p !== c) {
        [a[c], a[p]] = [a[p] ?? [], a[c] ?? []];
        sign = -sign;
      }
      const pivot = a[c]?.[c] ?? 0;
      prod *= pivot;
      for (let i = c + 1; i < n; i++) {
        const f = (a[i]?.[c] ?? 0) / pivot;
        for (let j = c; j < n; j++) (a[i] as number[])[j] = (a[i]?.[j] ?? 0) - f * (a[c]?.[j] ?? 0);
      }
    }
    return sign * prod;
  }

  it('[e^{xᵢyⱼ}] has a positive determinant for increasing x and y, so rank n for every n', () => {
    const uniform = mulberry32(5);
    for (let n = 2; n <= 6; n++) {
      for (let trial = 0; trial < 20; trial++) {
        const x = Array.from({ length: n }, () => 2 * uniform() - 1).sort((p, q) => p - q);
        const y = Array.from({ length: n }, () => 2 * uniform() - 1).sort((p, q) => p - q);
        expect(det(x.map((xi) => y.map((yj) => Math.exp(xi * yj))))).toBeGreaterThan(0);
      }
    }
    // A sum of r products f_a(x)g_a(y) gives rank ≤ r: e.g. 1 + xy (r = 2) on three points is singular.
    const pts = [-1, 0, 1];
    expect(Math.abs(det(pts.map((xi) => pts.map((yj) => 1 + xi * yj))))).toBeLessThan(1e-15);
  });
});

describe('the operation-count model', () => {
  const s = COST_SHAPE;

  it('counts the multiply-adds and buffers of the article, checked by hand for d = d_v = r = 64', () => {
    expect(s).toEqual({ d: 64, dv: 64, r: 64 });
    expect(softmaxMacs(4096, s)).toBe(2164260864); // 4096² · 129
    expect(softmaxMacs(4, s, true)).toBe(10 * 129);
    expect(linearMacs(4096, s)).toBe(34078720); // 2 · 4096 · 64 · 65
    expect(softmaxScoreMemory(4096)).toBe(16777216);
    expect(linearStateMemory(s)).toBe(4160);
    expect(cumsumMemory(4096, s)).toBe(17039360);
    expect(decodeMacs(4096, s, 'softmax')).toBe(528384);
    expect(decodeMacs(1, s, 'linear')).toBe(8320);
    expect(decodeMacs(4096, s, 'linear')).toBe(8320);
    expect(kvCacheSize(4096, s)).toBe(524288);
  });

  it('the crossovers match the closed forms 2r(d_v+1)/(d+d_v+1), its causal version, √(r(d_v+1)), r(d_v+1)', () => {
    expect(macsCrossover(s)).toBeCloseTo(8320 / 129, 12);
    expect(macsCrossover(s, true)).toBeCloseTo(16640 / 129 - 1, 12);
    expect(memoryCrossover(s)).toBeCloseTo(Math.sqrt(4160), 12);
    expect(cumsumCrossover(s)).toBe(4160);
  });

  it('the crossovers are where the cost curves actually cross (bisection, independent of the closed form)', () => {
    const cross = (f: (L: number) => number) => {
      let lo = 1;
      let hi = 1e6;
      for (let n = 0; n < 200; n++) {
        const mid = (lo + hi) / 2;
        if (f(mid) < 0) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    for (const shape of [s, { d: 32, dv: 48, r: 96 }, { d: 64, dv: 64, r: 4096 }]) {
      expect(cross((L) => softmaxMacs(L, shape) - linearMacs(L, shape))).toBeCloseTo(macsCrossover(shape), 8);
      expect(cross((L) => softmaxMacs(L, shape, true) - linearMacs(L, shape))).toBeCloseTo(
        macsCrossover(shape, true),
        8,
      );
      expect(cross((L) => softmaxScoreMemory(L) - linearStateMemory(shape))).toBeCloseTo(memoryCrossover(shape), 8);
      expect(cross((L) => softmaxScoreMemory(L) - cumsumMemory(L, shape))).toBeCloseTo(cumsumCrossover(shape), 6);
    }
  });

  it('a degree-2 polynomial map (r = d²) wins only beyond L ≈ d², as Katharopoulos et al. §3.2.1 say', () => {
    const poly = macsCrossover({ ...s, r: s.d * s.d });
    expect(Math.abs(poly / (s.d * s.d) - 1)).toBeLessThan(0.01);
  });

  const demo = costDemo();

  it('prints every value exactly as the article shows it', () => {
    expect(demo.printed.crossover).toBe('64.5');
    expect(demo.printed.crossoverCausal).toBe('128.0');
    expect(demo.printed.cumsumCrossover).toBe('4160');
    expect(demo.printed.trainRatio).toBe('63.5');
    for (const [key, text] of Object.entries(demo.printed)) {
      expect(article, `cost ${key} = ${text}`).toContain(text);
    }
  });
});

describe('what is lost', () => {
  it('sharpness: a larger query scale makes softmax one-hot, elu + 1 saturates at a closed-form limit', () => {
    const demo = sharpnessDemo();
    expect(demo.scales).toEqual([1, 4, 16, 64]);
    for (let i = 1; i < demo.scales.length; i++) {
      expect(demo.softmaxMax[i]).toBeGreaterThan(demo.softmaxMax[i - 1] ?? 1);
    }
    expect(demo.softmaxMax[3]).toBeGreaterThan(0.9999);
    // The limit, computed here as the weights at a huge scale rather than from relu(q).
    const q = gaussianMatrix(1, RANK_DEMO.d, RANK_DEMO.seed + 2)[0] ?? [];
    const k = gaussianMatrix(RANK_DEMO.L, RANK_DEMO.d, RANK_DEMO.seed + 1);
    const far = linearWeights(featureMap([q.map((x) => 1e9 * x)]), featureMap(k))[0] ?? [];
    expect(Math.max(...far)).toBeCloseTo(demo.linearLimit, 8);
    expect(demo.linearMax[3]).toBeLessThanOrEqual(demo.linearLimit + 1e-12);
    expect(demo.linearLimit).toBeLessThan(0.05);
    for (const [key, text] of Object.entries(demo.printed)) {
      expect(article, `sharpness ${key} = ${text}`).toContain(text);
    }
  });

  it('dilution: no weight of a row exceeds κ/(κ + i − 1), and i·w stays below κ for elu + 1', () => {
    // The bound itself on a hand example: similarities (3, 1, 1) have κ = 3, largest weight 3/5.
    expect(dilutionBound(3, 3)).toBeCloseTo(3 / 5, 15);
    const demo = dilutionDemo();
    demo.positions.forEach((i, n) => {
      const w = demo.linearMax[n] ?? 1;
      const R = demo.ratio[n] ?? 0;
      expect(w).toBeLessThanOrEqual(dilutionBound(R, i) + 1e-15);
      expect(i * w).toBeLessThan(R);
    });
    // Softmax rows concentrate more as they grow (i·w increases), elu + 1 rows do not keep up.
    expect((demo.softmaxMax[2] ?? 0) * 4096).toBeGreaterThan(10 * (demo.linearMax[2] ?? 1) * 4096);
    for (const [key, text] of Object.entries(demo.printed)) {
      expect(article, `dilution ${key} = ${text}`).toContain(text);
    }
  });

  it('the gradient of a normalised weight is (δ − p)/Σs for a ratio, p(δ − p) (≤ 1/4) for softmax', () => {
    const ratio = (s: number[], j: number) => (s[j] ?? 0) / s.reduce((a, b) => a + b, 0);
    const soft = (s: number[], j: number) => Math.exp(s[j] ?? 0) / s.reduce((a, b) => a + Math.exp(b), 0);
    const h = 1e-7;
    const slopes = [1, 1e-3].map((scale) => {
      // Similarities shrunk by `scale`: the same weights, a denominator `scale` times smaller.
      const s = [0.5, 1.5, 2].map((x) => scale * x);
      const total = s.reduce((a, b) => a + b, 0);
      const p0 = ratio(s, 0);
      const bumped = [...s];
      bumped[1] = (bumped[1] ?? 0) + h * scale;
      const fd = (ratio(bumped, 0) - p0) / (h * scale);
      expect(fd).toBeCloseTo((0 - p0) / total, 3);
      return fd;
    });
    // Same weights, a thousand times the gradient: nothing bounds it but the denominator.
    expect((slopes[1] ?? 0) / (slopes[0] ?? 1)).toBeCloseTo(1000, 2);
    // Softmax: ∂p₀/∂s₁ = −p₀p₁, bounded by 1/4 whatever the scores.
    for (const s of [
      [0, 0],
      [50, -50, 3],
      [1e-3, 2e-3, 3e-3],
    ]) {
      const fd = (soft([s[0] ?? 0, (s[1] ?? 0) + h, ...s.slice(2)], 0) - soft(s, 0)) / h;
      expect(fd).toBeCloseTo(-soft(s, 0) * soft(s, 1), 5);
      expect(Math.abs(fd)).toBeLessThanOrEqual(0.25 + 1e-6);
    }
  });

  it('normaliser: a sign-indefinite map breaks it, elu + 1 keeps outputs inside the values', () => {
    const demo = normalizerDemo();
    expect(demo.negativeDenominators).toBeGreaterThan(0);
    expect(demo.maxOutputIdentity).toBeGreaterThan(10 * demo.maxValue);
    // With positive weights each output coordinate is a convex combination of the values.
    const { L, d, seed } = RANK_DEMO;
    const q = gaussianMatrix(L, d, seed + 3);
    const k = gaussianMatrix(L, d, seed + 4);
    const v = gaussianMatrix(L, d, seed + 5);
    const o = linearAttention(featureMap(q), featureMap(k), v);
    const vt = transpose(v);
    o.forEach((r) => {
      r.forEach((x, e) => {
        expect(x).toBeGreaterThanOrEqual(Math.min(...(vt[e] ?? [])) - 1e-12);
        expect(x).toBeLessThanOrEqual(Math.max(...(vt[e] ?? [])) + 1e-12);
      });
    });
    for (const [key, text] of Object.entries(demo.printed)) {
      expect(article, `normaliser ${key} = ${text}`).toContain(text);
    }
  });

  it('E[elu(X) + 1] matches Monte Carlo and the known Φ(−1); the fp16 position is where i·r·E[φ]² passes 65504', () => {
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    const normal = normalSampler(mulberry32(99));
    let sum = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) sum += eluPlusOne(normal());
    expect(Math.abs(sum / n - meanEluPlusOne())).toBeLessThan(0.005);
    const demo = normalizerDemo();
    const perStep = COST_SHAPE.r * demo.meanPhi ** 2;
    expect(demo.fp16Position * perStep).toBeGreaterThanOrEqual(FP16_MAX);
    expect((demo.fp16Position - 1) * perStep).toBeLessThan(FP16_MAX);
    expect(FP16_MAX).toBe((2 - 2 ** -10) * 2 ** 15);
  });

  it('fp16 rounding: hand values, and the same as the runtime’s own Math.f16round', () => {
    expect(fp16Round(2049)).toBe(2048); // halfway, ties to even
    expect(fp16Round(2051)).toBe(2052); // halfway, ties to even
    expect(fp16Round(2048 + 1.16)).toBe(2050);
    expect(fp16Round(2048 + 0.9)).toBe(2048); // an increment below half the spacing is lost
    expect(fp16Round(4096 + 1.9)).toBe(4096);
    expect(fp16Round(65519)).toBe(65504);
    expect(fp16Round(65520)).toBe(Number.POSITIVE_INFINITY);
    expect(fp16Round(-1 / 3)).toBe(-1365 / 4096);
    expect(fp16Spacing(1000)).toBe(0.5);
    expect(fp16Spacing(2048)).toBe(2);
    expect(fp16Spacing(4095)).toBe(2);
    expect(fp16Spacing(4096)).toBe(4);
    const f16round = (Math as { f16round?: (x: number) => number }).f16round;
    if (f16round) {
      const normal = normalSampler(mulberry32(16));
      for (let i = 0; i < 20_000; i++) {
        const x = normal() * 10 ** Math.floor(12 * Math.abs(normal()) - 6);
        expect(fp16Round(x)).toBe(f16round(x));
      }
    }
  });

  it('fp16: the denominator overflows after a few hundred positions, z loses accuracy from 2048 on', () => {
    const demo = fp16AccumulationDemo();
    const { r, L, seed, positions } = FP16_DEMO;
    expect(positions).toEqual([100, 1000, 4000]);
    // Recomputed with prefix sums over the whole matrix and, where the runtime has it, Math.f16round.
    const round = (Math as { f16round?: (x: number) => number }).f16round ?? fp16Round;
    const phiQ = featureMap(gaussianMatrix(L, r, seed));
    const phiK = featureMap(gaussianMatrix(L, r, seed + 1));
    const exact = new Array<number>(r).fill(0);
    const half = new Array<number>(r).fill(0);
    const errors: number[] = [];
    let overflow = 0;
    phiK.forEach((kj, j) => {
      kj.forEach((x, a) => {
        exact[a] = (exact[a] ?? 0) + x;
        half[a] = round((half[a] ?? 0) + round(x));
      });
      const den = (phiQ[j] ?? []).reduce((s, x, a) => s + x * (exact[a] ?? 0), 0);
      if (overflow === 0 && den > FP16_MAX) overflow = j + 1;
      if (positions.includes(j + 1)) errors.push(Math.max(...exact.map((x, a) => Math.abs((half[a] ?? 0) - x) / x)));
    });
    expect(demo.denominatorOverflowAt).toBe(overflow);
    expect(demo.relativeError).toEqual(errors);
    // Before the expected 760, because φ(qᵢ)ᵀ1 fluctuates from position to position.
    expect(demo.denominatorOverflowAt).toBeLessThan(normalizerDemo().fp16Position);
    expect(demo.denominatorOverflowAt).toBeGreaterThan(500);
    // The exact zᵢ is far from the fp16 maximum at these positions: the error is rounding, not overflow.
    expect(Math.max(...exact)).toBeLessThan(FP16_MAX / 10);
    expect(demo.normalizerOverflowExpected).toBeCloseTo(FP16_MAX / 1.16052, -1);
    expect(demo.relativeError[0]).toBeLessThan(0.01);
    expect(demo.relativeError[2]).toBeGreaterThan(0.05);
    for (const [key, text] of Object.entries(demo.printed)) {
      expect(article, `fp16 ${key} = ${text}`).toContain(text);
    }
  });
});

describe('the article', () => {
  it('includes the TypeScript regions it describes', () => {
    for (const region of ['linear-right', 'causal-recurrent', 'causal-backward']) {
      expect(article).toContain(`include="src/numerics/linear-attention.ts#${region}"`);
    }
  });
});
