import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori, { type Font } from 'satori';
import { emojiSvg } from './emoji';
import { cardFonts } from './fonts';
import { CARD_SIZE, type CardNode } from './layout';

const require = createRequire(import.meta.url);

/** The packages whose versions change what a card looks like, so they are part of its cache key. */
const RENDERING_PACKAGES = ['satori', '@resvg/resvg-js', '@fontsource/noto-sans-sc', '@iconify-json/noto'];

/**
 * The cache key of a card: its layout tree (text, styles and the logo, so an edit to the layout
 * code that changes a card changes its key) and the versions of the renderer, rasterizer, font and
 * emoji set.
 */
export function cardKey(card: CardNode): string {
  const versions = RENDERING_PACKAGES.map(
    (name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`,
  );
  return createHash('sha256')
    .update(JSON.stringify([card, versions]))
    .digest('hex')
    .slice(0, 32);
}

const fontsFor = new Map<string, Promise<Font[]>>();

/**
 * Draws a card as a 1200×630 PNG: satori lays the tree out to SVG (text as paths, emoji as Noto
 * images), resvg rasterizes it. A card whose key is in `cacheDir` is read from there instead, so
 * a rebuild redraws only the cards whose content changed.
 *
 * @param glyphs every character any card of the build draws: the fonts are cut to these once and
 *   shared by all cards drawn in this build
 */
export async function renderCard(card: CardNode, glyphs: string, cacheDir: string): Promise<Buffer> {
  const cached = join(cacheDir, `${cardKey(card)}.png`);
  if (existsSync(cached)) return readFile(cached);
  if (!fontsFor.has(glyphs)) fontsFor.set(glyphs, cardFonts(glyphs));
  const fonts = (await fontsFor.get(glyphs)) ?? [];
  // Satori's types name React's element type; a plain { type, props } tree is what it reads.
  const svg = await satori(card as unknown as Parameters<typeof satori>[0], {
    ...CARD_SIZE,
    fonts,
    loadAdditionalAsset: async (code, segment) => {
      const image = code === 'emoji' ? emojiSvg(segment) : undefined;
      if (image) return image;
      throw new Error(`社交卡片无法绘制「${segment}」（${code}）：字体里没有它，也不是 Noto Emoji 中的表情。`);
    },
  });
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: CARD_SIZE.width } }).render().asPng();
  await mkdir(cacheDir, { recursive: true });
  // Written under a temporary name and renamed, so a build stopped midway leaves no half card.
  const temporary = `${cached}.${process.pid}.tmp`;
  await writeFile(temporary, png);
  await rename(temporary, cached);
  return png;
}
