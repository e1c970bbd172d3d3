import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  actnormInit,
  BOTTLENECK_INNER,
  BOTTLENECK_OUTER,
  bottleneckCounterexample,
  composeForward,
  composeInverse,
  conv1x1,
  couplingExample,
  couplingForward,
  couplingInverse,
  couplingLayer,
  DEMO_LAYERS,
  demoFlow,
  densityFigureContours,
  EULER_DEMO,
  eulerExample,
  eulerReflowed,
  eulerTwoPoint,
  flowLogDensity,
  formatFixed,
  GLOW_W,
  gaussianDiskMass,
  glowExample,
  glowInitialScale,
  HUTCHINSON_A,
  hutchinsonEmpirical,
  hutchinsonExample,
  hutchinsonSample,
  hutchinsonVariance,
  iafInvert,
  iafSamplePass,
  jacobianFD,
  jacobianPatterns,
  logAbsDet,
  luDecompose,
  type Matrix,
  madeMasks,
  mafDensityPass,
  mafSample,
  matmul,
  otConditionalFlow,
  REFLOW_CHECK,
  randomCoupling,
  randomMade,
  reflowEulerMaxError,
  reflowedTwoPointVelocity,
  trace,
  twoPointVelocity,
  VP_BETA,
  vpAlpha,
  vpConditionalFlow,
  vpNoiseEnd,
} from '../../src/numerics/flows';

const article = readFileSync(new URL('../../content/normalizing-flows.md', import.meta.url), 'utf8');

function get(m: Matrix, i: number, j: number): number {
  const x = m[i]?.[j];
  if (x === undefined) throw new Error(`no entry (${i}, ${j})`);
  return x;
}

/** Cofactor expansion: a determinant computed without any LU, to check the LU route against. */
function detCofactor(m: Matrix): number {
  const n = m.length;
  if (n === 1) return get(m, 0, 0);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const minor = m.slice(1).map((r) => r.filter((_, k) => k !== j));
    sum += (j % 2 === 0 ? 1 : -1) * get(m, 0, j) * detCofactor(minor);
  }
  return sum;
}

function expectVectorClose(actual: readonly number[], expected: readonly number[], digits: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => {
    expect(x).toBeCloseTo(expected[i] ?? Number.NaN, digits);
  });
}

describe('linear algebra', () => {
  it('LU with partial pivoting rebuilds A and its pivots give log|det A|', () => {
    const a: Matrix = [
      [0, 2, 1, -1],
      [3, 1, 0, 2],
      [1, -2, 4, 0],
      [2, 0, 1, 5],
    ];
    const lu = luDecompose(a);
    const u = lu.upper.map((r, i) => r.map((x, j) => (i === j ? (lu.s[i] ?? Number.NaN) : x)));
    const pa = lu.perm.map((p) => a[p] ?? []);
    const rebuilt = matmul(lu.lower, u);
    rebuilt.forEach((r, i) => {
      expectVectorClose(r, pa[i] ?? [], 12);
    });
    expect(logAbsDet(a)).toBeCloseTo(Math.log(Math.abs(detCofactor(a))), 12);
    expect(lu.permSign * lu.s.reduce((p, x) => p * x, 1)).toBeCloseTo(detCofactor(a), 10);
  });

  it('rejects singular and non-square matrices', () => {
    expect(() =>
      luDecompose([
        [1, 2],
        [2, 4],
      ]),
    ).toThrow(RangeError);
    expect(() => luDecompose([[1, 2]])).toThrow(RangeError);
  });

  it('finite-difference Jacobian of a linear map is the matrix', () => {
    const a: Matrix = [
      [1, 2],
      [-3, 0.5],
    ];
    const j = jacobianFD((x) => a.map((r) => r.reduce((s, v, k) => s + v * (x[k] ?? 0), 0)), [0.3, -0.7]);
    j.forEach((r, i) => {
      expectVectorClose(r, a[i] ?? [], 8);
    });
  });
});

describe('affine coupling layer', () => {
  const layer = randomCoupling([1, 1, 0, 1, 0, 0], 8, 5);
  const x = [0.4, -1.3, 2.1, 0.05, -0.6, 1.7];

  it('inverse ∘ forward = identity and forward ∘ inverse = identity', () => {
    const fwd = couplingForward(layer, x);
    const back = couplingInverse(layer, fwd.y);
    expectVectorClose(back.y, x, 13);
    expect(back.logDet).toBeCloseTo(-fwd.logDet, 14);
    const y = [1, 2, 3, -1, -2, -3];
    expectVectorClose(couplingForward(layer, couplingInverse(layer, y).y).y, y, 13);
  });

  it('log-det equals log|det J| of a finite-difference Jacobian', () => {
    const j = jacobianFD((v) => couplingForward(layer, v).y, x);
    expect(couplingForward(layer, x).logDet).toBeCloseTo(logAbsDet(j), 7);
  });

  it('passes masked coordinates through unchanged; with s ≡ 0 (NICE) it preserves volume', () => {
    const fwd = couplingForward(layer, x);
    [0, 1, 3].forEach((i) => {
      expect(fwd.y[i]).toBe(x[i]);
    });
    const additive = {
      mask: [1, 0] as (0 | 1)[],
      conditioner: (m: readonly number[]) => ({ s: [0, 0], t: [0, Math.sin(3 * (m[0] ?? 0))] }),
    };
    const p = [0.7, -0.2];
    expect(couplingForward(additive, p).logDet).toBe(0);
    const j = jacobianFD((v) => couplingForward(additive, v).y, p);
    expect(get(j, 0, 0) * get(j, 1, 1) - get(j, 0, 1) * get(j, 1, 0)).toBeCloseTo(1, 8);
  });

  it('log-dets of composed layers add up to log|det| of the composed Jacobian', () => {
    const layers = [
      couplingLayer(randomCoupling([1, 1, 1, 0, 0, 0], 8, 1)),
      couplingLayer(randomCoupling([0, 0, 0, 1, 1, 1], 8, 2)),
      couplingLayer(randomCoupling([1, 0, 1, 0, 1, 0], 8, 3)),
    ];
    const fwd = composeForward(layers, x);
    const j = jacobianFD((v) => composeForward(layers, v).y, x);
    expect(fwd.logDet).toBeCloseTo(logAbsDet(j), 6);
    expectVectorClose(composeInverse(layers, fwd.y).y, x, 12);
  });
});

describe('the worked two-layer example', () => {
  const ex = couplingExample();

  it('has the values computed by hand from the closed-form conditioners', () => {
    const [z1, z2] = ex.z;
    const s1 = 0.4 * Math.tanh(-1.2);
    const t1 = 0.6 * (1.44 - 1);
    const u2 = 0.8 * Math.exp(s1) + t1;
    const s2 = -0.3 * Math.tanh(u2);
    const t2 = 0.8 * Math.sin(u2);
    expect(z1).toBe(-1.2);
    expect(z2).toBe(0.8);
    expect(ex.s1).toBeCloseTo(s1, 14);
    expect(ex.t1).toBeCloseTo(0.264, 14);
    expect(ex.afterLayer1[1]).toBeCloseTo(u2, 14);
    expect(ex.s2).toBeCloseTo(s2, 14);
    expect(ex.t2).toBeCloseTo(t2, 14);
    expect(ex.x[0]).toBeCloseTo(-1.2 * Math.exp(s2) + t2, 14);
    expect(ex.logDetTotal).toBeCloseTo(s1 + s2, 14);
    // log N((−1.2, 0.8); 0, I) = −(1.44 + 0.64)/2 − log 2π.
    expect(ex.logPz).toBeCloseTo(-1.04 - Math.log(2 * Math.PI), 14);
    expect(ex.fdLogDet).toBeCloseTo(ex.logDetTotal, 8);
  });

  it('gives a density that integrates to 1 (the sign of the log-det is right)', () => {
    const layers = demoFlow();
    const h = 0.04;
    let mass = 0;
    for (let a = -9; a < 9; a += h) {
      for (let b = -7; b < 11; b += h) mass += Math.exp(flowLogDensity(layers, [a + h / 2, b + h / 2])) * h * h;
    }
    expect(mass).toBeCloseTo(1, 3);
    // With the log-det added instead of subtracted the "density" would not normalise.
    expect(Math.exp(flowLogDensity(layers, ex.x as number[]))).toBeCloseTo(Math.exp(ex.logPx), 12);
  });

  it('uses the two layers the article describes', () => {
    expect(DEMO_LAYERS.map((l) => l.mask)).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('prints every number exactly as the article does', () => {
    for (const [key, text] of Object.entries(ex.printed)) {
      expect(article, `coupling example ${key} = ${text}`).toContain(text);
    }
  });
});

describe('MADE and autoregressive flows', () => {
  it('MADE masks make output i depend only on inputs before i', () => {
    const { inputToHidden, hiddenToOutput } = madeMasks(5, 12);
    // Connectivity output ← input is the boolean product of the two masks.
    const reach = matmul(hiddenToOutput, inputToHidden);
    reach.forEach((r, i) => {
      r.forEach((v, d) => {
        if (d >= i) expect(v).toBe(0);
        else expect(v).toBeGreaterThan(0);
      });
    });
  });

  it('follow the MADE rule on a small case written out by hand', () => {
    const m = madeMasks(3, 4); // hidden degrees 1, 2, 1, 2
    expect(m.hiddenDegrees).toEqual([1, 2, 1, 2]);
    expect(m.inputToHidden).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 0],
      [1, 1, 0],
    ]);
    expect(m.hiddenToOutput).toEqual([
      [0, 0, 0, 0],
      [1, 0, 1, 0],
      [1, 1, 1, 1],
    ]);
  });

  it('assigns hidden unit k (counted from 0) the degree 1 + (k mod (D − 1)), as the article says', () => {
    // D = 4: degrees run 1, 2, 3 and start again; unit 0 has degree 1, not 2.
    expect(madeMasks(4, 7).hiddenDegrees).toEqual([1, 2, 3, 1, 2, 3, 1]);
    expect(article).toContain('第 $k$ 个隐单元（$k$ 从 0 数起）的度数为 $1+(k\\bmod(D-1))$');
  });

  const dim = 6;
  const x = [0.3, -1.1, 0.8, 0.5, -0.4, 1.2];

  it('MAF: density in one pass, with a lower-triangular Jacobian and log-det −Σα', () => {
    const made = randomMade(dim, 16, 7);
    const before = made.calls();
    const u = mafDensityPass(made, x);
    expect(made.calls() - before).toBe(1);
    const j = jacobianFD((v) => mafDensityPass(made, v).y, x);
    for (let i = 0; i < dim; i++) for (let k = i + 1; k < dim; k++) expect(get(j, i, k)).toBe(0);
    let logDiag = 0;
    for (let i = 0; i < dim; i++) logDiag += Math.log(Math.abs(get(j, i, i)));
    expect(u.logDet).toBeCloseTo(logDiag, 7);
  });

  it('MAF: sampling needs D sequential passes; after k passes k coordinates are right', () => {
    const made = randomMade(dim, 16, 7);
    const u = mafDensityPass(made, x).y;
    const before = made.calls();
    expectVectorClose(mafSample(made, u), x, 12);
    expect(made.calls() - before).toBe(dim);
    // Stop early: run k passes by hand and check how many coordinates are already exact.
    let partial = new Array<number>(dim).fill(0);
    for (let pass = 1; pass <= dim; pass++) {
      const { mu, alpha } = made.evaluate(partial);
      partial = u.map((ui, i) => ui * Math.exp(alpha[i] ?? Number.NaN) + (mu[i] ?? Number.NaN));
      for (let i = 0; i < pass; i++) expect(partial[i]).toBeCloseTo(x[i] ?? Number.NaN, 12);
      if (pass < dim) expect(Math.abs((partial[pass] ?? 0) - (x[pass] ?? 0))).toBeGreaterThan(1e-6);
    }
  });

  it('IAF: sampling (and the density of its own samples) in one pass, outside points need D', () => {
    const made = randomMade(dim, 16, 8);
    const u = [0.9, -0.2, 0.4, -1.5, 0.7, 0.1];
    const before = made.calls();
    const s = iafSamplePass(made, u);
    expect(made.calls() - before).toBe(1);
    const j = jacobianFD((v) => iafSamplePass(made, v).y, u);
    expect(s.logDet).toBeCloseTo(logAbsDet(j), 7);
    const mid = made.calls();
    expectVectorClose(iafInvert(made, s.y), u, 12);
    expect(made.calls() - mid).toBe(dim);
  });

  it('a coupling layer is an autoregressive layer whose first half has μ = α = 0', () => {
    const { coupling, autoregressive, composed } = jacobianPatterns();
    const half = 3;
    for (let i = 0; i < 6; i++) {
      for (let k = 0; k < 6; k++) {
        const c = get(coupling, i, k);
        if (i < half && i === k)
          expect(c).toBeCloseTo(1, 8); // identity block
        else if (i < half) expect(c).toBe(0);
        else if (k >= half) expect(c === 0).toBe(i !== k); // diagonal block
        if (k > i) expect(get(autoregressive, i, k)).toBe(0);
      }
    }
    // Two couplings with complementary masks: the top-right block is no longer zero.
    let topRight = 0;
    for (let i = 0; i < half; i++) for (let k = half; k < 6; k++) topRight += Math.abs(get(composed, i, k));
    expect(topRight).toBeGreaterThan(0.5);
  });
});

describe('Glow', () => {
  it('ActNorm data-dependent init gives zero mean and unit variance per channel', () => {
    const batch = [
      [1, 10, -3],
      [2, 14, -1],
      [4, 9, -2],
      [5, 11, 0],
    ];
    const { scale, bias } = actnormInit(batch);
    for (let c = 0; c < 3; c++) {
      const out = batch.map((r) => (r[c] ?? 0) * (scale[c] ?? 0) + (bias[c] ?? 0));
      const mean = out.reduce((s, v) => s + v, 0) / out.length;
      const variance = out.reduce((s, v) => s + (v - mean) ** 2, 0) / out.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 12);
    }
    // Channel 0 = (1, 2, 4, 5): mean 3, variance 2.5.
    expect(scale[0]).toBeCloseTo(1 / Math.sqrt(2.5), 14);
  });

  it('1×1 conv log-det via LU equals log|det W| computed directly', () => {
    const ex = glowExample();
    const det = detCofactor(GLOW_W);
    expect(ex.logDetW).toBeCloseTo(Math.log(Math.abs(det)), 13);
    expect(ex.lu.permSign * ex.lu.s.reduce((p, v) => p * v, 1)).toBeCloseTo(det, 13);
    // Hand value: det = 0.2(0.36−0.15) − 1(0.99+0.3) − 0.3(0.33+0.24) = −1.419.
    expect(det).toBeCloseTo(-1.419, 13);
    expect(ex.total).toBeCloseTo(1024 * Math.log(1.419), 9);
    // W = Pᵀ L (U + diag s): the stored factors rebuild the weight.
    const u = ex.lu.upper.map((r, i) => r.map((v, j) => (i === j ? (ex.lu.s[i] ?? 0) : v)));
    const lu = matmul(ex.lu.lower, u);
    ex.lu.perm.forEach((p, i) => {
      expectVectorClose(lu[i] ?? [], GLOW_W[p] ?? [], 13);
    });
  });

  it('the Jacobian of a 1×1 conv over h×w pixels has log|det| = h·w·log|det W|', () => {
    const h = 2;
    const w = 3;
    const x = Array.from({ length: h * w * 3 }, (_, i) => Math.sin(i + 1));
    const j = jacobianFD((v) => conv1x1(GLOW_W, v), x);
    expect(logAbsDet(j)).toBeCloseTo(h * w * Math.log(1.419), 8);
  });

  it('prints its numbers as the article does', () => {
    for (const [key, text] of Object.entries(glowExample().printed)) {
      expect(article, `Glow example ${key} = ${text}`).toContain(text);
    }
  });

  it('the code’s sigmoid(s̃ + 2) scale starts at sigmoid(2) ≈ 0.88, so the layer is not the identity', () => {
    const { scale, printed } = glowInitialScale();
    // sigmoid(x) = (1 + tanh(x/2))/2, and tanh 1 = 0.76159415595576…
    expect(scale).toBeCloseTo((1 + 0.7615941559557649) / 2, 14);
    expect(scale).toBeLessThan(0.9);
    expect(printed).toBe('0.88');
    // Printed in the NOTE and in the pitfalls, both times in this form.
    expect(article.split(`\\mathrm{sigmoid}(2)\\approx${printed}`).length - 1).toBe(2);
  });
});

describe('Hutchinson trace estimator', () => {
  it('a single sample is εᵀAε', () => {
    expect(hutchinsonSample(HUTCHINSON_A, [1, 0, 0, 0])).toBe(2);
    expect(hutchinsonSample(HUTCHINSON_A, [1, 1, 1, 1])).toBe(13);
  });

  it('closed forms match the hand values for the symmetric example', () => {
    // tr A = 5, ‖A‖_F² = 27, Σ aᵢᵢ² = 15.
    expect(hutchinsonVariance(HUTCHINSON_A, 'gaussian')).toBe(54);
    expect(hutchinsonVariance(HUTCHINSON_A, 'rademacher')).toBe(24);
  });

  it('is unbiased and its empirical variance matches the closed forms', () => {
    const ex = hutchinsonExample();
    expect(ex.gaussian.mean).toBeCloseTo(5, 1);
    expect(ex.rademacher.mean).toBeCloseTo(5, 1);
    expect(Math.abs(ex.gaussian.variance / 54 - 1)).toBeLessThan(0.03);
    expect(Math.abs(ex.rademacher.variance / 24 - 1)).toBeLessThan(0.03);
  });

  it('on a non-symmetric matrix behaves as its symmetric part', () => {
    const a: Matrix = [
      [1, 3, 0],
      [-1, 2, 2],
      [0.5, 0, -1],
    ];
    // Symmetric part: off-diagonals 1, 0.25, 1 → ‖Ā‖_F² = 1+4+1 + 2(1+0.0625+1) = 10.125.
    expect(hutchinsonVariance(a, 'gaussian')).toBeCloseTo(20.25, 12);
    expect(hutchinsonVariance(a, 'rademacher')).toBeCloseTo(8.25, 12);
    const g = hutchinsonEmpirical(a, 'gaussian', 100_000, 3);
    const r = hutchinsonEmpirical(a, 'rademacher', 100_000, 4);
    expect(g.mean).toBeCloseTo(2, 1);
    expect(Math.abs(g.variance / 20.25 - 1)).toBeLessThan(0.04);
    expect(Math.abs(r.variance / 8.25 - 1)).toBeLessThan(0.04);
  });

  it('needs the symmetric part: 2‖A‖_F² is wrong for a non-symmetric Jacobian', () => {
    // εᵀAε = ε₁ε₂ for this nilpotent A: variance E[ε₁²ε₂²] = 1 for both probes, while ‖A‖_F² = 1
    // would give 2 (Gaussian). With Ā = [[0, ½], [½, 0]], 2‖Ā‖_F² = 1 and 2(‖Ā‖_F² − Σ āᵢᵢ²) = 1.
    const a: Matrix = [
      [0, 1],
      [0, 0],
    ];
    expect(hutchinsonVariance(a, 'gaussian')).toBe(1);
    expect(hutchinsonVariance(a, 'rademacher')).toBe(1);
    expect(Math.abs(hutchinsonEmpirical(a, 'gaussian', 100_000, 5).variance - 1)).toBeLessThan(0.04);
    expect(hutchinsonEmpirical(a, 'rademacher', 1000, 6).variance).toBeCloseTo(1, 1);
    // The summary states the variances with Ā, as the body does.
    expect(article).toContain('Rademacher 探针的方差 $2(\\norm{\\bar A}_F^2-\\sum_i\\bar a_{ii}^2)$');
  });

  it('gives an unbiased log-density but, after exp, a density biased upwards (Jensen)', () => {
    // Enumerate all 2⁴ Rademacher probes: exact expectations, no sampling noise.
    let meanQ = 0;
    let meanExp = 0;
    for (let bits = 0; bits < 16; bits++) {
      const eps = [0, 1, 2, 3].map((i) => ((bits >> i) & 1 ? 1 : -1));
      const q = hutchinsonSample(HUTCHINSON_A, eps);
      meanQ += q / 16;
      meanExp += Math.exp(-q) / 16; // log-density estimate ℓ̂ = const − q
    }
    expect(meanQ).toBeCloseTo(5, 12);
    expect(meanExp).toBeGreaterThan(1.5 * Math.exp(-5));
  });

  it('Rademacher probes are exact on a diagonal matrix', () => {
    const d: Matrix = [
      [3, 0],
      [0, -7],
    ];
    expect(hutchinsonVariance(d, 'rademacher')).toBe(0);
    expect(hutchinsonEmpirical(d, 'rademacher', 1000, 9).variance).toBe(0);
  });

  it('prints its numbers as the article does', () => {
    for (const [key, text] of Object.entries(hutchinsonExample().printed)) {
      expect(article, `Hutchinson ${key} = ${text}`).toContain(text);
    }
  });
});

describe('the bottleneck trick (cyclic trace)', () => {
  const ex = bottleneckCounterexample();

  it('multiplies the factors as written out by hand', () => {
    expect(BOTTLENECK_OUTER).toHaveLength(3);
    expect(BOTTLENECK_INNER).toHaveLength(2);
    expect(ex.full).toEqual([
      [-1, 0, 0],
      [-1, 0, 0],
      [-1, -1, 1],
    ]);
    expect(ex.small).toEqual([
      [1, -2],
      [0, -1],
    ]);
  });

  it('keeps the trace: tr(J₂J₁) = tr(J₁J₂)', () => {
    expect(ex.traceFull).toBe(0);
    expect(ex.traceSmall).toBe(0);
    expect(trace(HUTCHINSON_A)).toBe(5);
  });

  it('uses the symmetric part: ‖J₂J₁‖_F² = 5 would wrongly give a Gaussian variance of 10', () => {
    const frob = ex.full.flat().reduce((s, v) => s + v * v, 0);
    expect(frob).toBe(5);
    expect(ex.gaussian.full).toBe(7);
    expect(ex.gaussian.full).not.toBe(2 * frob);
  });

  it('is a counterexample: the smaller matrix has the larger probe variance', () => {
    // Symmetric part of J₂J₁: diagonal (−1, 0, 1), off-diagonals all −½ → ‖·‖_F² = 2 + 6/4 = 3.5.
    // Symmetric part of J₁J₂: diagonal (1, −1), off-diagonal −1 → ‖·‖_F² = 2 + 2 = 4.
    expect(ex.gaussian).toEqual({ full: 7, small: 8 });
    expect(ex.rademacher).toEqual({ full: 3, small: 4 });
    // The seeded empirical variances agree, so the closed forms are not the only witness.
    const g3 = hutchinsonEmpirical(ex.full, 'gaussian', 100_000, 31);
    const g2 = hutchinsonEmpirical(ex.small, 'gaussian', 100_000, 32);
    expect(Math.abs(g3.variance / 7 - 1)).toBeLessThan(0.04);
    expect(Math.abs(g2.variance / 8 - 1)).toBeLessThan(0.04);
    expect(g3.mean).toBeCloseTo(0, 1);
    expect(g2.mean).toBeCloseTo(0, 1);
  });

  it('prints the two Gaussian variances as the article does', () => {
    const { gaussianFull, gaussianSmall } = ex.printed;
    expect(article).toContain(`从 ${gaussianFull} 升到 ${gaussianSmall}`);
  });
});

describe('flow matching in one dimension', () => {
  it('the marginal velocity is E[x₁ − x₀ | x_t] (checked by brute-force posterior)', () => {
    for (const [x, t] of [
      [0.4, 0.3],
      [-1.2, 0.7],
      [2, 0.1],
    ] as const) {
      // Posterior over x₁ = ±1 from the Gaussian likelihood 𝒩(x; ±t, (1−t)²).
      const like = (a: number) => Math.exp(-((x - a * t) ** 2) / (2 * (1 - t) ** 2));
      const pPlus = like(1) / (like(1) + like(-1));
      const meanX1 = pPlus - (1 - pPlus);
      const meanX0 = (x - t * meanX1) / (1 - t);
      expect(twoPointVelocity(x, t)).toBeCloseTo(meanX1 - meanX0, 12);
    }
  });

  it('one Euler step lands on the data mean 0; two steps give tanh(x₀); many steps reach +1', () => {
    const x0 = EULER_DEMO.x0;
    expect(eulerTwoPoint(x0, 1)).toBe(0);
    expect(eulerTwoPoint(x0, 2)).toBeCloseTo(Math.tanh(x0), 14);
    expect(eulerTwoPoint(x0, 100)).toBeCloseTo(1, 6);
    expect(eulerTwoPoint(-x0, 100)).toBeCloseTo(-1, 6);
  });

  it('an Euler step of size 1 − t jumps to the posterior mean E[x₁ | x_t]', () => {
    const x = 0.25;
    const t = 0.4;
    const jump = x + (1 - t) * twoPointVelocity(x, t);
    expect(jump).toBeCloseTo(Math.tanh((t * x) / (1 - t) ** 2), 14);
  });

  it('after reflow the paths are straight and one Euler step is exact', () => {
    for (const x0 of [0.3, -0.05, 1.7]) {
      expect(eulerReflowed(x0, 1)).toBeCloseTo(Math.sign(x0), 14);
      expect(eulerReflowed(x0, 7)).toBeCloseTo(Math.sign(x0), 12);
    }
    expect(() => reflowedTwoPointVelocity(0.1, 0.5)).toThrow(RangeError);
  });

  it('after reflow the straight paths meet only at t = 1, where same-sign paths share ±1', () => {
    const path = (x0: number, t: number) => (1 - t) * x0 + t * Math.sign(x0);
    const starts = REFLOW_CHECK.starts;
    for (let k = 0; k < 1000; k++) {
      const t = k / 1000;
      for (const a of starts) for (const b of starts) if (a < b) expect(path(a, t)).toBeLessThan(path(b, t));
    }
    expect(path(0.3, 1)).toBe(path(1.7, 1));
    expect(path(-2.4, 1)).toBe(path(-0.05, 1));
    expect(article).toContain('这些直线在 $t<1$ 时互不相交（同号的直线只在终点 $\\pm1$ 汇合）');
  });

  it('after reflow every step count from 1 to maxSteps lands exactly on ±1', () => {
    expect(REFLOW_CHECK.maxSteps).toBe(64);
    expect(reflowEulerMaxError()).toBeLessThan(1e-12);
    // Before reflow the same sampler misses badly at few steps (see the table above).
    expect(Math.abs(eulerTwoPoint(0.3, 3) - 1)).toBeGreaterThan(0.2);
    expect(article).toContain(`对 1 到 ${REFLOW_CHECK.maxSteps} 步逐一核对`);
  });

  it('prints its numbers as the article does', () => {
    const ex = eulerExample();
    expect(ex.printed.steps2).toBe(formatFixed(Math.tanh(0.3), 4));
    for (const [key, text] of Object.entries(ex.printed)) {
      expect(article, `Euler ${key} = ${text}`).toContain(text);
    }
  });
});

describe('conditional paths: optimal transport versus variance preserving', () => {
  const x0 = [1, 0];
  const x1 = [0, 1];
  const ts = Array.from({ length: 101 }, (_, k) => k / 100);

  /** Distance of p from the line through a and b (2-D). */
  function distanceFromLine(p: readonly number[], a: readonly number[], b: readonly number[]): number {
    const [ax = 0, ay = 0] = a;
    const [bx = 0, by = 0] = b;
    const [px = 0, py = 0] = p;
    const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    return Math.abs(cross) / Math.hypot(bx - ax, by - ay);
  }

  it('α_s is exp(−½∫β): checked against a Simpson rule for the integral', () => {
    for (const s of [0.2, 0.5, 1]) {
      const n = 200;
      const beta = (r: number) => VP_BETA.min + r * (VP_BETA.max - VP_BETA.min);
      let integral = beta(0) + beta(s);
      for (let k = 1; k < n; k++) integral += (k % 2 === 1 ? 4 : 2) * beta((k * s) / n);
      integral *= s / (3 * n);
      expect(vpAlpha(s)).toBeCloseTo(Math.exp(-0.5 * integral), 14);
    }
    // At the noise end α is small but not zero: ∫₀¹β = 0.1 + 19.9/2 = 10.05.
    expect(vpAlpha(1)).toBeCloseTo(Math.exp(-5.025), 14);
  });

  it('the VP path only approximately starts from 𝒩(0, I): α₁ ≈ 0.0066, printed as in the article', () => {
    const { alpha1, printed } = vpNoiseEnd();
    // e^{−5.025} = e^{−5}·e^{−0.025} = 0.006737947 × 0.975309912 (tabulated values).
    expect(alpha1).toBeCloseTo(0.006737947 * 0.975309912, 9);
    expect(alpha1).toBeGreaterThan(0);
    expect(printed).toEqual({ alpha1: '0.0066', betaMin: '0.1', betaMax: '20' });
    expect(article).toContain(`\\approx${printed.alpha1}$ 不为 0`);
    expect(article).toContain(`$\\beta_{\\min}=${printed.betaMin}$、$\\beta_{\\max}=${printed.betaMax}$`);
  });

  it('the OT conditional trajectory is a straight segment', () => {
    const a = otConditionalFlow(x0, x1, 0, 1e-4);
    const b = otConditionalFlow(x0, x1, 1, 1e-4);
    for (const t of ts) expect(distanceFromLine(otConditionalFlow(x0, x1, t, 1e-4), a, b)).toBeLessThan(1e-12);
  });

  it('the VP conditional trajectory σ_t x₀ + α_{1−t} x₁ is a curved arc', () => {
    const points = ts.map((t) => vpConditionalFlow(x0, x1, t));
    // With x₀ ⊥ x₁ of unit length, σ_t² + α²_{1−t} = 1 puts every point on the unit circle.
    for (const p of points) expect(Math.hypot(p[0] ?? 0, p[1] ?? 0)).toBeCloseTo(1, 12);
    const a = points[0] ?? [];
    const b = points[points.length - 1] ?? [];
    const bend = Math.max(...points.map((p) => distanceFromLine(p, a, b)));
    // A quarter circle bulges 1 − 1/√2 ≈ 0.29 from its chord; the path covers almost all of it.
    expect(bend).toBeGreaterThan(0.25);
    expect(bend).toBeLessThan(1 - Math.SQRT1_2 + 1e-9);
  });
});

describe('mass contours of the density figure', () => {
  it('1 − exp(−r²/2) is the Gaussian mass in the disk (checked by a grid sum)', () => {
    const h = 0.01;
    for (const r of [1, 2]) {
      let mass = 0;
      for (let a = -r; a < r; a += h) {
        for (let b = -r; b < r; b += h) {
          const x = a + h / 2;
          const y = b + h / 2;
          if (x * x + y * y <= r * r) mass += (Math.exp(-(x * x + y * y) / 2) / (2 * Math.PI)) * h * h;
        }
      }
      expect(gaussianDiskMass(r)).toBeCloseTo(mass, 3);
    }
  });

  it('prints the masses as the caption does', () => {
    const { printed } = densityFigureContours();
    expect(printed).toEqual({ r1: '39.3%', r2: '86.5%' });
    for (const text of Object.values(printed)) expect(article).toContain(text);
  });
});
