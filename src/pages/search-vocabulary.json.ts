import type { APIRoute } from 'astro';
import { publishedArticles } from '../articles';
import { contentDir } from '../content-dir';
import { loadGlossary, termForms } from '../glossary';
import type { SearchVocabulary } from '../scripts/search-correction';

/**
 * The words search knows (see `src/scripts/search-correction.ts`): every Latin word of four letters
 * or more in the articles (prose, code and formulas, so `PixelUnshuffle` or "inverted" is never
 * "corrected"), and, for Chinese, the glossary's terms, titles and tags; and each glossary term's
 * forms, so a query naming a term in one language finds the section headed in the other. Fetched
 * with the search index, never before.
 */
export const GET: APIRoute = async () => {
  const articles = await publishedArticles();
  const synonyms = loadGlossary(contentDir).map((entry) => termForms(entry).map((form) => form.text));
  const phrases = [...synonyms.flat(), ...articles.flatMap((article) => [article.data.title, ...article.data.tags])];
  const words = new Set<string>();
  const terms = new Set<string>();
  for (const phrase of [...phrases, ...articles.map((article) => article.body ?? '')]) {
    for (const word of phrase.match(/[A-Za-z]{4,}/g) ?? []) words.add(word.toLowerCase());
  }
  for (const phrase of phrases) {
    for (const term of phrase.match(/[\u4e00-\u9fff]{4,}/g) ?? []) terms.add(term);
  }
  const vocabulary: SearchVocabulary = { words: [...words].sort(), terms: [...terms].sort(), synonyms };
  return new Response(JSON.stringify(vocabulary), { headers: { 'Content-Type': 'application/json' } });
};
