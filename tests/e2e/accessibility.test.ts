import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { publishedSources } from '../helpers/articles';
import { browserSkipReason } from '../helpers/browser';
import { useBrowserSite } from '../helpers/browser-site';
import { builds } from '../setup/build-site';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const missing = browserSkipReason();

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core (the engine behind most accessibility checkers) on every page type in both themes:
 * contrast of text and code colours, names of controls, ARIA references, keyboard access to
 * regions that scroll. Serious and critical findings fail; a reader with a screen reader or low
 * vision would hit them.
 */
describe.skipIf(missing !== undefined)('accessibility (axe-core)', () => {
  const site = useBrowserSite(builds.kb.dir, builds.kb.base);

  const articles = publishedSources().map((source) => `articles/${source.id}/`);
  const pages = [
    '',
    ...articles,
    'search/?q=权重衰减',
    'topics/',
    'series/',
    'series/attention-to-ssm/',
    'glossary/',
    'tags/',
    'archive/',
    'map/',
    'no-such-page/',
  ];

  /** axe's serious and critical findings on one page in one theme, as readable lines. */
  async function seriousViolations(path: string, colorScheme: 'light' | 'dark'): Promise<string[]> {
    // axe is injected as an inline script, which the page's Content-Security-Policy would block.
    const page = await site.browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
    if (path.startsWith('search/')) await page.locator('main .search-results a').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.addScriptTag({ path: axePath });
    const violations = await page
      .evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Violation[] }> } })
          .axe;
        return (await axe.run(document)).violations;
      })
      .finally(() => page.close());
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (v) => `${colorScheme} ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
  }

  it.each(pages)(
    'has no serious violations in the light and the dark theme: /%s',
    // axe itself now and then throws ("reading 'nthChild'") while it walks a large page; a
    // retry absorbs that, and a real violation still fails every try. The longest article takes
    // axe 17 s on an idle 2-core machine and over a minute on a busy one.
    { retry: 2, timeout: 180_000 },
    async (path) => {
      // Both themes at once: axe is bound to one core per page, and the machine has two.
      const found = await Promise.all([seriousViolations(path, 'light'), seriousViolations(path, 'dark')]);
      expect(found.flat()).toEqual([]);
    },
  );
});
