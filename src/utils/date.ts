const longDate = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/**
 * A date as readers see it, `2026年11月29日`. Frontmatter dates are parsed as UTC midnight, so
 * formatting happens in UTC too: in a local time zone west of Greenwich they would show the day before.
 */
export function formatDate(date: Date): string {
  return longDate.format(date);
}

/** `YYYY-MM-DD`, for `<time datetime>` and machine-readable metadata. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The date a frontmatter `YYYY-MM-DD` names, as UTC midnight, or `undefined` when the text has
 * another shape (`2026/12/01`, `2026-12-1`) or names a day that does not exist (`2026-02-30`,
 * which `new Date` would silently roll over to March 2).
 */
export function parseIsoDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}
