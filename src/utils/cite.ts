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
 * `/` of a nested id, Chinese) turned into one hyphen; braces in titles are escaped so the entry
 * always parses.
 */
export function articleBibtex(article: CitableArticle): string {
  const year = article.date.getUTCFullYear();
  const key = `mlnotes${year}-${article.id}`.replace(/[^A-Za-z0-9_:-]+/g, '-');
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
