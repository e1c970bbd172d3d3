import { launchChromium } from './helpers/browser.ts';
import { serveStatic } from './helpers/serve.ts';

const server = await serveStatic('/work/main/dist', '/');
const b = await launchChromium();
const p = await b.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'light', deviceScaleFactor: 2 });
await p.goto(server.url + 'articles/adam-adamw/', { waitUntil: 'networkidle' });
for (const sel of [
  '.toc-slot',
  '#eq-strict-bound',
  '.prose table',
  '.callout-warning',
  '.references',
  '.cite-this',
  '.prev-next, .cite-this',
]) {
  const el = p.locator(sel).first();
  await el.scrollIntoViewIfNeeded();
  await p.evaluate(() => window.scrollBy(0, -120));
  await p.screenshot({ path: `/tmp/shots/phone-${sel.replace(/[^a-z]/g, '')}.png` });
}
await p.evaluate(() => window.scrollTo(0, 0));
await p.locator('[data-search-open]').click();
await p.locator('[data-search-dialog] input').fill('偏差修正');
await p.locator('[data-search-dialog] .search-results a').first().waitFor();
await p.screenshot({ path: '/tmp/shots/phone-search.png' });
await b.close();
await server.close();
