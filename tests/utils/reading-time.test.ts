import { describe, expect, it } from 'vitest';
import { CJK_PER_MINUTE, readingMinutes, WORDS_PER_MINUTE } from '../../src/utils/reading-time';

describe('readingMinutes', () => {
  it('counts Chinese by characters, not words', () => {
    // A word counter sees one "word" here and would say 1 minute.
    expect(readingMinutes('优'.repeat(CJK_PER_MINUTE * 10))).toBe(10);
  });

  it('counts English by words', () => {
    expect(readingMinutes('word '.repeat(WORDS_PER_MINUTE * 4))).toBe(4);
  });

  it('is at least one minute', () => {
    expect(readingMinutes('')).toBe(1);
  });

  it('does not read TeX commands as words', () => {
    const tex = `$$\n${'\\frac{a}{b} + '.repeat(200)}\n$$\n`;
    expect(readingMinutes(tex)).toBe(1);
  });
});
