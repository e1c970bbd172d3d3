import { customPinyin, pinyin } from 'pinyin-pro';
import type { GlossaryEntry } from '../glossary';

// Terms whose first character pinyin-pro reads the everyday way: 重计算 is chóng (again), not zhòng.
customPinyin({ 重计算: 'chóng jì suàn' });

/**
 * How a term sorts and which letter it is filed under: Chinese characters by their pinyin
 * (toneless), Latin letters and digits as they are, so 状态空间模型 sorts as "zhuang tai …" among
 * the Z terms and Adam among the A terms. The pinyin comes from pinyin-pro, which reads a
 * character in the context of its word.
 */
export function sortKey(term: string): string {
  return pinyin(term, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((syllable) => syllable.toLowerCase().trim())
    .filter((syllable) => syllable !== '')
    .join(' ');
}

/** The letter a term is filed under: A–Z, or `#` for one that starts with a digit or symbol. */
export function letterOf(term: string): string {
  const first = sortKey(term).charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
}

/** Entries sorted by their Chinese term's pinyin, then by English. */
export function sortEntries<T extends Pick<GlossaryEntry, 'zh' | 'en'>>(entries: readonly T[]): T[] {
  const collator = new Intl.Collator('en');
  return [...entries].sort((a, b) => collator.compare(sortKey(a.zh), sortKey(b.zh)) || collator.compare(a.en, b.en));
}

/** Entries grouped under their letters, letters in order (`#` first), each group sorted. */
export function byLetter<T extends Pick<GlossaryEntry, 'zh' | 'en'>>(entries: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const entry of sortEntries(entries)) {
    const letter = letterOf(entry.zh);
    groups.set(letter, [...(groups.get(letter) ?? []), entry]);
  }
  return [...groups].sort(([a], [b]) => (a === '#' ? -1 : b === '#' ? 1 : a.localeCompare(b)));
}
