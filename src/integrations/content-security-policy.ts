import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The inline scripts and styles of one page, as CSP source expressions (`'sha256-…'`). */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

/** A `<script>` without `src`, with its attributes and text. */
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
/** A script type the browser runs: none, a JavaScript MIME type, or `module`. */
const EXECUTABLE_TYPE = /^\s*(?:text\/javascript|application\/javascript|module)?\s*$/i;
/** An attribute like `onclick="…"` on an element. */
const EVENT_HANDLER = /<[a-z][^>]*?\son[a-z]+\s*=/i;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The hashes of a page's inline scripts and `<style>` elements, computed from the final HTML, so
 * they match exactly what the browser hashes: the text between the tags. Data blocks such as
 * JSON-LD are not run, so they need no hash.
 */
export function inlineHashes(html: string): InlineHashes {
  const scripts = [...html.matchAll(INLINE_SCRIPT)]
    .filter(([, attributes = '']) => EXECUTABLE_TYPE.test(attributes.match(/\stype="([^"]*)"/i)?.[1] ?? ''))
    .map(([, , text = '']) => sha256(text));
  const styles = [...html.matchAll(STYLE)].map(([, text = '']) => sha256(text));
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

/**
 * The policy of one page. Scripts and style sheets come only from the site itself or are the
 * page's own inline ones, by hash; no inline event handlers, `javascript:` URLs, `eval`, plugins,
 * frames or foreign fetches.
 *
 * - `'wasm-unsafe-eval'`: Pagefind's search is WebAssembly. Pagefind 1.6 normally compiles it in
 *   a Web Worker, which a `<meta>` policy does not reach (a worker takes its policy from its own
 *   response headers, and Pages sends none); when the worker cannot start, Pagefind falls back to
 *   the page itself, and this keeps that fallback working. It allows compiling WebAssembly only,
 *   not `eval` of JavaScript.
 * - `style-src-attr 'unsafe-inline'`: KaTeX positions every glyph with a `style` attribute and
 *   Shiki colours code the same way, thousands per page, too many to hash. A style attribute
 *   cannot run script; `<style>` elements still need their hash.
 * - `img-src data:` and `font-src data:`: Vite inlines assets under 4 KB into the CSS as `data:`
 *   URLs (small SVG icons, KaTeX's smallest font).
 */
export function contentSecurityPolicy({ scripts, styles }: InlineHashes): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...scripts].join(' '),
    ['style-src', "'self'", ...styles].join(' '),
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * A page with its Content-Security-Policy as the first thing in `<head>` after the charset (a
 * policy in `<meta>` governs only what follows it; GitHub Pages sends no CSP header). Fails on an
 * inline event handler (`onclick="…"`), which the policy would silently block.
 */
export function withContentSecurityPolicy(html: string, file: string): string {
  const handler = html.match(EVENT_HANDLER);
  if (handler) {
    throw new Error(
      `${file}: an inline event handler (${handler[0].slice(-40)}…) would be blocked by the Content-Security-Policy; attach it from a script instead.`,
    );
  }
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineHashes(html))}">`;
  const charset = html.match(/<meta charset="[^"]*"\s*\/?>/i);
  if (charset?.index !== undefined) {
    const at = charset.index + charset[0].length;
    return html.slice(0, at) + meta + html.slice(at);
  }
  const head = html.match(/<head[^>]*>/i);
  if (head?.index === undefined) throw new Error(`${file}: no <head> to put the Content-Security-Policy in`);
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

/**
 * Writes each built page's Content-Security-Policy into it at the end of `astro build`, from the
 * final HTML, so every inline script and style (the theme script that must run before first
 * paint, the Pagefind loader, the topic map's highlight rules, Astro's inlined CSS) is allowed by
 * its exact hash and nothing else inline is. Astro's own `security.csp` hashes only the scripts
 * and styles it bundles, not `is:inline` ones, which this site needs. `astro dev` runs without it.
 */
export function contentSecurityPolicyIntegration(): AstroIntegration {
  return {
    name: 'content-security-policy',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const root = fileURLToPath(dir);
        const pages = (await readdir(root, { recursive: true })).filter((path) => path.endsWith('.html'));
        // One page at a time: read all at once, a thousand formula-heavy pages held hundreds of MB.
        for (const path of pages) {
          const file = join(root, path);
          await writeFile(file, withContentSecurityPolicy(await readFile(file, 'utf8'), relative(root, file)));
        }
        logger.info(
          `Content-Security-Policy written into ${pages.length} pages in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
