import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

/** Types GitHub Pages sends gzip-compressed; fonts (woff2) and Pagefind's files are compressed already. */
const compressed = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml', '.txt']);

/** A running static server; `url` ends with the base path. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site on 127.0.0.1 the way GitHub Pages does: under a base path, `dir/` maps to
 * `dir/index.html`, anything missing gets the site's `404.html` with status 404, and text is
 * gzip-compressed for a client that accepts it (so a browser's transfer sizes and timings are the
 * ones readers get). Only loopback; a random free port.
 */
export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.startsWith(base) ? normalize(join(root, path.slice(base.length))) : '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = file.startsWith(root) && existsSync(file);
    if (!found) file = join(root, '404.html');
    const ext = extname(file);
    const gzip = compressed.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(found ? 200 : 404, {
      'Content-Type': types[ext] ?? 'application/octet-stream',
      // What GitHub Pages sends: ten minutes of caching, and gzip where the client accepts it.
      'Cache-Control': 'max-age=600',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip()).pipe(res);
    else body.pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
