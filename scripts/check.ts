/**
 * `npm run check`: everything a build would reject, without building pages. Runs lint and format
 * (Biome), the content checks (`src/check-content.ts`: the same code the build runs, on every
 * article, draft or not) and the type checks (`astro check`), prints every problem each finds and
 * exits 1 if any failed. Every step runs even when another fails, so one run shows all problems;
 * `astro check` runs alongside the others, its output printed when it ends.
 */
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const started = performance.now();
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const results: { name: string; ok: boolean; time: string }[] = [];

/** `astro check`, started first because it takes longest; resolves with its output and status. */
function astroCheck(): Promise<{ ok: boolean; output: string; time: string }> {
  const start = performance.now();
  const child = spawn('node_modules/.bin/astro', ['check'], { env });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((done) => child.on('close', (code) => done({ ok: code === 0, output, time: seconds(start) })));
}

/** The content checks, loaded through Vite's module runner the way Astro loads them (TypeScript, extensionless imports). */
async function contentProblems(): Promise<string[]> {
  const load = <T>(path: string) =>
    runnerImport<T>(path, { configFile: false, logLevel: 'error' }).then((loaded) => loaded.module);
  const { checkContent } = await load<typeof import('../src/check-content')>('./src/check-content.ts');
  const { contentDir } = await load<typeof import('../src/content-dir')>('./src/content-dir.ts');
  const { deployment } = await load<typeof import('../src/utils/deployment')>('./src/utils/deployment.ts');
  return checkContent({ contentDir, base: deployment(process.env).base });
}

const types = astroCheck();

console.log('── biome check（代码风格与格式）');
let start = performance.now();
const biome = spawnSync('node_modules/.bin/biome', ['check', '.'], { stdio: 'inherit', env });
results.push({ name: 'biome check', ok: biome.status === 0, time: seconds(start) });

console.log('\n── 内容检查（frontmatter、编码、网址、公式、链接、引用、标签、术语表、Markdown 结构）');
start = performance.now();
const problems = await contentProblems();
for (const line of problems) console.log(line);
if (problems.length === 0) console.log('没有问题。');
results.push({ name: '内容检查', ok: problems.length === 0, time: seconds(start) });

console.log('\n── astro check（类型检查）');
const typeCheck = await types;
if (problems.length > 0 && !typeCheck.ok && !typeCheck.output.includes('Result (')) {
  // Astro syncs the content collection before checking types, and stops at the first bad
  // frontmatter; its message would repeat one of the problems above, in English and without a line.
  console.log('没有运行到类型检查：Astro 同步文章时遇到了上面的内容问题。修正后再运行 npm run check。');
} else {
  console.log(typeCheck.output.trimEnd());
}
results.push({ name: 'astro check', ok: typeCheck.ok, time: typeCheck.time });

console.log(`\n${results.map((r) => `${r.ok ? '✓' : '✗'} ${r.name} ${r.time}`).join(' · ')}；共 ${seconds(started)}`);
const failed = results.filter((r) => !r.ok).map((r) => r.name);
if (failed.length > 0) {
  console.error(`检查未通过：${failed.join('、')}。`);
  process.exit(1);
}
