/**
 * Numerical code behind the article on efficient Transformers (sparse patterns and low-rank /
 * kernel approximations of attention).
 *
 * Two subjects live here, because the article compares them side by side:
 *
 * 1. Sparse attention patterns as L×L masks: Sparse Transformer's strided and fixed
 *    factorizations, Longformer's sliding window with global tokens, BigBird's window + global +
 *    random pattern. The figure draws them and the article quotes how many (i, j) pairs each one
 *    computes; both read the masks built here.
 * 2. Random-feature estimators of the softmax kernel exp(xᵀy) (Performer): trigonometric and
 *    positive features, with i.i.d. or orthogonal Gaussian directions, their exact mean squared
 *    errors (Lemma 2 of the Performer paper, re-derived in the article), Monte Carlo estimates of
 *    the same, and FAVOR+ attention built from them.
 *
 * A small angular-LSH experiment (Reformer's hash h(x) = argmax([xR; −xR])) sits at the end.
 * Every random draw goes through the seeded generator in `random.ts`, so a figure and the numbers
 * quoted in the text come out the same at every build.
 */

import { at } from './arrays';
import { mulberry32, normalSampler } from './random';

/** Element i of an array, or a RangeError (the repository compiles with unchecked indexing off). */

/**
 * Format a number with a fixed number of decimals, as the article prints it, never as "-0.00".
 * The article test uses the same function, so a printed value and its check cannot differ.
 */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * Format a positive number with the given number of significant digits ("2.1", "0.044"), for
 * values read off a log-scale figure.
 */
export function formatSignificant(x: number, digits: number): string {
  if (!(x > 0)) throw new RangeError(`expected a positive number, got ${x}`);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(x)));
  return formatFixed(x, decimals);
}

/** Format a fraction in [0, 1] as a percentage with the given decimals ("4.7%"). */
export function formatPercent(x: number, digits: number): string {
  return `${formatFixed(100 * x, digits)}%`;
}

// ---------------------------------------------------------------------------------------------
// Sparse attention patterns
// ---------------------------------------------------------------------------------------------

/**
 * What kind of connection a computed (i, j) pair is, so the figure can colour the cells and the
 * test can count each component. Positions are numbered 0 … L−1, query i is the row, key j the
 * column, as in the Sparse Transformer paper.
 */
export type PairKind = 'local' | 'stride' | 'summary' | 'window' | 'global' | 'random';

/**
 * A sparse attention pattern: for every component (one factorized head, the window, the global
 * rows and columns, the random keys) the set of (i, j) pairs it allows, as a row-major L×L 0/1
 * mask. Keeping the components apart lets the two-step connectivity argument be checked head by
 * head; their union is the set of pairs a merged head computes.
 */
export interface SparsePattern {
  readonly name: string;
  readonly length: number;
  /** True when only j ≤ i is allowed (autoregressive use). */
  readonly causal: boolean;
  readonly components: readonly { readonly kind: PairKind; readonly mask: Uint8Array }[];
}

function emptyMask(length: number): Uint8Array {
  return new Uint8Array(length * length);
}

function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length must be a positive integer: ${length}`);
}

/**
 * Sparse Transformer, strided pattern with stride ℓ (Child et al. 2019, §4.3), causal.
 * Head 1 (local): the ℓ most recent positions, i − ℓ < j ≤ i, as in the authors' released
 * `get_attn_mask(…, 'local')`; the paper writes {max(0, i − ℓ), …, i}, which adds j = i − ℓ, a
 * position head 2 covers anyway, so the union is the same. Head 2 (stride): j ≤ i with
 * (i − j) mod ℓ = 0.
 */
export function stridedPattern(length: number, stride: number): SparsePattern {
  checkLength(length);
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride must be a positive integer: ${stride}`);
  const local = emptyMask(length);
  const strided = emptyMask(length);
  for (let i = 0; i < length; i++) {
    for (let j = 0; j <= i; j++) {
      if (i - j < stride) local[i * length + j] = 1;
      if ((i - j) % stride === 0) strided[i * length + j] = 1;
    }
  }
  return {
    name: 'strided',
    length,
    causal: true,
    components: [
      { kind: 'local', mask: local },
      { kind: 'stride', mask: strided },
    ],
  };
}

/**
 * Sparse Transformer, fixed pattern with block ℓ and summary width c (Child et al. 2019, §4.3),
 * causal. Head 1: j ≤ i in the same block, ⌊j/ℓ⌋ = ⌊i/ℓ⌋. Head 2: j ≤ i whose offset in its
 * block is one of the last c, j mod ℓ ∈ {ℓ − c, …, ℓ − 1} (the paper writes {t, …, ℓ} with
 * t = ℓ − c; j mod ℓ never equals ℓ, so these are c positions).
 */
export function fixedPattern(length: number, block: number, summary: number): SparsePattern {
  checkLength(length);
  if (!Number.isInteger(block) || block < 1) throw new RangeError(`block must be a positive integer: ${block}`);
  if (!Number.isInteger(summary) || summary < 1 || summary > block) {
    throw new RangeError(`summary width must be in 1…block: ${summary}`);
  }
  const sameBlock = emptyMask(length);
  const summaries = emptyMask(length);
  for (let i = 0; i < length; i++) {
    for (let j = 0; j <= i; j++) {
      if (Math.floor(j / block) === Math.floor(i / block)) sameBlock[i * length + j] = 1;
      if (j % block >= block - summary) summaries[i * length + j] = 1;
    }
  }
  return {
    name: 'fixed',
    length,
    causal: true,
    components: [
      { kind: 'local', mask: sameBlock },
      { kind: 'summary', mask: summaries },
    ],
  };
}

function windowAndGlobal(length: number, halfWindow: number, globals: readonly number[]): [Uint8Array, Uint8Array] {
  checkLength(length);
  if (!Number.isInteger(halfWindow) || halfWindow < 0) throw new RangeError(`half window must be ≥ 0: ${halfWindow}`);
  const window = emptyMask(length);
  const global = emptyMask(length);
  for (let i = 0; i < length; i++) {
    for (let j = Math.max(0, i - halfWindow); j <= Math.min(length - 1, i + halfWindow); j++) {
      window[i * length + j] = 1;
    }
  }
  for (const g of globals) {
    if (!Number.isInteger(g) || g < 0 || g >= length) throw new RangeError(`global position out of range: ${g}`);
    for (let t = 0; t < length; t++) {
      global[g * length + t] = 1; // the global token attends to every position …
      global[t * length + g] = 1; // … and every position attends to it (symmetric).
    }
  }
  return [window, global];
}

/**
 * Longformer (Beltagy et al. 2020, §3.1), bidirectional: a sliding window of ½w positions on
 * each side (`halfWindow` = ½w, so w + 1 keys per row with the token itself) plus symmetric
 * global attention at the given positions: a global token attends to all positions and all
 * positions attend to it.
 */
export function longformerPattern(length: number, halfWindow: number, globals: readonly number[]): SparsePattern {
  const [window, global] = windowAndGlobal(length, halfWindow, globals);
  return {
    name: 'longformer',
    length,
    causal: false,
    components: [
      { kind: 'window', mask: window },
      { kind: 'global', mask: global },
    ],
  };
}

/**
 * BigBird-ITC (Zaheer et al. 2020, §2) at token granularity: the same window and symmetric
 * global tokens as Longformer, plus `randomPerRow` keys per non-global query drawn uniformly,
 * with a seeded generator, from the keys the window and the globals do not already cover (so
 * every such row gains exactly that many pairs). The real implementation works on blocks of
 * b = 64 tokens; the figure draws single tokens so the three parts stay visible at small L.
 */
export function bigBirdPattern(
  length: number,
  halfWindow: number,
  globals: readonly number[],
  randomPerRow: number,
  seed: number,
): SparsePattern {
  const [window, global] = windowAndGlobal(length, halfWindow, globals);
  const random = emptyMask(length);
  const uniform = mulberry32(seed);
  const isGlobal = new Set(globals);
  for (let i = 0; i < length; i++) {
    if (isGlobal.has(i)) continue;
    const free: number[] = [];
    for (let j = 0; j < length; j++) {
      if (window[i * length + j] === 0 && global[i * length + j] === 0) free.push(j);
    }
    if (free.length < randomPerRow) throw new RangeError(`row ${i} has only ${free.length} free keys`);
    // Partial Fisher–Yates: the first `randomPerRow` entries become a uniform random subset.
    for (let t = 0; t < randomPerRow; t++) {
      const pick = t + Math.floor(uniform() * (free.length - t));
      const chosen = at(free, pick);
      free[pick] = at(free, t);
      free[t] = chosen;
      random[i * length + chosen] = 1;
    }
  }
  return {
    name: 'bigbird',
    length,
    causal: false,
    components: [
      { kind: 'window', mask: window },
      { kind: 'global', mask: global },
      { kind: 'random', mask: random },
    ],
  };
}

/** The union of all components: the pairs a merged head actually computes. */
export function unionMask(pattern: SparsePattern): Uint8Array {
  const out = emptyMask(pattern.length);
  for (const { mask } of pattern.components) {
    for (let t = 0; t < out.length; t++) if (mask[t] === 1) out[t] = 1;
  }
  return out;
}

/** Number of (i, j) pairs the pattern computes (the non-zero entries of its union mask). */
export function countPairs(pattern: SparsePattern): number {
  let n = 0;
  for (const v of unionMask(pattern)) n += v;
  return n;
}

/**
 * The kind drawn for cell (i, j), or `undefined` for a pair that is not computed. When two
 * components share a cell, the first listed wins (local before stride, window before global
 * before random), so the figure colours each cell once.
 */
export function cellKind(pattern: SparsePattern, i: number, j: number): PairKind | undefined {
  for (const { kind, mask } of pattern.components) if (mask[i * pattern.length + j] === 1) return kind;
  return undefined;
}

/**
 * The validity criterion of factorized attention with p = 2 heads (Child et al. 2019, §4.2):
 * for every j ≤ i there is a position a with j ∈ A⁽¹⁾ₐ and a ∈ A⁽²⁾ᵢ, i.e. a layer using head 1
 * followed by a layer using head 2 connects every input to every later output. With
 * `residual`, a step may also stay in place (a = j or a = i), which is what the residual
 * connection around each attention layer provides. Returns the pairs that fail.
 */
export function twoStepFailures(pattern: SparsePattern, residual: boolean): [number, number][] {
  const [first, second] = pattern.components;
  if (first === undefined || second === undefined) throw new RangeError('need two components');
  const n = pattern.length;
  const failures: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let ok = false;
      for (let a = j; a <= i && !ok; a++) {
        const step1 = first.mask[a * n + j] === 1 || (residual && a === j);
        const step2 = second.mask[i * n + a] === 1 || (residual && a === i);
        ok = step1 && step2;
      }
      if (!ok) failures.push([i, j]);
    }
  }
  return failures;
}

/**
 * The relay position a of the two-step argument for the strided pattern: the smallest a ≥ j with
 * a ≡ i (mod ℓ). Then 0 ≤ a − j < ℓ puts j in a's local window, and (i − a) mod ℓ = 0 with a ≤ i
 * puts a on i's stride, so head 1 carries j to a and head 2 carries a to i.
 */
export function stridedRelay(i: number, j: number, stride: number): number {
  if (!(j <= i)) throw new RangeError(`need j ≤ i, got i=${i}, j=${j}`);
  return j + ((((i - j) % stride) + stride) % stride);
}

/**
 * The relay of the fixed pattern for j in an earlier block than i: the last position of j's
 * block, a summary position (offset ℓ − 1 ≥ ℓ − c) that j reaches through head 1 and every later
 * query reaches through head 2.
 */
export function fixedRelay(j: number, block: number): number {
  return (Math.floor(j / block) + 1) * block - 1;
}

/**
 * Pairs (i, j ≤ i) of the fixed demo pattern that two stacked layers (block head, then summary
 * head) do not connect unless the residual path is counted, and the same count with it (zero);
 * printed in the article.
 */
export function fixedConnectivity() {
  const p = PATTERN_DEMO;
  const pattern = fixedPattern(p.length, p.stride, p.summary);
  const without = twoStepFailures(pattern, false).length;
  const withResidual = twoStepFailures(pattern, true).length;
  return { without, withResidual, printed: { without: String(without) } };
}

/**
 * Bytes of one head's L×L score matrix at the given bytes per entry: at L = 2¹⁶ in fp32 this is
 * Reformer's "16GB" example, 2³⁴ bytes = 16 GiB.
 */
export function scoreMatrixBytes(length: number, bytesPerEntry: number): number {
  return length * length * bytesPerEntry;
}

/**
 * Pairs computed by the strided pattern without building the L×L mask (for a realistic L): row i
 * has min(i + 1, ℓ) local keys and ⌊i/ℓ⌋ strided keys j = i − ℓ, i − 2ℓ, … ≥ 0, none of which is
 * local. The test checks it against `countPairs(stridedPattern(…))` at small L.
 */
export function stridedPairCount(length: number, stride: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) n += Math.min(i + 1, stride) + Math.floor(i / stride);
  return n;
}

/**
 * Pairs computed by the fixed pattern without building the mask: row i sees the (i mod ℓ) + 1
 * positions of its own block up to itself, plus the c summary positions of each of the ⌊i/ℓ⌋
 * earlier blocks. The test checks it against `countPairs(fixedPattern(…))` at small L.
 */
export function fixedPairCount(length: number, block: number, summary: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) n += (i % block) + 1 + summary * Math.floor(i / block);
  return n;
}

/**
 * Cost of the fixed pattern relative to the strided one at L = 4096, ℓ = 64 = √L: per query
 * strided averages about ℓ + L/(2ℓ) keys and fixed about ℓ/2 + cL/(2ℓ), a ratio near (1 + c)/3,
 * not c. Only the summary part is c times the stride part. Printed in the article for c = 8.
 */
export function fixedOverStrided(summary: number, length = 4096, block = 64) {
  const strided = stridedPairCount(length, block);
  const fixed = fixedPairCount(length, block, summary);
  return { strided, fixed, ratio: fixed / strided, printed: formatFixed(fixed / strided, 0) };
}

/**
 * The patterns drawn in the article's figure, all with L = 64: strided with ℓ = 8 = √L; fixed
 * with ℓ = 8 and c = 2; Longformer with ½w = 3 and 2 global tokens (think [CLS] and one question
 * token); BigBird with the same window and globals plus 3 random keys per row.
 */
export const PATTERN_DEMO = Object.freeze({
  length: 64,
  stride: 8,
  summary: 2,
  halfWindow: 3,
  globals: Object.freeze([0, 1]),
  randomPerRow: 3,
  seed: 20200728,
});

/** The four demo patterns, built from `PATTERN_DEMO`. */
export function demoPatterns(): SparsePattern[] {
  const p = PATTERN_DEMO;
  return [
    stridedPattern(p.length, p.stride),
    fixedPattern(p.length, p.stride, p.summary),
    longformerPattern(p.length, p.halfWindow, p.globals),
    bigBirdPattern(p.length, p.halfWindow, p.globals, p.randomPerRow, p.seed),
  ];
}

/**
 * Pair counts of the demo patterns, and of the strided pattern at a realistic L = 4096 with
 * ℓ = 64, against the L(L+1)/2 pairs of full causal attention or the L² of full bidirectional
 * attention; printed in the article.
 */
export function patternCounts() {
  const [strided, fixed, longformer, bigbird] = demoPatterns();
  if (strided === undefined || fixed === undefined || longformer === undefined || bigbird === undefined) {
    throw new Error('demo patterns missing');
  }
  const L = PATTERN_DEMO.length;
  const causalFull = (L * (L + 1)) / 2;
  const full = L * L;
  const bigPairs = stridedPairCount(4096, 64);
  const bigFull = (4096 * 4097) / 2;
  const counts = {
    strided: countPairs(strided),
    fixed: countPairs(fixed),
    longformer: countPairs(longformer),
    bigbird: countPairs(bigbird),
    causalFull,
    full,
    big: bigPairs,
    bigFull,
  };
  return {
    counts,
    printed: {
      strided: String(counts.strided),
      fixed: String(counts.fixed),
      longformer: String(counts.longformer),
      bigbird: String(counts.bigbird),
      causalFull: String(causalFull),
      full: String(full),
      stridedShare: formatPercent(counts.strided / causalFull, 0),
      bigShare: formatPercent(bigPairs / bigFull, 1),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Random features for the softmax kernel (Performer)
// ---------------------------------------------------------------------------------------------

/** xᵀy. */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`length mismatch: ${x.length} vs ${y.length}`);
  let s = 0;
  for (let t = 0; t < x.length; t++) s += at(x, t) * at(y, t);
  return s;
}

/** ‖x‖². */
export function sqNorm(x: ArrayLike<number>): number {
  return dot(x, x);
}

/** The softmax kernel SM(x, y) = exp(xᵀy) that the estimators approximate. */
export function softmaxKernel(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return Math.exp(dot(x, y));
}

/**
 * r directions ω ∈ ℝ^d in one flat row-major array (row s is entries s·d … s·d + d − 1), either
 * i.i.d. 𝒩(0, I_d) or in blocks of d exactly orthogonal rows (the last block truncated), each
 * orthogonal row given the length of an independent 𝒩(0, I_d) vector, as in the authors'
 * `GaussianOrthogonalRandomMatrix` with `scaling=0`. Gram–Schmidt on Gaussian vectors gives a
 * uniformly random orthonormal frame, so every row on its own is still distributed as 𝒩(0, I_d):
 * the estimators stay unbiased and only the correlation between rows changes. Flat typed arrays
 * because the Monte Carlo below draws millions of them at every build.
 */
export function directions(r: number, d: number, orthogonal: boolean, normal: () => number): Float64Array {
  const w = new Float64Array(r * d);
  if (!orthogonal) {
    for (let t = 0; t < w.length; t++) w[t] = normal();
    return w;
  }
  for (let blockStart = 0; blockStart < r; blockStart += d) {
    const rows = Math.min(d, r - blockStart);
    for (let s = blockStart; s < blockStart + rows; s++) {
      const o = s * d;
      for (let t = 0; t < d; t++) w[o + t] = normal();
      for (let u = blockStart; u < s; u++) {
        const ou = u * d;
        let c = 0;
        for (let t = 0; t < d; t++) c += (w[o + t] ?? 0) * (w[ou + t] ?? 0);
        for (let t = 0; t < d; t++) w[o + t] = (w[o + t] ?? 0) - c * (w[ou + t] ?? 0);
      }
      let n = 0;
      for (let t = 0; t < d; t++) n += (w[o + t] ?? 0) ** 2;
      n = Math.sqrt(n);
      for (let t = 0; t < d; t++) w[o + t] = (w[o + t] ?? 0) / n;
    }
    // Lengths are set after the whole block is orthonormal, so Gram–Schmidt sees unit rows.
    for (let s = blockStart; s < blockStart + rows; s++) {
      let chi = 0;
      for (let t = 0; t < d; t++) chi += normal() ** 2;
      chi = Math.sqrt(chi);
      for (let t = 0; t < d; t++) w[s * d + t] = (w[s * d + t] ?? 0) * chi;
    }
  }
  return w;
}

/** The rows of a flat direction array as vectors, for the readable feature maps below. */
export function rowsOf(w: Float64Array, d: number): number[][] {
  const rows: number[][] = [];
  for (let o = 0; o < w.length; o += d) rows.push(Array.from(w.subarray(o, o + d)));
  return rows;
}

/** r independent directions ω ~ 𝒩(0, I_d), one per row. */
export function gaussianDirections(r: number, d: number, normal: () => number): number[][] {
  return rowsOf(directions(r, d, false, normal), d);
}

/** r directions in orthogonal blocks (see {@link directions}), one per row. */
export function orthogonalDirections(r: number, d: number, normal: () => number): number[][] {
  return rowsOf(directions(r, d, true, normal), d);
}

// #region positive-features
/**
 * Positive random features (Performer, Lemma 1): φ⁺(x) = exp(−‖x‖²/2)/√r · [exp(ωₛᵀx)]ₛ,
 * so that E[φ⁺(x)ᵀφ⁺(y)] = exp(xᵀy) for ω ~ 𝒩(0, I). Every entry is positive.
 */
export function positiveFeatures(x: readonly number[], omegas: readonly number[][]): number[] {
  const r = omegas.length;
  const scale = Math.exp(-sqNorm(x) / 2) / Math.sqrt(r);
  return omegas.map((omega) => scale * Math.exp(dot(omega, x)));
}
// #endregion positive-features

/**
 * Trigonometric random features: φᵗʳⁱᵍ(x) = exp(‖x‖²/2)/√r · [sin(ωₛᵀx), cos(ωₛᵀx)]ₛ
 * (Rahimi–Recht features of the Gaussian kernel, rescaled), so that
 * φᵗʳⁱᵍ(x)ᵀφᵗʳⁱᵍ(y) = exp((‖x‖²+‖y‖²)/2) · (1/r) Σₛ cos(ωₛᵀ(x − y)), unbiased for exp(xᵀy).
 * Entries, and so estimates, can be negative.
 */
export function trigFeatures(x: readonly number[], omegas: readonly number[][]): number[] {
  const r = omegas.length;
  const scale = Math.exp(sqNorm(x) / 2) / Math.sqrt(r);
  const sin = omegas.map((omega) => scale * Math.sin(dot(omega, x)));
  const cos = omegas.map((omega) => scale * Math.cos(dot(omega, x)));
  return [...sin, ...cos];
}

/** Which feature map an estimator uses. */
export type FeatureKind = 'trig' | 'positive';

/** The random-feature estimate φ(x)ᵀφ(y) of exp(xᵀy) with the given directions. */
export function kernelEstimate(
  kind: FeatureKind,
  x: readonly number[],
  y: readonly number[],
  omegas: readonly number[][],
): number {
  const map = kind === 'trig' ? trigFeatures : positiveFeatures;
  return dot(map(x, omegas), map(y, omegas));
}

/**
 * Exact mean squared error of the estimator with r i.i.d. directions (Performer, Lemma 2;
 * derived in the article from the per-feature variance):
 * trig: exp(‖x‖²+‖y‖²)(1 − exp(−‖x − y‖²))² / (2r);
 * positive: exp(‖x+y‖²) SM(x, y)² (1 − exp(−‖x+y‖²)) / r.
 */
export function exactMse(kind: FeatureKind, x: readonly number[], y: readonly number[], r: number): number {
  const diff = x.map((v, t) => v - at(y, t));
  const sum = x.map((v, t) => v + at(y, t));
  if (kind === 'trig') {
    return (Math.exp(sqNorm(x) + sqNorm(y)) * (1 - Math.exp(-sqNorm(diff))) ** 2) / (2 * r);
  }
  return (Math.exp(sqNorm(sum)) * softmaxKernel(x, y) ** 2 * (1 - Math.exp(-sqNorm(sum)))) / r;
}

/**
 * Relative root mean squared error √MSE / SM(x, y) of the i.i.d. estimator, in closed form.
 * For unit-norm x, y at cosine c it depends only on c and r: trig √(2 sinh²(1 − c) / r),
 * positive √((exp(2 + 2c) − 1) / r).
 */
export function exactRelativeRmse(kind: FeatureKind, x: readonly number[], y: readonly number[], r: number): number {
  return Math.sqrt(exactMse(kind, x, y, r)) / softmaxKernel(x, y);
}

/** Composite Simpson rule for f on [a, b] with an even number n of intervals. */
function simpson(f: (t: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let k = 1; k < n; k++) s += (k % 2 === 1 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}

/**
 * Simpson nodes and weights for E[h(ρ)], ρ ~ χ_d (the length of an 𝒩(0, I_d) vector), on the
 * density ∝ ρ^(d−1) exp(−ρ²/2), normalized numerically so no Γ function is needed.
 */
function chiNodes(d: number, top: number, n: number): { rho: number[]; weight: number[] } {
  const h = top / n;
  const rho: number[] = [];
  const weight: number[] = [];
  let total = 0;
  for (let k = 0; k <= n; k++) {
    const t = k * h;
    const simpsonWeight = k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2;
    const w = t === 0 ? 0 : simpsonWeight * Math.exp((d - 1) * Math.log(t) - (t * t) / 2);
    rho.push(t);
    weight.push(w);
    total += w;
  }
  return { rho, weight: weight.map((w) => w / total) };
}

/** E[exp(tρ)] for ρ ~ χ_d, by Simpson's rule (|t| up to a few units). */
export function chiMgf(d: number, t: number): number {
  const { rho, weight } = chiNodes(d, 16, 800);
  let s = 0;
  for (let k = 0; k < rho.length; k++) s += at(weight, k) * Math.exp(t * at(rho, k));
  return s;
}

/**
 * E[g(a, b)] where (a, b) are the first two coordinates of a uniform point on the unit sphere in
 * ℝ^d (d ≥ 4), i.e. uᵢᵀẑ and uⱼᵀẑ for two rows of a Haar-random orthonormal frame and a fixed
 * unit vector ẑ: their density on the unit disk is ∝ (1 − a² − b²)^((d−4)/2). Polar Simpson rule.
 */
export function spherePairMean(d: number, g: (a: number, b: number) => number, n = 200): number {
  if (d < 4) throw new RangeError('need d ≥ 4');
  const weight = (s: number) => s * (1 - s * s) ** ((d - 4) / 2);
  const inner = (s: number) => simpson((phi) => g(s * Math.cos(phi), s * Math.sin(phi)), 0, 2 * Math.PI, n);
  return simpson((s) => weight(s) * inner(s), 0, 1, n) / (2 * Math.PI * simpson(weight, 0, 1, n));
}

/**
 * Exact MSE of the positive-feature estimator with r orthogonal directions in blocks of d (the
 * last block truncated), as `directions(…, true, …)` draws them. Each row is marginally
 * 𝒩(0, I_d), so the variance terms are those of the i.i.d. estimator; the rows of one block add a
 * covariance per ordered pair, Cov = E[exp(ω₁ᵀz) exp(ω₂ᵀz)] e^(−‖x‖²−‖y‖²) − SM², with z = x + y,
 * ωₖ = ρₖuₖ, ρₖ ~ χ_d independent and (u₁, u₂) an orthonormal Haar pair. Conditioning on
 * a = u₁ᵀẑ, b = u₂ᵀẑ gives E[M(‖z‖a) M(‖z‖b)] with M the χ_d moment generating function, a 2-D
 * integral over the disk done numerically. Rows of different blocks are independent.
 */
export function exactOrthogonalMse(x: readonly number[], y: readonly number[], r: number): number {
  const d = x.length;
  const z = x.map((v, t) => v + at(y, t));
  const zeta = Math.sqrt(sqNorm(z));
  const sm = softmaxKernel(x, y);
  const scale = Math.exp(-(sqNorm(x) + sqNorm(y)));
  // M(ζ a) on a fine grid of a ∈ [−1, 1], interpolated linearly (the quadrature calls it millions of times).
  const grid = 2000;
  const { rho, weight } = chiNodes(d, 16, 800);
  const table = Array.from({ length: grid + 1 }, (_, k) => {
    const t = zeta * (-1 + (2 * k) / grid);
    let s = 0;
    for (let q = 0; q < rho.length; q++) s += at(weight, q) * Math.exp(t * at(rho, q));
    return s;
  });
  const m = (a: number) => {
    const pos = ((a + 1) / 2) * grid;
    const k = Math.min(grid - 1, Math.max(0, Math.floor(pos)));
    const f = pos - k;
    return at(table, k) * (1 - f) + at(table, k + 1) * f;
  };
  const cov = spherePairMean(d, (a, b) => m(a) * m(b)) * scale - sm * sm;
  let orderedPairs = 0;
  for (let start = 0; start < r; start += d) {
    const rows = Math.min(d, r - start);
    orderedPairs += rows * (rows - 1);
  }
  return exactMse('positive', x, y, r) + (orderedPairs * cov) / (r * r);
}

/**
 * Performer's Theorem 2 bound for orthogonal positive features, extended to r > d blocks by
 * applying its per-pair covariance bound −2/(d + 2) · (SM − e^(−(‖x‖²+‖y‖²)/2))² to every ordered
 * pair inside a block (for r ≤ d this is exactly the stated bound).
 */
export function orthogonalMseBound(x: readonly number[], y: readonly number[], r: number): number {
  const d = x.length;
  let orderedPairs = 0;
  for (let start = 0; start < r; start += d) {
    const rows = Math.min(d, r - start);
    orderedPairs += rows * (rows - 1);
  }
  const gap = (2 / (d + 2)) * (softmaxKernel(x, y) - Math.exp(-(sqNorm(x) + sqNorm(y)) / 2)) ** 2;
  return exactMse('positive', x, y, r) - (orderedPairs * gap) / (r * r);
}

/** Summary of many independent draws of one estimator. */
export interface EstimatorStats {
  readonly mean: number;
  readonly mse: number;
  readonly relativeRmse: number;
  /** Fraction of draws that came out negative (impossible for positive features). */
  readonly negative: number;
}

/**
 * The same estimate as {@link kernelEstimate}, from a flat direction array and without building
 * the feature vectors: with aₛ = ωₛᵀx and bₛ = ωₛᵀy, trig gives
 * exp((‖x‖²+‖y‖²)/2) · (1/r) Σₛ cos(aₛ − bₛ) (sin·sin + cos·cos = cos of the difference) and
 * positive gives (1/r) Σₛ exp(aₛ − ‖x‖²/2 + bₛ − ‖y‖²/2). The test checks both paths agree.
 */
export function kernelEstimateFlat(
  kind: FeatureKind,
  x: readonly number[],
  y: readonly number[],
  w: Float64Array,
): number {
  const d = x.length;
  const r = w.length / d;
  const hx = sqNorm(x) / 2;
  const hy = sqNorm(y) / 2;
  let acc = 0;
  for (let s = 0; s < r; s++) {
    let a = 0;
    let b = 0;
    for (let t = 0; t < d; t++) {
      const omega = w[s * d + t] ?? 0;
      a += omega * at(x, t);
      b += omega * at(y, t);
    }
    acc += kind === 'trig' ? Math.cos(a - b) : Math.exp(a - hx + b - hy);
  }
  return kind === 'trig' ? (Math.exp(hx + hy) * acc) / r : acc / r;
}

/**
 * x and y in an orthonormal basis of their span: (‖x‖, 0) and (xᵀy/‖x‖, √(‖y‖² − (xᵀy)²/‖x‖²)).
 * Norms and the inner product are unchanged, so every i.i.d.-feature estimate has the same law.
 */
export function planeCoordinates(x: readonly number[], y: readonly number[]): [number[], number[]] {
  const nx = Math.sqrt(sqNorm(x));
  if (nx === 0) throw new RangeError('x must be non-zero');
  const along = dot(x, y) / nx;
  return [
    [nx, 0],
    [along, Math.sqrt(Math.max(0, sqNorm(y) - along * along))],
  ];
}

/**
 * Monte Carlo over `trials` independent draws of the r directions (seeded): sample mean, mean
 * squared error around the exact kernel, relative RMSE and the share of negative estimates.
 */
export function estimatorStats(
  kind: FeatureKind,
  orthogonal: boolean,
  x: readonly number[],
  y: readonly number[],
  r: number,
  trials: number,
  seed: number,
): EstimatorStats {
  const normal = normalSampler(mulberry32(seed));
  const exact = softmaxKernel(x, y);
  // With i.i.d. directions only (ωᵀx, ωᵀy) enters, and its law depends on x and y through their
  // Gram matrix alone; so the same estimator is simulated exactly, and 8× faster at d = 16, with
  // x and y written in an orthonormal basis of their span. Orthogonal blocks couple all d
  // coordinates and are drawn in full.
  const [u, v] = orthogonal ? [x, y] : planeCoordinates(x, y);
  const d = u.length;
  let sum = 0;
  let sq = 0;
  let negative = 0;
  for (let t = 0; t < trials; t++) {
    const e = kernelEstimateFlat(kind, u, v, directions(r, d, orthogonal, normal));
    sum += e;
    sq += (e - exact) ** 2;
    if (e < 0) negative++;
  }
  const mse = sq / trials;
  return { mean: sum / trials, mse, relativeRmse: Math.sqrt(mse) / exact, negative: negative / trials };
}

/**
 * Two unit vectors in ℝ^d at cosine c: x = e₁, y = c e₁ + √(1 − c²) e₂. Unit norms keep the
 * comparison about the angle alone (after Performer's d^(−1/4) scaling, ‖x‖ = 1 means ‖q‖ = d^(1/4)).
 */
export function unitPair(d: number, cosine: number): [number[], number[]] {
  if (d < 2) throw new RangeError('need d ≥ 2');
  const x = new Array<number>(d).fill(0);
  const y = new Array<number>(d).fill(0);
  x[0] = 1;
  y[0] = cosine;
  y[1] = Math.sqrt(1 - cosine * cosine);
  return [x, y];
}

/**
 * Settings of the estimator experiment: head dimension d = 16 (Performer's Fig. 4 uses d = 16),
 * unit vectors at cosine −0.8 (kernel small, exp(−0.8) ≈ 0.449) and +0.8 (kernel large,
 * exp(0.8) ≈ 2.23), r from 4 to 256, 1000 seeded draws per point.
 */
export const FEATURE_DEMO = Object.freeze({
  d: 16,
  cosines: Object.freeze([-0.8, 0.8]),
  features: Object.freeze([4, 8, 16, 32, 64, 128, 256]),
  trials: 1000,
  seed: 2009_14794,
  quoteFeatures: 64,
});

/** One curve of the estimator figure: relative RMSE against r. */
export interface ErrorCurve {
  readonly kind: FeatureKind;
  readonly orthogonal: boolean;
  readonly points: readonly { readonly r: number; readonly relativeRmse: number }[];
}

/**
 * The data of the estimator figure, for each cosine: empirical relative RMSE of trig and
 * positive features (i.i.d. directions) at every r, plus the closed-form curves. Deterministic: each (curve, r) point has its own seed.
 */
export function featureErrorCurves() {
  curvesCache ??= computeFeatureErrorCurves();
  return curvesCache;
}

let curvesCache: ReturnType<typeof computeFeatureErrorCurves> | undefined;

function computeFeatureErrorCurves() {
  const p = FEATURE_DEMO;
  return p.cosines.map((cosine, ci) => {
    const [x, y] = unitPair(p.d, cosine);
    const specs: [FeatureKind, boolean][] = [
      ['trig', false],
      ['positive', false],
    ];
    const curves: ErrorCurve[] = specs.map(([kind, orthogonal], si) => ({
      kind,
      orthogonal,
      points: p.features.map((r, ri) => ({
        r,
        relativeRmse: estimatorStats(kind, orthogonal, x, y, r, p.trials, p.seed + 1000 * ci + 100 * si + ri)
          .relativeRmse,
      })),
    }));
    const theory = (['trig', 'positive'] as const).map((kind) => ({
      kind,
      points: p.features.map((r) => ({ r, relativeRmse: exactRelativeRmse(kind, x, y, r) })),
    }));
    return { cosine, kernel: softmaxKernel(x, y), curves, theory };
  });
}

/**
 * The numbers the article quotes from the estimator experiment at r = 64: exact kernels,
 * closed-form relative RMSEs for both cosines (i.i.d. and orthogonal directions, the latter by
 * quadrature, with Theorem 2's bound), Monte Carlo ones where the kernel is small (there the
 * estimators are light-tailed, so 4000 draws pin them down), and the share of negative trig
 * estimates there. Where the kernel is large the positive estimator is heavy-tailed and a sample
 * RMSE is biased low and noisy, so the article quotes only exact values on that side.
 */
export function featureQuotes() {
  quotesCache ??= computeFeatureQuotes();
  return quotesCache;
}

let quotesCache: ReturnType<typeof computeFeatureQuotes> | undefined;

function computeFeatureQuotes() {
  const p = FEATURE_DEMO;
  const r = p.quoteFeatures;
  const rows = p.cosines.map((cosine, ci) => {
    const [x, y] = unitPair(p.d, cosine);
    const seed = p.seed + 7 + 10 * ci;
    const trig = estimatorStats('trig', false, x, y, r, 4 * p.trials, seed);
    const positive = estimatorStats('positive', false, x, y, r, 4 * p.trials, seed + 1);
    const orthogonal = estimatorStats('positive', true, x, y, r, 4 * p.trials, seed + 2);
    return {
      cosine,
      kernel: softmaxKernel(x, y),
      exactTrig: exactRelativeRmse('trig', x, y, r),
      exactPositive: exactRelativeRmse('positive', x, y, r),
      exactOrthogonal: Math.sqrt(exactOrthogonalMse(x, y, r)) / softmaxKernel(x, y),
      orthogonalBound: Math.sqrt(orthogonalMseBound(x, y, r)) / softmaxKernel(x, y),
      trig,
      positive,
      orthogonal,
    };
  });
  const [small, large] = rows;
  if (small === undefined || large === undefined) throw new Error('two cosines expected');
  const f3 = (v: number) => formatFixed(v, 3);
  return {
    rows,
    printed: {
      r: String(r),
      smallKernel: f3(small.kernel),
      largeKernel: f3(large.kernel),
      smallExactTrig: f3(small.exactTrig),
      smallExactPositive: f3(small.exactPositive),
      largeExactTrig: f3(large.exactTrig),
      largeExactPositive: f3(large.exactPositive),
      smallTrig: f3(small.trig.relativeRmse),
      smallPositive: f3(small.positive.relativeRmse),
      smallExactOrthogonal: formatFixed(small.exactOrthogonal, 3),
      largeExactOrthogonal: formatFixed(large.exactOrthogonal, 3),
      largeOrthogonalBound: formatFixed(large.orthogonalBound, 3),
      trials: String(4 * p.trials),
      smallMseRatio: formatFixed(small.exactTrig ** 2 / small.exactPositive ** 2, 0),
      largeMseRatio: formatFixed(large.exactPositive ** 2 / large.exactTrig ** 2, 0),
      smallNegative: formatPercent(small.trig.negative, 1),
    },
    /** Endpoints (r = 4 and r = 256) of the closed-form lines in the figure, for its alt text. */
    lineEnds: Object.fromEntries(
      p.cosines.flatMap((cosine, ci) => {
        const [x, y] = unitPair(p.d, cosine);
        const first = at(p.features, 0);
        const last = at(p.features, p.features.length - 1);
        return (['trig', 'positive'] as const).map((kind) => [
          `${ci === 0 ? 'small' : 'large'}-${kind}`,
          [
            formatSignificant(exactRelativeRmse(kind, x, y, first), 2),
            formatSignificant(exactRelativeRmse(kind, x, y, last), 2),
          ],
        ]);
      }),
    ) as Record<string, [string, string]>,
  };
}

/** The size of one head's score matrix at L = 65536 in fp32, in GiB, as the article prints it. */
export function scoreMatrixQuote() {
  const gib = scoreMatrixBytes(65536, 4) / 2 ** 30;
  return { gib, printed: `${formatFixed(gib, 0)} GiB` };
}

// ---------------------------------------------------------------------------------------------
// Attention built from the features
// ---------------------------------------------------------------------------------------------

/** Exact softmax attention softmax(QKᵀ/√d)V, row by row (the reference for FAVOR+). */
export function softmaxAttention(q: readonly number[][], k: readonly number[][], v: readonly number[][]): number[][] {
  return q.map((qi) => {
    const d = qi.length;
    const scores = k.map((kj) => dot(qi, kj) / Math.sqrt(d));
    const max = Math.max(...scores);
    const w = scores.map((s) => Math.exp(s - max));
    const z = w.reduce((a, b) => a + b, 0);
    const dv = v[0]?.length ?? 0;
    const out = new Array<number>(dv).fill(0);
    w.forEach((wj, j) => {
      const vj = v[j] ?? [];
      for (let t = 0; t < dv; t++) out[t] = at(out, t) + (wj / z) * at(vj, t);
    });
    return out;
  });
}

// #region favor
/**
 * Bidirectional FAVOR+ attention: scale q and k by d^(−1/4) so that their inner product is
 * qᵀk/√d, map both with positive features, then compute φ(q)ᵀ(Σⱼ φ(kⱼ)vⱼᵀ) / φ(q)ᵀ(Σⱼ φ(kⱼ))
 * in O(L r d) instead of forming the L×L matrix.
 */
export function favorAttention(
  q: readonly number[][],
  k: readonly number[][],
  v: readonly number[][],
  omegas: readonly number[][],
): number[][] {
  const d = q[0]?.length ?? 0;
  const dv = v[0]?.length ?? 0;
  const r = omegas.length;
  const scale = d ** -0.25;
  const phi = (x: readonly number[]) =>
    positiveFeatures(
      x.map((t) => t * scale),
      omegas,
    );
  const S = Array.from({ length: r }, () => new Array<number>(dv).fill(0)); // Σⱼ φ(kⱼ) vⱼᵀ, r × d_v
  const z = new Array<number>(r).fill(0); // Σⱼ φ(kⱼ), r
  k.forEach((kj, j) => {
    const f = phi(kj);
    const vj = v[j] ?? [];
    for (let s = 0; s < r; s++) {
      z[s] = at(z, s) + at(f, s);
      const row = S[s] ?? [];
      for (let t = 0; t < dv; t++) row[t] = at(row, t) + at(f, s) * at(vj, t);
    }
  });
  return q.map((qi) => {
    const f = phi(qi);
    const denominator = dot(f, z);
    return Array.from({ length: dv }, (_, t) => {
      let numerator = 0;
      for (let s = 0; s < r; s++) numerator += at(f, s) * at(S[s] ?? [], t);
      return numerator / denominator;
    });
  });
}
// #endregion favor

/**
 * A random attention problem (L queries and keys with 𝒩(0, σ²) entries, values with 𝒩(0, 1)
 * entries, head dimension d) and the largest absolute difference between FAVOR+ with r
 * orthogonal positive features and exact softmax attention. Used to check that the d^(−1/4)
 * scaling and the normalizer are right (the error must shrink as r grows) and that it grows
 * quickly with the norms of q and k (σ).
 */
export function favorError(length: number, d: number, r: number, sigma: number, seed: number): number {
  const normal = normalSampler(mulberry32(seed));
  const matrix = (scale: number) => Array.from({ length }, () => Array.from({ length: d }, () => scale * normal()));
  const q = matrix(sigma);
  const k = matrix(sigma);
  const v = matrix(1);
  const omegas = orthogonalDirections(r, d, normal);
  const exact = softmaxAttention(q, k, v);
  const approx = favorAttention(q, k, v, omegas);
  let worst = 0;
  exact.forEach((row, i) => {
    row.forEach((x, t) => {
      worst = Math.max(worst, Math.abs(x - at(approx[i] ?? [], t)));
    });
  });
  return worst;
}

/**
 * The FAVOR+ numbers in the article: L = 32, d = 16, r = 256 orthogonal positive features, the
 * largest error against exact softmax attention when q and k have entries of standard deviation
 * 0.5 (so ‖q‖/d^(1/4) ≈ 1) and 1 (≈ 2), same seed.
 */
export function favorQuotes() {
  const small = favorError(32, 16, 256, 0.5, 7);
  const large = favorError(32, 16, 256, 1, 7);
  return { small, large, printed: { small: formatFixed(small, 2), large: formatFixed(large, 2) } };
}

/** The q-quantile (0 ≤ q ≤ 1) of a sample, by linear interpolation between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const k = Math.floor(pos);
  const next = sorted[Math.min(k + 1, sorted.length - 1)] ?? Number.NaN;
  return at(sorted, k) + (pos - k) * (next - at(sorted, k));
}

/**
 * The same FAVOR+ experiment over many seeds, because one instance is one draw of a heavy-tailed
 * error: median and 10–90 % range of the largest error at σ = 0.5 and σ = 1 (seeds 1 … n).
 */
export function favorSpread(seeds = 200) {
  const run = (sigma: number) => {
    const errors = Array.from({ length: seeds }, (_, t) => favorError(32, 16, 256, sigma, t + 1));
    return { median: quantile(errors, 0.5), p10: quantile(errors, 0.1), p90: quantile(errors, 0.9) };
  };
  favorSpreadCache ??= { seeds, small: run(0.5), large: run(1) };
  const { small, large } = favorSpreadCache;
  const f2 = (v: number) => formatFixed(v, 2);
  return {
    seeds,
    small,
    large,
    printed: {
      seeds: String(seeds),
      small: f2(small.median),
      smallRange: `${f2(small.p10)}–${f2(small.p90)}`,
      large: f2(large.median),
      largeRange: `${f2(large.p10)}–${f2(large.p90)}`,
    },
  };
}

let favorSpreadCache:
  | { seeds: number; small: Record<'median' | 'p10' | 'p90', number>; large: Record<'median' | 'p10' | 'p90', number> }
  | undefined;

// ---------------------------------------------------------------------------------------------
// Linformer's Theorem 1: a counterexample
// ---------------------------------------------------------------------------------------------

/** Linformer's projection length p = ⌈5 ln L / (ε² − ε³)⌉ (the paper's k, Theorem 1). */
export function linformerRank(length: number, epsilon: number): number {
  return Math.ceil((5 * Math.log(length)) / (epsilon ** 2 - epsilon ** 3));
}

/**
 * The exact root-mean-square relative error of P̃w = PRᵀRw when P = I: with R ∈ ℝ^(p×L) of
 * i.i.d. 𝒩(0, 1/p) entries, E‖RᵀRw − w‖² = (L + 1)/p · ‖w‖² for every w (the diagonal terms
 * of RᵀR contribute (L + 2)/p, the off-diagonal ones 1 − 1/p, minus ‖w‖²).
 */
export function identityProjectionRmsError(length: number, rank: number): number {
  return Math.sqrt((length + 1) / rank);
}

/**
 * Relative error ‖PRᵀRw − Pw‖ / ‖Pw‖ of the construction in Linformer's proof, for
 * P = softmax(βI) row by row (each row puts e^β/(e^β + L − 1) on the diagonal and
 * 1/(e^β + L − 1) elsewhere: one dominant score per row, as softmax attention often is), a fixed
 * Gaussian w and R drawn with the given seed. Pv is applied in O(L) from that closed form.
 */
export function linformerRelativeError(length: number, rank: number, beta: number, seed: number): number {
  const normal = normalSampler(mulberry32(seed));
  const w = Array.from({ length }, () => normal());
  const diag = Math.exp(beta) / (Math.exp(beta) + length - 1);
  const off = 1 / (Math.exp(beta) + length - 1);
  const applyP = (v: readonly number[]) => {
    const total = v.reduce((a, b) => a + b, 0);
    return v.map((t) => (diag - off) * t + off * total);
  };
  // RᵀRw = Σₖ rₖ (rₖᵀw) over the p rows rₖ of R, each row drawn, used and dropped.
  const projected = new Float64Array(length);
  const row = new Float64Array(length);
  const sd = 1 / Math.sqrt(rank);
  for (let k = 0; k < rank; k++) {
    let c = 0;
    for (let j = 0; j < length; j++) {
      row[j] = sd * normal();
      c += (row[j] ?? 0) * at(w, j);
    }
    for (let j = 0; j < length; j++) projected[j] = (projected[j] ?? 0) + c * (row[j] ?? 0);
  }
  const exact = applyP(w);
  const approx = applyP(Array.from(projected));
  let num = 0;
  let den = 0;
  for (let j = 0; j < length; j++) {
    num += (at(approx, j) - at(exact, j)) ** 2;
    den += at(exact, j) ** 2;
  }
  return Math.sqrt(num / den);
}

/**
 * The counterexample printed in the article: L = 4096, ε = 0.5, so p = 333; P = softmax(20 I);
 * 20 independent draws of R (and w). Theorem 1 as stated needs the relative error below ε with
 * probability 1 − o(1); every draw is near √((L + 1)/p) ≈ 3.5 instead.
 */
export const LINFORMER_DEMO = Object.freeze({ length: 4096, epsilon: 0.5, beta: 20, draws: 20, seed: 2006_04768 });

export function linformerCounterexample() {
  linformerCache ??= computeLinformerCounterexample();
  return linformerCache;
}

let linformerCache: ReturnType<typeof computeLinformerCounterexample> | undefined;

function computeLinformerCounterexample() {
  const p = LINFORMER_DEMO;
  const rank = linformerRank(p.length, p.epsilon);
  const errors = Array.from({ length: p.draws }, (_, t) => linformerRelativeError(p.length, rank, p.beta, p.seed + t));
  const rms = identityProjectionRmsError(p.length, rank);
  const min = Math.min(...errors);
  const max = Math.max(...errors);
  return {
    rank,
    errors,
    rms,
    median: quantile(errors, 0.5),
    min,
    max,
    printed: {
      rank: String(rank),
      rms: formatFixed(rms, 2),
      draws: String(p.draws),
      median: formatFixed(quantile(errors, 0.5), 2),
      range: `${formatFixed(min, 2)}–${formatFixed(max, 2)}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Angular LSH (Reformer)
// ---------------------------------------------------------------------------------------------

// #region angular-lsh
/**
 * Reformer's angular hash with n_b buckets: project on n_b/2 random Gaussian directions (the
 * columns of R ∈ ℝ^(d × n_b/2)) and take the argmax over [xR; −xR]. Only the direction of x
 * matters, and vectors at a small angle tend to land in the same bucket.
 */
export function angularHash(x: readonly number[], rotation: readonly number[][]): number {
  const projections = rotation.map((column) => dot(column, x));
  const signed = [...projections, ...projections.map((p) => -p)];
  let best = 0;
  for (let b = 1; b < signed.length; b++) if (at(signed, b) > at(signed, best)) best = b;
  return best;
}
// #endregion angular-lsh

/**
 * Probability that two unit vectors at the given angle share a bucket under one angular hash
 * with `buckets` buckets, estimated over `trials` seeded draws of a Gaussian R. The probability
 * does not depend on the dimension: only the components of R's columns in the plane of x and y
 * enter the projections, and those are again i.i.d. 𝒩(0, 1). So the vectors live in ℝ² here.
 */
export function collisionProbability(buckets: number, angle: number, trials: number, seed: number): number {
  if (buckets % 2 !== 0 || buckets < 2) throw new RangeError(`buckets must be even: ${buckets}`);
  const d = 2;
  const [x, y] = unitPair(d, Math.cos(angle));
  const normal = normalSampler(mulberry32(seed));
  // The same hash as `angularHash(x, gaussianDirections(buckets / 2, 2, normal))`, without
  // allocating arrays (the table draws millions of R); the test checks both paths agree.
  const half = buckets / 2;
  const [x0, x1] = [at(x, 0), at(x, 1)];
  const [y0, y1] = [at(y, 0), at(y, 1)];
  const hash = (a: readonly number[]) => {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < half; c++) {
      const v = at(a, c);
      if (v > bestValue) [best, bestValue] = [c, v];
    }
    for (let c = 0; c < half; c++) {
      const v = -at(a, c);
      if (v > bestValue) [best, bestValue] = [half + c, v];
    }
    return best;
  };
  const px = new Array<number>(half).fill(0);
  const py = new Array<number>(half).fill(0);
  let same = 0;
  for (let t = 0; t < trials; t++) {
    for (let c = 0; c < half; c++) {
      const r0 = normal();
      const r1 = normal();
      px[c] = r0 * x0 + r1 * x1;
      py[c] = r0 * y0 + r1 * y1;
    }
    if (hash(px) === hash(py)) same++;
  }
  return same / trials;
}

/**
 * The LSH table in the article: n_b = 8 buckets, angles 15°…120°, 400000 draws each (standard
 * error √(p(1 − p)/n) ≤ 0.0008, so the third decimal is within about ±1); the
 * probability p of sharing a bucket in one round and 1 − (1 − p)⁴ of sharing it in at least one
 * of 4 independent rounds.
 */
export const LSH_DEMO = Object.freeze({
  buckets: 8,
  anglesDeg: Object.freeze([15, 30, 60, 90, 120]),
  rounds: 4,
  trials: 400000,
  seed: 2001_04451,
});

/** Rows of the LSH table, computed from `LSH_DEMO`. */
export function lshTable() {
  lshCache ??= computeLshTable();
  return lshCache;
}

let lshCache: ReturnType<typeof computeLshTable> | undefined;

/** P(same bucket) for n_b = 2: h is the sign of one Gaussian projection, so 1 − θ/π (SimHash). */
export function twoBucketCollision(angle: number): number {
  return 1 - angle / Math.PI;
}

function computeLshTable() {
  const p = LSH_DEMO;
  return p.anglesDeg.map((deg, a) => {
    const single = collisionProbability(p.buckets, (deg * Math.PI) / 180, p.trials, p.seed + a);
    const multi = 1 - (1 - single) ** p.rounds;
    return { deg, single, multi, printed: { single: formatFixed(single, 3), multi: formatFixed(multi, 3) } };
  });
}

// ---------------------------------------------------------------------------------------------
// Published numbers
// ---------------------------------------------------------------------------------------------

/**
 * Long Range Arena accuracies (%) as published by its authors (Tay et al. 2021, Table 1; the same
 * numbers are the leaderboard of the google-research/long-range-arena repository, "as of 8th
 * November 2020"): ListOps, Text, Retrieval, Image, Pathfinder, and the average over these five
 * (every model fails Path-X). Kept here so the test can check each row's average against its
 * five entries and that the article prints them as published.
 */
export const LRA_RESULTS = Object.freeze([
  { model: 'Transformer', scores: [36.37, 64.27, 57.46, 42.44, 71.4], avg: 54.39 },
  { model: 'Local Attention', scores: [15.82, 52.98, 53.39, 41.46, 66.63], avg: 46.06 },
  { model: 'Sparse Trans.', scores: [17.07, 63.58, 59.59, 44.24, 71.71], avg: 51.24 },
  { model: 'Longformer', scores: [35.63, 62.85, 56.89, 42.22, 69.71], avg: 53.46 },
  { model: 'BigBird', scores: [36.05, 64.02, 59.29, 40.83, 74.87], avg: 55.01 },
  { model: 'Reformer', scores: [37.27, 56.1, 53.4, 38.07, 68.5], avg: 50.67 },
  { model: 'Linformer', scores: [35.7, 53.94, 52.27, 38.56, 76.34], avg: 51.36 },
  { model: 'Performer', scores: [18.01, 65.4, 53.82, 42.77, 77.05], avg: 51.41 },
  { model: 'Linear Trans.', scores: [16.13, 65.9, 53.09, 42.34, 75.3], avg: 50.55 },
] as const);
