import { editDistance } from '../utils/edit-distance.ts';

/**
 * Spelling correction for search. Pagefind matches words and their prefixes exactly, so a reader
 * who types "linear atention", "normalising flow" or 状态控件模型 finds nothing or the wrong
 * article. Before searching, each word the site does not know is replaced by the nearest word it
 * does know (within one edit, two for words of eight letters or six characters), from a vocabulary built with the site: the
 * glossary's terms in both languages, article titles and tags (`/search-vocabulary.json`). Words
 * with digits or punctuation (`retain_graph`, `F.interpolate`, `\nabla`) are left alone.
 */

/**
 * The vocabulary file's content: known Latin words (lower case), known Chinese terms, and the
 * glossary's terms, each as the forms that name it (中文, English, abbreviation, aliases).
 */
export interface SearchVocabulary {
  words: string[];
  terms: string[];
  synonyms: string[][];
}

/** The query with unknown words replaced by their nearest known ones, or undefined if none changed. */
export function correctQuery(query: string, vocabulary: SearchVocabulary): string | undefined {
  const words = new Set(vocabulary.words);
  let changed = false;
  const corrected = query
    .trim()
    .split(/\s+/)
    .map((token) =>
      // Hyphenated words (Robins-Monro) are corrected part by part.
      token
        .split('-')
        .map((part) => {
          const replacement = /^[A-Za-z]+$/.test(part)
            ? nearest(part.toLowerCase(), words, part.length >= 8 ? 2 : 1, 4)
            : /^[\u4e00-\u9fff]+$/.test(part)
              ? nearestTerm(part, vocabulary.terms)
              : undefined;
          if (replacement === undefined) return part;
          changed = true;
          return replacement;
        })
        .join('-'),
    )
    .join(' ');
  return changed ? corrected : undefined;
}

/**
 * The known Chinese term closest to a query word, unless the word is part of a known term (特征映射
 * in 核特征映射 is a real word, not a typo): Chinese is not split into words, so the terms stand in
 * for a dictionary.
 */
function nearestTerm(token: string, terms: readonly string[]): string | undefined {
  if (terms.some((term) => term.includes(token))) return undefined;
  return nearest(token, new Set(terms), token.length >= 6 ? 2 : 1, 4);
}

/** The known word closest to an unknown one, if close enough; undefined for a known or short word. */
function nearest(token: string, known: Set<string>, maxEdits: number, minLength: number): string | undefined {
  if (token.length < minLength || known.has(token)) return undefined;
  let best: string | undefined;
  let bestDistance = maxEdits + 1;
  for (const word of known) {
    if (Math.abs(word.length - token.length) > maxEdits) continue;
    const distance = editDistance(token, word, bestDistance);
    if (distance < bestDistance) {
      best = word;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Results for a corrected query first, then those only the reader's own words found, each page
 * once: the reader sees what they meant, and nothing their spelling did match is lost.
 */
export function mergeResults<T extends { id: string }>(corrected: readonly T[], original: readonly T[]): T[] {
  const seen = new Set(corrected.map((result) => result.id));
  return [...corrected, ...original.filter((result) => !seen.has(result.id))];
}

/**
 * The words of a query as the index has them: Chinese is split into words the way Pagefind splits
 * it in the browser (`Intl.Segmenter`), so 为什么要偏差修正 is 为什么 / 要 / 偏差 / 修正.
 */
export function queryWords(query: string): string[] {
  const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
  return query
    .trim()
    .split(/\s+/)
    .flatMap((token) =>
      /[\u4e00-\u9fff]/.test(token)
        ? [...segmenter.segment(token)].filter((part) => part.isWordLike).map((part) => part.segment)
        : [token],
    )
    .filter((word) => word !== '');
}

/**
 * Results for a query of several words that found nothing as a whole (Pagefind wants every word
 * in one record, and a record is one section): each word's results, records found by more of the
 * words first, then by their best place. A reader who adds a word the section does not use (区别,
 * 怎么用, 为什么要) still gets the section.
 */
export function mergeByAgreement<T extends { id: string }>(perWord: readonly (readonly T[])[]): T[] {
  const pages = new Map<string, { result: T; votes: number; best: number }>();
  for (const results of perWord)
    for (const [place, result] of results.entries()) {
      const seen = pages.get(result.id);
      if (seen) {
        seen.votes++;
        seen.best = Math.min(seen.best, place);
      } else pages.set(result.id, { result, votes: 1, best: place });
    }
  return [...pages.values()].sort((a, b) => b.votes - a.votes || a.best - b.best).map((page) => page.result);
}
