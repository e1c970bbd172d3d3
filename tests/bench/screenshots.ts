/**
 * Screenshots of a built site for a human to look at: every page given, at desktop (1280 px)
 * and phone (390 px) width, in light and dark theme.
 *
 *   node tests/bench/screenshots.ts <built-dir> <out-dir> [base] [path ...]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/serve.ts';

const [root = 'dist', out = '.screenshots', base = '/', ...paths] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const server = await serveStatic(resolve(root), base);
const browser = await launchChromium();
for (const [device, width, height] of [
  ['desktop', 1280, 900],
  ['phone', 390, 844],
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const path of paths.length ? paths : ['']) {
      await page.goto(server.url + path);
      const name = `${(path || 'home').replace(/[/?=]+/g, '_').replace(/^_|_$/g, '')}-${device}-${theme}.png`;
      await page.screenshot({ path: join(out, name), fullPage: process.env.FULL === '1' });
      console.log(join(out, name));
    }
    await context.close();
  }
}
await browser.close();
await server.close();
