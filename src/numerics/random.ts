/**
 * Seeded pseudo-random numbers for the simulations behind articles and figures. A figure is
 * computed at every build and must come out byte for byte the same, so nothing here reads
 * `Math.random`; the same seed always gives the same sequence, on every machine.
 */

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * Mulberry32: a small 32-bit generator with a full 2³² period, good enough for simulations and
 * Monte Carlo estimates in an article (not for cryptography).
 */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal samples from a uniform source (Box–Muller, both outputs used). Returns a
 * function so a caller draws as many as it needs from one seeded stream.
 */
export function normalSampler(uniform: Uniform): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** A Rademacher sample, ±1 with equal probability (Hutchinson-style trace estimators use it). */
export function rademacher(uniform: Uniform): 1 | -1 {
  return uniform() < 0.5 ? -1 : 1;
}
