/**
 * What a reader downloads to read one page: every response Chromium receives, grouped by kind
 * (HTML, CSS, JS, fonts, search index…), in bytes on the wire and decoded. Run after a build.
 *
 *   node tests/bench/page-weight.ts [built-dir] [path] [search-term]
 *
 * With a search term it also types it into the search dialog and counts what the search fetched.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/serve.ts';

const [root = 'dist', path = 'articles/adam-adamw/', term] = process.argv.slice(2);
const server = await serveStatic(resolve(root), '/');
const browser = await launchChromium();
const page = await browser.newPage();
const kinds = new Map<string, { count: number; bytes: number; gzip: number }>();
let phase = 'page';

page.on('response', async (response) => {
  const url = new URL(response.url());
  const body = await response.body().catch(() => Buffer.alloc(0));
  const ext = url.pathname.match(/\.(\w+)$/)?.[1] ?? 'html';
  const kind = `${phase}:${url.pathname.includes('/pagefind/') ? `pagefind-${ext}` : ext}`;
  const entry = kinds.get(kind) ?? { count: 0, bytes: 0, gzip: 0 };
  entry.count++;
  entry.bytes += body.length;
  // GitHub Pages sends text gzip-compressed; woff2 and wasm are compressed already.
  entry.gzip += /\.(woff2|wasm)$/.test(url.pathname) ? body.length : gzipSync(body).length;
  kinds.set(kind, entry);
});

await page.goto(server.url + path, { waitUntil: 'networkidle' });
await page.evaluate(() => document.fonts.ready);
if (term) {
  phase = 'search';
  const started = Date.now();
  await page.keyboard.press('/');
  await page.locator('[data-search-dialog] input').fill(term);
  await page.locator('[data-search-dialog] .search-results a').first().waitFor();
  console.log(`first results for "${term}" after ${Date.now() - started} ms (cold, includes loading Pagefind)`);
  await page.waitForLoadState('networkidle');
}

let total = 0;
let totalGzip = 0;
console.log('kind                         files      bytes   gzipped');
for (const [kind, { count, bytes, gzip }] of [...kinds].sort()) {
  if (kind.startsWith('page:')) {
    total += bytes;
    totalGzip += gzip;
  }
  console.log(
    `${kind.padEnd(27)} ${String(count).padStart(6)} ${String(bytes).padStart(10)} ${String(gzip).padStart(9)}`,
  );
}
console.log(`page total: ${total} bytes, ${totalGzip} bytes gzipped (what GitHub Pages transfers)`);
await browser.close();
await server.close();
