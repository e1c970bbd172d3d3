import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { convert } from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { byClass, parseHtml } from '../helpers/html';
import { cssUrls, siteFiles } from '../helpers/site';
import { builds } from '../setup/build-site';

const katexFonts = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist', 'fonts');

/** The characters a font maps to glyphs, read from its cmap with HarfBuzz. */
async function charactersOf(font: Uint8Array): Promise<Set<string>> {
  const face = new Face(new Blob(await convert(font, 'sfnt')));
  return new Set([...face.collectUnicodes()].map((code) => String.fromCodePoint(code)));
}

/** Every character drawn in KaTeX's fonts: the text of each `.katex-html` (the MathML is not drawn). */
function drawnCharacters(html: string, into: Set<string>): void {
  for (const formula of byClass(parseHtml(html), 'katex-html')) {
    visit(formula, 'text', (node) => {
      for (const char of node.value) if (char.trim() !== '') into.add(char);
    });
  }
}

/**
 * The build cuts KaTeX's fonts down to the characters the site's formulas use
 * (src/integrations/katex-fonts.ts). A character missing from a cut font would show in a fallback
 * font or as a box. Checked here against the fonts KaTeX ships: every character drawn in any
 * formula of any page or preview file is still in every face that had it.
 */
describe('KaTeX fonts cut to the characters the site uses', () => {
  const { dir } = builds.root;
  const files = siteFiles(dir);

  it('keeps, in every face a page loads, every character any formula draws that the face had', async () => {
    const drawn = new Set<string>();
    for (const file of files.filter((name) => name.endsWith('.html')))
      drawnCharacters(readFileSync(join(dir, file), 'utf8'), drawn);
    for (const file of files.filter((name) => name.startsWith('previews/') && name.endsWith('.json'))) {
      JSON.stringify(JSON.parse(readFileSync(join(dir, file), 'utf8')), (_key, value) => {
        if (typeof value === 'string' && value.includes('katex-html')) drawnCharacters(value, drawn);
        return value;
      });
    }
    expect(drawn.size).toBeGreaterThan(100);

    // The faces the article pages' stylesheets load, as the browser would resolve their URLs.
    const html = readFileSync(join(dir, 'articles/adam-adamw/index.html'), 'utf8');
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="\/([^"]+)"/g)].map((m) => m[1] ?? '');
    const faces = sheets.flatMap((sheet) =>
      cssUrls(readFileSync(join(dir, sheet), 'utf8'))
        .filter((url) => /KaTeX_.*\.woff2$/.test(url))
        .map((url) => new URL(url, `http://site/${sheet}`).pathname.slice(1)),
    );
    expect(faces.length).toBe(20);

    const missing: string[] = [];
    for (const face of faces) {
      const name = /(KaTeX_[^.]+)\./.exec(face)?.[1] ?? face;
      const original = await charactersOf(readFileSync(join(katexFonts, `${name}.woff2`)));
      const shipped = await charactersOf(readFileSync(join(dir, face)));
      const lost = [...drawn].filter((char) => original.has(char) && !shipped.has(char));
      if (lost.length > 0) missing.push(`${name}: ${lost.join(' ')}`);
      // And the face was cut (the main text face has some 280 characters; the formulas use ~150).
      if (name === 'KaTeX_Main-Regular') expect(shipped.size).toBeLessThan(original.size * 0.6);
    }
    expect(missing).toEqual([]);
  });
});
