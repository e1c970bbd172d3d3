import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSkipReason } from '../helpers/browser';
import { useBrowserSite } from '../helpers/browser-site';
import { builds } from '../setup/build-site';

const missing = browserSkipReason();

/**
 * Every page type under its Content-Security-Policy in Chromium: a script, style, font, fetch or
 * WebAssembly module the policy blocks would leave a reader with a page that looks built but does
 * not work (no theme, no search, no previews), and the browser says so only in the console.
 */
describe.skipIf(missing !== undefined)('Content-Security-Policy in Chromium', () => {
  const site = useBrowserSite(builds.kb.dir, builds.kb.base);

  /** Opens a page recording every CSP violation (the DOM event and the console error) and page error. */
  async function open(path: string, rewrite?: (html: string) => string): Promise<{ page: Page; problems: string[] }> {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
    await page.exposeFunction('reportCspViolation', (line: string) => problems.push(line));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { reportCspViolation(line: string): void }).reportCspViolation;
        report(
          `violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    if (rewrite) {
      await page.route(`${site.server.url}${path}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: rewrite(await response.text()) });
      });
    }
    await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
    return { page, problems };
  }

  it('has a policy on every page type, and no page breaks it, searching, previewing and switching theme included', async () => {
    const found: string[] = [];
    for (const path of [
      '',
      'topics/optimization/',
      'tags/',
      'tags/adamw/',
      'glossary/',
      'map/',
      'series/',
      'no-such-page/',
    ]) {
      const { page, problems } = await open(path);
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), path).toBe(1);
      // The 404 page is served with status 404, which Chromium logs as a failed load.
      const expected = (problem: string) => path === 'no-such-page/' && problem.includes('status of 404');
      found.push(...problems.filter((problem) => !expected(problem)).map((problem) => `${path}: ${problem}`));
      await page.close();
    }

    // An article: the theme script ran before paint, KaTeX's fonts load, a link preview fetches its
    // JSON, the theme toggle works.
    const article = await open('articles/adam-adamw/');
    expect(await article.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const link = article.page.locator('.prose a[data-article-link]').first();
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    await article.page.locator('[role="tooltip"] .preview-summary').waitFor({ state: 'visible' });
    await article.page.evaluate(() => document.fonts.ready);
    await article.page.locator('[data-theme-toggle]').first().click();
    expect(await article.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The search dialog: Pagefind's script, its WebAssembly and its index.
    await article.page.mouse.move(0, 0);
    await article.page.keyboard.press('/');
    await article.page.locator('[data-search-dialog] input').fill('attention');
    await article.page.locator('[data-search-dialog] .search-results a').first().waitFor({ timeout: 10_000 });
    found.push(...article.problems.map((problem) => `article: ${problem}`));
    await article.page.close();

    // The search page, with a query typed.
    const search = await open('search/');
    await search.page.locator('main input[type="search"]').fill('权重衰减');
    await search.page.locator('main .search-results a').first().waitFor({ timeout: 10_000 });
    found.push(...search.problems.map((problem) => `search: ${problem}`));
    await search.page.close();

    expect(found).toEqual([]);
  });

  it('would report an inline script or event handler the build did not hash', async () => {
    const { page, problems } = await open('', (html) =>
      html.replace('</body>', '<script>document.title = "x";</script><img src="x.png" onerror="void 0"></body>'),
    );
    await page.close();
    expect(problems.filter((problem) => problem.startsWith('violation: script-src'))).toHaveLength(2);
  });
});
