/**
 * How an optimiser's step depends on the scale of the parameters, for the
 * Adam/AdamW article.
 *
 * Adam is invariant to rescaling the *gradient* (Kingma & Ba, §2.1), not to
 * rescaling the *parameters*: writing θ = cφ and optimising φ multiplies the
 * gradient by c, which Adam normalises away, so φ still moves about η per
 * step and θ moves about cη. SGD's step changes by c² instead, and Newton's
 * method (like natural gradient) not at all. The functions here run the three
 * optimisers in both parameterisations so the tests can check these claims
 * exactly, and estimate the (empirical) Fisher information of a small
 * regression model so the article's remarks on √v̂ and the Fisher are checked.
 */

import { at } from './arrays';
import { ADAM_DEFAULTS, type AdamOptionsInput, adamStep, formatFixed, initAdamState } from './optimizers';
import { mulberry32, normalSampler } from './random';

/** Which update rule `runReparameterized` applies. */
export type ScaleOptimizer = 'adam' | 'sgd' | 'newton';

/**
 * A separable test loss f(θ) = Σᵢ aᵢ·log cosh(θᵢ − θ⋆ᵢ): smooth, convex and not
 * quadratic, so Newton's method takes more than one step and its invariance
 * under θ = cφ is a real check rather than a one-step coincidence.
 */
export interface LogCoshProblem {
  /** The weights aᵢ. */
  readonly weight: readonly number[];
  /** The minimiser θ⋆. */
  readonly optimum: readonly number[];
}

/** ∇f(θ) of a `LogCoshProblem`: aᵢ·tanh(θᵢ − θ⋆ᵢ). */
export function logCoshGradient(problem: LogCoshProblem, theta: ArrayLike<number>): number[] {
  return problem.weight.map((a, i) => a * Math.tanh(at(theta, i) - at(problem.optimum, i)));
}

/** Diagonal of the Hessian of a `LogCoshProblem`: aᵢ / cosh²(θᵢ − θ⋆ᵢ). */
export function logCoshCurvature(problem: LogCoshProblem, theta: ArrayLike<number>): number[] {
  return problem.weight.map((a, i) => a / Math.cosh(at(theta, i) - at(problem.optimum, i)) ** 2);
}

/**
 * Optimise a `LogCoshProblem` in the parameterisation θ = scale·φ: the
 * optimiser sees only φ and the gradient with respect to φ (scale·∇f, by the
 * chain rule; for Newton also the curvature scale²·∇²f), and the function
 * returns the trajectory mapped back to θ. Comparing runs with different
 * `scale` shows what each optimiser does when the parameters' units change.
 * `lr` is ignored by Newton; `adam` takes PyTorch's defaults unless `adam`
 * options override them (ε = 0 makes the scale relations exact).
 */
export function runReparameterized(
  optimizer: ScaleOptimizer,
  problem: LogCoshProblem,
  thetaStart: readonly number[],
  scale: number,
  lr: number,
  steps: number,
  adam: AdamOptionsInput = {},
): number[][] {
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  let phi = thetaStart.map((x) => x / scale);
  let state = initAdamState(phi.length);
  const trajectory: number[][] = [phi.map((x) => x * scale)];
  for (let t = 1; t <= steps; t++) {
    const theta = phi.map((x) => x * scale);
    const gradPhi = logCoshGradient(problem, theta).map((g) => g * scale);
    if (optimizer === 'adam') {
      const r = adamStep(phi, gradPhi, state, { ...adam, lr });
      phi = r.params;
      state = r.state;
    } else if (optimizer === 'sgd') {
      phi = phi.map((x, i) => x - lr * at(gradPhi, i));
    } else {
      const curvPhi = logCoshCurvature(problem, theta).map((h) => h * scale * scale);
      phi = phi.map((x, i) => x - at(gradPhi, i) / at(curvPhi, i));
    }
    trajectory.push(phi.map((x) => x * scale));
  }
  return trajectory;
}

/**
 * The numbers the article prints about learning rate versus parameter scale:
 * a weight matrix with LeCun normal initialisation N(0, 1/fan_in) (fan_in =
 * 4096, so standard deviation 1/64) next to a normalisation gain of order 1,
 * both trained with the same Adam learning rate η = 1e-3. Since Adam moves
 * each coordinate by at most about η per step, the relative change per step is
 * about η/scale. (PyTorch's default `nn.Linear` initialisation,
 * U(−1/√fan_in, 1/√fan_in), has a standard deviation √3 times smaller still.)
 */
export function learningRateScaleExample(): {
  readonly lr: number;
  readonly fanIn: number;
  readonly matrixScale: number;
  readonly matrixRelative: number;
  readonly gainRelative: number;
  readonly printed: Readonly<Record<string, string>>;
} {
  const lr = ADAM_DEFAULTS.lr;
  const fanIn = 4096;
  const matrixScale = 1 / Math.sqrt(fanIn);
  const matrixRelative = lr / matrixScale;
  const gainRelative = lr / 1;
  return {
    lr,
    fanIn,
    matrixScale,
    matrixRelative,
    gainRelative,
    printed: {
      fanIn: String(fanIn),
      matrixScale: `1/${Math.round(1 / matrixScale)}`,
      matrixRelative: `${formatFixed(100 * matrixRelative, 1)}\\%`,
      gainRelative: `${formatFixed(100 * gainRelative, 1)}\\%`,
      ratio: String(Math.round(matrixRelative / gainRelative)),
    },
  };
}

/**
 * Monte Carlo estimate of the empirical Fisher E[(∂ℓ/∂θ)²] of a one-parameter
 * Gaussian regression y = θx + noise, x ~ N(0, 1), with the loss
 * ℓ = (y − θx)²/(2s²) of a model that assumes noise variance s² = 1, next to
 * its Hessian E[∂²ℓ/∂θ²] = E[x²]/s² = 1. Three cases: at the true parameter
 * of a well-specified model (the two agree), at a parameter δ = 0.5 away
 * (empirical Fisher 1 + 3δ² = 1.75), and at the true parameter when the real
 * noise variance is 2 (empirical Fisher 2). A minibatch of B samples has
 * E[g_B²] = (E g)² + Var(g)/B, which at the optimum is F/B. For contrast, the
 * true Fisher at the parameter δ away, with y drawn from the model itself:
 * it stays E[x²] = 1 = H, because only the empirical Fisher sees the data's
 * residuals (a separate seeded stream, so the other estimates are unchanged).
 * Seeded, so the printed estimates never change.
 */
export function empiricalFisherDemo(
  samples = 200_000,
  batch = 32,
): {
  readonly hessian: number;
  readonly atOptimum: number;
  readonly offOptimum: number;
  readonly misspecified: number;
  readonly minibatchAtOptimum: number;
  readonly fisherOffOptimum: number;
  readonly printed: Readonly<Record<string, string>>;
} {
  const normal = normalSampler(mulberry32(20261129));
  const thetaTrue = 1;
  const delta = 0.5;
  let sumOpt = 0;
  let sumOff = 0;
  let sumMis = 0;
  let sumBatchSq = 0;
  let batchSum = 0;
  let batches = 0;
  for (let n = 1; n <= samples; n++) {
    const x = normal();
    const noise = normal();
    const y = thetaTrue * x + noise;
    const yMis = thetaTrue * x + Math.SQRT2 * noise;
    // ∂ℓ/∂θ = −x(y − θx)/s² with s² = 1.
    const gOpt = -x * (y - thetaTrue * x);
    const gOff = -x * (y - (thetaTrue + delta) * x);
    const gMis = -x * (yMis - thetaTrue * x);
    sumOpt += gOpt * gOpt;
    sumOff += gOff * gOff;
    sumMis += gMis * gMis;
    batchSum += gOpt;
    if (n % batch === 0) {
      sumBatchSq += (batchSum / batch) ** 2;
      batchSum = 0;
      batches++;
    }
  }
  const atOptimum = sumOpt / samples;
  const offOptimum = sumOff / samples;
  const misspecified = sumMis / samples;
  const minibatchAtOptimum = sumBatchSq / batches;
  // The Fisher proper at θ⋆ + δ: y ~ p(· | x, θ⋆ + δ), so the residual is pure model noise.
  const modelNormal = normalSampler(mulberry32(20261130));
  let sumFisher = 0;
  for (let n = 1; n <= samples; n++) {
    const x = modelNormal();
    const theta = thetaTrue + delta;
    const y = theta * x + modelNormal();
    const g = -x * (y - theta * x);
    sumFisher += g * g;
  }
  const fisherOffOptimum = sumFisher / samples;
  return {
    hessian: 1,
    atOptimum,
    offOptimum,
    misspecified,
    minibatchAtOptimum,
    fisherOffOptimum,
    printed: {
      atOptimum: formatFixed(atOptimum, 2),
      offOptimum: formatFixed(offOptimum, 2),
      misspecified: formatFixed(misspecified, 2),
      minibatchAtOptimum: formatFixed(minibatchAtOptimum, 3),
      batch: String(batch),
    },
  };
}
