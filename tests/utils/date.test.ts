import { describe, expect, it } from 'vitest';
import { formatDate, isoDate } from '../../src/utils/date';

describe('dates', () => {
  it('formats in Chinese without shifting the day in western time zones', () => {
    expect(formatDate(new Date('2026-01-01'))).toBe('2026年1月1日');
    expect(isoDate(new Date('2026-01-01'))).toBe('2026-01-01');
  });
});
