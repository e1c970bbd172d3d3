/**
 * Search latency and bytes as a reader meets them: time from typing a query into the search page
 * to the results being on screen, in headless Chromium against a built site, and the bytes each
 * query fetched (gzipped, as GitHub Pages serves text). Pagefind and the spelling vocabulary load
 * when the reader enters the search box: measured once for a reader who types at once (the first
 * query waits for them), then apart, before the queries. Also prints the index's size.
 *
 *   node tests/bench/search.ts [built-dir] [query …]
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
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

/** Bytes one page received since the last reset (gzipped, as GitHub Pages serves text). */
async function countingPage() {
  const page = await browser.newPage();
  const counter = { bytes: 0 };
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    // Pagefind's index chunks, fragments and WebAssembly are compressed already.
    counter.bytes += /\.(pf_\w+|wasm|pagefind)$/.test(new URL(response.url()).pathname)
      ? body.length
      : gzipSync(body).length;
  });
  return { page, counter };
}

async function typeAndWait(page: Page, query: string): Promise<number> {
  const started = performance.now();
  await page.locator('main input[type="search"]').fill(query);
  await page.waitForFunction(() =>
    /找到|没有找到/.test(document.querySelector('main .search-status')?.textContent ?? ''),
  );
  return performance.now() - started;
}

// A reader who types at once: the first query pays for loading Pagefind too.
{
  const { page, counter } = await countingPage();
  await page.goto(`${server.url}search/`, { waitUntil: 'domcontentloaded' });
  const pageBytes = counter.bytes;
  const ms = await typeAndWait(page, queries[0] ?? '');
  await page.waitForLoadState('networkidle');
  console.log(
    `typed at once: ${queries[0]} ${ms.toFixed(0)} ms (${(ms - DEBOUNCE_MS).toFixed(0)} after the debounce), ${((counter.bytes - pageBytes) / 1024).toFixed(1)} KB fetched beyond the page`,
  );
  await page.close();
}

// The usual case: Pagefind loads when the reader enters the search box, then each query.
const { page, counter } = await countingPage();
await page.goto(`${server.url}search/`, { waitUntil: 'load' });
counter.bytes = 0;
await page.locator('main input[type="search"]').focus();
await page.waitForLoadState('networkidle');
await page.waitForTimeout(300);
console.log(
  `entering the search box: ${(counter.bytes / 1024).toFixed(1)} KB (Pagefind's JS and WebAssembly, metadata, vocabulary)`,
);
const status = page.locator('main .search-status');
const timings: number[] = [];
for (const query of queries) {
  await page.locator('main input[type="search"]').fill('');
  await page.waitForFunction(() => document.querySelector('main .search-status')?.textContent === '');
  await page.waitForLoadState('networkidle');
  counter.bytes = 0;
  const ms = await typeAndWait(page, query);
  timings.push(ms);
  await page.waitForLoadState('networkidle');
  console.log(
    `${query.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms (${(ms - DEBOUNCE_MS).toFixed(0).padStart(4)} after the debounce)  ${(counter.bytes / 1024).toFixed(1).padStart(6)} KB fetched  ${await status.textContent()}`,
  );
}
const warm = timings.slice(1).sort((a, b) => a - b);
console.log(
  `first query: ${timings[0]?.toFixed(0)} ms; later ones, median: ${warm[Math.floor(warm.length / 2)]?.toFixed(0)} ms`,
);
console.log(`(times include the ${DEBOUNCE_MS} ms debounce the search box waits for the reader to stop typing)`);
const indexDir = join(resolve(root), 'pagefind');
const indexBytes = readdirSync(indexDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
console.log(`index on disk: ${(indexBytes / 2 ** 20).toFixed(2)} MB in ${indexDir}`);
await browser.close();
await server.close();
