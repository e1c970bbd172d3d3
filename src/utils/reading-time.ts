/** Characters of Chinese a reader gets through per minute of technical prose. */
export const CJK_PER_MINUTE = 300;
/** Words of English (and other Latin-script text) per minute. */
export const WORDS_PER_MINUTE = 200;
/** Extra minutes charged per display formula: derivations are read, not skimmed. */
export const MINUTES_PER_DISPLAY_FORMULA = 0.25;

/**
 * Estimated minutes to read an article from its Markdown source, at least 1. Chinese is counted
 * by characters and English by words, since a word count alone calls a 5,000-character Chinese
 * article a one-minute read. Code blocks count as words; each display formula adds a little.
 */
export function readingMinutes(markdown: string): number {
  const displayFormulas = markdown.match(/^\s*\$\$/gm)?.length ?? 0;
  const text = markdown
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' x ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']');
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const words =
    text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, ' ').match(/[\p{L}\p{N}_]+/gu)?.length ??
    0;
  const minutes = cjk / CJK_PER_MINUTE + words / WORDS_PER_MINUTE + (displayFormulas / 2) * MINUTES_PER_DISPLAY_FORMULA;
  return Math.max(1, Math.round(minutes));
}
