/**
 * The size of the weights under weight decay, for the Adam/AdamW article.
 *
 * Two questions: what norm does AdamW's decay hold a weight vector at when the
 * updates are mostly noise, and what does weight decay do to a weight that
 * feeds a normalisation layer, whose loss does not depend on its norm at all?
 * The answers are balances between the decay, which removes a fraction ηλ of
 * ‖θ‖² twice over per step, and the updates, which add their own squared
 * length. The simulations here run the real update rules (`adamwStep`, plain
 * SGD) on seeded noise, so the article's equilibrium formulas and the figure
 * are checked against what the optimisers actually do.
 */
import { ADAM_DEFAULTS, adamStep, formatFixed, initAdamState } from './optimizers';
import { mulberry32, normalSampler, rademacher } from './random';

/**
 * What drives the updates in a simulation. `noise`: the loss is flat and
 * every gradient coordinate is an independent random sign ±1, unrelated to θ
 * (the random-walk model; with g² = 1 exactly, AdamW's bias-corrected v̂ is
 * exactly 1, so the update is m̂ itself and the model's formulas apply without
 * a fluctuating denominator). `scale-invariant`: the minibatch loss is
 * fₜ(w) = −zₜ·w/‖w‖ with zₜ ~ N(0, I), a loss that depends on w only through
 * its direction, as a weight feeding a normalisation layer does; its
 * gradient −(I − ŵŵᵀ)zₜ/‖w‖ is orthogonal to w and shrinks as 1/‖w‖.
 */
export type NormGradient = 'noise' | 'scale-invariant';

/** Settings of one simulation; PyTorch's names where there is one. */
export interface NormRunOptions {
  readonly optimizer: 'adamw' | 'sgd';
  readonly gradient: NormGradient;
  /** Number of coordinates d. */
  readonly dim: number;
  readonly lr: number;
  readonly weightDecay: number;
  readonly steps: number;
  /** RMS ‖θ₀‖/√d of the starting point (a seeded random direction); 0 starts at the origin. */
  readonly initialRms: number;
  readonly seed: number;
  /** β₁ for AdamW (default 0.9); SGD here has no momentum. */
  readonly beta1?: number;
  /** Record the RMS every `record` steps (default 20). */
  readonly record?: number;
  /** Steps from which the tail averages are taken (default: the last third). */
  readonly tailFrom?: number;
}

/** What a simulation reports: a sampled RMS curve and averages over its tail. */
export interface NormRun {
  /** Step numbers of the recorded points, starting with 0. */
  readonly steps: number[];
  /** ‖θₜ‖/√d at those steps. */
  readonly rms: number[];
  /** √(mean of ‖θₜ‖²/d over the tail): the equilibrium RMS. */
  readonly tailRms: number;
  /** Mean angle (radians) between θₜ₋₁ and θₜ over the tail: the angular update. */
  readonly tailAngle: number;
}

function norm(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] ?? 0;
    s += x * x;
  }
  return Math.sqrt(s);
}

/** Angle between two non-zero vectors, computed as 2·asin(‖â − b̂‖/2), accurate for small angles. */
function angleBetween(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = norm(a);
  const nb = norm(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) / na - (b[i] ?? 0) / nb;
    s += d * d;
  }
  return 2 * Math.asin(Math.min(1, Math.sqrt(s) / 2));
}

/**
 * Gradient of the scale-invariant minibatch loss f(w) = −z·w/‖w‖ (a loss that
 * sees only the direction of w, like a weight feeding BatchNorm or LayerNorm):
 * ∇f(w) = −(I − ŵŵᵀ)z/‖w‖ = −(z − (z·w)w/‖w‖²)/‖w‖. Orthogonal to w, and
 * ∇f(cw) = ∇f(w)/c. A test checks it against finite differences of the loss.
 */
export function scaleInvariantGradient(w: ArrayLike<number>, z: ArrayLike<number>): number[] {
  const n = norm(w);
  if (!(n > 0)) throw new RangeError('the gradient of a scale-invariant loss is undefined at w = 0');
  let dot = 0;
  for (let i = 0; i < w.length; i++) dot += (z[i] ?? 0) * (w[i] ?? 0);
  return Array.from({ length: w.length }, (_, i) => -((z[i] ?? 0) - (dot * (w[i] ?? 0)) / (n * n)) / n);
}

/**
 * A short deterministic run on the scale-invariant loss with a fixed seed for
 * z, returning every iterate. `lr` may depend on the step t (1-based), which
 * the article's "exponential learning rate" equivalence needs. SGD is
 * w ← (1 − ηλ)w − η∇f; Adam is `adamStep` with L2 coefficient `weightDecay`
 * (0 by default) and the given ε. It exists for the exact equivalences the
 * article states: (w₀, η) and (cw₀, c²η) for SGD, (w₀, η) and (cw₀, cη) for Adam.
 */
export function runScaleInvariant(o: {
  readonly optimizer: 'sgd' | 'adam';
  readonly w0: readonly number[];
  readonly lr: number | ((t: number) => number);
  readonly steps: number;
  readonly seed: number;
  readonly weightDecay?: number;
  readonly eps?: number;
}): number[][] {
  const normal = normalSampler(mulberry32(o.seed));
  const lrAt = typeof o.lr === 'number' ? (): number => o.lr as number : o.lr;
  const weightDecay = o.weightDecay ?? 0;
  let w = o.w0.slice();
  let state = initAdamState(w.length);
  const out = [w.slice()];
  for (let t = 1; t <= o.steps; t++) {
    const z = w.map(() => normal());
    const g = scaleInvariantGradient(w, z);
    const lr = lrAt(t);
    if (o.optimizer === 'sgd') {
      w = w.map((x, i) => (1 - lr * weightDecay) * x - lr * (g[i] ?? 0));
    } else {
      const r = adamStep(w, g, state, { lr, weightDecay, eps: o.eps ?? ADAM_DEFAULTS.eps });
      w = r.params;
      state = r.state;
    }
    out.push(w.slice());
  }
  return out;
}

/**
 * One AdamW step in place, on Float64Arrays, with exactly the arithmetic of
 * `adamwStep` (PyTorch's order: decay, moments, bias correction, step), so a
 * simulation of thousands of steps on a thousand coordinates allocates nothing.
 * A test checks it against `adamwStep` number for number.
 */
export function adamwStepInPlace(
  theta: Float64Array,
  grad: ArrayLike<number>,
  m: Float64Array,
  v: Float64Array,
  t: number,
  lr: number,
  weightDecay: number,
  beta1: number = ADAM_DEFAULTS.beta1,
  beta2: number = ADAM_DEFAULTS.beta2,
  eps: number = ADAM_DEFAULTS.eps,
): void {
  const stepSize = lr / (1 - beta1 ** t);
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
  for (let i = 0; i < theta.length; i++) {
    let p = theta[i] ?? 0;
    const g = grad[i] ?? 0;
    if (weightDecay !== 0) p *= 1 - lr * weightDecay;
    const mi = beta1 * (m[i] ?? 0) + (1 - beta1) * g;
    const vi = beta2 * (v[i] ?? 0) + (1 - beta2) * g * g;
    const denom = Math.sqrt(vi) / biasCorrection2Sqrt + eps;
    theta[i] = p - (stepSize * mi) / denom;
    m[i] = mi;
    v[i] = vi;
  }
}

/**
 * Run one seeded simulation of `NormRunOptions`. AdamW steps use
 * `adamwStepInPlace` (the arithmetic of `adamwStep`); SGD is
 * θ ← (1 − ηλ)θ − ηg, which for SGD is both L2 and decoupled decay.
 */
export function simulateWeightNorm(o: NormRunOptions): NormRun {
  const { dim, lr, weightDecay, steps, initialRms } = o;
  if (!(Number.isInteger(dim) && dim > 1)) throw new RangeError(`dim must be an integer > 1, got ${dim}`);
  if (o.gradient === 'scale-invariant' && !(initialRms > 0)) {
    throw new RangeError('a scale-invariant loss needs a non-zero starting point');
  }
  const uniform = mulberry32(o.seed);
  const normal = normalSampler(uniform);
  const record = o.record ?? 20;
  const tailFrom = o.tailFrom ?? Math.floor((2 * steps) / 3);
  const beta1 = o.beta1 ?? ADAM_DEFAULTS.beta1;

  const theta = new Float64Array(dim);
  for (let i = 0; i < dim; i++) theta[i] = normal();
  const scale = initialRms === 0 ? 0 : (initialRms * Math.sqrt(dim)) / norm(theta);
  for (let i = 0; i < dim; i++) theta[i] = (theta[i] ?? 0) * scale;
  const previous = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);

  const stepsOut = [0];
  const rms = [norm(theta) / Math.sqrt(dim)];
  let tailSquare = 0;
  let tailAngle = 0;
  let tailCount = 0;
  for (let t = 1; t <= steps; t++) {
    if (o.gradient === 'noise') {
      for (let i = 0; i < dim; i++) grad[i] = rademacher(uniform);
    } else {
      for (let i = 0; i < dim; i++) grad[i] = normal();
      grad.set(scaleInvariantGradient(theta, grad));
    }
    previous.set(theta);
    if (o.optimizer === 'adamw') {
      adamwStepInPlace(theta, grad, m, v, t, lr, weightDecay, beta1);
    } else {
      for (let i = 0; i < dim; i++) theta[i] = (1 - lr * weightDecay) * (theta[i] ?? 0) - lr * (grad[i] ?? 0);
    }
    if (t >= tailFrom) {
      const n = norm(theta);
      tailSquare += (n * n) / dim;
      if (norm(previous) > 0) tailAngle += angleBetween(previous, theta);
      tailCount++;
    }
    if (t % record === 0) {
      stepsOut.push(t);
      rms.push(norm(theta) / Math.sqrt(dim));
    }
  }
  return {
    steps: stepsOut,
    rms,
    tailRms: Math.sqrt(tailSquare / tailCount),
    tailAngle: tailAngle / tailCount,
  };
}

/**
 * Leading-order equilibrium RMS of AdamW's weights when the updates are a
 * random walk: √(η/(2λ)) per coordinate, from balancing the growth η²·d per
 * step (long-run variance of the normalised update: 1 per coordinate) against
 * the loss 2ηλ‖θ‖² per step to the decay. It depends on η/λ, not on ηλ.
 */
export function adamwEquilibriumRms(lr: number, weightDecay: number): number {
  return Math.sqrt(lr / (2 * weightDecay));
}

/**
 * The same equilibrium without the leading-order approximations, for updates
 * q = m̂/√v̂ that are an EMA (β₁) of unit white noise (the article's q; with
 * random-sign gradients √v̂ = 1 exactly): with ρ = 1 − ηλ, θᵢ = −η Σₖ ρᵏ qₜ₋ₖ,ᵢ
 * gives E θᵢ² = η²/(1 − ρ²) · Σₕ ρ^|h| γ(h), γ(h) = (1 − β₁)/(1 + β₁) · β₁^|h|
 * the update's autocovariance, and the sum is
 * (1 − β₁)(1 + β₁ρ)/((1 + β₁)(1 − β₁ρ)). It tends to the long-run variance 1
 * as ρ → 1, which is why momentum does not change the leading-order result.
 */
export function adamwEquilibriumRmsExact(lr: number, weightDecay: number, beta1: number): number {
  const rho = 1 - lr * weightDecay;
  const momentum = ((1 - beta1) * (1 + beta1 * rho)) / ((1 + beta1) * (1 - beta1 * rho));
  return Math.sqrt(((lr * lr) / (1 - rho * rho)) * momentum);
}

/**
 * How the growth of E‖θ‖² per step splits at AdamW's equilibrium in the
 * random-walk model, per coordinate (same assumptions as
 * `adamwEquilibriumRmsExact`): the update's own term η²E[qᵢ²] =
 * η²(1 − β₁)/(1 + β₁), and the cross term −2ρη E[θₜ₋₁,ᵢ qₜ,ᵢ] =
 * 2ρη² Σ_{k≥0} ρᵏ γ(k + 1) = 2ρη²·(1 − β₁)/(1 + β₁)·β₁/(1 − β₁ρ), which is
 * zero without momentum. Their sum is (1 − ρ²)·E θᵢ². It exists because the
 * article says momentum makes the cross term of the norm recursion non-zero
 * and that it then supplies most of the growth.
 */
export function adamwEquilibriumGrowth(
  lr: number,
  weightDecay: number,
  beta1: number,
): { readonly update: number; readonly cross: number } {
  const rho = 1 - lr * weightDecay;
  const variance = (1 - beta1) / (1 + beta1);
  return {
    update: lr * lr * variance,
    cross: (2 * rho * lr * lr * variance * beta1) / (1 - beta1 * rho),
  };
}

/**
 * Angular update per step at AdamW's equilibrium: one step has length
 * η·√(d(1 − β₁)/(1 + β₁)) (the per-step variance of an EMA of white noise),
 * the weights have norm √(ηd/(2λ)), so the angle is
 * √(2ηλ)·√((1 − β₁)/(1 + β₁)). Only the product ηλ survives.
 */
export function adamwEquilibriumAngle(lr: number, weightDecay: number, beta1: number): number {
  return Math.sqrt(2 * lr * weightDecay) * Math.sqrt((1 - beta1) / (1 + beta1));
}

/**
 * Equilibrium norm of plain SGD with weight decay on the `scale-invariant`
 * loss: the gradient is orthogonal to w with squared length ‖Pz‖²/‖w‖²
 * (mean d − 1), so ‖w‖² gains η²(d − 1)/‖w‖² per step and loses about
 * 2ηλ‖w‖²; the balance is ‖w‖⁴ = η(d − 1)/(2λ). The angular update at that
 * norm is η√(d − 1)/‖w‖² = √(2ηλ).
 */
export function sgdScaleInvariantEquilibriumNorm(lr: number, weightDecay: number, dim: number): number {
  return ((lr * (dim - 1)) / (2 * weightDecay)) ** 0.25;
}

/** Settings of the figure's three AdamW runs (random-walk model, d = 512). */
export const WEIGHT_NORM_DEMO = Object.freeze({
  dim: 512,
  steps: 6000,
  record: 20,
  runs: [
    { id: 'a', lr: 0.01, weightDecay: 0.1, initialRms: 0, seed: 11 },
    { id: 'b', lr: 0.01, weightDecay: 0.1, initialRms: 0.6, seed: 12 },
    { id: 'c', lr: 0.02, weightDecay: 0.05, initialRms: 0, seed: 13 },
  ],
} as const);

/** One run of the figure, with the curve the random-walk model predicts for it. */
export interface WeightNormSeries {
  readonly id: string;
  readonly lr: number;
  readonly weightDecay: number;
  readonly initialRms: number;
  readonly run: NormRun;
  /** √(η/(2λ)). */
  readonly equilibrium: number;
  /** Predicted RMS at each recorded step: √(e² + (r₀² − e²)(1 − ηλ)^{2t}), e the exact equilibrium. */
  readonly predicted: number[];
  /** 1/(ηλ), the decay's time constant in steps. */
  readonly timescale: number;
}

let cachedDemo: { series: WeightNormSeries[]; printed: Record<string, string> } | undefined;

/**
 * The figure's data: three seeded AdamW runs in the random-walk model and
 * their predicted curves. Two share (η, λ) = (0.01, 0.1) and start at RMS 0
 * and 0.6; the third has (0.02, 0.05): the same ηλ, hence the same time
 * constant 1/(ηλ) = 1000 steps, but four times η/λ, hence twice the RMS.
 * Computed once per process (it runs 18 000 AdamW steps on 512 coordinates).
 */
export function weightNormDemo(): { series: WeightNormSeries[]; printed: Record<string, string> } {
  if (cachedDemo) return cachedDemo;
  const { dim, steps, record, runs } = WEIGHT_NORM_DEMO;
  const beta1 = ADAM_DEFAULTS.beta1;
  const series = runs.map((r): WeightNormSeries => {
    const run = simulateWeightNorm({
      optimizer: 'adamw',
      gradient: 'noise',
      dim,
      lr: r.lr,
      weightDecay: r.weightDecay,
      steps,
      initialRms: r.initialRms,
      seed: r.seed,
      record,
    });
    const e = adamwEquilibriumRmsExact(r.lr, r.weightDecay, beta1);
    const rho = 1 - r.lr * r.weightDecay;
    const predicted = run.steps.map((t) => Math.sqrt(e * e + (r.initialRms ** 2 - e * e) * rho ** (2 * t)));
    return {
      id: r.id,
      lr: r.lr,
      weightDecay: r.weightDecay,
      initialRms: r.initialRms,
      run,
      equilibrium: adamwEquilibriumRms(r.lr, r.weightDecay),
      predicted,
      timescale: 1 / (r.lr * r.weightDecay),
    };
  });
  const [a, b, c] = series;
  if (!a || !b || !c) throw new Error('expected three runs');
  // Largest relative gap between a run's tail RMS and the leading-order √(η/(2λ)).
  const maxTailDeviation = Math.max(...series.map((s) => Math.abs(s.run.tailRms / s.equilibrium - 1)));
  const printed: Record<string, string> = {
    dim: String(dim),
    steps: String(steps),
    beta1: String(beta1),
    lrA: String(a.lr),
    weightDecayA: String(a.weightDecay),
    lrC: String(c.lr),
    weightDecayC: String(c.weightDecay),
    initialRmsB: String(b.initialRms),
    timescale: String(Math.round(a.timescale)),
    equilibriumA: formatFixed(a.equilibrium, 3),
    equilibriumC: formatFixed(c.equilibrium, 3),
    tailA: formatFixed(a.run.tailRms, 3),
    tailB: formatFixed(b.run.tailRms, 3),
    tailC: formatFixed(c.run.tailRms, 3),
    maxTailDeviation: `${Math.ceil(100 * maxTailDeviation)}%`,
  };
  cachedDemo = { series, printed };
  return cachedDemo;
}

/**
 * The equilibrium numbers the article quotes for a typical large-model setting,
 * η = 3e-4 and λ = 0.1 (PyTorch's parameterisation): weight RMS √(η/(2λ)),
 * time constant 1/(ηλ), and the angular update per step without momentum,
 * √(2ηλ), and with β₁ = 0.9, √(2ηλ(1 − β₁)/(1 + β₁)). Also the share
 * 1 − e⁻² of the equilibrium E‖θ‖² reached from θ₀ = 0 after one time
 * constant (the squared norm relaxes as ρ^{2t} ≈ e^{−2ηλt}), and the share
 * 2β₁/(1 + β₁) of the equilibrium growth that the cross term supplies with
 * β₁ = 0.9 as ηλ → 0 (`adamwEquilibriumGrowth`).
 */
export function weightNormExamples(): Readonly<Record<string, string>> {
  const lr = 3e-4;
  const weightDecay = 0.1;
  return {
    typicalRms: formatFixed(adamwEquilibriumRms(lr, weightDecay), 4),
    typicalAngle: formatFixed(adamwEquilibriumAngle(lr, weightDecay, 0), 5),
    typicalAngleMomentum: formatFixed(adamwEquilibriumAngle(lr, weightDecay, ADAM_DEFAULTS.beta1), 5),
    momentumFactor: formatFixed(Math.sqrt((1 - ADAM_DEFAULTS.beta1) / (1 + ADAM_DEFAULTS.beta1)), 3),
    relaxedShare: `${formatFixed(100 * (1 - Math.exp(-2)), 0)}\\%`,
    crossShare: `${formatFixed((100 * 2 * ADAM_DEFAULTS.beta1) / (1 + ADAM_DEFAULTS.beta1), 0)}%`,
  };
}
