import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  backward,
  buildWorkedExample,
  jacobianByRows,
  leaf,
  topologicalOrder,
  type Value,
  vectorFunction,
  vjp,
  vjpExample,
  workedExample,
} from '../../src/numerics/autograd';
import { mulberry32 } from '../../src/numerics/random';

const article = readFileSync(new URL('../../content/pytorch-autograd.md', import.meta.url), 'utf8');

/** Central finite difference of a scalar function of several variables, coordinate i. */
function centralDiff(fn: (xs: number[]) => number, xs: number[], i: number, h = 1e-6): number {
  const plus = xs.slice();
  const minus = xs.slice();
  plus[i] = (plus[i] ?? 0) + h;
  minus[i] = (minus[i] ?? 0) - h;
  return (fn(plus) - fn(minus)) / (2 * h);
}

// The worked example in closed form, written independently of the engine.
const fClosed = ([x, w, b]: number[]) => Math.tanh((w ?? 0) * (x ?? 0) + (b ?? 0)) * (x ?? 0);

describe('worked example f = tanh(w·x + b)·x at x = 2, w = 0.5, b = −0.5', () => {
  const ex = workedExample();
  const t = Math.tanh(0.5);
  const s = 1 - t * t; // tanh'(0.5)

  it('forward values match the closed form', () => {
    expect(ex.graph.u.data).toBe(0.5);
    expect(ex.graph.t.data).toBeCloseTo(t, 15);
    expect(ex.graph.f.data).toBeCloseTo(2 * t, 15);
  });

  it('gradients match the hand derivation and finite differences', () => {
    // ∂f/∂x = t + x·w·(1−t²), ∂f/∂w = x²(1−t²), ∂f/∂b = x(1−t²)
    expect(ex.grads.x).toBeCloseTo(t + 2 * 0.5 * s, 14);
    expect(ex.grads.w).toBeCloseTo(4 * s, 14);
    expect(ex.grads.b).toBeCloseTo(2 * s, 14);
    const at = [2, 0.5, -0.5];
    expect(ex.grads.x).toBeCloseTo(centralDiff(fClosed, at, 0), 8);
    expect(ex.grads.w).toBeCloseTo(centralDiff(fClosed, at, 1), 8);
    expect(ex.grads.b).toBeCloseTo(centralDiff(fClosed, at, 2), 8);
  });

  it('x, used twice (a diamond), receives the sum of its two path contributions', () => {
    expect(ex.viaT).toBeCloseTo(t, 15); // through f = t·x with t held fixed
    expect(ex.viaP).toBeCloseTo(2 * s * 0.5, 15); // through p = w·x
    expect(ex.viaT + ex.viaP).toBeCloseTo(ex.grads.x, 15);
    // Keeping only one path is the classic bug of overwriting instead of summing.
    expect(Math.abs(ex.viaT - ex.grads.x)).toBeGreaterThan(0.5);
  });

  it('a second backward pass accumulates into .grad: it doubles', () => {
    expect(ex.xGradTwice).toBeCloseTo(2 * (t + s), 14);
    const g = buildWorkedExample();
    backward([g.f]);
    backward([g.f]);
    expect(g.w.grad).toBeCloseTo(2 * 4 * s, 14);
    expect(g.b.grad).toBeCloseTo(2 * 2 * s, 14);
  });

  it('non-leaf nodes get no .grad unless they ask for it (retain_grad)', () => {
    const g = buildWorkedExample();
    g.u.retainGrad();
    backward([g.f]);
    expect(g.t.grad).toBe(0);
    expect(g.p.grad).toBe(0);
    expect(g.u.grad).toBeCloseTo(2 * s, 14);
  });

  it('one backward pass crosses each of the 7 edges exactly once', () => {
    // p = w·x (2 edges), u = p + b (2), t = tanh(u) (1), f = t·x (2)
    expect(ex.edgeVisits).toBe(7);
  });

  it('prints the numbers the article quotes', () => {
    for (const s of Object.values(ex.text)) expect(article).toContain(s);
    expect(ex.text).toMatchObject({
      t: '0.462117',
      f: '0.924234',
      dtanh: '0.786448',
      gradX: '1.248565',
      gradW: '3.145791',
      gradB: '1.572895',
      xGradTwice: '2.497130',
    });
    // The values PyTorch prints (four decimals) are the same numbers rounded.
    for (const s of ['0.9242', '1.2486', '3.1458', '1.5729', '2.4971']) expect(article).toContain(s);
  });
});

describe('topological order', () => {
  it('lists every node after its parents, each once, even when a node is used twice', () => {
    const g = buildWorkedExample();
    const order = topologicalOrder([g.f]);
    expect(order).toHaveLength(7);
    const pos = new Map<Value, number>(order.map((v, i) => [v, i]));
    for (const v of order) for (const p of v.parents) expect(pos.get(p) ?? 99).toBeLessThan(pos.get(v) ?? -1);
  });
});

describe('elementary operations', () => {
  it('exp, tanh, pow, +, × against closed-form derivatives', () => {
    const a = leaf(0.7);
    const b = leaf(-1.3);
    // h = exp(a)·b + tanh(a·b) + a³
    const h = a.exp().mul(b).add(a.mul(b).tanh()).add(a.pow(3));
    backward([h]);
    const sech2 = 1 - Math.tanh(0.7 * -1.3) ** 2;
    expect(a.grad).toBeCloseTo(Math.exp(0.7) * -1.3 + sech2 * -1.3 + 3 * 0.7 ** 2, 14);
    expect(b.grad).toBeCloseTo(Math.exp(0.7) + sech2 * 0.7, 14);
  });

  it('agree with central differences on random inputs', () => {
    const rnd = mulberry32(7);
    const fn = ([a, b, c]: number[]) => {
      const x = a ?? 0;
      const y = b ?? 0;
      const z = c ?? 0;
      return Math.tanh(x * y + z) * Math.exp(0.3 * x) + (x * z) ** 2;
    };
    for (let trial = 0; trial < 20; trial++) {
      const xs = [rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1];
      const [a, b, c] = xs.map((v) => leaf(v)) as [Value, Value, Value];
      const out = a
        .mul(b)
        .add(c)
        .tanh()
        .mul(a.mul(leaf(0.3)).exp())
        .add(a.mul(c).pow(2));
      backward([out]);
      [a, b, c].forEach((v, i) => {
        expect(v.grad).toBeCloseTo(centralDiff(fn, xs, i), 7);
      });
    }
  });
});

describe('vector-Jacobian products', () => {
  const x: [number, number] = [0.5, -1];
  const J = [
    [x[1], x[0]],
    [Math.exp(x[0]), 0],
    [0, 1 - Math.tanh(x[1]) ** 2],
  ];

  it('one backward pass seeded with v gives vᵀJ', () => {
    const v = [1, 0.5, 2];
    const r = vjp(x, v);
    const expected = [0, 1].map((j) => v.reduce((acc, vi, i) => acc + vi * (J[i]?.[j] ?? 0), 0));
    expect(r[0]).toBeCloseTo(expected[0] ?? 0, 14);
    expect(r[1]).toBeCloseTo(expected[1] ?? 0, 14);
  });

  it('m backward passes seeded with unit vectors give the Jacobian row by row, matching finite differences', () => {
    const rows = jacobianByRows(x);
    rows.forEach((row, i) => {
      row.forEach((entry, j) => {
        expect(entry).toBeCloseTo(J[i]?.[j] ?? Number.NaN, 14);
        const component = (xs: number[]) => {
          const out = vectorFunction(leaf(xs[0] ?? 0), leaf(xs[1] ?? 0));
          return out[i]?.data ?? Number.NaN;
        };
        expect(entry).toBeCloseTo(centralDiff(component, x.slice(), j), 8);
      });
    });
  });

  it('backward with seeds v equals the backward of the scalar vᵀg (the chain rule behind gradient=)', () => {
    const v = [1, 0.5, 2];
    const x1 = leaf(x[0]);
    const x2 = leaf(x[1]);
    const [g1, g2, g3] = vectorFunction(x1, x2) as [Value, Value, Value];
    const scalar = g1
      .mul(leaf(v[0] ?? 0))
      .add(g2.mul(leaf(v[1] ?? 0)))
      .add(g3.mul(leaf(v[2] ?? 0)));
    backward([scalar]);
    const r = vjp(x, v);
    expect(x1.grad).toBeCloseTo(r[0], 15);
    expect(x2.grad).toBeCloseTo(r[1], 15);
  });

  it('prints the example the article quotes', () => {
    const ex = vjpExample();
    expect(ex.text).toEqual({ r1: '-0.175639', r2: '1.339949' });
    expect(article).toContain(ex.text.r1);
    expect(article).toContain(ex.text.r2);
  });
});

describe('cost of reverse mode', () => {
  it('one sweep gives all n partial derivatives of a scalar with a number of edge visits linear in the graph', () => {
    for (const n of [4, 16, 64]) {
      const xs = Array.from({ length: n }, (_, i) => leaf(0.1 * (i + 1)));
      // s = Σ tanh(xᵢ)·xᵢ: n tanh nodes, n products, n − 1 sums.
      let s = xs[0]?.tanh().mul(xs[0]) as Value;
      for (const x of xs.slice(1)) s = s.add(x.tanh().mul(x));
      const { edgeVisits } = backward([s]);
      expect(edgeVisits).toBe(n + 2 * n + 2 * (n - 1));
      expect(edgeVisits).toBe(5 * n - 2);
      xs.forEach((x) => {
        const t = Math.tanh(x.data);
        expect(x.grad).toBeCloseTo(t + x.data * (1 - t * t), 14);
      });
    }
  });

  it('the article quotes the edge count 5n − 2 for n = 64', () => {
    expect(article).toContain('$5n-2$');
    expect(article).toContain(`跨过 ${5 * 64 - 2} 条边`);
  });
});
