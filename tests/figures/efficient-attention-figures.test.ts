import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import performerFeatureError from '../../src/figures/performer-feature-error';
import sparseAttentionPatterns, {
  AXIS_GAP,
  FIGURE_WIDTH,
  KIND_COLOUR,
} from '../../src/figures/sparse-attention-patterns';
import {
  cellKind,
  countPairs,
  demoPatterns,
  exactRelativeRmse,
  FEATURE_DEMO,
  featureErrorCurves,
  unitPair,
} from '../../src/numerics/efficient-attention';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The part of the SVG inside `<g data-panel="name" …>` up to the next panel. */
function panelOf(svg: string, name: string): string {
  const start = svg.indexOf(`<g data-panel="${name}"`);
  if (start < 0) throw new Error(`panel ${name} missing`);
  const next = svg.indexOf('<g data-panel=', start + 10);
  return svg.slice(start, next < 0 ? undefined : next);
}

describe('sparse-attention-patterns figure', () => {
  const svg = sparseAttentionPatterns();
  const patterns = demoPatterns();

  it('draws one panel per pattern, labelled with its pair count', () => {
    expect(count(svg, '<g data-panel=')).toBe(4);
    const expected: Record<string, number> = { strided: 708, fixed: 736, longformer: 674, bigbird: 860 };
    for (const p of patterns) {
      expect(countPairs(p)).toBe(expected[p.name]);
      const panel = panelOf(svg, p.name);
      expect(panel).toContain(`data-pairs="${expected[p.name]}"`);
      const all = p.causal ? 2080 : 4096;
      expect(panel).toContain(`计算 ${expected[p.name]} / ${all} 对`);
    }
  });

  it('the drawn runs rebuild exactly the computed cells, each in the colour of its kind', () => {
    for (const p of patterns) {
      const panel = panelOf(svg, p.name);
      const drawn = new Map<number, string>();
      for (const m of panel.matchAll(/<path data-colour="([^"]+)" d="([^"]+)"/g)) {
        const colour = m[1] ?? '';
        for (const run of (m[2] ?? '').matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
          const a = Number(run[1]);
          const i = Number(run[2]);
          const w = Number(run[3]);
          expect(Number(run[4])).toBe(w);
          for (let j = a; j < a + w; j++) {
            expect(drawn.has(i * p.length + j), `${p.name} (${i}, ${j}) drawn twice`).toBe(false);
            drawn.set(i * p.length + j, colour);
          }
        }
      }
      expect(drawn.size).toBe(countPairs(p));
      for (let i = 0; i < p.length; i++) {
        for (let j = 0; j < p.length; j++) {
          const kind = cellKind(p, i, j);
          expect(drawn.get(i * p.length + j), `${p.name} (${i}, ${j})`).toBe(
            kind === undefined ? undefined : KIND_COLOUR[kind],
          );
        }
      }
    }
  });

  it('shades the never-computed triangle of the causal panels only', () => {
    for (const p of patterns) {
      expect(panelOf(svg, p.name).includes('fill-opacity="0.15"')).toBe(p.causal);
    }
  });

  it('no label reaches the right edge, and the rotated query label clears the first panel', () => {
    // Width estimate at font-size 13: CJK and full-width characters 13 px, others at most 8 px
    // (bold Latin included), which over-estimates typical glyph widths.
    const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 13 : 8), 0);
    let checked = 0;
    for (const m of svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"([^>]*)>([^<]*)<\/text>/g)) {
      const [x, anchor, extra, content] = [Number(m[1]), m[3], m[4] ?? '', m[5] ?? ''];
      if (extra.includes('rotate(90')) {
        // Rotated clockwise: the glyphs occupy about [x − 4, x + 13] horizontally.
        expect(x + 13).toBeLessThan(40 - 4);
        expect(x - 4).toBeGreaterThan(0);
        continue;
      }
      const w = width(content);
      const right = anchor === 'start' ? x + w : anchor === 'middle' ? x + w / 2 : x;
      expect(right, content).toBeLessThanOrEqual(FIGURE_WIDTH - 8);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    expect(AXIS_GAP).toBeGreaterThanOrEqual(17);
  });

  it('has a legend for the three colours and axis hints', () => {
    for (const label of ['局部 / 滑动窗口', '步长列 / 汇总列 / 全局行列', '随机键', '键 j →', '查询 i →']) {
      expect(svg).toContain(label);
    }
    for (const colour of ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-muted)'])
      expect(svg).toContain(colour);
    expect(svg.length).toBeLessThan(40_000);
  });
});

describe('performer-feature-error figure', () => {
  const svg = performerFeatureError();
  const data = featureErrorCurves();

  it('draws two panels, each with two closed-form lines and two sets of seven markers', () => {
    for (const name of ['small', 'large']) {
      const panel = panelOf(svg, name);
      expect(count(panel, 'data-series="theory-trig"')).toBe(1);
      expect(count(panel, 'data-series="theory-positive"')).toBe(1);
      const trig = panel.match(/<g data-series="mc-trig">(.*?)<\/g>/)?.[1] ?? '';
      const positive = panel.match(/<g data-series="mc-positive">(.*?)<\/g>/)?.[1] ?? '';
      expect(count(trig, '<circle')).toBe(FEATURE_DEMO.features.length);
      expect(count(positive, '<rect')).toBe(FEATURE_DEMO.features.length);
    }
  });

  it('titles the panels with the kernel values the article quotes', () => {
    expect(svg).toContain('核值小：cos θ = −0.8');
    expect(svg).toContain('核值大：cos θ = 0.8');
    expect(svg).toContain('exp(xᵀy) = 0.449');
    expect(svg).toContain('exp(xᵀy) = 2.226');
    for (const tick of ['>4<', '>256<', '>0.01<', '>0.1<', '>1<']) expect(svg).toContain(tick);
  });

  it('plots the closed form exactly and the simulation near it on the well-behaved side', () => {
    for (const [k, panel] of data.entries()) {
      const [x, y] = unitPair(FEATURE_DEMO.d, panel.cosine);
      for (const line of panel.theory) {
        for (const pt of line.points) expect(pt.relativeRmse).toBeCloseTo(exactRelativeRmse(line.kind, x, y, pt.r), 12);
        // Monotone: more features, less error.
        for (let t = 1; t < line.points.length; t++) {
          expect(line.points[t]?.relativeRmse ?? 0).toBeLessThan(line.points[t - 1]?.relativeRmse ?? 0);
        }
      }
      // Where the estimator is light-tailed, every marker is within 15% of the line.
      const wellBehaved = k === 0 ? panel.curves : panel.curves.filter((c) => c.kind === 'trig');
      for (const curve of wellBehaved) {
        for (const pt of curve.points) {
          const ratio = pt.relativeRmse / exactRelativeRmse(curve.kind, x, y, pt.r);
          expect(ratio).toBeGreaterThan(0.85);
          expect(ratio).toBeLessThan(1.15);
        }
      }
    }
  });
});

describe('alt texts name the colours the themes actually use', () => {
  const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
  const article = readFileSync(new URL('../../content/efficient-transformers.md', import.meta.url), 'utf8');

  /** Every value of a custom property in the stylesheet (light and dark theme), as [r, g, b]. */
  function shades(name: string): [number, number, number][] {
    return [...css.matchAll(new RegExp(`${name}:\\s*#([0-9a-f]{6})`, 'gi'))].map((m) => {
      const hex = m[1] ?? '000000';
      return [0, 2, 4].map((k) => Number.parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
    });
  }

  it('--fig-1 is red, --fig-2 blue and --fig-3 green in both themes', () => {
    for (const [name, channel] of [
      ['--fig-1', 0],
      ['--fig-2', 2],
      ['--fig-3', 1],
    ] as const) {
      const values = shades(name);
      expect(values.length, name).toBe(2);
      for (const rgb of values) expect(Math.max(...rgb), name).toBe(rgb[channel]);
    }
  });

  it('so the alt texts call local cells and trig features red, long-range cells and positive features blue', () => {
    expect(KIND_COLOUR.local).toBe('var(--fig-1)');
    expect(KIND_COLOUR.global).toBe('var(--fig-2)');
    expect(KIND_COLOUR.random).toBe('var(--fig-3)');
    expect(article).toContain('红色为局部或滑动窗口，蓝色为步长列、汇总列或全局行列，绿色为随机键');
    expect(article).toContain('红色的三角特征理论线');
    expect(article).toContain('蓝色的正特征理论线');
    expect(performerFeatureError()).toContain('stroke="var(--fig-1)" stroke-width="2"/>');
  });
});
