import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32, normalSampler } from '../../src/numerics/random';
import {
  articleNumbers,
  asymptoticScaledMse,
  biasFactor,
  constantSteps,
  emaStationaryVariance,
  figureData,
  gainKey,
  harmonicSteps,
  inverseSquareSteps,
  type LinearProblem,
  linearErrorMoments,
  linearOracle,
  logLogSlope,
  MEAN_PROBLEM,
  powerSteps,
  predictedRmsExponent,
  RATE_GAINS,
  randomWalkSlowestRate,
  randomWalkValues,
  robbinsMonro,
  runningMeans,
  simulateEmaVariance,
  simulateLinear,
  simulateTdRandomWalk,
  stepSum,
} from '../../src/numerics/stochastic-approximation';

const article = readFileSync(new URL('../../content/stochastic-approximation.md', import.meta.url), 'utf8');
const numbers = articleNumbers();
const v = numbers.values;

function last(xs: readonly number[]): number {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error('empty list');
  return x;
}

function value(key: string): number {
  const x = v[key];
  if (x === undefined) throw new Error(`no value ${key}`);
  return x;
}

describe('incremental mean', () => {
  it('equals the batch mean after every sample', () => {
    const normal = normalSampler(mulberry32(3));
    const xs = Array.from({ length: 10_000 }, () => 5 + 3 * normal());
    const means = runningMeans(xs);
    let sum = 0;
    xs.forEach((x, i) => {
      sum += x;
      const batch = sum / (i + 1);
      expect(Math.abs((means[i] ?? Number.NaN) - batch)).toBeLessThan(1e-12 * Math.max(1, Math.abs(batch)));
    });
  });

  it('is Robbins–Monro with Yₖ = w − xₖ and aₖ = 1/k, whatever w₀ is', () => {
    const xs = [2, -1, 4, 0.5, 3];
    const expected = [2, 0.5, 5 / 3, 1.375, 1.7]; // the batch means by hand
    for (const w0 of [0, 100, -7]) {
      const path = robbinsMonro((w, k) => w - (xs[k - 1] ?? Number.NaN), w0, harmonicSteps(1), xs.length);
      expect(path[0]).toBe(w0);
      path.slice(1).forEach((w, i) => {
        expect(w).toBeCloseTo(expected[i] ?? Number.NaN, 12);
      });
    }
    runningMeans(xs).forEach((m, i) => {
      expect(m).toBeCloseTo(expected[i] ?? Number.NaN, 12);
    });
  });

  it('with 1/(k + k₀) keeps w₀ as k₀ phantom samples: bias k₀/(k₀ + k) of the initial error', () => {
    // After 91 samples with k₀ = 9 the initial error keeps weight 9/100.
    expect(value('shiftedBiasAt91')).toBeCloseTo(0.09, 14);
    expect(numbers.printed.shiftedBiasAt91).toBe('9%');
  });
});

describe('constant step = exponential moving average', () => {
  it('has stationary variance ασ²/(2 − α)', () => {
    expect(emaStationaryVariance(0.1, 1)).toBeCloseTo(0.1 / 1.9, 15);
    expect(emaStationaryVariance(1, 4)).toBe(4); // α = 1 keeps only the last sample
    // The moment recursion with a constant step reaches the same fixed point.
    const moments = linearErrorMoments(MEAN_PROBLEM, -1, constantSteps(0.1), 2000);
    expect(last(moments.meanSquare)).toBeCloseTo(0.1 / 1.9, 12);
    expect(Math.abs(last(moments.mean))).toBeLessThan(1e-90); // bias 0.9^2000
  });

  it('is what a long seeded EMA run measures, for several α', () => {
    for (const [alpha, seed] of [
      [0.1, 11],
      [0.5, 12],
      [0.02, 13],
    ] as const) {
      const measured = simulateEmaVariance(alpha, 2, 400_000, seed);
      const predicted = emaStationaryVariance(alpha, 4);
      expect(Math.abs(measured / predicted - 1), `α = ${alpha}`).toBeLessThan(0.03);
    }
    expect(value('emaVarianceSimulated') / value('emaVariance')).toBeCloseTo(1, 1);
    expect(value('emaEffectiveSamples')).toBeCloseTo(19, 12); // (2 − 0.1)/0.1
  });
});

describe('Robbins–Monro under the conditions Σaₖ = ∞, Σaₖ² < ∞', () => {
  const problem: LinearProblem = { c: 0.5, wStar: -2, sigma: 1.5 };

  it('simulated moments agree with the exact recursions', () => {
    const checkpoints = [10, 100, 1000, 5000];
    for (const steps of [harmonicSteps(3), powerSteps(2, 0.7)]) {
      const sim = simulateLinear({ problem, w0: 3, steps, n: 5000, runs: 600, seed: 100, checkpoints });
      const exact = linearErrorMoments(problem, 5, steps, 5000);
      checkpoints.forEach((k, i) => {
        const rmsExact = Math.sqrt(exact.meanSquare[k] ?? Number.NaN);
        expect(Math.abs((sim.rms[i] ?? Number.NaN) / rmsExact - 1)).toBeLessThan(0.1);
        const sd = Math.sqrt((exact.meanSquare[k] ?? 0) - (exact.mean[k] ?? 0) ** 2);
        expect(Math.abs((sim.meanError[i] ?? Number.NaN) - (exact.mean[k] ?? Number.NaN))).toBeLessThan(
          (4 * sd) / Math.sqrt(600),
        );
      });
    }
  });

  it('the oracle draws g(w) plus noise of the stated variance', () => {
    const oracle = linearOracle(problem, 5);
    const ys = Array.from({ length: 200_000 }, (_, k) => oracle(1, k + 1));
    const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
    const variance = ys.reduce((s, y) => s + (y - mean) ** 2, 0) / ys.length;
    expect(mean).toBeCloseTo(1.5, 1); // c(w − w⋆) = 0.5·3
    expect(variance / 2.25).toBeCloseTo(1, 1);
  });

  it('finds the root of a nonlinear, bounded g with bounded noise', () => {
    // g(w) = arctan(w − 2): increasing, bounded, g′(2) = 1; noise uniform on [−1, 1].
    for (let seed = 1; seed <= 20; seed++) {
      const uniform = mulberry32(seed);
      const path = robbinsMonro((w) => Math.atan(w - 2) + (2 * uniform() - 1), -5, harmonicSteps(1), 100_000);
      expect(Math.abs(last(path) - 2)).toBeLessThan(0.02);
    }
  });

  it('averaging the iterates of 1/k^0.6 recovers the rate of the best 1/k step (Polyak–Ruppert)', () => {
    // Optimal RMS after 10⁴ samples of unit variance: 1/√10⁴ = 0.01.
    expect(value('powerAveragedRmsSimulated')).toBeGreaterThan(0.0095);
    expect(value('powerAveragedRmsSimulated')).toBeLessThan(0.011);
    expect(value('powerLastRmsSimulated') / value('powerAveragedRmsSimulated')).toBeGreaterThan(4);
  });

  it('quotes the last iterate of 1/k^0.6 both simulated and exact, and the exact one is the figure’s', () => {
    // 400 runs estimate an RMS to about ±4%; the exact recursion is the figure's right end.
    expect(Math.abs(value('powerLastRmsSimulated') / value('powerLastRmsExact') - 1)).toBeLessThan(0.1);
    expect(value('powerLastRmsExact')).toBe(figureData().values.powerRmsEnd);
    expect(numbers.printed.powerLastRmsExact).toBe('0.0448');
    expect(figureData().printed.powerRmsEnd).toBe('0.045');
  });

  it('the mean-square proof: e·g(w⋆ + e) ≥ (εδ/A)·e² on |e| ≤ A, for g = arctan', () => {
    // g(w⋆ + e) = arctan e: nondecreasing, g′(w⋆) = 1. With δ = 1, ε = arctan 1 (arctan e / e
    // decreases on e > 0), e·g ≥ εe² on |e| ≤ δ and e·g ≥ εδ|e| beyond, so e·g ≥ (εδ/A)e² up to A.
    const delta = 1;
    const eps = Math.atan(1);
    for (const bigA of [1, 2, 10, 1000]) {
      for (let i = -2000; i <= 2000; i++) {
        const e = (bigA * i) / 2000;
        expect(e * Math.atan(e)).toBeGreaterThanOrEqual(((eps * delta) / bigA) * e * e - 1e-12);
      }
    }
  });
});

describe('Dvoretzky’s one-step condition |Tₖ(r) − θ| ≤ max{ρₖ, (1 + βₖ)|r − θ| − τₖ}', () => {
  const holds = (T: (r: number) => number, rho: number, beta: number, tau: number) => {
    for (let i = -4000; i <= 4000; i++) {
      const r = i / 400; // θ = 0, |r| ≤ 10
      if (Math.abs(T(r)) > Math.max(rho, (1 + beta) * Math.abs(r) - tau) + 1e-12) return false;
    }
    return true;
  };

  it('linear g = c·w: τₖ = aₖcρₖ when aₖc ≤ 1; τₖ = 0 and βₖ = max(0, aₖc − 2) on early steps', () => {
    const rho = 0.05;
    for (const ac of [0.01, 0.3, 1])
      expect(
        holds((r) => r - ac * r, rho, 0, ac * rho),
        `ac = ${ac}`,
      ).toBe(true);
    for (const ac of [1.2, 1.9, 2, 2.5, 7]) {
      expect(
        holds((r) => r - ac * r, rho, Math.max(0, ac - 2), 0),
        `ac = ${ac}`,
      ).toBe(true);
    }
    // Keeping τₖ = aₖcρₖ on an early step with aₖc = 1.9 fails: at |r| = 2ρ the left side is 1.8ρ.
    expect(holds((r) => r - 1.9 * r, rho, 0, 1.9 * rho)).toBe(false);
  });

  it('nonlinear g = arctan (|g(w)| ≤ G|w|, G = 1): τₖ = aₖ·m(ρₖ) when aₖG ≤ 1, βₖ = max(0, aₖG − 2) on early steps', () => {
    const m = (rho: number) => Math.min(Math.atan(rho), -Math.atan(-rho));
    for (const a of [0.01, 0.2, 1]) {
      for (const rho of [0.01, 0.3, 2]) {
        expect(
          holds((r) => r - a * Math.atan(r), rho, 0, a * m(rho)),
          `a = ${a}, ρ = ${rho}`,
        ).toBe(true);
      }
    }
    for (const a of [1.5, 2, 3, 10]) {
      expect(
        holds((r) => r - a * Math.atan(r), 0.01, Math.max(0, a - 2), 0),
        `a = ${a}`,
      ).toBe(true);
    }
  });
});

describe('what fails without the conditions', () => {
  it('Σaₖ < ∞: the mean error freezes at e₀·sin(π√(ac))/(π√(ac))', () => {
    // ∏(1 − x²/k²) = sin(πx)/(πx), here x = √(0.25·1) = 1/2: 2/π.
    expect(value('frozenFactor')).toBeCloseTo(2 / Math.PI, 6);
    expect(biasFactor(0.5, inverseSquareSteps(1.28), 1_000_000)).toBeCloseTo(
      Math.sin(Math.PI * 0.8) / (Math.PI * 0.8),
      6,
    );
    expect(value('frozenMeanExact')).toBeCloseTo(1 - 2 / Math.PI, 6);
    // 20000 runs of the frozen limit (sd ≈ 0.222): the simulated mean is within 4 standard errors.
    expect(Math.abs(value('frozenMeanSimulated') - value('frozenMeanExact'))).toBeLessThan(
      (4 * 0.2222) / Math.sqrt(20_000),
    );
    // Σ0.25/k² = 0.25·π²/6: bounded observations can move the iterate of that example only so far.
    expect(value('frozenStepSum')).toBeCloseTo((0.25 * Math.PI ** 2) / 6, 5);
    expect(stepSum(harmonicSteps(1), 1000)).toBeGreaterThan(7); // H₁₀₀₀ ≈ 7.49, and unbounded
  });

  it('aₖ = 1/k² on mean estimation freezes at a random value with variance π²/3 − 3', () => {
    // Var = Σ aₖ²∏_{i>k}(1 − aᵢ)² = Σ 1/(k²(k + 1)²) = π²/3 − 3.
    expect(value('inverseSquareLimitRms')).toBeCloseTo(Math.sqrt(Math.PI ** 2 / 3 - 3), 5);
  });

  it('Σaₖ² = ∞ with a constant step: the error never shrinks below the EMA floor', () => {
    const sim = simulateLinear({
      problem: MEAN_PROBLEM,
      w0: 0,
      steps: constantSteps(0.1),
      n: 20_000,
      runs: 300,
      seed: 77,
      checkpoints: [1000, 20_000],
    });
    const floor = Math.sqrt(0.1 / 1.9);
    for (const r of sim.rms) expect(Math.abs(r / floor - 1)).toBeLessThan(0.12);
  });
});

describe('the rate of aₖ = a/k on g(w) = c(w − w⋆)', () => {
  it('a = 1/c is the running mean: RMS exactly σ/√k', () => {
    const exact = linearErrorMoments(MEAN_PROBLEM, -1, harmonicSteps(1), 10_000);
    for (const k of [1, 10, 100, 10_000]) expect(Math.sqrt(exact.meanSquare[k] ?? 0)).toBeCloseTo(1 / Math.sqrt(k), 12);
  });

  it('when 2ac > 1, k·E[eₖ²] tends to a²σ²/(2ac − 1)', () => {
    expect(asymptoticScaledMse(2, 1, 1)).toBeCloseTo(4 / 3, 14);
    expect(asymptoticScaledMse(1.5, 2, 0.5)).toBeCloseTo((2.25 * 0.25) / 5, 14);
    const exact = linearErrorMoments({ c: 2, wStar: 0, sigma: 0.5 }, 1, harmonicSteps(1.5), 200_000);
    expect((exact.meanSquare[200_000] ?? 0) * 200_000).toBeCloseTo(0.1125, 3);
    expect(value('penaltyRatio')).toBeCloseTo(Math.sqrt(4 / 3), 12);
    // 0.3767/0.0100: a = 0.1 against the optimal a = 1 after 10⁴ steps.
    expect(numbers.printed.smallGainRatio).toBe('38');
    expect(() => asymptoticScaledMse(0.25, 1, 1)).toThrow(RangeError);
  });

  it('fitted slopes over many seeds are −1/2 when 2ac > 1 and −ac when 2ac < 1', () => {
    for (const a of RATE_GAINS) {
      const key = gainKey(a);
      const predicted = predictedRmsExponent(a, 1);
      expect(Math.abs(value(`slopeSimulated_${key}`) - predicted), `a = ${a}`).toBeLessThan(0.02);
      expect(Math.abs(value(`slopeExact_${key}`) - predicted), `a = ${a}`).toBeLessThan(0.005);
    }
    expect(predictedRmsExponent(0.25, 1)).toBe(-0.25);
    expect(predictedRmsExponent(1, 1)).toBe(-0.5);
    // A second problem with c ≠ 1: c = 4, a = 0.05 (ac = 0.2) against a = 0.5 (2ac = 4).
    const ks = [100, 300, 1000, 3000, 10_000];
    const slow = simulateLinear({
      problem: { c: 4, wStar: 0, sigma: 1 },
      w0: 1,
      steps: harmonicSteps(0.05),
      n: 10_000,
      runs: 300,
      seed: 900,
      checkpoints: ks,
    });
    const fast = simulateLinear({
      problem: { c: 4, wStar: 0, sigma: 1 },
      w0: 1,
      steps: harmonicSteps(0.5),
      n: 10_000,
      runs: 300,
      seed: 900,
      checkpoints: ks,
    });
    expect(logLogSlope(ks, slow.rms)).toBeCloseTo(-0.2, 1);
    expect(logLogSlope(ks, fast.rms)).toBeCloseTo(-0.5, 1);
  });

  it('when 2ac > 1, √k·eₖ is asymptotically normal with variance a²σ²/(2ac − 1), even for uniform noise', () => {
    // Uniform noise on [−√3, √3] (variance 1, excess kurtosis −1.2), a = 2, c = 1: the limit is N(0, 4/3).
    const runs = 4000;
    const k = 2000;
    const uniform = mulberry32(2024);
    const scaled: number[] = [];
    for (let r = 0; r < runs; r++) {
      const path = robbinsMonro((w) => w + Math.sqrt(3) * (2 * uniform() - 1), 0, harmonicSteps(2), k);
      scaled.push(Math.sqrt(k) * last(path));
    }
    const mean = scaled.reduce((s, x) => s + x, 0) / runs;
    const m2 = scaled.reduce((s, x) => s + (x - mean) ** 2, 0) / runs;
    const m4 = scaled.reduce((s, x) => s + (x - mean) ** 4, 0) / runs;
    expect(Math.abs(m2 / asymptoticScaledMse(2, 1, 1) - 1)).toBeLessThan(0.08);
    expect(Math.abs(m4 / (m2 * m2) - 3)).toBeLessThan(0.3); // normal, not the noise's 1.8
  });

  it('a constant-offset start fades like k^(−ac): 23.5% is left after 10⁶ steps of 0.1/k', () => {
    // Γ(n + 1 − x)/(Γ(1 − x)Γ(n + 1)) with x = 0.1, n = 10⁶, evaluated with lgamma in Python.
    expect(value('slowBiasMillion')).toBeCloseTo(0.23505697697740632, 8);
  });

  it('logLogSlope recovers an exact power law', () => {
    const xs = [1, 2, 4, 8, 16];
    expect(
      logLogSlope(
        xs,
        xs.map((x) => 3 * x ** -0.37),
      ),
    ).toBeCloseTo(-0.37, 12);
  });
});

describe('TD(0) on the bounded random walk', () => {
  it('the true values solve the Bellman equation V(s) = ½V(s − 1) + ½(V(s + 1) + r)', () => {
    const values = randomWalkValues(5);
    expect(values).toEqual([1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6]);
    const padded = [0, ...values, 0];
    for (let s = 1; s <= 5; s++) {
      const rightReward = s === 5 ? 1 : 0;
      const backup = 0.5 * (padded[s - 1] ?? 0) + 0.5 * ((padded[s + 1] ?? 0) + rightReward);
      expect(backup).toBeCloseTo(padded[s] ?? Number.NaN, 14);
    }
  });

  it('1 − cos(π/6) is the smallest eigenvalue of I − P, with eigenvector sin(jπ/6)', () => {
    const lambda = randomWalkSlowestRate(5);
    expect(lambda).toBeCloseTo(1 - Math.sqrt(3) / 2, 14);
    const u = [1, 2, 3, 4, 5].map((j) => Math.sin((j * Math.PI) / 6));
    for (let j = 0; j < 5; j++) {
      const pu = 0.5 * ((u[j - 1] ?? 0) + (u[j + 1] ?? 0));
      expect((u[j] ?? 0) - pu).toBeCloseTo(lambda * (u[j] ?? 0), 14);
    }
    expect(lambda).toBeLessThan(0.5); // the slow regime of the a/k analysis
  });

  it('constant α plateaus; 1/n(s) converges slowly; 1/n(s)^0.6 faster', () => {
    expect(value('tdConstant_10000') / value('tdConstant_1000')).toBeGreaterThan(0.8);
    expect(value('tdCountSlope')).toBeGreaterThan(-0.2);
    expect(value('tdCountSlope')).toBeLessThan(-0.1);
    expect(Math.abs(value('tdPowerSlope') + 0.3)).toBeLessThan(0.05);
    expect(value('tdPower_10000')).toBeLessThan(value('tdCount_10000') / 2);
  });

  it('is deterministic given the seed', () => {
    const o = {
      states: 5,
      rule: { kind: 'count', power: 1 } as const,
      episodes: 50,
      runs: 3,
      seed: 4,
      checkpoints: [50],
    };
    expect(simulateTdRandomWalk(o)).toEqual(simulateTdRandomWalk(o));
  });
});

describe('the article', () => {
  it('prints every number exactly as computed', () => {
    const all = { ...numbers.printed, ...figureData().printed };
    expect(Object.keys(all).length).toBeGreaterThan(40);
    for (const [key, text] of Object.entries(all)) {
      expect(article, `${key} = ${text}`).toContain(text);
    }
  });

  it('shows the rate table with the computed slopes', () => {
    const p = numbers.printed;
    for (const a of RATE_GAINS) {
      const key = gainKey(a);
      expect(article).toContain(`$${p[`slopeSimulated_${key}`] ?? '?'}$`);
    }
  });

  it('has only computed numbers in the figure caption and alt text', () => {
    const start = article.indexOf('src: robbins-monro\n');
    expect(start).toBeGreaterThan(-1);
    const block = article.slice(start, article.indexOf('```', start));
    const lines = block.split('\n').filter((line) => /^(caption|alt): /.test(line));
    expect(lines).toHaveLength(2);
    const f = figureData();
    const allowed = [
      ...Object.values(f.printed),
      ...Object.values(numbers.printed),
      // Settings, axis ticks and the constants of closed forms (π²/3 − 3), not measurements.
      '0',
      '0.01',
      '0.1',
      '0.6',
      '1',
      '2',
      '3',
      '10',
      '100',
    ];
    for (const line of lines) {
      const found = line.match(/(?<![\p{L}\d.])[−-]?\d+(?:\.\d+)?%?/gu) ?? [];
      for (const n of found) expect(allowed, `${n} in "${line.slice(0, 40)}…"`).toContain(n);
    }
  });
});
