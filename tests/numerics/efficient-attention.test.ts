import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  angularHash,
  bigBirdPattern,
  cellKind,
  chiMgf,
  collisionProbability,
  countPairs,
  demoPatterns,
  directions,
  estimatorStats,
  exactMse,
  exactOrthogonalMse,
  exactRelativeRmse,
  FEATURE_DEMO,
  favorError,
  favorQuotes,
  favorSpread,
  featureErrorCurves,
  featureQuotes,
  fixedConnectivity,
  fixedOverStrided,
  fixedPairCount,
  fixedPattern,
  fixedRelay,
  formatFixed,
  formatSignificant,
  gaussianDirections,
  identityProjectionRmsError,
  kernelEstimate,
  kernelEstimateFlat,
  LINFORMER_DEMO,
  LRA_RESULTS,
  LSH_DEMO,
  linformerCounterexample,
  linformerRank,
  linformerRelativeError,
  longformerPattern,
  lshTable,
  orthogonalDirections,
  orthogonalMseBound,
  PATTERN_DEMO,
  patternCounts,
  planeCoordinates,
  positiveFeatures,
  quantile,
  rowsOf,
  scoreMatrixBytes,
  scoreMatrixQuote,
  softmaxKernel,
  spherePairMean,
  sqNorm,
  stridedPairCount,
  stridedPattern,
  stridedRelay,
  trigFeatures,
  twoBucketCollision,
  twoStepFailures,
  unionMask,
  unitPair,
} from '../../src/numerics/efficient-attention';
import { mulberry32, normalSampler } from '../../src/numerics/random';

const article = readFileSync(new URL('../../content/efficient-transformers.md', import.meta.url), 'utf8');

function first<T>(xs: readonly T[]): T {
  const x = xs[0];
  if (x === undefined) throw new Error('empty list');
  return x;
}

function randomVector(d: number, normal: () => number, scale = 1): number[] {
  return Array.from({ length: d }, () => scale * normal());
}

describe('sparse patterns', () => {
  it('strided: the ℓ most recent positions plus every ℓ-th earlier one, nothing in the future', () => {
    const p = stridedPattern(20, 4);
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        const expected = j <= i && (i - j < 4 || (i - j) % 4 === 0);
        expect(unionMask(p)[i * 20 + j] === 1, `(${i}, ${j})`).toBe(expected);
      }
    }
  });

  it('strided: counts match Σ min(i+1, ℓ) + ⌊i/ℓ⌋, by hand at L = 64 and L = 4096', () => {
    for (const [L, l] of [
      [10, 3],
      [33, 5],
      [64, 8],
      [50, 1],
    ] as const) {
      expect(stridedPairCount(L, l)).toBe(countPairs(stridedPattern(L, l)));
    }
    // L = 64, ℓ = 8: local (1+…+8) + 56·8 = 36 + 448 = 484; strided 8·(0+…+7) = 224.
    expect(countPairs(stridedPattern(64, 8))).toBe(484 + 224);
    // L = 4096, ℓ = 64: (1+…+64) + 4032·64 + 64·(0+…+63) = 2080 + 258048 + 129024.
    expect(stridedPairCount(4096, 64)).toBe(2080 + 258048 + 129024);
  });

  it('fixed: same block plus the last c offsets of every block; 736 pairs at L = 64, ℓ = 8, c = 2', () => {
    const p = fixedPattern(64, 8, 2);
    const mask = unionMask(p);
    for (let i = 0; i < 64; i++) {
      for (let j = 0; j < 64; j++) {
        const expected = j <= i && (Math.floor(i / 8) === Math.floor(j / 8) || j % 8 >= 6);
        expect(mask[i * 64 + j] === 1).toBe(expected);
      }
    }
    // Same block: 8 blocks × (1+…+8) = 288. Summaries of earlier blocks: block b sees 2b columns,
    // 8 rows each: 8 · 2 · (0+…+7) = 448.
    expect(countPairs(p)).toBe(288 + 448);
  });

  it('fixed costs about (1 + c)/3 times strided at ℓ = √L, not c times', () => {
    for (const [L, l, c] of [
      [64, 8, 2],
      [40, 8, 3],
      [33, 5, 5],
    ] as const) {
      expect(fixedPairCount(L, l, c)).toBe(countPairs(fixedPattern(L, l, c)));
    }
    // L = 4096, ℓ = 64: same block 64·(1+…+64) = 133120; summaries c·64·(0+…+63) = c·129024.
    const c8 = fixedOverStrided(8);
    expect(c8.fixed).toBe(133120 + 8 * 129024);
    expect(c8.strided).toBe(389152);
    expect(Math.abs(c8.ratio - 3) / 3).toBeLessThan(0.01);
    expect(Math.abs(fixedOverStrided(16).ratio - 17 / 3) / (17 / 3)).toBeLessThan(0.01);
    expect(article).toContain(`$c=8$ 时约 ${c8.printed} 倍`);
  });

  it('Longformer: window band plus symmetric global rows and columns; 674 pairs by inclusion–exclusion', () => {
    const p = longformerPattern(64, 3, [0, 1]);
    const mask = unionMask(p);
    for (let t = 0; t < 64; t++) {
      expect(mask[0 * 64 + t]).toBe(1);
      expect(mask[t * 64 + 1]).toBe(1);
    }
    // Band: 64·7 minus the cut corners 2·(3+2+1) = 436. Global rows ∪ columns: 128 + 128 − 4 = 252.
    // Band cells inside them: rows 0,1 → 4 + 5; columns 0,1 below row 1 → 2 + 3. 436 + 252 − 14.
    expect(countPairs(p)).toBe(436 + 252 - 14);
  });

  it('BigBird: exactly r random keys per non-global row, never on the window or the globals, seeded', () => {
    const p = bigBirdPattern(64, 3, [0, 1], 3, 42);
    const random = p.components[2]?.mask ?? new Uint8Array();
    for (let i = 0; i < 64; i++) {
      let n = 0;
      for (let j = 0; j < 64; j++) {
        if (random[i * 64 + j] === 1) {
          n++;
          expect(Math.abs(i - j)).toBeGreaterThan(3);
          expect(j).toBeGreaterThan(1);
        }
      }
      expect(n).toBe(i < 2 ? 0 : 3);
    }
    expect(countPairs(p)).toBe(674 + 3 * 62);
    expect(unionMask(bigBirdPattern(64, 3, [0, 1], 3, 42))).toEqual(unionMask(p));
    expect(unionMask(bigBirdPattern(64, 3, [0, 1], 3, 43))).not.toEqual(unionMask(p));
  });

  it('causal patterns compute nothing above the diagonal', () => {
    for (const p of demoPatterns().filter((q) => q.causal)) {
      const mask = unionMask(p);
      for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) expect(mask[i * p.length + j]).toBe(0);
    }
  });

  it('cellKind reports the first component that covers a cell', () => {
    const p = stridedPattern(16, 4);
    expect(cellKind(p, 10, 10)).toBe('local');
    expect(cellKind(p, 10, 6)).toBe('stride');
    expect(cellKind(p, 10, 5)).toBeUndefined();
    expect(cellKind(p, 5, 10)).toBeUndefined();
  });

  it('two-step connectivity: strided always, fixed only with the residual path', () => {
    for (const [L, l] of [
      [64, 8],
      [30, 5],
    ] as const) {
      expect(twoStepFailures(stridedPattern(L, l), false)).toEqual([]);
      expect(twoStepFailures(fixedPattern(L, l, 2), true)).toEqual([]);
    }
    const failures = twoStepFailures(fixedPattern(64, 8, 2), false);
    // Every failure is a same-block pair whose block has no summary position between j and i.
    for (const [i, j] of failures) {
      expect(Math.floor(i / 8)).toBe(Math.floor(j / 8));
      expect(i % 8).toBeLessThan(6);
    }
    // Per block: pairs j ≤ i with i's offset in 0…5 are 1+2+…+6 = 21; 8 blocks.
    expect(failures.length).toBe(8 * 21);
    expect(fixedConnectivity()).toEqual({ without: 168, withResidual: 0, printed: { without: '168' } });
    // A window of length ℓ − 1 breaks the strided argument: pairs with (i − j) mod ℓ = ℓ − 1 lose their relay.
    const stride8 = stridedPattern(40, 8);
    const local7 = stridedPattern(40, 7).components[0];
    const strideHead = stride8.components[1];
    if (local7 === undefined || strideHead === undefined) throw new Error('components');
    expect(twoStepFailures({ ...stride8, components: [local7, strideHead] }, false).length).toBeGreaterThan(0);
  });

  it('the relays of the worked example: a = 18 (strided) and a = 15 (fixed) for i = 50, j = 13, ℓ = 8', () => {
    const a = stridedRelay(50, 13, 8);
    expect(a).toBe(18);
    expect(stridedPattern(64, 8).components[0]?.mask[a * 64 + 13]).toBe(1);
    expect(stridedPattern(64, 8).components[1]?.mask[50 * 64 + a]).toBe(1);
    const b = fixedRelay(13, 8);
    expect(b).toBe(15);
    const fixed = fixedPattern(64, 8, 2);
    expect(fixed.components[0]?.mask[b * 64 + 13]).toBe(1);
    expect(fixed.components[1]?.mask[50 * 64 + b]).toBe(1);
    for (let i = 0; i < 64; i++) {
      for (let j = 0; j <= i; j++) {
        const r = stridedRelay(i, j, 8);
        expect(r >= j && r <= i && r - j < 8 && (i - r) % 8 === 0).toBe(true);
      }
    }
    expect(article).toContain('$\\ell=8$、$i=50$、$j=13$ 时，中转位置是 $a=18$');
    expect(article).toContain('上例中是 $a=15$');
  });

  it('prints the demo counts as the figure and the article do', () => {
    const { counts, printed } = patternCounts();
    expect(counts).toEqual({
      strided: 708,
      fixed: 736,
      longformer: 674,
      bigbird: 860,
      causalFull: 2080,
      full: 4096,
      big: 389152,
      bigFull: 8390656,
    });
    expect(printed.stridedShare).toBe('34%');
    expect(printed.bigShare).toBe('4.6%');
    expect(article).toContain(
      `它算了 ${printed.causalFull} 对因果位置中的 ${printed.strided} 对，约 ${printed.stridedShare}`,
    );
    expect(article).toContain(`只算全部因果对的 ${printed.bigShare}`);
    expect(article).toContain(`算了 ${printed.full} 对中的 ${printed.longformer} 对`);
    expect(article).toContain(`共 ${printed.bigbird} 对`);
    for (const [n, all] of [
      [printed.strided, printed.causalFull],
      [printed.fixed, printed.causalFull],
      [printed.longformer, printed.full],
      [printed.bigbird, printed.full],
    ]) {
      expect(article).toContain(`${n} 对、共 ${all} 对`);
    }
    expect(article).toContain(`不计残差时有 ${fixedConnectivity().printed.without} 对`);
    expect(PATTERN_DEMO.length).toBe(64);
  });

  it('the score matrix of one head at L = 65536 in fp32 is 2³⁴ bytes = 16 GiB', () => {
    expect(scoreMatrixBytes(65536, 4)).toBe(2 ** 34);
    expect(scoreMatrixQuote().printed).toBe('16 GiB');
    expect(article).toContain(`在 32 位浮点下就占 ${scoreMatrixQuote().printed}`);
  });
});

describe('random features of the softmax kernel', { timeout: 60_000 }, () => {
  const normal = normalSampler(mulberry32(1));
  const x = randomVector(16, normal, 0.3);
  const y = randomVector(16, normal, 0.3);

  it('positive features are positive; trig features have 2r entries', () => {
    const omegas = gaussianDirections(32, 16, normal);
    const f = positiveFeatures(x, omegas);
    expect(f).toHaveLength(32);
    for (const v of f) expect(v).toBeGreaterThan(0);
    expect(trigFeatures(x, omegas)).toHaveLength(64);
  });

  it('the fast estimate equals φ(x)ᵀφ(y) built from the feature maps', () => {
    for (const orthogonal of [false, true]) {
      const w = directions(40, 16, orthogonal, normal);
      for (const kind of ['trig', 'positive'] as const) {
        const slow = kernelEstimate(kind, x, y, rowsOf(w, 16));
        expect(kernelEstimateFlat(kind, x, y, w)).toBeCloseTo(slow, 12);
      }
    }
  });

  it('planeCoordinates keep norms and the inner product', () => {
    const [u, v] = planeCoordinates(x, y);
    expect(sqNorm(u)).toBeCloseTo(sqNorm(x), 12);
    expect(sqNorm(v)).toBeCloseTo(sqNorm(y), 12);
    expect(softmaxKernel(u, v)).toBeCloseTo(softmaxKernel(x, y), 12);
  });

  it('orthogonal directions: orthogonal within a block, each row still 𝒩(0, I) in distribution', () => {
    const rows = orthogonalDirections(40, 16, normal);
    expect(rows).toHaveLength(40);
    for (let a = 0; a < 16; a++) {
      for (let b = a + 1; b < 16; b++) {
        const dotAb = (rows[a] ?? []).reduce((s, t, k) => s + t * (rows[b]?.[k] ?? 0), 0);
        expect(Math.abs(dotAb)).toBeLessThan(1e-9);
      }
    }
    // Second moments of one coordinate and of the squared length over many draws: 1 and d.
    const n = 4000;
    let coord = 0;
    let length = 0;
    for (let t = 0; t < n; t++) {
      const w = directions(16, 16, true, normal);
      coord += (w[5 * 16 + 3] ?? 0) ** 2;
      for (let k = 0; k < 16; k++) length += (w[k] ?? 0) ** 2;
    }
    expect(coord / n).toBeGreaterThan(0.9);
    expect(coord / n).toBeLessThan(1.1);
    expect(length / n).toBeGreaterThan(15);
    expect(length / n).toBeLessThan(17);
  });

  it('all four estimators are unbiased: the mean over many seeds is near exp(xᵀy)', () => {
    const [a, b] = unitPair(16, -0.8);
    const exact = softmaxKernel(a, b);
    for (const kind of ['trig', 'positive'] as const) {
      for (const orthogonal of [false, true]) {
        const s = estimatorStats(kind, orthogonal, a, b, 16, 8000, 11);
        // Four standard errors of the sample mean.
        expect(Math.abs(s.mean - exact), `${kind} ${orthogonal}`).toBeLessThan(4 * Math.sqrt(s.mse / 8000));
      }
    }
  });

  it('the closed-form MSE (Lemma 2) matches Monte Carlo and the relative forms 2sinh²(1−c)/r, (e^{2+2c}−1)/r', () => {
    const [a, b] = unitPair(16, -0.8);
    for (const kind of ['trig', 'positive'] as const) {
      const mc = estimatorStats(kind, false, a, b, 16, 20000, 12).mse;
      expect(mc / exactMse(kind, a, b, 16)).toBeGreaterThan(0.92);
      expect(mc / exactMse(kind, a, b, 16)).toBeLessThan(1.08);
    }
    for (const c of [-0.9, -0.3, 0.4, 0.8]) {
      const [u, v] = unitPair(16, c);
      expect(exactRelativeRmse('trig', u, v, 8) ** 2).toBeCloseTo((2 * Math.sinh(1 - c) ** 2) / 8, 12);
      expect(exactRelativeRmse('positive', u, v, 8) ** 2).toBeCloseTo((Math.exp(2 + 2 * c) - 1) / 8, 12);
    }
    // x = −y: the positive estimator is exact (z = 0), the trig one is not.
    const minus = a.map((t) => -t);
    expect(exactMse('positive', a, minus, 4)).toBe(0);
    expect(exactMse('trig', a, minus, 4)).toBeGreaterThan(0.1);
  });

  it('relative error falls like 1/√r: from r = 4 to r = 256 the Monte Carlo RMSE drops about 8×', () => {
    const [small] = featureErrorCurves();
    for (const curve of small?.curves ?? []) {
      const ratio = (curve.points[0]?.relativeRmse ?? 0) / (curve.points[curve.points.length - 1]?.relativeRmse ?? 1);
      expect(ratio, curve.kind).toBeGreaterThan(7);
      expect(ratio, curve.kind).toBeLessThan(9);
      // And every point is within 12% of the closed form.
      const [u, v] = unitPair(FEATURE_DEMO.d, small?.cosine ?? 0);
      for (const pt of curve.points) {
        expect(pt.relativeRmse / exactRelativeRmse(curve.kind, u, v, pt.r)).toBeGreaterThan(0.88);
        expect(pt.relativeRmse / exactRelativeRmse(curve.kind, u, v, pt.r)).toBeLessThan(1.12);
      }
    }
  });

  it('positive features win where the kernel is small, trig features where it is large (checked, not assumed)', () => {
    const q = featureQuotes();
    const [small, large] = q.rows;
    if (small === undefined || large === undefined) throw new Error('rows');
    expect(small.kernel).toBeLessThan(1);
    expect(large.kernel).toBeGreaterThan(2);
    // Monte Carlo, not just the formula.
    expect(small.trig.mse / small.positive.mse).toBeGreaterThan(20);
    expect(large.positive.mse / large.trig.mse).toBeGreaterThan(100);
    expect(small.exactTrig / small.exactPositive).toBeGreaterThan(5);
    // Trig estimates go negative where the kernel is small; positive ones never do.
    expect(small.trig.negative).toBeGreaterThan(0.01);
    expect(small.positive.negative).toBe(0);
    expect(small.orthogonal.negative).toBe(0);
    // Orthogonal directions lower the error of positive features in both cases (exactly).
    expect(small.orthogonal.mse).toBeLessThan(small.positive.mse);
    expect(small.exactOrthogonal).toBeLessThan(small.exactPositive);
    expect(large.exactOrthogonal).toBeLessThan(large.exactPositive);
  });

  it('the χ_d moment generating function and the sphere-pair quadrature reproduce Gaussian moments', () => {
    expect(chiMgf(16, 0)).toBeCloseTo(1, 12);
    // E[ρ²] = d for ρ ~ χ_d: second derivative of M at 0, by central differences.
    const h = 1e-3;
    expect((chiMgf(16, h) - 2 * chiMgf(16, 0) + chiMgf(16, -h)) / h ** 2).toBeCloseTo(16, 3);
    // ρu with u uniform on the sphere is 𝒩(0, I): E[M(ζa)] = e^{ζ²/2}; and the pair (a, b) of one
    // orthonormal frame has E[a²] = E[b²] = 1/d, E[ab] = 0.
    for (const zeta of [0.5, 1.9]) {
      expect(spherePairMean(16, (a) => chiMgf(16, zeta * a)) / Math.exp(zeta ** 2 / 2)).toBeCloseTo(1, 6);
    }
    expect(spherePairMean(16, (a) => a * a)).toBeCloseTo(1 / 16, 8);
    expect(spherePairMean(16, (_a, b) => b * b)).toBeCloseTo(1 / 16, 8);
    expect(spherePairMean(16, (a, b) => a * b)).toBeCloseTo(0, 10);
  });

  it('the exact orthogonal MSE: equals the i.i.d. one for r = 1, agrees with Monte Carlo, obeys Theorem 2', () => {
    const [a, b] = unitPair(16, -0.8);
    expect(exactOrthogonalMse(a, b, 1)).toBeCloseTo(exactMse('positive', a, b, 1), 12);
    // Light-tailed side: Monte Carlo with orthogonal blocks, r = 16 and r = 64.
    for (const r of [16, 64]) {
      const mc = estimatorStats('positive', true, a, b, r, 20000, 21 + r).mse;
      expect(mc / exactOrthogonalMse(a, b, r), `r = ${r}`).toBeGreaterThan(0.94);
      expect(mc / exactOrthogonalMse(a, b, r), `r = ${r}`).toBeLessThan(1.06);
    }
    for (const c of [-0.8, 0, 0.8]) {
      const [u, v] = unitPair(16, c);
      for (const r of [16, 64]) {
        expect(exactOrthogonalMse(u, v, r)).toBeLessThan(orthogonalMseBound(u, v, r));
        expect(orthogonalMseBound(u, v, r)).toBeLessThan(exactMse('positive', u, v, r));
      }
    }
    const q = featureQuotes();
    expect(q.printed.smallExactOrthogonal).toBe('0.082');
    expect(q.printed.largeExactOrthogonal).toBe('0.708');
    expect(q.printed.largeOrthogonalBound).toBe('0.734');
  });

  it('Theorem 2 of Performer: ORF with r = d beats the i.i.d. MSE by at least the stated gap', () => {
    const [a, b] = unitPair(16, -0.8);
    const iid = exactMse('positive', a, b, 16);
    const gap = ((2 * 15) / (16 * 18)) * (softmaxKernel(a, b) - Math.exp(-(sqNorm(a) + sqNorm(b)) / 2)) ** 2;
    const orf = estimatorStats('positive', true, a, b, 16, 20000, 5).mse;
    expect(orf).toBeLessThan((iid - gap) * 1.03);
    expect(gap).toBeGreaterThan(0);
  });

  it('prints its numbers as the article does', () => {
    const p = featureQuotes().printed;
    expect(p.smallKernel).toBe('0.449'); // exp(−0.8)
    expect(p.largeKernel).toBe('2.226'); // exp(0.8)
    expect(p.smallExactTrig).toBe(formatFixed(Math.sqrt((2 * Math.sinh(1.8) ** 2) / 64), 3));
    expect(p.smallExactPositive).toBe(formatFixed(Math.sqrt((Math.exp(0.4) - 1) / 64), 3));
    expect(p.largeExactTrig).toBe(formatFixed(Math.sqrt((2 * Math.sinh(0.2) ** 2) / 64), 3));
    expect(p.largeExactPositive).toBe(formatFixed(Math.sqrt((Math.exp(3.6) - 1) / 64), 3));
    expect(article).toContain(`$\\cos\\theta=-0.8$，$\\exp(x^\\top y)=${p.smallKernel}$`);
    expect(article).toContain(
      `三角特征的相对 RMSE 理论值是 ${p.smallExactTrig}，正特征只有 ${p.smallExactPositive}，均方误差相差 ${p.smallMseRatio} 倍`,
    );
    expect(article).toContain(
      `给出 ${p.smallTrig} 和 ${p.smallPositive}，并且有 ${p.smallNegative} 的三角估计值是负数`,
    );
    expect(article).toContain(`$\\cos\\theta=0.8$，$\\exp(x^\\top y)=${p.largeKernel}$`);
    expect(article).toContain(
      `三角特征是 ${p.largeExactTrig}，正特征是 ${p.largeExactPositive}，正特征的均方误差反而大 ${p.largeMseRatio} 倍`,
    );
    expect(article).toContain(
      `核值小的一对相对 RMSE 从 ${p.smallExactPositive} 降到 ${p.smallExactOrthogonal}，核值大的一对从 ${p.largeExactPositive} 降到 ${p.largeExactOrthogonal}（定理 2 的界给出 ≤${p.largeOrthogonalBound}）`,
    );
    expect(article).toContain(`蒙特卡洛（${p.trials} 次独立抽样）`);
    expect(article).toContain(`取 $r=${p.r}$`);
    for (const [key, [from, to]] of Object.entries(featureQuotes().lineEnds)) {
      expect(article, key).toContain(`从 ${from} 降到 ${to}`);
    }
    expect(article).toContain(`exp(xᵀy) 等于 ${p.smallKernel}`);
    expect(article).toContain(`exp(xᵀy) 等于 ${p.largeKernel}`);
  });
});

describe('FAVOR+', { timeout: 60_000 }, () => {
  it('approaches exact softmax attention as r grows (so the d^(−1/4) scaling and normalizer are right)', () => {
    const errors = [16, 64, 256, 1024].map((r) => favorError(32, 16, r, 0.5, 7));
    for (let k = 1; k < errors.length; k++) expect(errors[k]).toBeLessThan(errors[k - 1] ?? 0);
    expect(errors[3]).toBeLessThan(0.06);
  });

  it('is far less accurate when the norms of q and k double, in one instance and over 200 seeds', () => {
    const q = favorQuotes();
    expect(q.large / q.small).toBeGreaterThan(5);
    expect(article).toContain(`最大误差在一次随机实例上从 ${q.printed.small} 涨到 ${q.printed.large}`);
    const s = favorSpread();
    expect(s.small.p90).toBeLessThan(s.large.p10);
    expect(s.large.median / s.small.median).toBeGreaterThan(5);
    expect(s.small.p10).toBeLessThanOrEqual(s.small.median);
    expect(s.small.median).toBeLessThanOrEqual(s.small.p90);
    const p = s.printed;
    expect(article).toContain(
      `${p.seeds} 个随机种子上的中位数是 ${p.small} 和 ${p.large}（10%–90% 分位：${p.smallRange} 和 ${p.largeRange}）`,
    );
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 0], 0.1)).toBeCloseTo(1, 12);
  });
});

describe('angular LSH', { timeout: 60_000 }, () => {
  it('depends only on the direction; −x lands in the opposite bucket', () => {
    const normal = normalSampler(mulberry32(3));
    for (let t = 0; t < 50; t++) {
      const r = gaussianDirections(4, 12, normal);
      const x = randomVector(12, normal);
      const h = angularHash(x, r);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(8);
      expect(
        angularHash(
          x.map((v) => 3.7 * v),
          r,
        ),
      ).toBe(h);
      expect(
        angularHash(
          x.map((v) => -v),
          r,
        ),
      ).toBe((h + 4) % 8);
    }
  });

  it('two buckets reduce to a random hyperplane: P(same) = 1 − θ/π (SimHash)', () => {
    for (const angle of [Math.PI / 6, Math.PI / 2, (2 * Math.PI) / 3]) {
      const p = collisionProbability(2, angle, 40000, 9);
      expect(twoBucketCollision(angle)).toBeCloseTo(1 - angle / Math.PI, 15);
      // Four standard errors of a proportion from 40000 draws.
      const se = Math.sqrt((p * (1 - p)) / 40000);
      expect(Math.abs(p - twoBucketCollision(angle))).toBeLessThan(4 * se);
    }
    expect(article).toContain('同桶概率恰为 $1-\\theta/\\pi$');
  });

  it('the fast collision count hashes exactly as angularHash on the same draws of R', () => {
    for (const buckets of [2, 8]) {
      const [x, y] = unitPair(2, Math.cos(0.9));
      const normal = normalSampler(mulberry32(77));
      let same = 0;
      for (let t = 0; t < 3000; t++) {
        const rotation = gaussianDirections(buckets / 2, 2, normal);
        if (angularHash(x, rotation) === angularHash(y, rotation)) same++;
      }
      expect(collisionProbability(buckets, 0.9, 3000, 77)).toBe(same / 3000);
    }
  });

  it('at 90° the two hashes are independent and uniform: P = 1/n_b; at 180° it is 0', () => {
    expect(Math.abs(collisionProbability(8, Math.PI / 2, 40000, 10) - 1 / 8)).toBeLessThan(0.008);
    expect(collisionProbability(8, Math.PI, 2000, 10)).toBe(0);
  });

  it('the table: single-round probability falls with the angle; multi-round follows 1 − (1 − p)⁴', () => {
    const rows = lshTable();
    for (let k = 1; k < rows.length; k++) expect(rows[k]?.single ?? 1).toBeLessThan(rows[k - 1]?.single ?? 0);
    const table = rows.map((r) => r.printed.single).join(' | ');
    const multi = rows.map((r) => r.printed.multi).join(' | ');
    expect(article).toContain(`| 一轮哈希同桶的概率 $p$ | ${table} |`);
    expect(article).toContain(`| 4 轮中至少一轮同桶 $1-(1-p)^4$ | ${multi} |`);
    for (const r of rows) expect(r.multi).toBeCloseTo(1 - (1 - r.single) ** LSH_DEMO.rounds, 12);
    expect(LSH_DEMO.trials).toBe(400000);
    expect(article).toContain(`$n_b=${LSH_DEMO.buckets}$ 时，每个夹角模拟 $4\\times10^5$ 次`);
    // Every single-round entry within four standard errors of the published 4×10⁵-draw check.
    const check = [0.795, 0.61, 0.317, 0.125, 0.03];
    rows.forEach((r, k) => {
      expect(Math.abs(r.single - (check[k] ?? 0))).toBeLessThan(
        4 * Math.sqrt((r.single * (1 - r.single)) / LSH_DEMO.trials),
      );
    });
    expect(article).toContain('恰好是 $1/n_b=0.125$');
  });
});

describe('Linformer Theorem 1 counterexample', { timeout: 60_000 }, () => {
  it('p = ⌈5 ln L/(ε² − ε³)⌉ = 333 at L = 4096, ε = 0.5', () => {
    expect(linformerRank(4096, 0.5)).toBe(333);
    expect((5 * Math.log(4096)) / 0.125).toBeGreaterThan(332);
  });

  it('E‖RᵀRw − w‖² = (L + 1)/p ‖w‖²: the closed form against a Monte Carlo mean at small L', () => {
    // β = 0 would make P uniform; β large makes P = I up to e^(−β); at L = 64, p = 8 the mean
    // squared relative error over 2000 draws must match (L + 1)/p = 8.125.
    let sum = 0;
    const n = 2000;
    for (let t = 0; t < n; t++) sum += linformerRelativeError(64, 8, 60, 1000 + t) ** 2;
    expect(Math.abs(sum / n / identityProjectionRmsError(64, 8) ** 2 - 1)).toBeLessThan(0.05);
  });

  it('the theorem needs error < ε = 0.5; every one of 20 draws at L = 4096 is near √((L+1)/p) ≈ 3.5', () => {
    const c = linformerCounterexample();
    expect(c.rank).toBe(333);
    expect(c.errors).toHaveLength(LINFORMER_DEMO.draws);
    for (const e of c.errors) expect(e).toBeGreaterThan(6 * LINFORMER_DEMO.epsilon);
    expect(Math.abs(c.median / Math.sqrt(4097 / 333) - 1)).toBeLessThan(0.1);
    const p = c.printed;
    expect(p.rms).toBe('3.51');
    expect(article).toContain(`$p=${p.rank}$`);
    expect(article).toContain(`相对误差的均方根恰为 $\\sqrt{(L+1)/p}=${p.rms}$`);
    expect(article).toContain(
      `${p.draws} 次抽取 $R$ 的中位数为 ${p.median}（最小 ${p.range.replace('–', '、最大 ')}）`,
    );
  });
});

describe('Long Range Arena (published numbers)', () => {
  it('each average is the mean of the five task scores, as published', () => {
    for (const row of LRA_RESULTS) {
      const mean = row.scores.reduce((a, b) => a + b, 0) / row.scores.length;
      expect(Math.abs(mean - row.avg), row.model).toBeLessThanOrEqual(0.0051);
    }
  });

  it('BigBird has the best average, and the article prints every row as published', () => {
    const best = LRA_RESULTS.reduce((a, b) => (b.avg > a.avg ? b : a), first(LRA_RESULTS));
    expect(best.model).toBe('BigBird');
    for (const row of LRA_RESULTS) {
      const cells = [...row.scores, row.avg].map((v) => v.toFixed(2)).join(' | ');
      expect(article, row.model).toContain(`| ${row.model} | ${cells} |`);
    }
  });
});

describe('formatting', () => {
  it('significant digits and fixed decimals', () => {
    expect(formatSignificant(2.08, 2)).toBe('2.1');
    expect(formatSignificant(0.0443, 2)).toBe('0.044');
    expect(formatSignificant(2.98, 2)).toBe('3.0');
    expect(formatFixed(-0.0001, 2)).toBe('0.00');
    expect(() => formatSignificant(0, 2)).toThrow(RangeError);
  });
});
