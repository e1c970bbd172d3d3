/**
 * What a reader downloads to read one page: every response Chromium receives, grouped by kind
 * (HTML, CSS, JS, fonts, search index…), in bytes on the wire and decoded. Run after a build.
 *
 *   node tests/bench/page-weight.ts [built-dir] [path] [search-term]
 *
 * With a search term it also types it into the search dialog and counts what the search fetched.
 */
import { resolve } from 'node:path';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/serve.ts';

const [root = 'dist', path = 'articles/adam-adamw/', term] = process.argv.slice(2);
const server = await serveStatic(resolve(root), '/');
const browser = await launchChromium();
const page = await browser.newPage();
const kinds = new Map<string, { count: number; bytes: number }>();
let phase = 'page';

page.on('response', async (response) => {
  const url = new URL(response.url());
  const body = await response.body().catch(() => Buffer.alloc(0));
  const ext = url.pathname.match(/\.(\w+)$/)?.[1] ?? 'html';
  const kind = `${phase}:${url.pathname.includes('/pagefind/') ? `pagefind-${ext}` : ext}`;
  const entry = kinds.get(kind) ?? { count: 0, bytes: 0 };
  entry.count++;
  entry.bytes += body.length;
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
console.log('kind                      files      bytes');
for (const [kind, { count, bytes }] of [...kinds].sort()) {
  if (kind.startsWith('page:')) total += bytes;
  console.log(`${kind.padEnd(24)} ${String(count).padStart(6)} ${String(bytes).padStart(10)}`);
}
console.log(`page total (decoded, before compression): ${total} bytes`);
await browser.close();
await server.close();
