/**
 * Batch normalization and inverted dropout on plain arrays, following PyTorch's `nn.BatchNorm2d`
 * / `F.batch_norm` and `nn.Dropout` / `F.dropout` step by step.
 *
 * The article on `nn.Xxx` versus `nn.functional.xxx` quotes outputs of these two layers in
 * training and in evaluation mode, and draws how the running statistics approach the data
 * statistics. All of those numbers come from here, so text, figure and tests share one
 * implementation, and the tests pin it against values printed by PyTorch 1.13.
 *
 * Layout: an input is a list of channels, `x[c][k]`, where `k` runs over the m = N·H·W values
 * that channel c takes in the batch (batch norm reduces over N, H and W, never over C).
 */
import { mulberry32, normalSampler, type Uniform } from './random';

/** `eps` and `momentum` of `nn.BatchNorm2d`, named after its arguments. */
export interface BatchNormOptions {
  /** Added to the variance under the square root (`eps`). */
  readonly eps: number;
  /**
   * Weight of the new batch statistic in the running average (`momentum`); `null` selects the
   * cumulative average with factor 1/num_batches_tracked, as PyTorch does for `momentum=None`.
   */
  readonly momentum: number | null;
}

/**
 * PyTorch's defaults, `eps=1e-5, momentum=0.1` (in `_NormBase.__init__` and `F.batch_norm`),
 * exported so the article's statement of them is pinned by a test.
 */
export const BATCH_NORM_DEFAULTS: BatchNormOptions = Object.freeze({ eps: 1e-5, momentum: 0.1 });

/**
 * The three buffers of a batch-norm layer: `running_mean` (initialised to 0), `running_var`
 * (initialised to 1) and `num_batches_tracked` (0). Immutable, so a step is a pure function.
 */
export interface RunningStats {
  readonly mean: readonly number[];
  readonly variance: readonly number[];
  readonly numBatchesTracked: number;
}

/** Fresh buffers for `channels` channels, as `reset_running_stats()` leaves them. */
export function initRunningStats(channels: number): RunningStats {
  return {
    mean: new Array<number>(channels).fill(0),
    variance: new Array<number>(channels).fill(1),
    numBatchesTracked: 0,
  };
}

/** The statistics of one channel of one batch: mean, biased and unbiased variance. */
export interface ChannelStats {
  readonly mean: number;
  /** Σ(x − mean)² / m: what training-mode normalization divides by. */
  readonly biasedVar: number;
  /** Σ(x − mean)² / (m − 1): what enters the running variance. */
  readonly unbiasedVar: number;
}

/**
 * Mean and both variances of one channel. Throws for m < 2, as PyTorch does in training mode
 * ("Expected more than 1 value per channel when training"): the unbiased variance needs m ≥ 2.
 */
export function channelStats(values: readonly number[]): ChannelStats {
  const m = values.length;
  if (m < 2) throw new Error('batch norm needs more than 1 value per channel when training');
  const mean = values.reduce((s, v) => s + v, 0) / m;
  const sumSq = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, biasedVar: sumSq / m, unbiasedVar: sumSq / (m - 1) };
}

/** Optional affine parameters γ (`weight`, default 1) and β (`bias`, default 0), per channel. */
export interface Affine {
  readonly weight?: readonly number[];
  readonly bias?: readonly number[];
}

function normalize(
  values: readonly number[],
  mean: number,
  variance: number,
  eps: number,
  gamma: number,
  beta: number,
): number[] {
  const invStd = 1 / Math.sqrt(variance + eps);
  return values.map((v) => (v - mean) * invStd * gamma + beta);
}

function at(xs: readonly number[] | undefined, i: number, fallback: number): number {
  return xs?.[i] ?? fallback;
}

// #region batch-norm-train
/**
 * Training-mode forward (`bn.train()`, or `F.batch_norm(..., training=True)`): normalize every
 * channel with the statistics of this batch (biased variance), then update the buffers with
 * running ← (1 − momentum)·running + momentum·batch, using the unbiased variance.
 */
export function batchNormTrain(
  x: readonly (readonly number[])[],
  stats: RunningStats,
  options: Partial<BatchNormOptions> = {},
  affine: Affine = {},
): { y: number[][]; stats: RunningStats } {
  const { eps, momentum } = { ...BATCH_NORM_DEFAULTS, ...options };
  const tracked = stats.numBatchesTracked + 1;
  const factor = momentum === null ? 1 / tracked : momentum;
  const mean: number[] = [];
  const variance: number[] = [];
  const y = x.map((values, c) => {
    const s = channelStats(values);
    mean.push((1 - factor) * at(stats.mean, c, 0) + factor * s.mean);
    variance.push((1 - factor) * at(stats.variance, c, 1) + factor * s.unbiasedVar);
    return normalize(values, s.mean, s.biasedVar, eps, at(affine.weight, c, 1), at(affine.bias, c, 0));
  });
  return { y, stats: { mean, variance, numBatchesTracked: tracked } };
}
// #endregion batch-norm-train

// #region batch-norm-eval
/**
 * Evaluation-mode forward (`bn.eval()`, or `F.batch_norm` with its default `training=False`):
 * normalize with the running statistics; the buffers are read, never written.
 */
export function batchNormEval(
  x: readonly (readonly number[])[],
  stats: RunningStats,
  options: Partial<BatchNormOptions> = {},
  affine: Affine = {},
): number[][] {
  const { eps } = { ...BATCH_NORM_DEFAULTS, ...options };
  return x.map((values, c) =>
    normalize(
      values,
      at(stats.mean, c, 0),
      at(stats.variance, c, 1),
      eps,
      at(affine.weight, c, 1),
      at(affine.bias, c, 0),
    ),
  );
}
// #endregion batch-norm-eval

// #region dropout
/**
 * Inverted dropout, as `F.dropout(input, p, training)`: in training, zero each element with
 * probability p and scale the survivors by 1/(1 − p), so the expectation of every element is
 * unchanged; otherwise return the input as it is. The mask comes from a seeded source, so it
 * is reproducible here but is not the mask PyTorch's generator would draw.
 */
export function dropout(x: readonly number[], p: number, training: boolean, uniform: Uniform): number[] {
  if (p < 0 || p > 1) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return [...x];
  if (p === 1) return x.map(() => 0);
  const scale = 1 / (1 - p);
  return x.map((v) => (uniform() < p ? 0 : v * scale));
}
// #endregion dropout

/**
 * Turns an N×C×H×W nested array into the per-channel layout used here (`x[c]` lists the values
 * of channel c in the order n, h, w), so an example can be written as PyTorch's tensor literal.
 */
export function channelsOfNchw(x: readonly (readonly (readonly (readonly number[])[])[])[]): number[][] {
  const channels = x[0]?.length ?? 0;
  const out: number[][] = Array.from({ length: channels }, () => []);
  for (const sample of x) {
    sample.forEach((plane, c) => {
      for (const row of plane) out[c]?.push(...row);
    });
  }
  return out;
}

/** Fixed-point formatting that never prints "-0.0000" (a value that rounds to zero prints unsigned). */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Space-separated fixed-point values, the way the article's PyTorch snippets print a tensor. */
export function formatRow(xs: readonly number[], digits = 4): string {
  return xs.map((v) => formatFixed(v, digits)).join(' ');
}

/**
 * The article's worked example: `nn.BatchNorm2d(2)` on the (2, 2, 1, 2) batch whose channel 0
 * holds 1 2 5 8 and channel 1 holds 0 4 0 4. Returns the outputs and buffers after one training
 * step, the evaluation output right after it, and the same after 50 steps on the same batch,
 * with the strings the article prints.
 */
export function batchNormWorkedExample() {
  const input = [
    [[[1, 2]], [[0, 4]]],
    [[[5, 8]], [[0, 4]]],
  ];
  const x = channelsOfNchw(input);
  const ch0 = x[0] ?? [];
  const stats0 = x.map(channelStats);
  const step1 = batchNormTrain(x, initRunningStats(x.length));
  const eval1 = batchNormEval(x, step1.stats);
  let stats = step1.stats;
  for (let t = 1; t < 50; t++) stats = batchNormTrain(x, stats).stats;
  const eval50 = batchNormEval(x, stats);
  const f4 = (v: number) => formatFixed(v, 4);
  // Evaluation output after 50 steps over training output, element by element (channel 0). They
  // differ because running_mean (3.9794) has not yet reached the batch mean 4.
  const ratios50 = (eval50[0] ?? []).map((v, i) => v / (step1.y[0]?.[i] ?? Number.NaN));
  const printed = {
    trainOut: formatRow(step1.y[0] ?? []),
    runningMean1: formatRow(step1.stats.mean),
    runningVar1: formatRow(step1.stats.variance),
    evalOut1: formatRow(eval1[0] ?? []),
    runningMean50: formatRow(stats.mean),
    runningVar50: formatRow(stats.variance),
    evalOut50: formatRow(eval50[0] ?? []),
    unbiasedVar1: f4(stats0[1]?.unbiasedVar ?? Number.NaN),
    limitRatio: f4(Math.sqrt((ch0.length - 1) / ch0.length)),
    ratio50: f4(ratios50[0] ?? Number.NaN),
    ratio50Min: formatFixed(Math.min(...ratios50), 3),
    ratio50Max: formatFixed(Math.max(...ratios50), 3),
  };
  return { input, x, stats0, step1, eval1, stats50: stats, eval50, ratios50, printed };
}

/**
 * What is left of the initial buffer value after t updates with a given momentum, (1 − momentum)^t:
 * the exact weight of the initialisation in the running average.
 */
export function initialWeight(momentum: number, steps: number): number {
  return (1 - momentum) ** steps;
}

/**
 * The smallest number of updates after which the initial value weighs less than `target` in the
 * running average: the least t with (1 − momentum)^t < target.
 */
export function stepsUntilWeightBelow(momentum: number, target: number): number {
  let t = Math.ceil(Math.log(target) / Math.log(1 - momentum));
  while (initialWeight(momentum, t) >= target) t++;
  while (t > 0 && initialWeight(momentum, t - 1) < target) t--;
  return t;
}

/**
 * Stationary standard deviation of an exponential moving average with factor α of independent
 * inputs of standard deviation s: s·√(α/(2 − α)), from Var = (1 − α)²Var + α²s².
 */
export function emaStationaryStd(alpha: number, s: number): number {
  return s * Math.sqrt(alpha / (2 - alpha));
}

/**
 * The simulation behind the figure and the variance claims: every step draws a batch of
 * `batch` values from N(mean, std²) for one channel and updates the buffers of a batch-norm layer
 * in training mode. Runs each momentum from the same seed; `biased` records what the running
 * variance would be if the biased batch variance were averaged instead (not PyTorch's rule).
 */
export const RUNNING_STATS_DEMO = Object.freeze({
  mean: 2,
  std: 3,
  batch: 8,
  steps: 300,
  momenta: [0.1, 0.01] as const,
  seed: 20261129,
});

/** One trajectory of the running buffers, step 0 (the initial values) to `steps`. */
export interface RunningTrace {
  readonly momentum: number;
  readonly mean: number[];
  readonly variance: number[];
  readonly biasedVariance: number[];
}

/**
 * Trajectories of running_mean and running_var for the given momentum, from `batchNormTrain`
 * itself; the same seed gives the same batches for every momentum, so curves differ only by it.
 */
export function runningStatsTrace(
  momentum: number,
  steps: number = RUNNING_STATS_DEMO.steps,
  seed: number = RUNNING_STATS_DEMO.seed,
): RunningTrace {
  const draw = normalSampler(mulberry32(seed));
  let stats = initRunningStats(1);
  let biased = 1;
  const mean = [0];
  const variance = [1];
  const biasedVariance = [1];
  for (let t = 0; t < steps; t++) {
    const batch = Array.from(
      { length: RUNNING_STATS_DEMO.batch },
      () => RUNNING_STATS_DEMO.mean + RUNNING_STATS_DEMO.std * draw(),
    );
    stats = batchNormTrain([batch], stats, { momentum }).stats;
    biased = (1 - momentum) * biased + momentum * channelStats(batch).biasedVar;
    mean.push(stats.mean[0] ?? Number.NaN);
    variance.push(stats.variance[0] ?? Number.NaN);
    biasedVariance.push(biased);
  }
  return { momentum, mean, variance, biasedVariance };
}

/**
 * Long-run behaviour of the buffers, measured on one long simulated run after a burn-in of
 * 10/momentum steps (so the initial values weigh less than e^-10): the time averages of the
 * running variance under PyTorch's unbiased rule and under the biased alternative, and the
 * standard deviation of running_mean around the data mean, next to its prediction.
 */
export function runningStatsLongRun(momentum: number, steps = 40000, seed = RUNNING_STATS_DEMO.seed + 1) {
  const trace = runningStatsTrace(momentum, steps, seed);
  const burnIn = Math.ceil(10 / momentum);
  const tail = (xs: number[]) => xs.slice(burnIn + 1);
  const avg = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const { mean, std, batch } = RUNNING_STATS_DEMO;
  const meanTail = tail(trace.mean);
  const meanStd = Math.sqrt(avg(meanTail.map((v) => (v - mean) ** 2)));
  const predictedMeanStd = emaStationaryStd(momentum, std / Math.sqrt(batch));
  return {
    momentum,
    varianceAverage: avg(tail(trace.variance)),
    biasedVarianceAverage: avg(tail(trace.biasedVariance)),
    meanStd,
    predictedMeanStd,
  };
}

/** The numbers the article quotes about the running buffers, computed and formatted here. */
export function runningStatsNumbers() {
  const { std, batch, momenta } = RUNNING_STATS_DEMO;
  const runs = momenta.map((m) => runningStatsLongRun(m));
  const f4 = (v: number) => formatFixed(v, 4);
  const f3 = (v: number) => formatFixed(v, 3);
  const f2 = (v: number) => formatFixed(v, 2);
  return {
    runs,
    printed: {
      initialWeight10: f4(initialWeight(0.1, 10)),
      initialWeight50: f4(initialWeight(0.1, 50)),
      initialWeight100Slow: f4(initialWeight(0.01, 100)),
      initialWeight300Slow: f4(initialWeight(0.01, 300)),
      stepsTo1PercentFast: String(stepsUntilWeightBelow(0.1, 0.01)),
      stepsTo1PercentSlow: String(stepsUntilWeightBelow(0.01, 0.01)),
      biasedLimit: f3(((batch - 1) / batch) * std * std),
      varianceAverageFast: f2(runs[0]?.varianceAverage ?? Number.NaN),
      biasedAverageFast: f2(runs[0]?.biasedVarianceAverage ?? Number.NaN),
      varianceAverageSlow: f2(runs[1]?.varianceAverage ?? Number.NaN),
      biasedAverageSlow: f2(runs[1]?.biasedVarianceAverage ?? Number.NaN),
      meanStdFast: f3(runs[0]?.meanStd ?? Number.NaN),
      predictedMeanStdFast: f3(runs[0]?.predictedMeanStd ?? Number.NaN),
      meanStdSlow: f3(runs[1]?.meanStd ?? Number.NaN),
      predictedMeanStdSlow: f3(runs[1]?.predictedMeanStd ?? Number.NaN),
    },
  };
}

/**
 * A small seeded dropout demonstration: one mask on eight ones (p = 0.5), and on 10 000 ones
 * the fraction zeroed and the mean of the output, which inverted dropout keeps near 1.
 */
export function dropoutDemo(seed = 7) {
  const small = dropout(new Array<number>(8).fill(1), 0.5, true, mulberry32(seed));
  const big = dropout(new Array<number>(10000).fill(1), 0.5, true, mulberry32(seed + 1));
  const zeroFraction = big.filter((v) => v === 0).length / big.length;
  const mean = big.reduce((s, v) => s + v, 0) / big.length;
  return {
    small,
    zeroFraction,
    mean,
    printed: {
      small: small.map((v) => String(v)).join(' '),
      zeroFraction: formatFixed(zeroFraction, 4),
      mean: formatFixed(mean, 4),
    },
  };
}
