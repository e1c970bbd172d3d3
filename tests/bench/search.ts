/**
 * Search latency as a reader feels it: time from typing a query into the search page to the
 * results being on screen, in headless Chromium against a built site. The first query includes
 * loading Pagefind and its index chunks; later ones are warm.
 *
 *   node tests/bench/search.ts [built-dir] [query …]
 */
import { resolve } from 'node:path';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/serve.ts';

const [root = 'dist', ...given] = process.argv.slice(2);
const queries = given.length
  ? given
  : ['权重衰减', '偏差修正', 'AdamW', 'weight decay', '学习率', 'bias correction', '动量'];
const server = await serveStatic(resolve(root), '/');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}search/`, { waitUntil: 'networkidle' });
const input = page.locator('main input[type="search"]');
const status = page.locator('main .search-status');

const timings: number[] = [];
for (const query of queries) {
  await input.fill('');
  await page.waitForFunction(() => document.querySelector('main .search-status')?.textContent === '');
  const started = performance.now();
  await input.fill(query);
  await page.waitForFunction(() =>
    /找到|没有找到/.test(document.querySelector('main .search-status')?.textContent ?? ''),
  );
  const ms = performance.now() - started;
  timings.push(ms);
  console.log(`${query.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms  ${await status.textContent()}`);
}
const warm = timings.slice(1).sort((a, b) => a - b);
console.log(
  `cold (first query): ${timings[0]?.toFixed(0)} ms; warm median: ${warm[Math.floor(warm.length / 2)]?.toFixed(0)} ms`,
);
console.log('(includes the 120 ms debounce the search box waits for the reader to stop typing)');
await browser.close();
await server.close();
