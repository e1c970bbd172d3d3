import { describe, expect, it } from 'vitest';
import { figures } from '../../src/figures';

describe('figure registry', () => {
  for (const [name, draw] of Object.entries(figures)) {
    it(`${name} draws the same SVG at every build`, () => {
      const svg = draw();
      expect(svg.trimStart()).toMatch(/^<svg[\s>]/);
      expect(draw()).toBe(svg);
    });
  }
});
