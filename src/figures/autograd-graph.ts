/**
 * Figure for the autograd article: the computation graph of the worked example
 * f = tanh(w·x + b)·x, drawn from the graph that `buildWorkedExample` builds and `backward`
 * differentiates. Each node shows its value (forward pass) and the gradient ∂f/∂node (backward
 * pass); solid arrows run forward from inputs to output, dashed arrows run backward and are
 * labelled with what crosses that edge, upstream gradient × local derivative. x is used twice,
 * so two dashed arrows end at x and its gradient is their sum. Deterministic.
 */
import { formatFixed, type Value, workedExample } from '../numerics/autograd';
import { num, text } from './svg';

const WIDTH = 980;
const HEIGHT = 420;
const BOX_W = 124;
const BOX_H = 66;

/** Where each node's box is centred, in viewBox units. */
const LAYOUT: Record<string, readonly [number, number]> = {
  x: [72, 110],
  w: [72, 222],
  b: [72, 334],
  p: [300, 166],
  u: [520, 222],
  t: [730, 222],
  f: [904, 166],
};

/** The formula each node prints as its title. */
const TITLE: Record<string, string> = {
  x: 'x（叶子）',
  w: 'w（叶子）',
  b: 'b（叶子）',
  p: 'p = w · x',
  u: 'u = p + b',
  t: 't = tanh(u)',
  f: 'f = t · x',
};

/** Six decimals as in the article, trailing zeros dropped so the exact inputs read 0.5, 2, −0.5. */
const fmt = (v: number) => formatFixed(v, 6).replace(/\.?0+$/, '');

/** One drawn edge: the node it comes from (parent), the node it goes to, and what flows back. */
export interface FigureEdge {
  readonly from: string;
  readonly to: string;
  readonly backward: number;
}

/** The data the figure draws, exported so its test can compare the SVG with the numbers. */
export function graphFigureData() {
  const ex = workedExample();
  const g = ex.graph;
  const nodes: Value[] = [g.x, g.w, g.b, g.p, g.u, g.t, g.f];
  const flowing = new Map<Value, number>([
    [g.f, ex.flow.f],
    [g.t, ex.flow.t],
    [g.u, ex.flow.u],
    [g.p, ex.flow.p],
    [g.x, ex.grads.x],
    [g.w, ex.grads.w],
    [g.b, ex.grads.b],
  ]);
  const edges: FigureEdge[] = [];
  for (const n of nodes) {
    n.parents.forEach((p, i) => {
      edges.push({ from: p.label, to: n.label, backward: (flowing.get(n) ?? 0) * (n.local[i] ?? 0) });
    });
  }
  return {
    nodes: nodes.map((n) => ({ name: n.label, value: n.data, grad: flowing.get(n) ?? 0, leaf: n.isLeaf })),
    edges,
  };
}

/** A gradient printed in the backward colour, so values and gradients read apart. */
function flowText(x: number, y: number, content: string, anchor: 'start' | 'middle' = 'middle'): string {
  return text(x, y, content, anchor, ' font-size="12"').replace('fill="currentColor"', 'fill="var(--fig-2)"');
}

function box(name: string): { cx: number; cy: number; left: number; right: number; top: number; bottom: number } {
  const [cx, cy] = LAYOUT[name] ?? [0, 0];
  return { cx, cy, left: cx - BOX_W / 2, right: cx + BOX_W / 2, top: cy - BOX_H / 2, bottom: cy + BOX_H / 2 };
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const d = graphFigureData();
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
    '<defs>',
    '<marker id="ag-fwd" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="var(--fig-1)"/></marker>',
    '<marker id="ag-bwd" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="var(--fig-2)"/></marker>',
    '</defs>',
  ];

  const edgeMarks: string[] = [];
  const labels: string[] = [];
  for (const e of d.edges) {
    const a = box(e.from);
    const b = box(e.to);
    const value = fmt(e.backward);
    if (e.from === 'x' && e.to === 'f') {
      // The second use of x: an arc over the whole graph, forward above, backward just inside it.
      edgeMarks.push(
        `<path data-edge="x-f" data-dir="forward" d="M${num(a.cx + 20)} ${num(a.top)} C${num(a.cx + 20)} 16 ${num(b.cx - 20)} 16 ${num(b.cx - 20)} ${num(b.top)}" stroke="var(--fig-1)" stroke-width="1.8" marker-end="url(#ag-fwd)"/>`,
        `<path data-edge="x-f" data-dir="backward" data-flow="${value}" d="M${num(b.cx - 34)} ${num(b.top)} C${num(b.cx - 34)} 34 ${num(a.cx + 34)} 34 ${num(a.cx + 34)} ${num(a.top)}" stroke="var(--fig-2)" stroke-width="1.8" stroke-dasharray="5 4" marker-end="url(#ag-bwd)"/>`,
      );
      labels.push(flowText((a.cx + b.cx) / 2, 50, value));
      continue;
    }
    const x1 = a.right;
    const y1 = a.cy;
    const x2 = b.left;
    const y2 = b.cy;
    const len = Math.hypot(x2 - x1, y2 - y1);
    // Unit normal pointing "down" on screen, to separate the two directions of one edge.
    const nx = -(y2 - y1) / len;
    const ny = (x2 - x1) / len;
    const off = 5;
    edgeMarks.push(
      `<path data-edge="${e.from}-${e.to}" data-dir="forward" d="M${num(x1 - nx * off)} ${num(y1 - ny * off)} L${num(x2 - nx * off)} ${num(y2 - ny * off)}" stroke="var(--fig-1)" stroke-width="1.8" marker-end="url(#ag-fwd)"/>`,
      `<path data-edge="${e.from}-${e.to}" data-dir="backward" data-flow="${value}" d="M${num(x2 + nx * off)} ${num(y2 + ny * off)} L${num(x1 + nx * off)} ${num(y1 + ny * off)}" stroke="var(--fig-2)" stroke-width="1.8" stroke-dasharray="5 4" marker-end="url(#ag-bwd)"/>`,
    );
    const mx = (x1 + x2) / 2 + nx * 24;
    const my = (y1 + y2) / 2 + ny * 24 + 4;
    labels.push(flowText(mx, my, value));
  }
  out.push(`<g>${edgeMarks.join('')}</g>`);
  out.push(`<g stroke="none">${labels.join('')}</g>`);

  for (const n of d.nodes) {
    const b = box(n.name);
    const gradLabel = n.leaf ? '.grad' : `∂f/∂${n.name}`;
    out.push(
      `<g data-node="${n.name}" data-value="${fmt(n.value)}" data-grad="${fmt(n.grad)}">`,
      `<rect x="${num(b.left)}" y="${num(b.top)}" width="${BOX_W}" height="${BOX_H}" rx="8" stroke="${n.leaf ? 'var(--fig-3)' : 'currentColor'}" stroke-width="${n.leaf ? 2 : 1.2}"/>`,
      `<g stroke="none">${text(b.cx, b.top + 19, TITLE[n.name] ?? n.name, 'middle', ' font-weight="600"')}`,
      `${text(b.left + 10, b.top + 39, `值 ${fmt(n.value)}`, 'start', ' font-size="12"')}`,
      `${flowText(b.left + 10, b.top + 57, `${gradLabel} ${fmt(n.grad)}`, 'start')}</g>`,
      '</g>',
    );
  }

  // Legend.
  const ly = HEIGHT - 22;
  out.push(
    `<line x1="40" y1="${ly - 4}" x2="76" y2="${ly - 4}" stroke="var(--fig-1)" stroke-width="1.8" marker-end="url(#ag-fwd)"/>`,
    `<g stroke="none">${text(84, ly, '前向：由输入计算值')}</g>`,
    `<line x1="260" y1="${ly - 4}" x2="296" y2="${ly - 4}" stroke="var(--fig-2)" stroke-width="1.8" stroke-dasharray="5 4" marker-end="url(#ag-bwd)"/>`,
    `<g stroke="none">${text(304, ly, '反向：沿边传回 上游梯度 × 局部导数（边旁数字）')}</g>`,
    `<rect x="720" y="${ly - 13}" width="18" height="14" rx="3" stroke="var(--fig-3)" stroke-width="2"/>`,
    `<g stroke="none">${text(746, ly, '叶子：梯度存入 .grad')}</g>`,
  );
  out.push('</svg>');
  return out.join('');
}
