/** What Pagefind returns for a matching page, as far as choosing its sections goes. */
export interface PagefindPage {
  url: string;
  /** One entry per heading section of the page that matched, in page order. */
  sub_results: { title: string; url: string; excerpt: string; locations: number[] }[];
}

/** Sections shown under a result: long articles match in many, and the reader wants the best few. */
export const MAX_SECTIONS = 3;

/**
 * The sections of a matching page to show under it: those with the most matches, best first (at
 * most {@link MAX_SECTIONS}), so a hit in a long article leads straight to the right heading.
 * Sections whose heading names more of the query's words come first: a reader who types a
 * section's name means that section. The reference list comes last: it matches paper titles,
 * and a reader wants the text that discusses them. The page's own top (before its first heading) is the result itself. Shared by the
 * search box and the search-quality benchmark, which must rank sections the same way.
 */
export function bestSections<T extends PagefindPage>(page: T, terms: readonly string[] = []): T['sub_results'] {
  const words = terms.map((term) => term.toLowerCase()).filter((term) => term !== '');
  const named = (section: PagefindPage['sub_results'][number]) =>
    words.filter((word) => section.title.toLowerCase().includes(word)).length;
  return page.sub_results
    .filter((section) => section.url !== page.url)
    .map((section, index) => ({
      section,
      index,
      named: named(section),
      matches: section.locations.length,
      references: section.url.endsWith('#references'),
    }))
    .sort(
      (a, b) =>
        Number(a.references) - Number(b.references) || b.named - a.named || b.matches - a.matches || a.index - b.index,
    )
    .slice(0, MAX_SECTIONS)
    .map(({ section }) => section);
}
