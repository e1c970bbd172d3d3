import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { searchRecords } from '../search-records.ts';
import { rechunkSearchIndex } from './pagefind-chunks.ts';

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
        const { pages, records, chunks } = await writeSearchIndex(fileURLToPath(dir));
        logger.info(
          `indexed ${pages} pages as ${records} records, ${chunks.after} index chunks (Pagefind's ${chunks.before}), in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}

/**
 * Indexes a built site into `<site>/pagefind/`, one record per section of each page that has a
 * `data-pagefind-body` (`searchRecords`), its word index cut into smaller chunks than Pagefind's
 * (`rechunkSearchIndex`). Shared by the build and the search benchmark at scale.
 */
export async function writeSearchIndex(
  site: string,
): Promise<{ pages: number; records: number; chunks: { before: number; after: number } }> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: searchExcludeSelectors });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  let pages = 0;
  let records = 0;
  for (const file of htmlFiles(site)) {
    const path = relative(site, file).split(sep).join('/');
    // Site-relative, as Pagefind's own crawl gives them: the browser side adds the base path.
    const url = `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
    const found = searchRecords(readFileSync(file, 'utf8'), url);
    if (found.length > 0) pages++;
    // A page's records go to Pagefind together: one at a time, the round trips dominate.
    const added = await Promise.all(
      found.map((record) => index.addHTMLFile({ url: record.url, content: record.html })),
    );
    const errors = added.flatMap((result) => result.errors);
    if (errors.length > 0) throw new Error(`Pagefind could not index ${path}: ${errors.join('; ')}`);
    records += found.length;
  }
  if (pages === 0) throw new Error('Pagefind indexed no page: is data-pagefind-body missing?');
  const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
  await pagefind.close();
  const chunks = rechunkSearchIndex(join(site, 'pagefind'));
  return { pages, records, chunks };
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
