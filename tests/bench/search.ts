/**
 * Search latency and bytes as a reader meets them, in headless Chromium against a built site:
 * the reader opens the search dialog on the home page (`/`) and types. It prints the time from a
 * query's input to the first results on screen (the status line saying what was found), both read
 * in the page, and the bytes each phase fetched as sent over the wire (text gzipped, as GitHub
 * Pages serves it; Pagefind's own files are compressed already), counting the requests of
 * Pagefind's web worker too.
 *
 * The search code, Pagefind and the spelling vocabulary load when the dialog opens: measured once
 * for a reader who types at once (the first query waits for them), then apart, before the queries.
 * For each query it prints what was fetched before the first results showed and in all (the list
 * fills in after the first few records); for the first, also the total since entering the box.
 * Each is measured in RUNS fresh browser contexts (default 5; the machine's load makes one run
 * noisy) and printed as the median with the range; bytes are the same in every run. Also prints
 * the index's size.
 *
 *   [RUNS=5] node tests/bench/search.ts [built-dir] [query …]
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
const runs = Number(process.env.RUNS ?? 5);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const BOX = '[data-search-dialog] input[type="search"]';
const STATUS = '[data-search-dialog] .search-status';

/**
 * A page whose requests (its own and its workers') are counted: bytes of those finished, and how
 * many are still in flight, since Playwright's network-idle state does not wait for a worker's.
 */
async function countingPage() {
  // A context of its own: nothing cached from an earlier run.
  const page = await (await browser.newContext()).newPage();
  const counter = {
    bytes: 0,
    pending: 0,
    files: [] as string[],
    /** When each counted response ended (ms since the epoch) and its size. */
    ends: [] as { end: number; bytes: number }[],
    reset() {
      counter.bytes = 0;
      counter.files = [];
      counter.ends = [];
    },
    /** Bytes of the counted responses that had ended by a time (ms since the epoch). */
    before: (time: number) => counter.ends.filter(({ end }) => end <= time).reduce((sum, { bytes }) => sum + bytes, 0),
  };
  page.on('request', () => void counter.pending++);
  page.on('requestfailed', () => void counter.pending--);
  page.on('requestfinished', async (request) => {
    const { startTime, responseEnd } = request.timing();
    const end = responseEnd >= 0 ? startTime + responseEnd : Date.now();
    const bytes = (await request.sizes().catch(() => undefined))?.responseBodySize ?? 0;
    counter.bytes += bytes;
    counter.ends.push({ end, bytes });
    counter.files.push(new URL(request.url()).pathname);
    counter.pending--;
  });
  /** Waits until no request has been in flight for 300 ms. */
  const quiet = async () => {
    for (let still = 0; still < 6; still = counter.pending === 0 ? still + 1 : 0) await page.waitForTimeout(50);
  };
  return { page, counter, quiet };
}

/**
 * Types a query (one input event, as a paste or an input method gives) and waits for the first
 * results. Returns the milliseconds from the input event to the status line saying what was found,
 * measured in the page, and when that was (ms since the epoch).
 */
async function typeAndWait(page: Page, query: string) {
  await page.evaluate(
    ({ boxSelector, statusSelector }) => {
      const box = document.querySelector(boxSelector);
      const status = document.querySelector(statusSelector);
      const marks = { input: 0, shown: 0 };
      Object.assign(window, { searchMarks: marks });
      box?.addEventListener(
        'input',
        () => {
          marks.input = performance.now();
        },
        { once: true },
      );
      if (status)
        new MutationObserver((_, observer) => {
          if (!/找到|没有找到/.test(status.textContent ?? '')) return;
          marks.shown = performance.now();
          observer.disconnect();
        }).observe(status, { childList: true, characterData: true, subtree: true });
    },
    { boxSelector: BOX, statusSelector: STATUS },
  );
  await page.locator(BOX).fill(query);
  await page.waitForFunction(() => (window as unknown as { searchMarks: { shown: number } }).searchMarks.shown > 0);
  const { input, shown, origin } = await page.evaluate(() => ({
    ...(window as unknown as { searchMarks: { input: number; shown: number } }).searchMarks,
    origin: performance.timeOrigin,
  }));
  return { ms: shown - input, shownAt: origin + shown };
}

/** The median and range of some times, as "median ms (min–max)". */
function spread(times: readonly number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return `${median.toFixed(0).padStart(4)} ms (${sorted[0]?.toFixed(0)}–${sorted.at(-1)?.toFixed(0)})`;
}

/** What one query cost in one run. */
interface Measured {
  ms: number;
  bytesShown: number;
  bytes: number;
  index: number;
  fragments: number;
  status: string;
}

/** A reader who types at once as the dialog opens: the first query waits for everything to load. */
async function typedAtOnce(): Promise<Measured> {
  const { page, counter, quiet } = await countingPage();
  await page.goto(server.url, { waitUntil: 'load' });
  await quiet();
  counter.reset();
  await page.keyboard.press('/');
  const { ms, shownAt } = await typeAndWait(page, queries[0] ?? '');
  await quiet();
  const measured = {
    ms,
    bytesShown: counter.before(shownAt),
    bytes: counter.bytes,
    index: 0,
    fragments: 0,
    status: '',
  };
  await page.context().close();
  return measured;
}

/** The usual case: everything loads as the dialog opens, then the reader types each query. */
async function oneRun(): Promise<{ opening: number; files: string[]; queries: Measured[] }> {
  const { page, counter, quiet } = await countingPage();
  await page.goto(server.url, { waitUntil: 'load' });
  await quiet();
  counter.reset();
  await page.keyboard.press('/');
  await quiet();
  const opening = counter.bytes;
  const files = counter.files.map((file) => file.split('/').pop() ?? file);
  const measured: Measured[] = [];
  for (const [i, query] of queries.entries()) {
    if (i > 0) {
      await page.locator(BOX).fill('');
      await page.waitForFunction((selector) => document.querySelector(selector)?.textContent === '', STATUS);
      await quiet();
    }
    counter.reset();
    const { ms, shownAt } = await typeAndWait(page, query);
    const status = (await page.locator(STATUS).textContent()) ?? '';
    await quiet();
    measured.push({
      ms,
      bytesShown: counter.before(shownAt),
      bytes: counter.bytes,
      index: counter.files.filter((file) => file.endsWith('.pf_index')).length,
      fragments: counter.files.filter((file) => file.endsWith('.pf_fragment')).length,
      status,
    });
  }
  await page.context().close();
  return { opening, files, queries: measured };
}

const atOnce: Measured[] = [];
const usual: Awaited<ReturnType<typeof oneRun>>[] = [];
for (let run = 0; run < runs; run++) {
  atOnce.push(await typedAtOnce());
  usual.push(await oneRun());
}
const afterDebounce = (times: number[]) => spread(times.map((ms) => ms - DEBOUNCE_MS));
const first = atOnce[0];
const run = usual[0];
if (!first || !run) throw new Error('RUNS must be at least 1');
console.log(
  `${runs} runs; times from the input to the first results, after the ${DEBOUNCE_MS} ms debounce: median (range)`,
);
console.log(
  `typed as the dialog opens: ${queries[0]} ${afterDebounce(atOnce.map((m) => m.ms))}; since the dialog opened, ${kb(first.bytesShown)} fetched before the results, ${kb(first.bytes)} in all`,
);
console.log(`opening the dialog: ${kb(run.opening)} (${run.files.join(', ')})`);
for (const [i, query] of queries.entries()) {
  const m = run.queries[i];
  if (!m) continue;
  console.log(
    `${query.padEnd(16)} ${afterDebounce(usual.map((r) => r.queries[i]?.ms ?? Number.NaN))}  ${kb(m.bytesShown).padStart(8)} before the results, ${kb(m.bytes).padStart(8)} in all (${m.index} index chunks, ${m.fragments} records)  ${m.status}`,
  );
  if (i === 0)
    console.log(
      `  the first query since the dialog opened: ${kb(run.opening + m.bytesShown)} before its results, ${kb(run.opening + m.bytes)} in all`,
    );
}
console.log(
  `later queries, all runs: ${afterDebounce(usual.flatMap((r) => r.queries.slice(1).map((m) => m.ms)))} after the debounce`,
);
const indexDir = join(resolve(root), 'pagefind');
const indexBytes = readdirSync(indexDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
console.log(`index on disk: ${(indexBytes / 2 ** 20).toFixed(2)} MB in ${indexDir}`);
await browser.close();
await server.close();
