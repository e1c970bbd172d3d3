/**
 * Small SVG building blocks shared by the figures: a linear axis frame,
 * number formatting that never prints more than two decimals or "-0", and text elements that
 * follow the theme through `currentColor`. Not a figure itself, so not listed in `index.ts`.
 */

/** Round to two decimals and print without trailing zeros or "-0", so the SVG is byte-stable. */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A `<text>` element in the current text colour. */
export function text(
  x: number,
  y: number,
  content: string,
  anchor: 'start' | 'middle' | 'end' = 'start',
  extra = '',
): string {
  return `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" fill="currentColor"${extra}>${content}</text>`;
}

/** A rectangular plot area with linear scales from data coordinates to viewBox units. */
export interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** Data x to viewBox x. */
export function sx(f: Frame, x: number): number {
  return f.left + ((x - f.xMin) / (f.xMax - f.xMin)) * f.width;
}

/** Data y to viewBox y (upwards). */
export function sy(f: Frame, y: number): number {
  return f.top + f.height - ((y - f.yMin) / (f.yMax - f.yMin)) * f.height;
}

/** Path data through the given data points (a polyline), in viewBox units. */
export function polyline(f: Frame, points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(sx(f, x))} ${num(sy(f, y))}`).join(' ');
}

/** Frame rectangle, tick marks and tick labels for the given tick values. */
export function axes(f: Frame, xTicks: readonly number[], yTicks: readonly number[]): string {
  const out: string[] = [];
  out.push(
    `<rect x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}" stroke="currentColor" stroke-width="1"/>`,
  );
  const bottom = f.top + f.height;
  const marks: string[] = [];
  const labels: string[] = [];
  for (const t of xTicks) {
    marks.push(`M${num(sx(f, t))} ${num(bottom)}v5`);
    labels.push(text(sx(f, t), bottom + 18, String(t), 'middle'));
  }
  for (const t of yTicks) {
    marks.push(`M${num(f.left)} ${num(sy(f, t))}h-5`);
    labels.push(text(f.left - 8, sy(f, t) + 4.5, String(t), 'end'));
  }
  out.push(`<path d="${marks.join(' ')}" stroke="currentColor" stroke-width="1"/>`);
  out.push(`<g stroke="none">${labels.join('')}</g>`);
  return out.join('');
}

/** One legend entry: a short line sample and its label. */
export function legendEntry(x: number, y: number, colour: string, dash: string, label: string, width = 2): string {
  const d = dash === '' ? '' : ` stroke-dasharray="${dash}"`;
  return `<line x1="${num(x)}" y1="${num(y - 4.5)}" x2="${num(x + 24)}" y2="${num(y - 4.5)}" stroke="${colour}" stroke-width="${width}"${d}/>${text(x + 30, y, label)}`;
}
