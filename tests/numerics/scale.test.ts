import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  empiricalFisherDemo,
  type LogCoshProblem,
  learningRateScaleExample,
  runReparameterized,
} from '../../src/numerics/scale';

const article = readFileSync(new URL('../../content/adam-adamw.md', import.meta.url), 'utf8');

const problem: LogCoshProblem = { weight: [3, 0.2], optimum: [0.4, -0.7] };
const start = [1.1, 0.1];

function close(a: readonly (readonly number[])[], b: readonly (readonly number[])[], digits: number): void {
  expect(a).toHaveLength(b.length);
  a.forEach((p, t) => {
    p.forEach((x, i) => {
      expect(x, `step ${t}, coordinate ${i}`).toBeCloseTo(b[t]?.[i] ?? Number.NaN, digits);
    });
  });
}

describe('optimising θ = cφ instead of θ', () => {
  it('Adam on φ with η moves θ like Adam on θ with cη (ε = 0): the step follows the parameter scale', () => {
    const eta = 0.01;
    for (const c of [0.01, 30]) {
      const viaPhi = runReparameterized('adam', problem, start, c, eta, 40, { eps: 0 });
      const direct = runReparameterized('adam', problem, start, 1, c * eta, 40, { eps: 0 });
      close(viaPhi, direct, 11);
      // The first step moves each θᵢ by c·η (Adam's first step is η·sign(g) in φ).
      const first = viaPhi[1] ?? [];
      first.forEach((x, i) => {
        expect(Math.abs(x - (start[i] ?? 0))).toBeCloseTo(c * eta, 12);
      });
    }
  });

  it('SGD on φ with η moves θ like SGD on θ with c²η', () => {
    for (const c of [0.1, 4]) {
      close(
        runReparameterized('sgd', problem, start, c, 0.05, 40),
        runReparameterized('sgd', problem, start, 1, c * c * 0.05, 40),
        11,
      );
    }
  });

  it("Newton's method does not notice the change of units at all", () => {
    const reference = runReparameterized('newton', problem, start, 1, 0, 8);
    for (const c of [1e-3, 0.5, 250]) close(runReparameterized('newton', problem, start, c, 0, 8), reference, 11);
    const end = reference[8] ?? [];
    expect(end[0]).toBeCloseTo(0.4, 12);
    expect(end[1]).toBeCloseTo(-0.7, 12);
  });
});

describe('relative step size for parameters of different scale', () => {
  it('is about η/scale: 6.4% for weights of scale 1/64 against 0.1% for a gain of 1 at η = 1e-3', () => {
    const ex = learningRateScaleExample();
    expect(ex.matrixScale).toBe(1 / 64);
    expect(ex.matrixRelative).toBeCloseTo(0.064, 15);
    expect(ex.gainRelative).toBeCloseTo(0.001, 15);
    expect(ex.printed).toEqual({
      fanIn: '4096',
      matrixScale: '1/64',
      matrixRelative: '6.4\\%',
      gainRelative: '0.1\\%',
      ratio: '64',
    });
    for (const [key, text] of Object.entries(ex.printed)) expect(article, key).toContain(text);
  });
});

describe('empirical Fisher of a Gaussian regression', () => {
  const demo = empiricalFisherDemo();

  it('equals the Hessian at the optimum of a well-specified model, and only there, while the Fisher stays 1', () => {
    // Closed forms: E[x²ε²] = 1 = H; E[x²(ε − δx)²] = 1 + 3δ² = 1.75; E[x²·2ε²] = 2.
    expect(demo.hessian).toBe(1);
    expect(Math.abs(demo.atOptimum - 1)).toBeLessThan(0.02);
    expect(Math.abs(demo.offOptimum - 1.75)).toBeLessThan(0.03);
    expect(Math.abs(demo.misspecified - 2)).toBeLessThan(0.04);
    // The Fisher proper (y drawn from the model) stays E[x²] = 1 = H away from the optimum too:
    // in this model only the empirical Fisher moves.
    expect(Math.abs(demo.fisherOffOptimum - 1)).toBeLessThan(0.02);
    expect(Math.abs(demo.offOptimum - demo.fisherOffOptimum)).toBeGreaterThan(0.7);
    // A minibatch of 32 at the optimum: E[g_B²] = F/32 = 0.03125.
    expect(Math.abs(demo.minibatchAtOptimum - 1 / 32)).toBeLessThan(0.002);
  });

  it('prints the estimates the article quotes', () => {
    for (const [key, text] of Object.entries(demo.printed)) expect(article, key).toContain(text);
  });
});
