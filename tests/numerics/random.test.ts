import { describe, expect, it } from 'vitest';
import { mulberry32, normalSampler, rademacher } from '../../src/numerics/random';

describe('seeded random numbers', () => {
  it('repeat exactly for a seed and differ between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(first);
  });

  it('are uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const u = mulberry32(7);
    const xs = Array.from({ length: 100_000 }, u);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('give standard normals: mean 0, variance 1, about 68.3% within one sigma', () => {
    const normal = normalSampler(mulberry32(1));
    const xs = Array.from({ length: 100_000 }, normal);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
    expect(xs.filter((x) => Math.abs(x) < 1).length / xs.length).toBeCloseTo(0.6827, 2);
  });

  it('give ±1 Rademacher signs with equal frequency', () => {
    const u = mulberry32(3);
    const signs = Array.from({ length: 20_000 }, () => rademacher(u));
    expect(new Set(signs)).toEqual(new Set([1, -1]));
    expect(signs.reduce<number>((s, x) => s + x, 0) / signs.length).toBeCloseTo(0, 1);
  });
});
