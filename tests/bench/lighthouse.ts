/**
 * Lighthouse on a phone, as the issue's targets are measured: the built site served as GitHub Pages
 * serves it (gzip, tests/helpers/serve.ts), Lighthouse's default mobile settings (a mid-range
 * phone, simulated slow 4G and 4× CPU slowdown), driving the system Chromium. Prints, per page, the
 * four category scores, the metrics behind the performance score, the DOM size, the longest
 * main-thread tasks and the bytes on the wire by type.
 *
 *   node tests/bench/lighthouse.ts [built-dir] [path …]
 *
 * Without paths it measures the home page, the article with the most formulas and the one with
 * the largest gzipped HTML. RUNS=3 runs each page three times and reports the median run (by
 * performance score, then TBT). Nothing is downloaded: Chromium is `CHROMIUM_PATH` or
 * /usr/bin/chromium.
 *
 * FLOOR=1 also measures, for each page, its byte floor: a page with the same `<head>` and the same
 * gzipped size whose body is one heading and an HTML comment of random characters. The browser
 * has next to nothing to parse, style or lay out there, so its score is what the page's bytes alone
 * allow on Lighthouse's simulated network, and the gap to the real page is the main thread's work.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/serve.ts';

const [root = 'dist', ...given] = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 1);
const withFloor = process.env.FLOOR === '1';

/** The home page and the heaviest articles: most formulas, largest HTML on the wire. */
function defaultPaths(dir: string): string[] {
  const articles = readdirSync(join(dir, 'articles'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const html = readFileSync(join(dir, 'articles', entry.name, 'index.html'));
      const formulas = html.toString('utf8').split('class="katex"').length - 1;
      return { path: `articles/${entry.name}/`, formulas, gzip: gzipSync(html).length };
    });
  const mostFormulas = articles.toSorted((a, b) => b.formulas - a.formulas)[0];
  const largest = articles.toSorted((a, b) => b.gzip - a.gzip)[0];
  return [...new Set(['', mostFormulas?.path ?? '', largest?.path ?? ''])];
}

/**
 * A page with `html`'s `<head>` (so the same stylesheet blocks the first paint), a body of one
 * heading, and a comment of random base64 that brings its gzipped size (at the level the server
 * uses) to `html`'s own.
 */
function floorPage(html: string): string {
  const head = html.slice(0, html.indexOf('<body'));
  const target = gzipSync(html).length;
  const page = (filler: string) => `${head}<body><main><h1>—</h1></main><!--${filler}--></body></html>`;
  let filler = '';
  // Random base64 compresses to about 3/4 of its length; a few corrections land within 0.1%.
  for (let step = 0; step < 8; step++) {
    const missing = target - gzipSync(page(filler)).length;
    if (Math.abs(missing) <= target / 1000) break;
    const length = Math.max(0, filler.length + Math.round((missing * 4) / 3));
    filler = (filler + randomBytes(Math.ceil(length)).toString('base64')).slice(0, length);
  }
  return page(filler);
}

/**
 * A temporary copy of the site for FLOOR=1: every top-level entry of `dir` linked, plus each
 * path's floor page under `floor/<path>`. Returns the folder and a function that removes it.
 */
function siteWithFloors(dir: string, paths: string[]): { dir: string; remove: () => void } {
  const copy = mkdtempSync(join(tmpdir(), 'lighthouse-floor-'));
  for (const entry of readdirSync(dir)) symlinkSync(join(dir, entry), join(copy, entry));
  for (const path of paths) {
    mkdirSync(join(copy, 'floor', path), { recursive: true });
    const html = readFileSync(join(dir, path, 'index.html'), 'utf8');
    writeFileSync(join(copy, 'floor', path, 'index.html'), floorPage(html));
  }
  return { dir: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}

interface Row {
  label: string;
  value: (lhr: LighthouseResult) => string;
}

/** The parts of Lighthouse's result this script prints. */
interface LighthouseResult {
  categories: Record<string, { score: number | null }>;
  audits: Record<
    string,
    { numericValue?: number; displayValue?: string; details?: { items?: Record<string, unknown>[] } }
  >;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number | undefined) => `${Math.round(value ?? Number.NaN).toLocaleString('en')} ms`;
const items = (lhr: LighthouseResult, audit: string) => lhr.audits[audit]?.details?.items ?? [];

/** Bytes transferred (gzipped where the server compressed) for one resource type. */
function transferred(lhr: LighthouseResult, type: string): number {
  const row = items(lhr, 'resource-summary').find((item) => item.resourceType === type);
  return Number(row?.transferSize ?? 0);
}

const rows: Row[] = [
  ...['performance', 'accessibility', 'best-practices', 'seo'].map((category) => ({
    label: category,
    value: (lhr: LighthouseResult) => String(Math.round((lhr.categories[category]?.score ?? 0) * 100)),
  })),
  ...[
    ['first contentful paint', 'first-contentful-paint'],
    ['largest contentful paint', 'largest-contentful-paint'],
    ['speed index', 'speed-index'],
    ['total blocking time', 'total-blocking-time'],
  ].map(([label = '', audit = '']) => ({
    label,
    value: (lhr: LighthouseResult) => ms(lhr.audits[audit]?.numericValue),
  })),
  {
    label: 'cumulative layout shift',
    value: (lhr) => (lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN).toFixed(3),
  },
  { label: 'DOM elements', value: (lhr) => (lhr.audits['dom-size']?.numericValue ?? 0).toLocaleString('en') },
  {
    label: 'longest main-thread task',
    value: (lhr) => ms(Math.max(0, ...items(lhr, 'long-tasks').map((item) => Number(item.duration)))),
  },
  {
    label: 'main thread: style & layout',
    value: (lhr) =>
      ms(Number(items(lhr, 'mainthread-work-breakdown').find((i) => i.group === 'styleLayout')?.duration)),
  },
  {
    label: 'main thread: script',
    value: (lhr) =>
      ms(Number(items(lhr, 'mainthread-work-breakdown').find((i) => i.group === 'scriptEvaluation')?.duration)),
  },
  { label: 'bytes on the wire', value: (lhr) => kb(transferred(lhr, 'total')) },
  ...[
    ['  HTML', 'document'],
    ['  CSS', 'stylesheet'],
    ['  JS', 'script'],
    ['  fonts', 'font'],
    ['  other', 'other'],
  ].map(([label = '', type = '']) => ({ label, value: (lhr: LighthouseResult) => kb(transferred(lhr, type)) })),
  { label: 'requests', value: (lhr) => String(items(lhr, 'network-requests').length) },
];

const pages = given.length ? given : defaultPaths(resolve(root));
const floors = withFloor ? siteWithFloors(resolve(root), pages) : undefined;
const paths = withFloor ? pages.flatMap((path) => [path, `floor/${path}`]) : pages;
const server = await serveStatic(floors?.dir ?? resolve(root), '/');
const chrome = await launch({
  chromePath: chromiumPath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-component-update', '--disable-sync'],
});
const results: LighthouseResult[] = [];
try {
  for (const path of paths) {
    const all: LighthouseResult[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(server.url + path, { port: chrome.port, logLevel: 'error', output: 'json' });
      if (!result) throw new Error(`Lighthouse returned nothing for /${path}`);
      all.push(result.lhr as unknown as LighthouseResult);
    }
    const score = (lhr: LighthouseResult) =>
      (lhr.categories.performance?.score ?? 0) * 1e6 - (lhr.audits['total-blocking-time']?.numericValue ?? 0);
    const median = all.toSorted((a, b) => score(a) - score(b))[Math.floor(all.length / 2)];
    if (median) results.push(median);
  }
} finally {
  chrome.kill();
  await server.close();
  floors?.remove();
}

const width = Math.max(...rows.map((row) => row.label.length)) + 2;
const columns = paths.map((path) => `/${path}`);
const columnWidth = Math.max(14, ...columns.map((column) => column.length + 2));
console.log(`Lighthouse ${runs > 1 ? `(median of ${runs} runs) ` : ''}mobile, served gzip from ${root}`);
console.log(''.padEnd(width) + columns.map((column) => column.padStart(columnWidth)).join(''));
for (const row of rows) {
  console.log(row.label.padEnd(width) + results.map((lhr) => row.value(lhr).padStart(columnWidth)).join(''));
}
