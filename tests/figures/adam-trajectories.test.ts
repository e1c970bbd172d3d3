import { describe, expect, it } from 'vitest';
import figure from '../../src/figures/adam-trajectories';

const svg = figure();

function count(haystack: string, needle: string | RegExp): number {
  if (typeof needle === 'string') return haystack.split(needle).length - 1;
  return (haystack.match(new RegExp(needle.source, 'g')) ?? []).length;
}

describe('adam-trajectories figure', () => {
  it('draws exactly one path per series', () => {
    for (const id of ['adam', 'adam-l2', 'adamw']) {
      expect(count(svg, `<path data-series="${id}" `)).toBe(1);
    }
    expect(count(svg, 'data-series=')).toBe(3);
    const paths = svg.match(/<path data-series="[^"]+" d="([^"]+)"/g) ?? [];
    expect(paths).toHaveLength(3);
    for (const p of paths) {
      // A real trajectory: a move-to followed by many line-to commands.
      expect(count(p, 'L')).toBeGreaterThan(20);
    }
  });

  it('uses the theme colours and has a legend and axis labels', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)']) {
      expect(svg).toContain(colour);
    }
    expect(svg).toContain('currentColor');
    expect(svg).toContain('Adam + L2');
    expect(svg).toContain('AdamW');
    // The axes name the curvature, which is what sets the ridge end point of Adam + L2.
    expect(svg).toContain('θ₁（曲率 a₁ = 4）');
    expect(svg).toContain('θ₂（曲率 a₂ = 0.25）');
    expect(svg).toContain('>θ⋆<');
    expect(svg).not.toContain('θ*');
    expect(svg).toMatch(/font-size="1[2-4]"/);
  });

  it('keeps the series inside the plot window', () => {
    const vb = svg.match(/viewBox="0 0 (\d+) (\d+)"/);
    const width = Number(vb?.[1]);
    const height = Number(vb?.[2]);
    const paths = [...svg.matchAll(/<path data-series="[^"]+" d="([^"]+)"/g)];
    expect(paths).toHaveLength(3);
    for (const [, d] of paths) {
      const nums = (d?.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      expect(nums.length).toBeGreaterThan(40);
      for (let i = 0; i + 1 < nums.length; i += 2) {
        expect(nums[i]).toBeGreaterThanOrEqual(0);
        expect(nums[i]).toBeLessThanOrEqual(width);
        expect(nums[i + 1]).toBeGreaterThanOrEqual(0);
        expect(nums[i + 1]).toBeLessThanOrEqual(height);
      }
    }
  });
});
