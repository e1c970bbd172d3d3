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

  it('counts English words written against Chinese without spaces', () => {
    // Per sentence 4 characters (在 中 使 用) and 2 words: 1200 characters = 4 min, 600 words = 3 min.
    expect(readingMinutes('在Transformer中使用AdamW。'.repeat(300))).toBe(7);
  });

  it('counts numbers as words, as in a table of results', () => {
    // 800 numbers = 4 min.
    expect(readingMinutes('| 2024 | 1000 |\n'.repeat(400))).toBe(4);
  });

  it('is at least one minute', () => {
    expect(readingMinutes('')).toBe(1);
  });

  it('does not read TeX commands as words', () => {
    const tex = `$$\n${'\\frac{a}{b} + '.repeat(200)}\n$$\n`;
    expect(readingMinutes(tex)).toBe(1);
  });

  it('adds a quarter of a minute per display formula, also inside list items', () => {
    // 20 formulas = 5 min; the list items add 80 characters, under a third of a minute.
    expect(readingMinutes('$$\nx = y\n$$\n\n'.repeat(20))).toBe(5);
    expect(readingMinutes('- 更新规则：\n\n  $$\n  x = y\n  $$\n'.repeat(20))).toBe(5);
  });

  it('does not take $$…$$ inside a paragraph, which is inline math, for a display formula', () => {
    // 40 characters of Chinese and 20 inline formulas: well under a minute.
    expect(readingMinutes('见 $$a$$ 式。\n'.repeat(20))).toBe(1);
  });

  it('reads an inline formula as one word, however long its TeX', () => {
    // 400 formulas = 400 words = 2 min; their TeX would be 2000 words.
    expect(readingMinutes(' $\\frac{\\partial L}{\\partial \\theta_t}$'.repeat(400))).toBe(2);
  });

  it('counts the text of HTML but not its tags, and tags still separate words', () => {
    // 400 words = 2 min; the tag names would add 1200 more, and gluing the cells would halve them.
    expect(readingMinutes('<tr><td>Adam</td><td>AdamW</td></tr>\n'.repeat(200))).toBe(2);
  });

  it('counts the text of a link but not its URL', () => {
    // 400 words = 2 min; the URL would add six words per link.
    expect(readingMinutes('[Adam](https://arxiv.org/abs/1412.6980) '.repeat(400))).toBe(2);
  });
});
