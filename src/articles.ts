import { type CollectionEntry, getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { renderedFiles, renderProblem } from './content-loader';
import { deferredKey, deferredRenderings } from './deferred-renderings';
import { contentError } from './plugins/build-error';
import type { OutLink } from './plugins/rehype-link-context';
import { sortByDate } from './utils/collection';
import type { LinksBySource } from './utils/graph';

/** An article entry of the content collection. */
export type Article = CollectionEntry<'articles'>;

/**
 * The articles readers can see, newest first. Drafts appear in `astro dev` (marked as drafts) and
 * are left out of production builds, so a half-written article never ships. Every page gets its
 * list from here, so "published" means the same thing everywhere.
 */
export async function publishedArticles(): Promise<Article[]> {
  const articles = await getCollection('articles', ({ data }) => import.meta.env.SHOW_DRAFTS || !data.draft);
  return sortByDate(articles);
}

/**
 * The links each article makes to others (with their sentences), by source id: the graph behind
 * "被引用", "相关文章" and the topic map. Reads what rehype-link-context recorded while rendering.
 */
export function articleLinks(articles: readonly Article[]): LinksBySource {
  return new Map(articles.map((article) => [article.id, outLinks(article)]));
}

/**
 * The links each rendering recorded, by its records file. A records file is named by its
 * rendering's digest and never changes, so each is read once per process: under `astro dev` an
 * edit makes the article pages read the new rendering's file, not every article's again (with
 * the section summaries, ~140 KB an article: 4 s to read them all at 1,000 articles).
 */
const outLinksByFile = new Map<string, OutLink[]>();

/**
 * The links an article makes to others, from {@link outLinksByFile} or its records file. Under
 * `astro dev`, an article still waiting for its rendering links nowhere yet (see
 * `src/deferred-renderings.ts`): the graph fills in when the background has rendered it.
 */
function outLinks(article: Article): OutLink[] {
  const stored = storedRendering(article);
  const key = deferredKey(stored);
  const finished = key === undefined ? stored : deferredRenderings()?.finished(article.id, key)?.stored;
  if (!finished) return [];
  const file = filesOf(article, finished).records;
  let links = outLinksByFile.get(file);
  if (!links) {
    links = (JSON.parse(readFileSync(file, 'utf8')).outLinks ?? []) as OutLink[];
    outLinksByFile.set(file, links);
  }
  return links;
}

/**
 * What the pipeline recorded while rendering an article (rehype-toc's `toc`, rehype-link-context's
 * `outLinks`, rehype-section-summaries' `sections`), as Astro's `remarkPluginFrontmatter` would
 * give it, read from the file the content loader wrote (`src/content-loader.ts`). Under
 * `astro dev` an article that failed to render carries its content error instead, thrown here so
 * the browser's error overlay names the file and line instead of showing an empty page; one whose
 * rendering the server's first sync deferred is rendered now, if the background has not yet.
 */
export async function articleRecords(article: Article): Promise<Record<string, unknown>> {
  return JSON.parse(readFileSync((await renderingOf(article)).records, 'utf8')) as Record<string, unknown>;
}

/**
 * An article's rendered HTML, read from the file the content loader wrote, so it is held in
 * memory only while its page (or feed item) is written. Throws like {@link articleRecords}.
 */
export async function articleHtml(article: Article): Promise<string> {
  return readFileSync((await renderingOf(article)).html, 'utf8');
}

/** What the store keeps of an article's rendering (`rendered.metadata.frontmatter`). */
function storedRendering(article: Article): Record<string, unknown> {
  return (article.rendered?.metadata?.frontmatter ?? {}) as Record<string, unknown>;
}

/** The files of an article's rendering, rendered now if it was deferred; a content error is thrown. */
async function renderingOf(article: Article): Promise<{ html: string; records: string }> {
  const stored = storedRendering(article);
  const key = deferredKey(stored);
  if (key === undefined) return filesOf(article, stored);
  const renderings = deferredRenderings();
  if (!renderings)
    throw new Error(`${article.filePath ?? article.id}: its rendering was deferred, but no server is rendering it`);
  return filesOf(article, (await renderings.rendering(article.id, key)).stored);
}

/** The files a stored rendering names, or its content error under `astro dev`, thrown. */
function filesOf(
  article: Article,
  stored: { htmlFile?: unknown; renderProblem?: unknown },
): { html: string; records: string } {
  const problem = renderProblem(stored);
  if (problem) throw contentError(problem.message, problem.loc);
  const files = renderedFiles(stored);
  if (!files) throw new Error(`${article.filePath ?? article.id}: the content store names no rendering for it`);
  return files;
}
