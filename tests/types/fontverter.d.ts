/** The part of fontverter (subset-font's format converter) the font tests use. */
declare module 'fontverter' {
  /** Converts a font between SFNT (TrueType/OpenType), WOFF and WOFF2. */
  export function convert(font: Uint8Array, toFormat: 'sfnt' | 'woff' | 'woff2'): Promise<Uint8Array>;
}
