/**
 * Build time and peak memory as the number of articles grows. Makes N-article sites by copying
 * the real articles under new names (so every copy has the real math, code and figures), builds
 * each in a fresh process, and prints one row per size with ratios against the smallest.
 *
 *   node tests/bench/build.ts [sizes…]      (default: 12 48 96)
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { siteFiles } from '../helpers/site.ts';
import { copyRealArticles } from './real-articles.ts';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const counts = sizes.length ? sizes : [12, 48, 96];
const rows: { n: number; seconds: number; maxRssMb: number; pages: number; distMb: number }[] = [];

for (const n of counts) {
  const dir = copyRealArticles(`.bench/content-${n}`, n);
  const out = resolve(`.bench/dist-${n}`);
  rmSync(out, { recursive: true, force: true });
  const result = spawnSync(process.execPath, ['tests/bench/build-once.ts'], {
    env: { ...process.env, CONTENT_DIR: dir, OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build of ${n} articles failed:\n${result.stderr}\n${result.stdout}`);
  const { ms, maxRssMb } = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
    ms: number;
    maxRssMb: number;
  };
  const files = siteFiles(out);
  const bytes = files.reduce((sum, file) => sum + statSync(join(out, file)).size, 0);
  rows.push({
    n,
    seconds: ms / 1000,
    maxRssMb,
    pages: files.filter((f) => f.endsWith('.html')).length,
    distMb: bytes / 2 ** 20,
  });
  console.error(`built ${n} articles`);
}

const first = rows[0];
console.log('articles  pages  build s  ×time  peak RSS MB  ×mem  dist MB');
for (const row of rows) {
  console.log(
    [
      String(row.n).padStart(8),
      String(row.pages).padStart(6),
      row.seconds.toFixed(1).padStart(8),
      (row.seconds / (first?.seconds ?? 1)).toFixed(2).padStart(6),
      row.maxRssMb.toFixed(0).padStart(12),
      (row.maxRssMb / (first?.maxRssMb ?? 1)).toFixed(2).padStart(5),
      row.distMb.toFixed(1).padStart(8),
    ].join(' '),
  );
}
