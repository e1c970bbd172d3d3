/**
 * Search at scale: a synthetic site of N article pages (default 1,000) made from a build's real
 * article pages, copied under new URLs with numbered titles, indexed by Pagefind with the site's
 * own settings (one record per section), then measured by `search.ts` (latency, bytes per query) plus the index size.
 * The copies repeat the real articles' text, so the index grows in pages and postings as a
 * 1,000-article site's would, but not in vocabulary: read its sizes as a lower bound.
 *
 *   npm run build && node tests/bench/search-synthetic.ts [built-dir] [N] [query …]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeSearchIndex } from '../../src/integrations/pagefind.ts';

const [root = 'dist', count = '1000', ...queries] = process.argv.slice(2);
const n = Number(count);
const source = resolve(root);
const out = resolve(`.bench/search-${n}`);
rmSync(out, { recursive: true, force: true });
cpSync(source, out, { recursive: true, filter: (path) => !path.startsWith(join(source, 'pagefind')) });

const ids = readdirSync(join(source, 'articles')).filter((id) => statSync(join(source, 'articles', id)).isDirectory());
for (let i = ids.length; i < n; i++) {
  const id = ids[i % ids.length] ?? '';
  const copy = Math.floor(i / ids.length);
  const html = readFileSync(join(source, 'articles', id, 'index.html'), 'utf8').replace('</h1>', ` (${copy})</h1>`);
  mkdirSync(join(out, 'articles', `${id}-${copy}`), { recursive: true });
  writeFileSync(join(out, 'articles', `${id}-${copy}`, 'index.html'), html);
}

const started = performance.now();
const { pages, records } = await writeSearchIndex(out);
console.log(`indexed ${pages} pages as ${records} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const bench = spawnSync(process.execPath, ['tests/bench/search.ts', out, ...queries], { encoding: 'utf8' });
process.stdout.write(bench.stdout);
process.stderr.write(bench.stderr);
