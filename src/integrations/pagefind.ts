import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { searchRecords } from '../search-records.ts';
import { rechunkSearchIndex } from './pagefind-chunks.ts';
import { mergeSearchBundles } from './pagefind-merge.ts';

/**
 * Elements whose text must not reach the search index. KaTeX's rendered HTML and its MathML/TeX
 * annotation would otherwise make "frac" or "mathrm" match every article.
 */
const searchExcludeSelectors = ['.katex', '.katex-display', '[data-pagefind-ignore]'];

/**
 * Builds the Pagefind index into `<outDir>/pagefind/` at the end of `astro build`, with the Node
 * API instead of a second CLI step, so `npm run build` alone yields a searchable site and an
 * indexing error fails the build. Each section of a page is its own record (`searchRecords`), so a
 * result fetches one section's text, not the whole article's. In `astro dev` it serves the index
 * of the last build, if any, so search can be tried while writing.
 */
export function pagefindIntegration(): AstroIntegration {
  let outDir = '';
  let base = '/';
  return {
    name: 'pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        const prefix = `${base}pagefind/`;
        server.middlewares.use((req, res, next) => {
          const path = decodeURI((req.url ?? '').split('?')[0] ?? '');
          if (!path.startsWith(prefix)) return next();
          const file = normalize(join(outDir, 'pagefind', path.slice(prefix.length)));
          if (!file.startsWith(join(outDir, 'pagefind')) || !existsSync(file)) return next();
          res.setHeader('Content-Type', contentTypes[extname(file)] ?? 'application/octet-stream');
          res.end(readFileSync(file));
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { pages, records, batches, chunks } = await writeSearchIndex(fileURLToPath(dir));
        logger.info(
          `indexed ${pages} pages as ${records} records${batches > 1 ? ` in ${batches} batches, merged` : ''}, ${chunks.after} index chunks${batches > 1 ? '' : ` (Pagefind's ${chunks.before})`}, in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}

/**
 * Record HTML handed to one Pagefind process before it writes its part of the index. Pagefind holds
 * all it indexed until it writes and then needs several times that. Indexing 300 copies of this
 * site's articles (61 MB of records), Node and Pagefind together peaked at 2,375 MB in one go, and
 * in batches of 6, 8 and 12 MB at 463, 525 and 674 MB, a little slower for smaller batches; a batch
 * does not grow with the site (README, "Benchmarks"). This site's own records (2.4 MB) are one batch.
 */
export const SEARCH_BATCH_BYTES = 8_000_000;

/**
 * Indexes a built site into `<site>/pagefind/`, one record per section of each page that has a
 * `data-pagefind-body` (`searchRecords`), its word index cut into smaller chunks than Pagefind's
 * (`rechunkSearchIndex`). Pages are indexed in batches of about `batchBytes` of records, each by
 * a fresh Pagefind process, and the batches merged (`mergeSearchBundles`), so that Pagefind's
 * memory does not grow with the site. The bundle replaces any earlier one only once it is whole.
 * Shared by the build and the search benchmark at scale.
 */
export async function writeSearchIndex(
  site: string,
  batchBytes = SEARCH_BATCH_BYTES,
): Promise<{ pages: number; records: number; batches: number; chunks: { before: number; after: number } }> {
  const work = join(site, '.pagefind-batches');
  rmSync(work, { recursive: true, force: true });
  const batchDirs: string[] = [];
  try {
    let index = await newIndex();
    let batched = 0;
    let pages = 0;
    let records = 0;
    const writeBatch = async () => {
      const outputPath = join(work, String(batchDirs.length));
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length > 0) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
      batchDirs.push(outputPath);
      // A new process for the next batch: Pagefind keeps what it indexed until it exits.
      await pagefind.close();
      batched = 0;
    };
    for (const file of htmlFiles(site)) {
      const path = relative(site, file).split(sep).join('/');
      // Site-relative, as Pagefind's own crawl gives them: the browser side adds the base path.
      const url = `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
      const found = searchRecords(readFileSync(file, 'utf8'), url);
      if (found.length === 0) continue;
      if (batched >= batchBytes) {
        await writeBatch();
        index = await newIndex();
      }
      pages++;
      // A page's records go to Pagefind together: one at a time, the round trips dominate.
      const added = await Promise.all(
        found.map((record) => index.addHTMLFile({ url: record.url, content: record.html })),
      );
      const errors = added.flatMap((result) => result.errors);
      if (errors.length > 0) throw new Error(`Pagefind could not index ${path}: ${errors.join('; ')}`);
      records += found.length;
      batched += found.reduce((sum, record) => sum + record.html.length, 0);
    }
    if (pages === 0) throw new Error('Pagefind indexed no page: is data-pagefind-body missing?');
    await writeBatch();

    let whole = batchDirs[0] ?? '';
    if (batchDirs.length > 1) {
      whole = join(work, 'merged');
      mergeSearchBundles(batchDirs, whole);
    }
    const chunks = rechunkSearchIndex(whole);
    const bundle = join(site, 'pagefind');
    rmSync(bundle, { recursive: true, force: true });
    renameSync(whole, bundle);
    return { pages, records, batches: batchDirs.length, chunks };
  } finally {
    await pagefind.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** A new Pagefind index with the site's settings. */
async function newIndex(): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: searchExcludeSelectors });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/** Every HTML file under a directory, in a stable order (the index must not depend on the file system's). */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
