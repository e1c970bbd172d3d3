import { describe, expect, it } from 'vitest';

// A time zone west of Greenwich, set before the module under test builds its formatter: there,
// UTC midnight (how frontmatter dates are parsed) is still the previous day locally.
process.env.TZ = 'America/Los_Angeles';
const { formatDate, isoDate } = await import('../../src/utils/date');

describe('dates', () => {
  it('runs in a western time zone, where a naive local date would be the day before', () => {
    expect(new Date('2026-01-01').getDate()).toBe(31);
  });

  it('formats in Chinese without shifting the day in western time zones', () => {
    expect(formatDate(new Date('2026-01-01'))).toBe('2026年1月1日');
    expect(formatDate(new Date('2026-11-29'))).toBe('2026年11月29日');
    expect(isoDate(new Date('2026-01-01'))).toBe('2026-01-01');
  });
});
