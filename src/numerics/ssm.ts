/**
 * Numerical code behind the state-space-model article (HiPPO → S4 → Mamba).
 *
 * Everything the article prints as a number and everything its figures draw is computed here, in
 * plain double-precision arithmetic on arrays: the HiPPO-LegS matrices and the online Legendre
 * projection of a test signal, the discretizations (zero-order hold, S4's bilinear, Mamba's code,
 * classical Tustin) and their convergence to the exact continuous solution, the recurrent and convolutional views of a linear
 * time-invariant SSM, S4's kernel computed from its generating function (Cauchy sums plus the
 * Woodbury identity), the parallel (associative) scan that Mamba's selective SSM relies on, the
 * gate of Mamba's Theorem 1, and the quadratic ("attention-like") form of state space duality.
 *
 * Notation follows the article (Mamba's letters): state h ∈ ℝᴺ, input x, output y,
 * h′ = Ah + Bx, y = Ch; step Δ; discrete Ā, B̄. Matrices are arrays of rows. In the SSM convention
 * the HiPPO-LegS matrix enters with a minus sign (S4's equation (2)).
 */

import { at, row } from './arrays';
import { formatFixed, formatSci } from './optimizers';
import { mulberry32, normalSampler } from './random';

/** A dense real matrix as an array of rows. */
export type Matrix = number[][];

/** Bounds-checked `xs[i]`: a silent `undefined` would turn into NaN far from the bug. */

/** Bounds-checked row `m[i]`. */

/** Bounds-checked `m[i][j]`. */
function el(m: readonly (readonly number[])[], i: number, j: number): number {
  return at(row(m, i), j);
}

/** Bounds-checked element of a generic list. */

// ---------------------------------------------------------------------------------------------
// Dense linear algebra (small matrices only: N ≤ 64 in the article)
// ---------------------------------------------------------------------------------------------

/** The n×n identity. */
export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** Matrix product ab. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const k = b.length;
  const m = row(b, 0).length;
  return Array.from({ length: n }, (_, i) => {
    const out = new Array<number>(m).fill(0);
    const ai = row(a, i);
    if (ai.length !== k) throw new RangeError('inner dimensions differ');
    for (let p = 0; p < k; p++) {
      const aip = at(ai, p);
      if (aip === 0) continue;
      const bp = row(b, p);
      for (let j = 0; j < m; j++) out[j] = at(out, j) + aip * at(bp, j);
    }
    return out;
  });
}

/** Matrix–vector product ax. */
export function matVec(a: Matrix, x: readonly number[]): number[] {
  return a.map((r) => {
    if (r.length !== x.length) throw new RangeError('dimensions differ');
    let s = 0;
    for (let j = 0; j < r.length; j++) s += at(r, j) * at(x, j);
    return s;
  });
}

/** a + s·b, elementwise. */
export function addScaled(a: Matrix, b: Matrix, s: number): Matrix {
  return a.map((r, i) => r.map((v, j) => v + s * el(b, i, j)));
}

/** s·a. */
export function scaleMatrix(a: Matrix, s: number): Matrix {
  return a.map((r) => r.map((v) => s * v));
}

/** Inner product of two vectors. */
export function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError('dimensions differ');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += at(a, i) * at(b, i);
  return s;
}

/** Largest |aᵢⱼ − bᵢⱼ|: the article's yardstick for "the two computations agree". */
export function maxAbsDiff(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let m = 0;
  a.forEach((r, i) => {
    r.forEach((v, j) => {
      m = Math.max(m, Math.abs(v - el(b, i, j)));
    });
  });
  return m;
}

/** Largest |aᵢ − bᵢ| of two vectors. */
export function maxAbsDiffVec(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError('dimensions differ');
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(at(a, i) - at(b, i)));
  return m;
}

/**
 * Solve AX = B for X (B with several columns) by Gaussian elimination with partial pivoting.
 * Used for the discretizations, whose matrices (I − Δ/2·A, the Padé denominator) are well
 * conditioned for a stable A; throws on an exactly singular matrix.
 */
export function solve(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = row(b, 0).length;
  const lu = a.map((r) => [...r]);
  const x = b.map((r) => [...r]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(el(lu, r, col)) > Math.abs(el(lu, pivot, col))) pivot = r;
    if (el(lu, pivot, col) === 0) throw new RangeError('singular matrix');
    [lu[col], lu[pivot]] = [row(lu, pivot) as number[], row(lu, col) as number[]];
    [x[col], x[pivot]] = [row(x, pivot) as number[], row(x, col) as number[]];
    const pr = row(lu, col) as number[];
    const px = row(x, col) as number[];
    for (let r = col + 1; r < n; r++) {
      const rr = row(lu, r) as number[];
      const f = at(rr, col) / at(pr, col);
      if (f === 0) continue;
      for (let j = col; j < n; j++) rr[j] = at(rr, j) - f * at(pr, j);
      const xr = row(x, r) as number[];
      for (let j = 0; j < m; j++) xr[j] = at(xr, j) - f * at(px, j);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    const xr = row(x, r) as number[];
    const lr = row(lu, r);
    for (let j = 0; j < m; j++) {
      let s = at(xr, j);
      for (let k = r + 1; k < n; k++) s -= at(lr, k) * el(x, k, j);
      xr[j] = s / at(lr, r);
    }
  }
  return x;
}

/** Solve Ax = b for one right-hand side. */
export function solveVec(a: Matrix, b: readonly number[]): number[] {
  return solve(
    a,
    b.map((v) => [v]),
  ).map((r) => at(r, 0));
}

/**
 * Solve Lx = b for a lower-triangular L by forward substitution, O(N²). HiPPO-LegS's
 * I − (Δ/2)·A is lower triangular, which is why its bilinear step costs O(N²) (O(N) with the
 * structure the paper's Proposition 4 exploits) instead of O(N³).
 */
export function solveLower(l: Matrix, b: readonly number[]): number[] {
  const n = l.length;
  const x = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const li = row(l, i);
    let s = at(b, i);
    for (let k = 0; k < i; k++) s -= at(li, k) * at(x, k);
    x[i] = s / at(li, i);
  }
  return x;
}

/** The 1-norm (largest absolute column sum), used to choose the scaling in `expm`. */
function norm1(a: Matrix): number {
  let best = 0;
  for (let j = 0; j < a.length; j++) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += Math.abs(el(a, i, j));
    best = Math.max(best, s);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Matrix exponential
// ---------------------------------------------------------------------------------------------

/** Degree of the diagonal Padé approximant used by `expm`. */
export const PADE_DEGREE = 6;

/**
 * e^A by scaling and squaring with a diagonal Padé approximant: pick s with ‖A/2ˢ‖₁ ≤ 1/2,
 * approximate e^{A/2ˢ} ≈ q(A/2ˢ)⁻¹p(A/2ˢ) with the (6, 6) Padé pair, then square s times. For
 * ‖X‖ ≤ 1/2 the (6, 6) approximant's relative error is about (1/2)¹³·6!²/(12!·13!) ≈ 2.1·10⁻¹⁷,
 * below double precision's unit roundoff 2⁻⁵³ ≈ 1.1·10⁻¹⁶, so the squarings dominate the
 * rounding. Zero-order hold needs e^{ΔA}; the tests check this against closed forms (diagonal,
 * rotation, Jordan block).
 */
export function expm(a: Matrix): Matrix {
  const n = a.length;
  const nrm = norm1(a);
  const s = nrm > 0.5 ? Math.ceil(Math.log2(nrm / 0.5)) : 0;
  const x = scaleMatrix(a, 2 ** -s);
  const q = PADE_DEGREE;
  // c_k = (2q − k)! q! / ((2q)! k! (q − k)!), c_0 = 1, by the recurrence c_k = c_{k−1}(q − k + 1)/(k(2q − k + 1)).
  let num = identity(n);
  let den = identity(n);
  let power = identity(n);
  let c = 1;
  for (let k = 1; k <= q; k++) {
    c = (c * (q - k + 1)) / (k * (2 * q - k + 1));
    power = matMul(power, x);
    num = addScaled(num, power, c);
    den = addScaled(den, power, (k % 2 === 0 ? 1 : -1) * c);
  }
  let e = solve(den, num);
  for (let i = 0; i < s; i++) e = matMul(e, e);
  return e;
}

// ---------------------------------------------------------------------------------------------
// HiPPO-LegS
// ---------------------------------------------------------------------------------------------

/**
 * P₀(x), …, P_{N−1}(x), Legendre polynomials by Bonnet's recurrence
 * (n + 1)P_{n+1} = (2n + 1)xP_n − nP_{n−1}: stable on [−1, 1], unlike summing monomials.
 */
export function legendreAll(count: number, x: number): number[] {
  const p = new Array<number>(count).fill(0);
  if (count > 0) p[0] = 1;
  if (count > 1) p[1] = x;
  for (let n = 1; n + 1 < count; n++) p[n + 1] = ((2 * n + 1) * x * at(p, n) - n * at(p, n - 1)) / (n + 1);
  return p;
}

/** Derivatives P′₀(x), …, P′_{N−1}(x), by (n + 1)P_n = P′_{n+1} − P′_{n−1} (valid on all of ℝ). */
export function legendreDerivAll(count: number, x: number): number[] {
  const p = legendreAll(count, x);
  const d = new Array<number>(count).fill(0);
  if (count > 1) d[1] = 1;
  for (let n = 1; n + 1 < count; n++) d[n + 1] = at(d, n - 1) + (2 * n + 1) * at(p, n);
  return d;
}

/** The HiPPO-LegS pair in the SSM convention h′ = Ah + Bx: A and B as numbers. */
export interface StateSpace {
  readonly A: Matrix;
  readonly B: number[];
}

// #region hippo-legs
/**
 * HiPPO-LegS in the SSM sign convention (S4 eq. (2)): A_nk = −√(2n+1)√(2k+1) for n > k,
 * −(n+1) on the diagonal, 0 above it; B_n = √(2n+1). The HiPPO paper writes the positive matrix
 * and the ODE as dc/dt = −(1/t)A c + (1/t)B f, so its A is the negative of this one.
 */
export function hippoLegs(n: number): StateSpace {
  const r = Array.from({ length: n }, (_, i) => Math.sqrt(2 * i + 1));
  const A = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, k) => (i > k ? -at(r, i) * at(r, k) : i === k ? -(i + 1) : 0)),
  );
  return { A, B: r };
}
// #endregion hippo-legs

/**
 * S4's low-rank correction for LegS, P_n = √(n + ½): A + PPᵀ = −½I + S with S skew-symmetric,
 * i.e. A is normal (here: −½I plus skew) minus rank one (S4 Theorem 1, `rank_correction` in the
 * authors' code).
 */
export function legsRankCorrection(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sqrt(i + 0.5));
}

/**
 * Which time the k-th bilinear step of LegS evaluates 1/t and the input at. `'end'` is the
 * authors' code (hippo-code `HiPPO_LegS`): A/k and f_k at the step's right end. `'mid'` uses
 * t = k − ½ and the input at the midpoint, which the article shows is second order instead of first.
 */
export type LegsTiming = 'end' | 'mid';

/**
 * Online HiPPO-LegS projection of samples f(t₁), …, f(t_L) on a uniform grid (tₖ = k/L of the
 * history length): the bilinear (trapezoidal) step of dc/dt = (1/t)(Ac + Bf) with t measured in
 * steps, c_k = (I − A/(2τ))⁻¹[(I + A/(2τ))c_{k−1} + B f/τ], τ = k (or k − ½). The step size drops
 * out — only the step count enters — which is LegS's timescale invariance. `sample(k)` returns the
 * input for step k = 1 … L under the chosen timing. Returns c_L.
 */
export function hippoLegsOnline(
  sample: (k: number, timing: LegsTiming) => number,
  n: number,
  steps: number,
  timing: LegsTiming = 'end',
): number[] {
  const { A, B } = hippoLegs(n);
  let c = new Array<number>(n).fill(0);
  for (let k = 1; k <= steps; k++) {
    const tau = timing === 'end' ? k : k - 0.5;
    const fk = sample(k, timing);
    // rhs = (I + A/(2τ))c + B f/τ, then forward substitution with the lower-triangular I − A/(2τ).
    const rhs = matVec(A, c).map((v, i) => at(c, i) + v / (2 * tau) + (at(B, i) * fk) / tau);
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const ai = row(A, i);
      let acc = at(rhs, i);
      for (let j = 0; j < i; j++) acc += (at(ai, j) / (2 * tau)) * at(next, j);
      next[i] = acc / (1 - at(ai, i) / (2 * tau));
    }
    c = next;
  }
  return c;
}

/**
 * Reconstruction from LegS coefficients: f(s) ≈ Σₙ cₙ √(2n+1) Pₙ(2s/t − 1) for s ∈ [0, t]; `u` is
 * s/t. The basis gₙ(s) = √(2n+1)Pₙ(2s/t − 1) is orthonormal under the uniform measure 1/t on [0, t].
 */
export function legsReconstruct(c: readonly number[], u: number): number {
  const p = legendreAll(c.length, 2 * u - 1);
  let s = 0;
  for (let i = 0; i < c.length; i++) s += at(c, i) * Math.sqrt(2 * i + 1) * at(p, i);
  return s;
}

/**
 * Gauss–Legendre nodes and weights on [−1, 1] (m points, exact for degree 2m − 1), by Newton's
 * method on P_m. The tests use it for the direct projection integrals, independent of any ODE.
 */
export function gaussLegendre(m: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= m; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (m + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      const p = legendreAll(m + 1, x);
      const pm = at(p, m);
      const dp = (m * (x * pm - at(p, m - 1))) / (x * x - 1);
      const dx = pm / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    const p = legendreAll(m + 1, x);
    const dp = (m * (x * at(p, m) - at(p, m - 1))) / (x * x - 1);
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * dp * dp));
  }
  return { nodes, weights };
}

/**
 * The exact LegS coefficients at time t: cₙ(t) = (1/t)∫₀ᵗ f(s) √(2n+1) Pₙ(2s/t − 1) ds, by
 * Gauss–Legendre quadrature. This is the definition the ODE is derived from, so comparing the two
 * checks the derivation, not just the code.
 */
export function legsProjection(f: (s: number) => number, n: number, t: number, points = 200): number[] {
  const { nodes, weights } = gaussLegendre(points);
  const c = new Array<number>(n).fill(0);
  nodes.forEach((x, q) => {
    const fx = f(((x + 1) / 2) * t);
    const p = legendreAll(n, x);
    for (let i = 0; i < n; i++) c[i] = at(c, i) + 0.5 * at(weights, q) * fx * Math.sqrt(2 * i + 1) * at(p, i);
  });
  return c;
}

/** The article's test signal on [0, 1]: a decaying 3-cycle sine, a 7-cycle cosine and a ramp. */
export function hippoTestSignal(s: number): number {
  return Math.sin(2 * Math.PI * 3 * s) * Math.exp(-s) + 0.5 * Math.cos(2 * Math.PI * 7 * s + 0.3) + 0.3 * s;
}

/** Settings of the HiPPO figure: samples of the history and the two state sizes compared. */
export const HIPPO_DEMO = Object.freeze({ steps: 2000, small: 16, large: 32, grid: 1001 });

/** Root-mean-square of a reconstruction error over a uniform grid of `grid` points in [0, 1]. */
export function legsRms(c: readonly number[], f: (s: number) => number, grid: number): number {
  let s2 = 0;
  for (let i = 0; i < grid; i++) {
    const u = i / (grid - 1);
    const e = legsReconstruct(c, u) - f(u);
    s2 += e * e;
  }
  return Math.sqrt(s2 / grid);
}

/** The input for step k of `hippoLegsOnline` on [0, 1] with `steps` samples. */
export function uniformSampler(f: (s: number) => number, steps: number): (k: number, timing: LegsTiming) => number {
  return (k, timing) => f((timing === 'end' ? k : k - 0.5) / steps);
}

/**
 * The HiPPO demo: online LegS coefficients after the whole signal (authors' bilinear scheme), for
 * two state sizes, and the errors of their reconstructions, next to the error of the exact
 * projection (what an infinitely fine discretization would give) so the text can separate
 * truncation error (finite N) from discretization error (finite L).
 */
export interface HippoDemo {
  readonly small: readonly number[];
  readonly large: readonly number[];
  readonly rmsSmall: number;
  readonly rmsLarge: number;
  readonly rmsLargeExact: number;
  readonly rmsLargeMid: number;
  /** Where (s/t) the N = 16 reconstruction is farthest from the signal. */
  readonly smallPeakAt: number;
  /** RMS error of the N = 16 reconstruction on the middle fifth [0.4, 0.6] and on the first and last fifths. */
  readonly rmsSmallMiddle: number;
  readonly rmsSmallFirst: number;
  readonly rmsSmallLast: number;
  /** |error| of the N = 32 reconstructions at s/t = 0: online (authors' timing), exact projection, midpoint timing. */
  readonly largeErrorAtStart: number;
  readonly largeExactErrorAtStart: number;
  readonly largeMidErrorAtStart: number;
  /** Largest |error| of the online N = 32 reconstruction over s/t ≥ 0.01. */
  readonly largeMaxErrorAfter: number;
}

/** Where the HiPPO demo looks at the error: the middle and end fifths, and the history after its first 1 %. */
export const HIPPO_REGIONS = Object.freeze({
  middle: { lo: 0.4, hi: 0.6 },
  first: { lo: 0, hi: 0.2 },
  last: { lo: 0.8, hi: 1 },
  after: 0.01,
});

/** Reconstruction error of coefficients `c` at grid point i of `grid` points over [0, 1]. */
function legsErrors(c: readonly number[], f: (s: number) => number, grid: number): number[] {
  return Array.from({ length: grid }, (_, i) => {
    const u = i / (grid - 1);
    return legsReconstruct(c, u) - f(u);
  });
}

/** RMS of the errors at the grid points whose s/t lies in [lo, hi]. */
function rmsOn(errors: readonly number[], { lo, hi }: { lo: number; hi: number }): number {
  const grid = errors.length;
  let s2 = 0;
  let count = 0;
  errors.forEach((e, i) => {
    const u = i / (grid - 1);
    if (u >= lo - 1e-12 && u <= hi + 1e-12) {
      s2 += e * e;
      count++;
    }
  });
  return Math.sqrt(s2 / count);
}

let hippoDemoCache: HippoDemo | undefined;

/**
 * The HiPPO demo (see above), computed once per process: the figure, the article's numbers and
 * the tests all read the same deterministic result.
 */
export function hippoDemo(): HippoDemo {
  hippoDemoCache ??= computeHippoDemo();
  return hippoDemoCache;
}

function computeHippoDemo(): HippoDemo {
  const { steps, small, large, grid } = HIPPO_DEMO;
  const sampler = uniformSampler(hippoTestSignal, steps);
  const cs = hippoLegsOnline(sampler, small, steps);
  const cl = hippoLegsOnline(sampler, large, steps);
  const clMid = hippoLegsOnline(sampler, large, steps, 'mid');
  const exact = legsProjection(hippoTestSignal, large, 1, 200);
  const errSmall = legsErrors(cs, hippoTestSignal, grid);
  const errLarge = legsErrors(cl, hippoTestSignal, grid);
  let peak = 0;
  errSmall.forEach((e, i) => {
    if (Math.abs(e) > Math.abs(at(errSmall, peak))) peak = i;
  });
  const { middle, first, last, after } = HIPPO_REGIONS;
  let maxAfter = 0;
  errLarge.forEach((e, i) => {
    if (i / (grid - 1) >= after - 1e-12) maxAfter = Math.max(maxAfter, Math.abs(e));
  });
  return {
    small: cs,
    large: cl,
    rmsSmall: legsRms(cs, hippoTestSignal, grid),
    rmsLarge: legsRms(cl, hippoTestSignal, grid),
    rmsLargeExact: legsRms(exact, hippoTestSignal, grid),
    rmsLargeMid: legsRms(clMid, hippoTestSignal, grid),
    smallPeakAt: peak / (grid - 1),
    rmsSmallMiddle: rmsOn(errSmall, middle),
    rmsSmallFirst: rmsOn(errSmall, first),
    rmsSmallLast: rmsOn(errSmall, last),
    largeErrorAtStart: Math.abs(at(errLarge, 0)),
    largeExactErrorAtStart: Math.abs(legsReconstruct(exact, 0) - hippoTestSignal(0)),
    largeMidErrorAtStart: Math.abs(legsReconstruct(clMid, 0) - hippoTestSignal(0)),
    largeMaxErrorAfter: maxAfter,
  };
}

/**
 * Lemma 3.2 of S4: up to sign and a diagonal similarity, LegS is A′_nk = (−1)^{n−k}(2k+1) (n > k),
 * k + 1 (n = k), and its eigenvectors are the columns of V_ij = C(i+j, i−j). Returns A′.
 */
export function legsSignedForm(n: number): Matrix {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, k) => (i > k ? (-1) ** (i - k) * (2 * k + 1) : i === k ? k + 1 : 0)),
  );
}

/** Exact binomial coefficient as a BigInt, for the eigenvector entries that overflow 2⁵³. */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** V_ij = C(i+j, i−j) (zero above the diagonal), in floating point. */
export function legsEigenvectors(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Number(binomial(i + j, i - j))));
}

/** The largest entry of V for state size n, exactly. */
export function legsEigenvectorMax(n: number): bigint {
  let best = 0n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const b = binomial(i + j, i - j);
      if (b > best) best = b;
    }
  return best;
}

/**
 * V⁻¹ exactly, by forward substitution in BigInt: V is unit lower triangular with integer entries,
 * so its inverse is an integer matrix too.
 */
export function legsEigenvectorsInverseExact(n: number): bigint[][] {
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => binomial(i + j, i - j)));
  const x = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      let s = i === j ? 1n : 0n;
      for (let k = 0; k < i; k++) s -= at(at(v, i), k) * at(at(x, k), j);
      at(x, i)[j] = s;
    }
  return x;
}

/**
 * The condition number κ∞(V) = ‖V‖∞·‖V⁻¹‖∞ of the eigenvector matrix, exactly (both factors are
 * integer matrices). The standard bound on the relative error of a double-precision solve with V
 * is about κ·2⁻⁵³; once κ exceeds 2⁵³ ≈ 9·10¹⁵, not even one correct digit is guaranteed.
 */
export function legsConditionNumber(n: number): bigint {
  const abs = (b: bigint) => (b < 0n ? -b : b);
  const normInf = (m: readonly (readonly bigint[])[]) => {
    let best = 0n;
    for (const r of m) {
      const s = r.reduce((acc, x) => acc + abs(x), 0n);
      if (s > best) best = s;
    }
    return best;
  };
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => binomial(i + j, i - j)));
  return normInf(v) * normInf(legsEigenvectorsInverseExact(n));
}

/** How V⁻¹ is formed in double precision: forward substitution (V is unit lower triangular) or Gaussian elimination with partial pivoting. */
export type InverseMethod = 'forward' | 'pivoting';

/**
 * What goes wrong when S4's naive route is taken: rebuild A′ = VΛV⁻¹ in double precision and
 * return max|VΛV⁻¹ − A′| / max|A′|. Exact arithmetic gives 0. With forward substitution every
 * intermediate is an integer, so the result stays exact while those integers are below 2⁵³
 * (N ≤ 23); pivoting divides by non-unit pivots and rounds from small N on. Either way the
 * exponentially large entries of V make the error explode; its size depends on the method and
 * the order of the operations, only its growth does not.
 */
export function legsDiagonalizationError(n: number, method: InverseMethod = 'forward'): number {
  const v = legsEigenvectors(n);
  const aPrime = legsSignedForm(n);
  const unit = (j: number) => Array.from({ length: n }, (_, i) => (i === j ? 1 : 0));
  const vinv =
    method === 'forward'
      ? (() => {
          const cols = Array.from({ length: n }, (_, j) => solveLower(v, unit(j)));
          return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => at(at(cols, j), i)));
        })()
      : solve(v, identity(n));
  const vl = v.map((r) => r.map((x, j) => x * (j + 1)));
  const rebuilt = matMul(vl, vinv);
  let scale = 0;
  for (const r of aPrime) for (const x of r) scale = Math.max(scale, Math.abs(x));
  return maxAbsDiff(rebuilt, aPrime) / scale;
}

// ---------------------------------------------------------------------------------------------
// Discretization
// ---------------------------------------------------------------------------------------------

/** A discrete SSM's parameters Ā, B̄ (C is unchanged by both rules). */
export interface DiscreteSsm {
  readonly Abar: Matrix;
  readonly Bbar: number[];
}

// #region discretize
/**
 * Zero-order hold: Ā = e^{ΔA}, B̄ = (ΔA)⁻¹(e^{ΔA} − I)ΔB, exact if x is constant on each step.
 * Computed as one exponential of the augmented matrix [[ΔA, ΔB], [0, 0]], whose top-right block
 * is ∫₀^Δ e^{Aτ}dτ·B = B̄; this needs no inverse of A, so it also works for singular A.
 */
export function discretizeZoh(A: Matrix, B: readonly number[], delta: number): DiscreteSsm {
  const n = A.length;
  const aug = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === n ? 0 : j === n ? delta * at(B, i) : delta * el(A, i, j))),
  );
  const e = expm(aug);
  return {
    Abar: e.slice(0, n).map((r) => r.slice(0, n)),
    Bbar: e.slice(0, n).map((r) => at(r, n)),
  };
}

/** Bilinear (Tustin): Ā = (I − Δ/2·A)⁻¹(I + Δ/2·A), B̄ = (I − Δ/2·A)⁻¹ΔB — S4 eq. (3). */
export function discretizeBilinear(A: Matrix, B: readonly number[], delta: number): DiscreteSsm {
  const n = A.length;
  const left = addScaled(identity(n), A, -delta / 2);
  return {
    Abar: solve(left, addScaled(identity(n), A, delta / 2)),
    Bbar: solveVec(
      left,
      B.map((b) => delta * b),
    ),
  };
}

/** What Mamba's reference code computes: Ā = e^{ΔA} as in ZOH, but B̄ = ΔB (Euler for B). */
export function discretizeMambaCode(A: Matrix, B: readonly number[], delta: number): DiscreteSsm {
  return { Abar: expm(scaleMatrix(A, delta)), Bbar: B.map((b) => delta * b) };
}
// #endregion discretize

/** The three rules the article compares, by name. */
export const DISCRETIZATIONS = {
  zoh: discretizeZoh,
  bilinear: discretizeBilinear,
  mamba: discretizeMambaCode,
} as const;

/** A rule's name. */
export type DiscretizationName = keyof typeof DISCRETIZATIONS;

/**
 * Classical Tustin: the trapezoidal rule applied to the whole right-hand side,
 * h_k − h_{k−1} = (Δ/2)[A(h_k + h_{k−1}) + B(x_k + x_{k−1})]. Its Ā and B̄ are S4's bilinear ones;
 * only the input differs: the average (x_k + x_{k−1})/2 of the two end-of-step samples instead of
 * x_k alone. `x` holds x_0 … x_{L−1}, `before` the sample preceding x_0 (x(0) in the convergence
 * study). Returns y_k = C h_k.
 */
export function runTustin(
  A: Matrix,
  B: readonly number[],
  C: readonly number[],
  delta: number,
  x: readonly number[],
  before: number,
): number[] {
  const d = discretizeBilinear(A, B, delta);
  let h = new Array<number>(B.length).fill(0);
  return x.map((xk, k) => {
    const avg = (xk + (k === 0 ? before : at(x, k - 1))) / 2;
    h = matVec(d.Abar, h).map((v, i) => v + at(d.Bbar, i) * avg);
    return dot(C, h);
  });
}

/** The rules of the convergence study: the three above, plus classical Tustin (end-of-step samples only). */
export type ConvergenceRule = DiscretizationName | 'tustin';

// ---------------------------------------------------------------------------------------------
// Recurrent and convolutional views
// ---------------------------------------------------------------------------------------------

// #region recurrence-convolution
/** Recurrent view: h_k = Ā h_{k−1} + B̄ x_k, y_k = C h_k, from h_{−1} = 0. O(N²) per step. */
export function runRecurrence(d: DiscreteSsm, C: readonly number[], x: readonly number[]): number[] {
  let h = new Array<number>(d.Bbar.length).fill(0);
  return x.map((xk) => {
    h = matVec(d.Abar, h).map((v, i) => v + at(d.Bbar, i) * xk);
    return dot(C, h);
  });
}

/** The convolution kernel K̄ = (CB̄, CĀB̄, …, CĀ^{L−1}B̄), by L matrix–vector products. */
export function convolutionKernel(d: DiscreteSsm, C: readonly number[], length: number): number[] {
  const k: number[] = [];
  let v = [...d.Bbar];
  for (let j = 0; j < length; j++) {
    k.push(dot(C, v));
    v = matVec(d.Abar, v);
  }
  return k;
}

/** Convolutional view: y_k = Σ_{j≤k} K̄_j x_{k−j} (causal, not circular). */
export function causalConvolution(kernel: readonly number[], x: readonly number[]): number[] {
  return x.map((_, k) => {
    let s = 0;
    for (let j = 0; j <= k; j++) s += at(kernel, j) * at(x, k - j);
    return s;
  });
}
// #endregion recurrence-convolution

/**
 * A random stable SSM: A = −(GGᵀ/N + ½I) + (S − Sᵀ)/2, so xᵀAx < 0 for every x ≠ 0 and all
 * eigenvalues have negative real part; B, C standard normal. Seeded, hence reproducible.
 */
export function randomStableSsm(n: number, seed: number): { A: Matrix; B: number[]; C: number[] } {
  const normal = normalSampler(mulberry32(seed));
  const g = Array.from({ length: n }, () => Array.from({ length: n }, () => normal()));
  const s = Array.from({ length: n }, () => Array.from({ length: n }, () => normal()));
  const A = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let ggt = 0;
      for (let k = 0; k < n; k++) ggt += el(g, i, k) * el(g, j, k);
      return -(ggt / n + (i === j ? 0.5 : 0)) + (el(s, i, j) - el(s, j, i)) / 2;
    }),
  );
  return { A, B: Array.from({ length: n }, () => normal()), C: Array.from({ length: n }, () => normal()) };
}

// ---------------------------------------------------------------------------------------------
// Convergence of the discretizations to the continuous solution
// ---------------------------------------------------------------------------------------------

/**
 * Exact state of h′ = Ah + B sin(ωt), h(0) = 0: h(t) = Im[(iωI − A)⁻¹(e^{iωt}I − e^{At})B].
 * (Check: differentiating gives A h + B sin ωt because A commutes with (iωI − A)⁻¹.) The complex
 * solve is done as the real 2N×2N system [[−A, −ωI], [ωI, −A]].
 */
export function exactSineResponse(A: Matrix, B: readonly number[], omega: number, t: number): number[] {
  const n = A.length;
  const eAtB = matVec(expm(scaleMatrix(A, t)), B);
  const vr = B.map((b, i) => Math.cos(omega * t) * b - at(eAtB, i));
  const vi = B.map((b) => Math.sin(omega * t) * b);
  const big = Array.from({ length: 2 * n }, (_, i) =>
    Array.from({ length: 2 * n }, (_, j) => {
      const ii = i % n;
      const jj = j % n;
      const sameBlock = i < n === j < n;
      if (sameBlock) return -el(A, ii, jj);
      if (ii !== jj) return 0;
      return i < n ? -omega : omega;
    }),
  );
  const z = solveVec(big, [...vr, ...vi]);
  return z.slice(n);
}

/** Where within each step the input is sampled: at its right end tₖ = kΔ, or at its midpoint. */
export type Sampling = 'end' | 'mid';

/**
 * Output at time T of the discretized SSM driven by sin(ωt) sampled once per step. Tustin uses the
 * end-of-step samples x(kΔ) and x((k−1)Δ) of each step, so it takes `sampling = 'end'` only.
 */
export function discreteSineOutput(
  rule: ConvergenceRule,
  A: Matrix,
  B: readonly number[],
  C: readonly number[],
  omega: number,
  T: number,
  steps: number,
  sampling: Sampling,
): number {
  const delta = T / steps;
  const x = Array.from({ length: steps }, (_, i) => Math.sin(omega * delta * (i + (sampling === 'end' ? 1 : 0.5))));
  if (rule === 'tustin') {
    if (sampling !== 'end') throw new RangeError('Tustin averages the two end-of-step samples');
    return at(runTustin(A, B, C, delta, x, Math.sin(0)), steps - 1);
  }
  const d = DISCRETIZATIONS[rule](A, B, delta);
  return at(runRecurrence(d, C, x), steps - 1);
}

/** Least-squares slope of log y against log x: the observed order of convergence. */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((v, i) => {
    num += (v - mx) * (at(ly, i) - my);
    den += (v - mx) ** 2;
  });
  return num / den;
}

/** The convergence study: LegS with N = 4 as A, C = (¼, …, ¼), x(t) = sin 3t, output at T = 2. */
export const CONVERGENCE_DEMO = Object.freeze({
  n: 4,
  omega: 3,
  T: 2,
  steps: [16, 32, 64, 128, 256, 512, 1024],
});

/** One curve of the convergence figure. */
export interface ConvergenceCurve {
  readonly rule: ConvergenceRule;
  readonly sampling: Sampling;
  readonly deltas: number[];
  readonly errors: number[];
  readonly slope: number;
}

/**
 * |y_discrete(T) − y(T)| against Δ for every rule and sampling, with the fitted order: ZOH,
 * bilinear and Mamba's code with end-of-step and with midpoint samples, and classical Tustin with
 * end-of-step samples. The continuous reference is `exactSineResponse`, not a finer discretization.
 */
export function convergenceStudy(): ConvergenceCurve[] {
  const { n, omega, T, steps } = CONVERGENCE_DEMO;
  const { A, B } = hippoLegs(n);
  const C = new Array<number>(n).fill(1 / n);
  const exact = dot(C, exactSineResponse(A, B, omega, T));
  const curves: ConvergenceCurve[] = [];
  for (const sampling of ['end', 'mid'] as const) {
    const rules: ConvergenceRule[] =
      sampling === 'end' ? ['zoh', 'bilinear', 'mamba', 'tustin'] : ['zoh', 'bilinear', 'mamba'];
    for (const rule of rules) {
      const deltas = steps.map((s) => T / s);
      const errors = steps.map((s) => Math.abs(discreteSineOutput(rule, A, B, C, omega, T, s, sampling) - exact));
      curves.push({ rule, sampling, deltas, errors, slope: logLogSlope(deltas, errors) });
    }
  }
  return curves;
}

/**
 * Free response (x = 0, h(0) = B): Ā^L B against e^{AT}B. ZOH is exact here for every Δ;
 * bilinear replaces e^{ΔA} by its (1, 1) Padé approximant, so the error is O(Δ²).
 */
export function freeResponseErrors(rule: 'zoh' | 'bilinear'): { deltas: number[]; errors: number[]; slope: number } {
  const { n, T, steps } = CONVERGENCE_DEMO;
  const { A, B } = hippoLegs(n);
  const C = new Array<number>(n).fill(1 / n);
  const exact = dot(C, matVec(expm(scaleMatrix(A, T)), B));
  const deltas = steps.map((s) => T / s);
  const errors = steps.map((s) => {
    const d = DISCRETIZATIONS[rule](A, B, T / s);
    let v = [...B];
    for (let k = 0; k < s; k++) v = matVec(d.Abar, v);
    return Math.abs(dot(C, v) - exact);
  });
  return { deltas, errors, slope: logLogSlope(deltas, errors) };
}

// ---------------------------------------------------------------------------------------------
// S4: the kernel from its generating function
// ---------------------------------------------------------------------------------------------

/** A complex number. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** Complex constructors and arithmetic, kept minimal. */
export const cx = (re: number, im = 0): Complex => ({ re, im });
const cadd = (a: Complex, b: Complex): Complex => cx(a.re + b.re, a.im + b.im);
const csub = (a: Complex, b: Complex): Complex => cx(a.re - b.re, a.im - b.im);
const cmul = (a: Complex, b: Complex): Complex => cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
const cdiv = (a: Complex, b: Complex): Complex => {
  const d = b.re * b.re + b.im * b.im;
  return cx((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
};
const cconj = (a: Complex): Complex => cx(a.re, -a.im);
const cscale = (a: Complex, s: number): Complex => cx(a.re * s, a.im * s);
/** |a|. */
export const cabs = (a: Complex): number => Math.hypot(a.re, a.im);
const cexpi = (theta: number): Complex => cx(Math.cos(theta), Math.sin(theta));

/** Solve a complex linear system (several right-hand sides) by Gaussian elimination with pivoting. */
function csolve(a: Complex[][], b: Complex[][]): Complex[][] {
  const n = a.length;
  const lu = a.map((r) => [...r]);
  const x = b.map((r) => [...r]);
  const m = at(b, 0).length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (cabs(at(at(lu, r), col)) > cabs(at(at(lu, pivot), col))) pivot = r;
    [lu[col], lu[pivot]] = [at(lu, pivot), at(lu, col)];
    [x[col], x[pivot]] = [at(x, pivot), at(x, col)];
    const pr = at(lu, col);
    const px = at(x, col);
    for (let r = col + 1; r < n; r++) {
      const rr = at(lu, r);
      const f = cdiv(at(rr, col), at(pr, col));
      for (let j = col; j < n; j++) rr[j] = csub(at(rr, j), cmul(f, at(pr, j)));
      const xr = at(x, r);
      for (let j = 0; j < m; j++) xr[j] = csub(at(xr, j), cmul(f, at(px, j)));
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    const xr = at(x, r);
    const lr = at(lu, r);
    for (let j = 0; j < m; j++) {
      let s = at(xr, j);
      for (let k = r + 1; k < n; k++) s = csub(s, cmul(at(lr, k), at(at(x, k), j)));
      xr[j] = cdiv(s, at(lr, r));
    }
  }
  return x;
}

/** A diagonal-plus-low-rank SSM in S4's form: A = diag(Λ) − PQ*, with B, C and a step Δ. */
export interface DplrSsm {
  readonly lambda: Complex[];
  readonly P: Complex[];
  readonly Q: Complex[];
  readonly B: Complex[];
  readonly C: Complex[];
  readonly delta: number;
}

/** The dense A = diag(Λ) − PQ* of a DPLR SSM. */
function dplrDense(s: DplrSsm): Complex[][] {
  return s.lambda.map((l, i) => s.lambda.map((_, j) => csub(i === j ? l : cx(0), cmul(at(s.P, i), cconj(at(s.Q, j))))));
}

/**
 * The bilinear Ā = (I − Δ/2·A)⁻¹(I + Δ/2·A) of a DPLR SSM, formed densely, with the left factor
 * I − Δ/2·A that B̄ is solved against: shared by the direct kernel and the check of Algorithm 1.
 */
function bilinearDense(s: DplrSsm): { left: Complex[][]; abar: Complex[][] } {
  const a = dplrDense(s);
  const half = s.delta / 2;
  const left = a.map((r, i) => r.map((v, j) => csub(i === j ? cx(1) : cx(0), cscale(v, half))));
  const right = a.map((r, i) => r.map((v, j) => cadd(i === j ? cx(1) : cx(0), cscale(v, half))));
  return { left, abar: csolve(left, right) };
}

/**
 * Reference kernel: bilinear Ā, B̄ formed densely, then K̄_j = CĀʲB̄ by L matrix–vector
 * products — the O(N²L) computation S4 sets out to avoid.
 */
export function s4KernelDirect(s: DplrSsm, length: number): Complex[] {
  const n = s.lambda.length;
  const { left, abar } = bilinearDense(s);
  const bbar = csolve(
    left,
    s.B.map((b) => [cscale(b, s.delta)]),
  ).map((r) => at(r, 0));
  const out: Complex[] = [];
  let v = bbar;
  for (let j = 0; j < length; j++) {
    let acc = cx(0);
    for (let i = 0; i < n; i++) acc = cadd(acc, cmul(at(s.C, i), at(v, i)));
    out.push(acc);
    v = abar.map((r) => r.reduce((sum, aij, k) => cadd(sum, cmul(aij, at(v, k))), cx(0)));
  }
  return out;
}

/**
 * S4's Algorithm 1: C̃ = C(I − Ā^L); at each z = e^{−2πik/L}, the four Cauchy sums
 * k_xy(z) = Σₙ uₙvₙ/(g(z) − Λₙ) with g(z) = (2/Δ)(1 − z)/(1 + z); the Woodbury correction
 * K̂(z) = 2/(1 + z)·[k₀₀ − k₀₁k₁₀/(1 + k₁₁)]; then K̄ = inverse DFT of K̂. At z = −1 (even L)
 * the formula is 0/0; its limit is K̂(−1) = C̃ΔB/2, used there. C̃ is formed here with dense
 * powers of Ā for checking; S4 keeps C̃ itself as the trained parameter.
 */
export function s4KernelGenerating(s: DplrSsm, length: number): Complex[] {
  const n = s.lambda.length;
  const { abar } = bilinearDense(s);
  // Row vector C Ā^L, then C̃ = C − CĀ^L.
  let r = [...s.C];
  for (let j = 0; j < length; j++)
    r = s.C.map((_, col) => r.reduce((sum, rk, k) => cadd(sum, cmul(rk, at(at(abar, k), col))), cx(0)));
  const ct = s.C.map((c, i) => csub(c, at(r, i)));
  const qc = s.Q.map(cconj);
  const khat: Complex[] = [];
  for (let k = 0; k < length; k++) {
    const z = cexpi((-2 * Math.PI * k) / length);
    const onePlusZ = cadd(cx(1), z);
    if (cabs(onePlusZ) < 1e-12) {
      let acc = cx(0);
      for (let i = 0; i < n; i++) acc = cadd(acc, cmul(at(ct, i), at(s.B, i)));
      khat.push(cscale(acc, s.delta / 2));
      continue;
    }
    const g = cscale(cdiv(csub(cx(1), z), onePlusZ), 2 / s.delta);
    const cauchy = (u: readonly Complex[], v: readonly Complex[]): Complex => {
      let acc = cx(0);
      for (let i = 0; i < n; i++) acc = cadd(acc, cdiv(cmul(at(u, i), at(v, i)), csub(g, at(s.lambda, i))));
      return acc;
    };
    const k00 = cauchy(ct, s.B);
    const k01 = cauchy(ct, s.P);
    const k10 = cauchy(qc, s.B);
    const k11 = cauchy(qc, s.P);
    const woodbury = csub(k00, cdiv(cmul(k01, k10), cadd(cx(1), k11)));
    khat.push(cmul(cdiv(cx(2), onePlusZ), woodbury));
  }
  return Array.from({ length }, (_, j) => {
    let acc = cx(0);
    for (let k = 0; k < length; k++) acc = cadd(acc, cmul(at(khat, k), cexpi((2 * Math.PI * j * k) / length)));
    return cscale(acc, 1 / length);
  });
}

/** A seeded DPLR test system: Λₙ = −½ + iπn (S4D-Lin's spectrum), random P, Q, B, C. */
export function randomDplr(n: number, delta: number, seed: number): DplrSsm {
  const normal = normalSampler(mulberry32(seed));
  const rand = (scale: number): Complex[] => Array.from({ length: n }, () => cx(scale * normal(), scale * normal()));
  return {
    lambda: Array.from({ length: n }, (_, i) => cx(-0.5, Math.PI * i)),
    P: rand(0.3),
    Q: rand(0.3),
    B: rand(1),
    C: rand(1),
    delta,
  };
}

// ---------------------------------------------------------------------------------------------
// Mamba: selective SSM, associative scan
// ---------------------------------------------------------------------------------------------

// #region scan
/**
 * One step of a diagonal linear recurrence as an affine map h ↦ a ⊙ h + b (elementwise over the
 * flattened D·N state). Composition is associative, which is all a parallel scan needs.
 */
export interface Affine {
  readonly a: readonly number[];
  readonly b: readonly number[];
}

/** (a₂, b₂) ∘ (a₁, b₁) = (a₂a₁, a₂b₁ + b₂): first apply `earlier`, then `later`. */
export function combine(earlier: Affine, later: Affine): Affine {
  return {
    a: later.a.map((a2, i) => a2 * at(earlier.a, i)),
    b: later.b.map((b2, i) => at(later.a, i) * at(earlier.b, i) + b2),
  };
}

/**
 * Blelloch's work-efficient scan: an up-sweep builds partial compositions in a balanced tree, a
 * down-sweep hands every position the composition of everything before it (exclusive prefix);
 * one more `combine` makes it inclusive. O(L) combines, 2·log₂L parallel rounds. The order of the
 * operands matters (∘ is not commutative); the identity (1, 0) pads L to a power of two.
 */
export function blellochScan(items: readonly Affine[]): Affine[] {
  const dim = items.length > 0 ? at(items, 0).a.length : 0;
  const id: Affine = { a: new Array<number>(dim).fill(1), b: new Array<number>(dim).fill(0) };
  let size = 1;
  while (size < items.length) size *= 2;
  const t: Affine[] = Array.from({ length: size }, (_, i) => items[i] ?? id);
  // Up-sweep: the right node of each pair becomes (left ∘ right), the composition of its subtree.
  for (let d = 1; d < size; d *= 2) {
    for (let k = 0; k < size; k += 2 * d) {
      t[k + 2 * d - 1] = combine(at(t, k + d - 1), at(t, k + 2 * d - 1));
    }
  }
  // Down-sweep: a node holds the composition of everything before its subtree; pass it on.
  t[size - 1] = id;
  for (let d = size / 2; d >= 1; d /= 2) {
    for (let k = 0; k < size; k += 2 * d) {
      const left = at(t, k + d - 1);
      const prefix = at(t, k + 2 * d - 1);
      t[k + d - 1] = prefix; // left child: same prefix
      t[k + 2 * d - 1] = combine(prefix, left); // right child: prefix, then the left subtree
    }
  }
  return items.map((x, i) => combine(at(t, i), x));
}
// #endregion scan

/** Inclusive scan by a left-to-right loop: the sequential reference for `blellochScan`. */
export function sequentialScan(items: readonly Affine[]): Affine[] {
  const out: Affine[] = [];
  for (const x of items) out.push(out.length === 0 ? x : combine(at(out, out.length - 1), x));
  return out;
}

/**
 * Inputs of a selective SSM for one sequence (Mamba's Algorithm 2 without the batch axis):
 * x, Δ: L×D; A: D×N (diagonal per channel, negative); B, C: L×N (shared by the D channels).
 */
export interface SelectiveInputs {
  readonly x: Matrix;
  readonly delta: Matrix;
  readonly A: Matrix;
  readonly B: Matrix;
  readonly C: Matrix;
}

// #region selective-scan
/**
 * Sequential selective scan, as `selective_scan_ref` does it: Ā_t = exp(Δ_t A) (ZOH),
 * B̄_t x_t = Δ_t B_t x_t (the code's simplification of B̄), h_t = Ā_t ⊙ h_{t−1} + B̄_t x_t,
 * y_t = C_t · h_t per channel. Returns y: L×D.
 */
export function selectiveScanSequential(p: SelectiveInputs): Matrix {
  const D = p.A.length;
  const N = row(p.A, 0).length;
  const h = Array.from({ length: D }, () => new Array<number>(N).fill(0));
  return p.x.map((xt, t) =>
    Array.from({ length: D }, (_, d) => {
      const hd = at(h, d);
      const dt = el(p.delta, t, d);
      let y = 0;
      for (let n = 0; n < N; n++) {
        hd[n] = Math.exp(dt * el(p.A, d, n)) * at(hd, n) + dt * el(p.B, t, n) * at(xt, d);
        y += el(p.C, t, n) * at(hd, n);
      }
      return y;
    }),
  );
}

/** The same outputs from the parallel scan: build (Ā_t, B̄_t x_t) per step, scan, read out with C_t. */
export function selectiveScanParallel(p: SelectiveInputs): Matrix {
  const D = p.A.length;
  const N = row(p.A, 0).length;
  const steps: Affine[] = p.x.map((xt, t) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let d = 0; d < D; d++) {
      const dt = el(p.delta, t, d);
      for (let n = 0; n < N; n++) {
        a.push(Math.exp(dt * el(p.A, d, n))); // Ā_t
        b.push(dt * el(p.B, t, n) * at(xt, d)); // B̄_t x_t
      }
    }
    return { a, b };
  });
  return blellochScan(steps).map((s, t) =>
    Array.from({ length: D }, (_, d) => {
      let y = 0;
      for (let n = 0; n < N; n++) y += el(p.C, t, n) * at(s.b, d * N + n);
      return y;
    }),
  );
}
// #endregion selective-scan

/** softplus(z) = log(1 + eᶻ), computed without overflow for large z. */
export function softplus(z: number): number {
  return z > 20 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** σ(z) = 1/(1 + e^{−z}). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Random inputs for a selective SSM in the ranges Mamba uses: Δ = softplus(bias + noise) with the
 * bias giving Δ ∈ [0.001, 0.1] (the paper's initialization range), A_dn = −(n+1) (S4D-Real).
 */
export function randomSelectiveInputs(length: number, channels: number, state: number, seed: number): SelectiveInputs {
  const uniform = mulberry32(seed);
  const normal = normalSampler(uniform);
  const dtBias = Array.from({ length: channels }, () => {
    const dt = Math.exp(Math.log(0.001) + uniform() * (Math.log(0.1) - Math.log(0.001)));
    return dt + Math.log(-Math.expm1(-dt)); // inverse softplus, as in mamba_simple.py
  });
  return {
    x: Array.from({ length }, () => Array.from({ length: channels }, () => normal())),
    delta: Array.from({ length }, () => Array.from({ length: channels }, (_, d) => softplus(at(dtBias, d) + normal()))),
    A: Array.from({ length: channels }, () => Array.from({ length: state }, (_, n) => -(n + 1))),
    B: Array.from({ length }, () => Array.from({ length: state }, () => normal())),
    C: Array.from({ length }, () => Array.from({ length: state }, () => normal())),
  };
}

/**
 * Mamba's Theorem 1 at one input: N = 1, A = −1, B = 1, Δ = softplus(z). ZOH gives
 * Ā = e^{−Δ} = 1 − σ(z) and B̄ = 1 − e^{−Δ} = σ(z), the gate g = σ(z); the code's B̄ = Δ does not.
 */
export function theorem1Gate(z: number): {
  delta: number;
  abar: number;
  bbarZoh: number;
  gate: number;
  bbarCode: number;
} {
  const delta = softplus(z);
  return { delta, abar: Math.exp(-delta), bbarZoh: -Math.expm1(-delta), gate: sigmoid(z), bbarCode: delta };
}

// ---------------------------------------------------------------------------------------------
// State space duality: scalar-identity transitions as a masked quadratic form
// ---------------------------------------------------------------------------------------------

/**
 * Quadratic ("attention") form of an SSM whose transition is a scalar times the identity,
 * h_t = a_t h_{t−1} + B_t x_t, y_t = C_t·h_t: y = (M ∘ CBᵀ)x with the 1-semiseparable mask
 * M_ji = a_{i+1}⋯a_j (j ≥ i), 0 otherwise. O(L²N) instead of O(LN); same numbers.
 */
export function ssdQuadratic(a: readonly number[], B: Matrix, C: Matrix, x: readonly number[]): number[] {
  return x.map((_, j) => {
    let y = 0;
    let decay = 1;
    for (let i = j; i >= 0; i--) {
      y += decay * dot(row(C, j), row(B, i)) * at(x, i);
      decay *= at(a, i);
    }
    return y;
  });
}

/** The same y by the linear recurrence, for comparison with `ssdQuadratic`. */
export function ssdRecurrent(a: readonly number[], B: Matrix, C: Matrix, x: readonly number[]): number[] {
  let h = new Array<number>(row(B, 0).length).fill(0);
  return x.map((xt, t) => {
    h = h.map((v, n) => at(a, t) * v + el(B, t, n) * xt);
    return dot(row(C, t), h);
  });
}

// ---------------------------------------------------------------------------------------------
// The numbers the article prints
// ---------------------------------------------------------------------------------------------

/** The scalar worked example: a = −1, B = 1, C = 1, Δ = ½ (and z = 0.3 for Theorem 1). */
export const SCALAR_DEMO = Object.freeze({ a: -1, b: 1, c: 1, delta: 0.5, z: 0.3 });

/**
 * Every number the article prints, as the exact strings it prints. Computed from the functions
 * above; the test checks each against an independent hand computation or closed form and that
 * it occurs in the article.
 */
export function ssmNumbers(): Record<string, string> {
  const { a, b, c: cOut, delta, z } = SCALAR_DEMO;
  const scalar = (rule: DiscretizationName) => DISCRETIZATIONS[rule]([[a]], [b], delta);
  const zoh = scalar('zoh');
  const bil = scalar('bilinear');
  const mam = scalar('mamba');
  const zohA = el(zoh.Abar, 0, 0);
  const bilA = el(bil.Abar, 0, 0);
  const mamA = el(mam.Abar, 0, 0);
  const kz = convolutionKernel(zoh, [cOut], 4);
  const kb = convolutionKernel(bil, [cOut], 4);
  const gate = theorem1Gate(z);
  const hippo = hippoDemo();
  const curves = convergenceStudy();
  const slope = (rule: ConvergenceRule, sampling: Sampling) =>
    formatFixed(
      at(
        curves.filter((c) => c.rule === rule && c.sampling === sampling),
        0,
      ).slope,
      2,
    );
  const bilFree = freeResponseErrors('bilinear');
  const vmax = legsEigenvectorMax(64);
  return {
    zohAbar: formatFixed(zohA, 4),
    zohBbar: formatFixed(at(zoh.Bbar, 0), 4),
    bilAbar: formatFixed(bilA, 4),
    bilBbar: formatFixed(at(bil.Bbar, 0), 4),
    mambaBbar: formatFixed(at(mam.Bbar, 0), 4),
    zohK1: formatFixed(at(kz, 1), 4),
    zohK2: formatFixed(at(kz, 2), 4),
    bilK1: formatFixed(at(kb, 1), 4),
    bilK2: formatFixed(at(kb, 2), 4),
    zohGain: formatFixed((cOut * at(zoh.Bbar, 0)) / (1 - zohA), 4),
    bilGain: formatFixed((cOut * at(bil.Bbar, 0)) / (1 - bilA), 4),
    mambaGain: formatFixed((cOut * at(mam.Bbar, 0)) / (1 - mamA), 4),
    gateDelta: formatFixed(gate.delta, 4),
    gateAbar: formatFixed(gate.abar, 4),
    gateBbar: formatFixed(gate.bbarZoh, 4),
    gateSigma: formatFixed(gate.gate, 4),
    hippoRmsSmall: formatFixed(hippo.rmsSmall, 3),
    hippoRmsLarge: formatFixed(hippo.rmsLarge, 4),
    hippoRmsLargeExact: formatSci(hippo.rmsLargeExact, 1),
    hippoRmsLargeMid: formatSci(hippo.rmsLargeMid, 1),
    hippoLargeErrorAtStart: formatFixed(hippo.largeErrorAtStart, 2),
    hippoLargeExactErrorAtStart: formatSci(hippo.largeExactErrorAtStart, 0),
    hippoLargeMidErrorAtStart: formatFixed(hippo.largeMidErrorAtStart, 3),
    hippoLargeMaxErrorAfter: formatFixed(hippo.largeMaxErrorAfter, 3),
    slopeZohEnd: slope('zoh', 'end'),
    slopeBilEnd: slope('bilinear', 'end'),
    slopeMambaEnd: slope('mamba', 'end'),
    slopeZohMid: slope('zoh', 'mid'),
    slopeBilMid: slope('bilinear', 'mid'),
    slopeMambaMid: slope('mamba', 'mid'),
    slopeTustin: slope('tustin', 'end'),
    slopeBilFree: formatFixed(bilFree.slope, 2),
    vmax64: formatSci(Number(vmax), 2),
    kappa16: formatSci(Number(legsConditionNumber(16)), 0),
    kappa32: formatSci(Number(legsConditionNumber(32)), 0),
    hippoSteps: String(HIPPO_DEMO.steps),
    deltaMin: formatFixed(CONVERGENCE_DEMO.T / Math.max(...CONVERGENCE_DEMO.steps), 3),
    deltaMax: formatFixed(CONVERGENCE_DEMO.T / Math.min(...CONVERGENCE_DEMO.steps), 3),
  };
}
