import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../src/numerics/optimizers';
import {
  type Affine,
  binomial,
  blellochScan,
  CONVERGENCE_DEMO,
  cabs,
  causalConvolution,
  combine,
  convergenceStudy,
  convolutionKernel,
  DISCRETIZATIONS,
  discretizeBilinear,
  discretizeMambaCode,
  discretizeZoh,
  dot,
  exactSineResponse,
  expm,
  freeResponseErrors,
  gaussLegendre,
  HIPPO_DEMO,
  HIPPO_REGIONS,
  hippoDemo,
  hippoLegs,
  hippoLegsOnline,
  hippoTestSignal,
  identity,
  legendreAll,
  legendreDerivAll,
  legsConditionNumber,
  legsDiagonalizationError,
  legsEigenvectorMax,
  legsEigenvectors,
  legsEigenvectorsInverseExact,
  legsProjection,
  legsRankCorrection,
  legsReconstruct,
  legsSignedForm,
  logLogSlope,
  type Matrix,
  matMul,
  matVec,
  maxAbsDiff,
  maxAbsDiffVec,
  randomDplr,
  randomSelectiveInputs,
  randomStableSsm,
  runRecurrence,
  runTustin,
  SCALAR_DEMO,
  s4KernelDirect,
  s4KernelGenerating,
  scaleMatrix,
  selectiveScanParallel,
  selectiveScanSequential,
  sequentialScan,
  sigmoid,
  softplus,
  solve,
  ssdQuadratic,
  ssdRecurrent,
  ssmNumbers,
  theorem1Gate,
  uniformSampler,
} from '../../src/numerics/ssm';

const article = readFileSync(new URL('../../content/state-space-models.md', import.meta.url), 'utf8');

function entry(m: Matrix, i: number, j: number): number {
  const v = m[i]?.[j];
  if (v === undefined) throw new Error(`no entry (${i}, ${j})`);
  return v;
}

function nth<T>(xs: readonly T[], i: number): T {
  const v = xs[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
}

describe('linear algebra and the matrix exponential', () => {
  it('solve inverts a matrix', () => {
    const a = [
      [4, -2, 1],
      [3, 6, -4],
      [2, 1, 8],
    ];
    expect(maxAbsDiff(matMul(a, solve(a, identity(3))), identity(3))).toBeLessThan(1e-14);
  });

  it('expm matches closed forms: diagonal, rotation, Jordan block, nilpotent', () => {
    const d = expm([
      [-1.5, 0],
      [0, 0.25],
    ]);
    expect(entry(d, 0, 0)).toBeCloseTo(Math.exp(-1.5), 14);
    expect(entry(d, 1, 1)).toBeCloseTo(Math.exp(0.25), 14);
    expect(entry(d, 0, 1)).toBe(0);
    // exp of the generator of rotations is a rotation; 30 rad forces several squarings.
    for (const theta of [0.3, 2, 30]) {
      const r = expm([
        [0, -theta],
        [theta, 0],
      ]);
      expect(
        maxAbsDiff(r, [
          [Math.cos(theta), -Math.sin(theta)],
          [Math.sin(theta), Math.cos(theta)],
        ]),
      ).toBeLessThan(1e-12);
    }
    // exp([[a, 1], [0, a]]) = e^a [[1, 1], [0, 1]].
    const j = expm([
      [-2, 1],
      [0, -2],
    ]);
    expect(
      maxAbsDiff(
        j,
        scaleMatrix(
          [
            [1, 1],
            [0, 1],
          ],
          Math.exp(-2),
        ),
      ),
    ).toBeLessThan(1e-15);
    // Nilpotent: exp(N) = I + N + N²/2 exactly.
    const nil = expm([
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(
      maxAbsDiff(nil, [
        [1, 1, 0.5],
        [0, 1, 1],
        [0, 0, 1],
      ]),
    ).toBeLessThan(1e-15);
  });

  it('expm(A)·expm(−A) = I for a random matrix with a large norm', () => {
    const { A } = randomStableSsm(6, 3);
    const big = scaleMatrix(A, 7);
    const e = expm(big);
    const eInv = expm(scaleMatrix(big, -1));
    const size = (m: Matrix) => Math.max(...m.flat().map(Math.abs));
    // e^{−7A} is large (A is stable), so compare relative to the sizes of the factors.
    expect(maxAbsDiff(matMul(e, eInv), identity(6)) / (size(e) * size(eInv))).toBeLessThan(1e-13);
  });
});

describe('HiPPO-LegS', () => {
  it('has the matrix of S4 eq. (2): −√(2n+1)√(2k+1) below the diagonal, −(n+1) on it', () => {
    const { A, B } = hippoLegs(4);
    const s = Math.sqrt;
    const expected = [
      [-1, 0, 0, 0],
      [-s(3), -2, 0, 0],
      [-s(5), -s(15), -3, 0],
      [-s(7), -s(21), -s(35), -4],
    ];
    expect(maxAbsDiff(A, expected)).toBeLessThan(1e-15);
    expect(maxAbsDiffVec(B, [1, s(3), s(5), s(7)])).toBeLessThan(1e-15);
    // The article prints this matrix symbolically.
    expect(article).toContain(
      '\\begin{pmatrix}-1&0&0&0\\\\-\\sqrt3&-2&0&0\\\\-\\sqrt5&-\\sqrt{15}&-3&0\\\\-\\sqrt7&-\\sqrt{21}&-\\sqrt{35}&-4\\end{pmatrix}',
    );
  });

  it('is normal plus rank one: A + PPᵀ = −½I + S with S skew-symmetric, P_n = √(n + ½)', () => {
    const n = 12;
    const { A } = hippoLegs(n);
    const p = legsRankCorrection(n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const s = entry(A, i, j) + nth(p, i) * nth(p, j) + (i === j ? 0.5 : 0);
        const sT = entry(A, j, i) + nth(p, j) * nth(p, i) + (i === j ? 0.5 : 0);
        expect(s + sT).toBeCloseTo(0, 12);
      }
  });

  it('is a diagonal similarity of S4 Lemma 3.2’s signed form, whose eigenvectors are C(i+j, i−j)', () => {
    const n = 10;
    const { A } = hippoLegs(n);
    const aPrime = legsSignedForm(n);
    // T = diag((−1)ⁿ√(2n+1)): T⁻¹(−A)T = A′.
    const t = Array.from({ length: n }, (_, i) => (-1) ** i * Math.sqrt(2 * i + 1));
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++)
        expect((-entry(A, i, k) * nth(t, k)) / nth(t, i)).toBeCloseTo(entry(aPrime, i, k), 12);
    // A′V = V·diag(1, …, N), exactly (all integers).
    const v = legsEigenvectors(n);
    const lhs = matMul(aPrime, v);
    const rhs = v.map((r) => r.map((x, j) => x * (j + 1)));
    expect(maxAbsDiff(lhs, rhs)).toBe(0);
    expect(entry(v, 4, 1)).toBe(10); // C(5, 3)
  });

  it('has eigenvector entries that grow like 2^{4N/3}: exact values from Pascal’s triangle', () => {
    // Independent: build Pascal's triangle row by row in BigInt and take max C(i+j, i−j).
    const pascal: bigint[][] = [[1n]];
    for (let r = 1; r <= 130; r++) {
      const prev = nth(pascal, r - 1);
      pascal.push(Array.from({ length: r + 1 }, (_, k) => (k === 0 || k === r ? 1n : nth(prev, k - 1) + nth(prev, k))));
    }
    for (const n of [8, 16, 64]) {
      let best = 0n;
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) {
          const b = nth(nth(pascal, i + j), i - j);
          if (b > best) best = b;
        }
      expect(legsEigenvectorMax(n)).toBe(best);
    }
    expect(binomial(4 * 21, 2 * 21)).toBe(nth(nth(pascal, 84), 42));
    // V_{3i,i} = C(4i, 2i) ≈ 2^{4i} up to a polynomial factor.
    expect(Math.log2(Number(binomial(84, 42))) / 84).toBeGreaterThan(0.95);
    expect(legsEigenvectorMax(64)).toBe(18402456332179191320385714n);
  });

  it('has an exactly computable condition number κ∞(V) that passes 2⁵³ long before N = 32', () => {
    // Independent: the closed form (V⁻¹)_ij = (−1)^{i−j} C(2i, i−j)(2j+1)/(i+j+1) (an integer).
    const closedInverse = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) =>
          i < j
            ? 0n
            : ((i - j) % 2 === 0 ? 1n : -1n) * ((binomial(2 * i, i - j) * BigInt(2 * j + 1)) / BigInt(i + j + 1)),
        ),
      );
    for (const n of [5, 16, 32]) expect(legsEigenvectorsInverseExact(n)).toEqual(closedInverse(n));
    // V·V⁻¹ = I exactly.
    const n = 12;
    const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => binomial(i + j, i - j)));
    const vi = legsEigenvectorsInverseExact(n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0n;
        for (let k = 0; k < n; k++) s += nth(nth(v, i), k) * nth(nth(vi, k), j);
        expect(s).toBe(i === j ? 1n : 0n);
      }
    // κ∞ = (max row sum of |V|)·(max row sum of |V⁻¹|), from the closed forms.
    const kappa = (m: number) => {
      const rowMax = (rows: bigint[][]) => {
        let best = 0n;
        for (const r of rows) {
          const t = r.reduce((acc, x) => acc + (x < 0n ? -x : x), 0n);
          if (t > best) best = t;
        }
        return best;
      };
      const vm = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => binomial(i + j, i - j)));
      return rowMax(vm) * rowMax(closedInverse(m));
    };
    for (const m of [8, 16, 32]) expect(legsConditionNumber(m)).toBe(kappa(m));
    // N = 16: the largest row sum of V is the Fibonacci number F₃₁, that of V⁻¹ is C(30, 15).
    expect(legsConditionNumber(16)).toBe(1346269n * 155117520n);
    expect(Number(legsConditionNumber(16))).toBeGreaterThan(2 ** 47); // ≈ 2·10¹⁴
    expect(Number(legsConditionNumber(32))).toBeGreaterThan(1e30);
    expect(Number(legsConditionNumber(32))).toBeGreaterThan(2 ** 53 * 1e14);
    expect(Number(legsConditionNumber(16))).toBeLessThan(2 ** 53);
  });

  it('forward substitution rebuilds A′ exactly while every intermediate integer stays below 2⁵³ (N ≤ 23)', () => {
    // Mirror in BigInt the products and partial sums the double-precision code forms: forward
    // substitution for each column of V⁻¹, then the rows of (V·diag(1..N))·V⁻¹.
    const largestIntermediate = (n: number): bigint => {
      const abs = (b: bigint) => (b < 0n ? -b : b);
      let big = 0n;
      const see = (b: bigint) => {
        if (abs(b) > big) big = abs(b);
      };
      const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => binomial(i + j, i - j)));
      const x = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) {
          let s = i === j ? 1n : 0n;
          for (let k = 0; k < i; k++) {
            const p = nth(nth(v, i), k) * nth(nth(x, k), j);
            see(p);
            s -= p;
            see(s);
          }
          nth(x, i)[j] = s;
        }
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0n;
          for (let p = 0; p < n; p++) {
            const vl = nth(nth(v, i), p) * BigInt(p + 1);
            see(vl);
            const term = vl * nth(nth(x, p), j);
            see(term);
            s += term;
            see(s);
          }
        }
      return big;
    };
    expect(largestIntermediate(23)).toBeLessThan(2n ** 53n);
    expect(largestIntermediate(24)).toBeGreaterThan(2n ** 53n);
    for (const n of [8, 16, 23]) expect(legsDiagonalizationError(n)).toBe(0);
    expect(legsDiagonalizationError(24)).toBeGreaterThan(0);
  });

  it('in double precision the rebuilt A′ is useless by N = 32, whichever way V⁻¹ is formed', () => {
    // With pivoting the divisions round from small N on: the exactness above is an integer accident.
    expect(legsDiagonalizationError(16, 'pivoting')).toBeGreaterThan(1e-12);
    for (const method of ['forward', 'pivoting'] as const) {
      expect(legsDiagonalizationError(32, method)).toBeGreaterThan(10);
      expect(legsDiagonalizationError(64, method)).toBeGreaterThan(10);
      // The error grows with N.
      expect(legsDiagonalizationError(28, method)).toBeGreaterThan(legsDiagonalizationError(24, method));
    }
  });
});

describe('Legendre projection', () => {
  it('evaluates Legendre polynomials and their derivatives', () => {
    const x = 0.37;
    const p = legendreAll(4, x);
    expect(nth(p, 2)).toBeCloseTo((3 * x * x - 1) / 2, 15);
    expect(nth(p, 3)).toBeCloseTo((5 * x ** 3 - 3 * x) / 2, 15);
    const d = legendreDerivAll(4, x);
    expect(nth(d, 3)).toBeCloseTo((15 * x * x - 3) / 2, 14);
  });

  it('satisfies the identity the LegS derivation uses: (x+1)P′ₙ = nPₙ + Σ_{k<n}(2k+1)P_k', () => {
    for (const x of [-0.9, -0.2, 0.45, 1]) {
      const p = legendreAll(12, x);
      const d = legendreDerivAll(12, x);
      for (let n = 0; n < 12; n++) {
        let rhs = n * nth(p, n);
        for (let k = 0; k < n; k++) rhs += (2 * k + 1) * nth(p, k);
        expect((x + 1) * nth(d, n)).toBeCloseTo(rhs, 10);
      }
    }
  });

  it('Gauss–Legendre quadrature is exact for polynomials up to degree 2m − 1', () => {
    const { nodes, weights } = gaussLegendre(5);
    const integral = (f: (x: number) => number) => nodes.reduce((s, x, i) => s + nth(weights, i) * f(x), 0);
    expect(integral((x) => x ** 8)).toBeCloseTo(2 / 9, 14);
    expect(integral((x) => x ** 9 + 1)).toBeCloseTo(2, 14);
  });

  it('the basis √(2n+1)Pₙ(2s/t − 1) is orthonormal under the uniform measure on [0, t]', () => {
    const t = 2.5;
    for (let m = 0; m < 6; m++) {
      const c = legsProjection((s) => Math.sqrt(2 * m + 1) * nth(legendreAll(m + 1, (2 * s) / t - 1), m), 6, t, 40);
      c.forEach((v, n) => {
        expect(v).toBeCloseTo(n === m ? 1 : 0, 12);
      });
    }
  });

  it('reconstructs a polynomial of degree < N exactly from its projection', () => {
    const f = (s: number) => 1 - 2 * s + 3 * s ** 3 - s ** 5;
    const c = legsProjection(f, 6, 1, 40);
    for (const u of [0, 0.2, 0.77, 1]) expect(legsReconstruct(c, u)).toBeCloseTo(f(u), 12);
  });

  it('the projection obeys the derived ODE dc/dt = (1/t)(Ac + Bf(t)), checked by finite differences', () => {
    const n = 10;
    const { A, B } = hippoLegs(n);
    const f = hippoTestSignal;
    for (const t of [0.3, 0.7, 1.4]) {
      // Fourth-order central difference: (−c(t+2h) + 8c(t+h) − 8c(t−h) + c(t−2h)) / 12h.
      const h = 1e-4;
      const at = (dt: number) => legsProjection(f, n, t + dt, 200);
      const [p2, p1, m1, m2] = [at(2 * h), at(h), at(-h), at(-2 * h)];
      const fd = p1.map((v, i) => (-nth(p2, i) + 8 * v - 8 * nth(m1, i) + nth(m2, i)) / (12 * h));
      const c = legsProjection(f, n, t, 200);
      const rhs = matVec(A, c).map((v, i) => (v + nth(B, i) * f(t)) / t);
      expect(maxAbsDiffVec(fd, rhs)).toBeLessThan(1e-7 * Math.max(1, ...rhs.map(Math.abs)));
    }
  });

  it('is timescale-equivariant: projecting f(α·) at t equals projecting f at αt', () => {
    const alpha = 3.7;
    const g = (s: number) => hippoTestSignal(alpha * s);
    const a = legsProjection(g, 12, 0.25, 200);
    const b = legsProjection(hippoTestSignal, 12, 0.25 * alpha, 200);
    expect(maxAbsDiffVec(a, b)).toBeLessThan(1e-13);
  });

  it('the online bilinear scheme converges to the exact projection: order 1 as in the authors’ code, 2 at midpoints', () => {
    const n = 16;
    const exact = legsProjection(hippoTestSignal, n, 1, 200);
    const steps = [250, 500, 1000, 2000];
    const err = (timing: 'end' | 'mid') =>
      steps.map((L) => maxAbsDiffVec(hippoLegsOnline(uniformSampler(hippoTestSignal, L), n, L, timing), exact));
    const end = err('end');
    const mid = err('mid');
    expect(logLogSlope(steps, end)).toBeCloseTo(-1, 1);
    expect(logLogSlope(steps, mid)).toBeCloseTo(-2, 1);
    expect(nth(mid, 3)).toBeLessThan(nth(end, 3) / 10);
  });

  it('the demo separates truncation error (N = 16) from discretization error (N = 32)', () => {
    const d = hippoDemo();
    expect(d.small).toHaveLength(HIPPO_DEMO.small);
    expect(d.large).toHaveLength(HIPPO_DEMO.large);
    // Independent values from a NumPy/SciPy implementation of the same scheme (float64):
    // rms 0.28910 (N = 16), 0.0053979 (N = 32), 1.0757e-4 (N = 32, exact projection), 3.572e-4 (midpoints).
    expect(d.rmsSmall).toBeCloseTo(0.2891, 4);
    expect(d.rmsLarge).toBeCloseTo(0.0053979, 6);
    expect(d.rmsLargeExact).toBeCloseTo(1.0757e-4, 7);
    expect(d.rmsLargeMid).toBeCloseTo(3.572e-4, 6);
    expect(d.rmsLarge).toBeGreaterThan(10 * d.rmsLargeExact);
  });

  it('locates the errors the figure and the text describe', () => {
    const d = hippoDemo();
    // Independent values from the same NumPy implementation: the N = 16 error peaks at s/t = 0.492
    // (0.577); RMS 0.4136 on [0.4, 0.6] against 0.1717 on [0, 0.2] and 0.1605 on [0.8, 1].
    expect(d.smallPeakAt).toBeCloseTo(0.492, 10);
    expect(d.smallPeakAt).toBeGreaterThanOrEqual(HIPPO_REGIONS.middle.lo);
    expect(d.smallPeakAt).toBeLessThanOrEqual(HIPPO_REGIONS.middle.hi);
    expect(d.rmsSmallMiddle).toBeCloseTo(0.41364, 4);
    expect(d.rmsSmallFirst).toBeCloseTo(0.17168, 4);
    expect(d.rmsSmallLast).toBeCloseTo(0.16055, 4);
    expect(d.rmsSmallMiddle).toBeGreaterThan(2 * Math.max(d.rmsSmallFirst, d.rmsSmallLast));
    // N = 32: −0.12118 at s/t = 0 online, 8.097e-4 for the exact projection, −0.0069777 with
    // midpoint timing; at most 0.0078079 for s/t ≥ 0.01.
    expect(d.largeErrorAtStart).toBeCloseTo(0.121177, 5);
    expect(d.largeExactErrorAtStart).toBeCloseTo(8.097e-4, 6);
    expect(d.largeMidErrorAtStart).toBeCloseTo(0.0069777, 6);
    expect(d.largeMaxErrorAfter).toBeCloseTo(0.0078079, 6);
    expect(d.largeErrorAtStart).toBeGreaterThan(10 * d.largeMaxErrorAfter);
  });

  it('the time-invariant LegS system is LegS in the time t = e^τ (the warping of “How to Train Your HiPPO”)', () => {
    // Start at t₀ = 0.01 with the exact LegS coefficients and integrate dh/dτ = A h + B f(e^τ) by
    // RK4 up to τ = 0 (t = 1): the result must be the LegS projection of f on [0, 1].
    const n = 8;
    const { A, B } = hippoLegs(n);
    const f = hippoTestSignal;
    const rhs = (tau: number, h: number[]) => matVec(A, h).map((v, i) => v + nth(B, i) * f(Math.exp(tau)));
    const tau0 = Math.log(0.01);
    const steps = 4000;
    const dt = -tau0 / steps;
    let h = legsProjection(f, n, 0.01, 200);
    for (let k = 0; k < steps; k++) {
      const tau = tau0 + k * dt;
      const k1 = rhs(tau, h);
      const k2 = rhs(
        tau + dt / 2,
        h.map((v, i) => v + (dt / 2) * nth(k1, i)),
      );
      const k3 = rhs(
        tau + dt / 2,
        h.map((v, i) => v + (dt / 2) * nth(k2, i)),
      );
      const k4 = rhs(
        tau + dt,
        h.map((v, i) => v + dt * nth(k3, i)),
      );
      h = h.map((v, i) => v + (dt / 6) * (nth(k1, i) + 2 * nth(k2, i) + 2 * nth(k3, i) + nth(k4, i)));
    }
    expect(maxAbsDiffVec(h, legsProjection(f, n, 1, 200))).toBeLessThan(1e-9);
  });
});

describe('discretization', () => {
  it('reduces to the scalar closed forms', () => {
    const a = -1.3;
    const delta = 0.4;
    const zoh = discretizeZoh([[a]], [2], delta);
    expect(entry(zoh.Abar, 0, 0)).toBeCloseTo(Math.exp(a * delta), 14);
    expect(nth(zoh.Bbar, 0)).toBeCloseTo((2 * (Math.exp(a * delta) - 1)) / a, 14);
    const bil = discretizeBilinear([[a]], [2], delta);
    expect(entry(bil.Abar, 0, 0)).toBeCloseTo((1 + (a * delta) / 2) / (1 - (a * delta) / 2), 15);
    expect(nth(bil.Bbar, 0)).toBeCloseTo((2 * delta) / (1 - (a * delta) / 2), 15);
    const mam = discretizeMambaCode([[a]], [2], delta);
    expect(nth(mam.Bbar, 0)).toBe(2 * delta);
  });

  it('bilinear B̄ exceeds ZOH B̄ by (Δ³/12)A²B + O(Δ⁴)', () => {
    const { A, B } = randomStableSsm(4, 17);
    const a2b = matVec(A, matVec(A, B));
    const rest = [0.1, 0.05].map((delta) => {
      const diff = discretizeBilinear(A, B, delta).Bbar.map((b, i) => b - nth(discretizeZoh(A, B, delta).Bbar, i));
      return maxAbsDiffVec(
        diff,
        a2b.map((v) => (delta ** 3 / 12) * v),
      );
    });
    // The remainder is O(Δ⁴): halving Δ divides it by about 16 (a wrong Δ³ coefficient would leave 8).
    expect(nth(rest, 0) / nth(rest, 1)).toBeGreaterThan(12);
    expect(nth(rest, 0) / nth(rest, 1)).toBeLessThan(20);
  });

  it('ZOH via the augmented exponential equals (ΔA)⁻¹(e^{ΔA} − I)ΔB, and handles a singular A', () => {
    const { A, B } = randomStableSsm(5, 21);
    const delta = 0.3;
    const zoh = discretizeZoh(A, B, delta);
    const e = expm(scaleMatrix(A, delta));
    const viaInverse = solve(
      scaleMatrix(A, delta),
      matMul(
        e.map((r, i) => r.map((v, j) => v - (i === j ? 1 : 0))),
        B.map((b) => [delta * b]),
      ),
    ).map((r) => nth(r, 0));
    expect(maxAbsDiffVec(zoh.Bbar, viaInverse)).toBeLessThan(1e-13);
    expect(maxAbsDiff(zoh.Abar, e)).toBeLessThan(1e-14);
    // A pure integrator (A = 0): B̄ = ΔB exactly.
    const integ = discretizeZoh([[0]], [3], 0.25);
    expect(nth(integ.Bbar, 0)).toBeCloseTo(0.75, 15);
  });

  it('ZOH and bilinear both keep the DC gain −CA⁻¹B; the code’s B̄ = ΔB does not', () => {
    const { A, B, C } = randomStableSsm(4, 8);
    const dc = -dot(
      C,
      solve(
        A,
        B.map((b) => [b]),
      ).map((r) => nth(r, 0)),
    );
    for (const rule of ['zoh', 'bilinear', 'mamba'] as const) {
      const d = DISCRETIZATIONS[rule](A, B, 0.2);
      const iMinusA = identity(4).map((r, i) => r.map((v, j) => v - entry(d.Abar, i, j)));
      const gain = dot(
        C,
        solve(
          iMinusA,
          d.Bbar.map((b) => [b]),
        ).map((r) => nth(r, 0)),
      );
      if (rule === 'mamba') expect(Math.abs(gain - dc)).toBeGreaterThan(1e-3);
      else expect(gain).toBeCloseTo(dc, 11);
    }
  });

  it('the code’s B̄ = ΔB multiplies the DC gain by ΔA(e^{ΔA} − I)⁻¹ = I − (Δ/2)A + O(Δ²); for a = −1, Δ/(1 − e^{−Δ})', () => {
    const { A, B, C } = randomStableSsm(4, 8);
    const col = (v: readonly number[]) => v.map((b) => [b]);
    const minusAinvB = solve(A, col(B)).map((r) => -nth(r, 0));
    const remainders: number[] = [];
    for (const delta of [0.2, 0.05]) {
      const d = discretizeMambaCode(A, B, delta);
      const iMinusA = identity(4).map((r, i) => r.map((v, j) => v - entry(d.Abar, i, j)));
      const gain = dot(
        C,
        solve(iMinusA, col(d.Bbar)).map((r) => nth(r, 0)),
      );
      // ΔA(e^{ΔA} − I)⁻¹ applied to −A⁻¹B (all functions of A commute).
      const eMinusI = expm(scaleMatrix(A, delta)).map((r, i) => r.map((v, j) => v - (i === j ? 1 : 0)));
      const factorTimes = matVec(
        scaleMatrix(A, delta),
        solve(eMinusI, col(minusAinvB)).map((r) => nth(r, 0)),
      );
      expect(gain).toBeCloseTo(dot(C, factorTimes), 10);
      // First order: (I − (Δ/2)A)(−A⁻¹B) = −A⁻¹B + (Δ/2)B; the remainder is O(Δ²).
      remainders.push(Math.abs(gain - (dot(C, minusAinvB) + (delta / 2) * dot(C, B))));
    }
    // Δ divided by 4 divides the remainder by about 16.
    const ratio = nth(remainders, 0) / nth(remainders, 1);
    expect(ratio).toBeGreaterThan(12);
    expect(ratio).toBeLessThan(20);
    // Scalar a = −1: Δ/(1 − e^{−Δ}) ≈ 1 + Δ/2.
    const d = discretizeMambaCode([[-1]], [1], 0.5);
    expect(nth(d.Bbar, 0) / (1 - entry(d.Abar, 0, 0))).toBeCloseTo(0.5 / (1 - Math.exp(-0.5)), 14);
  });

  it('classical Tustin is S4’s bilinear form with the input averaged: kernels (K̄_j + K̄_{j−1})/2, transfer function C(g(z)I − A)⁻¹B', () => {
    const { A, B, C } = randomStableSsm(4, 13);
    const delta = 0.1;
    const length = 400;
    const impulse = [1, ...new Array<number>(length - 1).fill(0)];
    const kTustin = runTustin(A, B, C, delta, impulse, 0);
    const kBil = convolutionKernel(discretizeBilinear(A, B, delta), C, length);
    kTustin.forEach((k, j) => {
      expect(k).toBeCloseTo((nth(kBil, j) + (j > 0 ? nth(kBil, j - 1) : 0)) / 2, 13);
    });
    // Σ_j K_j z^j at z = e^{−iθ} equals the continuous transfer function C(sI − A)⁻¹B at
    // s = g(z) = (2/Δ)(1 − z)/(1 + z) = i(2/Δ)tan(θ/2), for Tustin; S4's form is 2/(1 + z) times it.
    const n = 4;
    for (const theta of [0.3, 1.1, 2.5]) {
      const omega = (2 / delta) * Math.tan(theta / 2);
      // (iωI − A)⁻¹B as the real system [[−A, −ωI], [ωI, −A]]·[re; im] = [B; 0].
      const big = Array.from({ length: 2 * n }, (_, i) =>
        Array.from({ length: 2 * n }, (_, j) => {
          const ii = i % n;
          const jj = j % n;
          if (i < n === j < n) return -entry(A, ii, jj);
          if (ii !== jj) return 0;
          return i < n ? -omega : omega;
        }),
      );
      const sol = solve(
        big,
        [...B, 0, 0, 0, 0].map((b) => [b]),
      ).map((r) => nth(r, 0));
      const hRe = dot(C, sol.slice(0, n));
      const hIm = dot(C, sol.slice(n));
      const series = (k: readonly number[]): [number, number] => {
        let re = 0;
        let im = 0;
        k.forEach((kj, j) => {
          re += kj * Math.cos(theta * j);
          im -= kj * Math.sin(theta * j);
        });
        return [re, im];
      };
      const [tRe, tIm] = series(kTustin);
      expect(tRe).toBeCloseTo(hRe, 9);
      expect(tIm).toBeCloseTo(hIm, 9);
      // S4's bilinear form: 2/(1 + z) times Tustin's.
      const [bRe, bIm] = series(kBil);
      const zRe = 1 + Math.cos(theta);
      const zIm = -Math.sin(theta);
      const den = zRe * zRe + zIm * zIm;
      expect(bRe).toBeCloseTo((2 * (tRe * zRe + tIm * zIm)) / den, 9);
      expect(bIm).toBeCloseTo((2 * (tIm * zRe - tRe * zIm)) / den, 9);
    }
  });

  it('the closed-form sine response solves h′ = Ah + B sin ωt with h(0) = 0', () => {
    const { A, B } = hippoLegs(4);
    const omega = 3;
    expect(maxAbsDiffVec(exactSineResponse(A, B, omega, 0), [0, 0, 0, 0])).toBeLessThan(1e-15);
    for (const t of [0.4, 1.1, 2]) {
      const h = 1e-5;
      const fd = exactSineResponse(A, B, omega, t + h).map(
        (v, i) => (v - nth(exactSineResponse(A, B, omega, t - h), i)) / (2 * h),
      );
      const rhs = matVec(A, exactSineResponse(A, B, omega, t)).map((v, i) => v + nth(B, i) * Math.sin(omega * t));
      expect(maxAbsDiffVec(fd, rhs)).toBeLessThan(1e-8);
    }
  });

  it('with end-of-step samples every rule is first order; at midpoints ZOH and bilinear become second order', () => {
    const curves = convergenceStudy();
    const slope = (rule: string, sampling: string) =>
      nth(
        curves.filter((c) => c.rule === rule && c.sampling === sampling),
        0,
      ).slope;
    for (const rule of ['zoh', 'bilinear', 'mamba']) {
      expect(slope(rule, 'end')).toBeGreaterThan(0.9);
      expect(slope(rule, 'end')).toBeLessThan(1.1);
    }
    // Classical Tustin averages the two end-of-step samples and is second order with them.
    // Independent NumPy run of the same setup: errors 7.987e-4 (Δ = 1/8) … 1.853e-7 (Δ = 1/512), slope 2.0094.
    expect(slope('tustin', 'end')).toBeCloseTo(2.0094, 3);
    const tustin = nth(
      curves.filter((c) => c.rule === 'tustin'),
      0,
    );
    expect(nth(tustin.errors, 0)).toBeCloseTo(7.987e-4, 6);
    expect(nth(tustin.errors, tustin.errors.length - 1)).toBeCloseTo(1.853e-7, 9);
    expect(curves.filter((c) => c.rule === 'tustin')).toHaveLength(1);
    // As the figure's alt text says: Tustin is the lowest curve at every Δ, Mamba's code with
    // midpoint samples the highest, and bilinear lies below ZOH among the midpoint curves.
    const others = curves.filter((c) => c.rule !== 'tustin');
    const mambaMid = nth(
      curves.filter((c) => c.rule === 'mamba' && c.sampling === 'mid'),
      0,
    );
    tustin.errors.forEach((e, i) => {
      for (const c of others) expect(e).toBeLessThan(nth(c.errors, i));
      for (const c of curves) if (c !== mambaMid) expect(nth(mambaMid.errors, i)).toBeGreaterThan(nth(c.errors, i));
    });
    const mid = (rule: string) =>
      nth(
        curves.filter((c) => c.rule === rule && c.sampling === 'mid'),
        0,
      ).errors;
    mid('bilinear').forEach((e, i) => {
      expect(e).toBeLessThan(nth(mid('zoh'), i));
    });
    for (const rule of ['zoh', 'bilinear']) {
      expect(slope(rule, 'mid')).toBeGreaterThan(1.9);
      expect(slope(rule, 'mid')).toBeLessThan(2.1);
    }
    expect(slope('mamba', 'mid')).toBeLessThan(1.2);
    // Errors shrink with Δ for every curve.
    for (const c of curves) expect(nth(c.errors, c.errors.length - 1)).toBeLessThan(nth(c.errors, 0) / 10);
  });

  it('free response: ZOH is exact, bilinear is second order', () => {
    const zoh = freeResponseErrors('zoh');
    for (const e of zoh.errors) expect(e).toBeLessThan(1e-14);
    const bil = freeResponseErrors('bilinear');
    expect(bil.slope).toBeGreaterThan(1.95);
    expect(bil.slope).toBeLessThan(2.05);
  });
});

describe('recurrent and convolutional views', () => {
  it('give the same outputs for random stable SSMs under both discretizations', () => {
    for (const seed of [1, 2, 3]) {
      const { A, B, C } = randomStableSsm(8, seed);
      const x = Array.from({ length: 300 }, (_, k) => Math.sin(0.05 * k * seed) + (k % 7) / 7);
      for (const rule of ['zoh', 'bilinear'] as const) {
        const d = DISCRETIZATIONS[rule](A, B, 0.1);
        const yRec = runRecurrence(d, C, x);
        const yConv = causalConvolution(convolutionKernel(d, C, x.length), x);
        const scale = Math.max(...yRec.map(Math.abs));
        expect(maxAbsDiffVec(yRec, yConv) / scale).toBeLessThan(1e-12);
      }
    }
  });

  it('the kernel is the impulse response', () => {
    const { A, B, C } = randomStableSsm(5, 9);
    const d = discretizeZoh(A, B, 0.05);
    const impulse = [1, ...new Array<number>(49).fill(0)];
    expect(maxAbsDiffVec(runRecurrence(d, C, impulse), convolutionKernel(d, C, 50))).toBeLessThan(1e-14);
  });
});

describe('S4 kernel from the generating function', () => {
  it('Cauchy sums + Woodbury + inverse DFT reproduce CĀʲB̄ (even and odd L)', () => {
    for (const [n, length, seed] of [
      [6, 16, 7],
      [8, 15, 3],
      [4, 32, 5],
    ] as const) {
      const s = randomDplr(n, 0.1, seed);
      const direct = s4KernelDirect(s, length);
      const fast = s4KernelGenerating(s, length);
      const err = Math.max(...direct.map((v, i) => cabs({ re: v.re - nth(fast, i).re, im: v.im - nth(fast, i).im })));
      const scale = Math.max(...direct.map(cabs));
      expect(err / scale).toBeLessThan(1e-12);
    }
  });
});

describe('associative scan and the selective SSM', () => {
  const randomAffine = (dim: number, seed: number): Affine => ({
    a: Array.from({ length: dim }, (_, i) => Math.cos(seed * 1.7 + i)),
    b: Array.from({ length: dim }, (_, i) => Math.sin(seed * 0.9 - i)),
  });

  it('combine is associative but not commutative', () => {
    const [x, y, z] = [randomAffine(3, 1), randomAffine(3, 2), randomAffine(3, 3)];
    const left = combine(combine(x, y), z);
    const right = combine(x, combine(y, z));
    expect(maxAbsDiff([left.a, left.b], [right.a, right.b])).toBeLessThan(1e-15);
    const xy = combine(x, y);
    const yx = combine(y, x);
    expect(maxAbsDiff([xy.b], [yx.b])).toBeGreaterThan(1e-3);
  });

  it('Blelloch’s scan equals the sequential scan for every length from 1 to 33', () => {
    for (let length = 1; length <= 33; length++) {
      const items = Array.from({ length }, (_, i) => randomAffine(2, i + length));
      const par = blellochScan(items);
      const seq = sequentialScan(items);
      par.forEach((p, i) => {
        expect(maxAbsDiff([p.a, p.b], [nth(seq, i).a, nth(seq, i).b])).toBeLessThan(1e-13);
      });
    }
  });

  it('the parallel selective scan equals the sequential recurrence (time-varying Δ, B, C)', () => {
    for (const [length, channels, state, seed] of [
      [37, 3, 4, 11],
      [64, 2, 16, 5],
      [1, 4, 2, 9],
    ] as const) {
      const p = randomSelectiveInputs(length, channels, state, seed);
      expect(maxAbsDiff(selectiveScanSequential(p), selectiveScanParallel(p))).toBeLessThan(1e-12);
    }
  });

  it('is genuinely time-varying: freezing Δ, B, C at their first values changes the output', () => {
    const p = randomSelectiveInputs(20, 2, 4, 4);
    const frozen = {
      ...p,
      delta: p.delta.map(() => nth(p.delta, 0)),
      B: p.B.map(() => nth(p.B, 0)),
      C: p.C.map(() => nth(p.C, 0)),
    };
    expect(maxAbsDiff(selectiveScanSequential(p), selectiveScanSequential(frozen))).toBeGreaterThan(1e-2);
  });

  it('draws Δ from the softplus of a bias initialized in [0.001, 0.1]', () => {
    expect(softplus(Math.log(Math.expm1(0.05)))).toBeCloseTo(0.05, 15);
    expect(softplus(50)).toBeCloseTo(50, 12);
    const p = randomSelectiveInputs(200, 8, 2, 1);
    for (const r of p.delta) for (const v of r) expect(v).toBeGreaterThan(0);
    expect(p.A[0]).toEqual([-1, -2]);
  });
});

describe('Mamba Theorem 1', () => {
  it('N = 1, A = −1, B = 1: ZOH gives Ā = 1 − σ(z), B̄ = σ(z); the code’s B̄ = Δ differs', () => {
    for (const z of [-3, -0.5, 0, 0.3, 2.5]) {
      const g = theorem1Gate(z);
      expect(g.abar).toBeCloseTo(1 - sigmoid(z), 14);
      expect(g.bbarZoh).toBeCloseTo(sigmoid(z), 14);
      expect(g.abar + g.bbarZoh).toBeCloseTo(1, 15);
      expect(g.bbarCode).toBeCloseTo(Math.log(1 + Math.exp(z)), 14);
      expect(Math.abs(g.bbarCode / g.gate - 1)).toBeGreaterThan(0.02);
    }
    // The same through the generic ZOH: Δ = softplus(z), Ā = e^{−Δ}, B̄ = (1 − e^{−Δ}).
    const delta = softplus(0.3);
    const zoh = discretizeZoh([[-1]], [1], delta);
    expect(entry(zoh.Abar, 0, 0)).toBeCloseTo(1 / (1 + Math.exp(0.3)), 14);
    expect(nth(zoh.Bbar, 0)).toBeCloseTo(sigmoid(0.3), 14);
  });
});

describe('state space duality', () => {
  it('the masked quadratic form equals the recurrence for scalar-identity transitions', () => {
    const p = randomSelectiveInputs(30, 1, 5, 2);
    const a = p.delta.map((r) => Math.exp(-nth(r, 0)));
    const x = p.x.map((r) => nth(r, 0));
    expect(maxAbsDiffVec(ssdQuadratic(a, p.B, p.C, x), ssdRecurrent(a, p.B, p.C, x))).toBeLessThan(1e-12);
  });

  it('with a_t = 1 it is unnormalized causal linear attention, Σ_{i≤j}(C_j·B_i)x_i', () => {
    const p = randomSelectiveInputs(12, 1, 3, 6);
    const x = p.x.map((r) => nth(r, 0));
    const ones = new Array<number>(12).fill(1);
    const attention = x.map((_, j) => {
      let s = 0;
      for (let i = 0; i <= j; i++) s += dot(nth(p.C, j), nth(p.B, i)) * nth(x, i);
      return s;
    });
    expect(maxAbsDiffVec(ssdQuadratic(ones, p.B, p.C, x), attention)).toBeLessThan(1e-12);
  });
});

describe('numbers printed in the article', () => {
  const p = ssmNumbers();

  it('match independent hand computations', () => {
    const e = Math.exp(-0.5);
    expect(p.zohAbar).toBe('0.6065');
    expect(p.zohAbar).toBe(formatFixed(e, 4));
    expect(p.zohBbar).toBe(formatFixed(1 - e, 4)); // 0.3935
    expect(p.bilAbar).toBe('0.6000'); // 0.75 / 1.25
    expect(p.bilBbar).toBe('0.4000'); // 0.5 / 1.25
    expect(p.mambaBbar).toBe('0.5000');
    expect(p.zohK1).toBe(formatFixed(e * (1 - e), 4)); // 0.2387
    expect(p.zohK2).toBe(formatFixed(e * e * (1 - e), 4)); // 0.1447
    expect(p.bilK1).toBe('0.2400'); // 0.6 · 0.4
    expect(p.bilK2).toBe('0.1440'); // 0.36 · 0.4
    expect(p.zohGain).toBe('1.0000');
    expect(p.bilGain).toBe('1.0000');
    expect(p.mambaGain).toBe(formatFixed(0.5 / (1 - e), 4)); // 1.2707
    expect(p.gateDelta).toBe(formatFixed(Math.log(1 + Math.exp(0.3)), 4)); // 0.8544
    expect(p.gateAbar).toBe(formatFixed(1 / (1 + Math.exp(0.3)), 4)); // 0.4256
    expect(p.gateBbar).toBe('0.5744');
    expect(p.gateSigma).toBe('0.5744');
    expect(p.hippoRmsSmall).toBe('0.289');
    expect(p.hippoRmsLarge).toBe('0.0054');
    expect(p.hippoRmsLargeExact).toBe('1.1\\times 10^{-4}');
    expect(p.hippoRmsLargeMid).toBe('3.6\\times 10^{-4}');
    expect(p.vmax64).toBe('1.84\\times 10^{25}'); // 18402456332179191320385714
    for (const k of ['slopeZohEnd', 'slopeBilEnd', 'slopeMambaEnd', 'slopeMambaMid'] as const)
      expect(Math.abs(Number(p[k]) - 1)).toBeLessThan(0.1);
    for (const k of ['slopeZohMid', 'slopeBilMid', 'slopeBilFree', 'slopeTustin'] as const)
      expect(Math.abs(Number(p[k]) - 2)).toBeLessThan(0.05);
    expect(p.slopeTustin).toBe('2.01'); // NumPy: 2.0094
    expect(p.hippoLargeErrorAtStart).toBe('0.12'); // NumPy: −0.12118
    expect(p.hippoLargeExactErrorAtStart).toBe('8\\times 10^{-4}'); // NumPy: 8.097e-4
    expect(p.hippoLargeMidErrorAtStart).toBe('0.007'); // NumPy: −0.0069777
    expect(p.hippoLargeMaxErrorAfter).toBe('0.008'); // NumPy: 0.0078079
    expect(p.kappa16).toBe('2\\times 10^{14}'); // 1346269 · 155117520 from the closed forms
    expect(p.kappa32).toBe('3\\times 10^{30}');
    expect(p.hippoSteps).toBe('2000');
    expect(p.deltaMin).toBe('0.002'); // 2 / 1024
    expect(p.deltaMax).toBe('0.125'); // 2 / 16
  });

  it('each occurs in the article', () => {
    for (const [key, text] of Object.entries(p)) expect(article, `${key} = ${text}`).toContain(text);
  });

  it('are the specific sentences of the worked examples', () => {
    expect(article).toContain(`$\\bar a=e^{-0.5}\\approx ${p.zohAbar}$，$\\bar b=1-e^{-0.5}\\approx ${p.zohBbar}$`);
    expect(article).toContain(`$\\bar a=0.75/1.25=${p.bilAbar}$，$\\bar b=0.5/1.25=${p.bilBbar}$`);
    expect(article).toContain(`$\\Delta=\\operatorname{softplus}(0.3)\\approx ${p.gateDelta}$`);
    // The convergence study the text describes is the one the code runs.
    expect(CONVERGENCE_DEMO).toMatchObject({ n: 4, omega: 3, T: 2 });
    expect(article).toContain(
      'SSM 取 $N=4$ 的 LegS 矩阵、$C=(\\tfrac14,\\dots,\\tfrac14)$，输入 $x(t)=\\sin3t$，比较 $T=2$ 处的输出',
    );
    expect(article).toContain(`横轴为步长 Δ，从 ${p.deltaMin} 到 ${p.deltaMax}`);
    expect(article).toContain(`经典 Tustin 对相邻两个步末样本取平均，斜率为 ${p.slopeTustin}`);
    expect(article).toContain(`经典 Tustin ${p.slopeTustin}；`);
    expect(article).toContain(
      `$s/t=0$ 处的误差是 ${p.hippoLargeErrorAtStart}（精确投影在这一点只有 $${p.hippoLargeExactErrorAtStart}$），而 $s/t\\ge0.01$ 处处不超过 ${p.hippoLargeMaxErrorAfter}`,
    );
    expect(HIPPO_REGIONS.after).toBe(0.01);
    expect(article).toContain(`$s/t=0$ 处的误差降到 ${p.hippoLargeMidErrorAtStart}`);
    expect(article).toContain(`$N=16$ 时约为 $${p.kappa16}$，$N=32$ 时约为 $${p.kappa32}$`);
    expect(article).toContain('取标量 $a=-1$、$B=1$、$C=1$、$\\Delta=0.5$');
    expect(SCALAR_DEMO).toEqual({ a: -1, b: 1, c: 1, delta: 0.5, z: 0.3 });
  });
});
