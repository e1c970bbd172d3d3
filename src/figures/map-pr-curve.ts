/**
 * Figure for the mAP article: the precision/recall curve of the class 猫 in the worked example.
 * Left: the raw points (precision falls at every false positive, rises at every true positive),
 * the interpolated envelope e(r) = max{precision at recall ≥ r} as a step function, and the area
 * under it, which is the VOC2010+ AP. Right: the same envelope read where the two older rules
 * read it, the 11 VOC2007 levels and the 101 COCO thresholds, so the three APs are visibly three
 * quadratures of one function. Every point comes from `mapWorkedExample()`; deterministic.
 */
import {
  COCO_RECALL_THRESHOLDS,
  cocoPrecisionAtRecalls,
  formatFixed,
  mapWorkedExample,
  VOC07_RECALL_POINTS,
} from '../numerics/map';
import { axes, type Frame, legendEntry, num, polyline, sx, sy, text } from './svg';

const WIDTH = 760;
const HEIGHT = 370;
const LEFT: Frame = { left: 56, top: 34, width: 300, height: 260, xMin: 0, xMax: 1, yMin: 0, yMax: 1.05 };
const RIGHT: Frame = { ...LEFT, left: 56 + 300 + 80 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];

/** The data the figure draws, exported so its test can compare the SVG with the numbers. */
export function prFigureData() {
  const cat = mapWorkedExample().classes[0];
  if (cat === undefined) throw new Error('worked example has no classes');
  const raw = cat.rows.map((r) => [r.recall, r.precision] as [number, number]);
  const recall = cat.rows.map((r) => r.recall);
  const precision = cat.rows.map((r) => r.precision);
  // The envelope as a function of recall: constant on (r_{j-1}, r_j], zero beyond the last recall.
  const steps: [number, number][] = [];
  let previous = 0;
  for (const r of cat.rows) {
    if (r.recall !== previous) {
      steps.push([previous, r.interpolated], [r.recall, r.interpolated]);
      previous = r.recall;
    }
  }
  steps.push([previous, 0], [1, 0]);
  const voc07 = VOC07_RECALL_POINTS.map((t) => {
    const reached = cat.rows.filter((r) => r.recall >= t).map((r) => r.precision);
    return [t, reached.length === 0 ? 0 : Math.max(...reached)] as [number, number];
  });
  const coco = cocoPrecisionAtRecalls(recall, precision).map(
    (p, i) => [COCO_RECALL_THRESHOLDS[i] ?? 0, p] as [number, number],
  );
  return { name: cat.name, raw, steps, voc07, coco, ap07: cat.ap07, apAll: cat.apAll, apCoco: cat.apCoco50 };
}

function frameLabels(f: Frame, title: string): string {
  const cx = sx(f, 0.5);
  const cy = sy(f, 0.5);
  const yLabel = f.left - 40;
  return `<g stroke="none">${text(cx, f.top - 12, title, 'middle')}${text(cx, f.top + f.height + 36, '召回率', 'middle')}${text(
    yLabel,
    cy,
    '精确率',
    'middle',
    ` transform="rotate(-90 ${num(yLabel)} ${num(cy)})"`,
  )}</g>`;
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const d = prFigureData();
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  ];

  // Left panel: area under the envelope, the envelope, the raw points.
  out.push(axes(LEFT, TICKS, Y_TICKS), frameLabels(LEFT, `${d.name}：原始 PR 点与插值包络`));
  const area = `${polyline(LEFT, [[0, 0], ...d.steps])} Z`;
  out.push(`<path data-series="area" d="${area}" fill="var(--fig-1)" fill-opacity="0.15" stroke="none"/>`);
  out.push(`<path data-series="envelope" d="${polyline(LEFT, d.steps)}" stroke="var(--fig-1)" stroke-width="2.5"/>`);
  out.push(
    `<path data-series="raw" d="${polyline(LEFT, d.raw)}" stroke="var(--fig-2)" stroke-width="1.5" stroke-dasharray="4 3"/>`,
  );
  const rawDots = d.raw.map(([x, y]) => `<circle cx="${num(sx(LEFT, x))}" cy="${num(sy(LEFT, y))}" r="3.5"/>`).join('');
  out.push(`<g data-points="raw" fill="var(--fig-2)" stroke="none">${rawDots}</g>`);
  out.push(
    `<g stroke="none" font-size="12">${text(sx(LEFT, 0.04), sy(LEFT, 0.12), `阴影面积 = VOC2010+ AP = ${formatFixed(d.apAll, 4)}`)}</g>`,
  );

  // Right panel: the envelope sampled at the 101 COCO thresholds and the 11 VOC2007 levels.
  out.push(axes(RIGHT, TICKS, Y_TICKS), frameLabels(RIGHT, '11 点（VOC2007）与 101 点（COCO）采样'));
  out.push(
    `<path data-series="envelope-right" d="${polyline(RIGHT, d.steps)}" stroke="var(--fig-muted)" stroke-width="1.5"/>`,
  );
  const cocoDots = d.coco
    .map(([x, y]) => `<circle cx="${num(sx(RIGHT, x))}" cy="${num(sy(RIGHT, y))}" r="1.6"/>`)
    .join('');
  out.push(`<g data-points="coco" fill="var(--fig-3)" stroke="none">${cocoDots}</g>`);
  const vocMarks = d.voc07
    .map(([x, y]) => `<rect x="${num(sx(RIGHT, x) - 4.5)}" y="${num(sy(RIGHT, y) - 4.5)}" width="9" height="9"/>`)
    .join('');
  out.push(`<g data-points="voc07" stroke="var(--fig-2)" stroke-width="1.8">${vocMarks}</g>`);

  // Legend under both panels: two line samples, then a dot and a square like the markers.
  const y0 = LEFT.top + LEFT.height + 62;
  const x2 = LEFT.left + 380;
  const x3 = LEFT.left + 560;
  out.push(
    `<g stroke="none" font-size="12">${legendEntry(LEFT.left, y0, 'var(--fig-2)', '4 3', '原始 (召回率, 精确率) 点', 1.5)}${legendEntry(
      LEFT.left + 200,
      y0,
      'var(--fig-1)',
      '',
      '插值包络 e(r)',
      2.5,
    )}<circle cx="${num(x2 + 12)}" cy="${num(y0 - 4.5)}" r="3" fill="var(--fig-3)"/>${text(
      x2 + 22,
      y0,
      `101 点均值 = ${formatFixed(d.apCoco, 4)}`,
    )}<rect x="${num(x3 + 7.5)}" y="${num(y0 - 9)}" width="9" height="9" fill="none" stroke="var(--fig-2)" stroke-width="1.8"/>${text(
      x3 + 22,
      y0,
      `11 点均值 = ${formatFixed(d.ap07, 4)}`,
    )}</g>`,
  );
  out.push('</svg>');
  return out.join('');
}
