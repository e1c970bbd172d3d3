import { launchChromium } from './helpers/browser.ts';
import { serveStatic } from './helpers/serve.ts';

const server = await serveStatic('/work/main/.test-dist/root', '/');
const b = await launchChromium();
for (const [w, theme] of [
  [1440, 'light'],
  [390, 'dark'],
] as const) {
  const p = await b.newPage({ viewport: { width: w, height: 900 }, colorScheme: theme });
  await p.goto(server.url + 'articles/adam-adamw/', { waitUntil: 'networkidle' });
  const shots: [string, string][] = [
    ['figure', '.figure'],
    ['callout', '.callout-theorem'],
    ['table', '.prose table'],
    ['refs', '.references'],
    ['eq', '#eq-adam-update'],
    ['warn', '.callout-warning'],
    ['proof', '.callout-proof'],
    ['def', '.callout-definition'],
  ];
  for (const [name, sel] of shots) {
    const el = p.locator(sel).first();
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path: `/tmp/shots/el-${name}-${w}.png` });
  }
  // sidenote region
  const fn = p.locator('sup a[data-footnote-ref]').first();
  await fn.scrollIntoViewIfNeeded();
  await p.screenshot({ path: `/tmp/shots/sidenote-${w}.png` });
  // preview hover
  await p.evaluate(() => window.scrollTo(0, 0));
  const ref = p.locator('a.xref').first();
  await ref.scrollIntoViewIfNeeded();
  await ref.hover();
  await p.waitForTimeout(400);
  await p.screenshot({ path: `/tmp/shots/preview-${w}.png` });
  await p.close();
}
await b.close();
await server.close();
