/**
 * What the site's build costs beside a bare Astro project (`tests/bench/baseline/`: remark-math
 * and rehype-katex, content-layer defaults) on the same synthetic formula-heavy articles
 * (`synthetic-articles.ts`). For each size, each project is built cold in a fresh process (its
 * cache folder, `.astro/` and output emptied first), then, with `--rebuild`, built again after one
 * article is edited with the first build's cache and output kept. Prints wall time and peak
 * memory side by side with ratios, and the phases of this project's build.
 *
 *   node tests/bench/build-cost.ts [--rebuild] [--real] [--ours-only] [sizes…]   (default 100 300 1000)
 *
 * `--real` builds the real articles copied to each size instead (this project only; see
 * `real-articles.ts`). Peak memory is the largest sum of the resident memory of the build's whole
 * process tree (Node and Pagefind's binary, which runs as a child), sampled from /proc every
 * 100 ms; the largest single process as the kernel counts it (`/usr/bin/time -v`) is printed too.
 * Timings on a shared machine are noisy: compare the ratios of one run, measured back to back.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PHASE_TIME_PREFIX } from '../../src/integrations/phase-times.ts';
import { copyRealArticles } from './real-articles.ts';
import { syntheticId, writeSyntheticArticles } from './synthetic-articles.ts';

const args = process.argv.slice(2);
const sizes = args.map(Number).filter(Boolean);
const counts = sizes.length ? sizes : [100, 300, 1000];
const rebuild = args.includes('--rebuild');
const real = args.includes('--real');
const projects = real || args.includes('--ours-only') ? (['ours'] as const) : (['baseline', 'ours'] as const);
type Project = (typeof projects)[number];

/** One build's cost and, for this project, its phases in seconds. */
interface Run {
  seconds: number;
  treeRssMb: number;
  processRssMb: number;
  phases: Map<string, number>;
}

const ROOTS: Record<Project, string> = { baseline: resolve('tests/bench/baseline'), ours: resolve('.') };

/** Resident memory of `pid` and all its descendants, in kB, from /proc. */
function treeRssKb(pid: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      parents.set(Number(entry), Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      rss.set(Number(entry), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  for (const [candidate, kb] of rss) {
    for (let at: number | undefined = candidate; at; at = parents.get(at)) {
      if (at === pid) {
        total += kb;
        break;
      }
    }
  }
  return total;
}

/**
 * The phases of a build from the arrival time of Astro's log lines and the integrations' timing
 * lines (`src/integrations/phase-times.ts`).
 */
class PhaseClock {
  readonly phases = new Map<string, number>();
  private readonly started = performance.now();
  private marks = new Map<string, number>();

  line(text: string): void {
    const now = (performance.now() - this.started) / 1000;
    const mark = (name: string) => this.marks.set(name, now);
    const since = (name: string, phase: string) => {
      const at = this.marks.get(name);
      if (at !== undefined) this.phases.set(phase, now - at);
    };
    if (text.includes('[content] Syncing content')) mark('sync');
    else if (text.includes('[content] Synced content')) since('sync', 'content sync');
    else if (text.includes('Building static entrypoints')) mark('bundle');
    else if (text.includes('Rearranging server assets')) since('bundle', 'bundle (vite)');
    else if (text.includes('generating static routes')) mark('pages');
    else if (/✓ Completed in/.test(text) && this.marks.has('pages') && !this.phases.has('page generation'))
      since('pages', 'page generation');
    else if (text.startsWith(PHASE_TIME_PREFIX)) {
      const [, name, ms] = /^\S+ (\S+) (\d+) ms/.exec(text) ?? [];
      if (name && ms) this.phases.set(`build:done ${name}`, Number(ms) / 1000);
    }
    if (!this.marks.has('first')) mark('first');
  }
}

/** Builds `project` with `contentDir` in a new process and measures it. */
async function build(project: Project, contentDir: string, out: string, cache: string): Promise<Run> {
  const root = ROOTS[project];
  // This site as `npm run build` runs it (scripts/build.ts); the baseline as a bare project would.
  const command =
    project === 'baseline'
      ? ['-v', process.execPath, resolve('node_modules/astro/bin/astro.mjs'), 'build', '--root', root]
      : ['-v', process.execPath, resolve('scripts/build.ts')];
  const started = performance.now();
  const child = spawn('/usr/bin/time', command, {
    env: {
      ...process.env,
      CONTENT_DIR: contentDir,
      OUT_DIR: out,
      CACHE_DIR: cache,
      PHASE_TIMES: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const clock = new PhaseClock();
  const log: string[] = [];
  let peakKb = 0;
  const sampler = setInterval(() => {
    if (child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid));
  }, 100);
  const read = (stream: NodeJS.ReadableStream) =>
    new Promise<void>((done) => {
      const lines = createInterface({ input: stream });
      lines.on('line', (text) => {
        clock.line(text);
        log.push(text);
      });
      lines.on('close', done);
    });
  const [code] = await Promise.all([
    new Promise<number | null>((done) => child.on('close', done)),
    read(child.stdout),
    read(child.stderr),
  ]);
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${project} build of ${contentDir} failed:\n${log.slice(-40).join('\n')}`);
  const processKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(log.join('\n'))?.[1] ?? 0);
  return { seconds, treeRssMb: peakKb / 1024, processRssMb: processKb / 1024, phases: clock.phases };
}

/** Empties what makes a build warm: the cache folder, the project's `.astro/` and the output. */
function makeCold(project: Project, out: string, cache: string): void {
  for (const dir of [out, cache, join(ROOTS[project], '.astro')]) rmSync(dir, { recursive: true, force: true });
}

/** Edits one article's prose the way an author would: one sentence added to its first section. */
function editOneArticle(contentDir: string, count: number): void {
  const name = real
    ? (readdirSync(contentDir).find((file) => file.endsWith('.md')) ?? '')
    : `${syntheticId(count >> 1)}.md`;
  const path = join(contentDir, name);
  const text = readFileSync(path, 'utf8');
  writeFileSync(
    path,
    text.replace(/\n## /, `\n这是一处编辑 ${Date.now()}，公式 $x_${text.length % 9}$ 也随之改变。\n\n## `),
  );
}

const pad = (text: string | number, width: number) => String(text).padStart(width);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

const results: { n: number; project: Project; cold: Run; warm?: Run }[] = [];
const report = resolve('.bench/build-cost.log');
mkdirSync(resolve('.bench'), { recursive: true });
appendFileSync(report, `\n# ${new Date().toISOString()} ${args.join(' ')}\n`);

for (const n of counts) {
  const contentDir = real
    ? copyRealArticles(`.bench/cost/real-${n}`, n)
    : writeSyntheticArticles(`.bench/cost/synthetic-${n}`, n);
  for (const project of projects) {
    const out = resolve(`.bench/cost/dist-${project}-${n}`);
    const cache = resolve(`.bench/cost/cache-${project}-${n}`);
    makeCold(project, out, cache);
    console.error(`[${new Date().toISOString()}] ${project} ${n}: cold build (load ${load()})`);
    const cold = await build(project, contentDir, out, cache);
    let warm: Run | undefined;
    if (rebuild) {
      editOneArticle(contentDir, n);
      console.error(`[${new Date().toISOString()}] ${project} ${n}: rebuild after one edit (load ${load()})`);
      warm = await build(project, contentDir, out, cache);
      // The next project builds the same files as this one did.
      if (real) copyRealArticles(contentDir, n);
      else writeSyntheticArticles(contentDir, n);
    }
    results.push({ n, project, cold, ...(warm ? { warm } : {}) });
    const line = `${project} ${n}: cold ${cold.seconds.toFixed(1)} s, tree ${cold.treeRssMb.toFixed(0)} MB, process ${cold.processRssMb.toFixed(0)} MB${warm ? `; rebuild ${warm.seconds.toFixed(1)} s` : ''}`;
    console.error(line);
    appendFileSync(report, `${line}\n`);
  }
}

const find = (n: number, project: Project) => results.find((row) => row.n === n && row.project === project);
console.log(`\n${real ? 'real articles copied to N' : 'synthetic articles'}; load average now ${load()}`);
console.log(
  'articles  project    cold s  ×base  peak tree MB  ×base  peak proc MB  rebuild s  rebuild/cold  cold ms/article',
);
for (const row of results) {
  const base = find(row.n, 'baseline');
  const ratio = (value: number, of: number | undefined) =>
    of === undefined || row.project === 'baseline' ? '' : (value / of).toFixed(2);
  console.log(
    [
      pad(row.n, 8),
      `  ${row.project.padEnd(9)}`,
      pad(row.cold.seconds.toFixed(1), 7),
      pad(ratio(row.cold.seconds, base?.cold.seconds), 6),
      pad(row.cold.treeRssMb.toFixed(0), 13),
      pad(ratio(row.cold.treeRssMb, base?.cold.treeRssMb), 6),
      pad(row.cold.processRssMb.toFixed(0), 13),
      pad(row.warm ? row.warm.seconds.toFixed(1) : '', 10),
      pad(row.warm ? (row.warm.seconds / row.cold.seconds).toFixed(2) : '', 13),
      pad(((row.cold.seconds * 1000) / row.n).toFixed(0), 13),
    ].join(' '),
  );
}
for (const row of results.filter((result) => result.project === 'ours')) {
  console.log(`\nphases of this project's build, ${row.n} articles (s): cold${row.warm ? ' / rebuild' : ''}`);
  for (const [phase, seconds] of row.cold.phases) {
    const again = row.warm?.phases.get(phase);
    console.log(
      `  ${phase.padEnd(36)} ${pad(seconds.toFixed(1), 7)}${again === undefined ? '' : ` / ${again.toFixed(1)}`}`,
    );
  }
}
