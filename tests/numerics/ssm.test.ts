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
  hippoDemo,
  hippoLegs,
  hippoLegsOnline,
  hippoTestSignal,
  identity,
  legendreAll,
  legendreDerivAll,
  legsDiagonalizationError,
  legsEigenvectorMax,
  legsEigenvectors,
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

  it('diagonalizing it in double precision fails once N reaches about 30', () => {
    expect(legsDiagonalizationError(8)).toBe(0);
    expect(legsDiagonalizationError(16)).toBeLessThan(1e-12);
    expect(legsDiagonalizationError(32)).toBeGreaterThan(1e3);
    expect(legsDiagonalizationError(64)).toBeGreaterThan(1e25);
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
    for (const k of ['slopeZohMid', 'slopeBilMid', 'slopeBilFree'] as const)
      expect(Math.abs(Number(p[k]) - 2)).toBeLessThan(0.05);
    expect(p.hippoSteps).toBe('2000');
    expect(p.deltaMin).toBe('0.002'); // 2 / 1024
    expect(p.deltaMax).toBe('0.125'); // 2 / 16
    expect(p.diagError32).toMatch(/^\d\\times 10\^\{[5-6]\}$/);
    expect(p.diagError64).toMatch(/^\d\\times 10\^\{(29|30)\}$/);
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
  });
});
