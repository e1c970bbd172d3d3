/**
 * Figure for the Adam/AdamW article: trajectories of Adam, Adam+L2
 * (`torch.optim.Adam(weight_decay=λ)`) and AdamW (`torch.optim.AdamW`, same λ)
 * on a noisy, ill-conditioned 2-D quadratic, drawn over the loss contours.
 *
 * It exists so the article's central claim can be seen rather than taken on
 * trust. Adam+L2 ends at the minimiser aᵢθ⋆ᵢ/(aᵢ + λ) of the ordinary L2
 * objective, the point SGD+L2 reaches too: the preconditioner bends the path
 * but does not move the end point, and the coordinate with the small curvature
 * (a₂ = λ) is the one halved. Decoupled decay multiplies both coordinates by
 * the same factor 1 − ηλ every step; AdamW ends near the segment from the
 * origin to θ⋆, not exactly on it, at the fixed points of `adamwFixedPoint`,
 * whose retained ratios are close here only because σᵢ = aᵢ and θ⋆₁, θ⋆₂ are
 * close.
 * The SVG is computed at build time from `weightDecayDemo()` and is
 * deterministic: no randomness, every coordinate rounded to two decimals.
 */
import { WEIGHT_DECAY_DEMO, weightDecayDemo } from '../numerics/optimizers';

const WIDTH = 640;
const HEIGHT = 430;
/** Plot area in viewBox units. */
const PLOT = { left: 56, top: 16, size: 360 } as const;
/** Data window shown in the plot, the same for both axes so ellipses keep their shape. */
const DOMAIN = { min: -0.5, max: 2.7 } as const;

const SERIES = [
  {
    id: 'adam',
    key: 'adam',
    colour: 'var(--fig-3)',
    dash: '6 4',
    label: 'Adam（无衰减）',
  },
  {
    id: 'adam-l2',
    key: 'adamL2',
    colour: 'var(--fig-1)',
    dash: '',
    label: 'Adam + L2（耦合）',
  },
  {
    id: 'adamw',
    key: 'adamw',
    colour: 'var(--fig-2)',
    dash: '',
    label: 'AdamW（解耦）',
  },
] as const;

/** Round to two decimals and print without trailing zeros or "-0". */
function num(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function sx(x: number): number {
  return PLOT.left + ((x - DOMAIN.min) / (DOMAIN.max - DOMAIN.min)) * PLOT.size;
}

function sy(y: number): number {
  return PLOT.top + PLOT.size - ((y - DOMAIN.min) / (DOMAIN.max - DOMAIN.min)) * PLOT.size;
}

function scale(d: number): number {
  return (d / (DOMAIN.max - DOMAIN.min)) * PLOT.size;
}

/**
 * SVG path data for a trajectory, dropping points closer than `minGap`
 * viewBox units to the previously kept one (the last point is always kept).
 */
function pathData(points: readonly (readonly number[])[], minGap = 0.8): string {
  const kept: [number, number][] = [];
  for (const p of points) {
    const x = sx(p[0] ?? Number.NaN);
    const y = sy(p[1] ?? Number.NaN);
    const prev = kept[kept.length - 1];
    if (prev === undefined || Math.hypot(x - prev[0], y - prev[1]) >= minGap) {
      kept.push([x, y]);
    }
  }
  const lastPoint = points[points.length - 1];
  if (lastPoint !== undefined) {
    const x = sx(lastPoint[0] ?? Number.NaN);
    const y = sy(lastPoint[1] ?? Number.NaN);
    const prev = kept[kept.length - 1];
    if (prev !== undefined && (prev[0] !== x || prev[1] !== y)) kept.push([x, y]);
  }
  return kept.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join(' ');
}

function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end' = 'start', extra = ''): string {
  return `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" fill="currentColor"${extra}>${content}</text>`;
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const demo = weightDecayDemo();
  const [a1, a2] = demo.problem.curvature;
  const [opt1, opt2] = demo.problem.optimum;
  const lambda = WEIGHT_DECAY_DEMO.weightDecay;
  const out: string[] = [];

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  );
  out.push(
    `<defs><clipPath id="adam-trajectories-clip"><rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.size}" height="${PLOT.size}"/></clipPath></defs>`,
  );

  // Frame, ticks and axis labels.
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.size}" height="${PLOT.size}" stroke="currentColor" stroke-width="1"/>`,
  );
  const ticks = [0, 1, 2];
  const tickMarks: string[] = [];
  const tickLabels: string[] = [];
  const bottom = PLOT.top + PLOT.size;
  for (const t of ticks) {
    tickMarks.push(`M${num(sx(t))} ${bottom}v5`, `M${PLOT.left} ${num(sy(t))}h-5`);
    tickLabels.push(text(sx(t), bottom + 18, String(t), 'middle'));
    tickLabels.push(text(PLOT.left - 9, sy(t) + 4.5, String(t), 'end'));
  }
  out.push(`<path d="${tickMarks.join(' ')}" stroke="currentColor" stroke-width="1"/>`);
  out.push(`<g stroke="none">${tickLabels.join('')}`);
  out.push(text(PLOT.left + PLOT.size / 2, bottom + 38, `θ₁（曲率 a₁ = ${num(a1)}）`, 'middle'));
  out.push(
    text(
      PLOT.left - 34,
      PLOT.top + PLOT.size / 2,
      `θ₂（曲率 a₂ = ${num(a2)}）`,
      'middle',
      ` transform="rotate(-90 ${num(PLOT.left - 34)} ${num(PLOT.top + PLOT.size / 2)})"`,
    ),
  );
  out.push('</g>');

  // Everything in data space is clipped to the plot area.
  out.push('<g clip-path="url(#adam-trajectories-clip)">');

  // Contours of the unregularised loss: f = L is an ellipse with semi-axes √(2L/aᵢ).
  const levels = [0.02, 0.08, 0.18, 0.32, 0.5, 0.72, 0.98];
  for (const level of levels) {
    out.push(
      `<ellipse cx="${num(sx(opt1))}" cy="${num(sy(opt2))}" rx="${num(scale(Math.sqrt((2 * level) / a1)))}" ry="${num(scale(Math.sqrt((2 * level) / a2)))}" stroke="var(--fig-muted)" stroke-width="1"/>`,
    );
  }

  // Axes through the origin and the ray from the origin through θ⋆.
  out.push(
    `<path d="M${num(sx(DOMAIN.min))} ${num(sy(0))}H${num(sx(DOMAIN.max))}M${num(sx(0))} ${num(sy(DOMAIN.min))}V${num(sy(DOMAIN.max))}" stroke="currentColor" stroke-opacity="0.25" stroke-width="1"/>`,
  );
  const rayEnd = 1.3;
  out.push(
    `<line x1="${num(sx(0))}" y1="${num(sy(0))}" x2="${num(sx(rayEnd * opt1))}" y2="${num(sy(rayEnd * opt2))}" stroke="currentColor" stroke-opacity="0.55" stroke-width="1" stroke-dasharray="2 4"/>`,
  );

  // The three trajectories: exactly one <path> per series.
  for (const s of SERIES) {
    const d = pathData(demo[s.key]);
    const dash = s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`;
    out.push(`<path data-series="${s.id}" d="${d}" stroke="${s.colour}" stroke-width="2"${dash}/>`);
  }

  // Start point, θ⋆, and the end point of every run.
  const [x0, y0] = WEIGHT_DECAY_DEMO.start;
  out.push(`<circle cx="${num(sx(x0))}" cy="${num(sy(y0))}" r="4" stroke="currentColor" stroke-width="1.5"/>`);
  const ends = { adam: demo.adamEnd, adamL2: demo.adamL2End, adamw: demo.adamwEnd };
  for (const s of SERIES) {
    const end = ends[s.key];
    out.push(
      `<circle cx="${num(sx(end[0] ?? Number.NaN))}" cy="${num(sy(end[1] ?? Number.NaN))}" r="4" fill="${s.colour}" stroke="none"/>`,
    );
  }
  out.push('</g>');

  // Point labels (outside the clip so they are never cut).
  out.push('<g stroke="none">');
  out.push(text(sx(x0) + 8, sy(y0) - 8, '起点'));
  out.push(text(sx(opt1) + 9, sy(opt2) - 7, 'θ⋆'));
  out.push(text(sx(0) + 6, sy(0) + 16, '原点'));
  out.push('</g>');

  // Legend.
  const lx = PLOT.left + PLOT.size + 22;
  let ly = PLOT.top + 14;
  const legend: string[] = [];
  legend.push(text(lx, ly, `λ = ${num(lambda)}，η = ${num(WEIGHT_DECAY_DEMO.lr)}`));
  ly += 26;
  for (const s of SERIES) {
    const dash = s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`;
    legend.push(
      `<line x1="${lx}" y1="${ly - 4.5}" x2="${lx + 26}" y2="${ly - 4.5}" stroke="${s.colour}" stroke-width="2"${dash}/>`,
    );
    legend.push(text(lx + 34, ly, s.label));
    ly += 24;
  }
  legend.push(
    `<line x1="${lx}" y1="${ly - 4.5}" x2="${lx + 26}" y2="${ly - 4.5}" stroke="var(--fig-muted)" stroke-width="1"/>`,
  );
  legend.push(text(lx + 34, ly, '损失 f 的等高线'));
  ly += 24;
  legend.push(
    `<line x1="${lx}" y1="${ly - 4.5}" x2="${lx + 26}" y2="${ly - 4.5}" stroke="currentColor" stroke-opacity="0.55" stroke-width="1" stroke-dasharray="2 4"/>`,
  );
  legend.push(text(lx + 34, ly, '原点与 θ⋆ 的连线'));
  ly += 24;
  legend.push(`<circle cx="${lx + 13}" cy="${ly - 4.5}" r="4" stroke="currentColor" stroke-width="1.5"/>`);
  legend.push(text(lx + 34, ly, '起点；实心点为终点'));
  ly += 34;
  legend.push(text(lx, ly, `${WEIGHT_DECAY_DEMO.steps} 步后（末两步平均）：`));
  ly += 20;
  legend.push(text(lx, ly, `Adam + L2 → ${demo.printed.adamL2End ?? ''}`));
  ly += 20;
  legend.push(text(lx, ly, `AdamW → ${demo.printed.adamwEnd ?? ''}`));
  out.push(`<g stroke="none">${legend.join('')}</g>`);

  out.push('</svg>');
  return out.join('');
}
