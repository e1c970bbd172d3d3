import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import subsetFont from 'subset-font';
import type { Plugin } from 'vite';

/**
 * KaTeX's fonts, as the site ships them. Two steps, one concern:
 *
 * - while bundling, KaTeX's stylesheet loses its `.woff` and `.ttf` fallbacks, so only the
 *   `.woff2` files every current browser uses are copied into the build (0.9 MB nobody fetched);
 * - after the build, each of KaTeX's twenty `.woff2` faces is cut down to the characters the
 *   site's formulas use (HarfBuzz's subsetter, through subset-font), renamed by its new content
 *   and the stylesheet with it, so a cached copy of an older subset is never used.
 *
 * Which characters: every character of every typeset formula in the built pages and the preview
 * files (`<span class="katex">…</span>`: KaTeX's HTML, its MathML and the TeX annotation). Every
 * face keeps all of those it has, whichever face a formula actually draws them from, so a glyph
 * cannot go missing however KaTeX's stylesheet picks faces; `tests/site/katex-fonts.test.ts`
 * checks it against the fonts KaTeX ships. Browsers fetch a face only when a formula on screen
 * uses it, so a page still loads only the faces it needs. `npm run dev` serves the full fonts.
 */
export function katexFonts(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'katex-fonts',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [katexWoff2Only()],
            // Vite would inline a face under 4 KB into the stylesheet every article loads, where it
            // is neither cut nor fetched only when used; other assets keep Vite's default.
            build: { assetsInlineLimit: (file: string) => (KATEX_FONT_SOURCE.test(file) ? false : undefined) },
          },
        });
      },
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'katex-fonts');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { before, after, characters } = await subsetKatexFonts(fileURLToPath(dir), cacheDir);
        const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
        logger.info(
          `KaTeX fonts cut to the ${characters} characters the formulas use: ${kb(before)} → ${kb(after)} ` +
            `in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}

/** One of KaTeX's font files in its package. */
const KATEX_FONT_SOURCE = /[\\/]katex[\\/]dist[\\/]fonts[\\/]KaTeX_[^\\/]+\.woff2$/;

/** A file name of one of KaTeX's faces as Vite emits it: `KaTeX_Main-Regular.B22Nviop.woff2`. */
const KATEX_FONT = /^(KaTeX_[A-Za-z0-9]+-[A-Za-z0-9]+)\.[\w-]+\.woff2$/;

/**
 * Subsets every KaTeX face in a built site (see {@link katexFonts}) and rewrites the references:
 * fonts in stylesheets, renamed stylesheets in pages. Returns the fonts' bytes before and after.
 * With a `cacheDir`, a subset made before from the same font and characters is reused (making all
 * twenty takes some seconds; they change only when a formula brings a new character).
 */
export async function subsetKatexFonts(
  root: string,
  cacheDir?: string,
): Promise<{ before: number; after: number; characters: number }> {
  const files = (await readdir(root, { recursive: true })).map((file) => join(root, file));
  const used = new Set<string>();
  for (const file of files.filter((name) => /\.(html|json)$/.test(name))) {
    const content = await readFile(file, 'utf8');
    // Preview files hold the same HTML in JSON strings.
    const pages = file.endsWith('.json') ? jsonStrings(JSON.parse(content)) : [content];
    for (const page of pages) for (const char of formulaCharacters(page)) used.add(char);
  }
  const text = [...used].sort().join('');

  let before = 0;
  let after = 0;
  const renamed = new Map<string, string>();
  for (const file of files) {
    const face = KATEX_FONT.exec(basename(file))?.[1];
    if (!face) continue;
    const original = await readFile(file);
    const subset = await cached(cacheDir, contentHash(`${contentHash(original)} ${text}`), () =>
      subsetFont(original, text, { targetFormat: 'woff2' }),
    );
    const name = `${face}.${contentHash(subset)}.woff2`;
    await rm(file);
    await writeFile(join(dirname(file), name), subset);
    renamed.set(basename(file), name);
    before += original.length;
    after += subset.length;
  }
  if (renamed.size === 0) return { before, after, characters: used.size };

  // Stylesheets that load the fonts get the new names, and new names of their own.
  for (const file of files.filter((name) => name.endsWith('.css'))) {
    const css = await readFile(file, 'utf8');
    const rewritten = replaceAll(css, renamed);
    if (rewritten === css) continue;
    const name = basename(file).replace(/\.[\w-]+\.css$/, `.${contentHash(rewritten)}.css`);
    await rm(file);
    await writeFile(join(dirname(file), name), rewritten);
    renamed.set(basename(file), name);
  }
  for (const file of files.filter((name) => name.endsWith('.html'))) {
    const html = await readFile(file, 'utf8');
    const rewritten = replaceAll(html, renamed);
    if (rewritten !== html) await writeFile(file, rewritten);
  }
  return { before, after, characters: used.size };
}

/** Every string in a parsed JSON value. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

/**
 * The characters inside typeset formulas (`<span class="katex">` and everything in it) in HTML.
 * Markup is skipped; entities are decoded.
 */
export function formulaCharacters(html: string): Set<string> {
  const found = new Set<string>();
  const open = /<span class="katex">/g;
  for (let match = open.exec(html); match; match = open.exec(html)) {
    // The formula ends where the spans opened since its start are all closed again.
    const tags = /<(\/?)span\b/g;
    tags.lastIndex = match.index;
    let depth = 0;
    let end = html.length;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[1] ? -1 : 1;
      if (depth === 0) {
        end = tag.index;
        break;
      }
    }
    const text = decodeEntities(html.slice(match.index, end).replace(/<[^>]*>/g, ''));
    for (const char of text) if (char.trim() !== '') found.add(char);
    open.lastIndex = end;
  }
  return found;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return named[code] ?? entity;
  });
}

/** `make()`'s result, kept in `dir` under `key` (no `dir`: made every time). */
async function cached(dir: string | undefined, key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (!dir) return make();
  const file = join(dir, `${key}.woff2`);
  const kept = await readFile(file).catch(() => undefined);
  if (kept) return kept;
  const made = await make();
  await mkdir(dir, { recursive: true });
  await writeFile(file, made);
  return made;
}

function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('base64url').slice(0, 8);
}

function replaceAll(text: string, names: Map<string, string>): string {
  let result = text;
  for (const [from, to] of names) result = result.replaceAll(from, to);
  return result;
}

/**
 * Drops the `.woff` and `.ttf` fallbacks from KaTeX's `@font-face` rules, so the build ships only
 * the `.woff2` files that every current browser uses. Without this Vite copies all three formats
 * into `dist/` (about 0.9 MB of files nobody downloads).
 */
function katexWoff2Only(): Plugin {
  return {
    name: 'katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css$/.test(id.split('?')[0] ?? '')) return undefined;
      return { code: code.replace(/,\s*url\([^)]+\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, ''), map: null };
    },
  };
}
