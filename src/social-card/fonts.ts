import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font } from 'satori';
import subsetFont from 'subset-font';
import { CARD_FONT_FAMILY } from './layout';

const require = createRequire(import.meta.url);

/** The weights the card layout uses: text and bold titles. */
const WEIGHTS = [400, 700] as const;

/**
 * Emoji are drawn as images (see `emoji.ts`), and joiners and variation selectors are part of
 * them, so they need no glyph.
 */
const NOT_FROM_FONT = /\p{Extended_Pictographic}|\u200d|\ufe0e|\ufe0f/u;

/**
 * Fontsource ships Noto Sans SC as ~100 slices per weight (the unicode ranges in its
 * `unicode.json`: numbered CJK slices, `latin`, `latin-ext`…), each small enough to parse quickly.
 * Which slice holds each character the cards draw, so only those files are read.
 */
function slicesFor(chars: readonly string[]): { slices: Map<string, string[]>; missing: string[] } {
  const ranges = require('@fontsource/noto-sans-sc/unicode.json') as Record<string, string>;
  const parsed = Object.entries(ranges).map(([name, list]) => ({
    file: name.replace(/^\[(\d+)\]$/, '$1'),
    ranges: list.split(',').map((range) => {
      const [start = '', end = start] = range.trim().replace(/^U\+/i, '').split('-');
      return [Number.parseInt(start, 16), Number.parseInt(end, 16)] as const;
    }),
  }));
  const slices = new Map<string, string[]>();
  const missing: string[] = [];
  for (const char of chars) {
    const code = char.codePointAt(0) ?? 0;
    const slice = parsed.find(({ ranges }) => ranges.some(([start, end]) => code >= start && code <= end));
    if (!slice) missing.push(char);
    else slices.set(slice.file, [...(slices.get(slice.file) ?? []), char]);
  }
  return { slices, missing };
}

/**
 * The fonts satori needs to draw `text`: for each weight, every Noto Sans SC slice that holds one
 * of its characters, cut down with HarfBuzz (`subset-font`) to exactly those characters, as
 * TrueType (satori reads TTF, OTF and WOFF, not WOFF2). Satori picks one font per family and
 * weight, then falls back across families for a character that font lacks, so each slice is a
 * family of its own (`Noto Sans SC 12`) and the layout's `Noto Sans SC` resolves through that
 * fallback to whichever slice has the character. Nothing is fetched: the files are in
 * `node_modules`. A character the font does not have fails with the characters named, rather than
 * a card with an empty box in its title.
 */
export async function cardFonts(text: string): Promise<Font[]> {
  const chars = [...new Set(text)].filter((char) => !NOT_FROM_FONT.test(char)).sort();
  const { slices, missing } = slicesFor(chars);
  if (missing.length > 0) {
    const named = missing.map((char) => `${char}（U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}）`);
    throw new Error(
      `社交卡片用的字体 ${CARD_FONT_FAMILY} 没有这些字符：${named.join('、')}。请在标题、主题名或站点名中换一种写法。`,
    );
  }
  const fonts = await Promise.all(
    WEIGHTS.flatMap((weight) =>
      [...slices].map(async ([slice, sliceChars]) => {
        const file = require.resolve(`@fontsource/noto-sans-sc/files/noto-sans-sc-${slice}-${weight}-normal.woff`);
        const data = await subsetFont(await readFile(file), sliceChars.join(''), { targetFormat: 'sfnt' });
        return { name: `${CARD_FONT_FAMILY} ${slice}`, data, weight, style: 'normal' } satisfies Font;
      }),
    ),
  );
  return fonts;
}
