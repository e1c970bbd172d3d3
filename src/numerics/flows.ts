/**
 * Small, exact reference implementations behind the normalizing-flow article.
 *
 * Everything the article computes (a worked affine coupling layer, the Jacobian patterns of
 * coupling and autoregressive layers, Glow's LU-parameterized 1×1 convolution and its initial
 * coupling scale, the variance of Hutchinson's trace estimator and of its bottleneck variant, the
 * few-step Euler sampler of a flow-matching velocity field, and the shapes of conditional paths)
 * is done here, in plain numbers, so that the text, the figures and the tests share one source.
 * Vectors are plain arrays; nothing here depends on a tensor library.
 */

import { at, row } from './arrays';
import { mulberry32, normalSampler, rademacher } from './random';

/** A dense matrix as an array of rows. */
export type Matrix = number[][];

/**
 * Format a number with a fixed number of decimals, as the article prints it, never as "-0.00".
 * The article test uses the same function, so a printed value and its check cannot differ.
 */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

// ---------------------------------------------------------------------------------------------
// Linear algebra
// ---------------------------------------------------------------------------------------------

/**
 * LU decomposition with partial pivoting, PA = LU, in the form Glow parameterizes its 1×1
 * convolution: `perm` is the row permutation (row i of PA is row perm[i] of A), L is unit lower
 * triangular, `upper` is the strictly upper part of U and `s` its diagonal. Then
 * log|det A| = Σ log|sᵢ|, which is why Glow's determinant costs O(c) once W is stored this way.
 */
export interface LU {
  readonly perm: readonly number[];
  readonly lower: Matrix;
  readonly upper: Matrix;
  readonly s: readonly number[];
  /** Sign of the permutation, (−1)^(number of row swaps). */
  readonly permSign: 1 | -1;
}

/** Factor a square matrix as described on {@link LU}. Throws on a singular matrix. */
export function luDecompose(a: readonly (readonly number[])[]): LU {
  const n = a.length;
  const u: Matrix = a.map((r) => {
    if (r.length !== n) throw new RangeError('matrix must be square');
    return r.slice();
  });
  const lower: Matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const perm = Array.from({ length: n }, (_, i) => i);
  let permSign: 1 | -1 = 1;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) {
      if (Math.abs(at(row(u, i), k)) > Math.abs(at(row(u, pivot), k))) pivot = i;
    }
    if (at(row(u, pivot), k) === 0) throw new RangeError('matrix is singular');
    if (pivot !== k) {
      [u[k], u[pivot]] = [row(u, pivot) as number[], row(u, k) as number[]];
      [perm[k], perm[pivot]] = [at(perm, pivot), at(perm, k)];
      for (let j = 0; j < k; j++) {
        const lk = row(lower, k) as number[];
        const lp = row(lower, pivot) as number[];
        [lk[j], lp[j]] = [at(lp, j), at(lk, j)];
      }
      permSign = permSign === 1 ? -1 : 1;
    }
    const uk = row(u, k);
    for (let i = k + 1; i < n; i++) {
      const ui = row(u, i) as number[];
      const factor = at(ui, k) / at(uk, k);
      (row(lower, i) as number[])[k] = factor;
      for (let j = k; j < n; j++) ui[j] = at(ui, j) - factor * at(uk, j);
    }
  }
  const s = u.map((r, i) => at(r, i));
  const upper = u.map((r, i) => r.map((x, j) => (j > i ? x : 0)));
  return { perm, lower, upper, s, permSign };
}

/** log|det A| through {@link luDecompose}: the O(c³) route Glow's LU parameterization avoids. */
export function logAbsDet(a: readonly (readonly number[])[]): number {
  return luDecompose(a).s.reduce((sum, x) => sum + Math.log(Math.abs(x)), 0);
}

/** Matrix product, for rebuilding W = Pᵀ L (U + diag s) in the tests. */
export function matmul(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): Matrix {
  const inner = row(b, 0).length;
  return a.map((r) => Array.from({ length: inner }, (_, j) => r.reduce((sum, x, k) => sum + x * at(row(b, k), j), 0)));
}

/** Trace of a square matrix: what Hutchinson's estimator estimates, and what the cyclic trick keeps. */
export function trace(a: readonly (readonly number[])[]): number {
  return a.reduce((sum, r, i) => sum + at(r, i), 0);
}

/**
 * Jacobian ∂f/∂x of a map ℝᴰ → ℝᴰ by central differences. Used to check analytic log-dets and to
 * draw Jacobian patterns: an output that does not depend on an input gives an exact 0, because
 * both evaluations run the very same arithmetic.
 */
export function jacobianFD(f: (x: readonly number[]) => number[], x: readonly number[], h = 1e-6): Matrix {
  const n = x.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const plus = x.slice();
    const minus = x.slice();
    plus[j] = at(x, j) + h;
    minus[j] = at(x, j) - h;
    const fp = f(plus);
    const fm = f(minus);
    columns.push(fp.map((v, i) => (v - at(fm, i)) / (2 * h)));
  }
  return Array.from({ length: n }, (_, i) => columns.map((c) => at(c, i)));
}

// ---------------------------------------------------------------------------------------------
// Affine coupling layers (NICE / RealNVP)
// ---------------------------------------------------------------------------------------------

/**
 * An affine coupling layer in RealNVP's masked form, y = b⊙x + (1−b)⊙(x⊙exp(s(b⊙x)) + t(b⊙x)).
 * `mask` is b (1 = passed through unchanged, 0 = transformed); `conditioner` sees only b⊙x and
 * returns s and t for every coordinate (entries where b = 1 are ignored). With s ≡ 0 it is NICE's
 * additive coupling.
 */
export interface AffineCoupling {
  readonly mask: readonly (0 | 1)[];
  readonly conditioner: (masked: readonly number[]) => { s: readonly number[]; t: readonly number[] };
}

/** The output of a flow layer together with log|det ∂y/∂x| at that point. */
export interface FlowStep {
  readonly y: number[];
  readonly logDet: number;
}

function masked(layer: AffineCoupling, v: readonly number[]): number[] {
  if (v.length !== layer.mask.length) throw new RangeError('input and mask lengths differ');
  return v.map((x, i) => (layer.mask[i] === 1 ? x : 0));
}

// #region coupling
/** Forward pass of an affine coupling layer and its log-determinant Σ s over transformed entries. */
export function couplingForward(layer: AffineCoupling, x: readonly number[]): FlowStep {
  const { s, t } = layer.conditioner(masked(layer, x)); // one pass of the conditioner
  let logDet = 0;
  const y = x.map((xi, i) => {
    if (layer.mask[i] === 1) return xi; // identity half
    logDet += at(s, i);
    return xi * Math.exp(at(s, i)) + at(t, i);
  });
  return { y, logDet };
}

/** Inverse pass: the identity half gives the same conditioner input, so s, t are recomputed. */
export function couplingInverse(layer: AffineCoupling, y: readonly number[]): FlowStep {
  const { s, t } = layer.conditioner(masked(layer, y)); // b⊙y = b⊙x
  let logDet = 0;
  const x = y.map((yi, i) => {
    if (layer.mask[i] === 1) return yi;
    logDet -= at(s, i);
    return (yi - at(t, i)) * Math.exp(-at(s, i));
  });
  return { y: x, logDet };
}
// #endregion coupling

/** Any invertible layer with its two directions; both return log|det| of the map they apply. */
export interface FlowLayer {
  readonly forward: (x: readonly number[]) => FlowStep;
  readonly inverse: (y: readonly number[]) => FlowStep;
}

/** Wrap a coupling layer as a {@link FlowLayer}. */
export function couplingLayer(layer: AffineCoupling): FlowLayer {
  return { forward: (x) => couplingForward(layer, x), inverse: (y) => couplingInverse(layer, y) };
}

/** Run layers in order; the log-dets of a composition add (chain rule + det of a product). */
export function composeForward(layers: readonly FlowLayer[], x: readonly number[]): FlowStep {
  let y = x.slice();
  let logDet = 0;
  for (const layer of layers) {
    const step = layer.forward(y);
    y = step.y;
    logDet += step.logDet;
  }
  return { y, logDet };
}

/** Undo {@link composeForward}: inverses in reverse order; returns log|det| of the inverse map. */
export function composeInverse(layers: readonly FlowLayer[], y: readonly number[]): FlowStep {
  let x = y.slice();
  let logDet = 0;
  for (let k = layers.length - 1; k >= 0; k--) {
    const layer = layers[k];
    if (layer === undefined) throw new RangeError('missing layer');
    const step = layer.inverse(x);
    x = step.y;
    logDet += step.logDet;
  }
  return { y: x, logDet };
}

/** log 𝒩(z; 0, I): the base density every example here uses. */
export function logStandardNormal(z: readonly number[]): number {
  return z.reduce((sum, x) => sum - 0.5 * x * x - 0.5 * Math.log(2 * Math.PI), 0);
}

/**
 * log p_X(x) of x = g(z), z ~ 𝒩(0, I), where g runs `layers` forward (the sampling direction):
 * z = g⁻¹(x) and log p_X(x) = log p_Z(z) + log|det ∂g⁻¹/∂x| = log p_Z(z) − log|det ∂g/∂z|.
 */
export function flowLogDensity(layers: readonly FlowLayer[], x: readonly number[]): number {
  const back = composeInverse(layers, x);
  return logStandardNormal(back.y) + back.logDet;
}

/**
 * The 2-D flow of the worked example and of the density figure: two affine coupling layers in
 * the sampling direction. Layer 1 keeps z₁ and maps z₂ ↦ z₂·exp(0.4 tanh z₁) + 0.6(z₁² − 1),
 * bending the Gaussian into a banana; layer 2 keeps the new second coordinate and maps
 * u₁ ↦ u₁·exp(−0.3 tanh u₂) + 0.8 sin u₂. Closed-form conditioners, so the article's numbers
 * can be followed by hand.
 */
export const DEMO_LAYERS: readonly AffineCoupling[] = [
  {
    mask: [1, 0],
    conditioner: (m) => {
      const u = at(m, 0);
      return { s: [0, 0.4 * Math.tanh(u)], t: [0, 0.6 * (u * u - 1)] };
    },
  },
  {
    mask: [0, 1],
    conditioner: (m) => {
      const v = at(m, 1);
      return { s: [-0.3 * Math.tanh(v), 0], t: [0.8 * Math.sin(v), 0] };
    },
  },
];

/** {@link DEMO_LAYERS} as flow layers. */
export function demoFlow(): FlowLayer[] {
  return DEMO_LAYERS.map(couplingLayer);
}

/** Every number of the article's worked coupling-layer example, plus their printed forms. */
export interface CouplingExample {
  readonly z: readonly [number, number];
  readonly s1: number;
  readonly t1: number;
  readonly afterLayer1: readonly number[];
  readonly s2: number;
  readonly t2: number;
  readonly x: readonly number[];
  readonly logDet1: number;
  readonly logDet2: number;
  readonly logDetTotal: number;
  readonly logPz: number;
  readonly logPx: number;
  readonly fdLogDet: number;
  readonly printed: Readonly<Record<string, string>>;
}

/**
 * The worked example: z = (−1.2, 0.8) through {@link DEMO_LAYERS}, each intermediate value, the
 * log-dets, and log p_X(x) = log p_Z(z) − Σ log-det. `fdLogDet` is log|det| of a finite-difference
 * Jacobian of the whole map, the independent check the article quotes.
 */
export function couplingExample(): CouplingExample {
  const z: [number, number] = [-1.2, 0.8];
  const [l1, l2] = DEMO_LAYERS;
  if (l1 === undefined || l2 === undefined) throw new Error('demo flow has two layers');
  const c1 = l1.conditioner([z[0], 0]);
  const step1 = couplingForward(l1, z);
  const c2 = l2.conditioner([0, at(step1.y, 1)]);
  const step2 = couplingForward(l2, step1.y);
  const layers = demoFlow();
  const whole = (v: readonly number[]) => composeForward(layers, v).y;
  const j = jacobianFD(whole, z);
  const fdLogDet = Math.log(Math.abs(at(row(j, 0), 0) * at(row(j, 1), 1) - at(row(j, 0), 1) * at(row(j, 1), 0)));
  const logDetTotal = step1.logDet + step2.logDet;
  const logPz = logStandardNormal(z);
  const logPx = logPz - logDetTotal;
  const f4 = (v: number) => formatFixed(v, 4);
  return {
    z,
    s1: at(c1.s, 1),
    t1: at(c1.t, 1),
    afterLayer1: step1.y,
    s2: at(c2.s, 0),
    t2: at(c2.t, 0),
    x: step2.y,
    logDet1: step1.logDet,
    logDet2: step2.logDet,
    logDetTotal,
    logPz,
    logPx,
    fdLogDet,
    printed: {
      s1: f4(at(c1.s, 1)),
      t1: f4(at(c1.t, 1)),
      u2: f4(at(step1.y, 1)),
      s2: f4(at(c2.s, 0)),
      t2: f4(at(c2.t, 0)),
      x1: f4(at(step2.y, 0)),
      logDetTotal: f4(logDetTotal),
      logPz: f4(logPz),
      logPx: f4(logPx),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Small random networks for the Jacobian-pattern figure
// ---------------------------------------------------------------------------------------------

function randomMatrix(rows: number, cols: number, scale: number, normal: () => number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * normal()));
}

function affineTanh(w: Matrix, b: readonly number[], x: readonly number[]): number[] {
  return w.map((r, i) => Math.tanh(r.reduce((sum, wij, j) => sum + wij * at(x, j), at(b, i))));
}

function linear(w: Matrix, h: readonly number[]): number[] {
  return w.map((r) => r.reduce((sum, wij, j) => sum + wij * at(h, j), 0));
}

/**
 * A coupling layer in D dimensions whose conditioner is a one-hidden-layer tanh MLP with seeded
 * random weights (s bounded by 0.5·tanh, as RealNVP-style code bounds the log-scale). Only the
 * structure matters for the figure; the seed makes it reproducible.
 */
export function randomCoupling(mask: readonly (0 | 1)[], hidden: number, seed: number): AffineCoupling {
  const d = mask.length;
  const normal = normalSampler(mulberry32(seed));
  const w1 = randomMatrix(hidden, d, 0.8, normal);
  const b1 = Array.from({ length: hidden }, () => 0.1 * normal());
  const ws = randomMatrix(d, hidden, 0.6, normal);
  const wt = randomMatrix(d, hidden, 0.6, normal);
  return {
    mask,
    conditioner: (m) => {
      const h = affineTanh(w1, b1, m);
      return { s: linear(ws, h).map((v) => 0.5 * Math.tanh(v)), t: linear(wt, h) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// MADE and the affine autoregressive layer (MAF / IAF)
// ---------------------------------------------------------------------------------------------

/**
 * MADE's masks for one hidden layer with natural input order 1..D. Hidden unit k gets degree
 * m(k) ∈ {1,…,D−1} (here deterministically 1 + (k mod (D−1)), counting k from 0, i.e. the
 * degrees 1, 2, …, D−1 in turn); the input-to-hidden mask is
 * [m(k) ≥ d] and the hidden-to-output mask is [i > m(k)], so output i depends only on inputs < i.
 */
export interface MadeMasks {
  readonly hiddenDegrees: readonly number[];
  readonly inputToHidden: Matrix;
  readonly hiddenToOutput: Matrix;
}

// #region made-masks
/** Build MADE's two binary masks (1-based degrees, natural ordering of the D inputs). */
export function madeMasks(dim: number, hidden: number): MadeMasks {
  if (dim < 2) throw new RangeError('MADE needs at least two inputs');
  const degrees = Array.from({ length: hidden }, (_, k) => 1 + (k % (dim - 1)));
  const inputToHidden = degrees.map((m) => Array.from({ length: dim }, (_, d) => (m >= d + 1 ? 1 : 0)));
  const hiddenToOutput = Array.from({ length: dim }, (_, i) => degrees.map((m) => (i + 1 > m ? 1 : 0)));
  return { hiddenDegrees: degrees, inputToHidden, hiddenToOutput };
}
// #endregion made-masks

/**
 * A masked autoencoder (one hidden tanh layer, seeded weights) returning the shift μ and the
 * log-scale α of every coordinate; μᵢ and αᵢ depend only on inputs 1..i−1. `calls` counts
 * network evaluations, which is how the tests measure "one pass" versus "D passes".
 */
export interface Made {
  readonly dim: number;
  readonly evaluate: (v: readonly number[]) => { mu: number[]; alpha: number[] };
  readonly calls: () => number;
}

/** A MADE with {@link madeMasks} applied to seeded random weights. */
export function randomMade(dim: number, hidden: number, seed: number): Made {
  const masks = madeMasks(dim, hidden);
  const normal = normalSampler(mulberry32(seed));
  const apply = (w: Matrix, mask: Matrix): Matrix => w.map((r, i) => r.map((x, j) => x * at(row(mask, i), j)));
  const w1 = apply(randomMatrix(hidden, dim, 0.8, normal), masks.inputToHidden);
  const b1 = Array.from({ length: hidden }, () => 0.1 * normal());
  const wMu = apply(randomMatrix(dim, hidden, 0.6, normal), masks.hiddenToOutput);
  const wAlpha = apply(randomMatrix(dim, hidden, 0.6, normal), masks.hiddenToOutput);
  let calls = 0;
  return {
    dim,
    evaluate: (v) => {
      calls += 1;
      const h = affineTanh(w1, b1, v);
      return { mu: linear(wMu, h), alpha: linear(wAlpha, h).map((a) => 0.5 * Math.tanh(a)) };
    },
    calls: () => calls,
  };
}

// #region maf-iaf
/** MAF, density direction: u = (x − μ(x))⊙exp(−α(x)). All μ, α from one MADE pass. */
export function mafDensityPass(made: Made, x: readonly number[]): FlowStep {
  const { mu, alpha } = made.evaluate(x);
  const u = x.map((xi, i) => (xi - at(mu, i)) * Math.exp(-at(alpha, i)));
  return { y: u, logDet: -alpha.reduce((a, b) => a + b, 0) }; // log|det ∂u/∂x|
}

/** MAF, sampling direction: xᵢ needs x₁..x_{i−1}, so D sequential passes of the same MADE. */
export function mafSample(made: Made, u: readonly number[]): number[] {
  let x = new Array<number>(made.dim).fill(0);
  for (let pass = 0; pass < made.dim; pass++) {
    const { mu, alpha } = made.evaluate(x); // after this pass, x₁..x_{pass+1} are final
    x = u.map((ui, i) => ui * Math.exp(at(alpha, i)) + at(mu, i));
  }
  return x;
}

/** IAF, sampling direction: x = u⊙exp(α(u)) + μ(u). The conditioner sees u, known in full. */
export function iafSamplePass(made: Made, u: readonly number[]): FlowStep {
  const { mu, alpha } = made.evaluate(u);
  const x = u.map((ui, i) => ui * Math.exp(at(alpha, i)) + at(mu, i));
  return { y: x, logDet: alpha.reduce((a, b) => a + b, 0) }; // log|det ∂x/∂u|
}

/** IAF, density of an outside x: recover u one coordinate per pass, D passes. */
export function iafInvert(made: Made, x: readonly number[]): number[] {
  let u = new Array<number>(made.dim).fill(0);
  for (let pass = 0; pass < made.dim; pass++) {
    const { mu, alpha } = made.evaluate(u);
    u = x.map((xi, i) => (xi - at(mu, i)) * Math.exp(-at(alpha, i)));
  }
  return u;
}
// #endregion maf-iaf

/** The dimension and widths of the Jacobian-pattern figure. */
export const JACOBIAN_DEMO = { dim: 6, hidden: 16, point: [0.3, -1.1, 0.8, 0.5, -0.4, 1.2] } as const;

/**
 * The three Jacobians the figure draws, all at {@link JACOBIAN_DEMO}.point: one affine coupling
 * layer (first half passed through), one affine autoregressive layer in MAF's density direction,
 * and two coupling layers with complementary masks composed. Computed by finite differences.
 */
export function jacobianPatterns(): { coupling: Matrix; autoregressive: Matrix; composed: Matrix } {
  const { dim, hidden, point } = JACOBIAN_DEMO;
  const half = dim / 2;
  const maskA = Array.from({ length: dim }, (_, i) => (i < half ? 1 : 0)) as (0 | 1)[];
  const maskB = maskA.map((b) => (b === 1 ? 0 : 1)) as (0 | 1)[];
  const first = couplingLayer(randomCoupling(maskA, hidden, 11));
  const second = couplingLayer(randomCoupling(maskB, hidden, 12));
  const made = randomMade(dim, hidden, 13);
  return {
    coupling: jacobianFD((v) => first.forward(v).y, point),
    autoregressive: jacobianFD((v) => mafDensityPass(made, v).y, point),
    composed: jacobianFD((v) => composeForward([first, second], v).y, point),
  };
}

// ---------------------------------------------------------------------------------------------
// Glow: ActNorm and the invertible 1×1 convolution
// ---------------------------------------------------------------------------------------------

/**
 * ActNorm's data-dependent initialization: per channel, scale = 1/std and bias = −mean/std of an
 * initial batch (rows = samples or pixels, columns = channels), so the first outputs have zero
 * mean and unit variance. Its log-det is h·w·Σ log|scale_c| for an h×w feature map.
 */
export function actnormInit(batch: readonly (readonly number[])[]): { scale: number[]; bias: number[] } {
  const n = batch.length;
  const c = row(batch, 0).length;
  const scale: number[] = [];
  const bias: number[] = [];
  for (let j = 0; j < c; j++) {
    const mean = batch.reduce((s, r) => s + at(r, j), 0) / n;
    const variance = batch.reduce((s, r) => s + (at(r, j) - mean) ** 2, 0) / n;
    const std = Math.sqrt(variance);
    scale.push(1 / std);
    bias.push(-mean / std);
  }
  return { scale, bias };
}

/** The 3×3 weight of the article's 1×1-convolution example (not orthogonal, so log|det| ≠ 0). */
export const GLOW_W: Matrix = [
  [0.2, 1.0, -0.3],
  [1.1, 0.4, 0.5],
  [-0.6, 0.3, 0.9],
];

/**
 * Apply a 1×1 convolution y_{ij} = W x_{ij} to an h×w×c feature map flattened pixel by pixel
 * (c consecutive channels per pixel). Its Jacobian is block diagonal with h·w copies of W.
 */
export function conv1x1(w: readonly (readonly number[])[], x: readonly number[]): number[] {
  const c = w.length;
  if (x.length % c !== 0) throw new RangeError('length is not a multiple of the channel count');
  const out: number[] = [];
  for (let p = 0; p < x.length; p += c) {
    for (let i = 0; i < c; i++) {
      out.push(row(w, i).reduce((sum, wij, j) => sum + wij * at(x, p + j), 0));
    }
  }
  return out;
}

/** Numbers of the Glow example: the LU factors of {@link GLOW_W} and the log-dets they give. */
export function glowExample(height = 32, width = 32) {
  const lu = luDecompose(GLOW_W);
  const logDetW = lu.s.reduce((sum, x) => sum + Math.log(Math.abs(x)), 0);
  const total = height * width * logDetW;
  return {
    lu,
    logDetW,
    total,
    printed: {
      s: lu.s.map((x) => formatFixed(x, 4)).join(',\\ '),
      detW: formatFixed(
        lu.s.reduce((p, x) => p * x, lu.permSign),
        4,
      ),
      logDetW: formatFixed(logDetW, 4),
      total: formatFixed(total, 1),
    },
  };
}

/**
 * The scale of the official Glow code's affine coupling, s = sigmoid(s̃ + 2), at a zero-initialised
 * last layer (s̃ = 0): sigmoid(2) ≈ 0.88, not 1. So with that parameterization a freshly
 * initialised coupling layer is not the identity; the paper's "identity at initialization" holds
 * for s = exp(log s). The article prints the value to two decimals.
 */
export function glowInitialScale(): { scale: number; printed: string } {
  const scale = 1 / (1 + Math.exp(-2));
  return { scale, printed: formatFixed(scale, 2) };
}

// ---------------------------------------------------------------------------------------------
// Hutchinson's trace estimator
// ---------------------------------------------------------------------------------------------

/** The probe distributions FFJORD allows: standard normal or Rademacher (±1). */
export type ProbeKind = 'gaussian' | 'rademacher';

/**
 * Closed-form variance of one probe, εᵀAε, for E[ε] = 0, E[εεᵀ] = I, i.i.d. entries. With Ā the
 * symmetric part of A: Gaussian 2‖Ā‖_F², Rademacher 2(‖Ā‖_F² − Σ āᵢᵢ²). A non-symmetric A gives
 * the same quadratic form as Ā, hence the symmetrization.
 */
export function hutchinsonVariance(a: readonly (readonly number[])[], kind: ProbeKind): number {
  const n = a.length;
  let frob = 0;
  let diag = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const sym = (at(row(a, i), j) + at(row(a, j), i)) / 2;
      frob += sym * sym;
      if (i === j) diag += sym * sym;
    }
  }
  return kind === 'gaussian' ? 2 * frob : 2 * (frob - diag);
}

// #region hutchinson
/** One Hutchinson sample εᵀAε. Only the product Aε is needed, never the diagonal of A. */
export function hutchinsonSample(a: readonly (readonly number[])[], eps: readonly number[]): number {
  return a.reduce((sum, r, i) => sum + at(eps, i) * r.reduce((acc, aij, j) => acc + aij * at(eps, j), 0), 0);
}
// #endregion hutchinson

/** Empirical mean and variance of `n` seeded single-probe estimates of tr A. */
export function hutchinsonEmpirical(
  a: readonly (readonly number[])[],
  kind: ProbeKind,
  n: number,
  seed: number,
): { mean: number; variance: number } {
  const uniform = mulberry32(seed);
  const normal = normalSampler(uniform);
  const draw = kind === 'gaussian' ? normal : () => rademacher(uniform);
  let sum = 0;
  let sumSq = 0;
  for (let k = 0; k < n; k++) {
    const eps = a.map(() => draw());
    const q = hutchinsonSample(a, eps);
    sum += q;
    sumSq += q * q;
  }
  const mean = sum / n;
  return { mean, variance: (sumSq - n * mean * mean) / (n - 1) };
}

/** The symmetric 4×4 matrix of the article's Hutchinson example: tr = 5, ‖A‖_F² = 27, Σ aᵢᵢ² = 15. */
export const HUTCHINSON_A: Matrix = [
  [2, 1, 0, 0],
  [1, 3, 1, 0],
  [0, 1, -1, 2],
  [0, 0, 2, 1],
];

/** Probes per distribution in the article's Hutchinson experiment. */
export const HUTCHINSON_PROBES = 100_000;

/** The Hutchinson numbers the article prints: closed forms and seeded empirical estimates. */
export function hutchinsonExample() {
  const gaussian = hutchinsonEmpirical(HUTCHINSON_A, 'gaussian', HUTCHINSON_PROBES, 2019);
  const rad = hutchinsonEmpirical(HUTCHINSON_A, 'rademacher', HUTCHINSON_PROBES, 1989);
  const closedGaussian = hutchinsonVariance(HUTCHINSON_A, 'gaussian');
  const closedRademacher = hutchinsonVariance(HUTCHINSON_A, 'rademacher');
  return {
    gaussian,
    rademacher: rad,
    closedGaussian,
    closedRademacher,
    printed: {
      meanGaussian: formatFixed(gaussian.mean, 3),
      meanRademacher: formatFixed(rad.mean, 3),
      varGaussian: formatFixed(gaussian.variance, 2),
      varRademacher: formatFixed(rad.variance, 2),
      closedGaussian: formatFixed(closedGaussian, 0),
      closedRademacher: formatFixed(closedRademacher, 0),
      probes: String(HUTCHINSON_PROBES),
    },
  };
}

/**
 * FFJORD's bottleneck trick: for v = φ₂ ∘ φ₁ with φ₁: ℝᴰ → ℝᴰ′, D′ < D, the Jacobian is the product
 * J₂ J₁ of J₂ = ∂φ₂/∂w (D×D′) and J₁ = ∂φ₁/∂z (D′×D), and tr(J₂ J₁) = tr(J₁ J₂), so the probe can
 * live in ℝᴰ′. These two factors (D = 3, D′ = 2) are a counterexample to "the smaller matrix always
 * gives the smaller variance": the 2×2 product J₁ J₂ has the larger single-probe variance, for Gaussian
 * and for Rademacher probes alike. The article quotes the Gaussian variances.
 */
export const BOTTLENECK_OUTER: Matrix = [
  [0, 1],
  [0, 1],
  [1, 0],
];

/** J₁ = ∂φ₁/∂z of the counterexample on {@link BOTTLENECK_OUTER}. */
export const BOTTLENECK_INNER: Matrix = [
  [-1, -1, 1],
  [-1, 0, 0],
];

/** Traces and closed-form probe variances of J₂ J₁ (D×D) and J₁ J₂ (D′×D′), with printed forms. */
export function bottleneckCounterexample() {
  const full = matmul(BOTTLENECK_OUTER, BOTTLENECK_INNER);
  const small = matmul(BOTTLENECK_INNER, BOTTLENECK_OUTER);
  const gaussian = { full: hutchinsonVariance(full, 'gaussian'), small: hutchinsonVariance(small, 'gaussian') };
  const rad = { full: hutchinsonVariance(full, 'rademacher'), small: hutchinsonVariance(small, 'rademacher') };
  return {
    full,
    small,
    traceFull: trace(full),
    traceSmall: trace(small),
    gaussian,
    rademacher: rad,
    printed: { gaussianFull: formatFixed(gaussian.full, 0), gaussianSmall: formatFixed(gaussian.small, 0) },
  };
}

// ---------------------------------------------------------------------------------------------
// Flow matching / rectified flow in one dimension
// ---------------------------------------------------------------------------------------------

/**
 * The exact marginal velocity of the straight path x_t = (1−t)x₀ + t x₁ with noise x₀ ~ 𝒩(0,1) at
 * t = 0 and data x₁ = ±1 (probability ½ each) at t = 1:
 * v(x, t) = E[x₁ − x₀ | x_t = x] = (tanh(t x/(1−t)²) − x)/(1−t), for 0 ≤ t < 1.
 */
export function twoPointVelocity(x: number, t: number): number {
  if (!(t >= 0 && t < 1)) throw new RangeError(`t must be in [0, 1), got ${t}`);
  return (Math.tanh((t * x) / (1 - t) ** 2) - x) / (1 - t);
}

/** Euler's method with `steps` equal steps on {@link twoPointVelocity}, from t = 0 to t = 1. */
export function eulerTwoPoint(x0: number, steps: number): number {
  let x = x0;
  for (let k = 0; k < steps; k++) x += twoPointVelocity(x, k / steps) / steps;
  return x;
}

/** The starting noise value and step counts of the article's Euler example. */
export const EULER_DEMO = { x0: 0.3, steps: [1, 2, 3, 100] } as const;

/** Printed endpoints of the Euler example, keyed by step count. */
export function eulerExample(): { endpoints: number[]; printed: Record<string, string> } {
  const endpoints = EULER_DEMO.steps.map((n) => eulerTwoPoint(EULER_DEMO.x0, n));
  const printed: Record<string, string> = {};
  EULER_DEMO.steps.forEach((n, i) => {
    printed[`steps${n}`] = formatFixed(at(endpoints, i), 4);
  });
  return { endpoints, printed };
}

/**
 * Velocity of the same problem after one reflow: the pairs are now (x₀, sign x₀), the map the
 * exact ODE realizes, so paths x_t = (1−t)x₀ + t·sign(x₀) never cross for t < 1 (paths of the same
 * sign only meet at their common endpoint ±1, where no Euler step evaluates the velocity) and the
 * velocity along each is its constant slope sign(x₀) − x₀. Defined where a path passes
 * (|x| ≥ t, x ≠ 0).
 */
export function reflowedTwoPointVelocity(x: number, t: number): number {
  if (!(t >= 0 && t < 1)) throw new RangeError(`t must be in [0, 1), got ${t}`);
  if (Math.abs(x) < t || x === 0) throw new RangeError(`no reflowed path passes through x = ${x} at t = ${t}`);
  const sign = Math.sign(x);
  const x0 = (x - sign * t) / (1 - t);
  return sign - x0;
}

/**
 * Euler's method on {@link reflowedTwoPointVelocity}. Exact for any number of steps: the velocity
 * is constant along each straight path, so every step stays on the path it started on.
 */
export function eulerReflowed(x0: number, steps: number): number {
  let x = x0;
  for (let k = 0; k < steps; k++) x += reflowedTwoPointVelocity(x, k / steps) / steps;
  return x;
}

/** Starting points and the range of step counts (1 … maxSteps) over which the tests run it. */
export const REFLOW_CHECK = { starts: [-2.4, -0.05, 0.3, 1.7], maxSteps: 64 } as const;

/** Largest |endpoint − sign x₀| of {@link eulerReflowed} over {@link REFLOW_CHECK}. */
export function reflowEulerMaxError(): number {
  let worst = 0;
  for (const x0 of REFLOW_CHECK.starts) {
    for (let n = 1; n <= REFLOW_CHECK.maxSteps; n++) {
      worst = Math.max(worst, Math.abs(eulerReflowed(x0, n) - Math.sign(x0)));
    }
  }
  return worst;
}

// ---------------------------------------------------------------------------------------------
// Conditional paths of flow matching: optimal transport versus variance preserving
// ---------------------------------------------------------------------------------------------

/** The linear noise schedule β(s) = β_min + s(β_max − β_min) of score SDE's VP SDE, with its defaults. */
export const VP_BETA = { min: 0.1, max: 20 } as const;

/**
 * Signal coefficient of the VP diffusion, α_s = exp(−½ ∫₀ˢ β(r) dr), in diffusion time (s = 0 data).
 * Lipman et al. write the VP path in flow-matching time as μ_t = α_{1−t} x₁, σ_t = √(1 − α²_{1−t}).
 */
export function vpAlpha(s: number): number {
  const integral = VP_BETA.min * s + 0.5 * (VP_BETA.max - VP_BETA.min) * s * s;
  return Math.exp(-0.5 * integral);
}

/**
 * The noise end of the VP path, α₁ = vpAlpha(1): small but not 0, so the VP conditional path starts
 * from 𝒩(α₁x₁, (1 − α₁²)I), only approximately the 𝒩(0, I) that flow matching's p₀(·|x₁) asks for.
 * The article prints α₁ to four decimals together with the β defaults it depends on.
 */
export function vpNoiseEnd(): { alpha1: number; printed: { alpha1: string; betaMin: string; betaMax: string } } {
  const alpha1 = vpAlpha(1);
  return {
    alpha1,
    printed: { alpha1: formatFixed(alpha1, 4), betaMin: String(VP_BETA.min), betaMax: String(VP_BETA.max) },
  };
}

/**
 * The VP conditional flow ψ_t(x₀) = σ_t x₀ + α_{1−t} x₁ with σ_t² + α²_{1−t} = 1: for fixed x₀, x₁
 * it traces an elliptical arc in their span, not a straight segment (the tests measure the bend).
 */
export function vpConditionalFlow(x0: readonly number[], x1: readonly number[], t: number): number[] {
  const alpha = vpAlpha(1 - t);
  const sigma = Math.sqrt(1 - alpha * alpha);
  return x0.map((v, i) => sigma * v + alpha * at(x1, i));
}

/** The optimal-transport conditional flow ψ_t(x₀) = (1 − (1 − σ_min)t) x₀ + t x₁: a straight segment. */
export function otConditionalFlow(x0: readonly number[], x1: readonly number[], t: number, sigmaMin: number): number[] {
  return x0.map((v, i) => (1 - (1 - sigmaMin) * t) * v + t * at(x1, i));
}

/**
 * Probability mass of 𝒩(0, I₂) inside the circle of radius r, 1 − exp(−r²/2). A bijection maps
 * that circle to a closed curve holding the same mass, which is what the density figure draws.
 */
export function gaussianDiskMass(r: number): number {
  return 1 - Math.exp((-r * r) / 2);
}

/** Radii of the mass contours in the density figure, with the masses as the caption prints them. */
export function densityFigureContours(): { radii: number[]; printed: Record<string, string> } {
  const radii = [1, 2];
  const printed: Record<string, string> = {};
  for (const r of radii) printed[`r${r}`] = `${formatFixed(100 * gaussianDiskMass(r), 1)}%`;
  return { radii, printed };
}
