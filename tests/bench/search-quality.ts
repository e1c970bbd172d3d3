/**
 * Search quality on the query set in `tests/search/queries.json`: each query runs through the
 * built site's Pagefind index in headless Chromium, as the search box runs it, and the script
 * prints recall@1, recall@5 and MRR (over articles), how often the wanted section is shown and
 * shown first, the same by kind of query, how many records' text each query fetched, and every
 * query that missed.
 *
 *   npm run build && node tests/bench/search-quality.ts [built-dir] [query-file]
 *
 * The default query file is tests/search/queries.json; tests/search/heldout.json is the held-out set.
 */
import { resolve } from 'node:path';
import { launchChromium } from '../helpers/browser.ts';
import { runQueries, searchQuality, searchQueries } from '../helpers/search-quality.ts';
import { serveStatic } from '../helpers/serve.ts';

const [root = 'dist', queryFile] = process.argv.slice(2);
const server = await serveStatic(resolve(root), '/');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}search/`, { waitUntil: 'networkidle' });
const queries = searchQueries(queryFile);
const outcomes = await runQueries(page, queries, '/');

const format = (x: number) => x.toFixed(3);
const line = (label: string, subset: typeof outcomes) => {
  const q = searchQuality(subset);
  console.log(
    `${label.padEnd(10)} n=${String(q.queries).padStart(3)}  R@1 ${format(q.recallAt1)}  R@5 ${format(q.recallAt5)}  MRR ${format(q.mrr)}  section first ${format(q.sectionFirst)} shown ${format(q.sectionShown)} (of ${q.sectionQueries})`,
  );
};
line('all', outcomes);
const fetched = outcomes.map((o) => o.fetched).sort((a, b) => a - b);
console.log(
  `records fetched per query: mean ${(fetched.reduce((a, b) => a + b, 0) / fetched.length).toFixed(1)}, median ${fetched[Math.floor(fetched.length / 2)]}, max ${fetched.at(-1)}`,
);
for (const kind of [...new Set(queries.map((q) => q.kind))])
  line(
    kind,
    outcomes.filter((o) => o.query.kind === kind),
  );
console.log('\nmisses (article not first, or wanted section not first):');
for (const o of outcomes) {
  const sectionMiss = o.query.section !== undefined && o.sectionRank !== 1;
  if (o.rank === 1 && !sectionMiss) continue;
  console.log(
    `  [${o.query.kind}] ${o.query.query} → want ${o.query.article}${o.query.section ? `#${o.query.section}` : ''}; rank ${o.rank ?? '-'}, section ${o.sectionRank ?? '-'}; top ${o.top.join(', ')}`,
  );
}
await browser.close();
await server.close();
