/**
 * Numerical code behind the Stable Diffusion 3 article (Esser et al. 2024, "Scaling Rectified Flow
 * Transformers for High-Resolution Image Synthesis").
 *
 * Everything the article prints as a number, and everything its figures draw, is computed here:
 * the timestep densities the paper compares (logit-normal, mode sampling with heavy tails,
 * CosMap), the loss weightings of the unified view, the resolution-dependent timestep shift, a
 * two-dimensional toy problem whose exact velocity field is known in closed form (straight versus
 * curved paths, Euler error with few steps), the attention-entropy effect of QK normalization, and
 * a few counts (tokens, parameters, positional grids). Time runs as in the paper: t = 0 is data,
 * t = 1 is noise.
 */
import { formatFixed } from './optimizers';
import { mulberry32, normalSampler, type Uniform } from './random';

/**
 * `formatFixed` with the typographic minus U+2212 for negative values, as the article's prose, captions
 * and alt texts print numbers (the ASCII hyphen-minus is kept for code and the paper's variant names).
 */
export function formatSigned(x: number, digits: number): string {
  return formatFixed(x, digits).replace(/^-/, '−');
}

// #region logit-normal
/** logit(t) = log(t / (1 − t)): the log-odds of t ∈ (0, 1). */
export function logit(t: number): number {
  return Math.log(t / (1 - t));
}

/** The standard logistic function σ(x) = 1 / (1 + e^(−x)), inverse of `logit`. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Density of the logit-normal distribution π_ln(t; m, s): t = σ(u) with u ~ N(m, s²). By the
 * change of variables, π_ln(t) = N(logit t; m, s²) · |d logit(t)/dt| and d logit/dt = 1/(t(1 − t)).
 */
export function logitNormalDensity(t: number, m: number, s: number): number {
  if (t <= 0 || t >= 1) return 0;
  const z = (logit(t) - m) / s;
  return Math.exp(-0.5 * z * z) / (s * Math.sqrt(2 * Math.PI) * t * (1 - t));
}

/** Draws t ~ π_ln(·; m, s) the way the paper does: a normal u, then the logistic function. */
export function logitNormalSampler(uniform: Uniform, m: number, s: number): () => number {
  const normal = normalSampler(uniform);
  return () => sigmoid(m + s * normal());
}
// #endregion logit-normal

/**
 * Derivative of φ(u) = log π_ln(σ(u); m, s), the log of the t-density read at t = σ(u) (not the
 * density of u). Since t(1 − t) = 1/(4cosh²(u/2)), φ(u) = −(u − m)²/(2s²) + 2 log cosh(u/2) + const,
 * so φ'(u) = −(u − m)/s² + tanh(u/2). σ is monotone, so the stationary points of π_ln in t and of φ
 * in u correspond one to one.
 */
export function logitNormalLogDensitySlope(u: number, m: number, s: number): number {
  return -(u - m) / (s * s) + Math.tanh(u / 2);
}

/**
 * Local maxima (modes) of π_ln(·; m, s), as points (t, π_ln(t)) in increasing t. A stationary point
 * satisfies u − m = s²·tanh(u/2), so all of them lie in [m − s², m + s²]; we scan φ' there for sign
 * changes from + to − and refine each by bisection. One mode: unimodal; two: bimodal.
 */
export function logitNormalModes(m: number, s: number): { t: number; value: number }[] {
  const lo = m - s * s - 1e-9;
  const hi = m + s * s + 1e-9;
  const n = 20000;
  const slope = (u: number) => logitNormalLogDensitySlope(u, m, s);
  const modes: { t: number; value: number }[] = [];
  let prevU = lo;
  let prev = slope(lo);
  for (let i = 1; i <= n; i++) {
    const u = lo + ((hi - lo) * i) / n;
    const cur = slope(u);
    if (prev > 0 && cur <= 0) {
      let a = prevU;
      let b = u;
      for (let k = 0; k < 100; k++) {
        const mid = 0.5 * (a + b);
        if (slope(mid) > 0) a = mid;
        else b = mid;
      }
      const t = sigmoid(0.5 * (a + b));
      modes.push({ t, value: logitNormalDensity(t, m, s) });
    }
    prevU = u;
    prev = cur;
  }
  return modes;
}

/**
 * The scale s above which π_ln(·; m, s) has two modes, by bisection on the mode count. For m = 0
 * this is √2 (φ''(0) = ½ − 1/s² changes sign there); for m ≠ 0 it is larger.
 */
export function logitNormalBimodalThreshold(m: number): number {
  let lo = 0.5;
  let hi = 6;
  for (let k = 0; k < 40; k++) {
    const mid = 0.5 * (lo + hi);
    if (logitNormalModes(m, mid).length > 1) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Standard normal CDF Φ(x), Abramowitz & Stegun 26.2.17 (absolute error below 7.5·10⁻⁸), enough for
 * the probabilities the article prints to two significant digits.
 */
export function normalCdf(x: number): number {
  if (x < 0) return 1 - normalCdf(-x);
  const k = 1 / (1 + 0.2316419 * x);
  const poly = k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))));
  return 1 - (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * poly;
}

/**
 * Probability that t ~ π_ln(·; m, s) falls within `margin` of either end, t < margin or
 * t > 1 − margin: how often training sees timesteps that close to pure data or pure noise.
 */
export function logitNormalEndMass(m: number, s: number, margin: number): number {
  return normalCdf((logit(margin) - m) / s) + 1 - normalCdf((logit(1 - margin) - m) / s);
}

// #region mode-sampling
/** Smallest scale s for which f_mode is monotonic on [0, 1] (the paper's range −1 ≤ s ≤ 2/(π − 2)). */
export const MODE_SCALE_MIN = -1;
/** Largest scale s for which f_mode is monotonic: 2/(π − 2) ≈ 1.7519. */
export const MODE_SCALE_MAX = 2 / (Math.PI - 2);

/**
 * The seven scales of mode sampling, read as equally spaced on [−1, 1.75] (step 2.75/6): the paper only
 * says "7 values for s chosen uniformly between −1 and 1.75" and never lists them. On that reading its
 * table label `rf/mode(1.29)` is s = 1.2917 (index 5); the article states this as an inference.
 */
export const MODE_SCALE_GRID: readonly number[] = Object.freeze(
  Array.from({ length: 7 }, (_, i) => -1 + (i * (1.75 - -1)) / 6),
);

/** The scale inferred behind the paper's `rf/mode(1.29)` on the evenly spaced grid: −1 + 5 · 2.75/6 = 31/24 ≈ 1.2917. */
export const PAPER_MODE_SCALE = MODE_SCALE_GRID[5] ?? Number.NaN;

/** f_mode(u; s) = 1 − u − s·(cos²(πu/2) − 1 + u): maps u ~ U(0, 1) to a timestep t. */
export function modeTransform(u: number, s: number): number {
  const c = Math.cos((Math.PI / 2) * u);
  return 1 - u - s * (c * c - 1 + u);
}

/** df_mode/du = −1 − s + (sπ/2)·sin(πu); non-positive on [0, 1] exactly for s in the valid range. */
export function modeTransformDerivative(u: number, s: number): number {
  return -1 - s + ((s * Math.PI) / 2) * Math.sin(Math.PI * u);
}

function checkModeScale(s: number): void {
  if (!(s >= MODE_SCALE_MIN && s <= MODE_SCALE_MAX)) {
    throw new RangeError(`mode scale s must lie in [-1, 2/(π-2)], got ${s}`);
  }
}

/** Inverse of f_mode by bisection (f_mode decreases from 1 at u = 0 to 0 at u = 1). */
export function modeTransformInverse(t: number, s: number): number {
  checkModeScale(s);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (modeTransform(mid, s) > t) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** π_mode(t; s) = |d f_mode⁻¹(t)/dt| = 1 / |f_mode'(u)| at u = f_mode⁻¹(t). */
export function modeDensity(t: number, s: number): number {
  if (t < 0 || t > 1) return 0;
  const u = modeTransformInverse(t, s);
  return 1 / Math.abs(modeTransformDerivative(u, s));
}
// #endregion mode-sampling

// #region cosmap
/** CosMap: t = f(u) = 1 − 1/(tan(πu/2) + 1), chosen so that the RF log-SNR at t equals the cosine schedule's at u. */
export function cosMap(u: number): number {
  return 1 - 1 / (Math.tan((Math.PI / 2) * u) + 1);
}

/** Inverse of CosMap: u = (2/π)·atan(t/(1 − t)). */
export function cosMapInverse(t: number): number {
  return (2 / Math.PI) * Math.atan(t / (1 - t));
}

/** π_CosMap(t) = 2/(π − 2πt + 2πt²), the derivative of `cosMapInverse`. */
export function cosMapDensity(t: number): number {
  if (t < 0 || t > 1) return 0;
  return 2 / (Math.PI - 2 * Math.PI * t + 2 * Math.PI * t * t);
}
// #endregion cosmap

/**
 * Draws timesteps with the inverse transform u ~ U(0, 1) ↦ t = f(u), as the paper samples mode
 * and CosMap timesteps; the tests compare histograms of these draws with the densities.
 */
export function inverseTransformSampler(uniform: Uniform, f: (u: number) => number): () => number {
  return () => f(uniform());
}

// #region shift
/**
 * Resolution-dependent timestep shift t ↦ αt / (1 + (α − 1)t), α = √(m/n)
 * (the paper's Eq. 23). It multiplies the odds t/(1 − t) by α: logit(t)
 * grows by log α and the RF log-SNR drops by 2 log α.
 */
export function shiftTimestep(t: number, alpha: number): number {
  if (!(alpha > 0)) throw new RangeError(`shift must be positive, got ${alpha}`);
  return (alpha * t) / (1 + (alpha - 1) * t);
}

/** The shift that matches resolution n pixels to resolution m pixels: α = √(m/n). */
export function resolutionShift(nPixels: number, mPixels: number): number {
  return Math.sqrt(mPixels / nPixels);
}

/**
 * Standard deviation of μ̂ = mean(z_t)/(1 − t), the estimate of a constant
 * image's value μ from z_t = (1 − t)μ·1 + tε with n pixels:
 * σ(t, n) = t / ((1 − t)√n). The shift equates it across resolutions.
 */
export function constantImageUncertainty(t: number, nPixels: number): number {
  return t / ((1 - t) * Math.sqrt(nPixels));
}
// #endregion shift

/** Log-SNR of rectified flow, λ_t = log(a_t²/b_t²) = 2 log((1 − t)/t) = −2 logit(t). */
export function rfLogSnr(t: number): number {
  return 2 * Math.log((1 - t) / t);
}

/** Inverse of `rfLogSnr`: t = 1/(1 + e^(λ/2)). */
export function rfTimeFromLogSnr(lambda: number): number {
  return 1 / (1 + Math.exp(lambda / 2));
}

/**
 * A forward process z_t = a_t x₀ + b_t ε with its derivatives, the object of the paper's
 * unified view (Section 2). Rectified flow and the cosine (variance-preserving) schedule are the
 * two the toy problem compares.
 */
export interface Schedule {
  readonly name: string;
  a(t: number): number;
  b(t: number): number;
  da(t: number): number;
  db(t: number): number;
}

/** Rectified flow: a_t = 1 − t, b_t = t, so the conditional path is a straight segment. */
export const RF_SCHEDULE: Schedule = Object.freeze({
  name: 'rf',
  a: (t: number) => 1 - t,
  b: (t: number) => t,
  da: () => -1,
  db: () => 1,
});

/** Cosine schedule: a_t = cos(πt/2), b_t = sin(πt/2); a_t² + b_t² = 1, so the conditional path is an arc. */
export const COSINE_SCHEDULE: Schedule = Object.freeze({
  name: 'cos',
  a: (t: number) => Math.cos((Math.PI / 2) * t),
  b: (t: number) => Math.sin((Math.PI / 2) * t),
  da: (t: number) => -(Math.PI / 2) * Math.sin((Math.PI / 2) * t),
  db: (t: number) => (Math.PI / 2) * Math.cos((Math.PI / 2) * t),
});

/** λ_t = log(a_t²/b_t²) for any schedule. */
export function logSnr(schedule: Schedule, t: number): number {
  return 2 * Math.log(schedule.a(t) / schedule.b(t));
}

/** λ'_t = 2(a'_t/a_t − b'_t/b_t), the factor that turns the velocity loss into a weighted ε-loss. */
export function logSnrDerivative(schedule: Schedule, t: number): number {
  return 2 * (schedule.da(t) / schedule.a(t) - schedule.db(t) / schedule.b(t));
}

/**
 * Weight w_t of the unified loss L_w = −½ E_t[w_t λ'_t ‖ε_Θ − ε‖²] that the plain conditional
 * flow-matching loss has: w_t = −½ λ'_t b_t² (for rectified flow this is t/(1 − t)).
 */
export function cfmWeight(schedule: Schedule, t: number): number {
  return -0.5 * logSnrDerivative(schedule, t) * schedule.b(t) ** 2;
}

/**
 * Weight of an ε-prediction loss ‖ε_Θ − ε‖² with t ~ U(0, 1): −½ w λ' = 1, so w_t = −2/λ'_t. For
 * the cosine schedule this is sech(λ/2)/π.
 */
export function epsilonLossWeight(schedule: Schedule, t: number): number {
  return -2 / logSnrDerivative(schedule, t);
}

/**
 * Weight of a v-prediction loss ‖v_Θ − v‖² (v = a_t ε − b_t x₀) with t ~ U(0, 1) on a
 * variance-preserving schedule: ε̂ − ε = a_t(v̂ − v), so w_t = −2/(a_t² λ'_t); for cosine (2/π)e^(−λ/2).
 */
export function vLossWeight(schedule: Schedule, t: number): number {
  return -2 / (schedule.a(t) ** 2 * logSnrDerivative(schedule, t));
}

/** Normal density N(x | μ, σ²). */
export function normalDensity(x: number, mean: number, sd: number): number {
  const z = (x - mean) / sd;
  return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
}

/**
 * EDM's weight as the paper prints it, w = N(λ | −2P_m, (2P_s)²)(e^(−λ) + 0.5²) (σ_data = 0.5): a
 * constant factor is dropped, so only its shape in λ is meaningful.
 */
export function edmWeight(lambda: number, pMean: number, pStd: number): number {
  return normalDensity(lambda, -2 * pMean, 2 * pStd) * (Math.exp(-lambda) + 0.25);
}

/**
 * EDM's weight with the constant the unified loss L = ½∫ w(λ)‖ε_Θ − ε‖² dλ actually gives. EDM's
 * loss (b² + σ_d²)/(bσ_d)²·‖x̂₀ − x₀‖² with x̂₀ − x₀ = −b(ε_Θ − ε) is (b² + σ_d²)/σ_d²·‖ε_Θ − ε‖², and
 * λ = −2 log b ~ N(−2P_m, (2P_s)²), so w = 2·N(λ | −2P_m, (2P_s)²)·(e^(−λ) + σ_d²)/σ_d²; with
 * σ_d = 0.5 that is 8 × `edmWeight`. Needed to compare it with `rfLogitNormalWeight` on one scale.
 */
export function edmWeightUnified(lambda: number, pMean: number, pStd: number, sigmaData = 0.5): number {
  const sd2 = sigmaData * sigmaData;
  return (2 * normalDensity(lambda, -2 * pMean, 2 * pStd) * (Math.exp(-lambda) + sd2)) / sd2;
}

/**
 * Weight of RF with logit-normal timesteps, written in λ: w = (t/(1 − t))·π_ln(t) at t = t(λ),
 * which simplifies to 2·N(λ | −2m, (2s)²)·(1 + e^(−λ/2))², a close cousin of `edmWeight`.
 */
export function rfLogitNormalWeight(lambda: number, m: number, s: number): number {
  return 2 * normalDensity(lambda, -2 * m, 2 * s) * (1 + Math.exp(-lambda / 2)) ** 2;
}

/**
 * Range of rfLogitNormalWeight(λ; m, s) / edmWeightUnified(λ; m, s) over λ (same Gaussian factor, so
 * the ratio is (1 + r)²/(4r² + 1) with r = e^(−λ/2), whatever m and s): a grid search over
 * λ ∈ [−60, 60]. The ratio tends to 1 at high SNR and to ¼ at low SNR and peaks at r = ¼.
 */
export function rfOverEdmWeightRange(): { min: number; max: number; argmax: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let argmax = Number.NaN;
  for (let i = 0; i <= 120000; i++) {
    const lambda = -60 + i / 1000;
    const ratio = rfLogitNormalWeight(lambda, 0, 1) / edmWeightUnified(lambda, 0, 1);
    if (ratio < min) min = ratio;
    if (ratio > max) {
      max = ratio;
      argmax = lambda;
    }
  }
  return { min, max, argmax };
}

/**
 * Scale between the cosine and RF noisy inputs at equal log-SNR λ: z_cos = (a_cos/a_RF)·z_RF with
 * a_RF = e^(λ/2)/(1 + e^(λ/2)) and a_cos = e^(λ/2)/√(1 + e^λ), so the factor is (1 + e^(λ/2))/√(1 + e^λ):
 * 1 at both ends, √2 at λ = 0. The two exact ODE paths are therefore different curves with the same
 * end points, and the two networks see inputs of different scale.
 */
export function cosineOverRfScale(lambda: number): number {
  const e = Math.exp(lambda / 2);
  return (1 + e) / Math.sqrt(1 + e * e);
}

// ---------------------------------------------------------------------------------------------
// Toy problem: data = a few points in the plane, noise = N(0, I). The marginal velocity field is
// then known exactly, so samplers can be compared without training anything.
// ---------------------------------------------------------------------------------------------

/** A point in the plane. */
export type Vec2 = readonly [number, number];

/** The toy data distribution: three equally likely points. */
export const TOY_DATA: readonly Vec2[] = Object.freeze([
  [2.2, 1.2],
  [-2.0, 1.6],
  [0.2, -2.4],
] as const);

/**
 * Posterior mean E[x₀ | z_t = z] for the toy data: weights ∝ exp(−‖z − a_t x_k‖²/(2b_t²)),
 * computed with a log-sum-exp so that small b_t near t = 0 does not underflow.
 */
export function posteriorMean(schedule: Schedule, t: number, z: Vec2, data: readonly Vec2[] = TOY_DATA): Vec2 {
  const a = schedule.a(t);
  const b = schedule.b(t);
  const logits = data.map(([x, y]) => -((z[0] - a * x) ** 2 + (z[1] - a * y) ** 2) / (2 * b * b));
  const max = Math.max(...logits);
  let total = 0;
  let mx = 0;
  let my = 0;
  data.forEach(([x, y], k) => {
    const w = Math.exp((logits[k] ?? Number.NEGATIVE_INFINITY) - max);
    total += w;
    mx += w * x;
    my += w * y;
  });
  return [mx / total, my / total];
}

/**
 * Exact marginal velocity u_t(z) = E[a'_t x₀ + b'_t ε | z_t = z] with E[ε | z] = (z − a_t E[x₀|z])/b_t.
 * For rectified flow this is E[ε − x₀ | z], the regression target of the paper.
 */
export function marginalVelocity(schedule: Schedule, t: number, z: Vec2, data: readonly Vec2[] = TOY_DATA): Vec2 {
  const [mx, my] = posteriorMean(schedule, t, z, data);
  const a = schedule.a(t);
  const b = schedule.b(t);
  const ex = (z[0] - a * mx) / b;
  const ey = (z[1] - a * my) / b;
  return [schedule.da(t) * mx + schedule.db(t) * ex, schedule.da(t) * my + schedule.db(t) * ey];
}

// #region euler
/**
 * Euler's method for dz/dt = u_t(z) from t = 1 (noise) to t = 0 (data) on the grid `times`
 * (decreasing, from 1 to 0): z ← z + (t_next − t)·u_t(z). Returns every visited point.
 */
export function eulerPath(velocity: (t: number, z: Vec2) => Vec2, start: Vec2, times: readonly number[]): Vec2[] {
  const path: Vec2[] = [start];
  let z = start;
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i] ?? Number.NaN;
    const dt = (times[i + 1] ?? Number.NaN) - t; // negative: we integrate towards the data
    const [vx, vy] = velocity(t, z);
    z = [z[0] + dt * vx, z[1] + dt * vy];
    path.push(z);
  }
  return path;
}
// #endregion euler

/** Uniform grid 1 = t₀ > t₁ > … > t_N = 0 of N steps, optionally shifted by α (α = 1: no shift). */
export function timeGrid(steps: number, alpha = 1): number[] {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  return Array.from({ length: steps + 1 }, (_, i) => shiftTimestep(1 - i / steps, alpha));
}

/**
 * The sampling grid of the reference implementation (`sd3_impls.py`) and of diffusers'
 * `FlowMatchEulerDiscreteScheduler.set_timesteps`, which differs from `timeGrid(steps, α)`: both start
 * from the 1000 training levels k/1000 shifted by α, take σ_max = 1 and σ_min = shift(1/1000, α),
 * space `steps` points evenly between them (np.linspace, end point included), shift those again and
 * append 0. So the last network evaluation is at shift(shift(1/1000, α), α) = shift(1/1000, α²), not
 * at shift(1/steps, α). Same map, different grid; the article quotes the tails of both.
 */
export function referenceSamplingGrid(steps: number, alpha: number, trainSteps = 1000): number[] {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  const sigmaMax = shiftTimestep(1, alpha);
  const sigmaMin = shiftTimestep(1 / trainSteps, alpha);
  const spaced = Array.from({ length: steps }, (_, i) =>
    steps === 1 ? sigmaMax : sigmaMax + ((sigmaMin - sigmaMax) * i) / (steps - 1),
  );
  return [...spaced.map((s) => shiftTimestep(s, alpha)), 0];
}

/**
 * Classical RK4 for the probability-flow ODE of `schedule`, from t = 1 down to `tEnd` in `steps`
 * equal steps; returns every point visited (the figure draws these exact trajectories, and the
 * tests use them to show that RF and cosine trajectories coincide up to scale).
 */
export function rk4Path(schedule: Schedule, start: Vec2, tEnd: number, steps: number): Vec2[] {
  const f = (t: number, z: Vec2): Vec2 => marginalVelocity(schedule, t, z);
  let z = start;
  const path: Vec2[] = [z];
  const h = (tEnd - 1) / steps;
  for (let i = 0; i < steps; i++) {
    const t = 1 + i * h;
    const k1 = f(t, z);
    const k2 = f(t + h / 2, [z[0] + (h / 2) * k1[0], z[1] + (h / 2) * k1[1]]);
    const k3 = f(t + h / 2, [z[0] + (h / 2) * k2[0], z[1] + (h / 2) * k2[1]]);
    const k4 = f(t + h, [z[0] + h * k3[0], z[1] + h * k3[1]]);
    z = [
      z[0] + (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
      z[1] + (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]),
    ];
    path.push(z);
  }
  return path;
}

/** End point of `rk4Path`: the ODE solution at `tEnd`. */
export function integrateRk4(schedule: Schedule, start: Vec2, tEnd: number, steps: number): Vec2 {
  const path = rk4Path(schedule, start, tEnd, steps);
  return path[path.length - 1] ?? start;
}

/**
 * Reference solution of the probability-flow ODE from t = 1 to t = 0: RK4 with many steps down to
 * a tiny t, then the posterior mean there (the flow lands on a data point, where the velocity
 * itself has a removable 0/0 at t = 0).
 */
export function exactEndpoint(schedule: Schedule, start: Vec2, steps = 500, tEnd = 1e-3): Vec2 {
  return posteriorMean(schedule, tEnd, integrateRk4(schedule, start, tEnd, steps));
}

/**
 * DDIM's deterministic step for any schedule: predict x̂₀ and ε̂ = (z − a_t x̂₀)/b_t, then
 * z_next = a_next·x̂₀ + b_next·ε̂. Written this way it is defined at t = 1 (a₁ = 0), where samplers
 * start; for t < 1 it equals Euler in ς = b/a on z̄ = z/a, z̄ ← z̄ + (ς_next − ς)·ε̂. Used to show that
 * RF's Euler step is the same update (straightness depends on the coordinates one integrates in).
 */
export function ddimStep(schedule: Schedule, t: number, tNext: number, z: Vec2): Vec2 {
  const a = schedule.a(t);
  const b = schedule.b(t);
  const [mx, my] = posteriorMean(schedule, t, z);
  const eps: Vec2 = [(z[0] - a * mx) / b, (z[1] - a * my) / b];
  const aNext = schedule.a(tNext);
  const bNext = schedule.b(tNext);
  return [aNext * mx + bNext * eps[0], aNext * my + bNext * eps[1]];
}

/**
 * log₁₀ of the posterior weight of all data points other than the most likely one, relative to it,
 * given z_t: how far the posterior still is from having collapsed onto one point. Computed in log
 * space, since near t = 0 the leftover weight is far below the smallest double.
 */
export function posteriorLeakLog10(schedule: Schedule, t: number, z: Vec2, data: readonly Vec2[] = TOY_DATA): number {
  const a = schedule.a(t);
  const b = schedule.b(t);
  const logits = data.map(([x, y]) => -((z[0] - a * x) ** 2 + (z[1] - a * y) ** 2) / (2 * b * b));
  const top = Math.max(...logits);
  const rest = [...logits];
  rest.splice(logits.indexOf(top), 1);
  const restMax = Math.max(...rest);
  const lse = restMax + Math.log(rest.reduce((sum, l) => sum + Math.exp(l - restMax), 0));
  return (lse - top) / Math.LN10;
}

/**
 * Once the posterior has collapsed onto a data point x, the deviation Δ_t = z_t − a_t x of the
 * cosine flow obeys Δ' = (b'/b)Δ, so Δ_t ∝ b_t. The last Euler step, from t = 1/N to 0, multiplies Δ
 * by 1 − (π/2N)·cot(π/2N) ≈ π²/(12N²) instead of b₀/b_(1/N) = 0: what was accumulated before is
 * nearly wiped out.
 */
export function cosineLastStepContraction(steps: number): number {
  const h = Math.PI / (2 * steps);
  return 1 - h / Math.tan(h);
}

/**
 * The local error the same last step leaves on the a_t·x part: Euler extrapolates a_t = cos(πt/2)
 * along its tangent from t = 1/N, giving cos(π/2N) + (π/2N)·sin(π/2N) = 1 + π²/(8N²) + O(N⁻⁴)
 * instead of a₀ = 1, so the sample lands near (1 + this)·x, beyond the data point. Returns the excess.
 */
export function cosineLastStepOvershoot(steps: number): number {
  const h = Math.PI / (2 * steps);
  return Math.cos(h) + h * Math.sin(h) - 1;
}

/** Setting of the toy experiment: seed and number of noise draws, and the step counts compared. */
export const TOY_EXPERIMENT = Object.freeze({
  seed: 2024,
  samples: 300,
  steps: [1, 2, 4, 8, 16, 32] as const,
});

/** Endpoint statistics of one sampler at one step count. */
export interface SamplerStats {
  /** Median distance between the Euler endpoint and the exact endpoint. */
  readonly median: number;
  /** How many samples end nearer to another data point than the exact flow does ("wrong basin"). */
  readonly wrong: number;
}

/** The toy experiment's results for three samplers, with the strings the article prints. */
export interface ToyExperiment {
  readonly noise: readonly Vec2[];
  /** Exact endpoints of the probability-flow ODE (the same for every schedule with these marginals). */
  readonly exact: readonly Vec2[];
  /** Euler on the RF ODE, uniform grid in t; one entry per `TOY_EXPERIMENT.steps`. */
  readonly rf: readonly SamplerStats[];
  /** Euler on the cosine-schedule ODE in its own z and t, uniform grid in t. */
  readonly cos: readonly SamplerStats[];
  /** Euler on the RF ODE on the CosMap grid t_k = f(u_k): the cosine sampler's λ grid (= DDIM there). */
  readonly rfCosGrid: readonly SamplerStats[];
  /** Distance from the data mean to the nearest data point: RF's one-step sample is the mean. */
  readonly meanToNearest: number;
  /**
   * Median over samples of `posteriorLeakLog10` at the point z_(1/N) where RF's last Euler step
   * starts: RF's N-step sample is exactly the posterior mean there, so this sets its error.
   */
  readonly rfLeakLog10: readonly number[];
  /**
   * Median over samples of `cosineLastStepOvershoot(N)`·‖x‖ (x the exact end point): the predicted
   * cosine error once the posterior has collapsed, to set against `cos`.
   */
  readonly cosPredicted: readonly number[];
  readonly printed: Readonly<Record<string, string>>;
}

function dist(p: Vec2, q: Vec2): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1]);
}

function nearestIndex(p: Vec2): number {
  let best = 0;
  TOY_DATA.forEach((d, k) => {
    if (dist(p, d) < dist(p, TOY_DATA[best] ?? d)) best = k;
  });
  return best;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length / 2;
  return s.length % 2 === 1 ? (s[Math.floor(mid)] ?? Number.NaN) : 0.5 * ((s[mid - 1] ?? 0) + (s[mid] ?? 0));
}

let toyCache: ToyExperiment | undefined;

/**
 * Runs the toy experiment: `samples` seeded noise draws, their exact ODE endpoints, and where
 * N-step Euler samples end. RF and cosine share the exact endpoints because both schedules pass
 * through the same log-SNRs and differ only by a scale and a change of time variable; only the
 * discretization differs. Cached: the figure and the tests both read it.
 */
export function toyExperiment(): ToyExperiment {
  if (toyCache !== undefined) return toyCache;
  const normal = normalSampler(mulberry32(TOY_EXPERIMENT.seed));
  const noise: Vec2[] = Array.from({ length: TOY_EXPERIMENT.samples }, () => [normal(), normal()] as const);
  const exact = noise.map((e) => exactEndpoint(RF_SCHEDULE, e));
  const stats = (schedule: Schedule, grid: readonly number[]): SamplerStats => {
    const v = (t: number, z: Vec2) => marginalVelocity(schedule, t, z);
    const errors: number[] = [];
    let wrong = 0;
    noise.forEach((e, i) => {
      const path = eulerPath(v, e, grid);
      const end = path[path.length - 1] ?? e;
      const target = exact[i] ?? e;
      errors.push(dist(end, target));
      if (nearestIndex(end) !== nearestIndex(target)) wrong += 1;
    });
    return { median: median(errors), wrong };
  };
  const rf = TOY_EXPERIMENT.steps.map((n) => stats(RF_SCHEDULE, timeGrid(n)));
  const cos = TOY_EXPERIMENT.steps.map((n) => stats(COSINE_SCHEDULE, timeGrid(n)));
  const rfCosGrid = TOY_EXPERIMENT.steps.map((n) => stats(RF_SCHEDULE, timeGrid(n).map(cosMap)));
  const mean: Vec2 = [
    TOY_DATA.reduce((s, p) => s + p[0], 0) / TOY_DATA.length,
    TOY_DATA.reduce((s, p) => s + p[1], 0) / TOY_DATA.length,
  ];
  const meanToNearest = Math.min(...TOY_DATA.map((p) => dist(p, mean)));
  const rfVelocity = (t: number, z: Vec2) => marginalVelocity(RF_SCHEDULE, t, z);
  const rfLeakLog10 = TOY_EXPERIMENT.steps.map((n) =>
    median(
      noise.map((e) => {
        const path = eulerPath(rfVelocity, e, timeGrid(n));
        return posteriorLeakLog10(RF_SCHEDULE, 1 / n, path[path.length - 2] ?? e);
      }),
    ),
  );
  const cosPredicted = TOY_EXPERIMENT.steps.map((n) =>
    median(exact.map((x) => cosineLastStepOvershoot(n) * Math.hypot(x[0], x[1]))),
  );
  const printed: Record<string, string> = {
    meanToNearest: formatFixed(meanToNearest, 2),
    samples: String(TOY_EXPERIMENT.samples),
    seed: String(TOY_EXPERIMENT.seed),
  };
  TOY_EXPERIMENT.steps.forEach((n, i) => {
    printed[`rfMedian${n}`] = formatFixed(rf[i]?.median ?? Number.NaN, 3);
    printed[`cosMedian${n}`] = formatFixed(cos[i]?.median ?? Number.NaN, 3);
    printed[`rfCosGridMedian${n}`] = formatFixed(rfCosGrid[i]?.median ?? Number.NaN, 3);
    printed[`rfWrong${n}`] = String(rf[i]?.wrong ?? Number.NaN);
    printed[`cosWrong${n}`] = String(cos[i]?.wrong ?? Number.NaN);
    printed[`rfLeak${n}`] = formatFixed(rfLeakLog10[i] ?? Number.NaN, 0);
    printed[`cosPredicted${n}`] = formatFixed(cosPredicted[i] ?? Number.NaN, 3);
  });
  toyCache = { noise, exact, rf, cos, rfCosGrid, meanToNearest, rfLeakLog10, cosPredicted, printed };
  return toyCache;
}

/** What the paths figure draws: pair count for the left panel, noise draws and Euler steps for the right. */
export const PATHS_DEMO = Object.freeze({ pairs: 6, pairSeed: 11, perPoint: 2, eulerSteps: 4 });

/**
 * The noise draws of the paths figure's right panel: the first `perPoint` draws of the toy
 * experiment that the exact flow sends to each data point, so every basin is shown.
 */
export function pathsDemoNoise(): Vec2[] {
  const { noise, exact } = toyExperiment();
  const chosen: Vec2[] = [];
  for (const [x, y] of TOY_DATA) {
    const hits = noise.filter((_, i) => {
      const e = exact[i];
      return e !== undefined && Math.hypot(e[0] - x, e[1] - y) < 1e-6;
    });
    chosen.push(...hits.slice(0, PATHS_DEMO.perPoint));
  }
  return chosen;
}

/**
 * For each noise draw of the paths figure: how far the cosine sampler's `eulerSteps`-step end point
 * lies from the exact end point, and the component of that miss along the data point's direction
 * (positive: the sample overshoots outwards, as `cosineLastStepOvershoot` predicts).
 */
export function pathsDemoCosineMisses(): { miss: number; radial: number }[] {
  const { noise, exact } = toyExperiment();
  const grid = timeGrid(PATHS_DEMO.eulerSteps);
  const velocity = (t: number, z: Vec2) => marginalVelocity(COSINE_SCHEDULE, t, z);
  return pathsDemoNoise().map((e) => {
    const target = exact[noise.indexOf(e)] ?? e;
    const path = eulerPath(velocity, e, grid);
    const end = path[path.length - 1] ?? e;
    const miss = dist(end, target);
    const radial = ((end[0] - target[0]) * target[0] + (end[1] - target[1]) * target[1]) / Math.hypot(...target);
    return { miss, radial };
  });
}

/** Pairs (x₀, ε) whose conditional paths the figure draws, from a fixed seed. */
export function conditionalPairs(count: number, seed = 7): { x0: Vec2; eps: Vec2 }[] {
  const normal = normalSampler(mulberry32(seed));
  return Array.from({ length: count }, (_, i) => ({
    x0: TOY_DATA[i % TOY_DATA.length] ?? [0, 0],
    eps: [normal(), normal()] as const,
  }));
}

/** z_t = a_t x₀ + b_t ε for one pair: a straight segment for RF, an arc for the cosine schedule. */
export function conditionalPoint(schedule: Schedule, t: number, x0: Vec2, eps: Vec2): Vec2 {
  return [schedule.a(t) * x0[0] + schedule.b(t) * eps[0], schedule.a(t) * x0[1] + schedule.b(t) * eps[1]];
}

// ---------------------------------------------------------------------------------------------
// QK normalization: attention entropy when queries and keys grow.
// ---------------------------------------------------------------------------------------------

// #region qk-norm
/** RMSNorm without gain: x / √(mean(x²) + eps), applied to one head's query or key. */
export function rmsNorm(x: readonly number[], eps = 1e-6): number[] {
  const ms = x.reduce((s, v) => s + v * v, 0) / x.length;
  const r = 1 / Math.sqrt(ms + eps);
  return x.map((v) => v * r);
}

/** Entropy (nats) of softmax(q·k_j/√d) over the keys, and the largest logit. */
export function attentionEntropy(
  q: readonly number[],
  keys: readonly (readonly number[])[],
): {
  entropy: number;
  maxLogit: number;
} {
  const scale = 1 / Math.sqrt(q.length);
  const logits = keys.map((k) => scale * k.reduce((s, kv, i) => s + kv * (q[i] ?? 0), 0));
  const max = Math.max(...logits);
  const w = logits.map((l) => Math.exp(l - max));
  const total = w.reduce((s, v) => s + v, 0);
  const entropy = -w.reduce((s, v) => (v > 0 ? s + (v / total) * Math.log(v / total) : s), 0);
  return { entropy, maxLogit: max };
}
// #endregion qk-norm

/** Setting of the QK-norm demonstration: head dimension 64 (as in MM-DiT), 1024 keys, 32 queries. */
export const QK_DEMO = Object.freeze({ headDim: 64, keys: 1024, queries: 32, seed: 5, scales: [1, 2, 4, 8] as const });

/** Mean attention entropy and mean max logit for each growth factor c of q and k, with and without QK-norm. */
export interface QkDemo {
  readonly plainEntropy: readonly number[];
  readonly normedEntropy: readonly number[];
  readonly plainMaxLogit: readonly number[];
  readonly normedMaxLogit: readonly number[];
  readonly printed: Readonly<Record<string, string>>;
}

/**
 * Random Gaussian queries and keys, multiplied by c (as weight growth would do). Without
 * normalization the logits grow like c² and the softmax collapses onto one key; with RMSNorm on q
 * and k nothing depends on c, and every logit is bounded by √d (here 8).
 */
export function qkNormDemo(): QkDemo {
  const normal = normalSampler(mulberry32(QK_DEMO.seed));
  const draw = () => Array.from({ length: QK_DEMO.headDim }, normal);
  const queries = Array.from({ length: QK_DEMO.queries }, draw);
  const keys = Array.from({ length: QK_DEMO.keys }, draw);
  const plainEntropy: number[] = [];
  const normedEntropy: number[] = [];
  const plainMaxLogit: number[] = [];
  const normedMaxLogit: number[] = [];
  for (const c of QK_DEMO.scales) {
    const ks = keys.map((k) => k.map((v) => c * v));
    const kn = ks.map((k) => rmsNorm(k));
    let hp = 0;
    let hn = 0;
    let mp = 0;
    let mn = 0;
    for (const q0 of queries) {
      const q = q0.map((v) => c * v);
      const p = attentionEntropy(q, ks);
      const n = attentionEntropy(rmsNorm(q), kn);
      hp += p.entropy;
      hn += n.entropy;
      mp += p.maxLogit;
      mn += n.maxLogit;
    }
    const nq = queries.length;
    plainEntropy.push(hp / nq);
    normedEntropy.push(hn / nq);
    plainMaxLogit.push(mp / nq);
    normedMaxLogit.push(mn / nq);
  }
  const printed: Record<string, string> = {
    uniformEntropy: formatFixed(Math.log(QK_DEMO.keys), 2),
    headDim: String(QK_DEMO.headDim),
    keys: String(QK_DEMO.keys),
    queries: String(QK_DEMO.queries),
  };
  QK_DEMO.scales.forEach((c, i) => {
    printed[`plainH${c}`] = formatFixed(plainEntropy[i] ?? Number.NaN, 2);
    printed[`normedH${c}`] = formatFixed(normedEntropy[i] ?? Number.NaN, 2);
    printed[`plainMax${c}`] = formatFixed(plainMaxLogit[i] ?? Number.NaN, 1);
    printed[`normedMax${c}`] = formatFixed(normedMaxLogit[i] ?? Number.NaN, 1);
  });
  return { plainEntropy, normedEntropy, plainMaxLogit, normedMaxLogit, printed };
}

// ---------------------------------------------------------------------------------------------
// Sizes: MM-DiT width and parameters, tokens, positional grids.
// ---------------------------------------------------------------------------------------------

/** Hidden size of an MM-DiT of depth d: 64·d (so d heads of dimension 64). */
export function mmditHiddenSize(depth: number): number {
  return 64 * depth;
}

/**
 * Weight count of the d joint blocks of an MM-DiT (biases, norms, embedders and the final layer
 * left out): per block and stream, attention 4h², MLP 2·4h² and adaLN modulation 6h², so 36h²·d in
 * all. An estimate to set against the sizes the paper reports (2B at d = 24, 8B at d = 38).
 */
export function mmditBlockParameters(depth: number): number {
  const h = mmditHiddenSize(depth);
  return 2 * (4 + 8 + 6) * h * h * depth;
}

/**
 * How much `mmditBlockParameters` overcounts by treating the last block's text stream as a full
 * block: the reference implementation builds it `pre_only` (adaLN with shift and scale only, 2h², and
 * the QKV projection, 3h²; no output projection, no MLP), so 18h² − 5h² = 13h² too many.
 */
export function mmditLastBlockOvercount(depth: number): number {
  const h = mmditHiddenSize(depth);
  return (18 - 5) * h * h;
}

/** Image tokens for an H × W image: an f = 8 autoencoder, then 2 × 2 patches, i.e. (H/16)(W/16). */
export function imageTokens(height: number, width: number): number {
  return (height / 16) * (width / 16);
}

/**
 * Text sequence lengths: the two CLIP encoders give 77 tokens (concatenated along channels); T5 gives
 * 77 tokens in the paper and the reference implementation, 256 with diffusers' default
 * `max_sequence_length`. Joint attention accepts any text length, so both variants run.
 */
export const TEXT_TOKENS = Object.freeze({ clip: 77, t5Paper: 77, t5Diffusers: 256 });

/** Length of the text sequence c_ctxt: CLIP tokens followed by T5 tokens. */
export function textTokens(t5Tokens: number): number {
  return TEXT_TOKENS.clip + t5Tokens;
}

/**
 * The paper's positional grid along one axis for target resolution S and maximum side L (pixels):
 * positions (p − (L/16 − S/16)/2)·256/S for p = 0 … L/16 − 1. Scaling by 256/S keeps a square S × S
 * image on the range of the 256² pretraining grid; the longer side extends beyond it.
 */
export function positionGrid(targetSide: number, maxSide: number): number[] {
  const s = targetSide / 16;
  const n = maxSide / 16;
  return Array.from({ length: n }, (_, p) => ((p - (n - s) / 2) * 256) / targetSide);
}

/** Center crop of `length` positions from a grid (what the paper does before frequency-embedding). */
export function centerCrop(grid: readonly number[], length: number): number[] {
  const start = Math.floor((grid.length - length) / 2);
  return grid.slice(start, start + length);
}

/**
 * 2-D sine–cosine embedding of a patch at (row, col), DiT/MAE style: half the D channels encode
 * the row, half the column; each half is [sin(p·ω_k), cos(p·ω_k)] with ω_k = 10000^(−k/(D/4)).
 */
export function sincosEmbedding2d(row: number, col: number, dim: number): number[] {
  if (dim % 4 !== 0) throw new RangeError(`embedding dimension must be a multiple of 4, got ${dim}`);
  const quarter = dim / 4;
  const axis = (p: number): number[] => {
    const omegas = Array.from({ length: quarter }, (_, k) => 10000 ** (-k / quarter));
    return [...omegas.map((w) => Math.sin(p * w)), ...omegas.map((w) => Math.cos(p * w))];
  };
  return [...axis(row), ...axis(col)];
}

// ---------------------------------------------------------------------------------------------
// Numbers the paper reports, kept in one place so tests can check the article quotes them.
// ---------------------------------------------------------------------------------------------

/**
 * Values reported by Esser et al. (2024) that the article quotes: the drop rate of each text
 * encoder, the autoencoder reconstructions (Table 3), part of the ranking (Table 1), and GenEval
 * overall scores (Table 5). Not computed; pinned so that a quote cannot drift from its source.
 */
export const SD3_REPORTED = Object.freeze({
  textEncoderDropRate: 0.463,
  autoencoder: {
    channels: [4, 8, 16],
    fid: ['2.41', '1.56', '1.06'],
    perceptual: ['0.85', '0.68', '0.45'],
    ssim: ['0.75', '0.79', '0.86'],
    psnr: ['25.12', '26.40', '28.62'],
  },
  /** Table 1: variant → average rank over all settings, 5-step settings, 50-step settings. */
  ranks: [
    ['rf/lognorm(0.00, 1.00)', '1.54', '1.25', '1.50'],
    ['rf/lognorm(1.00, 0.60)', '2.08', '3.50', '2.00'],
    ['rf/lognorm(0.50, 0.60)', '2.71', '8.50', '1.00'],
    ['rf/mode(1.29)', '2.75', '3.25', '3.00'],
    ['eps/linear', '2.88', '4.25', '2.75'],
    ['rf/cosmap', '4.13', '3.75', '4.00'],
    ['edm(0.00, 0.60)', '5.63', '13.25', '3.25'],
    ['rf', '5.67', '6.50', '5.75'],
    ['v/cos', '9.17', '12.25', '8.75'],
    ['edm(-1.20, 1.20)', '15.58', '20.25', '15.00'],
  ],
  geneval: {
    depth18: '0.58',
    depth24: '0.62',
    depth30: '0.64',
    depth38: '0.68',
    depth38Dpo512: '0.71',
    depth38Dpo1024: '0.74',
    dalle3: '0.67',
    sdxl: '0.55',
  },
});

/**
 * Every derived number the article prints outside the toy and QK experiments, formatted as it
 * appears in the text. The test checks each against an independent closed form and that the
 * article contains it.
 */
export function sd3Numbers(): Record<string, string> {
  const p = SD3_REPORTED.textEncoderDropRate;
  const alpha = 3;
  const modePeak = (s: number) => 1 / (1 + s - (s * Math.PI) / 2);
  const sMode = PAPER_MODE_SCALE;
  const steps = 28;
  const ours = timeGrid(steps, alpha);
  const reference = referenceSamplingGrid(steps, alpha);
  const grid = positionGrid(1024, 1536);
  const square = centerCrop(grid, 64);
  const narrow = centerCrop(grid, 40);
  const wide = logitNormalModes(0, 2.2);
  const ratio = rfOverEdmWeightRange();
  return {
    modeScaleMax: formatFixed(MODE_SCALE_MAX, 4),
    modeScale129: formatFixed(sMode, 4),
    modeScaleStep: formatFixed((1.75 - -1) / 6, 4),
    modePeak129: formatFixed(modePeak(sMode), 2),
    modeEnd129: formatFixed(1 / (1 + sMode), 2),
    modePeak175: formatFixed(modePeak(1.75), 0),
    logitNormalPeak: formatFixed(logitNormalDensity(0.5, 0, 1), 4),
    bimodalScale: formatFixed(logitNormalBimodalThreshold(0), 3),
    bimodalScaleM1: formatFixed(logitNormalBimodalThreshold(1), 2),
    wideModeLow: formatFixed(wide[0]?.t ?? Number.NaN, 4),
    wideModeHigh: formatFixed(wide[1]?.t ?? Number.NaN, 4),
    wideModePeak: formatFixed(wide[0]?.value ?? Number.NaN, 2),
    endMass1: formatFixed(100 * logitNormalEndMass(0, 1, 0.05), 1),
    endMass22: formatFixed(100 * logitNormalEndMass(0, 2.2, 0.05), 0),
    weightRatioMin: formatFixed(ratio.min, 2),
    weightRatioMax: formatFixed(ratio.max, 2),
    weightRatioSpread: formatFixed(ratio.max / ratio.min, 0),
    cosRfScaleMax: formatFixed(cosineOverRfScale(0), 3),
    cosMapPeak: formatFixed(cosMapDensity(0.5), 4),
    cosMapEnd: formatFixed(cosMapDensity(0), 4),
    shift01: formatFixed(shiftTimestep(0.1, alpha), 4),
    shift025: formatFixed(shiftTimestep(0.25, alpha), 4),
    shift05: formatFixed(shiftTimestep(0.5, alpha), 4),
    shift075: formatFixed(shiftTimestep(0.75, alpha), 4),
    shift09: formatFixed(shiftTimestep(0.9, alpha), 4),
    logSnrShift: formatFixed(2 * Math.log(alpha), 4),
    logitShift: formatFixed(Math.log(alpha), 4),
    logitShiftShort: formatFixed(Math.log(alpha), 2),
    shift256to1024: formatFixed(resolutionShift(256 * 256, 1024 * 1024), 1),
    dropAll: formatFixed(100 * p ** 3, 1),
    dropNone: formatFixed(100 * (1 - p) ** 3, 1),
    dropT5Only: formatFixed(100 * p * (1 - p) ** 2, 1),
    hidden24: String(mmditHiddenSize(24)),
    hidden38: String(mmditHiddenSize(38)),
    params24: formatFixed(mmditBlockParameters(24) / 1e9, 2),
    params38: formatFixed(mmditBlockParameters(38) / 1e9, 2),
    overcount24: formatFixed(mmditLastBlockOvercount(24) / 1e9, 2),
    overcount38: formatFixed(mmditLastBlockOvercount(38) / 1e9, 2),
    tokens1024: String(imageTokens(1024, 1024)),
    tokens256: String(imageTokens(256, 256)),
    textTokensPaper: String(textTokens(TEXT_TOKENS.t5Paper)),
    textTokensDiffusers: String(textTokens(TEXT_TOKENS.t5Diffusers)),
    t5TokensDiffusers: String(TEXT_TOKENS.t5Diffusers),
    tokensJoint1024: String(imageTokens(1024, 1024) + textTokens(TEXT_TOKENS.t5Paper)),
    tokensJointDiffusers1024: String(imageTokens(1024, 1024) + textTokens(TEXT_TOKENS.t5Diffusers)),
    samplingSteps: String(steps),
    gridOursPenultimate: formatFixed(ours[steps - 2] ?? Number.NaN, 4),
    gridOursLast: formatFixed(ours[steps - 1] ?? Number.NaN, 4),
    gridRefPenultimate: formatFixed(reference[steps - 2] ?? Number.NaN, 4),
    gridRefLast: formatFixed(reference[steps - 1] ?? Number.NaN, 4),
    gridRefSigmaMin: formatFixed(shiftTimestep(1 / 1000, alpha), 4),
    compression16: String((8 * 8 * 3) / 16),
    compression4: String((8 * 8 * 3) / 4),
    gridFirst: formatSigned(grid[0] ?? Number.NaN, 2),
    gridLast: formatFixed(grid[grid.length - 1] ?? Number.NaN, 2),
    squareFirst: formatFixed(square[0] ?? Number.NaN, 2),
    squareLast: formatFixed(square[square.length - 1] ?? Number.NaN, 2),
    narrowFirst: formatFixed(narrow[0] ?? Number.NaN, 2),
    narrowLast: formatFixed(narrow[narrow.length - 1] ?? Number.NaN, 2),
    qkBound: formatFixed(Math.sqrt(64), 0),
    vCosRatio: formatFixed(Math.PI / 2, 4),
  };
}

/** Location and height of the maximum of a density on (0, 1), by a grid search with step 1e-4. */
export function densityPeak(density: (t: number) => number): { t: number; value: number } {
  let best = { t: 0, value: Number.NEGATIVE_INFINITY };
  for (let i = 1; i < 10000; i++) {
    const t = i / 10000;
    const value = density(t);
    if (value > best.value) best = { t, value };
  }
  return best;
}

/**
 * The numbers the figures' captions and alt texts state (peaks, end values, grid sizes), so that
 * what a screen-reader user hears is the same as what the SVG draws.
 */
export function figureFacts(): Record<string, string> {
  const ln01 = densityPeak((t) => logitNormalDensity(t, 0, 1));
  const ln106 = densityPeak((t) => logitNormalDensity(t, 1, 0.6));
  const lnm05 = densityPeak((t) => logitNormalDensity(t, -0.5, 1));
  const shifted = densityPeak((t) => logitNormalDensity(t, Math.log(3), 1));
  const point = ([x, y]: Vec2) => `(${formatSigned(x, 1)}, ${formatSigned(y, 1)})`;
  const misses = pathsDemoCosineMisses().map((m) => m.miss);
  return {
    ln01Peak: formatFixed(ln01.value, 2),
    ln106Peak: formatFixed(ln106.value, 2),
    ln106At: formatFixed(ln106.t, 2),
    lnm05Peak: formatFixed(lnm05.value, 2),
    lnm05At: formatFixed(lnm05.t, 2),
    mode129Scale: formatFixed(PAPER_MODE_SCALE, 4),
    mode129Peak: formatFixed(modeDensity(0.5, PAPER_MODE_SCALE), 2),
    mode129End: formatFixed(modeDensity(0, PAPER_MODE_SCALE), 2),
    modeM05Mid: formatFixed(modeDensity(0.5, -0.5), 2),
    modeM05End: formatFixed(modeDensity(0, -0.5), 2),
    cosMapMid: formatFixed(cosMapDensity(0.5), 2),
    cosMapEnd: formatFixed(cosMapDensity(0), 2),
    shiftedPeak: formatFixed(shifted.value, 2),
    shiftedAt: formatFixed(shifted.t, 2),
    shiftHalf: formatFixed(shiftTimestep(0.5, 3), 2),
    gridTicks: String(timeGrid(10).length),
    cosMissMin: formatFixed(Math.min(...misses), 2),
    cosMissMax: formatFixed(Math.max(...misses), 2),
    data0: point(TOY_DATA[0] ?? [0, 0]),
    data1: point(TOY_DATA[1] ?? [0, 0]),
    data2: point(TOY_DATA[2] ?? [0, 0]),
  };
}
