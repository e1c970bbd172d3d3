import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/numerics/random';
import {
  attentionEntropy,
  COSINE_SCHEDULE,
  centerCrop,
  cfmWeight,
  constantImageUncertainty,
  cosineLastStepContraction,
  cosineLastStepOvershoot,
  cosineOverRfScale,
  cosMap,
  cosMapDensity,
  cosMapInverse,
  ddimStep,
  densityPeak,
  edmWeight,
  edmWeightUnified,
  epsilonLossWeight,
  eulerPath,
  exactEndpoint,
  figureFacts,
  formatSigned,
  imageTokens,
  inverseTransformSampler,
  logit,
  logitNormalBimodalThreshold,
  logitNormalDensity,
  logitNormalEndMass,
  logitNormalModes,
  logitNormalSampler,
  logSnr,
  logSnrDerivative,
  MODE_SCALE_GRID,
  MODE_SCALE_MAX,
  MODE_SCALE_MIN,
  marginalVelocity,
  mmditBlockParameters,
  mmditHiddenSize,
  mmditLastBlockOvercount,
  modeDensity,
  modeTransform,
  modeTransformDerivative,
  modeTransformInverse,
  normalCdf,
  normalDensity,
  PAPER_MODE_SCALE,
  PATHS_DEMO,
  pathsDemoCosineMisses,
  pathsDemoNoise,
  positionGrid,
  posteriorLeakLog10,
  posteriorMean,
  qkNormDemo,
  RF_SCHEDULE,
  referenceSamplingGrid,
  resolutionShift,
  rfLogitNormalWeight,
  rfLogSnr,
  rfOverEdmWeightRange,
  rfTimeFromLogSnr,
  rk4Path,
  rmsNorm,
  type Schedule,
  SD3_REPORTED,
  sd3Numbers,
  shiftTimestep,
  sigmoid,
  sincosEmbedding2d,
  TEXT_TOKENS,
  TOY_DATA,
  TOY_EXPERIMENT,
  textTokens,
  timeGrid,
  toyExperiment,
  type Vec2,
  vLossWeight,
} from '../../src/numerics/rectified-flow';

const article = readFileSync(new URL('../../content/stable-diffusion-3.md', import.meta.url), 'utf8');

/** Composite Simpson rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 20000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

const COS: Schedule = COSINE_SCHEDULE;

describe('logit-normal timesteps', () => {
  it('logit and sigmoid are inverse to each other', () => {
    for (const t of [1e-6, 0.1, 0.5, 0.73, 0.999]) expect(sigmoid(logit(t))).toBeCloseTo(t, 12);
  });

  it('each density integrates to 1', () => {
    for (const [m, s] of [
      [0, 1],
      [1, 0.6],
      [0.5, 0.6],
      [-0.5, 1],
      [0, 2.2],
    ] as const) {
      expect(
        simpson((t) => logitNormalDensity(t, m, s), 0, 1),
        `lognorm(${m}, ${s})`,
      ).toBeCloseTo(1, 6);
    }
  });

  it('has the closed-form peak 4/√(2π) at t = 1/2 for m = 0, s = 1 and vanishes at both ends', () => {
    expect(logitNormalDensity(0.5, 0, 1)).toBeCloseTo(4 / Math.sqrt(2 * Math.PI), 12);
    expect(logitNormalDensity(0, 0, 1)).toBe(0);
    expect(logitNormalDensity(1, 0, 1)).toBe(0);
    expect(logitNormalDensity(1e-4, 0, 1)).toBeLessThan(1e-12);
  });

  it('is unimodal for s < √2 and has a local minimum at 1/2 for s > √2', () => {
    const d = (t: number, s: number) => logitNormalDensity(t, 0, s);
    expect(d(0.5, 1.35)).toBeGreaterThan(d(0.48, 1.35));
    expect(d(0.5, 1.48)).toBeLessThan(d(0.48, 1.48));
  });

  it('becomes bimodal at s = √2 for m = 0 (φ″(0) = ½ − 1/s²) and only later for m ≠ 0', () => {
    expect(logitNormalModes(0, 1)).toHaveLength(1);
    expect(logitNormalModes(0, 1.5)).toHaveLength(2);
    expect(logitNormalModes(1, 1.9)).toHaveLength(1);
    expect(logitNormalModes(1, 2.1)).toHaveLength(2);
    expect(logitNormalBimodalThreshold(0)).toBeCloseTo(Math.SQRT2, 4);
    const m1 = logitNormalBimodalThreshold(1);
    expect(m1).toBeGreaterThan(Math.SQRT2 + 0.3);
    // u ↦ −u maps lognorm(m, s) to lognorm(−m, s).
    expect(logitNormalBimodalThreshold(-1)).toBeCloseTo(m1, 6);
    // For s < √2 the log-density in u is strictly concave, so no m can make it bimodal.
    for (const m of [-1.5, -0.5, 0.3, 2]) expect(logitNormalModes(m, 1.4)).toHaveLength(1);
    const p = sd3Numbers();
    expect(article).toContain(`$m=0$ 时，当 $s>\\sqrt2\\approx ${p.bimodalScale}$ 时分布变成双峰`);
    expect(article).toContain(`$m=\\pm1$ 时约为 ${p.bimodalScaleM1}`);
  });

  it('lognorm(0, 2.2) peaks near both ends; its modes solve u = s² tanh(u/2)', () => {
    // Independent: fixed-point iteration for the positive stationary point in u.
    const s = 2.2;
    let u = 3;
    for (let i = 0; i < 200; i++) u = s * s * Math.tanh(u / 2);
    const modes = logitNormalModes(0, s);
    expect(modes).toHaveLength(2);
    expect(modes[1]?.t).toBeCloseTo(sigmoid(u), 10);
    expect(modes[0]?.t).toBeCloseTo(1 - sigmoid(u), 10);
    const height = Math.exp(-(u * u) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI) * sigmoid(u) * (1 - sigmoid(u)));
    expect(modes[0]?.value).toBeCloseTo(height, 8);
    expect(height).toBeGreaterThan(2);
    const p = sd3Numbers();
    expect([p.wideModeLow, p.wideModeHigh, p.wideModePeak]).toEqual(['0.0085', '0.9915', '2.07']);
    expect(article).toContain(
      `在 $t\\approx ${p.wideModeLow}$ 和 $${p.wideModeHigh}$ 处各有一个高约 ${p.wideModePeak} 的峰，落在上述两端区间的概率达 ${p.endMass22}%`,
    );
  });

  it('puts 0.3% of its mass within 0.05 of the ends for s = 1, and 18% for s = 2.2', () => {
    for (const x of [-2, -0.7, 0, 0.4, 1.9]) {
      expect(normalCdf(x)).toBeCloseTo(0.5 + simpson((y) => normalDensity(y, 0, 1), 0, x, 2000), 6);
    }
    for (const s of [1, 2.2]) {
      const ends =
        simpson((t) => logitNormalDensity(t, 0, s), 0, 0.05, 4000) +
        simpson((t) => logitNormalDensity(t, 0, s), 0.95, 1, 4000);
      expect(logitNormalEndMass(0, s, 0.05)).toBeCloseTo(ends, 6);
    }
    const p = sd3Numbers();
    expect(p.endMass1).toBe('0.3');
    expect(p.endMass22).toBe('18');
    expect(article).toContain(`\`lognorm(0.00, 1.00)\` 落在 $t<0.05$ 或 $t>0.95$ 的概率只有 ${p.endMass1}%`);
  });

  it('sampled through the logistic function, matches the density bin by bin', () => {
    const sample = logitNormalSampler(mulberry32(3), 0.5, 0.8);
    expectHistogramMatches(sample, (t) => logitNormalDensity(t, 0.5, 0.8));
  });

  it('makes λ = −2 logit(t) normal with mean −2m and standard deviation 2s', () => {
    const sample = logitNormalSampler(mulberry32(9), 0.3, 0.7);
    const lambdas = Array.from({ length: 100_000 }, () => rfLogSnr(sample()));
    const mean = lambdas.reduce((a, b) => a + b, 0) / lambdas.length;
    const sd = Math.sqrt(lambdas.reduce((a, b) => a + (b - mean) ** 2, 0) / lambdas.length);
    expect(mean).toBeCloseTo(-0.6, 1);
    expect(sd).toBeCloseTo(1.4, 1);
  });
});

/** Compares a histogram of 100 000 draws with the probability each bin should get (5σ tolerance). */
function expectHistogramMatches(sample: () => number, density: (t: number) => number, bins = 20): void {
  const n = 100_000;
  const counts = new Array<number>(bins).fill(0);
  let lo = 1;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const t = sample();
    if (t < lo) lo = t;
    if (t > hi) hi = t;
    const k = Math.min(bins - 1, Math.floor(t * bins));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  expect(lo).toBeGreaterThanOrEqual(0);
  expect(hi).toBeLessThanOrEqual(1);
  counts.forEach((c, k) => {
    const p = simpson(density, k / bins, (k + 1) / bins, 400);
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(c - n * p), `bin ${k}`).toBeLessThan(5 * sd + 1);
  });
}

describe('mode sampling with heavy tails', () => {
  it('is monotone exactly on −1 ≤ s ≤ 2/(π − 2)', () => {
    expect(MODE_SCALE_MIN).toBe(-1);
    expect(MODE_SCALE_MAX).toBeCloseTo(1.7519, 4);
    const us = Array.from({ length: 1001 }, (_, i) => i / 1000);
    for (const s of [MODE_SCALE_MIN, -0.5, 0, 1, 1.29, MODE_SCALE_MAX]) {
      for (const u of us) expect(modeTransformDerivative(u, s)).toBeLessThanOrEqual(1e-12);
    }
    // Just outside the range the derivative turns positive somewhere.
    expect(Math.max(...us.map((u) => modeTransformDerivative(u, MODE_SCALE_MAX + 0.01)))).toBeGreaterThan(0);
    expect(Math.max(...us.map((u) => modeTransformDerivative(u, -1.01)))).toBeGreaterThan(0);
    expect(() => modeDensity(0.5, 1.8)).toThrow(RangeError);
  });

  it("the paper's grid read as 7 evenly spaced scales from −1 to 1.75: its `mode(1.29)` is then 31/24 = 1.2917", () => {
    expect(MODE_SCALE_GRID).toHaveLength(7);
    expect(MODE_SCALE_GRID[0]).toBe(-1);
    expect(MODE_SCALE_GRID[6]).toBeCloseTo(1.75, 14);
    expect(PAPER_MODE_SCALE).toBeCloseTo(31 / 24, 14);
    // Hand computation at s = 31/24: ends 24/55 = 0.436…, peak 1/(55/24 − 31π/48) = 3.806…
    expect(modeDensity(0, PAPER_MODE_SCALE)).toBeCloseTo(24 / 55, 8);
    expect(modeDensity(0.5, PAPER_MODE_SCALE)).toBeCloseTo(3.8063, 3);
    // Rounding s to 1.29 would move the printed peak to 3.79: the difference is visible.
    expect(modeDensity(0.5, 1.29).toFixed(2)).toBe('3.79');
  });

  it('maps 0 to 1 and 1 to 0, and its inverse inverts it', () => {
    for (const s of [-1, 0.4, 1.29]) {
      expect(modeTransform(0, s)).toBeCloseTo(1, 14);
      expect(modeTransform(1, s)).toBeCloseTo(0, 14);
      for (const t of [0.05, 0.3, 0.5, 0.9]) expect(modeTransform(modeTransformInverse(t, s), s)).toBeCloseTo(t, 12);
    }
  });

  it('is uniform for s = 0 and has the closed forms 1/(1 + s) at the ends and 1/(1 + s − sπ/2) at 1/2', () => {
    for (const t of [0, 0.2, 0.5, 0.99]) expect(modeDensity(t, 0)).toBeCloseTo(1, 10);
    for (const s of [-0.5, 0.8, 1.29]) {
      expect(modeDensity(0, s)).toBeCloseTo(1 / (1 + s), 8);
      expect(modeDensity(1, s)).toBeCloseTo(1 / (1 + s), 8);
      expect(modeDensity(0.5, s)).toBeCloseTo(1 / (1 + s - (s * Math.PI) / 2), 8);
    }
  });

  it('each density integrates to 1', () => {
    for (const s of [-0.5, 0.375, 0.8333, 1.29]) {
      expect(
        simpson((t) => modeDensity(t, s), 0, 1, 4000),
        `mode(${s})`,
      ).toBeCloseTo(1, 4);
    }
  });

  it('inverse-transform samples match the density', () => {
    expectHistogramMatches(
      inverseTransformSampler(mulberry32(4), (u) => modeTransform(u, 1.29)),
      (t) => modeDensity(t, 1.29),
    );
  });
});

describe('CosMap', () => {
  it('matches the cosine schedule log-SNR: λ_RF(f(u)) = 2 log cot(πu/2)', () => {
    for (const u of [0.1, 0.4, 0.77]) {
      expect(rfLogSnr(cosMap(u))).toBeCloseTo(2 * Math.log(1 / Math.tan((Math.PI / 2) * u)), 10);
      expect(cosMapInverse(cosMap(u))).toBeCloseTo(u, 12);
    }
  });

  it('has density 4/π at 1/2 and 2/π at the ends, integrates to 1, and matches its samples', () => {
    expect(cosMapDensity(0.5)).toBeCloseTo(4 / Math.PI, 12);
    expect(cosMapDensity(0)).toBeCloseTo(2 / Math.PI, 12);
    expect(simpson(cosMapDensity, 0, 1)).toBeCloseTo(1, 10);
    // The density is the derivative of the inverse map.
    const h = 1e-6;
    expect((cosMapInverse(0.3 + h) - cosMapInverse(0.3 - h)) / (2 * h)).toBeCloseTo(cosMapDensity(0.3), 6);
    expectHistogramMatches(inverseTransformSampler(mulberry32(5), cosMap), cosMapDensity);
  });
});

describe('unified view of the losses', () => {
  it('RF: λ = 2 log((1 − t)/t), CFM weight t/(1 − t) = e^(−λ/2), conditional velocity ε − x₀', () => {
    for (const t of [0.1, 0.5, 0.8]) {
      const lambda = logSnr(RF_SCHEDULE, t);
      expect(lambda).toBeCloseTo(2 * Math.log((1 - t) / t), 12);
      expect(logSnrDerivative(RF_SCHEDULE, t)).toBeCloseTo(-2 / (t * (1 - t)), 10);
      expect(cfmWeight(RF_SCHEDULE, t)).toBeCloseTo(t / (1 - t), 12);
      expect(cfmWeight(RF_SCHEDULE, t)).toBeCloseTo(Math.exp(-lambda / 2), 12);
      expect(rfTimeFromLogSnr(lambda)).toBeCloseTo(t, 12);
      // u(z|ε) = (a'/a) z − (b/2) λ' ε equals ε − x₀ on the path.
      const x0 = 1.7;
      const eps = -0.4;
      const z = (1 - t) * x0 + t * eps;
      const u =
        (RF_SCHEDULE.da(t) / RF_SCHEDULE.a(t)) * z - (RF_SCHEDULE.b(t) / 2) * logSnrDerivative(RF_SCHEDULE, t) * eps;
      expect(u).toBeCloseTo(eps - x0, 12);
    }
  });

  it('cosine: ε-loss weight is sech(λ/2)/π, v-loss weight is (2/π)e^(−λ/2), and RF/v-cos = π/2 everywhere', () => {
    for (const t of [0.05, 0.3, 0.5, 0.9]) {
      const lambda = logSnr(COS, t);
      expect(epsilonLossWeight(COS, t)).toBeCloseTo(1 / Math.cosh(lambda / 2) / Math.PI, 10);
      expect(vLossWeight(COS, t)).toBeCloseTo((2 / Math.PI) * Math.exp(-lambda / 2), 10);
      const tRf = rfTimeFromLogSnr(lambda);
      expect(cfmWeight(RF_SCHEDULE, tRf) / vLossWeight(COS, t)).toBeCloseTo(Math.PI / 2, 10);
    }
    expect(sd3Numbers().vCosRatio).toBe('1.5708');
  });

  it('cosine: the v target a_t ε − b_t x₀ is not the ODE velocity, which is (π/2)·v', () => {
    // d/dt (cos(πt/2) x₀ + sin(πt/2) ε) = (π/2)(cos(πt/2) ε − sin(πt/2) x₀), by hand.
    const [x0, eps] = [1.3, -0.4];
    for (const t of [0.1, 0.5, 0.8]) {
      const velocity = COS.da(t) * x0 + COS.db(t) * eps;
      const v = COS.a(t) * eps - COS.b(t) * x0;
      expect(velocity).toBeCloseTo((Math.PI / 2) * v, 12);
      expect(Math.abs(velocity - v)).toBeGreaterThan(0.1);
    }
  });

  it('RF with logit-normal timesteps has weight 2·N(λ | −2m, (2s)²)(1 + e^(−λ/2))², a cousin of EDM', () => {
    for (const lambda of [-4, -1, 0, 2.5]) {
      const t = rfTimeFromLogSnr(lambda);
      const direct = (t / (1 - t)) * logitNormalDensity(t, 0.3, 0.9);
      expect(rfLogitNormalWeight(lambda, 0.3, 0.9)).toBeCloseTo(direct, 10);
    }
    expect(edmWeight(0, 0, 1)).toBeCloseTo(normalDensity(0, 0, 2) * 1.25, 12);
  });

  it('in the normalisation ½∫w dλ, EDM weighs 8× the paper’s formula (closed-form expected losses)', () => {
    // ½∫w_EDM dλ must be EDM's mean loss factor E[(b² + σ_d²)/σ_d²] = 1 + 4E[b²], E[b²] = e^(2P_m + 2P_s²).
    // ½∫w_RF dλ must be the RF mean factor E[1/(1 − t)²] = E[(1 + e^u)²] = 1 + 2e^(m + s²/2) + e^(2m + 2s²).
    for (const [m, s] of [
      [0, 1],
      [-1.2, 1.2],
      [0.5, 0.6],
    ] as const) {
      const half = (w: (l: number) => number) => 0.5 * simpson(w, -60, 60, 40000);
      expect(half((l) => edmWeightUnified(l, m, s))).toBeCloseTo(1 + 4 * Math.exp(2 * m + 2 * s * s), 6);
      expect(half((l) => edmWeightUnified(l, m, s)) / half((l) => edmWeight(l, m, s))).toBeCloseTo(8, 8);
      expect(half((l) => rfLogitNormalWeight(l, m, s))).toBeCloseTo(
        1 + 2 * Math.exp(m + (s * s) / 2) + Math.exp(2 * m + 2 * s * s),
        6,
      );
    }
  });

  it('RF-lognorm / EDM = (1 + r)²/(4r² + 1), r = e^(−λ/2): within [¼, 5/4], a spread of 5', () => {
    for (const lambda of [-5, -1, 0, 1.3, 6]) {
      const r = Math.exp(-lambda / 2);
      for (const [m, s] of [
        [0, 1],
        [0.7, 0.4],
      ] as const) {
        expect(rfLogitNormalWeight(lambda, m, s) / edmWeightUnified(lambda, m, s)).toBeCloseTo(
          (1 + r) ** 2 / (4 * r * r + 1),
          10,
        );
      }
    }
    const range = rfOverEdmWeightRange();
    expect(range.max).toBeCloseTo(1.25, 6);
    expect(range.argmax).toBeCloseTo(2 * Math.log(4), 2);
    expect(range.min).toBeGreaterThan(0.25);
    expect(range.min).toBeLessThan(0.25 + 1e-6);
    const p = sd3Numbers();
    expect([p.weightRatioMin, p.weightRatioMax, p.weightRatioSpread]).toEqual(['0.25', '1.25', '5']);
    expect(article).toContain(
      `所以比值落在 $[${p.weightRatioMin}, ${p.weightRatioMax}]$ 内，随 $\\lambda$ 的变化不超过 ${p.weightRatioSpread} 倍`,
    );
  });

  it('at equal λ the cosine input is (1 + e^(λ/2))/√(1 + e^λ) times the RF input, at most √2', () => {
    for (const u of [0.05, 0.3, 0.5, 0.77, 0.95]) {
      const lambda = logSnr(COS, u);
      const t = rfTimeFromLogSnr(lambda);
      expect(cosineOverRfScale(lambda)).toBeCloseTo(COS.a(u) / RF_SCHEDULE.a(t), 12);
      expect(cosineOverRfScale(lambda)).toBeLessThanOrEqual(Math.SQRT2 + 1e-15);
    }
    expect(cosineOverRfScale(0)).toBeCloseTo(Math.SQRT2, 14);
    expect(cosineOverRfScale(-60)).toBeCloseTo(1, 12);
    expect(cosineOverRfScale(60)).toBeCloseTo(1, 12);
    const p = sd3Numbers();
    expect(article).toContain(`在 $\\lambda=0$ 处最大，为 $\\sqrt2\\approx ${p.cosRfScaleMax}$`);
  });
});

describe('resolution-dependent timestep shift', () => {
  it('lowers the RF log-SNR by exactly 2 log α', () => {
    for (const alpha of [0.5, 1.5, 3, 4]) {
      for (const t of [0.05, 0.3, 0.5, 0.95]) {
        expect(rfLogSnr(shiftTimestep(t, alpha))).toBeCloseTo(rfLogSnr(t) - 2 * Math.log(alpha), 10);
      }
    }
  });

  it('composes: shift(shift(t, α), β) = shift(t, αβ), and α = 1 is the identity', () => {
    for (const t of [0.1, 0.5, 0.77]) {
      expect(shiftTimestep(shiftTimestep(t, 1.5), 2)).toBeCloseTo(shiftTimestep(t, 3), 14);
      expect(shiftTimestep(shiftTimestep(t, 3), 1 / 3)).toBeCloseTo(t, 14);
      expect(shiftTimestep(t, 1)).toBe(t);
    }
    expect(() => shiftTimestep(0.5, 0)).toThrow(RangeError);
  });

  it('equates the uncertainty about a constant image across resolutions', () => {
    const n = 256 * 256;
    const m = 1024 * 1024;
    const alpha = resolutionShift(n, m);
    expect(alpha).toBe(4);
    for (const t of [0.2, 0.5, 0.9]) {
      expect(constantImageUncertainty(shiftTimestep(t, alpha), m)).toBeCloseTo(constantImageUncertainty(t, n), 12);
    }
    // Doubling width and height halves the uncertainty at a fixed t.
    expect(constantImageUncertainty(0.4, 4 * n) / constantImageUncertainty(0.4, n)).toBeCloseTo(0.5, 12);
  });

  it('the sample-mean estimator of a constant image has exactly that standard deviation', () => {
    const rng = mulberry32(21);
    const pixels = 64;
    const t = 0.6;
    const c = 0.8;
    const estimates: number[] = [];
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    for (let k = 0; k < 20000; k++) {
      let sum = 0;
      for (let i = 0; i < pixels; i++) sum += (1 - t) * c + t * normal();
      estimates.push(sum / ((1 - t) * pixels));
    }
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / estimates.length);
    expect(mean).toBeCloseTo(c, 2);
    expect(sd / constantImageUncertainty(t, pixels)).toBeCloseTo(1, 1);
  });

  it('turns lognorm(m, s) into lognorm(m + log α, s)', () => {
    const alpha = 3;
    for (const t of [0.2, 0.5, 0.8]) {
      // Density of the shifted variable: π_ln(t₀)·dt₀/dt with t₀ = shift(t, 1/α).
      const t0 = shiftTimestep(t, 1 / alpha);
      const h = 1e-6;
      const jac = (shiftTimestep(t + h, 1 / alpha) - shiftTimestep(t - h, 1 / alpha)) / (2 * h);
      expect(logitNormalDensity(t0, 0, 1) * jac).toBeCloseTo(logitNormalDensity(t, Math.log(alpha), 1), 6);
    }
  });

  it('the reference/diffusers grid: linspace(1, shift(1/1000), N), shifted again, then 0', () => {
    const n = 28;
    const ours = timeGrid(n, 3);
    const ref = referenceSamplingGrid(n, 3);
    expect(ours).toHaveLength(n + 1);
    expect(ref).toHaveLength(n + 1);
    expect(ref[0]).toBe(1);
    expect(ref[n]).toBe(0);
    for (let k = 0; k < n; k++) expect(ref[k + 1] ?? 0).toBeLessThan(ref[k] ?? 0);
    // Ours: shift(2/28) = 6/32, shift(1/28) = 3/30 = α/(N + α − 1).
    expect(ours[n - 2]).toBeCloseTo(0.1875, 14);
    expect(ours[n - 1]).toBeCloseTo(0.1, 14);
    // Reference, by hand: σ_min = 0.003/1.002; point 26 of 0…27 is (1 + 26σ_min)/27 = 0.0399202, shifted
    // 0.1197605/1.0798403 = 0.110906; the last point is shift(σ_min) = 0.009/1.008 = 0.0089286.
    const sigmaMin = 0.003 / 1.002;
    expect(ref[n - 2]).toBeCloseTo(0.110906, 5);
    expect(ref[n - 1]).toBeCloseTo(0.009 / 1.008, 12);
    expect(ref[n - 1]).toBeCloseTo(shiftTimestep(sigmaMin, 3), 12);
    // Shifting twice by α is shifting once by α²: the last evaluation is 1/1000 shifted by 9.
    expect(ref[n - 1]).toBeCloseTo(shiftTimestep(1 / 1000, 9), 14);
    // Without a shift the reference grid is linspace(1, 1/1000, N) followed by 0.
    const plain = referenceSamplingGrid(4, 1);
    expect(plain.map((x) => Number(x.toFixed(12)))).toEqual([1, 0.667, 0.334, 0.001, 0]);
    expect(referenceSamplingGrid(1, 3)).toEqual([1, 0]);
    expect(() => referenceSamplingGrid(0, 3)).toThrow(RangeError);
  });

  it('timeGrid runs from 1 to 0 and crowds the shifted grid towards the noise end', () => {
    const plain = timeGrid(10);
    const shifted = timeGrid(10, 3);
    expect(plain[0]).toBe(1);
    expect(plain[10]).toBe(0);
    expect(shifted[0]).toBe(1);
    expect(shifted[10]).toBe(0);
    expect((shifted[0] ?? 0) - (shifted[1] ?? 0)).toBeLessThan((plain[0] ?? 0) - (plain[1] ?? 0));
    expect(() => timeGrid(0)).toThrow(RangeError);
  });
});

describe('toy problem: straight versus curved paths', () => {
  const toy = toyExperiment();

  it('RF and cosine trajectories coincide up to the scale a_cos/a_RF at equal log-SNR', () => {
    const start: Vec2 = [0.4, -0.3];
    const tCos = 0.4;
    const tRf = rfTimeFromLogSnr(logSnr(COS, tCos));
    const zCos = rk4Path(COS, start, tCos, 4000).at(-1) ?? start;
    const zRf = rk4Path(RF_SCHEDULE, start, tRf, 4000).at(-1) ?? start;
    const scale = COS.a(tCos) / RF_SCHEDULE.a(tRf);
    expect(zCos[0]).toBeCloseTo(scale * zRf[0], 6);
    expect(zCos[1]).toBeCloseTo(scale * zRf[1], 6);
  });

  it('the exact endpoints are data points, the same for both schedules', () => {
    for (let i = 0; i < 20; i++) {
      const e = toy.noise[i] ?? [0, 0];
      const rf = toy.exact[i] ?? [0, 0];
      const cos = exactEndpoint(COS, e, 2000, 1e-4);
      expect(TOY_DATA.some(([x, y]) => Math.hypot(rf[0] - x, rf[1] - y) < 1e-9)).toBe(true);
      expect(Math.hypot(cos[0] - rf[0], cos[1] - rf[1])).toBeLessThan(1e-9);
    }
  });

  it('posterior mean and velocity: uniform posterior at t = 1, and RF velocity (z − x̂₀)/t', () => {
    const mean: Vec2 = [TOY_DATA.reduce((s, p) => s + p[0], 0) / 3, TOY_DATA.reduce((s, p) => s + p[1], 0) / 3];
    const post = posteriorMean(RF_SCHEDULE, 1, [0.3, 0.9]);
    expect(post[0]).toBeCloseTo(mean[0], 12);
    expect(post[1]).toBeCloseTo(mean[1], 12);
    const z: Vec2 = [0.5, -1];
    const t = 0.37;
    const [hx, hy] = posteriorMean(RF_SCHEDULE, t, z);
    const [vx, vy] = marginalVelocity(RF_SCHEDULE, t, z);
    expect(vx).toBeCloseTo((z[0] - hx) / t, 12);
    expect(vy).toBeCloseTo((z[1] - hy) / t, 12);
  });

  it('one RF Euler step lands every sample on the data mean', () => {
    const mean: Vec2 = [TOY_DATA.reduce((s, p) => s + p[0], 0) / 3, TOY_DATA.reduce((s, p) => s + p[1], 0) / 3];
    for (const e of toy.noise.slice(0, 10)) {
      const end = eulerPath((t, z) => marginalVelocity(RF_SCHEDULE, t, z), e, [1, 0]).at(-1) ?? e;
      expect(end[0]).toBeCloseTo(mean[0], 12);
      expect(end[1]).toBeCloseTo(mean[1], 12);
    }
    const nearest = Math.min(...TOY_DATA.map(([x, y]) => Math.hypot(x - mean[0], y - mean[1])));
    expect(toy.meanToNearest).toBeCloseTo(nearest, 12);
  });

  it('with a single data point, one RF Euler step is exact but one cosine step is not', () => {
    const data: Vec2[] = [[1.5, -0.5]];
    const e: Vec2 = [0.2, 0.7];
    const rf = eulerPath((t, z) => marginalVelocity(RF_SCHEDULE, t, z, data), e, [1, 0]).at(-1) ?? e;
    const cos = eulerPath((t, z) => marginalVelocity(COS, t, z, data), e, [1, 0]).at(-1) ?? e;
    expect(rf[0]).toBeCloseTo(1.5, 12);
    expect(rf[1]).toBeCloseTo(-0.5, 12);
    // Cosine: z₀ = ε + (π/2)x₀, far from x₀.
    expect(cos[0]).toBeCloseTo(0.2 + (Math.PI / 2) * 1.5, 12);
    expect(cos[1]).toBeCloseTo(0.7 - (Math.PI / 2) * 0.5, 12);
  });

  it("RF's Euler step is DDIM's step, including the first step from t = 1", () => {
    for (const [t, tNext, z] of [
      [1, 0.6, [0.3, -1.2]],
      [0.6, 0.3, [1.1, 0.4]],
      [0.3, 0.05, [-1.6, 1.2]],
    ] as [number, number, Vec2][]) {
      const euler = eulerPath((s, zz) => marginalVelocity(RF_SCHEDULE, s, zz), z, [t, tNext]).at(-1) ?? z;
      const ddim = ddimStep(RF_SCHEDULE, t, tNext, z);
      expect(ddim[0]).toBeCloseTo(euler[0], 12);
      expect(ddim[1]).toBeCloseTo(euler[1], 12);
    }
  });

  it('for t < 1, DDIM is Euler in ς = b/a on z̄ = z/a, for either schedule', () => {
    for (const schedule of [RF_SCHEDULE, COS]) {
      for (const [t, tNext, z] of [
        [0.8, 0.5, [0.9, -0.7]],
        [0.4, 0.1, [-1.3, 1.1]],
      ] as [number, number, Vec2][]) {
        const a = schedule.a(t);
        const b = schedule.b(t);
        const [mx, my] = posteriorMean(schedule, t, z);
        const eps: Vec2 = [(z[0] - a * mx) / b, (z[1] - a * my) / b];
        const dSigma = schedule.b(tNext) / schedule.a(tNext) - b / a;
        const aNext = schedule.a(tNext);
        const ddim = ddimStep(schedule, t, tNext, z);
        expect(ddim[0]).toBeCloseTo(aNext * (z[0] / a + dSigma * eps[0]), 12);
        expect(ddim[1]).toBeCloseTo(aNext * (z[1] / a + dSigma * eps[1]), 12);
      }
    }
  });

  it('reproduces the table: RF exact after 4 steps, cosine error shrinking about 4× per doubling', () => {
    const i = (n: number) => TOY_EXPERIMENT.steps.indexOf(n as (typeof TOY_EXPERIMENT.steps)[number]);
    for (const n of [4, 8, 16, 32]) {
      expect(toy.rf[i(n)]?.median ?? 1).toBeLessThan(1e-9);
      expect(toy.rfCosGrid[i(n)]?.median ?? 1).toBeLessThan(1e-9);
    }
    for (const n of [8, 16]) {
      const ratio = (toy.cos[i(n)]?.median ?? 0) / (toy.cos[i(2 * n)]?.median ?? 1);
      expect(ratio).toBeGreaterThan(3.5);
      expect(ratio).toBeLessThan(4.5);
    }
    expect(toy.rf[i(1)]?.wrong).toBe(200);
    expect(toy.rf[i(16)]?.wrong).toBe(0);
    expect(toy.cos[i(16)]?.wrong).toBe(0);
    const p = toy.printed;
    for (const n of [2, 4, 8, 16, 32]) {
      const row = `| ${n} | ${p[`rfMedian${n}`]} | ${p[`cosMedian${n}`]} | ${p[`rfWrong${n}`]} | ${p[`cosWrong${n}`]} |`;
      expect(article, row).toContain(row);
    }
    expect(article).toContain(`一步时整流流的中位误差是 ${p.rfMedian1}，余弦是 ${p.cosMedian1}`);
    expect(article).toContain(`它离最近的数据点 ${p.meanToNearest}`);
    expect(article).toContain(`下表用种子 ${p.seed} 生成的 ${p.samples} 个噪声样本`);
    expect(article).toContain(`4、8、16、32 步的中位误差同样是 ${p.rfCosGridMedian4}`);
  });
});

describe('why the table looks as it does: the last Euler step', () => {
  const toy = toyExperiment();
  const i = (n: number) => TOY_EXPERIMENT.steps.indexOf(n as (typeof TOY_EXPERIMENT.steps)[number]);
  const rfVelocity = (t: number, z: Vec2) => marginalVelocity(RF_SCHEDULE, t, z);

  it("RF's N-step sample is exactly the posterior mean at t = 1/N, for every sample", () => {
    for (const n of [2, 4, 8]) {
      toy.noise.forEach((e) => {
        const path = eulerPath(rfVelocity, e, timeGrid(n));
        const end = path.at(-1) ?? e;
        const mean = posteriorMean(RF_SCHEDULE, 1 / n, path.at(-2) ?? e);
        expect(Math.hypot(end[0] - mean[0], end[1] - mean[1])).toBeLessThan(1e-12);
      });
    }
  });

  it('so its error is set by the leftover posterior weight: about 1e-27 at N = 4, 1e-178 at N = 8', () => {
    // Hand check of the leak: one point at distance² d² from a_t·x_k more than the best one.
    expect(
      posteriorLeakLog10(
        RF_SCHEDULE,
        0.5,
        [0, 0],
        [
          [0, 0],
          [2, 0],
        ],
      ),
    ).toBeCloseTo(-(0.5 * 0.5 * 4) / (2 * 0.25) / Math.LN10, 12);
    expect(toy.rfLeakLog10[i(4)]).toBeLessThan(-20);
    expect(toy.rfLeakLog10[i(8)]).toBeLessThan(toy.rfLeakLog10[i(4)] ?? 0);
    expect(toy.rf[i(4)]?.median).toBeLessThan(1e-9);
    const p = toy.printed;
    expect([p.rfLeak4, p.rfLeak8]).toEqual(['-27', '-178']);
    expect(article).toContain(
      `中位数在 $N=4$ 时约为 $10^{${p.rfLeak4}}$，$N=8$ 时约为 $10^{${p.rfLeak8}}$。所以误差是指数小量，并非严格为 0`,
    );
    expect(p.rfMedian4).toBe('0.000');
    expect(article).toContain('从 4 步起，整流流的中位误差在三位小数下为 0；');
  });

  it('the cosine last step contracts Δ by ≈ π²/(12N²) and overshoots a_t by ≈ π²/(8N²)', () => {
    for (const n of [8, 16, 32, 64]) {
      const h = Math.PI / n;
      expect(cosineLastStepContraction(n) / ((h * h) / 12)).toBeCloseTo(1, 1);
      expect(cosineLastStepOvershoot(n) / ((h * h) / 8)).toBeCloseTo(1, 1);
    }
    // Exactly, with one data point and starting on the exact path at t = 1/N:
    // z₀ = x + overshoot·x + contraction·Δ, Δ = z − a x.
    const x: Vec2 = [1.5, -0.5];
    const e: Vec2 = [0.2, 0.7];
    for (const n of [4, 8]) {
      const h = 1 / n;
      const z: Vec2 = [COS.a(h) * x[0] + COS.b(h) * e[0], COS.a(h) * x[1] + COS.b(h) * e[1]];
      const end = eulerPath((t, zz) => marginalVelocity(COS, t, zz, [x]), z, [h, 0]).at(-1) ?? z;
      const dev: Vec2 = [z[0] - COS.a(h) * x[0], z[1] - COS.a(h) * x[1]];
      for (const k of [0, 1] as const) {
        expect(end[k]).toBeCloseTo(
          x[k] + cosineLastStepOvershoot(n) * x[k] + cosineLastStepContraction(n) * dev[k],
          12,
        );
      }
    }
  });

  it('the deviation Δ at t = 1/N shrinks like 1/N, so the O(1/N²) overshoot predicts the cosine column', () => {
    for (const n of [8, 16, 32]) {
      const eh = toy.noise.map((e, k) => {
        const path = eulerPath((t, z) => marginalVelocity(COS, t, z), e, timeGrid(n));
        const zh = path.at(-2) ?? e;
        const x = toy.exact[k] ?? e;
        return Math.hypot(zh[0] - COS.a(1 / n) * x[0], zh[1] - COS.a(1 / n) * x[1]);
      });
      const sorted = [...eh].sort((a, b) => a - b);
      const med = sorted[Math.floor(sorted.length / 2)] ?? 0;
      expect(med * n).toBeGreaterThan(1.5);
      expect(med * n).toBeLessThan(3);
      const measured = toy.cos[i(n)]?.median ?? 0;
      expect(Math.abs((toy.cosPredicted[i(n)] ?? 0) / measured - 1)).toBeLessThan(0.02);
      expect(toy.printed[`cosPredicted${n}`]).toBe(toy.printed[`cosMedian${n}`]);
    }
    const p = toy.printed;
    expect(article).toContain(
      `$N=8$、16、32 时的中位误差应为 ${p.cosPredicted8}、${p.cosPredicted16}、${p.cosPredicted32}，与表中一致；$N=4$ 时预测 ${p.cosPredicted4}，实测 ${p.cosMedian4}`,
    );
  });
});

describe('the paths figure: two exact paths, cosine overshoot', () => {
  it('each cosine end point overshoots its data point outwards by the printed range', () => {
    const misses = pathsDemoCosineMisses();
    expect(misses).toHaveLength(PATHS_DEMO.perPoint * TOY_DATA.length);
    expect(pathsDemoNoise()).toHaveLength(misses.length);
    for (const { miss, radial } of misses) {
      expect(radial).toBeGreaterThan(0.99 * miss);
      expect(miss).toBeGreaterThan(0.15);
      expect(miss).toBeLessThan(0.26);
    }
    const f = figureFacts();
    expect([f.cosMissMin, f.cosMissMax]).toEqual(['0.16', '0.25']);
    expect(article).toContain(`终点沿径向越过数据点约 ${f.cosMissMin}–${f.cosMissMax}`);
    expect(article).toContain(`离数据点 ${f.cosMissMin} 到 ${f.cosMissMax}`);
  });
});

describe('QK normalization', () => {
  const demo = qkNormDemo();

  it('RMSNorm gives vectors of length √d, so |logit| ≤ √d', () => {
    const x = [3, -1, 0.5, 7];
    const n = rmsNorm(x);
    expect(Math.hypot(...n)).toBeCloseTo(Math.sqrt(4), 5);
    const q = rmsNorm(Array.from({ length: 64 }, (_, i) => Math.sin(i)));
    const { maxLogit } = attentionEntropy(q, [q]);
    expect(maxLogit).toBeCloseTo(8, 4); // a key equal to the query attains the bound √64
  });

  it('entropy is ln(keys) for equal logits and 0 for one dominant key', () => {
    const q = [1, 0];
    expect(
      attentionEntropy(q, [
        [0, 1],
        [0, -1],
        [0, 2],
      ]).entropy,
    ).toBeCloseTo(Math.log(3), 12);
    expect(
      attentionEntropy(q, [
        [1000, 0],
        [0, 0],
      ]).entropy,
    ).toBeCloseTo(0, 12);
  });

  it('without normalization the entropy collapses as q and k grow; with it nothing changes', () => {
    for (let i = 1; i < demo.plainEntropy.length; i++) {
      expect(demo.plainEntropy[i] ?? 9).toBeLessThan(demo.plainEntropy[i - 1] ?? 0);
      expect(demo.normedEntropy[i]).toBeCloseTo(demo.normedEntropy[0] ?? 0, 5); // only RMSNorm's ε depends on c
      // Logits scale like c²: doubling c quadruples them.
      expect((demo.plainMaxLogit[i] ?? 0) / (demo.plainMaxLogit[i - 1] ?? 1)).toBeCloseTo(4, 9);
    }
    for (const m of demo.normedMaxLogit) expect(m).toBeLessThanOrEqual(8);
  });

  it('prints the table rows the article shows', () => {
    const p = demo.printed;
    const row = (label: string, key: string) =>
      `| ${label} | ${[1, 2, 4, 8].map((c) => p[`${key}${c}`]).join(' | ')} |`;
    for (const r of [
      row('无归一化：注意力熵', 'plainH'),
      row('无归一化：最大 logit', 'plainMax'),
      row('QK 归一化：注意力熵', 'normedH'),
      row('QK 归一化：最大 logit', 'normedMax'),
    ]) {
      expect(article, r).toContain(r);
    }
    expect(article).toContain(`均匀分布的熵为 ${p.uniformEntropy}`);
    expect(article).toContain(
      `下面取 ${p.queries} 个 ${p.headDim} 维的高斯随机查询和 ${p.keys} 个键做一个小实验，把 $q$、$k$ 同乘 $\\kappa$，表中为 ${p.queries} 个查询的平均`,
    );
    expect(article).not.toContain('最大对数');
  });
});

describe('sizes, grids and embeddings', () => {
  it('MM-DiT width is 64·d and the block estimate lands on the reported 2B and 8B', () => {
    expect(mmditHiddenSize(24)).toBe(1536);
    expect(mmditHiddenSize(38)).toBe(2432);
    expect(mmditBlockParameters(1)).toBe(147456);
    expect(Math.abs(mmditBlockParameters(24) / 2e9 - 1)).toBeLessThan(0.05);
    expect(Math.abs(mmditBlockParameters(38) / 8e9 - 1)).toBeLessThan(0.05);
  });

  it('the last block overcount is 13D² (pre-only text stream: adaLN 2D², QKV 3D²)', () => {
    expect(mmditLastBlockOvercount(24)).toBe(13 * 1536 * 1536);
    expect(mmditLastBlockOvercount(38)).toBe(13 * 2432 * 2432);
    const p = sd3Numbers();
    expect([p.overcount24, p.overcount38]).toEqual(['0.03', '0.08']);
    expect(article).toContain(`$d=24$ 与 $d=38$ 时分别约 ${p.overcount24}B 与 ${p.overcount38}B`);
  });

  it('counts image tokens through the factor 8 autoencoder and 2 × 2 patches', () => {
    expect(imageTokens(1024, 1024)).toBe(64 * 64);
    expect(imageTokens(256, 256)).toBe(16 * 16);
    expect(imageTokens(1536, 640)).toBe(96 * 40);
  });

  it('the position grid covers the 256² range for a square image and extends beyond it otherwise', () => {
    // At S = 256 with no larger side the grid is exactly 0 … 15, the pretraining grid.
    expect(positionGrid(256, 256)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    const grid = positionGrid(1024, 1536);
    expect(grid).toHaveLength(96);
    expect((grid[1] ?? 0) - (grid[0] ?? 0)).toBeCloseTo(0.25, 14);
    const square = centerCrop(grid, 64);
    expect(square[0]).toBe(0);
    expect(square.at(-1)).toBe(15.75);
    expect(grid[0]).toBe(-4);
    expect(grid.at(-1)).toBe(19.75);
    expect(centerCrop(grid, 40)[0]).toBe(3);
  });

  it('the 2-D sine–cosine embedding encodes rows and columns in separate halves', () => {
    const e = sincosEmbedding2d(0, 0, 16);
    expect(e.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(e.slice(4, 8)).toEqual([1, 1, 1, 1]);
    const a = sincosEmbedding2d(3, 5, 16);
    const b = sincosEmbedding2d(3, 9, 16);
    expect(a.slice(0, 8)).toEqual(b.slice(0, 8));
    expect(a.slice(8)).not.toEqual(b.slice(8));
    expect(() => sincosEmbedding2d(0, 0, 6)).toThrow(RangeError);
  });
});

describe('numbers printed in the article', () => {
  const p = sd3Numbers();

  it('match independent hand computations', () => {
    expect(p.modeScaleMax).toBe((2 / (Math.PI - 2)).toFixed(4));
    expect(p.modeScale129).toBe('1.2917'); // −1 + 5 · 2.75/6
    expect(p.modeScale129).toBe((31 / 24).toFixed(4));
    expect(p.modePeak129).toBe('3.81'); // 1/(55/24 − 31π/48) = 3.806
    expect(p.modeEnd129).toBe('0.44'); // 24/55
    expect(p.modeEnd129).toBe('0.44');
    expect(Number(p.modePeak175)).toBeGreaterThan(900);
    expect(p.logitNormalPeak).toBe('1.5958');
    expect(p.cosMapPeak).toBe('1.2732');
    expect(p.cosMapEnd).toBe('0.6366');
    expect([p.shift01, p.shift025, p.shift05, p.shift075, p.shift09]).toEqual([
      '0.2500',
      '0.5000',
      '0.7500',
      '0.9000',
      (27 / 28).toFixed(4),
    ]);
    expect(p.logSnrShift).toBe('2.1972');
    expect(p.logitShift).toBe('1.0986');
    expect(p.shift256to1024).toBe('4.0');
    expect(p.dropAll).toBe('9.9');
    expect(p.dropNone).toBe('15.5');
    expect(p.dropT5Only).toBe('13.4');
    expect(p.params24).toBe('2.04');
    expect(p.params38).toBe('8.09');
    expect(p.tokensJoint1024).toBe('4250'); // 4096 + 77 + 77
    expect(p.textTokensPaper).toBe('154');
    expect(p.textTokensDiffusers).toBe('333'); // 77 + 256
    expect(p.tokensJointDiffusers1024).toBe('4429'); // 4096 + 333
    expect(TEXT_TOKENS.t5Diffusers).toBe(256);
    expect(textTokens(256)).toBe(333);
    expect([p.gridOursPenultimate, p.gridOursLast]).toEqual(['0.1875', '0.1000']);
    expect([p.gridRefPenultimate, p.gridRefLast, p.gridRefSigmaMin]).toEqual(['0.1109', '0.0089', '0.0030']);
    expect(p.gridFirst).toBe('−4.00'); // U+2212, as the prose prints negative numbers
    expect(p.compression16).toBe('12');
    expect(p.compression4).toBe('48');
  });

  it('each occurs in the article', () => {
    for (const [key, text] of Object.entries(p)) expect(article, `${key} = ${text}`).toContain(text);
    for (const [key, text] of Object.entries(figureFacts()))
      expect(article, `figure fact ${key} = ${text}`).toContain(text);
  });

  it('are the specific sentences of the text', () => {
    expect(article).toContain(`即 $s\\le\\frac{2}{\\pi-2}\\approx ${p.modeScaleMax}$`);
    expect(article).toContain(`间隔为 ${p.modeScaleStep}，其中一个是 ${p.modeScale129}`);
    expect(article).toContain(
      `（等距网格间隔 ${p.modeScaleStep}），表中的 \`rf/mode(1.29)\` 应是 $s=${p.modeScale129}$，此时两端约为 ${p.modeEnd129}`,
    );
    // The paper only says 7 values uniformly between −1 and 1.75; 1.2917 is an inference, not a quote.
    expect(article).toContain('按论文"在 −1 与 1.75 之间均匀取 7 个值"推算');
    expect(article).not.toContain('实际取 $s=');
    expect(article).toContain(`$s=${p.modeScale129}$ 时约为 ${p.modePeak129}`);
    expect(article).not.toContain('$s=1.29$');
    expect(article).not.toContain('3.79');
    expect(article).toContain(
      `文本序列因此是 ${p.textTokensDiffusers} 而非 ${p.textTokensPaper}，$1024^2$ 时共 ${p.tokensJointDiffusers1024} 个 token`,
    );
    expect(article).toContain(`默认把 T5 截断/补齐到 ${p.t5TokensDiffusers} 个 token（\`max_sequence_length\`）`);
    expect(article).toContain(`$\\alpha=3$ 时为 ${p.gridRefSigmaMin}`);
    // diffusers calls t `sigma`; the article keeps σ for σ(t, n) and σ_data, so the grid is written in t.
    expect(article).toContain(`最后一次网络求值在 $t\\approx${p.gridRefLast}$（diffusers 的 \`sigma\`）`);
    expect(article).toContain('对 `linspace(1, t_min, steps)`（$t_{\\min}$ 是 1/1000 按 [@eq:shift] 平移后的值');
    expect(article).not.toContain('σ_min');
    expect(article).toContain(
      `以 $N=${p.samplingSteps}$、$\\alpha=3$ 为例，上面代码的网格最后三点是 ${p.gridOursPenultimate}、${p.gridOursLast}、0，参考实现是 ${p.gridRefPenultimate}、${p.gridRefLast}、0`,
    );
    expect(article).toContain(`def sample(model, shape, c_ctxt, c_vec, steps=${p.samplingSteps}, shift=3.0):`);
    expect(article).toContain(`峰值约为 ${p.modePeak175}`);
    expect(article).toContain(`网格从 ${p.gridFirst} 到 ${p.gridLast}`);
    expect(article).toContain(`范围 ${p.squareFirst} 到 ${p.squareLast}`);
    expect(article).toContain(`范围 ${p.narrowFirst} 到 ${p.narrowLast}`);
    expect(article).toContain(`约 ${p.dropAll}%`);
    expect(article).toContain(`$d=24$ 约 ${p.params24}B、$d=38$ 约 ${p.params38}B`);
    expect(article).toContain(`lognorm(${p.logitShiftShort}, 1.00)`);
  });

  it('keep the corrected statements of the second review', () => {
    // Both ‖v_Θ‖² and the cross term depend on Θ; only the cross term differs between the two losses.
    expect(article).toContain('$\\|v_\\Theta\\|^2$ 项在两个损失中相同，$\\|u\\|^2$ 项与 $\\Theta$ 无关；剩下的交叉项');
    expect(article).not.toContain('唯一与 $\\Theta$ 有关的交叉项');
    // At t = 0 nothing is unknown: E[ε] = 0, so v* = −z.
    expect(article).toContain('最优预测是 $\\E[\\epsilon]-x_0=-z$，不需要推断任何东西');
    expect(article).toContain('最优预测是 $z-\\E[x_0]$，只需记住数据均值');
    expect(article).not.toContain('未知的只有 $\\E[\\epsilon]$');
    // The paper says the losses are incomparable, not that they have different units.
    expect(article).toContain('不同公式的损失（加权方式与回归目标各不相同）数值上不可比较');
    expect(article).not.toContain('量纲');
    // GenEval: Mask2Former for objects, counts and positions; CLIP for colours and colour attribution.
    expect(article).toContain(
      '用目标检测器（Mask2Former）检查物体的有无、数量和相对位置，再用 CLIP 判断颜色及颜色归属',
    );
    // Table 6's own attribution.
    expect(article).toContain('论文把它归因于大模型更稳健、也更好地拟合了整流流的直路径目标，因而路径更短');
    // Nothing in the densities figure is cut off.
    expect(article).toContain('纵轴范围 0–4。');
    expect(article).not.toContain('纵轴截断');
    // The linked article conditions on x₁ with t = 0 noise.
    expect(article).toContain('那里以数据点 $x_1$ 为条件、$t=0$ 为噪声，这里以噪声 $\\epsilon$ 为条件');
    expect(article).toContain('(./normalizing-flows.md#整流流直线路径)，注意那里 $x_0$ 是噪声、$t$ 的方向相反');
    // Terms at first use, and one name for Euler's method.
    for (const term of [
      'MM-DiT（多模态扩散 Transformer，multimodal diffusion transformer）',
      'DiT（扩散 Transformer，diffusion transformer）',
      '潜扩散（latent diffusion）',
      '（elucidating the design space of diffusion models）',
      '帕累托前沿（Pareto front）',
      'FID（Fréchet inception distance',
      '结构相似性（structural similarity index measure, SSIM）',
      '峰值信噪比（peak signal-to-noise ratio, PSNR',
      '均方根层归一化（root mean square layer normalization, RMSNorm）',
      '欧拉法（Euler method）',
      'DDIM（去噪扩散隐式模型，denoising diffusion implicit models）',
      'CLIP（contrastive language–image pre-training）',
    ])
      expect(article, term).toContain(term);
    const firstUse = (needle: string) => article.indexOf(needle);
    expect(firstUse('均方根层归一化')).toBeLessThan(firstUse('nn.RMSNorm'));
    expect(firstUse('欧拉法（Euler method）')).toBeLessThan(firstUse('欧拉步'));
    expect(firstUse('潜扩散（latent diffusion）')).toBeLessThan(firstUse('LDM 的离散方差保持调度'));
    expect(article.replace(/FlowMatchEulerDiscreteScheduler/g, '').replace('（Euler method）', '')).not.toContain(
      'Euler',
    );
    // Δ_t for the cosine deviation, so e stays e^{…}.
    expect(article).toContain('记 $\\Delta_t=z_t-a_tx^{(k)}$');
    expect(article).not.toMatch(/\be_t=|e_\{1\/N\}/);
  });

  it('keep the corrected statements of the final review', () => {
    // The shift does not change what t means: training and sampling shifts are separate choices.
    expect(article).toContain('**训练与采样的偏移是两件事。** 平移不改变 $t$ 的含义');
    expect(article).not.toContain('意味着多少噪声');
    expect(article).not.toContain('偏移值应当训练、采样一致');
    // h_max counts patches, half the latent rows.
    expect(article).toContain('记 $h_{\\max}=H_{\\max}/16$（单位是 patch');
    // v-prediction is not the ODE velocity.
    expect(article).toContain('$\\epsilon_\\Theta-\\epsilon=a_t(\\hat v_\\Theta-v)$');
    expect(article).toContain('论文第 3 节列出（第 5.1 节比较）的其他公式');
    expect(article).toContain('`pos_embed_max_size=192`');
    expect(article).toContain('自编码器的重建质量是最终图像质量的上限');
    // First use in the prose: skip the frontmatter's tags and the headings.
    const body = article.slice(article.indexOf('\n---\n') + 5).replace(/^#+ .*$/gm, '');
    for (const term of [
      '流匹配（flow matching）',
      '概率路径（probability path）',
      '边缘速度场（marginal vector field）',
      '余弦调度（cosine schedule）',
      '逆变换采样（inverse transform sampling）',
      '感知相似度（perceptual similarity）',
      '位置编码（positional encoding；论文称 positional frequency embeddings）',
      '池化文本向量（pooled text representation）',
      '混合精度训练（mixed-precision training）',
      '注意力熵（attention entropy）',
    ])
      expect(body.indexOf(term), term).toBe(body.indexOf(term.slice(0, term.indexOf('（'))));
    expect(article).not.toContain('边际');
    expect(article).not.toContain('几个模式');
    expect(article).toContain('单独的 $\\pi$ 是圆周率');
    expect(article).not.toContain('（DDPM，即');
    expect(article).not.toContain('（layer normalization））');
    expect(article).toContain('；DDPM（denoising diffusion probabilistic models，去噪扩散概率模型）[@ho2020ddpm] 则是');
  });

  it('use the article’s terms: logit-normal, not log-normal; odds, not odds ratio', () => {
    expect(article).not.toMatch(/对数正态(?! log-normal)/);
    expect(article).not.toContain('优势比');
    expect(article).toContain('logit 正态分布（logit-normal）');
    expect(article).toContain('（论文记作 lognorm，但它不是对数正态 log-normal 分布');
    expect(article).toContain('几率（odds）');
  });

  it('print negative numbers with U+2212 in prose, captions and alt texts', () => {
    // Drop fenced code blocks (but keep figure blocks, whose captions and alt texts are prose).
    let fence: string | undefined;
    const kept: string[] = [];
    for (const line of article.split('\n')) {
      const open = /^```(\w*)/.exec(line);
      if (fence === undefined && open) fence = open[1] ?? '';
      else if (fence !== undefined && line.startsWith('```')) fence = undefined;
      else if (fence === undefined || fence === 'figure') kept.push(line);
    }
    const prose = kept
      .join('\n')
      .replace(/`[^`\n]*`/g, '') // inline code (variant names such as `edm(-1.20, 1.20)`)
      .replace(/\$\$[\s\S]*?\$\$/g, '') // display math
      .replace(/\$[^$\n]*\$/g, '') // inline math
      .replace(/^\|.*\|$/gm, ''); // tables quote the paper's variant names verbatim
    expect(prose).not.toMatch(/(^|[\s(（,，、])-\d/m);
    for (const line of article.split('\n').filter((l) => /^(alt|caption): /.test(l))) {
      expect(line).not.toMatch(/(^|[\s(,])-\d/);
    }
  });

  it('figure facts agree with closed forms', () => {
    const f = figureFacts();
    expect(f.ln01Peak).toBe((4 / Math.sqrt(2 * Math.PI)).toFixed(2));
    expect(f.modeM05End).toBe('2.00');
    expect(f.modeM05Mid).toBe((1 / (0.5 + Math.PI / 4)).toFixed(2));
    expect(f.shiftHalf).toBe('0.75');
    expect(f.gridTicks).toBe('11');
    expect(f.mode129Scale).toBe('1.2917');
    expect(f.mode129Peak).toBe('3.81');
    expect(f.mode129End).toBe('0.44');
    expect([f.data0, f.data1, f.data2]).toEqual(['(2.2, 1.2)', '(−2.0, 1.6)', '(0.2, −2.4)']);
    expect(formatSigned(-0.00001, 2)).toBe('0.00');
    expect(formatSigned(-1.25, 1)).toBe('−1.3');
    // The peak of lognorm(log 3, 1) sits where the shifted peak of lognorm(0, 1) would be pushed.
    expect(densityPeak((t) => logitNormalDensity(t, Math.log(3), 1)).t).toBeGreaterThan(shiftTimestep(0.5, 3));
  });
});

describe('reported values quoted from the paper', () => {
  it('are quoted in the article as the paper prints them', () => {
    const r = SD3_REPORTED;
    for (const row of r.ranks) expect(article, row[0]).toContain(`| ${row.join(' | ')} |`);
    const ae = r.autoencoder;
    expect(article).toContain(`| FID（越低越好） | ${ae.fid.join(' | ')} |`);
    expect(article).toContain(`| 感知相似度（越低越好） | ${ae.perceptual.join(' | ')} |`);
    expect(article).toContain(`| SSIM（越高越好） | ${ae.ssim.join(' | ')} |`);
    expect(article).toContain(`| PSNR（越高越好） | ${ae.psnr.join(' | ')} |`);
    const g = r.geneval;
    expect(article).toContain(`${g.depth18}、${g.depth24}、${g.depth30}、${g.depth38}`);
    expect(article).toContain(
      `深度 38 经 Diffusion-DPO [@wallace2024diffusiondpo]（把直接偏好优化（Direct Preference Optimization, DPO）[@rafailov2023dpo] 搬到扩散模型上；`,
    );
    expect(article).toContain(`对齐后为 ${g.depth38Dpo512}，在 $1024^2$ 上为 ${g.depth38Dpo1024}`);
    expect(article).toContain(`DALL-E 3 的 ${g.dalle3} 与 SDXL 的 ${g.sdxl}`);
    expect(article).toContain(`${(r.textEncoderDropRate * 100).toFixed(1)}% 的概率被置零`);
  });

  it('Table 1 is sorted by the overall rank, and the drop rate gives about 10% unconditional steps', () => {
    const overall = SD3_REPORTED.ranks.map((row) => Number(row[1]));
    expect([...overall].sort((a, b) => a - b)).toEqual(overall);
    expect(SD3_REPORTED.textEncoderDropRate ** 3).toBeCloseTo(0.1, 2);
  });
});
