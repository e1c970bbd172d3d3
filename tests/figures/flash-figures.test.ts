import { describe, expect, it } from 'vitest';
import pattern from '../../src/figures/flash-chunk-pattern';
import cost, { COST_FIGURE, macsPerTokenSeries, prefixSeries } from '../../src/figures/flash-cost';
import { coverageCounts, PATTERN_DEMO, quadraticBreakEven } from '../../src/numerics/flash';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The `d` attribute of the single element carrying all the given attributes. */
function pathData(svg: string, ...attrs: string[]): string {
  const matches = [...svg.matchAll(/<path ([^>]*)\/>/g)].filter((m) => attrs.every((a) => (m[1] ?? '').includes(a)));
  expect(matches, attrs.join(' ')).toHaveLength(1);
  return matches[0]?.[1]?.match(/ d="([^"]+)"/)?.[1] ?? '';
}

/** Points of a polyline path "M x y L x y …". */
function points(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

function panel(svg: string, key: string): string {
  const start = svg.indexOf(`<g data-panel="${key}">`);
  expect(start).toBeGreaterThan(-1);
  // Panels are not nested in each other; the next panel or the legend ends this one.
  const next = svg.indexOf('<g data-panel=', start + 1);
  const legend = svg.indexOf('<g data-role="legend"', start);
  return svg.slice(start, next > -1 ? next : legend);
}

describe('flash-chunk-pattern figure', () => {
  const svg = pattern();
  const { L, C } = PATTERN_DEMO;

  it('draws one square per covered pair, as many as coverage() counts', () => {
    for (const [key, causal] of [
      ['causal', true],
      ['bidirectional', false],
    ] as const) {
      const part = panel(svg, key);
      const counts = coverageCounts(L, C, causal);
      for (const kind of ['local', 'global', 'both'] as const) {
        const n = counts[kind];
        if (n === 0) {
          expect(part, `${key} ${kind}`).not.toContain(`data-part="${kind}"`);
        } else {
          expect(count(pathData(part, `data-part="${kind}"`), 'M'), `${key} ${kind}`).toBe(n);
        }
      }
    }
  });

  it('marks the chunk boundaries: G + 1 lines each way per panel', () => {
    for (const key of ['causal', 'bidirectional']) {
      expect(count(pathData(panel(svg, key), 'data-role="chunks"'), 'M')).toBe(2 * (L / C + 1));
    }
  });

  it('in the causal panel, the local squares are exactly the lower triangles of the diagonal chunks', () => {
    const cell = 16;
    const d = pathData(panel(svg, 'causal'), 'data-part="local"');
    const squares = points(d);
    const left = Math.min(...squares.map(([x]) => x));
    const top = Math.min(...squares.map(([, y]) => y));
    for (const [x, y] of squares) {
      const j = Math.round((x - left) / cell);
      const i = Math.round((y - top) / cell);
      expect(Math.floor(i / C)).toBe(Math.floor(j / C));
      expect(j).toBeLessThanOrEqual(i);
    }
  });

  it('keeps the rotated axis label clear of the chunk labels, and both clear of the grid', () => {
    for (const key of ['causal', 'bidirectional']) {
      const part = panel(svg, key);
      const chunks = pathData(part, 'data-role="chunks"');
      const gridLeft = Math.min(...points(chunks.replaceAll(/[hv]-?[\d.]+/g, '')).map(([x]) => x));
      const axis = part.match(/<text x="([\d.]+)" y="[\d.]+" [^>]*font-size="(\d+)" data-role="axis-i"/);
      expect(axis, key).not.toBeNull();
      const axisX = Number(axis?.[1]);
      const axisFont = Number(axis?.[2]);
      const rows = [
        ...part.matchAll(
          /<text x="([\d.]+)" y="[\d.]+" text-anchor="end"[^>]*font-size="(\d+)" data-role="chunk-label"[^>]*>([^<]*)</g,
        ),
      ];
      expect(rows, key).toHaveLength(L / C);
      for (const [, x, font, label] of rows) {
        // Right-aligned at x; a generous width bound: one em per character.
        const right = Number(x);
        const leftEdge = right - (label ?? '').length * Number(font);
        expect(right).toBeLessThan(gridLeft);
        // Rotated by 90°, the axis label's glyphs span at most one font size right of its line.
        expect(axisX + axisFont).toBeLessThan(leftEdge);
        expect(axisX - axisFont).toBeGreaterThan(0);
      }
    }
  });

  it('has a legend for the three parts and for masked pairs, and theme colours', () => {
    for (const label of ['块内二次', '块间线性', '两部分都有', '被掩码']) expect(svg).toContain(label);
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
  });
});

describe('flash-cost figure', () => {
  const svg = cost();

  it('draws the three cost series and the two prefix series from the cost model', () => {
    const macs = macsPerTokenSeries();
    expect(macs.mixed.every(([, v]) => v === 819_200)).toBe(true);
    expect(macs.linear.every(([, v]) => v === 393_216)).toBe(true);
    expect(macs.quadratic.map(([L, v]) => v / L)).toEqual(COST_FIGURE.lengths.map(() => 128 + 1536));
    const prefix = prefixSeries();
    expect(prefix.linear.map(([, v]) => v)).toEqual([...COST_FIGURE.lengths]);
    expect(prefix.mixed.map(([, v]) => v)).toEqual(COST_FIGURE.lengths.map((L) => L / 256));
    for (const key of ['quadratic', 'mixed', 'linear']) {
      expect(points(pathData(svg, 'data-panel="macs"', `data-series="${key}"`))).toHaveLength(
        COST_FIGURE.lengths.length,
      );
    }
  });

  it('per token, mixed chunk and linear cost are flat and the quadratic one rises', () => {
    for (const key of ['mixed', 'linear']) {
      const ys = points(pathData(svg, 'data-panel="macs"', `data-series="${key}"`)).map(([, y]) => y);
      expect(new Set(ys).size).toBe(1);
    }
    const quad = points(pathData(svg, 'data-panel="macs"', 'data-series="quadratic"')).map(([, y]) => y);
    for (let k = 1; k < quad.length; k++) expect(quad[k]).toBeLessThan(quad[k - 1] ?? 0);
  });

  it('marks the break-even length where the quadratic line crosses the mixed one', () => {
    const Ls = quadraticBreakEven(256, 128, 1536);
    expect(svg).toContain(`L* ≈ ${Math.round(Ls)}`);
    const circle = svg.match(/data-role="break-even" cx="([\d.]+)" cy="([\d.]+)"/);
    const cx = Number(circle?.[1]);
    const cy = Number(circle?.[2]);
    const mixedY = points(pathData(svg, 'data-panel="macs"', 'data-series="mixed"'))[0]?.[1];
    expect(cy).toBeCloseTo(mixedY ?? Number.NaN, 1);
    // On the quadratic line: interpolate between its first two points (256 and 512 bracket L*).
    const [[x0, y0], [x1, y1]] = points(pathData(svg, 'data-panel="macs"', 'data-series="quadratic"')) as [
      [number, number],
      [number, number],
    ];
    expect(cx).toBeGreaterThan(x0);
    expect(cx).toBeLessThan(x1);
    expect(y0 + ((cx - x0) / (x1 - x0)) * (y1 - y0)).toBeCloseTo(cy, 0);
  });

  it('the prefix-length lines are parallel, a factor C = 256 apart', () => {
    const mixed = points(pathData(svg, 'data-panel="prefix"', 'data-series="mixed"'));
    const linear = points(pathData(svg, 'data-panel="prefix"', 'data-series="linear"'));
    // 240 px span 4.5 decades, so a factor 256 is 240 · log₁₀256 / 4.5 px.
    const gap = (240 * Math.log10(256)) / 4.5;
    mixed.forEach(([x, y], k) => {
      expect(linear[k]?.[0]).toBe(x);
      expect(y - (linear[k]?.[1] ?? 0)).toBeCloseTo(gap, 1);
    });
    expect(svg).toContain('相差 C = 256 倍');
  });

  it('uses theme colours and labels both axes', () => {
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)', 'currentColor']) {
      expect(svg).toContain(colour);
    }
    expect(count(svg, '序列长度 L（对数坐标）')).toBe(2);
    expect(svg).toContain('GAU 投影（D = 768）');
  });
});
