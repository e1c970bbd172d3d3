/** What a citation of one of the site's own articles needs. */
export interface CitableArticle {
  /** Collection id, used to build the BibTeX key. */
  id: string;
  title: string;
  author: string;
  /** The site's name, as the container of the article. */
  siteTitle: string;
  date: Date;
  /** Absolute URL of the article. */
  url: string;
}

/**
 * A BibTeX `@online` entry for citing an article of this site, shown in the "引用本文" block.
 * The key is `<site-ish prefix><year>-<id>` with each run of characters BibTeX keys dislike (the
 * `/` of a nested id, Chinese) turned into one hyphen. When that drops letters (an id in Chinese),
 * a short hash of the id is appended, so `线性注意力` and `状态空间模型` do not both become
 * `mlnotes2026--`. Braces in titles are escaped so the entry always parses.
 */
export function articleBibtex(article: CitableArticle): string {
  const year = article.date.getUTCFullYear();
  const readable = `mlnotes${year}-${article.id}`.replace(/[^A-Za-z0-9_:-]+/g, '-').replace(/-+$/, '');
  const key = /[^A-Za-z0-9_:/-]/.test(article.id) ? `${readable}-${fnv1a(article.id)}` : readable;
  const escapeBraces = (value: string) => value.replace(/[{}\\]/g, (char) => `\\${char}`);
  return [
    `@online{${key},`,
    `  author  = {{${escapeBraces(article.author)}}},`,
    `  title   = {${escapeBraces(article.title)}},`,
    `  year    = {${year}},`,
    `  date    = {${article.date.toISOString().slice(0, 10)}},`,
    `  organization = {${escapeBraces(article.siteTitle)}},`,
    `  url     = {${article.url}},`,
    `  langid  = {chinese},`,
    '}',
  ].join('\n');
}

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits: short, stable between builds. */
function fnv1a(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
