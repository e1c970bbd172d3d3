/**
 * A minimal reverse-mode automatic differentiation engine on scalars, written to show the
 * mechanism behind PyTorch's autograd: every operation records its inputs and the local
 * partial derivatives it needs (PyTorch's saved tensors), the backward pass visits the graph
 * once in reverse topological order, sums what flows into a node from every use (a node used
 * twice receives two contributions), and adds the result into `.grad` of the leaves only, so a
 * second backward pass accumulates, exactly as `tensor.grad` does.
 *
 * The article on autograd quotes the worked example's values and gradients and draws its graph
 * from this code, so the text, the figure and the tests cannot drift apart.
 */

/** The operations the engine knows; each name is what the figure prints in a node. */
export type Op = 'leaf' | '+' | '×' | 'exp' | 'tanh' | 'pow';

// #region value
/**
 * One node of the computation graph: its value, the nodes it was computed from, and the local
 * partial derivative ∂(this)/∂(parent) for each of them, computed during the forward pass just
 * as PyTorch's backward nodes keep what they will need. `grad` is filled only for leaves (and
 * for nodes that asked for it with `retainGrad`), and it accumulates over backward passes.
 */
export class Value {
  readonly data: number;
  readonly op: Op;
  readonly parents: readonly Value[];
  readonly local: readonly number[];
  label: string;
  grad = 0;
  retainsGrad = false;
  constructor(
    data: number,
    op: Op = 'leaf',
    parents: readonly Value[] = [],
    local: readonly number[] = [],
    label = '',
  ) {
    this.data = data;
    this.op = op;
    this.parents = parents;
    this.local = local;
    this.label = label;
  }

  get isLeaf(): boolean {
    return this.parents.length === 0;
  }
  add(o: Value): Value {
    return new Value(this.data + o.data, '+', [this, o], [1, 1]);
  }
  mul(o: Value): Value {
    // ∂(ab)/∂a = b, ∂(ab)/∂b = a: the forward pass must keep both inputs.
    return new Value(this.data * o.data, '×', [this, o], [o.data, this.data]);
  }
  exp(): Value {
    const e = Math.exp(this.data);
    return new Value(e, 'exp', [this], [e]); // the output is its own derivative
  }
  tanh(): Value {
    const t = Math.tanh(this.data);
    return new Value(t, 'tanh', [this], [1 - t * t]); // only the output is needed
  }
  pow(k: number): Value {
    return new Value(this.data ** k, 'pow', [this], [k * this.data ** (k - 1)]);
  }
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }
}
// #endregion value

/** A leaf with an optional name, the `torch.tensor(..., requires_grad=True)` of this engine. */
export function leaf(data: number, label = ''): Value {
  return new Value(data, 'leaf', [], [], label);
}

// #region topo
/**
 * The nodes that `roots` depend on, each listed after all of its parents (a topological
 * order), found by depth-first search. Reversed, it is an order in which every node comes
 * before its inputs, so a node's gradient is complete before it is passed on.
 */
export function topologicalOrder(roots: readonly Value[]): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>();
  const visit = (v: Value): void => {
    if (seen.has(v)) return;
    seen.add(v);
    for (const p of v.parents) visit(p);
    order.push(v);
  };
  for (const r of roots) visit(r);
  return order;
}
// #endregion topo

/** What one backward pass did: the gradient that reached every node, and the edges it crossed. */
export interface BackwardResult {
  /** ∂(vᵀ roots)/∂node for every node reached (PyTorch keeps these only transiently). */
  readonly flowing: ReadonlyMap<Value, number>;
  /** Number of (node, parent) edges crossed: one multiply-add each, the cost of the pass. */
  readonly edgeVisits: number;
}

// #region backward
/**
 * Reverse-mode sweep from `roots` with seeds `v` (the vector of a vector-Jacobian product;
 * for one scalar root the seed 1 gives its gradient). Gradients flowing through the graph live
 * in a local map, like the buffers of PyTorch's engine, and are summed over every use of a
 * node; only leaves (and nodes with `retainGrad`) add them into `.grad`, so calling it twice
 * doubles the leaves' `.grad`.
 */
export function backward(roots: readonly Value[], v: readonly number[] = roots.map(() => 1)): BackwardResult {
  if (v.length !== roots.length) throw new Error('one seed per root');
  const flowing = new Map<Value, number>();
  roots.forEach((r, i) => {
    flowing.set(r, (flowing.get(r) ?? 0) + (v[i] ?? 0));
  });
  let edgeVisits = 0;
  const order = topologicalOrder(roots);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k] as Value;
    const g = flowing.get(node) ?? 0;
    if (node.isLeaf || node.retainsGrad) node.grad += g; // accumulate, never overwrite
    node.parents.forEach((p, i) => {
      // chain rule: what reaches p through this edge is g · ∂node/∂p
      flowing.set(p, (flowing.get(p) ?? 0) + g * (node.local[i] ?? 0));
      edgeVisits++;
    });
  }
  return { flowing, edgeVisits };
}
// #endregion backward

/** `formatFixed` as the other numerics modules print numbers: fixed digits, never "-0.000". */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Inputs of the worked example: x = 2, w = 0.5, b = −0.5. */
export const WORKED_INPUTS = Object.freeze({ x: 2, w: 0.5, b: -0.5 });

// #region worked
/**
 * The article's worked example f(x, w, b) = tanh(w·x + b)·x: a neuron whose input x is used a
 * second time after the activation, so the graph has a diamond (two paths from x to f).
 */
export function buildWorkedExample(inputs = WORKED_INPUTS) {
  const x = leaf(inputs.x, 'x');
  const w = leaf(inputs.w, 'w');
  const b = leaf(inputs.b, 'b');
  const p = w.mul(x); // first use of x
  p.label = 'p';
  const u = p.add(b);
  u.label = 'u';
  const t = u.tanh();
  t.label = 't';
  const f = t.mul(x); // second use of x
  f.label = 'f';
  return { x, w, b, p, u, t, f };
}
// #endregion worked

/** The nodes of the worked example, by name. */
export type WorkedGraph = ReturnType<typeof buildWorkedExample>;

/**
 * Values and gradients of the worked example after one backward pass, plus the two
 * contributions that reach x along its two paths and the `.grad` of x after a second pass
 * (accumulation), with the strings the article and the figure print (six decimals).
 */
export function workedExample() {
  const g = buildWorkedExample();
  const first = backward([g.f]);
  const flow = (n: Value) => first.flowing.get(n) ?? 0;
  const grads = { x: g.x.grad, w: g.w.grad, b: g.b.grad };
  const viaT = flow(g.f) * (g.f.local[1] ?? 0); // f = t·x, ∂f/∂x with t held fixed
  const viaP = flow(g.p) * (g.p.local[1] ?? 0); // p = w·x, ∂p/∂x = w
  backward([g.f]);
  const xGradTwice = g.x.grad;
  const f6 = (v: number) => formatFixed(v, 6);
  return {
    graph: g,
    flow: { f: flow(g.f), t: flow(g.t), u: flow(g.u), p: flow(g.p) },
    grads,
    viaT,
    viaP,
    xGradTwice,
    edgeVisits: first.edgeVisits,
    text: {
      t: f6(g.t.data),
      f: f6(g.f.data),
      dtanh: f6(g.t.local[0] ?? 0),
      gradU: f6(flow(g.u)),
      gradX: f6(grads.x),
      gradW: f6(grads.w),
      gradB: f6(grads.b),
      viaT: f6(viaT),
      viaP: f6(viaP),
      xGradTwice: f6(xGradTwice),
    },
  };
}

// #region vjp
/**
 * The small vector function of the article, g: ℝ² → ℝ³,
 * g(x₁, x₂) = (x₁·x₂, exp(x₁), tanh(x₂)), built on the engine.
 */
export function vectorFunction(x1: Value, x2: Value): Value[] {
  return [x1.mul(x2), x1.exp(), x2.tanh()];
}

/** vᵀJ of `vectorFunction` at (x₁, x₂) in one backward pass seeded with v. */
export function vjp(x: readonly [number, number], v: readonly number[]): [number, number] {
  const x1 = leaf(x[0]);
  const x2 = leaf(x[1]);
  backward(vectorFunction(x1, x2), v);
  return [x1.grad, x2.grad];
}
// #endregion vjp

/**
 * The full Jacobian of `vectorFunction`, one row per backward pass seeded with a unit vector:
 * reverse mode pays one sweep per output, which is why it suits a scalar loss.
 */
export function jacobianByRows(x: readonly [number, number]): number[][] {
  return [0, 1, 2].map((i) =>
    vjp(
      x,
      [0, 1, 2].map((j) => (j === i ? 1 : 0)),
    ),
  );
}

/** The vector-Jacobian example the article prints: x = (0.5, −1), v = (1, 0.5, 2). */
export function vjpExample() {
  const x: [number, number] = [0.5, -1];
  const v = [1, 0.5, 2];
  const r = vjp(x, v);
  return { x, v, result: r, text: { r1: formatFixed(r[0], 6), r2: formatFixed(r[1], 6) } };
}
