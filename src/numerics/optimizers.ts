/**
 * Reference implementations of Adam and AdamW on plain arrays of numbers.
 *
 * The article on Adam/AdamW quotes concrete numbers and draws a figure. Both
 * are produced here, at build time, from the same few lines of arithmetic, so
 * that the text, the figure and the tests cannot drift apart. The update rules
 * follow PyTorch's single-tensor code path step by step (`torch.optim.Adam`
 * with `weight_decay`, and `torch.optim.AdamW`, which in current PyTorch is
 * `Adam` with `decoupled_weight_decay=True`).
 */
import { at } from './arrays';

/**
 * Hyper-parameters of one Adam/AdamW update, named after PyTorch's arguments
 * so code and article can be read side by side with `torch.optim`.
 */
export interface AdamOptions {
  /** Learning rate η (`lr`). */
  readonly lr: number;
  /** Decay rate of the first-moment average, β₁ (`betas[0]`). */
  readonly beta1: number;
  /** Decay rate of the second-moment average, β₂ (`betas[1]`). */
  readonly beta2: number;
  /** ε, added to √v̂ in the denominator (`eps`). */
  readonly eps: number;
  /** λ (`weight_decay`): L2 coefficient for Adam, decay coefficient for AdamW. */
  readonly weightDecay: number;
  /** Use the AMSGrad variant (`amsgrad`): normalise by the running maximum of v. */
  readonly amsgrad: boolean;
}

/**
 * Options a caller may leave out; missing ones take the PyTorch defaults, so a
 * call reads like the corresponding `torch.optim` constructor call.
 */
export type AdamOptionsInput = Partial<AdamOptions>;

/**
 * PyTorch's defaults for `torch.optim.Adam`: lr=1e-3, betas=(0.9, 0.999),
 * eps=1e-8, weight_decay=0, amsgrad=False. Exported so the article's claims
 * about defaults are pinned by a test.
 */
export const ADAM_DEFAULTS: AdamOptions = Object.freeze({
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
});

/**
 * PyTorch's defaults for `torch.optim.AdamW`: identical to Adam's except
 * weight_decay=1e-2. The differing default is a frequent source of confusion
 * when switching between the two classes, hence its own constant.
 */
export const ADAMW_DEFAULTS: AdamOptions = Object.freeze({
  ...ADAM_DEFAULTS,
  weightDecay: 1e-2,
});

/**
 * Optimiser state for one parameter vector: the step counter t and the two
 * exponential moving averages (PyTorch's `step`, `exp_avg`, `exp_avg_sq`,
 * and `max_exp_avg_sq` when AMSGrad is on). Kept separate from the
 * parameters, as in PyTorch's `state_dict()`, so a step is a pure function.
 */
export interface AdamState {
  readonly step: number;
  readonly m: readonly number[];
  readonly v: readonly number[];
  readonly vMax: readonly number[];
}

/**
 * Result of one update: the new parameters and the new state. Returning both,
 * instead of mutating, keeps every step a pure, testable function.
 */
export interface StepResult {
  readonly params: number[];
  readonly state: AdamState;
}

/**
 * Fresh state for a vector of `dim` parameters: t = 0 and m₀ = v₀ = 0. The
 * zero initialisation is what makes the bias correction necessary.
 */
export function initAdamState(dim: number): AdamState {
  if (!Number.isInteger(dim) || dim < 0) {
    throw new RangeError(`dimension must be a non-negative integer, got ${dim}`);
  }
  const zeros = (): number[] => new Array<number>(dim).fill(0);
  return { step: 0, m: zeros(), v: zeros(), vMax: zeros() };
}

function resolve(defaults: AdamOptions, input: AdamOptionsInput): AdamOptions {
  const o: AdamOptions = { ...defaults, ...input };
  if (!(o.lr >= 0)) throw new RangeError(`invalid learning rate: ${o.lr}`);
  if (!(o.eps >= 0)) throw new RangeError(`invalid epsilon: ${o.eps}`);
  if (!(o.beta1 >= 0 && o.beta1 < 1)) throw new RangeError(`invalid beta1: ${o.beta1}`);
  if (!(o.beta2 >= 0 && o.beta2 < 1)) throw new RangeError(`invalid beta2: ${o.beta2}`);
  if (!(o.weightDecay >= 0)) throw new RangeError(`invalid weight decay: ${o.weightDecay}`);
  return o;
}

/**
 * The shared body of both optimisers, in the order of PyTorch's
 * `_single_tensor_adam`: count the step; apply weight decay (decoupled:
 * θ ← (1 − ηλ)θ; coupled: g ← g + λθ); update m and v; divide by the bias
 * corrections; take the step θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
 */
function step(
  params: ArrayLike<number>,
  grad: ArrayLike<number>,
  state: AdamState,
  o: AdamOptions,
  decoupled: boolean,
): StepResult {
  const n = params.length;
  if (grad.length !== n || state.m.length !== n || state.v.length !== n) {
    throw new RangeError(`length mismatch: params ${n}, grad ${grad.length}, state ${state.m.length}`);
  }
  // #region adam-step
  const t = state.step + 1;
  const biasCorrection1 = 1 - o.beta1 ** t;
  const biasCorrection2 = 1 - o.beta2 ** t;
  const stepSize = o.lr / biasCorrection1;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);

  const next: number[] = new Array<number>(n);
  const m: number[] = new Array<number>(n);
  const v: number[] = new Array<number>(n);
  const vMax: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let p = at(params, i);
    let g = at(grad, i);
    if (o.weightDecay !== 0) {
      if (decoupled) {
        p *= 1 - o.lr * o.weightDecay; // AdamW: shrink θ itself, outside the moments
      } else {
        g += o.weightDecay * p; // Adam + L2: λθ joins the gradient, so m and v see it
      }
    }
    const mi = o.beta1 * at(state.m, i) + (1 - o.beta1) * g; // first moment
    const vi = o.beta2 * at(state.v, i) + (1 - o.beta2) * g * g; // second moment
    const vMaxPrev = state.vMax[i] ?? 0;
    const vMaxi = o.amsgrad ? Math.max(vMaxPrev, vi) : vMaxPrev;
    const denom = Math.sqrt(o.amsgrad ? vMaxi : vi) / biasCorrection2Sqrt + o.eps;
    next[i] = p - (stepSize * mi) / denom;
    m[i] = mi;
    v[i] = vi;
    vMax[i] = vMaxi;
  }
  // #endregion adam-step
  return { params: next, state: { step: t, m, v, vMax } };
}

/**
 * One step of Adam as `torch.optim.Adam` computes it. A non-zero
 * `weightDecay` is classic L2 regularisation: λθ is added to the gradient
 * *before* the moments, so it is later divided by √v̂ like the rest of the
 * gradient. This is the behaviour the article contrasts with AdamW.
 */
export function adamStep(
  params: ArrayLike<number>,
  grad: ArrayLike<number>,
  state: AdamState,
  options: AdamOptionsInput = {},
): StepResult {
  return step(params, grad, state, resolve(ADAM_DEFAULTS, options), false);
}

/**
 * One step of AdamW as `torch.optim.AdamW` computes it: θ ← θ − ηλθ first,
 * then the plain Adam step on the raw gradient. The decay never enters m or
 * v, so every coordinate shrinks by the same factor 1 − ηλ regardless of its
 * gradient history. Note PyTorch's default λ here is 1e-2, not 0.
 */
export function adamwStep(
  params: ArrayLike<number>,
  grad: ArrayLike<number>,
  state: AdamState,
  options: AdamOptionsInput = {},
): StepResult {
  return step(params, grad, state, resolve(ADAMW_DEFAULTS, options), true);
}

/** Which update rule `runOptimizer` applies; the figure runs both on one problem. */
export type OptimizerKind = 'adam' | 'adamw';

/**
 * A gradient oracle: given the current parameters and the 1-based step
 * number t, return ∇f. The step number lets a caller model minibatch noise
 * deterministically.
 */
export type GradientFn = (params: readonly number[], t: number) => ArrayLike<number>;

/**
 * A finished run: the whole trajectory (`steps + 1` points, starting with a
 * copy of the initial point) and the optimiser state after the last step.
 * The state is what explains where a run stopped (e.g. how large √v̂ still
 * is), so the article can quote it.
 */
export interface OptimizerRun {
  readonly trajectory: number[][];
  readonly state: AdamState;
}

/**
 * Run `steps` updates from `initial`, keeping the trajectory and the final
 * state. `runOptimizer` is the same without the state.
 */
export function runOptimizerWithState(
  kind: OptimizerKind,
  initial: ArrayLike<number>,
  gradient: GradientFn,
  steps: number,
  options: AdamOptionsInput = {},
): OptimizerRun {
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  }
  const update = kind === 'adamw' ? adamwStep : adamStep;
  let params: number[] = Array.from(initial);
  let state = initAdamState(params.length);
  const trajectory: number[][] = [params.slice()];
  for (let t = 1; t <= steps; t++) {
    const result = update(params, gradient(params, t), state, options);
    params = result.params;
    state = result.state;
    trajectory.push(params.slice());
  }
  return { trajectory, state };
}

/**
 * Run `steps` updates from `initial` and return the whole trajectory
 * (`steps + 1` points, starting with a copy of `initial`). This is what the
 * figure plots and what the tests use to compare the two update rules.
 */
export function runOptimizer(
  kind: OptimizerKind,
  initial: ArrayLike<number>,
  gradient: GradientFn,
  steps: number,
  options: AdamOptionsInput = {},
): number[][] {
  return runOptimizerWithState(kind, initial, gradient, steps, options).trajectory;
}

/**
 * Format a number with a fixed number of decimals, as the article prints it.
 * Tests use the same function, so a printed value and its check cannot differ.
 */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  // Avoid printing "-0.0000" for values that round to zero.
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * Format a positive number as LaTeX scientific notation, e.g.
 * `1.0\times 10^{-6}`, the way the article prints very small factors.
 */
export function formatSci(x: number, digits: number): string {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`expected a positive number, got ${x}`);
  let exponent = Math.floor(Math.log10(x));
  let mantissa = x / 10 ** exponent;
  if (Number(mantissa.toFixed(digits)) >= 10) {
    exponent += 1;
    mantissa /= 10;
  }
  return `${mantissa.toFixed(digits)}\\times 10^{${exponent}}`;
}

/**
 * Tight upper bound on |m̂ₜ / √v̂ₜ| over *all* gradient sequences (ε = 0).
 *
 * Writing m̂ₜ = Σ wᵢgᵢ and v̂ₜ = Σ ωᵢgᵢ² (the article's notation), Cauchy–Schwarz
 * gives |m̂ₜ| ≤ √(Σ wᵢ²/ωᵢ) · √v̂ₜ, with equality for gᵢ ∝ wᵢ/ωᵢ ∝ (β₂/β₁)^i.
 * It exists because the Adam paper's bound (1 − β₁)/√(1 − β₂) is a
 * heuristic for the sparse case, not a worst case; the article shows both.
 */
export function adamRatioBound(t: number, beta1: number, beta2: number): number {
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`t must be a positive integer, got ${t}`);
  let sum = 0;
  for (let k = 0; k < t; k++) {
    const w = ((1 - beta1) * beta1 ** k) / (1 - beta1 ** t);
    const omega = ((1 - beta2) * beta2 ** k) / (1 - beta2 ** t);
    sum += (w * w) / omega;
  }
  return Math.sqrt(sum);
}

/**
 * RMS length, in units of η, of Adam's t-th step after the state is reset
 * (m₀ = v₀ = 0, step count 0) when every gradient coordinate is an
 * independent random sign ±1. Then g² = 1, so v̂ₜ = 1 exactly and the step is
 * η·m̂ₜ = η·Σ wᵢgᵢ with wᵢ = (1 − β₁)β₁^(t−i)/(1 − β₁ᵗ); its mean square is
 * Σ wᵢ². It is 1 at t = 1 (the step is exactly η·sign(g)) and falls to
 * √((1 − β₁)/(1 + β₁)) as t grows. The article uses it to show that after
 * loading weights without the optimiser state, not only the first step but
 * the next few are much longer than the steps at convergence (ε neglected).
 */
export function freshStateStepRms(t: number, beta1: number): number {
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`t must be a positive integer, got ${t}`);
  let sum = 0;
  for (let k = 0; k < t; k++) {
    const w = ((1 - beta1) * beta1 ** k) / (1 - beta1 ** t);
    sum += w * w;
  }
  return Math.sqrt(sum);
}

/**
 * Every intermediate quantity of the article's worked example, kept as numbers
 * for the tests and as formatted strings (`printed`) for the text check.
 */
export interface WorkedExample {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly theta0: number;
  readonly grads: readonly [number, number];
  readonly m1: number;
  readonly v1: number;
  readonly mHat1: number;
  readonly vHat1: number;
  readonly theta1: number;
  /** Size of the first step if the bias corrections were omitted. */
  readonly uncorrectedStep1: number;
  readonly m2: number;
  readonly v2: number;
  readonly mHat2: number;
  readonly vHat2: number;
  readonly theta2: number;
  /** Per-step relative shrink under Adam+L2 for gradient RMS 10 and 0.01. */
  readonly l2ShrinkLarge: number;
  readonly l2ShrinkSmall: number;
  /** Per-step relative shrink under AdamW (the same for every coordinate). */
  readonly decoupledShrink: number;
  /** 1 − β₂ᵗ at t = 100 and t = 1000 (β₂ = 0.999). */
  readonly biasCorrection2At100: number;
  readonly biasCorrection2At1000: number;
  /** The paper's sparse-case factor (1 − β₁)/√(1 − β₂). */
  readonly sparseFactor: number;
  /** Limit t → ∞ of `adamRatioBound` for the default betas. */
  readonly strictBoundLimit: number;
  /** |Δₜ|/η actually reached at t = 2000 by gradients growing like (β₂/β₁)^t. */
  readonly growingGradStep2000: number;
  /** EMA timescale 1/(ηλ) in steps of AdamW's decay for η = 3e-4, λ = 0.1. */
  readonly decayTimescale: number;
  /** Ten steps with zero loss gradient from θ = 1 (λ = 0.1, η = 0.01). */
  readonly zeroGradAdamW10: number;
  readonly zeroGradAdamL2_10: number;
  /**
   * First t with β₁ᵗ < 1%: from then on the factor (1 − β₁)/(1 − β₁ᵗ) that
   * links m̂ₜ to the heavy-ball velocity is within 1% of its limit 1 − β₁.
   */
  readonly momentumSettleStep: number;
  /**
   * 1/√(1 − β₂ᵗ) at t = 1 and t = 1000: how much larger the ε of Algorithm 1
   * is than an "ε hat" of the same value placed after the efficient
   * reordering at the end of the paper's section 2 (TensorFlow 1.x, tf.keras).
   */
  readonly epsHatFactorStep1: number;
  readonly epsHatFactorStep1000: number;
  /** √ε for ε = 1e-8: the floor of √(v̂ + ε) when ε sits inside the root. */
  readonly epsInsideRootFloor: number;
  /**
   * AdamW (η = 0.1, λ = 0.1) on a parameter whose gradient is 1 at step 1 and
   * absent at step 2: its value after step 1, and after step 2 when the
   * gradient was zeroed instead of set to None (PyTorch before 2.0 zeroed by
   * default). A None gradient is skipped, so the value stays; a zero gradient
   * is decayed and still moved by the momentum m.
   */
  readonly unusedAfterStep1: number;
  readonly unusedZeroedStep2: number;
  /**
   * `freshStateStepRms` at steps 2 and 10 after a reset, and its limit
   * √((1 − β₁)/(1 + β₁)), the step RMS at convergence (β₁ = 0.9).
   */
  readonly freshStep2: number;
  readonly freshStep10: number;
  readonly freshStepLimit: number;
  /** The strings the article prints, keyed by quantity. */
  readonly printed: Readonly<Record<string, string>>;
}

/**
 * The numbers of the article's worked example, computed with `adamStep`.
 *
 * Part 1: one scalar parameter θ₀ = 1 receives the minibatch gradients
 * g₁ = 2 and g₂ = −1 with η = 0.1 and the default β₁, β₂, ε. Part 2: the
 * per-step shrink that L2 (through Adam) and decoupled decay apply to
 * coordinates whose gradient RMS is 10 and 0.01 (η = 1e-3, λ = 1e-2), and
 * ten steps of pure decay (zero loss gradient). Part 3: when the momentum
 * constant settles and how large ε effectively is in each placement. Part 4:
 * AdamW on a parameter left out of step 2. Part 5: how long the first steps
 * are after the optimiser state is reset. The `printed` map holds
 * each value formatted exactly as the article shows it; a test checks that
 * every one of those strings occurs in the article.
 */
export function adamWorkedExample(): WorkedExample {
  const lr = 0.1;
  const { beta1, beta2, eps } = ADAM_DEFAULTS;
  const theta0 = 1;
  const grads: [number, number] = [2, -1];
  const opts = { lr, beta1, beta2, eps };

  const s0 = initAdamState(1);
  const r1 = adamStep([theta0], [grads[0]], s0, opts);
  const r2 = adamStep(r1.params, [grads[1]], r1.state, opts);

  const m1 = at(r1.state.m, 0);
  const v1 = at(r1.state.v, 0);
  const m2 = at(r2.state.m, 0);
  const v2 = at(r2.state.v, 0);
  const mHat1 = m1 / (1 - beta1);
  const vHat1 = v1 / (1 - beta2);
  const mHat2 = m2 / (1 - beta1 ** 2);
  const vHat2 = v2 / (1 - beta2 ** 2);
  const theta1 = at(r1.params, 0);
  const theta2 = at(r2.params, 0);
  const uncorrectedStep1 = (lr * m1) / (Math.sqrt(v1) + eps);

  // Bias-correction factors and step-size bounds.
  const biasCorrection2At100 = 1 - beta2 ** 100;
  const biasCorrection2At1000 = 1 - beta2 ** 1000;
  const sparseFactor = (1 - beta1) / Math.sqrt(1 - beta2);
  const strictBoundLimit = sparseFactor / Math.sqrt(1 - (beta1 * beta1) / beta2);
  const growthSteps = 2000;
  const growing: GradientFn = (_params, t) => [(beta2 / beta1) ** t];
  const grown = runOptimizer('adam', [0], growing, growthSteps, { lr: 1, eps: 0 });
  const growingGradStep2000 = Math.abs(at(grown[growthSteps] ?? [], 0) - at(grown[growthSteps - 1] ?? [], 0));

  // Part 2: steady-state shrink factors, η = 1e-3, λ = 1e-2.
  const decayLr = 1e-3;
  const lambda = 1e-2;
  const rmsLarge = 10;
  const rmsSmall = 0.01;
  const l2ShrinkLarge = (decayLr * lambda) / (rmsLarge + eps);
  const l2ShrinkSmall = (decayLr * lambda) / (rmsSmall + eps);
  const decoupledShrink = decayLr * lambda;

  // Part 2a: how many steps AdamW's decay "remembers" at a typical LLM setting.
  const decayTimescale = 1 / (3e-4 * 0.1);

  // Part 2b: ten steps with a zero loss gradient, θ₀ = 1, η = 0.01, λ = 0.1.
  const zero = (): number[] => [0];
  const pureDecay = { lr: 0.01, weightDecay: 0.1 };
  const w = runOptimizer('adamw', [1], zero, 10, pureDecay);
  const l2 = runOptimizer('adam', [1], zero, 10, pureDecay);
  const zeroGradAdamW10 = at(w[10] ?? [], 0);
  const zeroGradAdamL2_10 = at(l2[10] ?? [], 0);

  // Part 3: when the momentum constant settles, and where ε sits.
  let momentumSettleStep = 1;
  while (beta1 ** momentumSettleStep >= 0.01) momentumSettleStep++;
  const epsHatFactorStep1 = 1 / Math.sqrt(1 - beta2);
  const epsHatFactorStep1000 = 1 / Math.sqrt(1 - beta2 ** 1000);
  const epsInsideRootFloor = Math.sqrt(eps);

  // Part 4: a parameter that takes no part in step 2 (gradient None vs zeroed).
  const unusedOpts = { lr: 0.1, weightDecay: 0.1 };
  const u1 = adamwStep([1], [1], initAdamState(1), unusedOpts);
  const u2 = adamwStep(u1.params, [0], u1.state, unusedOpts);
  const unusedAfterStep1 = at(u1.params, 0);
  const unusedZeroedStep2 = at(u2.params, 0);

  // Part 5: step lengths after the optimiser state is reset, random-sign gradients.
  const freshStep2 = freshStateStepRms(2, beta1);
  const freshStep10 = freshStateStepRms(10, beta1);
  const freshStepLimit = Math.sqrt((1 - beta1) / (1 + beta1));

  const printed: Record<string, string> = {
    m1: formatFixed(m1, 4),
    v1: formatFixed(v1, 4),
    mHat1: formatFixed(mHat1, 4),
    vHat1: formatFixed(vHat1, 4),
    theta1: formatFixed(theta1, 4),
    uncorrectedStep1: formatFixed(uncorrectedStep1, 4),
    m2: formatFixed(m2, 4),
    v2: formatFixed(v2, 6),
    mHat2: formatFixed(mHat2, 4),
    vHat2: formatFixed(vHat2, 4),
    sqrtVHat2: formatFixed(Math.sqrt(vHat2), 4),
    theta2: formatFixed(theta2, 4),
    step2: formatFixed(theta1 - theta2, 4),
    biasCorrection2At100: formatFixed(biasCorrection2At100, 4),
    biasCorrection2At1000: formatFixed(biasCorrection2At1000, 4),
    sparseFactor: formatFixed(sparseFactor, 2),
    strictBoundLimit: formatFixed(strictBoundLimit, 2),
    growingGradStep2000: formatFixed(growingGradStep2000, 2),
    growthPercent: `${formatFixed(100 * (beta2 / beta1 - 1), 0)}%`,
    sqrtOneMinusBeta2: formatFixed(Math.sqrt(1 - beta2), 4),
    l2ShrinkLarge: formatSci(l2ShrinkLarge, 1),
    l2ShrinkSmall: formatSci(l2ShrinkSmall, 1),
    decoupledShrink: formatSci(decoupledShrink, 1),
    decayTimescale: formatFixed(decayTimescale, 0),
    zeroGradAdamW10: formatFixed(zeroGradAdamW10, 6),
    zeroGradAdamL2_10: formatFixed(zeroGradAdamL2_10, 4),
    momentumSettleStep: String(momentumSettleStep),
    epsHatFactorStep1: formatFixed(epsHatFactorStep1, 1),
    epsHatFactorStep1000: formatFixed(epsHatFactorStep1000, 2),
    epsInsideRootFloor: `10^{${Math.round(Math.log10(epsInsideRootFloor))}}`,
    unusedAfterStep1: formatFixed(unusedAfterStep1, 4),
    unusedZeroedStep2: formatFixed(unusedZeroedStep2, 4),
    freshStep2: formatFixed(freshStep2, 3),
    freshStep10: formatFixed(freshStep10, 3),
    freshStepLimit: formatFixed(freshStepLimit, 3),
  };

  return {
    lr,
    beta1,
    beta2,
    theta0,
    grads,
    m1,
    v1,
    mHat1,
    vHat1,
    theta1,
    uncorrectedStep1,
    m2,
    v2,
    mHat2,
    vHat2,
    theta2,
    l2ShrinkLarge,
    l2ShrinkSmall,
    decoupledShrink,
    biasCorrection2At100,
    biasCorrection2At1000,
    sparseFactor,
    strictBoundLimit,
    growingGradStep2000,
    decayTimescale,
    zeroGradAdamW10,
    zeroGradAdamL2_10,
    momentumSettleStep,
    epsHatFactorStep1,
    epsHatFactorStep1000,
    epsInsideRootFloor,
    unusedAfterStep1,
    unusedZeroedStep2,
    freshStep2,
    freshStep10,
    freshStepLimit,
    printed,
  };
}

/**
 * A two-dimensional quadratic f(θ) = ½ Σᵢ aᵢ (θᵢ − θ⋆ᵢ)² whose gradient
 * carries a deterministic, sign-alternating "minibatch noise" ±σᵢ. The noise
 * makes √v̂ᵢ settle near σᵢ, as it does in real minibatch training, without
 * any random numbers: the figure must be byte-for-byte reproducible.
 */
export interface NoisyQuadratic {
  /** Curvatures aᵢ (the Hessian's diagonal). */
  readonly curvature: readonly [number, number];
  /** Minimiser θ⋆ of the unregularised loss. */
  readonly optimum: readonly [number, number];
  /** Noise amplitudes σᵢ: gᵢ(t) = aᵢ(θᵢ − θ⋆ᵢ) + σᵢ·(−1)^(t+1). */
  readonly noise: readonly [number, number];
}

/**
 * Gradient oracle of a `NoisyQuadratic`, for `runOptimizer`: the figure needs a
 * noisy gradient that is nonetheless identical on every build.
 */
export function noisyQuadraticGradient(problem: NoisyQuadratic): GradientFn {
  return (params, t) => {
    const sign = t % 2 === 1 ? 1 : -1;
    return [0, 1].map(
      (i) => at(problem.curvature, i) * (at(params, i) - at(problem.optimum, i)) + sign * at(problem.noise, i),
    );
  };
}

/**
 * Plain SGD with PyTorch's coupled `weight_decay` and no momentum
 * (`torch.optim.SGD(lr, weight_decay)`): θ ← θ − η(g + λθ). It is here to show
 * that Adam+L2 stops where SGD+L2 stops, at the minimiser of f + (λ/2)‖θ‖²:
 * the preconditioner changes the path, not the end point. Returns the
 * trajectory like `runOptimizer`.
 */
export function runSgd(
  initial: ArrayLike<number>,
  gradient: GradientFn,
  steps: number,
  lr: number,
  weightDecay: number,
): number[][] {
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  }
  let params: number[] = Array.from(initial);
  const trajectory: number[][] = [params.slice()];
  for (let t = 1; t <= steps; t++) {
    const g = gradient(params, t);
    params = params.map((p, i) => p - lr * (at(g, i) + weightDecay * p));
    trajectory.push(params.slice());
  }
  return trajectory;
}

/**
 * Setting of the article's figure. θ₁ has 16 times the curvature of θ₂, and
 * its noise is 16 times larger too (σᵢ = aᵢ), so its gradients are on a 16×
 * larger scale. λ = 0.25 is larger than in practice on purpose, to make the
 * effect visible; it equals a₂, which is why Adam+L2 halves θ₂.
 * `steps` = 6000 is six memory lengths 1/(1 − β₂) of v̂, long enough for the
 * end points to be the fixed points; `shortSteps` = 600 is shorter than one
 * memory length, and the article uses it to show what early gradients left in v̂.
 * `optimaForRatio` are the θ⋆ at which the article tabulates AdamW's retained
 * ratio when σ = a; `largeOptimum` and `largeNoise` are the two single changes
 * to θ₂ (θ⋆₂ → 10, σ₂ → 4) that show the ratio is not a constant.
 */
export const WEIGHT_DECAY_DEMO = Object.freeze({
  problem: {
    curvature: [4, 0.25],
    optimum: [2, 1.6],
    noise: [4, 0.25],
  } satisfies NoisyQuadratic,
  start: [-0.2, 2.4] as const,
  lr: 0.05,
  weightDecay: 0.25,
  steps: 6000,
  shortSteps: 600,
  optimaForRatio: [0.2, 2, 5, 10] as const,
  largeOptimum: 10,
  largeNoise: 4,
});

/**
 * Where a run ends: the mean of its last two points. The sign-alternating
 * noise makes every run settle on a two-step cycle around its fixed point
 * (about ±0.001 here), so the last point alone would depend on the parity of
 * the step count; the mean of one full cycle does not.
 */
export function endPoint(trajectory: readonly (readonly number[])[]): number[] {
  const a = trajectory[trajectory.length - 1];
  const b = trajectory[trajectory.length - 2];
  if (a === undefined || b === undefined) throw new RangeError('a trajectory needs at least two points');
  return a.map((x, i) => (x + at(b, i)) / 2);
}

/**
 * The fixed point θ̄ of AdamW on one coordinate of a `NoisyQuadratic`: where
 * the decay and the mean Adam step cancel, λθ̄ + ḡ/s = 0 (PyTorch's
 * parameterisation, ε neglected), with the mean gradient ḡ = a(θ̄ − θ⋆) and
 * the stationary √v̂, s = √(σ² + ḡ²): averaged over the two-step cycle,
 * (ḡ + σ)² and (ḡ − σ)² average to ḡ² + σ². The root of
 * a(θ − θ⋆) + λθ·√(σ² + a²(θ − θ⋆)²) = 0 in [0, θ⋆] (for θ⋆ > 0) is found
 * by bisection.
 *
 * It exists to show why AdamW's end points are not θ⋆/(1 + λσ/a): the mean
 * gradient that holds θ̄ away from θ⋆ also inflates v̂. Written as
 * λθ̄ = |ḡ|/√(σ² + ḡ²) < 1, it also shows that θ̄ never exceeds 1/λ.
 */
export function adamwFixedPoint(curvature: number, optimum: number, noise: number, weightDecay: number): number {
  if (!(curvature > 0 && optimum > 0 && noise >= 0 && weightDecay >= 0)) {
    throw new RangeError('expected a > 0, θ⋆ > 0, σ ≥ 0, λ ≥ 0');
  }
  const residual = (x: number): number =>
    curvature * (x - optimum) + weightDecay * x * Math.sqrt(noise ** 2 + (curvature * (x - optimum)) ** 2);
  let lo = 0;
  let hi = optimum;
  for (let k = 0; k < 200 && hi - lo > 1e-15; k++) {
    const mid = (lo + hi) / 2;
    if (residual(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The share κ = θ̄/θ⋆ of a coordinate that AdamW keeps at its fixed point.
 * Dividing the fixed-point equation by aθ⋆ gives
 * (κ − 1) + λθ⋆·κ·√((σ/(aθ⋆))² + (1 − κ)²) = 0, so κ depends on the
 * coordinate through two numbers, σ/(aθ⋆) and λθ⋆, and is the same for two
 * coordinates only by coincidence (the figure's two have σ = a and θ⋆ close).
 */
export function adamwRetainedRatio(curvature: number, optimum: number, noise: number, weightDecay: number): number {
  return adamwFixedPoint(curvature, optimum, noise, weightDecay) / optimum;
}

/**
 * Trajectories and summary numbers of the figure's three runs, shared by the
 * figure module and the tests so the caption's claims are checked.
 */
export interface WeightDecayDemo {
  readonly problem: NoisyQuadratic;
  /** Adam without any weight decay. */
  readonly adam: number[][];
  /** `torch.optim.Adam(weight_decay=λ)`: L2 through the preconditioner. */
  readonly adamL2: number[][];
  /** `torch.optim.AdamW(weight_decay=λ)`: decoupled decay. */
  readonly adamw: number[][];
  /** `endPoint` of each run. */
  readonly adamEnd: readonly number[];
  readonly adamL2End: readonly number[];
  readonly adamwEnd: readonly number[];
  /** `endPoint` of SGD + L2 (same η, λ, noise; not drawn): the same point as Adam+L2. */
  readonly sgdL2End: readonly number[];
  /** Minimiser of f + (λ/2)‖θ‖², where Adam+L2 must end up: aᵢθ⋆ᵢ/(aᵢ + λ). */
  readonly ridgeOptimum: readonly [number, number];
  /** `adamwFixedPoint` of each coordinate: where AdamW must end up. */
  readonly adamwFixedPoint: readonly [number, number];
  /** Stationary √v̂ at AdamW's fixed point, √(σᵢ² + aᵢ²(θ̄ᵢ − θ⋆ᵢ)²). */
  readonly adamwStationaryRms: readonly [number, number];
  /** Final θᵢ / θ⋆ᵢ for each run: how much each coordinate was shrunk. */
  readonly adamL2Ratio: readonly [number, number];
  readonly adamwRatio: readonly [number, number];
  /** The same ratios predicted by the fixed point. */
  readonly adamwPredictedRatio: readonly [number, number];
  /**
   * 1/(1 + λσᵢ/aᵢ): the ratio if √v̂ᵢ were σᵢ exactly (no mean gradient),
   * the same for both coordinates here because σᵢ/aᵢ = 1 for both.
   */
  readonly naiveRatio: number;
  /** AdamW's retained ratio with σ = a at each θ⋆ of `optimaForRatio`. */
  readonly ratioByOptimum: readonly { readonly optimum: number; readonly ratio: number }[];
  /** θ₂'s fixed point and ratio under AdamW if θ⋆₂ were `largeOptimum` (σ₂ = a₂ kept). */
  readonly largeOptimumFixedPoint: number;
  readonly largeOptimumRatio: number;
  /** θ₂'s ratio under AdamW if σ₂ were `largeNoise` (θ⋆₂ kept); Adam+L2 keeps a₂/(a₂ + λ) regardless. */
  readonly largeNoiseRatio: number;
  /** 1/λ: no AdamW fixed point exceeds it, since λθ̄ = |ḡ|/√(σ² + ḡ²) < 1. */
  readonly fixedPointCap: number;
  /** AdamW's per-step decay factor 1 − ηλ, applied to every coordinate. */
  readonly decayFactor: number;
  /** Half the width of the two-step cycle AdamW ends on (largest over the coordinates). */
  readonly adamwCycleAmplitude: number;
  /** AdamW after `shortSteps`: its end point and its √v̂ (bias-corrected). */
  readonly adamwShortEnd: readonly number[];
  readonly adamwShortRms: readonly number[];
  /**
   * The point AdamW would sit at if √v̂ stayed at its step-600 value:
   * aᵢθ⋆ᵢ/(aᵢ + λ√v̂ᵢ) (from λθ + a(θ − θ⋆)/√v̂ = 0).
   */
  readonly adamwShortQuasiFixed: readonly [number, number];
  /** The strings the article prints about the figure (caption, alt text, prose). */
  readonly printed: Readonly<Record<string, string>>;
}

/** Print a point with two decimals: (1.57, 1.27). */
function point2(p: ArrayLike<number>): string {
  return `(${formatFixed(at(p, 0), 2)}, ${formatFixed(at(p, 1), 2)})`;
}

/** Print a setting as written by hand, with a true minus sign: (−0.2, 2.4). */
function pointPlain(p: ArrayLike<number>): string {
  const n = (x: number): string => String(x).replace('-', '−');
  return `(${n(at(p, 0))}, ${n(at(p, 1))})`;
}

/** Print a ratio as a percentage with one decimal: 78.6%. */
function percent(x: number): string {
  return `${formatFixed(100 * x, 1)}%`;
}

let cachedDemo: WeightDecayDemo | undefined;

/**
 * Run Adam, Adam+L2 and AdamW on `WEIGHT_DECAY_DEMO` (same λ, same η, the
 * default betas and ε), plus AdamW stopped after `shortSteps` and SGD+L2, and
 * solve AdamW's fixed points for the figure's problem and for the variants the
 * article quotes. Used by the figure and by the tests that pin the numbers the
 * article quotes about it. Computed once per process.
 */
export function weightDecayDemo(): WeightDecayDemo {
  if (cachedDemo) return cachedDemo;
  const { problem, start, lr, weightDecay, steps, shortSteps } = WEIGHT_DECAY_DEMO;
  const grad = noisyQuadraticGradient(problem);
  const adam = runOptimizer('adam', start, grad, steps, { lr });
  const adamL2 = runOptimizer('adam', start, grad, steps, { lr, weightDecay });
  const adamw = runOptimizer('adamw', start, grad, steps, { lr, weightDecay });
  const sgdL2End = endPoint(runSgd(start, grad, steps, lr, weightDecay));
  const short = runOptimizerWithState('adamw', start, grad, shortSteps, { lr, weightDecay });
  const [a1, a2] = problem.curvature;
  const [opt1, opt2] = problem.optimum;
  const [s1, s2] = problem.noise;
  const ridgeOptimum: [number, number] = [(a1 * opt1) / (a1 + weightDecay), (a2 * opt2) / (a2 + weightDecay)];
  const fixed: [number, number] = [
    adamwFixedPoint(a1, opt1, s1, weightDecay),
    adamwFixedPoint(a2, opt2, s2, weightDecay),
  ];
  const stationaryRms: [number, number] = [
    Math.sqrt(s1 ** 2 + (a1 * (fixed[0] - opt1)) ** 2),
    Math.sqrt(s2 ** 2 + (a2 * (fixed[1] - opt2)) ** 2),
  ];
  const adamEnd = endPoint(adam);
  const adamL2End = endPoint(adamL2);
  const adamwEnd = endPoint(adamw);
  const ratio = (p: readonly number[]): [number, number] => [at(p, 0) / opt1, at(p, 1) / opt2];
  const adamL2Ratio = ratio(adamL2End);
  const adamwRatio = ratio(adamwEnd);
  const adamwPredictedRatio = ratio(fixed);
  const naiveRatios = [0, 1].map((i) => 1 / (1 + (weightDecay * at(problem.noise, i)) / at(problem.curvature, i)));
  if (naiveRatios[0] !== naiveRatios[1]) throw new Error('the demo assumes σᵢ/aᵢ equal on both coordinates');
  const naiveRatio = at(naiveRatios, 0);
  const decayFactor = 1 - lr * weightDecay;
  const lastAdamw = adamw[adamw.length - 1] ?? [];
  const adamwCycleAmplitude = Math.max(...adamwEnd.map((x, i) => Math.abs(at(lastAdamw, i) - x)));

  // σ = a: the ratio depends on θ⋆ alone (and λ); a itself drops out.
  const ratioByOptimum = WEIGHT_DECAY_DEMO.optimaForRatio.map((optimum) => ({
    optimum,
    ratio: adamwRetainedRatio(a2, optimum, a2, weightDecay),
  }));
  const { largeOptimum, largeNoise } = WEIGHT_DECAY_DEMO;
  const largeOptimumFixedPoint = adamwFixedPoint(a2, largeOptimum, s2, weightDecay);
  const largeOptimumRatio = largeOptimumFixedPoint / largeOptimum;
  const largeNoiseRatio = adamwRetainedRatio(a2, opt2, largeNoise, weightDecay);
  const fixedPointCap = 1 / weightDecay;

  const { beta2 } = ADAM_DEFAULTS;
  const biasCorrection2 = 1 - beta2 ** short.state.step;
  const adamwShortRms = short.state.v.map((v) => Math.sqrt(v / biasCorrection2));
  const adamwShortEnd = endPoint(short.trajectory);
  const adamwShortQuasiFixed: [number, number] = [
    (a1 * opt1) / (a1 + weightDecay * at(adamwShortRms, 0)),
    (a2 * opt2) / (a2 + weightDecay * at(adamwShortRms, 1)),
  ];

  const printed: Record<string, string> = {
    curvature: pointPlain(problem.curvature),
    optimum: pointPlain(problem.optimum),
    start: pointPlain(start),
    lr: String(lr),
    weightDecay: String(weightDecay),
    steps: String(steps),
    shortSteps: String(shortSteps),
    gradScaleRatio: String(a1 / a2),
    adamEnd: point2(adamEnd),
    adamL2End: point2(adamL2End),
    adamwEnd: point2(adamwEnd),
    sgdL2End: point2(sgdL2End),
    ridgeOptimum: point2(ridgeOptimum),
    adamwFixedPoint: point2(fixed),
    adamL2Ratio1: formatFixed(adamL2Ratio[0], 3),
    adamL2Ratio2: formatFixed(adamL2Ratio[1], 3),
    adamwRatio1: formatFixed(adamwRatio[0], 3),
    adamwRatio2: formatFixed(adamwRatio[1], 3),
    adamwPredictedRatio1: formatFixed(adamwPredictedRatio[0], 3),
    adamwPredictedRatio2: formatFixed(adamwPredictedRatio[1], 3),
    adamL2Percent1: percent(adamL2Ratio[0]),
    adamL2Percent2: percent(adamL2Ratio[1]),
    adamL2Shrink1: percent(1 - adamL2Ratio[0]),
    adamwPercent1: percent(adamwRatio[0]),
    adamwPercent2: percent(adamwRatio[1]),
    naiveRatio: formatFixed(naiveRatio, 3),
    ratioOptima: WEIGHT_DECAY_DEMO.optimaForRatio.map(String).join('、'),
    ...Object.fromEntries(ratioByOptimum.map((r) => [`ratioAt${r.optimum}`, formatFixed(r.ratio, 3)])),
    largeOptimum: String(largeOptimum),
    largeOptimumFixedPoint: formatFixed(largeOptimumFixedPoint, 2),
    largeOptimumPercent: percent(largeOptimumRatio),
    largeNoise: String(largeNoise),
    largeNoisePercent: percent(largeNoiseRatio),
    fixedPointCap: String(fixedPointCap),
    decayFactor: String(decayFactor),
    adamwCycleAmplitude: formatFixed(adamwCycleAmplitude, 3),
    stationaryRms1: formatFixed(stationaryRms[0], 2),
    stationaryRms2: formatFixed(stationaryRms[1], 3),
    adamwShortEnd: point2(adamwShortEnd),
    adamwShortRms1: formatFixed(at(adamwShortRms, 0), 2),
    adamwShortRms2: formatFixed(at(adamwShortRms, 1), 3),
    adamwShortQuasiFixed1: formatFixed(adamwShortQuasiFixed[0], 2),
    adamwShortGap1: formatFixed(fixed[0] - at(adamwShortEnd, 0), 2),
  };
  cachedDemo = {
    problem,
    adam,
    adamL2,
    adamw,
    adamEnd,
    adamL2End,
    adamwEnd,
    sgdL2End,
    ridgeOptimum,
    adamwFixedPoint: fixed,
    adamwStationaryRms: stationaryRms,
    adamL2Ratio,
    adamwRatio,
    adamwPredictedRatio,
    naiveRatio,
    ratioByOptimum,
    largeOptimumFixedPoint,
    largeOptimumRatio,
    largeNoiseRatio,
    fixedPointCap,
    decayFactor,
    adamwCycleAmplitude,
    adamwShortEnd,
    adamwShortRms,
    adamwShortQuasiFixed,
    printed,
  };
  return cachedDemo;
}
