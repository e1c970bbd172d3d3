import { relative } from 'node:path';
import { articleRecords, publishedArticles } from './articles';
import { contentDir } from './content-dir';
import { GLOSSARY_FILE, type GlossaryEntry } from './glossary';
import { contentError } from './plugins/build-error';
import type { TocEntry } from './plugins/rehype-toc';
import type { TermPreview } from './utils/previews';
import { articleUrl } from './utils/url';

/**
 * Where each glossary term is explained: the article's title, the section's heading (HTML, math
 * typeset) and the URL, by entry id. Fails the build, naming the glossary's line, when the
 * article is not published or has no such section, listing the sections it has.
 */
export async function glossarySources(entries: readonly GlossaryEntry[]): Promise<Map<string, TermPreview['source']>> {
  const articles = new Map((await publishedArticles()).map((article) => [article.id, article]));
  const where = relative(process.cwd(), `${contentDir}/${GLOSSARY_FILE}`);
  const sources = new Map<string, TermPreview['source']>();
  for (const entry of entries) {
    const article = articles.get(entry.article);
    if (!article)
      throw contentError(`${where}:${entry.line} "${entry.id}" 指向的文章 "${entry.article}" 没有发布（是草稿？）。`);
    const url = articleUrl(article.id);
    if (entry.section === undefined) {
      sources.set(entry.id, { title: article.data.title, url });
      continue;
    }
    const toc = ((await articleRecords(article)).toc ?? []) as TocEntry[];
    const section = toc.find((heading) => heading.slug === entry.section);
    if (!section)
      throw contentError(
        `${where}:${entry.line} "${entry.id}" 指向 ${entry.article} 中不存在的小节 "${entry.section}"。这篇文章的小节 id 有：${toc.map((h) => h.slug).join('、')}。`,
      );
    sources.set(entry.id, { title: article.data.title, section: section.html, url: `${url}#${entry.section}` });
  }
  return sources;
}
