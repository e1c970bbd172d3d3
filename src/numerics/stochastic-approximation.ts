/**
 * Stochastic approximation, for the article that goes from the incremental mean to
 * Robbins–Monro, SGD and TD learning.
 *
 * Every claim of that article about step sizes is a claim about a recursion
 * wₖ = wₖ₋₁ − aₖ·Yₖ with a noisy observation Yₖ of g(wₖ₋₁). On the linear problem
 * g(w) = c·(w − w⋆) with independent noise of variance σ², the first two moments of the error
 * eₖ = wₖ − w⋆ obey exact recursions, so the article's statements (the stationary variance of a
 * constant step, the frozen limit of a summable step, the k^(−1/2) rate of a/k only when 2ac > 1)
 * are checked twice here: by those recursions and by seeded simulations of the algorithm itself.
 * The last part runs tabular TD(0) on a small random walk, where the same step-size question
 * reappears. Everything is seeded (`random.ts`), so the figure and the printed numbers are the
 * same at every build.
 */

import { at } from './arrays';
import { formatFixed } from './optimizers';
import { mulberry32, normalSampler } from './random';

/**
 * A step-size schedule: the step aₖ of update k = 1, 2, …. A function rather than an array so a
 * schedule can be evaluated for as many steps as a caller needs.
 */
export type StepSchedule = (k: number) => number;

/** aₖ = a/k: the schedule of Robbins and Monro's paper, and of the running mean when a = 1. */
export function harmonicSteps(a: number): StepSchedule {
  return (k) => a / k;
}

/** aₖ = a·k^(−p): for 1/2 < p ≤ 1 it satisfies both Robbins–Monro conditions. */
export function powerSteps(a: number, p: number): StepSchedule {
  return (k) => a * k ** -p;
}

/** aₖ = a for every k: an exponential moving average, which never stops moving. */
export function constantSteps(a: number): StepSchedule {
  return () => a;
}

/** aₖ = a/k²: Σaₖ < ∞, so the iteration freezes before it reaches the root. */
export function inverseSquareSteps(a: number): StepSchedule {
  return (k) => a / (k * k);
}

/**
 * The running means x̄₁, …, x̄ₙ of `xs`, computed the way the article derives them: one sample at
 * a time, never storing the sum. With step 1/k the first update overwrites the initial value, so
 * the result does not depend on it; it equals the batch mean up to rounding.
 */
export function runningMeans(xs: readonly number[]): number[] {
  const means: number[] = [];
  // #region incremental-mean
  let mean = 0; // x̄₀: any value; the first step (1/k = 1) overwrites it
  for (let k = 1; k <= xs.length; k++) {
    const x = at(xs, k - 1);
    mean += (x - mean) / k; // x̄ₖ = x̄ₖ₋₁ + (xₖ − x̄ₖ₋₁)/k
    means.push(mean);
  }
  // #endregion incremental-mean
  return means;
}

/**
 * A noisy oracle: the observation Yₖ of g at the current point w, for update k. Passing k lets a
 * caller draw the noise from one seeded stream, so a run is reproducible.
 */
export type NoisyOracle = (w: number, k: number) => number;

/**
 * Robbins–Monro: wₖ = wₖ₋₁ − aₖ·Yₖ, Yₖ an unbiased noisy observation of g(wₖ₋₁). Returns the
 * whole path w₀, w₁, …, wₙ. The step schedule is pluggable because the article's subject is what
 * the schedule does; with Yₖ = w − xₖ and aₖ = 1/k the path is exactly the running mean.
 */
export function robbinsMonro(observe: NoisyOracle, w0: number, steps: StepSchedule, n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`number of steps must be a non-negative integer, got ${n}`);
  const path = [w0];
  // #region robbins-monro
  let w = w0;
  for (let k = 1; k <= n; k++) {
    const y = observe(w, k); // Yₖ: g(wₖ₋₁) plus zero-mean noise
    w -= steps(k) * y; // wₖ = wₖ₋₁ − aₖ·Yₖ
    path.push(w);
  }
  // #endregion robbins-monro
  return path;
}

/**
 * The linear test problem of the article: g(w) = c·(w − w⋆), observed with Gaussian noise of
 * standard deviation σ. With c = 1 it is mean estimation: Yₖ = w − xₖ, xₖ ~ N(w⋆, σ²).
 */
export interface LinearProblem {
  readonly c: number;
  readonly wStar: number;
  readonly sigma: number;
}

/** An oracle for a `LinearProblem`, its noise drawn from a seeded normal stream. */
export function linearOracle(problem: LinearProblem, seed: number): NoisyOracle {
  const normal = normalSampler(mulberry32(seed));
  return (w) => problem.c * (w - problem.wStar) + problem.sigma * normal();
}

/**
 * Exact moments of the error eₖ = wₖ − w⋆ on a `LinearProblem`, for k = 0 … n. From
 * eₖ = (1 − aₖc)·eₖ₋₁ − aₖσξₖ with ξₖ independent of eₖ₋₁:
 * E[eₖ] = (1 − aₖc)·E[eₖ₋₁] and E[eₖ²] = (1 − aₖc)²·E[eₖ₋₁²] + aₖ²σ².
 * These are the recursions the article derives; the simulations are checked against them.
 */
export interface ErrorMoments {
  /** E[eₖ]: the bias, a deterministic shrinking of the initial error. */
  readonly mean: number[];
  /** E[eₖ²]: bias² plus variance. */
  readonly meanSquare: number[];
}

/** See `ErrorMoments`. `e0` is the initial error w₀ − w⋆. */
export function linearErrorMoments(problem: LinearProblem, e0: number, steps: StepSchedule, n: number): ErrorMoments {
  const mean = [e0];
  const meanSquare = [e0 * e0];
  let m = e0;
  let v = e0 * e0;
  const s2 = problem.sigma * problem.sigma;
  for (let k = 1; k <= n; k++) {
    const a = steps(k);
    const shrink = 1 - a * problem.c;
    m *= shrink;
    v = shrink * shrink * v + a * a * s2;
    mean.push(m);
    meanSquare.push(v);
  }
  return { mean, meanSquare };
}

/**
 * The factor ∏ₖ₌₁ⁿ (1 − c·aₖ) by which n steps shrink the initial error on average. When
 * Σaₖ = ∞ it tends to 0; when Σaₖ < ∞ it tends to a positive number: the part of the initial
 * error that is never forgotten.
 */
export function biasFactor(c: number, steps: StepSchedule, n: number): number {
  let product = 1;
  for (let k = 1; k <= n; k++) product *= 1 - c * steps(k);
  return product;
}

/** The partial sum a₁ + … + aₙ: how far bounded observations can move the iterate in total. */
export function stepSum(steps: StepSchedule, n: number): number {
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += steps(k);
  return sum;
}

/**
 * Stationary variance of the exponential moving average m ← (1 − α)m + αx over independent
 * samples of variance σ²: from Var = (1 − α)²Var + α²σ², Var = ασ²/(2 − α). It does not go to
 * zero with time; only a smaller α makes it smaller.
 */
export function emaStationaryVariance(alpha: number, sigma2: number): number {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
  return (alpha * sigma2) / (2 - alpha);
}

/**
 * Long-run variance of an EMA with step α over seeded N(0, σ²) samples, measured after a burn-in
 * of 20/α steps (the bias has decayed by e^(−20) by then). An independent check of
 * `emaStationaryVariance`: the simulation knows nothing of the formula.
 */
export function simulateEmaVariance(alpha: number, sigma: number, samples: number, seed: number): number {
  const normal = normalSampler(mulberry32(seed));
  const burnIn = Math.ceil(20 / alpha);
  let m = 0;
  let sum = 0;
  let sumSq = 0;
  for (let k = 1; k <= burnIn + samples; k++) {
    m += alpha * (sigma * normal() - m);
    if (k > burnIn) {
      sum += m;
      sumSq += m * m;
    }
  }
  const mean = sum / samples;
  return sumSq / samples - mean * mean;
}

/** Settings of a batch of independent runs on a `LinearProblem`. */
export interface LinearRunOptions {
  readonly problem: LinearProblem;
  readonly w0: number;
  readonly steps: StepSchedule;
  readonly n: number;
  /** Number of independent runs (seeds seed, seed + 1, …). */
  readonly runs: number;
  readonly seed: number;
  /** Step numbers at which to record; each must be in 1 … n. */
  readonly checkpoints: readonly number[];
}

/** What a batch of runs reports at each checkpoint, averaged over the runs. */
export interface LinearRunStats {
  /** √(mean of eₖ²): the RMS error of the last iterate wₖ. */
  readonly rms: number[];
  /** Mean of eₖ: the bias, to compare with `linearErrorMoments`. */
  readonly meanError: number[];
  /** √(mean of ēₖ²) for the Polyak–Ruppert average w̄ₖ = (w₁ + … + wₖ)/k. */
  readonly averagedRms: number[];
}

/**
 * Run Robbins–Monro `runs` times on a `LinearProblem` (through `robbinsMonro`'s update, inlined
 * for speed) and average the squared error of the last iterate and of the running average of the
 * iterates at the checkpoints. This is the Monte Carlo side of every rate the article quotes.
 */
export function simulateLinear(o: LinearRunOptions): LinearRunStats {
  const nCheck = o.checkpoints.length;
  for (const k of o.checkpoints) {
    if (!Number.isInteger(k) || k < 1 || k > o.n) throw new RangeError(`checkpoint ${k} outside 1 … ${o.n}`);
  }
  const sq = new Float64Array(nCheck);
  const lin = new Float64Array(nCheck);
  const avgSq = new Float64Array(nCheck);
  const stepValues = Float64Array.from({ length: o.n + 1 }, (_, k) => (k === 0 ? 0 : o.steps(k)));
  const { c, wStar, sigma } = o.problem;
  for (let r = 0; r < o.runs; r++) {
    const normal = normalSampler(mulberry32(o.seed + r));
    let w = o.w0;
    let sum = 0;
    let next = 0;
    for (let k = 1; k <= o.n; k++) {
      w -= at(stepValues, k) * (c * (w - wStar) + sigma * normal());
      sum += w;
      while (next < nCheck && o.checkpoints[next] === k) {
        const e = w - wStar;
        const eBar = sum / k - wStar;
        sq[next] = at(sq, next) + e * e;
        lin[next] = at(lin, next) + e;
        avgSq[next] = at(avgSq, next) + eBar * eBar;
        next++;
      }
    }
  }
  return {
    rms: Array.from(sq, (s) => Math.sqrt(s / o.runs)),
    meanError: Array.from(lin, (s) => s / o.runs),
    averagedRms: Array.from(avgSq, (s) => Math.sqrt(s / o.runs)),
  };
}

/**
 * Least-squares slope of log y against log x: the exponent of a power law y ∝ x^slope. The
 * article quotes such slopes for RMS errors; a slope of −1/2 is the k^(−1/2) rate.
 */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new RangeError('need two equally long lists of ≥ 2 points');
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((s, x) => s + x, 0) / lx.length;
  const my = ly.reduce((s, y) => s + y, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (at(lx, i) - mx) * (at(ly, i) - my);
    sxx += (at(lx, i) - mx) ** 2;
  }
  return sxy / sxx;
}

/**
 * The exponent the article predicts for the RMS error of aₖ = a/k on g(w) = c(w − w⋆):
 * −1/2 when 2ac > 1 (noise-limited), −ac when 2ac < 1 (the initial error and the early noise
 * both fade only like k^(−ac)). At 2ac = 1 the rate is √(log k / k), between the two.
 */
export function predictedRmsExponent(a: number, c: number): number {
  return 2 * a * c > 1 ? -0.5 : -a * c;
}

/**
 * The asymptotic E[eₖ²]·k for aₖ = a/k when 2ac > 1: a²σ²/(2ac − 1). Minimised at a = 1/c, where it
 * is σ²/c², the variance of the mean of k samples (scaled by 1/c²).
 */
export function asymptoticScaledMse(a: number, c: number, sigma: number): number {
  if (!(2 * a * c > 1)) throw new RangeError('the k^(−1) rate needs 2ac > 1');
  return (a * a * sigma * sigma) / (2 * a * c - 1);
}

// ---------------------------------------------------------------------------------------------
// TD(0) on a bounded random walk.

/** Step-size rules for tabular TD(0): a constant α, or a function of the visit count n(s). */
export type TdStepRule =
  | { readonly kind: 'constant'; readonly alpha: number }
  | { readonly kind: 'count'; readonly power: number };

/** Settings of a batch of TD(0) runs on the random walk. */
export interface TdRunOptions {
  /** Non-terminal states 1 … n; the walk starts in the middle and ends at 0 or n + 1. */
  readonly states: number;
  readonly rule: TdStepRule;
  readonly episodes: number;
  readonly runs: number;
  readonly seed: number;
  /** Episode numbers at which to record the error. */
  readonly checkpoints: readonly number[];
  /** Initial value of every state (default 0.5). */
  readonly initialValue?: number;
}

/**
 * True values of the bounded random walk: reward 1 on leaving to the right, 0 elsewhere,
 * γ = 1, so V(s) is the probability of ending on the right, s/(n + 1) (gambler's ruin).
 */
export function randomWalkValues(states: number): number[] {
  return Array.from({ length: states }, (_, i) => (i + 1) / (states + 1));
}

/**
 * Tabular TD(0), V(s) ← V(s) + α(r + V(s′) − V(s)) with V(terminal) = 0, on the symmetric walk
 * over `states` states, `runs` times; returns the RMS error over states (root of the mean over
 * runs of the mean squared error) at the checkpoints. With α = 1/n(s) each state's update is a
 * Robbins–Monro step of size 1/(visits), but the target itself moves (bootstrapping), which is what
 * makes the rate slow.
 */
export function simulateTdRandomWalk(o: TdRunOptions): number[] {
  const n = o.states;
  const truth = randomWalkValues(n);
  const start = Math.ceil(n / 2); // states are 1 … n; the middle one for odd n
  const acc = new Float64Array(o.checkpoints.length);
  const v = new Float64Array(n + 2);
  const visits = new Float64Array(n + 2);
  for (let r = 0; r < o.runs; r++) {
    const uniform = mulberry32(o.seed + r);
    v.fill(o.initialValue ?? 0.5);
    v[0] = 0;
    v[n + 1] = 0;
    visits.fill(0);
    let next = 0;
    for (let ep = 1; ep <= o.episodes; ep++) {
      let s = start;
      while (s !== 0 && s !== n + 1) {
        const s2 = uniform() < 0.5 ? s - 1 : s + 1;
        const reward = s2 === n + 1 ? 1 : 0;
        const count = at(visits, s) + 1;
        visits[s] = count;
        const alpha = o.rule.kind === 'constant' ? o.rule.alpha : count ** -o.rule.power;
        // #region td0
        const target = reward + at(v, s2); // r + γV(s′), γ = 1, V(terminal) = 0
        v[s] = at(v, s) + alpha * (target - at(v, s)); // V(s) ← V(s) + α(target − V(s))
        // #endregion td0
        s = s2;
      }
      while (next < o.checkpoints.length && o.checkpoints[next] === ep) {
        let mse = 0;
        for (let i = 1; i <= n; i++) mse += (at(v, i) - at(truth, i - 1)) ** 2;
        acc[next] = at(acc, next) + mse / n;
        next++;
      }
    }
  }
  return Array.from(acc, (s) => Math.sqrt(s / o.runs));
}

/**
 * The smallest eigenvalue of I − P, P the transition matrix of the walk among its `states`
 * non-terminal states: 1 − cos(π/(n + 1)). With per-state steps 1/n(s), TD(0)'s mean dynamics in
 * log-time are V̇ = −(I − P)(V − V^π), so this eigenvalue plays the role of ac in the a/k analysis;
 * it is below 1/2, the slow regime.
 */
export function randomWalkSlowestRate(states: number): number {
  return 1 - Math.cos(Math.PI / (states + 1));
}

// ---------------------------------------------------------------------------------------------
// The numbers the article quotes and the data of its figure.

/** The schedules drawn in the figure, with the labels the figure prints. */
export const FIGURE_SCHEDULES = [
  { id: 'harmonic', label: 'aₖ = 1/k', steps: harmonicSteps(1) },
  { id: 'power', label: 'aₖ = 1/k^0.6', steps: powerSteps(1, 0.6) },
  { id: 'constant', label: 'aₖ = 0.1', steps: constantSteps(0.1) },
  { id: 'inverse-square', label: 'aₖ = 1/k²', steps: inverseSquareSteps(1) },
] as const;

/** The mean-estimation problem of the figure and the worked examples: N(1, 1) samples, w₀ = 0. */
export const MEAN_PROBLEM: LinearProblem = Object.freeze({ c: 1, wStar: 1, sigma: 1 });
/** Starting point of the figure's runs. */
export const MEAN_START = 0;
/** Length of the figure's sample path and of its RMS curves. */
export const FIGURE_STEPS = { path: 1000, rms: 10000, runs: 200, pathSeed: 1, rmsSeed: 1000 } as const;

/** One schedule's data in the figure. */
export interface FigureSeries {
  readonly id: (typeof FIGURE_SCHEDULES)[number]['id'];
  readonly label: string;
  /** w₀ … wₙ of one seeded run (the same samples for every schedule). */
  readonly path: number[];
  /** Exact RMS error √E[eₖ²], k = 0 … FIGURE_STEPS.rms. */
  readonly exactRms: number[];
  /** Simulated RMS error at `checkpoints`. */
  readonly simulatedRms: number[];
}

/** Step numbers at which the figure marks simulated RMS errors: 1, 2, 5, 10, … 10000. */
export const RMS_CHECKPOINTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] as const;

/** The a values of the a/k rate experiment (c = 1): two below 2ac = 1, the optimum, one above. */
export const RATE_GAINS = [0.1, 0.25, 1, 2] as const;
/** Checkpoints over which the rate experiment fits its slopes. */
export const RATE_CHECKPOINTS = [100, 200, 500, 1000, 2000, 5000, 10000] as const;

/** The unrounded numbers the figure's labels and the article's caption quote. */
export interface FigureValues {
  /** Exact RMS error after `FIGURE_STEPS.rms` steps, per schedule. */
  readonly harmonicRmsEnd: number;
  readonly powerRmsEnd: number;
  readonly constantRmsEnd: number;
  readonly inverseSquareRmsEnd: number;
  /** Where the seeded 1/k² run stops after `FIGURE_STEPS.path` steps. */
  readonly inverseSquarePathEnd: number;
  /** w₁ of the seeded constant-step run: 0.1·x₁, the first plotted point of that curve. */
  readonly constantPathFirst: number;
}

/** The figure's data: one seeded path and the RMS curves of each schedule, and its printed numbers. */
export interface FigureData {
  readonly series: FigureSeries[];
  /** `FigureValues` rounded as printed, plus the run lengths and the number of runs. */
  readonly printed: Readonly<Record<keyof FigureValues | 'pathSteps' | 'rmsSteps' | 'runs', string>>;
  readonly values: FigureValues;
}

let figureCache: FigureData | undefined;

/**
 * The data of the figure: every schedule of `FIGURE_SCHEDULES` run on the same seeded samples of
 * N(1, 1) from w₀ = 0 (mean estimation), the exact RMS error from `linearErrorMoments`, and the RMS
 * error of `FIGURE_STEPS.runs` seeded runs at `RMS_CHECKPOINTS`. Kept apart from `articleNumbers`
 * so the build, which only draws the figure, does not run the article's longer experiments.
 */
export function figureData(): FigureData {
  if (figureCache) return figureCache;
  const p = MEAN_PROBLEM;
  const e0 = MEAN_START - p.wStar;
  const samples = (() => {
    const normal = normalSampler(mulberry32(FIGURE_STEPS.pathSeed));
    return Array.from({ length: FIGURE_STEPS.path }, () => p.wStar + p.sigma * normal());
  })();
  const series: FigureSeries[] = FIGURE_SCHEDULES.map((s) => {
    const path = robbinsMonro((w, k) => w - at(samples, k - 1), MEAN_START, s.steps, FIGURE_STEPS.path);
    const exact = linearErrorMoments(p, e0, s.steps, FIGURE_STEPS.rms);
    const sim = simulateLinear({
      problem: p,
      w0: MEAN_START,
      steps: s.steps,
      n: FIGURE_STEPS.rms,
      runs: FIGURE_STEPS.runs,
      seed: FIGURE_STEPS.rmsSeed,
      checkpoints: RMS_CHECKPOINTS,
    });
    return { id: s.id, label: s.label, path, exactRms: exact.meanSquare.map(Math.sqrt), simulatedRms: sim.rms };
  });
  const byId = (id: FigureSeries['id']): FigureSeries => {
    const s = series.find((x) => x.id === id);
    if (!s) throw new Error(`no series ${id}`);
    return s;
  };
  const values: FigureValues = {
    harmonicRmsEnd: lastOf(byId('harmonic').exactRms),
    powerRmsEnd: lastOf(byId('power').exactRms),
    constantRmsEnd: lastOf(byId('constant').exactRms),
    inverseSquareRmsEnd: lastOf(byId('inverse-square').exactRms),
    inverseSquarePathEnd: lastOf(byId('inverse-square').path),
    constantPathFirst: at(byId('constant').path, 1),
  };
  const f = formatFixed;
  const printed = {
    harmonicRmsEnd: f(values.harmonicRmsEnd, 4),
    powerRmsEnd: f(values.powerRmsEnd, 3),
    constantRmsEnd: f(values.constantRmsEnd, 3),
    inverseSquareRmsEnd: f(values.inverseSquareRmsEnd, 3),
    inverseSquarePathEnd: f(values.inverseSquarePathEnd, 2),
    constantPathFirst: f(values.constantPathFirst, 1),
    pathSteps: String(FIGURE_STEPS.path),
    rmsSteps: String(FIGURE_STEPS.rms),
    runs: String(FIGURE_STEPS.runs),
  };
  figureCache = { series, printed: Object.freeze(printed), values: Object.freeze(values) };
  return figureCache;
}

/** Every number the article quotes outside the figure, rounded as printed, and the raw values. */
export interface ArticleNumbers {
  readonly printed: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, number>>;
}

let numbersCache: ArticleNumbers | undefined;

/**
 * Compute every number the article quotes: the EMA variance and its simulation, the frozen limit
 * of summable steps, the a/k rate experiment, Polyak–Ruppert averaging, TD(0) on the random walk.
 * Seeded and cached; a few seconds of simulation, run by the tests, never by the build.
 */
export function articleNumbers(): ArticleNumbers {
  if (numbersCache) return numbersCache;
  const p = MEAN_PROBLEM;
  const e0 = MEAN_START - p.wStar;
  const values: Record<string, number> = {};
  const long = 1_000_000;

  // Constant step = EMA: stationary variance, its simulation, and the effective sample size.
  const alpha = 0.1;
  values.emaVariance = emaStationaryVariance(alpha, 1);
  values.emaRms = Math.sqrt(values.emaVariance);
  values.emaVarianceSimulated = simulateEmaVariance(alpha, 1, 400_000, 11);
  values.emaEffectiveSamples = (2 - alpha) / alpha;

  // Summable steps freeze: the total step Σ0.25/k² of the frozen example, the surviving fraction
  // of the initial error for 0.25/k², and the spread of the frozen limit for 1/k² (mean
  // estimation: the first step overwrites w₀).
  values.frozenStepSum = stepSum(inverseSquareSteps(0.25), long);
  values.frozenFactor = biasFactor(1, inverseSquareSteps(0.25), long);
  values.frozenMeanExact = p.wStar + e0 * values.frozenFactor;
  const frozenRuns = simulateLinear({
    problem: p,
    w0: MEAN_START,
    steps: inverseSquareSteps(0.25),
    n: 300,
    runs: 20_000,
    seed: 60_000,
    checkpoints: [300],
  });
  values.frozenMeanSimulated = at(frozenRuns.meanError, 0) + p.wStar;
  const frozenLimit = linearErrorMoments(p, e0, inverseSquareSteps(1), long);
  values.inverseSquareLimitRms = Math.sqrt(lastOf(frozenLimit.meanSquare) - lastOf(frozenLimit.mean) ** 2);

  // A shifted 1/k schedule 1/(k + k₀) keeps w₀ as k₀ phantom samples: bias k₀e₀/(k₀ + k).
  values.shiftedBiasAt91 = Math.abs(biasFactor(1, (k) => 1 / (k + 9), 91));

  // The a/k rate: exact and simulated RMS slopes, RMS at k = 10⁴, the a = 2 penalty, the slow bias.
  for (const a of RATE_GAINS) {
    const key = gainKey(a);
    const exact = linearErrorMoments(p, e0, harmonicSteps(a), 10000).meanSquare.map(Math.sqrt);
    const sim = simulateLinear({
      problem: p,
      w0: MEAN_START,
      steps: harmonicSteps(a),
      n: 10000,
      runs: 400,
      seed: 20_000,
      checkpoints: RATE_CHECKPOINTS,
    });
    values[`slopeExact_${key}`] = logLogSlope(
      [...RATE_CHECKPOINTS],
      RATE_CHECKPOINTS.map((k) => at(exact, k)),
    );
    values[`slopeSimulated_${key}`] = logLogSlope([...RATE_CHECKPOINTS], sim.rms);
    values[`rmsAt10k_${key}`] = at(exact, 10000);
  }
  values.penaltyRatio = Math.sqrt(asymptoticScaledMse(2, 1, 1) / asymptoticScaledMse(1, 1, 1));
  values.slowBiasMillion = biasFactor(1, harmonicSteps(0.1), long);

  // Polyak–Ruppert: averaging the iterates of 1/k^0.6 at k = 10⁴.
  const averaged = simulateLinear({
    problem: p,
    w0: MEAN_START,
    steps: powerSteps(1, 0.6),
    n: 10000,
    runs: 400,
    seed: 30_000,
    checkpoints: [10000],
  });
  values.powerLastRmsSimulated = at(averaged.rms, 0);
  values.powerAveragedRmsSimulated = at(averaged.averagedRms, 0);
  // The same last-iterate RMS by the exact recursion: the figure's curve at k = 10⁴.
  values.powerLastRmsExact = Math.sqrt(lastOf(linearErrorMoments(p, e0, powerSteps(1, 0.6), 10000).meanSquare));

  // TD(0) on the five-state random walk.
  const td = (rule: TdStepRule) =>
    simulateTdRandomWalk({ states: 5, rule, episodes: 10000, runs: 100, seed: 40_000, checkpoints: TD_CHECKPOINTS });
  const tdConstant = td({ kind: 'constant', alpha: 0.1 });
  const tdCount = td({ kind: 'count', power: 1 });
  const tdPower = td({ kind: 'count', power: 0.6 });
  TD_CHECKPOINTS.forEach((ep, i) => {
    values[`tdConstant_${ep}`] = at(tdConstant, i);
    values[`tdCount_${ep}`] = at(tdCount, i);
    values[`tdPower_${ep}`] = at(tdPower, i);
  });
  values.tdCountSlope = logLogSlope([1000, 10000], [at(tdCount, 1), at(tdCount, 2)]);
  values.tdPowerSlope = logLogSlope([1000, 10000], [at(tdPower, 1), at(tdPower, 2)]);
  values.tdSlowestRate = randomWalkSlowestRate(5);

  const f = formatFixed;
  const printed: Record<string, string> = {
    emaVariance: f(values.emaVariance, 4),
    emaRms: f(values.emaRms, 3),
    emaVarianceSimulated: f(values.emaVarianceSimulated, 4),
    emaEffectiveSamples: f(values.emaEffectiveSamples, 0),
    frozenStepSum: f(values.frozenStepSum, 3),
    frozenFactor: f(values.frozenFactor, 4),
    frozenMeanExact: f(values.frozenMeanExact, 3),
    frozenMeanSimulated: f(values.frozenMeanSimulated, 3),
    inverseSquareLimitRms: f(values.inverseSquareLimitRms, 3),
    shiftedBiasAt91: `${f(values.shiftedBiasAt91 * 100, 0)}%`,
    penaltyRatio: f(values.penaltyRatio, 3),
    smallGainRatio: f(value(values, 'rmsAt10k_0_1') / value(values, 'rmsAt10k_1'), 0),
    slowBiasMillion: f(values.slowBiasMillion, 3),
    powerLastRmsSimulated: f(values.powerLastRmsSimulated, 4),
    powerAveragedRmsSimulated: f(values.powerAveragedRmsSimulated, 4),
    powerLastRmsExact: f(values.powerLastRmsExact, 4),
    tdSlowestRate: f(values.tdSlowestRate, 3),
    tdCountSlope: f(values.tdCountSlope, 2),
    tdPowerSlope: f(values.tdPowerSlope, 2),
  };
  for (const a of RATE_GAINS) {
    const key = gainKey(a);
    printed[`slopeExact_${key}`] = f(values[`slopeExact_${key}`] ?? Number.NaN, 2);
    printed[`slopeSimulated_${key}`] = f(values[`slopeSimulated_${key}`] ?? Number.NaN, 2);
    printed[`rmsAt10k_${key}`] = f(values[`rmsAt10k_${key}`] ?? Number.NaN, 4);
  }
  for (const ep of TD_CHECKPOINTS) {
    printed[`tdConstant_${ep}`] = f(values[`tdConstant_${ep}`] ?? Number.NaN, 3);
    printed[`tdCount_${ep}`] = f(values[`tdCount_${ep}`] ?? Number.NaN, 3);
    printed[`tdPower_${ep}`] = f(values[`tdPower_${ep}`] ?? Number.NaN, 3);
  }
  numbersCache = { printed: Object.freeze(printed), values: Object.freeze(values) };
  return numbersCache;
}

/** Episode numbers at which the TD experiment records its error. */
export const TD_CHECKPOINTS = [100, 1000, 10000] as const;

/** The key under which a gain a of `RATE_GAINS` is stored: 0.25 → "0_25". */
export function gainKey(a: number): string {
  return String(a).replace('.', '_');
}

function value(values: Readonly<Record<string, number>>, key: string): number {
  const x = values[key];
  if (x === undefined) throw new RangeError(`no value ${key}`);
  return x;
}

function lastOf(xs: readonly number[]): number {
  return at(xs, xs.length - 1);
}
