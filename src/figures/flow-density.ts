/**
 * Figure for the normalizing-flow article: a standard Gaussian pushed through the two affine
 * coupling layers of the worked example (`DEMO_LAYERS`), in three panels — before, after layer 1,
 * after layer 2.
 *
 * Instead of a heat map it draws what a bijection carries over exactly: the images of the
 * coordinate lines z₁, z₂ ∈ {−2, −1, 0, 1, 2} (a grid whose cells show where volume is stretched
 * and density therefore drops), and the images of the circles r = 1 and r = 2, which keep holding
 * the Gaussian mass 1 − exp(−r²/2). The worked example's point is marked in every panel. All
 * three panels share one scale so areas can be compared.
 */
import { composeForward, demoFlow, densityFigureContours, type FlowLayer } from '../numerics/flows';
import { num, text } from './svg';

const WIDTH = 640;
const HEIGHT = 318;
const PANEL_W = 176;
const PANEL_X = [34, 236, 438] as const;
const TOP = 40;
/** Data window, the same for every panel. */
const DOMAIN = { xMin: -3.6, xMax: 3.6, yMin: -3.4, yMax: 5.4 } as const;
const SCALE = PANEL_W / (DOMAIN.xMax - DOMAIN.xMin);
const PANEL_H = (DOMAIN.yMax - DOMAIN.yMin) * SCALE;
/** The worked example's base point. */
export const MARKED_POINT = [-1.2, 0.8] as const;

/** Map a base point through the first `depth` layers (depth 0 = identity). */
export function pushForward(layers: readonly FlowLayer[], depth: number, z: readonly number[]): number[] {
  return composeForward(layers.slice(0, depth), z).y;
}

function pathThrough(points: readonly (readonly number[])[], left: number): string {
  return points
    .map((p, i) => {
      const x = left + ((p[0] ?? 0) - DOMAIN.xMin) * SCALE;
      const y = TOP + (DOMAIN.yMax - (p[1] ?? 0)) * SCALE;
      return `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`;
    })
    .join('');
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const layers = demoFlow();
  const contours = densityFigureContours();
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  );
  const titles = ['z ~ 𝒩(0, I)', '第 1 层之后', '第 2 层之后（x）'];
  const ticks = [-2, -1, 0, 1, 2];
  const samples = 48;
  for (let depth = 0; depth < 3; depth++) {
    const left = PANEL_X[depth] ?? 0;
    const clip = `flow-density-clip-${depth}`;
    out.push(`<g data-panel="${depth}">`);
    out.push(
      `<defs><clipPath id="${clip}"><rect x="${left}" y="${TOP}" width="${PANEL_W}" height="${num(PANEL_H)}"/></clipPath></defs>`,
    );
    out.push(`<g stroke="none">${text(left + PANEL_W / 2, TOP - 12, titles[depth] ?? '', 'middle')}</g>`);
    out.push(`<g clip-path="url(#${clip})">`);
    // Images of the coordinate lines.
    const grid: string[] = [];
    for (const c of ticks) {
      const vertical = Array.from({ length: samples + 1 }, (_, k) =>
        pushForward(layers, depth, [c, -2.5 + (5 * k) / samples]),
      );
      const horizontal = Array.from({ length: samples + 1 }, (_, k) =>
        pushForward(layers, depth, [-2.5 + (5 * k) / samples, c]),
      );
      grid.push(pathThrough(vertical, left), pathThrough(horizontal, left));
    }
    out.push(`<path data-role="grid" d="${grid.join('')}" stroke="var(--fig-muted)" stroke-width="1"/>`);
    // Images of the mass circles.
    contours.radii.forEach((r, idx) => {
      const circle = Array.from({ length: 2 * samples + 1 }, (_, k) => {
        const a = (2 * Math.PI * k) / (2 * samples);
        return pushForward(layers, depth, [r * Math.cos(a), r * Math.sin(a)]);
      });
      out.push(
        `<path data-role="contour" data-radius="${r}" d="${pathThrough(circle, left)}Z" stroke="${idx === 0 ? 'var(--fig-1)' : 'var(--fig-2)'}" stroke-width="2"/>`,
      );
    });
    // The worked example's point.
    const p = pushForward(layers, depth, MARKED_POINT);
    const px = left + ((p[0] ?? 0) - DOMAIN.xMin) * SCALE;
    const py = TOP + (DOMAIN.yMax - (p[1] ?? 0)) * SCALE;
    out.push(
      `<circle data-role="point" cx="${num(px)}" cy="${num(py)}" r="4" fill="var(--fig-3)" stroke="currentColor" stroke-width="1"/>`,
    );
    out.push('</g>');
    out.push(
      `<rect x="${left}" y="${TOP}" width="${PANEL_W}" height="${num(PANEL_H)}" stroke="currentColor" stroke-width="1"/>`,
    );
    out.push('</g>');
    if (depth < 2) {
      const ax = left + PANEL_W + 13;
      const ay = TOP + PANEL_H / 2;
      out.push(`<path d="M${num(ax - 8)} ${num(ay)}h16m-5 -5l5 5l-5 5" stroke="currentColor" stroke-width="1.5"/>`);
    }
  }
  // Legend.
  const ly = Math.round(TOP + PANEL_H + 28);
  const items = [
    { stroke: 'var(--fig-1)', label: `r = 1 的像（质量 ${contours.printed.r1 ?? ''}）` },
    { stroke: 'var(--fig-2)', label: `r = 2 的像（质量 ${contours.printed.r2 ?? ''}）` },
    { stroke: 'var(--fig-muted)', label: '坐标网格的像' },
  ];
  let lx = 34;
  for (const item of items) {
    out.push(
      `<line x1="${lx}" y1="${ly - 4.5}" x2="${lx + 24}" y2="${ly - 4.5}" stroke="${item.stroke}" stroke-width="2"/>`,
    );
    out.push(`<g stroke="none">${text(lx + 30, ly, item.label, 'start')}</g>`);
    lx += item.label.length > 10 ? 214 : 160;
  }
  out.push(`<circle cx="40" cy="${num(ly + 20)}" r="4" fill="var(--fig-3)" stroke="currentColor" stroke-width="1"/>`);
  const point = MARKED_POINT.map((v) => String(v).replace('-', '−')).join(', ');
  out.push(`<g stroke="none">${text(52, ly + 25, `算例中的点 z = (${point}) 及其像`, 'start')}</g>`);
  out.push('</svg>');
  return out.join('');
}
