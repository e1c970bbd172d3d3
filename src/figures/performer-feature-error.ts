/**
 * Figure for the efficient-Transformer article: relative RMSE of the random-feature estimate of
 * exp(xᵀy) against the number of features r, for trigonometric and positive features, on log–log
 * axes. Two panels, from `featureErrorCurves()`: unit vectors at cosine −0.8 (kernel small) and
 * +0.8 (kernel large), d = 16. Markers are Monte Carlo estimates (1000 seeded draws per point),
 * lines the closed forms of Lemma 2, so a reader sees both the 1/√r slope and which feature map
 * wins where. On the right, the positive estimator is heavy-tailed, and its markers scatter
 * around the line: a sample MSE of a heavy-tailed estimate converges slowly.
 */
import { FEATURE_DEMO, featureErrorCurves } from '../numerics/efficient-attention';
import { type Frame, legendEntry, num, polyline, sx, sy, text } from './svg';

const WIDTH = 640;
const HEIGHT = 400;
const PANEL_W = 240;
const PANEL_H = 250;
const LEFTS = [64, 370] as const;
const TOP = 52;
/** log₂ r on x, log₁₀ of the relative RMSE on y. */
const X_RANGE = [2, 8] as const;
const Y_RANGE = [-2, 0.6] as const;

const COLOURS = { trig: 'var(--fig-1)', positive: 'var(--fig-2)' } as const;
const LABELS = { trig: '三角特征', positive: '正特征' } as const;

function frame(left: number): Frame {
  return {
    left,
    top: TOP,
    width: PANEL_W,
    height: PANEL_H,
    xMin: X_RANGE[0],
    xMax: X_RANGE[1],
    yMin: Y_RANGE[0],
    yMax: Y_RANGE[1],
  };
}

function marker(kind: 'trig' | 'positive', x: number, y: number): string {
  const c = COLOURS[kind];
  if (kind === 'trig')
    return `<circle cx="${num(x)}" cy="${num(y)}" r="3.5" fill="none" stroke="${c}" stroke-width="1.5"/>`;
  return `<rect x="${num(x - 3.2)}" y="${num(y - 3.2)}" width="6.4" height="6.4" fill="none" stroke="${c}" stroke-width="1.5"/>`;
}

/** Build-time figure: returns the SVG markup described in the module comment. */
export default function figure(): string {
  const data = featureErrorCurves();
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" fill="none" stroke-linecap="round" stroke-linejoin="round">`,
  );
  data.forEach((panel, k) => {
    const f = frame(LEFTS[k] ?? 0);
    out.push(`<g data-panel="${k === 0 ? 'small' : 'large'}">`);
    const title = k === 0 ? '核值小' : '核值大';
    out.push(
      `<g stroke="none">${text(f.left, TOP - 28, `${title}：cos θ = ${panel.cosine < 0 ? '−' : ''}${Math.abs(panel.cosine)}`, 'start', ' font-weight="600"')}${text(
        f.left,
        TOP - 10,
        `exp(xᵀy) = ${panel.kernel.toFixed(3)}，d = ${FEATURE_DEMO.d}`,
      )}</g>`,
    );
    // Frame, log ticks and labels.
    out.push(
      `<rect x="${f.left}" y="${f.top}" width="${f.width}" height="${f.height}" stroke="currentColor" stroke-width="1"/>`,
    );
    const marks: string[] = [];
    const labels: string[] = [];
    for (let e = X_RANGE[0]; e <= X_RANGE[1]; e++) {
      marks.push(`M${num(sx(f, e))} ${f.top + f.height}v5`);
      labels.push(text(sx(f, e), f.top + f.height + 18, String(2 ** e), 'middle'));
    }
    for (const e of [-2, -1, 0]) {
      marks.push(`M${f.left} ${num(sy(f, e))}h-5`);
      labels.push(text(f.left - 8, sy(f, e) + 4.5, String(10 ** e), 'end'));
      marks.push(`M${f.left} ${num(sy(f, e))}h${f.width}`);
    }
    out.push(`<path d="${marks.join(' ')}" stroke="var(--fig-muted)" stroke-width="0.75"/>`);
    out.push(`<g stroke="none">${labels.join('')}</g>`);
    out.push(`<g stroke="none">${text(f.left + f.width / 2, f.top + f.height + 38, '随机特征数 r', 'middle')}</g>`);
    // Closed-form lines, then the Monte Carlo markers on top.
    for (const line of panel.theory) {
      const points = line.points.map((p) => [Math.log2(p.r), Math.log10(p.relativeRmse)] as const);
      out.push(
        `<path data-series="theory-${line.kind}" d="${polyline(f, points)}" stroke="${COLOURS[line.kind]}" stroke-width="2"/>`,
      );
    }
    for (const curve of panel.curves) {
      const dots = curve.points.map((p) =>
        marker(curve.kind, sx(f, Math.log2(p.r)), sy(f, Math.log10(p.relativeRmse))),
      );
      out.push(`<g data-series="mc-${curve.kind}">${dots.join('')}</g>`);
    }
    out.push('</g>');
  });
  out.push(
    `<g stroke="none">${text(
      20,
      TOP + PANEL_H / 2,
      '相对 RMSE',
      'middle',
      ` transform="rotate(-90 20 ${num(TOP + PANEL_H / 2)})"`,
    )}</g>`,
  );
  // Legend: lines are the closed forms, markers the simulation.
  const ly = HEIGHT - 20;
  out.push(legendEntry(64, ly, COLOURS.trig, '', `${LABELS.trig}（理论）`));
  out.push(legendEntry(232, ly, COLOURS.positive, '', `${LABELS.positive}（理论）`));
  out.push(marker('trig', 410, ly - 4.5));
  out.push(marker('positive', 426, ly - 4.5));
  out.push(`<g stroke="none">${text(438, ly, '蒙特卡洛模拟')}</g>`);
  out.push('</svg>');
  return out.join('');
}
