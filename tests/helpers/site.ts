import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under a built site, as paths relative to its root with `/` separators. */
export function siteFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The HTML of one built page, by its path inside the site (`articles/x/` → `articles/x/index.html`). */
export function page(root: string, path: string): string {
  return readFileSync(join(root, path.endsWith('/') || path === '' ? `${path}index.html` : path), 'utf8');
}

/** Every `href`/`src`/`srcset` URL in an HTML string, entities decoded. */
export function linksIn(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) found.push(decodeEntities(match[1] ?? ''));
  return found;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
}
