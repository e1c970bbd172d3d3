import { describe, expect, it } from 'vitest';
import flowDensity, { MARKED_POINT, pushForward } from '../../src/figures/flow-density';
import flowJacobians, { cellKind } from '../../src/figures/flow-jacobians';
import { couplingExample, demoFlow, jacobianPatterns } from '../../src/numerics/flows';

function count(haystack: string, needle: string | RegExp): number {
  if (typeof needle === 'string') return haystack.split(needle).length - 1;
  return (haystack.match(new RegExp(needle.source, 'g')) ?? []).length;
}

describe('flow-jacobians figure', () => {
  const svg = flowJacobians();

  it('draws three 6×6 grids whose cells follow the computed Jacobians', () => {
    const jac = jacobianPatterns();
    for (const key of ['coupling', 'autoregressive', 'composed'] as const) {
      const start = svg.indexOf(`<g data-panel="${key}">`);
      expect(start).toBeGreaterThan(-1);
      const panel = svg.slice(
        start,
        svg.indexOf('<g data-panel=', start + 10) === -1 ? undefined : svg.indexOf('<g data-panel=', start + 10),
      );
      const kinds = [...panel.matchAll(/data-kind="(\w+)"/g)].map((m) => m[1]);
      expect(kinds).toHaveLength(36);
      const expected: string[] = [];
      for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expected.push(cellKind(jac[key], i, j));
      expect(kinds).toEqual(expected);
    }
  });

  it('shows the structures the article names: block triangular, triangular, dense', () => {
    const jac = jacobianPatterns();
    const zeros = (key: 'coupling' | 'autoregressive' | 'composed') => {
      let n = 0;
      for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if (cellKind(jac[key], i, j) === 'zero') n++;
      return n;
    };
    // Coupling: the 3×3 upper-right block, the off-diagonals of both diagonal blocks: 9 + 6 + 6.
    expect(zeros('coupling')).toBe(21);
    // Autoregressive: the 15 entries above the diagonal.
    expect(zeros('autoregressive')).toBe(15);
    // Composition: only the lower-right block keeps its off-diagonal zeros.
    expect(zeros('composed')).toBe(6);
  });

  it('labels the composition by what it is: dense blocks, a diagonal lower-right block', () => {
    const jac = jacobianPatterns();
    // The lower-right 3×3 block of the composed Jacobian is exactly diagonal …
    for (let i = 3; i < 6; i++) {
      for (let j = 3; j < 6; j++) expect(cellKind(jac.composed, i, j)).toBe(i === j ? 'diag' : 'zero');
    }
    // … while the other three blocks have no zero at all.
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) if (i < 3 || j < 3) expect(cellKind(jac.composed, i, j)).not.toBe('zero');
    }
    expect(svg).toContain('∂y/∂x：三块稠密、右下块对角');
    expect(svg).not.toContain('∂y/∂x：稠密');
  });

  it('does not claim the diagonal gives the determinant of a non-triangular matrix', () => {
    expect(svg).toContain('对角元（三角阵时决定行列式）');
    expect(svg).not.toContain('对角元（决定行列式）');
  });

  it('spaces the legend so that its labels do not overlap', () => {
    const legend = [
      ...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="start" fill="currentColor">([^<]+)<\/text>/g),
    ]
      .map((m) => ({ x: Number(m[1]), label: m[2] ?? '' }))
      .filter((t) => ['对角元（三角阵时决定行列式）', '非零的非对角元', '恰为 0'].includes(t.label));
    expect(legend).toHaveLength(3);
    for (let k = 0; k + 1 < legend.length; k++) {
      const a = legend[k];
      const b = legend[k + 1];
      if (a === undefined || b === undefined) throw new Error('missing legend entry');
      expect(a.x + 13 * a.label.length).toBeLessThan(b.x - 20);
    }
    const last = legend[legend.length - 1];
    expect((last?.x ?? 0) + 13 * (last?.label.length ?? 0)).toBeLessThan(640);
  });

  it('uses the theme colours and Chinese labels', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-muted)']) expect(svg).toContain(colour);
    expect(svg).toContain('一层仿射耦合');
    expect(svg).toContain('稠密');
  });
});

describe('flow-density figure', () => {
  const svg = flowDensity();

  it('clips each panel to its own frame', () => {
    const urls = svg.match(/url\([^)]*\)/g) ?? [];
    expect(urls).toEqual(['url(#flow-density-clip-0)', 'url(#flow-density-clip-1)', 'url(#flow-density-clip-2)']);
  });

  it('draws, in each of three panels, a grid and the images of the circles r = 1 and r = 2', () => {
    expect(count(svg, 'data-role="grid"')).toBe(3);
    expect(count(svg, 'data-radius="1"')).toBe(3);
    expect(count(svg, 'data-radius="2"')).toBe(3);
    expect(count(svg, 'data-role="point"')).toBe(3);
    expect(svg).toContain('39.3%');
    expect(svg).toContain('86.5%');
  });

  it('marks the worked example’s point and its images', () => {
    const ex = couplingExample();
    expect([...MARKED_POINT]).toEqual([...ex.z]);
    const layers = demoFlow();
    expect(pushForward(layers, 2, MARKED_POINT)).toEqual(ex.x);
    expect(pushForward(layers, 1, MARKED_POINT)).toEqual(ex.afterLayer1);
    // The marker moves between panels exactly as the point does (same scale in all panels).
    const cx = [...svg.matchAll(/data-role="point" cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(cx).toHaveLength(3);
    const [p0, p1, p2] = cx;
    const scale = 176 / 7.2;
    expect((p1?.[1] ?? 0) - (p0?.[1] ?? 0)).toBeCloseTo(-((ex.afterLayer1[1] ?? 0) - 0.8) * scale, 1);
    expect((p2?.[0] ?? 0) - (p1?.[0] ?? 0)).toBeCloseTo(202 + ((ex.x[0] ?? 0) + 1.2) * scale, 1);
  });
});

describe('flow-density figure: the shape of the bent grid lines', () => {
  // The figure's horizontal lines z₂ = c, z₁ ∈ [−2.5, 2.5], after layer 1:
  // u₂ = c·exp(0.4 tanh z₁) + 0.6(z₁² − 1). The alt text calls them upward-opening U shapes,
  // not parabolas; this checks both halves of that sentence on a fine grid.
  const layers = demoFlow();
  const zs = Array.from({ length: 501 }, (_, k) => -2.5 + (5 * k) / 500);
  const line = (c: number) => zs.map((z1) => pushForward(layers, 1, [z1, c])[1] ?? Number.NaN);

  it('every image of a horizontal grid line is convex with one interior minimum (a U)', () => {
    for (const c of [-2, -1, 0, 1, 2]) {
      const u = line(c);
      const second = u.slice(2).map((v, k) => v - 2 * (u[k + 1] ?? 0) + (u[k] ?? 0));
      for (const d2 of second) expect(d2).toBeGreaterThan(0);
      const min = u.indexOf(Math.min(...u));
      expect(min).toBeGreaterThan(0);
      expect(min).toBeLessThan(u.length - 1);
    }
  });

  it('only the line c = 0 is a parabola: the others have a varying second difference', () => {
    for (const c of [-2, -1, 0, 1, 2]) {
      const u = line(c);
      const second = u.slice(2).map((v, k) => v - 2 * (u[k + 1] ?? 0) + (u[k] ?? 0));
      const spread = Math.max(...second) - Math.min(...second);
      if (c === 0) expect(spread).toBeLessThan(1e-12);
      else expect(spread / Math.max(...second)).toBeGreaterThan(0.2);
    }
  });

  it('the alt text says U shape, not parabola', async () => {
    const { readFileSync } = await import('node:fs');
    const article = readFileSync(new URL('../../content/normalizing-flows.md', import.meta.url), 'utf8');
    expect(article).toContain('横线弯成向上开口的 U 形曲线');
    expect(article).not.toContain('抛物线');
  });
});

describe('figure text in the article', () => {
  it('names the marked point as the figure draws it', async () => {
    const { readFileSync } = await import('node:fs');
    const article = readFileSync(new URL('../../content/normalizing-flows.md', import.meta.url), 'utf8');
    const point = MARKED_POINT.map((v) => String(v).replace('-', '−')).join(', ');
    expect(article).toContain(`z = (${point})`);
    expect(article).toContain('src: flow-density');
    expect(article).toContain('src: flow-jacobians');
  });
});
