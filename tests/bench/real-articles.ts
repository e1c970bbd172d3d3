/**
 * The real articles copied to N, for the benchmarks that measure how the build grows
 * (`build.ts`, `build-cost.ts`): copies of `content/` under new names, so every copy has the real
 * math, code and figures. Everything beside the articles (bibliography, glossary, images) is copied
 * once.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Fills `dir` (emptied first) with `count` articles copied from `content/`; returns the folder. */
export function copyRealArticles(dir: string, count: number): string {
  const source = resolve('content');
  const folder = resolve(dir);
  const articles = readdirSync(source).filter((name) => name.endsWith('.md') && !name.startsWith('_'));
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const file of readdirSync(source))
    if (!file.endsWith('.md')) cpSync(join(source, file), join(folder, file), { recursive: true });
  for (let i = 0; i < count; i++) {
    const name = articles[i % articles.length] ?? '';
    const copy = Math.floor(i / articles.length);
    // A copy cannot take its original's place in a series (two parts with one order fail the build).
    const original = readFileSync(join(source, name), 'utf8');
    const text = copy === 0 ? original : original.replace(/^series:\n(?: {2}.*\n)+/m, '');
    const target = copy === 0 ? name : name.replace(/\.md$/, `-${copy}.md`);
    writeFileSync(join(folder, target), text);
  }
  return folder;
}
