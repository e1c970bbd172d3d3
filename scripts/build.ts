/**
 * `npm run build`: `astro build`, with mimalloc told to give the memory it frees back at once.
 *
 * Why: three native modules the build loads carry their own copy of the mimalloc allocator
 * (Vite's bundler Rolldown, resvg for the social cards, Astro's compiler). With its defaults on
 * Linux, mimalloc commits its 1 GiB arenas eagerly and returns a freed page only when the thread
 * that freed it allocates again, so memory used once stayed resident to the end of the build: a
 * 1 GiB anonymous mapping held 280–330 MB from the second half of the build on (/proc/<pid>/smaps),
 * and drawing 60 social cards with resvg left 290 MB resident against 70 MB with these settings.
 * `MIMALLOC_ARENA_EAGER_COMMIT=0` commits arena memory on demand; `MIMALLOC_PURGE_DELAY=0`
 * returns freed memory at once. Peak of a 1,000-article build: 1,586 MB with neither, 1,479 MB
 * with the first, 1,090 MB with both; the second costs time (page generation 99 → 179 s, the
 * whole build 525 → 594 s, within the build-time target), the first none (README, "Benchmarks").
 * mimalloc reads its variables when a module that carries it is loaded: this sets them before
 * Astro loads Vite. A variable already set in the environment wins.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';
process.env.MIMALLOC_PURGE_DELAY ??= '0';

const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
process.argv = [process.argv[0] ?? 'node', astro, 'build', ...process.argv.slice(2)];
await import(astro);
