import { createHash } from 'node:crypto';
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import { articleFiles } from './content-checks';
import { isContentError } from './plugins/build-error';
import { articleId } from './plugins/remark-article-links';
import { recordedDependencies } from './plugins/render-dependencies';
import { DependencyHashes, type DigestContext, pipelineVersion, renderDigest } from './render-digest';

/** A content error found while rendering an article under `astro dev`, kept for its page to throw. */
export interface RenderProblem {
  message: string;
  loc?: { file: string; line: number; column: number };
}

/** What {@link syncArticles} needs of Astro's loader context; the unit tests give a small fake. */
export type SyncContext = Pick<LoaderContext, 'store' | 'parseData' | 'renderMarkdown' | 'logger'> & {
  /**
   * Under `astro dev`: a content error is kept for the article's page instead of failing, and
   * files of earlier renderings are not deleted, since a page may still be reading the store as
   * it was before this sync (the next build deletes them).
   */
  keepErrors: boolean;
  /** The folder of rendered HTML, one file per digest (in Astro's cache folder, beside the store). */
  htmlDir: string;
};

/**
 * The files of an article's rendering that {@link syncArticles} wrote, named in what the store
 * keeps of it: the HTML, and the JSON of what the pipeline recorded (`remarkPluginFrontmatter`).
 */
export function renderedFiles(frontmatter: Record<string, unknown>): { html: string; records: string } | undefined {
  const { htmlFile } = frontmatter;
  return typeof htmlFile === 'string' ? { html: htmlFile, records: htmlFile.replace(/\.html$/, '.json') } : undefined;
}

/** Which articles one sync rendered and which it took from the previous build's store. */
export interface SyncResult {
  rendered: string[];
  reused: string[];
}

/**
 * Brings the store up to date with the content folder: every article is parsed, and rendered
 * through the site's Markdown pipeline unless the store already holds a rendering whose digest is
 * still right. The digest covers the file, the pipeline's code and packages (`pipelineVersion`),
 * and what the rendering recorded it read (`src/plugins/render-dependencies.ts`): the
 * bibliography entries it cites, the figure modules it draws, the titles and anchors of the
 * articles it links to, the files it includes. So editing one bibliography entry re-renders the
 * articles that cite it and no other, and an article whose link target lost its heading is
 * rendered again, and fails with the broken link. Articles whose file is gone leave the store.
 */
export async function syncArticles(context: SyncContext, site: DigestContext): Promise<SyncResult> {
  const { store, parseData, renderMarkdown, keepErrors, htmlDir } = context;
  mkdirSync(htmlDir, { recursive: true });
  const kept = new Set<string>();
  const pipeline = pipelineVersion(site);
  const hashes = new DependencyHashes(site);
  const result: SyncResult = { rendered: [], reused: [] };
  const untouched = new Set(store.keys());

  for (const path of articleFiles(site.contentDir)) {
    // Reading, hashing and rendering are synchronous work chained by promises that settle at
    // once, so without this the event loop would not turn (no timer, no I/O) until every article
    // is done. Under `astro dev` the server builds its app while the first sync runs, and Vite
    // gives each module it fetches for it 60 s: a sync longer than that (300 articles, cold) left
    // the server with no app, answering no request, idle (withastro/astro#15101 reports the
    // same timeout). One turn per article costs microseconds.
    await eventLoopTurn();
    const contents = readFileSync(path, 'utf8');
    const id = articleId(site.contentDir, path);
    untouched.delete(id);
    const existing = store.get(id);
    const previous = existing?.rendered?.metadata?.frontmatter;
    const files = previous && renderedFiles(previous);
    if (files && existsSync(files.html) && existsSync(files.records)) {
      const dependencies = recordedDependencies(previous);
      if (existing?.digest === renderDigest(path, contents, pipeline, await hashes.of(dependencies))) {
        kept.add(files.html).add(files.records);
        result.reused.push(id);
        continue;
      }
    }
    const { frontmatter, content: body } = parseFrontmatter(contents, { frontmatter: 'empty-with-spaces' });
    const filePath = relative(process.cwd(), path);
    const data = await parseData({ id, data: frontmatter, filePath: path });
    let rendered: Awaited<ReturnType<typeof renderMarkdown>>;
    let problem: RenderProblem | undefined;
    try {
      rendered = await renderMarkdown(contents, { fileURL: pathToFileURL(path) });
    } catch (error) {
      if (!keepErrors || !isContentError(error)) throw error;
      const { loc } = error as { loc?: RenderProblem['loc'] };
      problem = loc ? { message: error.message, loc } : { message: error.message };
      rendered = { html: '', metadata: { frontmatter: { renderProblem: problem } } };
    }
    const records = rendered.metadata?.frontmatter ?? {};
    const dependencies = recordedDependencies(records);
    // A rendering that failed is never reused: its digest matches nothing.
    const digest = problem
      ? `failed-${Date.now()}`
      : renderDigest(path, contents, pipeline, await hashes.of(dependencies));
    const htmlFile = join(htmlDir, `${digest}.html`);
    const stored = { htmlFile, dependencies, ...(problem ? { renderProblem: problem } : {}) };
    const written = renderedFiles(stored);
    if (written) {
      writeFileSync(written.html, rendered.html);
      writeFileSync(written.records, JSON.stringify(records));
      kept.add(written.html).add(written.records);
    }
    // The store keeps the data, the body and where the rendering is. Astro's build carries the
    // store in memory (and bundles it), so neither the HTML (~70 times the source with KaTeX) nor
    // the recorded sections and link sentences, with their typeset math, are in it.
    store.set({
      id,
      data,
      body: body.trim(),
      filePath,
      digest,
      rendered: { html: '', metadata: { frontmatter: stored } },
    });
    result.rendered.push(id);
  }
  for (const id of untouched) store.delete(id);
  if (keepErrors) return result;
  for (const name of readdirSync(htmlDir)) {
    if (!kept.has(join(htmlDir, name))) rmSync(join(htmlDir, name), { force: true });
  }
  return result;
}

/** The content error a rendering under `astro dev` kept (see {@link syncArticles}), if any. */
export function renderProblem(frontmatter: Record<string, unknown>): RenderProblem | undefined {
  return frontmatter.renderProblem as RenderProblem | undefined;
}

/**
 * The articles' loader: finds the files as `glob()` would (`ARTICLE_PATTERN`, ids from the file
 * names) and renders each when its collection syncs. The HTML and what the pipeline recorded
 * (table of contents, links, section summaries) go to files named by the digest in Astro's cache
 * folder (`rendered-articles/`); the content store (saved beside it between builds) keeps the
 * data, the body, the dependencies and the file names. Renderings are reused by digest (see
 * {@link syncArticles}).
 *
 * Neither of `glob()`'s two modes fitted: with `deferRender` every article is a module Vite
 * bundles, which is slow and reuses nothing between builds; without it, the store held every
 * article's HTML (~70 times its source with KaTeX), a change to `references.bib` or a figure
 * module left stale renderings in place (only the article's own file was in the digest), and a
 * broken formula only logged an error.
 *
 * A content error fails the build. Under `astro dev` it is kept with the article instead and its
 * page throws it (`articleRecords` in `src/articles.ts`), so it shows in the error overlay; any
 * change in the content folder syncs again, re-rendering what the change affects.
 */
export function articleLoader(options: Omit<DigestContext, 'rootDir'>): Loader {
  const site: DigestContext = { ...options, rootDir: process.cwd() };
  return {
    name: 'articles',
    load: async ({ store, parseData, renderMarkdown, logger, watcher, config }) => {
      // One folder per content folder and base path: builds of other sites (the tests build
      // several) neither reuse nor prune each other's files, even when they run at once.
      const folder = createHash('sha256').update(`${options.contentDir}\0${options.base}`).digest('hex').slice(0, 12);
      const htmlDir = join(fileURLToPath(config.cacheDir), 'rendered-articles', folder);
      let syncedFolder = '';
      const sync = async () => {
        if (watcher) syncedFolder = folderState(site.contentDir);
        const started = performance.now();
        const { rendered, reused } = await syncArticles(
          { store, parseData, renderMarkdown, logger, keepErrors: watcher !== undefined, htmlDir },
          site,
        );
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(`${rendered.length} rendered, ${reused.length} reused in ${seconds} s`);
      };
      await sync();
      if (!watcher) return;
      watcher.add(site.contentDir);
      // A file event is not always a change: with the content folder inside the project, an edit
      // is reported twice, the second time while the sync it started runs (seen on Linux, with
      // Vite's watcher). A sync that would find the folder as the last one found it is skipped:
      // a second of stat calls at most, against a check of every article (7-17 s at 1,000).
      const resync = coalesced(async () => {
        if (folderState(site.contentDir) === syncedFolder) return;
        await sync().catch((error: unknown) => logger.error(String(error)));
      });
      const onChange = (path: string) => {
        if (path.startsWith(site.contentDir)) void resync();
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', onChange);
    },
  };
}

/**
 * Runs `task` one call at a time, and lets every call made while a run waits to start join that
 * run. For work that brings everything up to date, such as a sync of the whole content folder:
 * the 300 file events of a `git checkout` need one more sync after the running one, not 300 of
 * them in a row (each checks every article). A call made while a run is under way gets a run that
 * starts after it, so no change is missed. The promise settles when that run has.
 */
function coalesced(task: () => Promise<void>): () => Promise<void> {
  let tail = Promise.resolve();
  let waiting: Promise<void> | undefined;
  return () => {
    if (waiting) return waiting;
    const run = tail.then(() => {
      waiting = undefined;
      return task();
    });
    waiting = run;
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * A fingerprint of every file in `folder` (articles, the bibliography, the glossary, included
 * files): paths, sizes and modification times. Equal fingerprints mean nothing a sync reads from
 * the folder has changed.
 */
function folderState(folder: string): string {
  const hash = createHash('sha256');
  for (const file of globSync('**/*', { cwd: folder }).sort()) {
    const stats = statSync(join(folder, file), { throwIfNoEntry: false });
    if (stats?.isFile()) hash.update(`${file}\0${stats.size}\0${stats.mtimeMs}\0${stats.ctimeMs}\n`);
  }
  return hash.digest('hex');
}
