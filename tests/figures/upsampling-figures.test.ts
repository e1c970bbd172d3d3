import { describe, expect, it } from 'vitest';
import checkerboard, { OVERLAP_PANELS } from '../../src/figures/checkerboard-overlap';
import pixelShuffleFigure, { CHANNEL_FILL, shuffleInput } from '../../src/figures/pixel-shuffle';
import { overlapCounts2d } from '../../src/numerics/upsampling';

function wellFormed(svg: string): void {
  expect(svg.startsWith('<svg ')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
  expect(svg.slice(0, svg.indexOf('>'))).not.toMatch(/ (width|height)=/);
  expect(svg.split('<g').length).toBe(svg.split('</g>').length);
}

function group(svg: string, role: string): string {
  const start = svg.indexOf(`<g data-role="${role}">`);
  expect(start).toBeGreaterThan(-1);
  return svg.slice(start, svg.indexOf('</g>', start));
}

/** Every cell rectangle with its data attributes and the label drawn right after it. */
function cells(part: string): { attrs: string; label: string }[] {
  return [...part.matchAll(/<rect ([^>]*)\/><text [^>]*>([^<]*)<\/text>/g)].map((m) => ({
    attrs: m[1] ?? '',
    label: m[2] ?? '',
  }));
}

describe('pixel-shuffle figure', () => {
  const svg = pixelShuffleFigure();

  it('is deterministic and well formed', () => {
    expect(pixelShuffleFigure()).toBe(svg);
    wellFormed(svg);
  });

  it('draws the input channels 0…15 in four colours, one per channel', () => {
    const input = cells(group(svg, 'input'));
    expect(input).toHaveLength(16);
    expect(input.map((c) => Number(c.label))).toEqual(shuffleInput().flat(2));
    input.forEach((c) => {
      const k = Number(c.attrs.match(/data-channel="(\d)"/)?.[1]);
      expect(c.attrs).toContain(`fill="${CHANNEL_FILL[k]}"`);
    });
  });

  it('draws the PyTorch 1.13 output of PixelShuffle(2), each cell in the colour of its source channel', () => {
    const output = cells(group(svg, 'output'));
    expect(output.map((c) => Number(c.label))).toEqual([0, 4, 1, 5, 8, 12, 9, 13, 2, 6, 3, 7, 10, 14, 11, 15]);
    output.forEach((c) => {
      const y = Number(c.attrs.match(/data-y="(\d)"/)?.[1]);
      const x = Number(c.attrs.match(/data-x="(\d)"/)?.[1]);
      // Hand rule: phase (y mod 2, x mod 2) → channel 2·i + j; the value's channel is ⌊value/4⌋.
      const k = 2 * (y % 2) + (x % 2);
      expect(c.attrs).toContain(`data-channel="${k}"`);
      expect(Math.floor(Number(c.label) / 4)).toBe(k);
      expect(c.attrs).toContain(`fill="${CHANNEL_FILL[k]}"`);
    });
  });
});

describe('checkerboard-overlap figure', () => {
  const svg = checkerboard();

  it('is deterministic and well formed', () => {
    expect(checkerboard()).toBe(svg);
    wellFormed(svg);
  });

  it('draws the overlap counts of both panels, 9×9 and 10×10, cell by cell', () => {
    for (const panel of OVERLAP_PANELS) {
      const start = svg.indexOf(`<g data-panel="k${panel.kernel}">`);
      const part = svg.slice(start, svg.indexOf('</g>', start));
      const drawn = cells(part).map((c) => Number(c.label));
      const counts = overlapCounts2d(4, panel.kernel, 2).flat();
      expect(drawn).toEqual(counts);
      expect(drawn).toHaveLength(panel.kernel === 3 ? 81 : 100);
    }
  });

  it('kernel 3 has the 1/2/4 checkerboard inside, kernel 4 a flat interior of 4 (PyTorch 1.13 run)', () => {
    const k3 = overlapCounts2d(4, 3, 2);
    expect(k3[4]).toEqual([2, 2, 4, 2, 4, 2, 4, 2, 2]);
    expect(k3[3]).toEqual([1, 1, 2, 1, 2, 1, 2, 1, 1]);
    const k4 = overlapCounts2d(4, 4, 2);
    expect(k4[0]).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(k4[5]).toEqual([2, 2, 4, 4, 4, 4, 4, 4, 2, 2]);
  });
});
