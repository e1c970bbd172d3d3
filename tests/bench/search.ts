/**
 * Search latency and bytes as a reader meets them: time from typing a query into the search page
 * to the results being on screen, in headless Chromium against a built site, and the bytes each
 * query fetched (gzipped, as GitHub Pages serves text). The first query includes loading Pagefind,
 * its index chunks and the spelling vocabulary; later ones are warm. Also prints the index's size.
 *
 *   node tests/bench/search.ts [built-dir] [query …]
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/serve.ts';

const [root = 'dist', ...given] = process.argv.slice(2);
const queries = given.length
  ? given
  : ['权重衰减', '偏差修正', 'AdamW', 'weight decay', '学习率', 'bias correction', '动量'];
/** The debounce the search box waits for the reader to stop typing (src/scripts/search.ts). */
const DEBOUNCE_MS = 120;
const server = await serveStatic(resolve(root), '/');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}search/`, { waitUntil: 'networkidle' });
let fetched = 0;
page.on('response', async (response) => {
  const body = await response.body().catch(() => Buffer.alloc(0));
  // Pagefind's index chunks and WebAssembly are compressed already; text is gzipped on the wire.
  fetched += /\.(pf_\w+|wasm|pagefind)$/.test(new URL(response.url()).pathname) ? body.length : gzipSync(body).length;
});
const input = page.locator('main input[type="search"]');
const status = page.locator('main .search-status');

const timings: number[] = [];
for (const query of queries) {
  await input.fill('');
  await page.waitForFunction(() => document.querySelector('main .search-status')?.textContent === '');
  await page.waitForLoadState('networkidle');
  fetched = 0;
  const started = performance.now();
  await input.fill(query);
  await page.waitForFunction(() =>
    /找到|没有找到/.test(document.querySelector('main .search-status')?.textContent ?? ''),
  );
  const ms = performance.now() - started;
  timings.push(ms);
  await page.waitForLoadState('networkidle');
  console.log(
    `${query.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms (${(ms - DEBOUNCE_MS).toFixed(0).padStart(4)} after the debounce)  ${(fetched / 1024).toFixed(1).padStart(6)} KB fetched  ${await status.textContent()}`,
  );
}
const warm = timings.slice(1).sort((a, b) => a - b);
console.log(
  `cold (first query): ${timings[0]?.toFixed(0)} ms; warm median: ${warm[Math.floor(warm.length / 2)]?.toFixed(0)} ms`,
);
console.log(`(times include the ${DEBOUNCE_MS} ms debounce the search box waits for the reader to stop typing)`);
const indexDir = join(resolve(root), 'pagefind');
const indexBytes = readdirSync(indexDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
console.log(`index on disk: ${(indexBytes / 2 ** 20).toFixed(2)} MB in ${indexDir}`);
await browser.close();
await server.close();
