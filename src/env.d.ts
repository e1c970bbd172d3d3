interface ImportMetaEnv {
  /** True under `astro dev` only; see `src/integrations/drafts.ts`. */
  readonly SHOW_DRAFTS: boolean;
  /** Where drawn social cards are kept between builds; see `src/integrations/social-cards.ts`. */
  readonly SOCIAL_CARD_CACHE: string;
}

/** `subset-font` ships no types; this is the part `src/social-card/fonts.ts` calls. */
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' },
  ): Promise<Buffer>;
}
