import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adamwStep, initAdamState } from '../../src/numerics/optimizers';
import { mulberry32, normalSampler, rademacher } from '../../src/numerics/random';
import {
  adamwEquilibriumAngle,
  adamwEquilibriumGrowth,
  adamwEquilibriumRms,
  adamwEquilibriumRmsExact,
  adamwStepInPlace,
  runScaleInvariant,
  scaleInvariantGradient,
  sgdScaleInvariantEquilibriumNorm,
  simulateWeightNorm,
  weightNormDemo,
  weightNormExamples,
} from '../../src/numerics/weight-norm';

const article = readFileSync(new URL('../../content/adam-adamw.md', import.meta.url), 'utf8');

function norm(xs: readonly number[]): number {
  return Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
}

function direction(xs: readonly number[]): number[] {
  const n = norm(xs);
  return xs.map((x) => x / n);
}

describe('adamwStepInPlace', () => {
  it('computes exactly what adamwStep computes, step after step', () => {
    const normal = normalSampler(mulberry32(5));
    const d = 7;
    let reference = Array.from({ length: d }, () => normal());
    let state = initAdamState(d);
    const theta = Float64Array.from(reference);
    const m = new Float64Array(d);
    const v = new Float64Array(d);
    for (let t = 1; t <= 60; t++) {
      const g = Array.from({ length: d }, () => 3 * normal());
      const r = adamwStep(reference, g, state, { lr: 0.03, weightDecay: 0.2 });
      reference = r.params;
      state = r.state;
      adamwStepInPlace(theta, g, m, v, t, 0.03, 0.2);
      expect(Array.from(theta)).toEqual(reference);
      expect(Array.from(m)).toEqual(state.m);
      expect(Array.from(v)).toEqual(state.v);
    }
  });
});

describe('equilibrium formulas', () => {
  it('match hand values', () => {
    // √(0.01/0.2) = √0.05
    expect(adamwEquilibriumRms(0.01, 0.1)).toBeCloseTo(0.22360679774997896, 14);
    // Exact decimal arithmetic: ρ = 0.999, η²/(1 − ρ²) = 0.0001/0.001999.
    expect(adamwEquilibriumRmsExact(0.01, 0.1, 0)).toBeCloseTo(0.2236627204212922, 12);
    expect(adamwEquilibriumRmsExact(0.01, 0.1, 0.9)).toBeCloseTo(0.2226102391635957, 12);
    // √(2·0.01·0.1) = √0.002, and with √(0.1/1.9).
    expect(adamwEquilibriumAngle(0.01, 0.1, 0)).toBeCloseTo(0.044721359549995794, 14);
    expect(adamwEquilibriumAngle(0.01, 0.1, 0.9)).toBeCloseTo(0.01025978352085154, 14);
    // (0.1·99/0.02)^(1/4) = 495^(1/4)
    expect(sgdScaleInvariantEquilibriumNorm(0.1, 0.01, 100)).toBeCloseTo(4.716841682872873, 12);
  });

  it('the exact equilibrium tends to √(η/(2λ)) as ηλ → 0, with or without momentum', () => {
    for (const beta1 of [0, 0.9, 0.99]) {
      const ratio = adamwEquilibriumRmsExact(1e-5, 1e-2, beta1) / adamwEquilibriumRms(1e-5, 1e-2);
      expect(Math.abs(ratio - 1)).toBeLessThan(0.002);
    }
  });

  it('prints the typical-setting numbers the article quotes', () => {
    const p = weightNormExamples();
    // Exact decimal arithmetic: √0.0015, √0.00006, √(0.00006/19), √(1/19); 1 − e⁻² = 0.8646….
    expect(p).toEqual({
      typicalRms: '0.0387',
      typicalAngle: '0.00775',
      typicalAngleMomentum: '0.00178',
      momentumFactor: '0.229',
      relaxedShare: '86\\%',
      crossShare: '95%',
    });
    for (const [key, text] of Object.entries(p)) expect(article, key).toContain(text);
  });
});

describe('the norm recursion with momentum', () => {
  it('has the footnote’s sum: η²/(1 − ρ²)·Σₕ ρ^|h|γ(h) with γ(h) = (1 − β₁)/(1 + β₁)·β₁^|h|', () => {
    for (const [lr, weightDecay, beta1] of [
      [0.01, 0.1, 0.9],
      [0.02, 0.05, 0.5],
      [0.1, 0.5, 0.99],
    ] as const) {
      const rho = 1 - lr * weightDecay;
      // Sum the autocovariances term by term instead of using the closed form.
      let sum = 0;
      for (let h = -20000; h <= 20000; h++) {
        sum += rho ** Math.abs(h) * ((1 - beta1) / (1 + beta1)) * beta1 ** Math.abs(h);
      }
      const exact = adamwEquilibriumRmsExact(lr, weightDecay, beta1);
      expect(exact ** 2).toBeCloseTo(((lr * lr) / (1 - rho * rho)) * sum, 12);
      // The growth per step splits into the update's own term and the cross term, and adds up to (1 − ρ²)·E θ².
      const growth = adamwEquilibriumGrowth(lr, weightDecay, beta1);
      expect(growth.update + growth.cross).toBeCloseTo((1 - rho * rho) * exact ** 2, 15);
    }
    // Exact decimal arithmetic for η = 0.01, λ = 0.1, β₁ = 0.9: η²·(1/19), and the cross term 9.3798e−5.
    const g = adamwEquilibriumGrowth(0.01, 0.1, 0.9);
    expect(g.update).toBeCloseTo(5.263157894736842e-6, 18);
    expect(g.cross).toBeCloseTo(9.379792394762923e-5, 17);
    expect(g.cross / (g.update + g.cross)).toBeCloseTo(0.9468695697962193, 12);
    // Without momentum the cross term vanishes.
    expect(adamwEquilibriumGrowth(0.01, 0.1, 0).cross).toBe(0);
  });

  it('has a non-zero cross term in simulation, supplying about 95% of the growth with β₁ = 0.9', () => {
    const lr = 0.01;
    const weightDecay = 0.1;
    const rho = 1 - lr * weightDecay;
    const d = 300;
    for (const beta1 of [0, 0.9]) {
      const uniform = mulberry32(41);
      const theta = new Float64Array(d);
      const m = new Float64Array(d);
      const v = new Float64Array(d);
      const grad = new Float64Array(d);
      let cross = 0;
      let update = 0;
      let count = 0;
      for (let t = 1; t <= 8000; t++) {
        for (let i = 0; i < d; i++) grad[i] = rademacher(uniform);
        const before = Float64Array.from(theta);
        adamwStepInPlace(theta, grad, m, v, t, lr, weightDecay, beta1);
        if (t > 4000) {
          // q = (ρθₜ₋₁ − θₜ)/η, per coordinate.
          for (let i = 0; i < d; i++) {
            const q = (rho * (before[i] ?? 0) - (theta[i] ?? 0)) / lr;
            cross += -2 * rho * lr * (before[i] ?? 0) * q;
            update += lr * lr * q * q;
          }
          count += d;
        }
      }
      const expected = adamwEquilibriumGrowth(lr, weightDecay, beta1);
      expect(Math.abs(update / count / expected.update - 1), `β₁ = ${beta1}`).toBeLessThan(0.02);
      if (beta1 === 0) {
        // Zero in expectation; the sampling error of the mean is about 4e−6 here (each sample
        // −2ρηθq has s.d. ≈ 2η·0.224 ≈ 0.0045, uncorrelated across steps, 1.2 million samples), against 9.4e−5 with momentum.
        expect(Math.abs(cross / count)).toBeLessThan(0.1 * expected.update);
      } else {
        expect(Math.abs(cross / count / expected.cross - 1)).toBeLessThan(0.05);
        expect(cross / (cross + update)).toBeGreaterThan(0.93);
      }
    }
  });
});

describe('AdamW in the random-walk model', () => {
  const { series, printed } = weightNormDemo();
  const byId = (id: string) => {
    const s = series.find((x) => x.id === id);
    if (!s) throw new Error(id);
    return s;
  };

  it('settles at the predicted RMS, whatever the starting norm', () => {
    for (const s of series) {
      const exact = adamwEquilibriumRmsExact(s.lr, s.weightDecay, 0.9);
      expect(Math.abs(s.run.tailRms / exact - 1), s.id).toBeLessThan(0.04);
    }
    // A and B differ only in where they start.
    expect(Math.abs(byId('b').run.tailRms / byId('a').run.tailRms - 1)).toBeLessThan(0.04);
    // C: the same ηλ, four times η/λ, twice the RMS.
    expect(byId('c').lr * byId('c').weightDecay).toBeCloseTo(byId('a').lr * byId('a').weightDecay, 15);
    expect(byId('c').run.tailRms / byId('a').run.tailRms).toBeGreaterThan(1.9);
    expect(byId('c').run.tailRms / byId('a').run.tailRms).toBeLessThan(2.1);
  });

  it('follows the predicted relaxation with time constant 1/(ηλ)', () => {
    for (const s of series) {
      expect(s.timescale).toBeCloseTo(1000, 9);
      s.run.rms.forEach((r, i) => {
        const t = s.run.steps[i] ?? 0;
        if (t >= 100) expect(Math.abs(r / (s.predicted[i] ?? Number.NaN) - 1), `${s.id} at ${t}`).toBeLessThan(0.12);
      });
      // From 0, one time constant reaches √(1 − e⁻²) ≈ 93% of the equilibrium.
      if (s.initialRms === 0) {
        const at1000 = s.run.rms[s.run.steps.indexOf(1000)] ?? Number.NaN;
        expect(at1000 / s.equilibrium).toBeGreaterThan(0.85);
        expect(at1000 / s.equilibrium).toBeLessThan(1.01);
      }
    }
  });

  it('scales exactly: (2η, λ/2) from twice the start is twice the run', () => {
    const base = { optimizer: 'adamw', gradient: 'noise', dim: 50, steps: 300, seed: 9, record: 10 } as const;
    const one = simulateWeightNorm({ ...base, lr: 0.01, weightDecay: 0.1, initialRms: 0.3 });
    const two = simulateWeightNorm({ ...base, lr: 0.02, weightDecay: 0.05, initialRms: 0.6 });
    one.rms.forEach((r, i) => {
      expect(two.rms[i]).toBeCloseTo(2 * r, 10);
    });
  });

  it('turns by √(2ηλ(1 − β₁)/(1 + β₁)) per step at equilibrium', () => {
    for (const beta1 of [0, 0.9]) {
      const run = simulateWeightNorm({
        optimizer: 'adamw',
        gradient: 'noise',
        dim: 400,
        lr: 0.01,
        weightDecay: 0.1,
        steps: 5000,
        initialRms: 0.2,
        seed: 21,
        beta1,
      });
      const predicted = adamwEquilibriumAngle(0.01, 0.1, beta1);
      expect(Math.abs(run.tailAngle / predicted - 1), `β₁ = ${beta1}`).toBeLessThan(0.04);
      expect(Math.abs(run.tailRms / adamwEquilibriumRms(0.01, 0.1) - 1), `β₁ = ${beta1}`).toBeLessThan(0.05);
    }
  });

  it('draws the predicted curves with the momentum-corrected equilibrium, as the caption says', () => {
    for (const s of series) {
      const exact = adamwEquilibriumRmsExact(s.lr, s.weightDecay, 0.9);
      // By step 6000, ρ^{2t} = 0.999^{12000} ≈ 6e−6: the dashed curve sits on the exact equilibrium.
      expect(s.predicted[s.predicted.length - 1]).toBeCloseTo(exact, 5);
      expect(Math.abs(exact / s.equilibrium - 1)).toBeGreaterThan(0.004);
      expect(s.predicted[0]).toBeCloseTo(s.initialRms, 12);
    }
  });

  it('prints the numbers the article and the figure quote', () => {
    // The largest gap between a tail RMS and √(η/(2λ)), rounded up: B's 0.220 against 0.224.
    expect(printed.maxTailDeviation).toBe('2%');
    for (const s of series) expect(Math.abs(s.run.tailRms / s.equilibrium - 1)).toBeLessThan(0.02);
    expect(printed.equilibriumA).toBe('0.224');
    expect(printed.equilibriumC).toBe('0.447');
    expect(printed.timescale).toBe('1000');
    for (const [key, text] of Object.entries(printed)) expect(article, key).toContain(text);
  });
});

describe('a scale-invariant loss f(w) = −z·w/‖w‖', () => {
  const normal = normalSampler(mulberry32(77));
  const d = 6;
  const w = Array.from({ length: d }, () => normal());
  const z = Array.from({ length: d }, () => normal());
  const loss = (x: readonly number[]): number => -x.reduce((s, xi, i) => s + xi * (z[i] ?? 0), 0) / norm(x);
  const finiteDifference = (x: readonly number[]): number[] =>
    x.map((_, i) => {
      const h = 1e-6 * Math.max(1, Math.abs(x[i] ?? 0));
      const up = x.slice();
      const down = x.slice();
      up[i] = (up[i] ?? 0) + h;
      down[i] = (down[i] ?? 0) - h;
      return (loss(up) - loss(down)) / (2 * h);
    });

  it('has the gradient the code uses, orthogonal to w and scaling as 1/‖w‖', () => {
    const fd = finiteDifference(w);
    const g = scaleInvariantGradient(w, z);
    g.forEach((gi, i) => {
      expect(gi).toBeCloseTo(fd[i] ?? Number.NaN, 7);
    });
    const dot = w.reduce((s, wi, i) => s + wi * (fd[i] ?? 0), 0);
    expect(Math.abs(dot)).toBeLessThan(1e-8 * norm(w) * norm(fd));
    for (const c of [0.1, 10]) {
      const scaled = finiteDifference(w.map((x) => c * x));
      scaled.forEach((gi, i) => {
        expect(gi * c).toBeCloseTo(fd[i] ?? Number.NaN, 6);
      });
    }
  });

  it('SGD from cw₀ with c²η moves exactly like SGD from w₀ with η', () => {
    const base = { optimizer: 'sgd', steps: 50, seed: 3 } as const;
    const a = runScaleInvariant({ ...base, w0: w, lr: 0.05 });
    for (const c of [0.2, 5]) {
      const b = runScaleInvariant({ ...base, w0: w.map((x) => c * x), lr: c * c * 0.05 });
      b.forEach((p, t) => {
        p.forEach((x, i) => {
          expect(x).toBeCloseTo(c * (a[t]?.[i] ?? Number.NaN), 10);
        });
      });
      // With the same η instead, the directions part ways.
      const same = runScaleInvariant({ ...base, w0: w.map((x) => c * x), lr: 0.05 });
      const gap = norm(direction(same[50] ?? []).map((x, i) => x - (direction(a[50] ?? [])[i] ?? 0)));
      expect(gap).toBeGreaterThan(1e-3);
    }
  });

  it('Adam from cw₀ with cη moves exactly like Adam from w₀ with η (ε = 0)', () => {
    const base = { optimizer: 'adam', steps: 50, seed: 4, eps: 0 } as const;
    const a = runScaleInvariant({ ...base, w0: w, lr: 0.01 });
    for (const c of [0.2, 5]) {
      const b = runScaleInvariant({ ...base, w0: w.map((x) => c * x), lr: c * 0.01 });
      b.forEach((p, t) => {
        p.forEach((x, i) => {
          expect(x / c).toBeCloseTo(a[t]?.[i] ?? Number.NaN, 10);
        });
      });
    }
  });

  it('without decay, SGD only ever lengthens w: ‖wₜ₊₁‖² = ‖wₜ‖² + η²‖g‖²', () => {
    const run = runScaleInvariant({ optimizer: 'sgd', w0: w, lr: 0.1, steps: 100, seed: 8 });
    for (let t = 1; t < run.length; t++) {
      const before = run[t - 1] ?? [];
      const after = run[t] ?? [];
      const step = after.map((x, i) => x - (before[i] ?? 0));
      expect(norm(after)).toBeGreaterThan(norm(before));
      expect(norm(after) ** 2).toBeCloseTo(norm(before) ** 2 + norm(step) ** 2, 10);
    }
  });

  it('GD with weight decay equals GD without it at the learning rate η(1 − ηλ)^(−2t−1), up to scale', () => {
    const lr = 0.05;
    const weightDecay = 0.2;
    const base = { optimizer: 'sgd', w0: w, steps: 40, seed: 12 } as const;
    const decayed = runScaleInvariant({ ...base, lr, weightDecay });
    // Step t (1-based) of the undecayed run uses η(1 − ηλ)^(−2(t−1)−1).
    const growing = runScaleInvariant({ ...base, lr: (t) => lr * (1 - lr * weightDecay) ** (-2 * (t - 1) - 1) });
    decayed.forEach((p, t) => {
      const scale = (1 - lr * weightDecay) ** t;
      p.forEach((x, i) => {
        expect(x / scale).toBeCloseTo(growing[t]?.[i] ?? Number.NaN, 9);
      });
    });
  });

  it('with decay, SGD settles at ‖w‖⁴ = η(d − 1)/(2λ) and turns by √(2ηλ) per step', () => {
    const dim = 100;
    const run = simulateWeightNorm({
      optimizer: 'sgd',
      gradient: 'scale-invariant',
      dim,
      lr: 0.1,
      weightDecay: 0.01,
      steps: 6000,
      initialRms: 0.1,
      seed: 3,
    });
    const normAtEquilibrium = run.tailRms * Math.sqrt(dim);
    expect(Math.abs(normAtEquilibrium / sgdScaleInvariantEquilibriumNorm(0.1, 0.01, dim) - 1)).toBeLessThan(0.03);
    expect(Math.abs(run.tailAngle / Math.sqrt(2 * 0.1 * 0.01) - 1)).toBeLessThan(0.03);
  });

  it('with decay, AdamW settles at RMS √(η/(2λ)) and the same angular update as in the random-walk model', () => {
    const run = simulateWeightNorm({
      optimizer: 'adamw',
      gradient: 'scale-invariant',
      dim: 100,
      lr: 0.01,
      weightDecay: 0.1,
      steps: 6000,
      initialRms: 0.1,
      seed: 4,
    });
    expect(Math.abs(run.tailRms / adamwEquilibriumRms(0.01, 0.1) - 1)).toBeLessThan(0.05);
    expect(Math.abs(run.tailAngle / adamwEquilibriumAngle(0.01, 0.1, 0.9) - 1)).toBeLessThan(0.04);
  });
});
