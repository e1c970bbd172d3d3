import { createHash } from 'node:crypto';
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import { articleFiles } from './content-checks';
import {
  type DeferredMarker,
  DeferredRenderings,
  deferredKey,
  type Rendering,
  type StoredRendering,
  shareDeferredRenderings,
} from './deferred-renderings';
import { isContentError } from './plugins/build-error';
import { articleId } from './plugins/remark-article-links';
import { recordedDependencies } from './plugins/render-dependencies';
import { DependencyHashes, type DigestContext, pipelineVersion, renderDigest } from './render-digest';

/** A content error found while rendering an article under `astro dev`, kept for its page to throw. */
export type RenderProblem = NonNullable<StoredRendering['renderProblem']>;

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
  /**
   * Under `astro dev`: the renderings left for later. The sync stores those that have finished
   * and are still right, and leaves to them every article it would render but whose own file
   * the author has not edited since its last rendering (a change to `references.bib`, a figure
   * module or the pipeline), or with `deferAll` (the server's first sync) every article: the
   * server answers at once, and a page renders its own article when asked.
   */
  deferred?: DeferredRenderings | undefined;
  deferAll?: boolean;
};

/**
 * The files of an article's rendering that {@link syncArticles} wrote, named in what the store
 * keeps of it: the HTML, and the JSON of what the pipeline recorded (`remarkPluginFrontmatter`).
 */
export function renderedFiles(frontmatter: { htmlFile?: unknown }): { html: string; records: string } | undefined {
  const { htmlFile } = frontmatter;
  return typeof htmlFile === 'string' ? { html: htmlFile, records: htmlFile.replace(/\.html$/, '.json') } : undefined;
}

/** Which articles one sync rendered, took from the store, and left to render later (`deferred`). */
export interface SyncResult {
  rendered: string[];
  reused: string[];
  deferred: string[];
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
  const { store, parseData, keepErrors, htmlDir, deferred, deferAll } = context;
  mkdirSync(htmlDir, { recursive: true });
  const kept = new Set<string>();
  const pipeline = pipelineVersion(site);
  const hashes = new DependencyHashes(site);
  const result: SyncResult = { rendered: [], reused: [], deferred: [] };
  const untouched = new Set(store.keys());
  /** Whether `rendering`'s files are there and its digest holds for the article's source now. */
  const current = async ({ digest, stored }: Rendering, path: string, contents: string) => {
    const files = renderedFiles(stored);
    if (!files || !existsSync(files.html) || !existsSync(files.records)) return false;
    if (digest !== renderDigest(path, contents, pipeline, await hashes.of(stored.dependencies))) return false;
    kept.add(files.html).add(files.records);
    return true;
  };

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
    const filePath = relative(process.cwd(), path);
    untouched.delete(id);
    const existing = store.get(id);
    const previous = (existing?.rendered?.metadata?.frontmatter ?? {}) as Record<string, unknown>;
    const waitingFor = deferredKey(previous);
    const source = sourceKey(path, contents);
    if (existing && waitingFor === undefined) {
      const stored = { digest: String(existing.digest), stored: previous as unknown as StoredRendering };
      if (await current(stored, path, contents)) {
        result.reused.push(id);
        continue;
      }
    }
    if (waitingFor === source && deferred?.has(id, source)) {
      result.deferred.push(id);
      continue;
    }
    const { frontmatter, content: body } = parseFrontmatter(contents, { frontmatter: 'empty-with-spaces' });
    const data = await parseData({ id, data: frontmatter, filePath: path });
    // Under `astro dev`, a rendering of this very file made in the background (by this server, or
    // by one stopped before it stored it) is stored if it is still right. One that failed with a
    // content error is stored as it is, for the page to show; the next sync renders it again.
    const finished = deferred?.finished(id, source);
    const saved = finished ?? (deferred && savedRendering(htmlDir, source));
    if (saved && (saved.stored.renderProblem || (await current(saved, path, contents)))) {
      store.set(storedEntry(id, data, body.trim(), filePath, saved));
      deferred?.forget(id);
      result.reused.push(id);
      continue;
    }
    // The author's edit is rendered now, so the reload shows it; what changed beneath an
    // article (a bibliography entry, a figure module, the pipeline) can wait for the background.
    // An article whose last rendering failed (a broken link to another article, say) is rendered
    // now too, at each sync until it is fixed: left to the background, it would be deferred again
    // after every run, and the queue would never empty.
    const edited =
      existing === undefined || (previous.source ?? waitingFor) !== source || renderProblem(previous) !== undefined;
    if (deferred && (deferAll || !edited)) {
      deferred.defer(id, source, () => renderArticle(context, path, contents, source, pipeline, hashes));
      const marker: DeferredMarker = { deferredRendering: source };
      store.set({
        id,
        data,
        body: body.trim(),
        filePath,
        digest: `deferred-${source}`,
        rendered: { html: '', metadata: { frontmatter: { ...marker } } },
      });
      result.deferred.push(id);
      continue;
    }
    deferred?.forget(id);
    const rendering = await renderArticle(context, path, contents, source, pipeline, hashes);
    const files = renderedFiles(rendering.stored);
    if (files) kept.add(files.html).add(files.records);
    store.set(storedEntry(id, data, body.trim(), filePath, rendering));
    result.rendered.push(id);
  }
  for (const id of untouched) {
    store.delete(id);
    deferred?.forget(id);
  }
  if (keepErrors) return result;
  for (const name of readdirSync(htmlDir)) {
    if (!kept.has(join(htmlDir, name))) rmSync(join(htmlDir, name), { force: true });
  }
  return result;
}

/**
 * Where a rendering made under `astro dev` is named by the key of its article's file
 * ({@link sourceKey}), so a sync finds it without the store: the background renders into files
 * the store learns of only at the next sync, and a server stopped before then would lose them.
 */
function savedRenderingFile(htmlDir: string, source: string): string {
  return join(htmlDir, `${source}.source.json`);
}

/** The rendering {@link savedRenderingFile} names, if there is one. */
function savedRendering(htmlDir: string, source: string): Rendering | undefined {
  const file = savedRenderingFile(htmlDir, source);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Rendering) : undefined;
}

/** What identifies an article's own file, to tell an edit from a change beneath it: its path and text. */
function sourceKey(path: string, contents: string): string {
  return createHash('sha256').update(`${path}\0${contents}`).digest('hex').slice(0, 32);
}

/**
 * Renders one article (its file's {@link sourceKey} is `source`) through the site's pipeline and
 * writes its files: the HTML and the JSON of what the pipeline recorded, named by the rendering's digest. Under `astro dev` (`keepErrors`) a
 * content error becomes the rendering's `renderProblem` instead of failing.
 */
async function renderArticle(
  context: SyncContext,
  path: string,
  contents: string,
  source: string,
  pipeline: string,
  hashes: DependencyHashes,
): Promise<Rendering> {
  let rendered: Awaited<ReturnType<SyncContext['renderMarkdown']>>;
  let problem: RenderProblem | undefined;
  try {
    rendered = await context.renderMarkdown(contents, { fileURL: pathToFileURL(path) });
  } catch (error) {
    if (!context.keepErrors || !isContentError(error)) throw error;
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
  const htmlFile = join(context.htmlDir, `${digest}.html`);
  const stored: StoredRendering = { htmlFile, dependencies, source, ...(problem ? { renderProblem: problem } : {}) };
  const files = renderedFiles(stored);
  if (files) {
    writeFileSync(files.html, rendered.html);
    writeFileSync(files.records, JSON.stringify(records));
  }
  const rendering = { digest, stored };
  if (context.deferred && !problem)
    writeFileSync(savedRenderingFile(context.htmlDir, source), JSON.stringify(rendering));
  return rendering;
}

/**
 * The store's entry for a rendered article. It keeps the data, the body and where the rendering
 * is. Astro's build carries the store in memory (and bundles it), so neither the HTML (~70 times
 * the source with KaTeX) nor the recorded sections and link sentences, with their typeset math,
 * are in it.
 */
function storedEntry(id: string, data: Record<string, unknown>, body: string, filePath: string, rendering: Rendering) {
  const { digest, stored } = rendering;
  return { id, data, body, filePath, digest, rendered: { html: '', metadata: { frontmatter: { ...stored } } } };
}

/** The content error a rendering under `astro dev` kept (see {@link syncArticles}), if any. */
export function renderProblem(frontmatter: { renderProblem?: unknown }): RenderProblem | undefined {
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
 * change in the content folder syncs again, re-rendering what the change affects. The server's
 * first sync renders nothing: it leaves every article to render in the background, and later
 * syncs leave to it what changed beneath an article (`deferred` in {@link SyncContext}).
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
      // Under `astro dev` the first sync leaves what it would render to the background (and to
      // the pages asked for), so the server answers within seconds of reading the frontmatter.
      const deferred = watcher ? new DeferredRenderings() : undefined;
      if (deferred) shareDeferredRenderings(deferred);
      let syncedFolder = '';
      let syncs = 0;
      const sync = async () => {
        if (watcher) syncedFolder = folderState(site.contentDir);
        const started = performance.now();
        const context = { store, parseData, renderMarkdown, logger, keepErrors: watcher !== undefined, htmlDir };
        const {
          rendered,
          reused,
          deferred: left,
        } = deferred
          ? await deferred.first(() => syncArticles({ ...context, deferred, deferAll: syncs++ === 0 }, site))
          : await syncArticles(context, site);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const later =
          left.length > 0
            ? `, ${left.length} left to render in the background (until then, backlinks, related articles and the topic map count only the articles rendered)`
            : '';
        logger.info(`${rendered.length} rendered, ${reused.length} reused${later} in ${seconds} s`);
        if (left.length > 0) void drain(performance.now());
      };
      // A file event is not always a change: with the content folder inside the project, an edit
      // is reported twice, the second time while the sync it started runs (seen on Linux, with
      // Vite's watcher). A sync that would find the folder as the last one found it is skipped:
      // a second of stat calls at most, against a check of every article (7-17 s at 1,000). The
      // sync after the background renderings have finished runs all the same, to store them.
      let storeFinished = false;
      const resync = coalesced(async () => {
        if (!storeFinished && folderState(site.contentDir) === syncedFolder) return;
        storeFinished = false;
        await sync().catch((error: unknown) => logger.error(String(error)));
      });
      const drain = (started: number) =>
        deferred?.drain(
          async () => {
            const seconds = ((performance.now() - started) / 1000).toFixed(1);
            logger.info(`rendered in the background in ${seconds} s; storing them`);
            storeFinished = true;
            await resync();
          },
          (id, error) => logger.error(`${id}: ${String(error)}`),
        );
      await sync();
      if (!watcher) return;
      watcher.add(site.contentDir);
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
