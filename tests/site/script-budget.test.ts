import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedSources } from '../helpers/articles';
import { page } from '../helpers/site';
import { builds } from '../setup/build-site';

/** The most script, decoded, an article page may run before the reader opens search (issue #12). */
const BUDGET = 10 * 1024;

/**
 * The script a page runs on load, before any interaction: its inline scripts, its module scripts
 * and modulepreloads, and every module those import statically (`import … from "./x.js"`).
 * Dynamic `import()`s are left out: they load on first use (search, previews, search marks).
 */
function scriptOnLoad(root: string, html: string): { files: string[]; bytes: number } {
  // Scripts the browser runs: no type, or a JavaScript one (JSON-LD is data, not script).
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\btype="(?!module|text\/javascript)/.test(m[1] ?? ''))
    .map((m) => m[2] ?? '');
  const queue = [
    ...html.matchAll(/<script[^>]*\bsrc="\/([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload" href="\/([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  const files = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (files.has(file)) continue;
    files.add(file);
    const code = readFileSync(join(root, file), 'utf8');
    for (const [, target = ''] of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["'`]([^"'`]+)["'`]/g)) {
      queue.push(posix.join(posix.dirname(file), target));
    }
  }
  const bytes =
    inline.reduce((sum, code) => sum + Buffer.byteLength(code), 0) +
    [...files].reduce((sum, file) => sum + readFileSync(join(root, file)).length, 0);
  return { files: [...files], bytes };
}

describe('script an article page runs before the reader opens search', () => {
  const { dir } = builds.root;

  it.each(publishedSources().map((source) => `articles/${source.id}/`))(
    'stays within 10 KB, and the search code is not part of it: /%s',
    (path) => {
      const { files, bytes } = scriptOnLoad(dir, page(dir, path));
      expect(files.every((file) => existsSync(join(dir, file)))).toBe(true);
      // The search module is recognisable by the Pagefind option it sets.
      const loaded = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
      expect(loaded).not.toContain('excerptLength');
      expect(bytes, `${files.join(', ')}: ${bytes} bytes`).toBeLessThanOrEqual(BUDGET);
    },
  );
});
