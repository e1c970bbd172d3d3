import { createRequire } from 'node:module';
import type { IconifyChars, IconifyJSON } from '@iconify-json/noto';

const require = createRequire(import.meta.url);

let noto: { icons: IconifyJSON; chars: IconifyChars } | undefined;

/**
 * An emoji as an SVG data URI, from Noto Emoji (`@iconify-json/noto`, Apache-2.0): the same
 * drawings as the Noto Color Emoji font most Android and Linux readers see, as vector art, which
 * satori can place and resvg can paint (neither draws colour-font glyphs). The 25 MB icon set is
 * read on the first card drawn, never bundled.
 *
 * @returns undefined for a string that is not an emoji of the set
 */
export function emojiSvg(emoji: string): string | undefined {
  noto ??= {
    icons: require('@iconify-json/noto/icons.json') as IconifyJSON,
    chars: require('@iconify-json/noto/chars.json') as IconifyChars,
  };
  const { icons, chars } = noto;
  const codes = [...emoji].map((char) => (char.codePointAt(0) ?? 0).toString(16));
  // The set keys sequences by their code points; a trailing VS16 (U+FE0F) is often left out.
  const name = chars[codes.join('-')] ?? chars[codes.filter((code) => code !== 'fe0f').join('-')];
  if (name === undefined) return undefined;
  const icon = icons.icons[name] ?? icons.icons[icons.aliases?.[name]?.parent ?? ''];
  if (!icon) return undefined;
  const width = icon.width ?? icons.width ?? 16;
  const height = icon.height ?? icons.height ?? 16;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${icon.left ?? 0} ${icon.top ?? 0} ${width} ${height}">${icon.body}</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
