/**
 * Figure for the Stable Diffusion 3 article: straight versus curved paths on a 2-D toy problem
 * whose data are three points and whose noise is N(0, I), so the exact velocity field is known.
 * Left: conditional paths z_t = a_t x₀ + b_t ε for a few pairs (x₀, ε): straight segments for
 * rectified flow, quarter-ellipse arcs for the cosine schedule. Right: each schedule's own exact
 * probability-flow trajectory (thin) and its 4-step Euler path (thick). The two exact trajectories
 * are different curves, the cosine one a scaled copy of the RF one at equal log-SNR (the factor
 * a_cos/a_RF is at most √2), with the same start and end points; RF's last Euler step lands exactly
 * on the data point, the cosine sampler's overshoots it outwards.
 * Computed at build time from `rectified-flow.ts` with fixed seeds; deterministic.
 */
import {
  COSINE_SCHEDULE,
  conditionalPairs,
  conditionalPoint,
  eulerPath,
  marginalVelocity,
  PATHS_DEMO,
  pathsDemoNoise,
  RF_SCHEDULE,
  rk4Path,
  TOY_DATA,
  timeGrid,
  type Vec2,
} from '../numerics/rectified-flow';
import { axes, type Frame, legendEntry, num, polyline, sx, sy, text } from './svg';

const WIDTH = 760;
const HEIGHT = 452;
const SIZE = 300;
const DOMAIN = 3.6;

const LEFT: Frame = {
  left: 46,
  top: 30,
  width: SIZE,
  height: SIZE,
  xMin: -DOMAIN,
  xMax: DOMAIN,
  yMin: -DOMAIN,
  yMax: DOMAIN,
};
const RIGHT: Frame = { ...LEFT, left: 46 + SIZE + 70 };

export { PATHS_DEMO };

/** Conditional paths of the left panel, one polyline per pair and schedule (t from 1 to 0). */
export function conditionalPaths(): { rf: Vec2[][]; cos: Vec2[][]; noise: Vec2[] } {
  const pairs = conditionalPairs(PATHS_DEMO.pairs, PATHS_DEMO.pairSeed);
  const ts = Array.from({ length: 41 }, (_, i) => 1 - i / 40);
  return {
    rf: pairs.map(({ x0, eps }) => ts.map((t) => conditionalPoint(RF_SCHEDULE, t, x0, eps))),
    cos: pairs.map(({ x0, eps }) => ts.map((t) => conditionalPoint(COSINE_SCHEDULE, t, x0, eps))),
    noise: pairs.map(({ eps }) => eps),
  };
}

/** The noise draws of the right panel (see `pathsDemoNoise`): two per data point. */
export function chosenNoise(): Vec2[] {
  return pathsDemoNoise();
}

/**
 * Exact trajectories of both schedules (RK4, from t = 1 down to t = 10⁻³, where the posterior has
 * long collapsed) and the Euler paths of the right panel.
 */
export function samplerPaths(): { exactRf: Vec2[][]; exactCos: Vec2[][]; rf: Vec2[][]; cos: Vec2[][] } {
  const noise = chosenNoise();
  const grid = timeGrid(PATHS_DEMO.eulerSteps);
  return {
    exactRf: noise.map((e) => rk4Path(RF_SCHEDULE, e, 1e-3, 200)),
    exactCos: noise.map((e) => rk4Path(COSINE_SCHEDULE, e, 1e-3, 200)),
    rf: noise.map((e) => eulerPath((t, z) => marginalVelocity(RF_SCHEDULE, t, z), e, grid)),
    cos: noise.map((e) => eulerPath((t, z) => marginalVelocity(COSINE_SCHEDULE, t, z), e, grid)),
  };
}

function dataPoints(f: Frame): string {
  return TOY_DATA.map(
    ([x, y]) =>
      `<rect x="${num(sx(f, x) - 4.5)}" y="${num(sy(f, y) - 4.5)}" width="9" height="9" fill="currentColor" stroke="none"/>`,
  ).join('');
}

function clip(id: string, f: Frame): string {
  return `<clipPath id="${id}"><rect x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}"/></clipPath>`;
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  );
  out.push(`<defs>${clip('sd3-paths-left', LEFT)}${clip('sd3-paths-right', RIGHT)}</defs>`);
  const ticks = [-3, 0, 3];
  out.push(axes(LEFT, ticks, ticks), axes(RIGHT, ticks, ticks));
  out.push(
    `<g stroke="none">${text(sx(LEFT, 0), LEFT.top - 10, '条件路径 zₜ = aₜx₀ + bₜε', 'middle')}${text(
      sx(RIGHT, 0),
      RIGHT.top - 10,
      `精确 ODE 轨迹与 ${PATHS_DEMO.eulerSteps} 步欧拉法`,
      'middle',
    )}</g>`,
  );

  // Left panel: straight RF segments and cosine arcs between the same endpoints.
  const cond = conditionalPaths();
  out.push('<g clip-path="url(#sd3-paths-left)">');
  cond.cos.forEach((p, i) => {
    out.push(
      `<path data-series="cond-cos" data-i="${i}" d="${polyline(LEFT, p)}" stroke="var(--fig-2)" stroke-width="1.8" stroke-dasharray="5 4"/>`,
    );
  });
  cond.rf.forEach((p, i) => {
    out.push(
      `<path data-series="cond-rf" data-i="${i}" d="${polyline(LEFT, p)}" stroke="var(--fig-1)" stroke-width="1.8"/>`,
    );
  });
  for (const [x, y] of cond.noise) {
    out.push(
      `<circle cx="${num(sx(LEFT, x))}" cy="${num(sy(LEFT, y))}" r="3.5" stroke="currentColor" stroke-width="1.3"/>`,
    );
  }
  out.push(dataPoints(LEFT), '</g>');

  // Right panel: each schedule's 4-step Euler path (wide, translucent, a dot at every step), then its
  // exact trajectory drawn thin on top, so both stay visible where they run close together.
  const paths = samplerPaths();
  out.push('<g clip-path="url(#sd3-paths-right)">');
  for (const [series, colour, dash] of [
    ['cos', 'var(--fig-2)', ' stroke-dasharray="7 4"'],
    ['rf', 'var(--fig-1)', ''],
  ] as const) {
    paths[series].forEach((p, i) => {
      out.push(
        `<path data-series="euler-${series}" data-i="${i}" d="${polyline(RIGHT, p)}" stroke="${colour}" stroke-width="3.2" stroke-opacity="0.45"${dash}/>`,
      );
      for (const [x, y] of p.slice(1)) {
        out.push(
          `<circle cx="${num(sx(RIGHT, x))}" cy="${num(sy(RIGHT, y))}" r="2.6" fill="${colour}" stroke="none"/>`,
        );
      }
    });
  }
  paths.exactCos.forEach((p, i) => {
    out.push(
      `<path data-series="exact-cos" data-i="${i}" d="${polyline(RIGHT, p)}" stroke="var(--fig-2)" stroke-width="1.3" stroke-dasharray="3 2"/>`,
    );
  });
  paths.exactRf.forEach((p, i) => {
    out.push(
      `<path data-series="exact-rf" data-i="${i}" d="${polyline(RIGHT, p)}" stroke="var(--fig-1)" stroke-width="1.3"/>`,
    );
  });
  for (const p of paths.exactRf) {
    const [x, y] = p[0] ?? [0, 0];
    out.push(
      `<circle cx="${num(sx(RIGHT, x))}" cy="${num(sy(RIGHT, y))}" r="3.5" stroke="currentColor" stroke-width="1.3"/>`,
    );
  }
  out.push(dataPoints(RIGHT), '</g>');

  // Legend under both panels: colours name the schedule, line weight tells exact from Euler.
  const y0 = LEFT.top + SIZE + 36;
  const legend = [
    legendEntry(LEFT.left, y0, 'var(--fig-1)', '', '整流流（a = 1 − t，b = t）'),
    legendEntry(LEFT.left, y0 + 22, 'var(--fig-2)', '5 4', '余弦（a = cos πt/2，b = sin πt/2）'),
    legendEntry(LEFT.left, y0 + 44, 'var(--fig-muted)', '', '右图细线：各自的精确 ODE 轨迹（终点相同）', 1.3),
    legendEntry(
      LEFT.left,
      y0 + 66,
      'var(--fig-muted)',
      '',
      `右图粗线与圆点：${PATHS_DEMO.eulerSteps} 步欧拉法及每步位置`,
      3.2,
    ),
    `<rect x="${num(RIGHT.left + 7.5)}" y="${num(y0 - 9)}" width="9" height="9" fill="currentColor" stroke="none"/>${text(RIGHT.left + 30, y0, '数据点')}`,
    `<circle cx="${num(RIGHT.left + 12)}" cy="${num(y0 + 22 - 4.5)}" r="3.5" stroke="currentColor" stroke-width="1.3"/>${text(RIGHT.left + 30, y0 + 22, '噪声 ε（t = 1 的起点）')}`,
    `<circle cx="${num(RIGHT.left + 12)}" cy="${num(y0 + 44 - 4.5)}" r="2.6" fill="var(--fig-2)" stroke="none"/>${text(RIGHT.left + 30, y0 + 44, '欧拉法的每一步（整流流的终点与数据点重合）')}`,
  ];
  out.push(`<g stroke="none" font-size="12">${legend.join('')}</g>`);
  out.push('</svg>');
  return out.join('');
}
