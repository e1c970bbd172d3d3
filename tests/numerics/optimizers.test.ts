import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ADAM_DEFAULTS,
  ADAMW_DEFAULTS,
  adamRatioBound,
  adamStep,
  adamWorkedExample,
  adamwFixedPoint,
  adamwRetainedRatio,
  adamwStep,
  endPoint,
  formatFixed,
  formatSci,
  freshStateStepRms,
  type GradientFn,
  initAdamState,
  noisyQuadraticGradient,
  runOptimizer,
  runSgd,
  WEIGHT_DECAY_DEMO,
  weightDecayDemo,
} from '../../src/numerics/optimizers';
import { mulberry32, rademacher } from '../../src/numerics/random';

const article = readFileSync(new URL('../../content/adam-adamw.md', import.meta.url), 'utf8');

function first(xs: readonly number[]): number {
  const x = xs[0];
  if (x === undefined) throw new Error('empty vector');
  return x;
}

function last<T>(xs: readonly T[]): T {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error('empty list');
  return x;
}

describe('defaults', () => {
  it('match PyTorch: Adam weight_decay=0, AdamW weight_decay=1e-2, the rest shared', () => {
    expect(ADAM_DEFAULTS).toEqual({
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
    });
    expect(ADAMW_DEFAULTS).toEqual({ ...ADAM_DEFAULTS, weightDecay: 1e-2 });
  });

  it('AdamW decays by default, Adam does not', () => {
    const zero = [0];
    const a = adamStep([1], zero, initAdamState(1));
    const w = adamwStep([1], zero, initAdamState(1));
    expect(a.params).toEqual([1]);
    expect(first(w.params)).toBeCloseTo(1 - 1e-3 * 1e-2, 15);
  });
});

describe('adamStep', () => {
  it('first step is lr * sign(g) up to the epsilon term, whatever the scale of g', () => {
    const grads = [1e-3, -0.5, 3, -250, 1e6, -1e-2];
    const params = grads.map(() => 0.7);
    const lr = 0.05;
    const { params: next } = adamStep(params, grads, initAdamState(grads.length), { lr });
    grads.forEach((g, i) => {
      const step = (next[i] ?? Number.NaN) - 0.7;
      // Exact value with bias correction: -lr * g / (|g| + eps).
      expect(step).toBeCloseTo((-lr * g) / (Math.abs(g) + 1e-8), 15);
      expect(Math.abs(step + lr * Math.sign(g))).toBeLessThan(lr * 1e-5);
    });
  });

  it('reproduces two hand-computed steps', () => {
    const opts = { lr: 0.1 };
    const r1 = adamStep([1], [2], initAdamState(1), opts);
    // m1 = 0.1*2, v1 = 0.001*4, m̂1 = 2, v̂1 = 4.
    expect(first(r1.state.m as number[])).toBeCloseTo(0.2, 15);
    expect(first(r1.state.v as number[])).toBeCloseTo(0.004, 15);
    expect(first(r1.params)).toBeCloseTo(0.9000000005, 15); // PyTorch: 0.9000000005
    expect(r1.state.step).toBe(1);

    const r2 = adamStep(r1.params, [-1], r1.state, opts);
    expect(first(r2.state.m as number[])).toBeCloseTo(0.08, 15);
    expect(first(r2.state.v as number[])).toBeCloseTo(0.004996, 15);
    // torch.optim.Adam(lr=0.1) in float64 (PyTorch 1.13.1) prints 0.8733662967024315 after the
    // same two gradients; exact decimal arithmetic gives 0.87336629670243135784…
    expect(first(r2.params)).toBeCloseTo(0.8733662967024315, 14);
  });

  it('is a pure function: inputs are not mutated', () => {
    const params = [1, 2];
    const grad = [0.5, -0.5];
    const state = initAdamState(2);
    adamStep(params, grad, state, { weightDecay: 0.1 });
    adamwStep(params, grad, state, { weightDecay: 0.1 });
    expect(params).toEqual([1, 2]);
    expect(grad).toEqual([0.5, -0.5]);
    expect(state).toEqual(initAdamState(2));
  });

  it('accepts Float64Array inputs', () => {
    const r = adamStep(new Float64Array([1, 2]), new Float64Array([1, -1]), initAdamState(2), {
      lr: 0.1,
    });
    expect(r.params[0]).toBeCloseTo(0.9, 6);
    expect(r.params[1]).toBeCloseTo(2.1, 6);
  });

  it('rejects mismatched lengths and invalid hyper-parameters', () => {
    expect(() => adamStep([1, 2], [1], initAdamState(2))).toThrow(RangeError);
    expect(() => adamStep([1], [1], initAdamState(2))).toThrow(RangeError);
    expect(() => adamStep([1], [1], initAdamState(1), { lr: -1 })).toThrow(RangeError);
    expect(() => adamStep([1], [1], initAdamState(1), { beta2: 1 })).toThrow(RangeError);
    expect(() => adamwStep([1], [1], initAdamState(1), { weightDecay: -0.1 })).toThrow(RangeError);
    expect(() => initAdamState(-1)).toThrow(RangeError);
  });

  it('with AMSGrad, normalises by the running maximum of the raw second moment', () => {
    const grads: GradientFn = (_p, t) => [t <= 3 ? 10 : 0.1];
    let params = [0];
    let state = initAdamState(1);
    let vMaxSeen = 0;
    for (let t = 1; t <= 10; t++) {
      const r = adamStep(params, grads(params, t), state, { amsgrad: true, lr: 0.01 });
      vMaxSeen = Math.max(vMaxSeen, first(r.state.v as number[]));
      expect(first(r.state.vMax as number[])).toBe(vMaxSeen);
      params = r.params;
      state = r.state;
    }
    const plain = runOptimizer('adam', [0], grads, 10, { lr: 0.01 });
    const ams = runOptimizer('adam', [0], grads, 10, { lr: 0.01, amsgrad: true });
    // The larger remembered denominator makes AMSGrad's later steps shorter.
    expect(Math.abs(first(last(ams)))).toBeLessThan(Math.abs(first(last(plain))));
  });
});

describe('Adam vs AdamW', () => {
  const quadratic: GradientFn = (p) => p.map((x, i) => (i === 0 ? 50 * (x - 1) : 0.02 * (x + 2)));

  it('coincide exactly when weight_decay = 0', () => {
    const a = runOptimizer('adam', [3, -1], quadratic, 50, { lr: 0.01, weightDecay: 0 });
    const w = runOptimizer('adamw', [3, -1], quadratic, 50, { lr: 0.01, weightDecay: 0 });
    expect(w).toEqual(a);
  });

  it('AdamW shrinks θ by exactly (1 − lr·λ) per step under a zero gradient; Adam+L2 does not', () => {
    const lr = 0.01;
    const weightDecay = 0.1;
    const zero: GradientFn = (p) => p.map(() => 0);
    const start = [1, -3, 0.02];
    const w = runOptimizer('adamw', start, zero, 10, { lr, weightDecay });
    const l2 = runOptimizer('adam', start, zero, 10, { lr, weightDecay });
    w.forEach((point, t) => {
      point.forEach((x, i) => {
        expect(x).toBeCloseTo((start[i] ?? Number.NaN) * (1 - lr * weightDecay) ** t, 14);
      });
    });
    // Under Adam+L2 the penalty gradient λθ is normalised away: each coordinate
    // moves about lr per step towards 0, whatever its size and whatever λ is.
    const firstL2 = l2[1] ?? [];
    expect(firstL2[0]).toBeCloseTo(1 - lr, 6);
    expect(firstL2[1]).toBeCloseTo(-3 + lr, 6);
    expect(firstL2[2]).toBeCloseTo(0.02 - lr, 6);
    expect(first(last(l2))).not.toBeCloseTo(first(last(w)), 3);
  });

  it("AdamW's decay term is independent of the gradient's scale", () => {
    const params = [2, 2];
    const grad = [1000, 0.001];
    const lr = 0.01;
    const weightDecay = 0.1;
    const state = initAdamState(2);
    const withDecay = adamwStep(params, grad, state, { lr, weightDecay }).params;
    const without = adamwStep(params, grad, state, { lr, weightDecay: 0 }).params;
    withDecay.forEach((x, i) => {
      const p = params[i] ?? Number.NaN;
      expect(x - (without[i] ?? Number.NaN)).toBeCloseTo(-lr * weightDecay * p, 14);
    });
  });

  it('Adam+L2 ends at the ridge minimiser aθ⋆/(a + λ); AdamW shrinks both coordinates by similar, unequal ratios', () => {
    const demo = weightDecayDemo();
    const [r1, r2] = demo.adamL2Ratio;
    const [w1, w2] = demo.adamwRatio;
    // The ridge ratio a/(a + λ) is set by the curvature relative to λ, not by the gradient scale or
    // the preconditioner: θ₁ (a₁ = 4 ≫ λ) keeps 4/4.25, θ₂ (a₂ = 0.25 = λ) is halved.
    expect(r1).toBeCloseTo(4 / 4.25, 6);
    expect(r2).toBeCloseTo(0.5, 6);
    // AdamW shrinks both by nearly, but not exactly, the same factor, a little below 1/(1 + λσ/a) = 1/1.25
    // (σᵢ = aᵢ on both coordinates).
    const uniform = 1 / 1.25;
    expect(demo.naiveRatio).toBeCloseTo(uniform, 15);
    expect(Math.abs(w1 - w2)).toBeGreaterThan(0.004);
    expect(Math.abs(w1 - w2)).toBeLessThan(0.01);
    expect(w1).toBeLessThan(uniform);
    expect(w2).toBeLessThan(uniform);
    // Adam+L2 ends at the ridge solution aθ⋆/(a + λ); plain Adam at θ⋆.
    expect(demo.adamL2End[0]).toBeCloseTo(demo.ridgeOptimum[0], 6);
    expect(demo.adamL2End[1]).toBeCloseTo(demo.ridgeOptimum[1], 6);
    expect(demo.adamEnd[0]).toBeCloseTo(demo.problem.optimum[0], 6);
    expect(demo.adamEnd[1]).toBeCloseTo(demo.problem.optimum[1], 6);
  });
});

describe("AdamW's end points in the figure", () => {
  const demo = weightDecayDemo();

  // Reference values from outside this code: torch.optim.Adam / AdamW (PyTorch 1.13.1, float64)
  // on the same gradient sequence, mean of the last two iterates; and the fixed point solved by
  // bisection in exact decimal arithmetic (40 digits).
  it('match PyTorch after 6000 and after 600 steps', () => {
    const close = (x: readonly number[], y: readonly number[]) => {
      expect(x[0]).toBeCloseTo(y[0] ?? Number.NaN, 12);
      expect(x[1]).toBeCloseTo(y[1] ?? Number.NaN, 12);
    };
    close(demo.adamEnd, [2.000000000070987, 1.600000000005714]);
    close(demo.adamL2End, [1.882352941243937, 0.8000000001068838]);
    close(demo.adamwEnd, [1.5719679204650314, 1.265937304439655]);
    close(demo.adamwShortEnd, [1.5511512893247772, 1.2656097903514398]);
    close(demo.adamwShortRms, [4.625973034774832, 0.26428070226083766]);
  });

  it('are the fixed points of λθ + a(θ − θ⋆)/√(σ² + a²(θ − θ⋆)²) = 0', () => {
    expect(adamwFixedPoint(4, 2, 4, 0.25)).toBeCloseTo(1.57246284803459, 12);
    expect(adamwFixedPoint(0.25, 1.6, 0.25, 0.25)).toBeCloseTo(1.266268990029601, 12);
    expect(demo.adamwStationaryRms[0]).toBeCloseTo(4.350242322097828, 12);
    expect(demo.adamwStationaryRms[1]).toBeCloseTo(0.2635545943224883, 12);
    // When the mean gradient is negligible against the noise (σ/(aθ⋆) ≫ 1) the ratio is 1/(1 + λσ/a):
    // 1/(1 + 0.25·1) with σ = a, and 1/(1 + 0.25·2) = 2/3 with σ = 2a.
    expect(adamwFixedPoint(1, 1e-6, 1, 0.25) / 1e-6).toBeCloseTo(0.8, 9);
    expect(adamwFixedPoint(1, 1e-4, 2, 0.25) / 1e-4).toBeCloseTo(2 / 3, 7);
    // The simulation agrees with the prediction to the precision printed.
    const p = demo.printed;
    expect(p.adamwEnd).toBe(p.adamwFixedPoint);
    expect(p.adamwRatio1).toBe(p.adamwPredictedRatio1);
    expect(p.adamwRatio2).toBe(p.adamwPredictedRatio2);
  });

  it('do not move when the run is ten times longer', () => {
    const { problem, start, lr, weightDecay, steps } = WEIGHT_DECAY_DEMO;
    const longer = endPoint(
      runOptimizer('adamw', start, noisyQuadraticGradient(problem), 10 * steps, { lr, weightDecay }),
    );
    expect(`(${formatFixed(longer[0] ?? 0, 2)}, ${formatFixed(longer[1] ?? 0, 2)})`).toBe(demo.printed.adamwEnd);
    expect(formatFixed((longer[0] ?? 0) / 2, 3)).toBe(demo.printed.adamwRatio1);
    expect(formatFixed((longer[1] ?? 0) / 1.6, 3)).toBe(demo.printed.adamwRatio2);
  });

  it('after 600 steps, θ₁ is still held down by the early gradients remembered in v̂; θ₂ is not', () => {
    const p = demo.printed;
    // θ₂ is already at its fixed point; θ₁ is not (1.55 against 1.57).
    expect(formatFixed(demo.adamwShortEnd[1] ?? 0, 2)).toBe(formatFixed(demo.adamwFixedPoint[1], 2));
    expect(formatFixed(demo.adamwShortEnd[0] ?? 0, 2)).toBe('1.55');
    expect(formatFixed(demo.adamwFixedPoint[0], 2)).toBe('1.57');
    // Its √v̂ is still well above the stationary value...
    expect(demo.adamwShortRms[0] ?? 0).toBeGreaterThan(1.05 * demo.adamwStationaryRms[0]);
    expect(Math.abs((demo.adamwShortRms[1] ?? 0) / demo.adamwStationaryRms[1] - 1)).toBeLessThan(0.005);
    // ...and the fixed point computed with that √v̂ is where θ₁ sits at step 600.
    expect(demo.adamwShortQuasiFixed[0]).toBeCloseTo(demo.adamwShortEnd[0] ?? Number.NaN, 3);
    expect(p.adamwShortQuasiFixed1).toBe('1.55');
    // 1.5725 − 1.5512 (PyTorch values above).
    expect(p.adamwShortGap1).toBe('0.02');
  });

  it('sit in the middle of a two-step cycle of half-width about 0.001', () => {
    expect(demo.adamwCycleAmplitude).toBeGreaterThan(0.0005);
    expect(demo.adamwCycleAmplitude).toBeLessThan(0.0015);
    expect(demo.printed.adamwCycleAmplitude).toBe('0.001');
  });

  it('come from the same per-step factor 1 − ηλ on every coordinate', () => {
    expect(demo.decayFactor).toBe(0.9875);
    const params = [1.3, -0.4];
    const grad = [5, 0.01];
    const opts = { lr: WEIGHT_DECAY_DEMO.lr, weightDecay: WEIGHT_DECAY_DEMO.weightDecay };
    const withDecay = adamwStep(params, grad, initAdamState(2), opts).params;
    const without = adamwStep(
      params.map((x) => 0.9875 * x),
      grad,
      initAdamState(2),
      { ...opts, weightDecay: 0 },
    ).params;
    expect(withDecay).toEqual(without);
  });
});

describe('Adam+L2 stops at the ridge minimiser whatever the preconditioner', () => {
  const demo = weightDecayDemo();
  const { problem, start, lr, weightDecay, steps, largeNoise } = WEIGHT_DECAY_DEMO;

  // Reference values: torch.optim.SGD(lr=0.05, weight_decay=0.25) and torch.optim.Adam(lr=0.05,
  // weight_decay=0.25) in float64 (PyTorch 1.13.1) on the same gradient sequence, mean of the last
  // two iterates. The ridge minimiser is (4·2/4.25, 0.25·1.6/0.5) = (32/17, 0.8).
  it('SGD + L2 ends at the same point as Adam + L2', () => {
    expect(demo.sgdL2End[0]).toBeCloseTo(1.8823529411764703, 12);
    expect(demo.sgdL2End[1]).toBeCloseTo(0.8000000000000005, 12);
    expect(demo.ridgeOptimum[0]).toBeCloseTo(32 / 17, 14);
    expect(demo.ridgeOptimum[1]).toBeCloseTo(0.8, 14);
    expect(demo.printed.sgdL2End).toBe(demo.printed.adamL2End);
  });

  it('a 16× larger noise on θ₂ changes √v̂₂ but not where Adam + L2 stops', () => {
    const noisy = { ...problem, noise: [problem.noise[0], largeNoise] as [number, number] };
    const run = runOptimizer('adam', start, noisyQuadraticGradient(noisy), 10 * steps, { lr, weightDecay });
    const end = endPoint(run);
    expect(end[0]).toBeCloseTo(1.8823529411764706, 9); // PyTorch, 60 000 steps
    expect(end[1]).toBeCloseTo(0.7999999999999999, 9);
    expect(formatFixed((end[1] ?? 0) / problem.optimum[1], 3)).toBe(demo.printed.adamL2Ratio2);
  });

  it('runSgd is θ ← θ − η(g + λθ)', () => {
    const tr = runSgd([1, -2], (p) => p.map((x) => 3 * x), 2, 0.1, 0.5);
    // One step: θ(1 − 0.1·(3 + 0.5)) = 0.65θ; two steps: 0.4225θ.
    expect(tr[1]?.[0]).toBeCloseTo(0.65, 15);
    expect(tr[2]?.[1]).toBeCloseTo(-0.845, 15);
    expect(() => runSgd([0], () => [0], -1, 0.1, 0)).toThrow(RangeError);
  });
});

describe("AdamW's retained ratio κ = θ̄/θ⋆", () => {
  const demo = weightDecayDemo();
  const { problem, start, lr, weightDecay, largeOptimum, largeNoise } = WEIGHT_DECAY_DEMO;
  const a2 = problem.curvature[1];

  // Reference values: bisection on the fixed-point equation in exact decimal arithmetic (50 digits).
  it('matches exact-decimal bisection', () => {
    const byOptimum = Object.fromEntries(demo.ratioByOptimum.map((r) => [r.optimum, r.ratio]));
    expect(byOptimum[0.2]).toBeCloseTo(0.7998719077924874, 12);
    expect(byOptimum[2]).toBeCloseTo(0.786231424017295, 12);
    expect(byOptimum[5]).toBeCloseTo(0.6789950648502333, 12);
    expect(byOptimum[10]).toBeCloseTo(0.3946514066677031, 12);
    expect(demo.largeOptimumFixedPoint).toBeCloseTo(3.94651406667703, 12);
    expect(demo.largeNoiseRatio).toBeCloseTo(0.199489471518917, 12);
    expect(demo.printed['ratioAt0.2']).toBe('0.800');
    expect(demo.printed.ratioAt10).toBe('0.395');
    expect(demo.printed.largeOptimumPercent).toBe('39.5%');
    expect(demo.printed.largeNoisePercent).toBe('19.9%');
    expect(demo.printed.adamL2Shrink1).toBe('5.9%');
  });

  it('solves (κ − 1) + λθ⋆κ√((σ/(aθ⋆))² + (1 − κ)²) = 0, the dimensionless form of the fixed point', () => {
    for (const [a, optimum, noise, lambda] of [
      [4, 2, 4, 0.25],
      [0.25, 10, 0.25, 0.25],
      [0.25, 1.6, 4, 0.25],
      [3, 0.7, 0.1, 2],
    ] as const) {
      const k = adamwRetainedRatio(a, optimum, noise, lambda);
      const residual = k - 1 + lambda * optimum * k * Math.sqrt((noise / (a * optimum)) ** 2 + (1 - k) ** 2);
      expect(Math.abs(residual)).toBeLessThan(1e-12);
    }
  });

  it('depends on the coordinate through σ/(aθ⋆) and λθ⋆, not through σ/(aθ⋆) alone', () => {
    const base = adamwRetainedRatio(0.25, 1.6, 4, 0.25);
    // Same σ/(aθ⋆) and λθ⋆ (scale a and σ together; or θ⋆ and σ up, λ down): same κ.
    expect(adamwRetainedRatio(2.5, 1.6, 40, 0.25)).toBeCloseTo(base, 12);
    expect(adamwRetainedRatio(0.25, 3.2, 8, 0.125)).toBeCloseTo(base, 12);
    // Same σ/(aθ⋆) but a different λθ⋆: a different κ.
    expect(Math.abs(adamwRetainedRatio(0.25, 3.2, 8, 0.25) - base)).toBeGreaterThan(0.05);
    // With σ = a, a drops out and only θ⋆ matters: θ₁ (a = 4, θ⋆ = 2) has the θ⋆ = 2 entry of the table.
    expect(demo.adamwPredictedRatio[0]).toBeCloseTo(demo.ratioByOptimum[1]?.ratio ?? Number.NaN, 12);
  });

  it('never lets θ̄ exceed 1/λ; tends to the ℓ∞ bound without noise and to 1/(1 + λσ/a) with dominant noise', () => {
    expect(demo.fixedPointCap).toBe(4);
    for (const r of demo.ratioByOptimum) expect(r.ratio * r.optimum).toBeLessThan(demo.fixedPointCap);
    expect(demo.largeOptimumFixedPoint).toBeLessThan(demo.fixedPointCap);
    // σ → 0: θ̄ → min(θ⋆, 1/λ).
    expect(adamwFixedPoint(0.25, 10, 1e-9, 0.25)).toBeCloseTo(4, 6);
    expect(adamwFixedPoint(0.25, 3, 1e-9, 0.25)).toBeCloseTo(3, 6);
    // σ/(aθ⋆) → ∞: κ → 1/(1 + λσ/a) = 1/(1 + 0.25·16) = 0.2.
    expect(adamwRetainedRatio(0.25, 1e-4, 4, 0.25)).toBeCloseTo(0.2, 6);
  });

  // Long runs of the real update rule; PyTorch's AdamW (1.13.1, float64, 60 000 steps) ends at
  // θ₂ = 3.946489325238245 (θ⋆₂ = 10) and θ₂ = 0.31915549491368933 (σ₂ = 4).
  it('is where long simulations of AdamW end, to the precision printed', () => {
    const variants = [
      { optimum: [problem.optimum[0], largeOptimum], noise: problem.noise, torch: 3.946489325238245 },
      { optimum: problem.optimum, noise: [problem.noise[0], largeNoise], torch: 0.31915549491368933 },
    ] as const;
    const printedPercent = [demo.printed.largeOptimumPercent, demo.printed.largeNoisePercent];
    variants.forEach((v, k) => {
      const variant = { curvature: problem.curvature, optimum: v.optimum, noise: v.noise } as const;
      const end = endPoint(runOptimizer('adamw', start, noisyQuadraticGradient(variant), 60_000, { lr, weightDecay }));
      expect(end[1]).toBeCloseTo(v.torch, 9);
      const predicted = adamwFixedPoint(a2, v.optimum[1], v.noise[1], weightDecay);
      expect(Math.abs((end[1] ?? 0) - predicted)).toBeLessThan(1e-3);
      expect(`${formatFixed((100 * (end[1] ?? 0)) / v.optimum[1], 1)}%`).toBe(printedPercent[k]);
    });
  });

  it('makes the figure’s two ratios close only because σᵢ = aᵢ and θ⋆₁, θ⋆₂ are close', () => {
    const [w1, w2] = demo.adamwPredictedRatio;
    expect(Math.abs(w1 - w2)).toBeLessThan(0.01);
    // Change one thing about θ₂ and the ratios part ways; Adam + L2 keeps θ₂'s 0.5 in both cases.
    expect(w1 - demo.largeOptimumRatio).toBeGreaterThan(0.35);
    expect(w1 - demo.largeNoiseRatio).toBeGreaterThan(0.5);
    expect(demo.largeNoiseRatio).toBeLessThan(demo.adamL2Ratio[1]);
  });
});

describe('runOptimizer', () => {
  it('returns steps + 1 points starting with a copy of the initial point', () => {
    const initial = [0.5, -0.5];
    const tr = runOptimizer('adamw', initial, (p) => p.map((x) => x), 7, { lr: 0.1 });
    expect(tr).toHaveLength(8);
    expect(tr[0]).toEqual([0.5, -0.5]);
    expect(tr[0]).not.toBe(initial);
    expect(initial).toEqual([0.5, -0.5]);
    expect(() => runOptimizer('adam', [0], () => [0], -1)).toThrow(RangeError);
  });

  it('passes the 1-based step number to the gradient function', () => {
    const seen: number[] = [];
    runOptimizer(
      'adam',
      [0],
      (_p, t) => {
        seen.push(t);
        return [1];
      },
      3,
    );
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('effective step size bound', () => {
  it('equals 1 at t = 1 and tends to (1−β₁)/√((1−β₂)(1−β₁²/β₂)) ≈ 7.2703', () => {
    expect(adamRatioBound(1, 0.9, 0.999)).toBeCloseTo(1, 12);
    // The limit in exact decimal arithmetic: 7.27029179999969857763…
    expect(adamRatioBound(200_000, 0.9, 0.999)).toBeCloseTo(7.270291799999699, 6);
    expect(adamWorkedExample().strictBoundLimit).toBeCloseTo(7.270291799999699, 12);
    // At t = 2: w = (0.1/0.19)(1, 0.9), ω = (0.001/0.001999)(1, 0.999), by hand.
    const w = [0.1 / 0.19, 0.09 / 0.19];
    const omega = [0.001 / 0.001999, 0.000999 / 0.001999];
    expect(adamRatioBound(2, 0.9, 0.999)).toBeCloseTo(
      Math.sqrt((w[0] ?? 0) ** 2 / (omega[0] ?? 1) + (w[1] ?? 0) ** 2 / (omega[1] ?? 1)),
      12,
    );
  });

  it('is attained by gradients growing like (β₂/β₁)^t and never exceeded', () => {
    const ex = adamWorkedExample();
    expect(ex.growingGradStep2000).toBeCloseTo(adamRatioBound(2000, 0.9, 0.999), 8);
    expect(ex.growingGradStep2000).toBeGreaterThan(ex.sparseFactor);
    // A few other sequences stay below the bound at every step.
    const sequences: GradientFn[] = [
      (_p, t) => [Math.sin(t)],
      (_p, t) => [t % 7 === 1 ? 5 : 0],
      (_p, t) => [1 / t],
      (_p, t) => [t === 60 ? 1 : 1e-9],
    ];
    for (const g of sequences) {
      const tr = runOptimizer('adam', [0], g, 60, { lr: 1, eps: 0 });
      for (let t = 1; t <= 60; t++) {
        const step = Math.abs(first(tr[t] ?? []) - first(tr[t - 1] ?? []));
        expect(step).toBeLessThanOrEqual(adamRatioBound(t, 0.9, 0.999) + 1e-9);
      }
    }
  });
});

describe('steps after the optimiser state is reset', () => {
  // Closed form, derived separately from the sum the code evaluates: Σ wᵢ² =
  // (1 − β₁)/(1 + β₁) · (1 + β₁ᵗ)/(1 − β₁ᵗ); values in exact decimal arithmetic (40 digits).
  it('have the RMS √(Σ wᵢ²): 1 at t = 1, then 0.7081, 0.4521, 0.3301, down to √(0.1/1.9)', () => {
    expect(freshStateStepRms(1, 0.9)).toBeCloseTo(1, 14);
    expect(freshStateStepRms(2, 0.9)).toBeCloseTo(0.7080854761617742, 14); // √0.0181/0.19
    expect(freshStateStepRms(5, 0.9)).toBeCloseTo(0.4521228069893583, 14);
    expect(freshStateStepRms(10, 0.9)).toBeCloseTo(0.3301259620504732, 14);
    expect(freshStateStepRms(2000, 0.9)).toBeCloseTo(0.22941573387056177, 14);
    expect(() => freshStateStepRms(0, 0.9)).toThrow(RangeError);
    const ex = adamWorkedExample();
    expect(ex.freshStepLimit).toBeCloseTo(0.22941573387056177, 14);
    expect([ex.printed.freshStep2, ex.printed.freshStep10, ex.printed.freshStepLimit]).toEqual([
      '0.708',
      '0.330',
      '0.229',
    ]);
    expect(article).toContain(`分别是 $${ex.printed.freshStep2}\\,\\eta$ 和 $${ex.printed.freshStep10}\\,\\eta$`);
  });

  it('are what Adam actually does from a fresh state on random-sign gradients', () => {
    const uniform = mulberry32(31);
    const d = 4000;
    let params = new Array<number>(d).fill(0);
    let state = initAdamState(d);
    const rms: number[] = [];
    for (let t = 1; t <= 10; t++) {
      const g = params.map(() => rademacher(uniform));
      const r = adamStep(params, g, state, { lr: 1, eps: 0 });
      rms.push(Math.sqrt(r.params.reduce((s, x, i) => s + (x - (params[i] ?? 0)) ** 2, 0) / d));
      params = r.params;
      state = r.state;
    }
    expect(rms[0]).toBeCloseTo(1, 12);
    expect(Math.abs((rms[1] ?? 0) / freshStateStepRms(2, 0.9) - 1)).toBeLessThan(0.03);
    expect(Math.abs((rms[9] ?? 0) / freshStateStepRms(10, 0.9) - 1)).toBeLessThan(0.03);
    // Every one of the first ten steps is longer than the step at convergence.
    for (const r of rms) expect(r).toBeGreaterThan(1.4 * 0.22941573387056177);
  });
});

describe('formatting helpers', () => {
  it('formatFixed never prints negative zero', () => {
    expect(formatFixed(-0.00001, 3)).toBe('0.000');
    expect(formatFixed(-1.23456, 2)).toBe('-1.23');
    expect(formatFixed(0.9000000005, 4)).toBe('0.9000');
  });

  it('formatSci prints LaTeX scientific notation', () => {
    expect(formatSci(9.99999999e-7, 1)).toBe('1.0\\times 10^{-6}');
    expect(formatSci(0.00001, 1)).toBe('1.0\\times 10^{-5}');
    expect(formatSci(2.5e3, 2)).toBe('2.50\\times 10^{3}');
    expect(() => formatSci(0, 1)).toThrow(RangeError);
  });
});

describe('worked example', () => {
  const ex = adamWorkedExample();

  // Reference values from outside the code: hand computation, exact decimal arithmetic (to 16
  // digits) and torch.optim in float64 (PyTorch 1.13.1), never the expressions the code evaluates.
  it('has the values derived by hand', () => {
    expect(ex.m1).toBeCloseTo(0.2, 12);
    expect(ex.v1).toBeCloseTo(0.004, 12);
    expect(ex.mHat1).toBeCloseTo(2, 12);
    expect(ex.vHat1).toBeCloseTo(4, 12);
    expect(ex.theta1).toBeCloseTo(0.9, 8);
    // 0.1 · 0.2 / (√0.004 + 1e-8) = 0.31622771601684584…
    expect(ex.uncorrectedStep1).toBeCloseTo(0.3162277160168458, 12);
    expect(ex.m2).toBeCloseTo(0.08, 12);
    expect(ex.v2).toBeCloseTo(0.004996, 12);
    expect(ex.mHat2).toBeCloseTo(0.4210526315789474, 12); // 8/19
    expect(ex.vHat2).toBeCloseTo(2.499249624812406, 12); // 0.004996/0.001999
    expect(ex.theta2).toBeCloseTo(0.8733662967024315, 12); // PyTorch
    expect(ex.biasCorrection2At100).toBeCloseTo(0.095207852886291, 12);
    expect(ex.biasCorrection2At1000).toBeCloseTo(0.632304575229036, 12);
    expect(ex.sparseFactor).toBeCloseTo(3.1622776601683795, 12); // √10
    expect(ex.l2ShrinkLarge).toBeCloseTo(9.99999999e-7, 18); // 1e-5 / (10 + 1e-8)
    expect(ex.l2ShrinkSmall).toBeCloseTo(9.99999000001e-4, 15); // 1e-5 / (0.01 + 1e-8)
    expect(ex.decoupledShrink).toBeCloseTo(1e-5, 15);
    expect(ex.zeroGradAdamW10).toBeCloseTo(0.9900448802097482, 12); // PyTorch AdamW
    expect(ex.zeroGradAdamL2_10).toBeCloseTo(0.9003496636542906, 12); // PyTorch Adam(weight_decay)
    expect(ex.decayTimescale).toBeCloseTo(33333.333333333336, 6);
    // 0.9^43 = 0.01077…, 0.9^44 = 0.00969…
    expect(ex.momentumSettleStep).toBe(44);
    // 1/√0.001 = √1000, and 1/√(1 − 0.999^1000) in exact decimal arithmetic.
    expect(ex.epsHatFactorStep1).toBeCloseTo(31.622776601683793, 12);
    expect(ex.epsHatFactorStep1000).toBeCloseTo(1.25758352096177, 12);
    expect(ex.epsInsideRootFloor).toBeCloseTo(1e-4, 15);
    // β₂/β₁ = 0.999/0.9 = 1.11: the growth per step of the worst-case gradients; √0.001 = 0.03162….
    expect(ex.printed.growthPercent).toBe('11%');
    expect(ex.printed.sqrtOneMinusBeta2).toBe('0.0316');
    // AdamW(lr=0.1, weight_decay=0.1), gradient 1 then absent. Step 1 by hand: 0.99 − 0.1/(1 + 1e-8).
    // Step 2 with a zeroed gradient, torch.optim.AdamW in float64 (PyTorch 1.13.1): 0.8140941765241887;
    // with grad = None PyTorch skips the parameter and it stays at 0.890000001.
    expect(ex.unusedAfterStep1).toBeCloseTo(0.99 - 0.1 / (1 + 1e-8), 15);
    expect(ex.unusedZeroedStep2).toBeCloseTo(0.8140941765241887, 12);
  });

  it('prints every number exactly as the article does', () => {
    const entries = Object.entries(ex.printed);
    expect(entries.length).toBeGreaterThan(15);
    for (const [key, text] of entries) {
      expect(article, `worked-example value ${key} = ${text}`).toContain(text);
    }
  });

  it('matches the specific sentences of the worked example', () => {
    const p = ex.printed;
    expect(article).toContain(`$m_1=0.1\\times 2=${p.m1 ?? ''}$`);
    expect(article).toContain(`$v_1=0.001\\times 4=${p.v1 ?? ''}$`);
    expect(article).toContain(`\\approx ${p.theta2 ?? ''}`);
    expect(article).toContain(`又走了 $${p.step2 ?? ''}$`);
  });
});

describe('figure numbers quoted in the article', () => {
  it('are the ones the optimiser computes', () => {
    const demo = weightDecayDemo();
    for (const [key, text] of Object.entries(demo.printed)) {
      expect(article, `figure value ${key} = ${text}`).toContain(text);
    }
    expect(article).toContain(`Adam+L2 的终点是 ${demo.printed.adamL2End ?? ''}`);
    expect(article).toContain(`AdamW 的终点是 ${demo.printed.adamwEnd ?? ''}`);
  });

  it('are the only numbers in the captions and alt texts of the figures', async () => {
    const { weightNormDemo } = await import('../../src/numerics/weight-norm');
    const sources: Record<string, Readonly<Record<string, string>>> = {
      'adam-trajectories': weightDecayDemo().printed,
      'adamw-weight-norm': weightNormDemo().printed,
    };
    for (const [src, printed] of Object.entries(sources)) {
      const start = article.indexOf(`src: ${src}\n`);
      expect(start, src).toBeGreaterThan(-1);
      const block = article.slice(start, article.indexOf('```', start));
      const lines = block.split('\n').filter((line) => /^(caption|alt): /.test(line));
      expect(lines, src).toHaveLength(2);
      const allowed = Object.values(printed).join(' ');
      for (const line of lines) {
        // Every number not glued to a letter (θ₁ and L2 are names, not numbers).
        const numbers = line.match(/(?<![\p{L}\d.])[−-]?\d+(?:\.\d+)?%?/gu) ?? [];
        for (const n of numbers) expect(allowed, `${src}: ${n} in "${line.slice(0, 40)}…"`).toContain(n);
      }
    }
  });
});
