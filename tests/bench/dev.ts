/**
 * How `npm run dev` feels on a large site: N synthetic articles (`synthetic-articles.ts`), the
 * time from starting `astro dev` to the first article page served, then the time from editing
 * that article to the server serving the edited text, twice (the loader re-renders only what the
 * edit affects), and on a cold start the time until the articles left to render in the background
 * are all rendered. Run it twice to see a warm start (the content store in `.astro/` and the rendered
 * HTML in the cache folder, outside the project, kept); `--cold` empties both first.
 *
 *   node tests/bench/dev.ts [--cold] [N]      (default 1000)
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { syntheticId, writeSyntheticArticles } from './synthetic-articles.ts';

const args = process.argv.slice(2);
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1000);
const cold = args.includes('--cold');
const port = 4399;
const contentDir = resolve(`.bench/dev/synthetic-${count}`);
// Outside the project: Vite watches the project's files, and the loader writes one file per article.
const cache = join(tmpdir(), `astro-dev-bench-cache-${count}`);
if (cold) for (const dir of [cache, resolve('.astro')]) rmSync(dir, { recursive: true, force: true });
writeSyntheticArticles(contentDir, count);

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const server = spawn(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port)], {
  env: { ...process.env, CONTENT_DIR: contentDir, CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
const log: string[] = [];
server.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
server.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));

const page = `http://localhost:${port}/articles/${syntheticId(0)}/`;

/** Polls the article's page until its HTML contains `text`; returns the seconds it took. */
async function servedWith(text: string, from: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(page);
      if (response.ok && (await response.text()).includes(text)) return (performance.now() - from) / 1000;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - from > 1_800_000) throw new Error(`timed out waiting for ${text}\n${log.join('')}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

try {
  const first = await servedWith('合成文章 0000', started);
  console.error(`[${seconds()} s] first page served`);
  const edits: number[] = [];
  for (const round of [1, 2]) {
    const marker = `编辑标记${round}x${Date.now()}`;
    const path = join(contentDir, `${syntheticId(0)}.md`);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n## /, `\n${marker}。\n\n## `));
    const editedAt = performance.now();
    edits.push(await servedWith(marker, editedAt));
    console.error(`[${seconds()} s] edit ${round} served`);
  }
  // A cold start leaves the articles to render in the background (`src/deferred-renderings.ts`):
  // the time until every article is rendered and stored, when backlinks and the topic map are whole.
  let background = '';
  if (log.join('').includes('left to render in the background')) {
    while (!log.join('').includes('rendered in the background in')) {
      if (performance.now() - started > 3_600_000) throw new Error(`background rendering unfinished\n${log.join('')}`);
      await new Promise((done) => setTimeout(done, 500));
    }
    background = seconds();
    console.error(`[${background} s] every article rendered`);
  }
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(`astro dev, ${count} synthetic articles (${cold ? 'cold' : 'warm'} start), load average ${load}`);
  console.log(`  start to first article page: ${first.toFixed(1)} s`);
  console.log(`  edit to edited page served:  ${edits.map((value) => `${value.toFixed(1)} s`).join(', ')}`);
  if (background) console.log(`  start to every article rendered in the background: ${background} s`);
  // The loader's own line per sync (rendered, reused, seconds), Astro's start-up time and the
  // time it took for each article page served, to tell rendering apart from the server's work.
  const lines = log.join('').split('\n');
  for (const line of lines.filter((text) => /\[articles\]|ready in|\[200\] \/articles\//.test(text)))
    console.log(`  server: ${line.trim()}`);
} finally {
  if (server.pid) process.kill(-server.pid);
  writeSyntheticArticles(contentDir, count);
}
