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
