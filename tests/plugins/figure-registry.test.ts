import { describe, expect, it } from 'vitest';
import { figures } from '../../src/figures';

function count(haystack: string, needle: string | RegExp): number {
  if (typeof needle === 'string') return haystack.split(needle).length - 1;
  return (haystack.match(new RegExp(needle.source, 'g')) ?? []).length;
}

/**
 * Every registered figure, whatever it draws: the same SVG at every build, one root `<svg>` that
 * scales (a viewBox, no fixed size), nothing that runs or loads from elsewhere, no number that
 * went wrong (NaN, undefined), colours from the theme (`currentColor`, `var(--fig-…)`), coordinates rounded to two decimals so the HTML stays small, and
 * balanced groups and labels. A figure's own test checks what it draws.
 */
describe('figure registry', () => {
  for (const [name, draw] of Object.entries(figures)) {
    describe(name, () => {
      const svg = draw();

      it('draws the same SVG at every build', () => {
        expect(draw()).toBe(svg);
      });

      it('is one scalable <svg> with nothing that runs or loads from elsewhere', () => {
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="')).toBe(true);
        expect(svg.endsWith('</svg>')).toBe(true);
        expect(count(svg, '<svg')).toBe(1);
        const root = svg.slice(0, svg.indexOf('>') + 1);
        expect(root).toMatch(/viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"/);
        expect(root).not.toMatch(/\s(width|height)=/);
        expect(svg).not.toMatch(/<script|\son\w+=|href=/i);
        expect(count(svg, 'http')).toBe(1);
      });

      it('takes its colours from the theme, so it reads in light and dark', () => {
        expect(svg).toContain('currentColor');
        expect(svg).not.toMatch(/(fill|stroke|color)="(#|rgb|hsl)|(fill|stroke|color):\s*(#|rgb|hsl)/i);
      });

      it('has no invalid numbers, coordinates to two decimals, and balanced elements', () => {
        expect(svg).not.toMatch(/NaN|Infinity|undefined|null/);
        // Inside drawing attributes only: labels may print a number with more digits, and data-*
        // attributes carry exact values for a figure's own test.
        expect(svg.replace(/\sdata-[a-z-]+="[^"]*"/g, '')).not.toMatch(/\d\.\d{3,}(?!\d)(?=[^<]*")/);
        for (const tag of ['g', 'text', 'defs', 'clipPath']) {
          expect(count(svg, `<${tag}>`) + count(svg, new RegExp(`<${tag}\\s`)), tag).toBe(count(svg, `</${tag}>`));
        }
      });
    });
  }
});
