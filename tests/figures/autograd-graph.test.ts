import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figures } from '../../src/figures';
import figure, { graphFigureData } from '../../src/figures/autograd-graph';

const svg = figure();
const data = graphFigureData();
const article = readFileSync(new URL('../../content/pytorch-autograd.md', import.meta.url), 'utf8');

function node(name: string): { value: string; grad: string } {
  const m = svg.match(new RegExp(`<g data-node="${name}" data-value="([^"]+)" data-grad="([^"]+)">`));
  return { value: m?.[1] ?? '', grad: m?.[2] ?? '' };
}

describe('autograd-graph figure', () => {
  it('is registered, deterministic and a themed SVG with a viewBox and no fixed size', () => {
    expect(figures['autograd-graph']).toBe(figure);
    expect(figure()).toBe(svg);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/<svg[^>]* (width|height)=/);
    expect(svg).not.toMatch(/#[0-9a-f]{6}/i);
  });

  it('draws the seven nodes with the values and gradients of the hand derivation', () => {
    const t = Math.tanh(0.5);
    const s = 1 - t * t;
    const expected: Record<string, [number, number]> = {
      x: [2, t + s],
      w: [0.5, 4 * s],
      b: [-0.5, 2 * s],
      p: [1, 2 * s],
      u: [0.5, 2 * s],
      t: [t, 2],
      f: [2 * t, 1],
    };
    expect(data.nodes.map((n) => n.name)).toEqual(Object.keys(expected));
    for (const [name, [v, g]] of Object.entries(expected)) {
      const shown = node(name);
      expect(Number(shown.value)).toBeCloseTo(v, 6);
      expect(Number(shown.grad)).toBeCloseTo(g, 6);
    }
  });

  it('draws every edge twice, forward and backward, the backward one labelled upstream × local', () => {
    expect(data.edges).toHaveLength(7);
    const forward = svg.match(/data-dir="forward"/g) ?? [];
    const backward = [...svg.matchAll(/data-edge="([a-z]-[a-z])" data-dir="backward" data-flow="([^"]+)"/g)];
    expect(forward).toHaveLength(7);
    expect(backward.map((m) => m[1]).sort()).toEqual(['b-u', 'p-u', 't-f', 'u-t', 'w-p', 'x-f', 'x-p']);
    // Forward arrows and backward arrows use different colours and dash patterns.
    expect(svg).toMatch(/data-dir="forward" d="[^"]+" stroke="var\(--fig-1\)" stroke-width="1.8" marker-end/);
    expect(svg).toMatch(/data-dir="backward" data-flow="[^"]+" d="[^"]+" stroke="var\(--fig-2\)"[^>]*stroke-dasharray/);
  });

  it('shows the two contributions that reach x, which add up to its .grad', () => {
    const flows = Object.fromEntries(data.edges.map((e) => [`${e.from}-${e.to}`, e.backward]));
    const t = Math.tanh(0.5);
    expect(flows['x-f']).toBeCloseTo(t, 12);
    expect(flows['x-p']).toBeCloseTo(1 - t * t, 12);
    expect((flows['x-f'] ?? 0) + (flows['x-p'] ?? 0)).toBeCloseTo(Number(node('x').grad), 6);
    expect(svg).toContain('>0.462117<');
    expect(svg).toContain('>0.786448<');
  });

  it('the figure block in the article describes these numbers', () => {
    const block = article.match(/```figure\nsrc: autograd-graph\n[\s\S]*?```/)?.[0] ?? '';
    for (const n of ['1.248565', '3.145791', '1.572895', '0.462117', '0.786448', '0.924234']) {
      expect(block).toContain(n);
    }
  });
});
