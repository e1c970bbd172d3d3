import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publishedSources } from '../helpers/articles';
import { browserSkipReason } from '../helpers/browser';
import { useBrowserSite } from '../helpers/browser-site';
import { builds } from '../setup/build-site';

const missing = browserSkipReason();

/** Real Chromium against the site built under `/kb/`, served like GitHub Pages serves a project. */
describe.skipIf(missing !== undefined)('in Chromium, under the base path /kb/', () => {
  const site = useBrowserSite(builds.kb.dir, builds.kb.base);

  async function open(path: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const context = await site.browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(site.server.url + path);
    await page.waitForLoadState('networkidle');
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }

  const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

  it('opens the home page and follows the first article link', async () => {
    const page = await open('');
    await expect(page.locator('h2', { hasText: '最近更新' }).count()).resolves.toBe(1);
    await page.locator('a[href$="/articles/adam-adamw/"]').first().click();
    await page.waitForURL(/\/kb\/articles\/adam-adamw\/$/);
    expect(errorsOf(page)).toEqual([]);
  });

  it('typesets formulas with KaTeX fonts and highlights code', async () => {
    const page = await open('articles/adam-adamw/');
    const display = page.locator('.katex-display').first();
    expect(await display.isVisible()).toBe(true);
    // The HTML rendering is laid out (not the bare MathML fallback) and has real height.
    const box = await display.locator('.katex-html').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(20);
    const fontsReady = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].some((font) => font.family.includes('KaTeX') && font.status === 'loaded');
    });
    expect(fontsReady).toBe(true);
    const codeColor = await page
      .locator('pre.astro-code span[style*="--shiki-dark"]')
      .first()
      .evaluate((span) => getComputedStyle(span).color);
    expect(codeColor).not.toBe('rgb(0, 0, 0)');
    expect(errorsOf(page)).toEqual([]);
  });

  it('finds the Adam/AdamW article when searching 权重衰减 from the header, fetching under 150 KB for it', async () => {
    const page = await open('');
    // What the search fetches from the dialog opening to the first results, as sent (text
    // gzipped; Pagefind's files are compressed already), its web worker's requests included.
    const sizes: Promise<number>[] = [];
    page.on('requestfinished', (request) =>
      sizes.push(
        request.sizes().then(
          (size) => size.responseBodySize,
          () => 0,
        ),
      ),
    );
    await page.keyboard.press('/');
    const input = page.locator('[data-search-dialog] input');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await input.fill('权重衰减');
    const first = page.locator('[data-search-dialog] .search-results a').first();
    await first.waitFor({ timeout: 10_000 });
    const fetched = (await Promise.all(sizes.slice())).reduce((sum, size) => sum + size, 0);
    // Issue #11's budget: Pagefind, its WebAssembly and metadata, the spelling vocabulary, the
    // index chunks and the first records' text (about 105 KB; 200 KB with Pagefind's own chunks).
    expect(fetched).toBeLessThan(150 * 1024);
    expect(await first.getAttribute('href')).toMatch(/^\/kb\/articles\/adam-adamw\/?/);
    // Sections that match are listed under the article and link to their headings.
    const section = page.locator('[data-search-dialog] .result-sections a').first();
    expect(await section.getAttribute('href')).toMatch(/^\/kb\/articles\/adam-adamw\/\?highlight=[^#]+#.+/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/kb\/articles\/adam-adamw\//);
    expect(errorsOf(page)).toEqual([]);
  });

  it('corrects a misspelled query, says so, and shows a formula in a result excerpt as its TeX', async () => {
    const page = await open('search/?q=linear%20atention');
    const first = page.locator('main .search-results a').first();
    await first.waitFor({ timeout: 10_000 });
    expect(await first.getAttribute('href')).toMatch(/^\/kb\/articles\/linear-attention\/?/);
    expect(await page.locator('main .search-status').textContent()).toContain('linear attention');
    // A formula in the excerpt reads as TeX instead of leaving a hole in the sentence.
    await page.goto(`${site.server.url}search/?q=${encodeURIComponent('虚拟样本')}&topic=optimization`);
    const excerpt = page.locator('main .search-results .result-excerpt').first();
    await excerpt.waitFor({ timeout: 10_000 });
    expect((await excerpt.textContent())?.replace(/\s+/g, ' ')).toContain(
      '虚拟样本，它在 m_t 中的权重就是 \\beta_1^t 。',
    );
    expect(errorsOf(page)).toEqual([]);
  });

  it('narrows results by topic and tag, keeping the filters in the URL under the base path', async () => {
    const page = await open(`search/?q=${encodeURIComponent('梯度')}&topic=pytorch`);
    const results = page.locator('main .search-results > li > a');
    await results.first().waitFor({ timeout: 10_000 });
    expect(await page.locator('main select[data-filter="topic"]').inputValue()).toBe('pytorch');
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/kb\/articles\/(pytorch-autograd|nn-vs-functional)\//);
    // Without the filter the same query finds articles of other topics too.
    await page.locator('main select[data-filter="topic"]').selectOption('');
    await page.waitForFunction(() => !location.search.includes('topic='));
    await page.waitForFunction(() => document.querySelectorAll('main .search-results > li').length > 2, undefined, {
      timeout: 10_000,
    });
    // A tag alone lists every article that carries it.
    await page.locator('main input[type="search"]').fill('');
    await page.locator('main select[data-filter="tag"]').selectOption('pytorch');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('tag') === 'pytorch');
    await page.waitForFunction(() =>
      /找到 \d+ 篇/.test(document.querySelector('main .search-status')?.textContent ?? ''),
    );
    const tagged = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(tagged.length).toBeGreaterThanOrEqual(2);
    expect(errorsOf(page)).toEqual([]);
  });

  it('marks the searched words on arrival from a result, outside code and math, and scrolls to them', async () => {
    const page = await open(`articles/adam-adamw/?highlight=${encodeURIComponent('解耦权重衰减')}`);
    const marks = page.locator('.prose mark.search-hit');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await page.locator('.prose :is(code, .katex) mark.search-hit').count()).toBe(0);
    expect(await marks.first().textContent()).toBe('解耦权重衰减');
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('finds articles by an English term on the search page, which keeps the query in the URL', async () => {
    const page = await open('search/?q=AdamW');
    const first = page.locator('main .search-results a').first();
    await first.waitFor({ timeout: 10_000 });
    expect(await first.getAttribute('href')).toContain('/kb/articles/adam-adamw/');
  });

  it('keeps KaTeX internals out of search results', async () => {
    // What a reader would see if KaTeX's HTML were indexed: searching a KaTeX class name finds the
    // article, and its excerpt shows it. (Formulas are indexed as the TeX an author writes, on
    // purpose; KaTeX's own markup is not.) A term from the prose must find it, so the search
    // itself is known to work.
    const page = await open('search/');
    const found = await page.evaluate(async () => {
      if (!window.loadPagefind) throw new Error('window.loadPagefind is missing');
      const pagefind = await window.loadPagefind();
      const results: [string, string[]][] = [];
      for (const term of ['偏差修正', 'mathnormal', 'vlist', 'katex', 'msupsub', 'mord', 'strut']) {
        const search = await pagefind.debouncedSearch(term, {}, 0);
        const excerpts: string[] = [];
        for (const result of search?.results ?? []) excerpts.push((await result.data()).excerpt);
        results.push([term, excerpts]);
      }
      return results;
    });
    expect(found[0]?.[1].length, 'results for a word of the prose').toBeGreaterThan(0);
    // Pagefind wraps matches in <mark> (and matches loosely: "frac" finds "f"), so read the text.
    for (const [term, excerpts] of found) {
      for (const excerpt of excerpts) {
        expect(excerpt.replace(/<\/?mark>/g, ''), term).not.toMatch(/mathnormal|vlist|katex|msupsub|mord|strut/i);
      }
    }
  });

  it('toggles the theme, remembers it on the next page, and starts dark for a dark-mode reader', async () => {
    const page = await open('');
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('light');
    const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.locator('[data-theme-toggle]').click();
    expect(await theme()).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg);
    await page.goto(`${site.server.url}articles/adam-adamw/`);
    expect(await theme()).toBe('dark');

    const dark = await open('', { colorScheme: 'dark' });
    expect(await dark.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('previews an equation on hover and on keyboard focus, and hides it with Escape', async () => {
    const page = await open('articles/adam-adamw/');
    const reference = page.locator('a.xref[href^="#eq-"]').first();
    const target = (await reference.getAttribute('href')) ?? '';
    const popover = page.locator('[role="tooltip"]');

    await reference.scrollIntoViewIfNeeded();
    await reference.hover();
    await popover.waitFor({ state: 'visible' });
    // The preview shows the same typeset equation as the target, number included.
    const number = await page.locator(`${target} .katex-html`).first().textContent();
    expect(await popover.locator('.katex-html').first().textContent()).toBe(number);
    await page.mouse.move(0, 0);
    await popover.waitFor({ state: 'hidden' });

    await reference.focus();
    await popover.waitFor({ state: 'visible' });
    expect(await reference.getAttribute('aria-describedby')).toBe(await popover.getAttribute('id'));
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden' });
  });

  it('on a touch screen, previews on the first tap and follows the link on the second', async () => {
    const context = await site.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${site.server.url}articles/adam-adamw/`);
    const reference = page.locator('a.xref[href^="#eq-"]').first();
    const target = (await reference.getAttribute('href')) ?? '';
    await reference.scrollIntoViewIfNeeded();
    await reference.tap();
    await page.locator('[role="tooltip"]').waitFor({ state: 'visible' });
    expect(new URL(page.url()).hash).toBe('');
    await reference.tap();
    await page.waitForFunction((hash) => location.hash === hash, target);
    await context.close();
  });

  it('previews a link to another article’s section with a card fetched once, on hover, focus and Escape', async () => {
    const page = await open('articles/linear-attention/');
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/previews/')) fetched.push(new URL(request.url()).pathname);
    });
    const link = page.locator('a[data-article-link="efficient-transformers"][href*="#"]').first();
    const fragment = decodeURIComponent(
      new URL((await link.getAttribute('href')) ?? '', site.server.url).hash.slice(1),
    );
    const popover = page.locator('[role="tooltip"]');

    await link.scrollIntoViewIfNeeded();
    await link.hover();
    await popover.locator('.preview-title').waitFor({ state: 'visible' });
    expect(await popover.locator('.preview-title').textContent()).toBe('高效 Transformer 综述：稀疏与低秩两条路');
    // The card names the linked section and shows its opening, math typeset.
    const target = await open('articles/efficient-transformers/');
    const heading = (await target.locator(`[id="${fragment}"]`).textContent())?.trim() ?? '';
    expect(heading).toContain((await popover.locator('.preview-section').textContent())?.trim());
    expect((await popover.locator('.preview-summary').textContent())?.length ?? 0).toBeGreaterThan(20);
    await page.mouse.move(0, 0);
    await popover.waitFor({ state: 'hidden' });

    await link.focus();
    await popover.locator('.preview-title').waitFor({ state: 'visible' });
    expect(await link.getAttribute('aria-describedby')).toBe(await popover.getAttribute('id'));
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden' });
    // Under the base path, and once however often the reader hovers.
    expect(fetched).toEqual(['/kb/previews/articles/efficient-transformers.json']);
    expect(errorsOf(page)).toEqual([]);
  });

  it('on a touch screen, previews an article link on the first tap and opens the article on the second', async () => {
    const context = await site.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${site.server.url}articles/state-space-models/`);
    const link = page.locator('a[data-article-link="linear-attention"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    const title = page.locator('[role="tooltip"] .preview-title');
    await title.waitFor({ state: 'visible' });
    expect(await title.textContent()).toContain('线性 Attention');
    expect(new URL(page.url()).pathname).toBe('/kb/articles/state-space-models/');
    // The card fits the phone's screen.
    const box = await page.locator('[role="tooltip"]').boundingBox();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
    await link.tap();
    await page.waitForURL(/\/kb\/articles\/linear-attention\//);
    await context.close();
  });

  it('previews a glossary term’s definition on hover and focus, and follows the term to its entry', async () => {
    const page = await open('articles/state-space-models/');
    const term = page.locator('a.term').first();
    const id = (await term.getAttribute('data-term')) ?? '';
    const popover = page.locator('[role="tooltip"]');
    await term.scrollIntoViewIfNeeded();
    await term.hover();
    await popover.locator('.preview-summary').waitFor({ state: 'visible' });
    // The card shows the term in both languages and its definition, as on the glossary page.
    const glossary = await open(`glossary/#${id}`);
    const entry = glossary.locator(`[id="${id}"]`);
    expect(await popover.locator('.preview-title').textContent()).toContain(
      (await entry.locator('.zh').textContent()) ?? '-',
    );
    expect(await popover.locator('.preview-summary').textContent()).toBe(
      await entry.locator('dd p').first().textContent(),
    );
    await page.mouse.move(0, 0);
    await popover.waitFor({ state: 'hidden' });
    await term.focus();
    await popover.locator('.preview-summary').waitFor({ state: 'visible' });
    expect(await term.getAttribute('aria-describedby')).toBe(await popover.getAttribute('id'));
    await page.keyboard.press('Escape');
    await term.click();
    await page.waitForURL(new RegExp(`/kb/glossary/#${id}$`));
    expect(errorsOf(page)).toEqual([]);
  });

  it('previews a citation with its reference-list entry', async () => {
    const page = await open('articles/adam-adamw/');
    // The second reference, so a preview showing the first or the next one cannot pass.
    const citation = page.locator('.cite a[data-preview]').nth(1);
    const target = (await citation.getAttribute('href')) ?? '';
    expect(target).toMatch(/^#ref-/);
    await citation.scrollIntoViewIfNeeded();
    await citation.hover();
    const popover = page.locator('[role="tooltip"]');
    await popover.waitFor({ state: 'visible' });
    const entry = (await page.locator(target).textContent())?.trim() ?? '';
    expect(entry.length).toBeGreaterThan(20);
    expect((await popover.textContent())?.trim()).toBe(entry);
  });

  it('copies a selected formula as its TeX source', async () => {
    const page = await open('articles/adam-adamw/');
    const copied = await page.evaluate(() => {
      const formula = document.querySelector('#eq-adam-m .katex');
      if (!formula) return 'no formula';
      const range = document.createRange();
      range.selectNode(formula);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      const clipboard = new DataTransfer();
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: clipboard, bubbles: true, cancelable: true }));
      return clipboard.getData('text/plain');
    });
    expect(copied).toContain('m_t=\\beta_1 m_{t-1}');
    expect(copied).not.toContain('\\label');
  });

  it("copies a display formula's TeX, and a code block's text, with their buttons", async () => {
    const page = await open('articles/adam-adamw/');
    await page.evaluate(() => {
      const copied: string[] = [];
      Object.assign(window, { copied });
      navigator.clipboard.writeText = async (text: string) => {
        copied.push(text);
      };
    });
    const equation = page.locator('#eq-adam-v');
    await equation.scrollIntoViewIfNeeded();
    await equation.hover();
    await equation.locator('.tex-copy').click();
    await page.locator('pre.astro-code').first().hover();
    await page.locator('.code-copy').first().click();
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied);
    expect(copied[0]).toBe('v_t=\\beta_2 v_{t-1}+(1-\\beta_2)\\,g_t^2');
    expect(copied[1]).toMatch(/\S/);
    expect(copied[1]).not.toContain('复制');
  });

  it.each([
    '',
    ...publishedSources().map((source) => `articles/${source.id}/`),
    'series/',
    'series/attention-to-ssm/',
    'glossary/',
    'topics/',
    'tags/',
    'archive/',
    'map/',
    'search/',
  ])('fits a 390 px phone without horizontal scrolling: /%s', async (path) => {
    const page = await open(path, { width: 390 });
    // Sections far down are not laid out until the reader nears them (content-visibility), so
    // what they would add to the page's width is only known once every one of them is.
    await page.evaluate(() => {
      for (const section of document.querySelectorAll<HTMLElement>('.prose > section')) {
        section.style.contentVisibility = 'visible';
      }
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('marks the section being read in the table of contents, after jumping down and back up', async () => {
    const page = await open('articles/adam-adamw/');
    const links = page.locator('.toc a');
    const current = () => page.locator('.toc a[aria-current="true"]').getAttribute('href');
    const count = await links.count();
    // Sections far enough from the end for their heading to reach the top of the window.
    for (const index of [Math.floor(count * 0.6), 1, Math.floor(count * 0.4)]) {
      const href = (await links.nth(index).getAttribute('href')) ?? '';
      await links.nth(index).click();
      await expect.poll(current, { timeout: 10_000 }).toBe(href);
    }
  });

  it.each([390, 1280])(
    'lands a jump to a section far down on that section, at %i px (sections there are laid out late)',
    async (width) => {
      const page = await open('articles/adam-adamw/', { width });
      const hrefs = await page
        .locator('.toc a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      // How far the heading is from where a link puts it: below the sticky header, by its margin.
      const offset = (href: string) =>
        page.evaluate((id) => {
          const heading = document.getElementById(decodeURIComponent(id.slice(1))) as HTMLElement;
          const landing =
            Number.parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop || '0') +
            Number.parseFloat(getComputedStyle(heading).scrollMarginTop);
          return Math.round(Math.abs(heading.getBoundingClientRect().top - landing));
        }, href);
      // Far down, back up and down again; none so near the end that it cannot reach the top.
      for (const href of [hrefs[Math.floor(hrefs.length * 0.8)], hrefs[2], hrefs[Math.floor(hrefs.length * 0.6)]]) {
        await page.evaluate(() => {
          (document.querySelector('[data-toc]') as HTMLDetailsElement).open = true;
        });
        await page.locator(`.toc a[href="${href}"]`).click();
        await expect.poll(() => offset(href ?? ''), { timeout: 10_000 }).toBeLessThanOrEqual(1);
      }
      // Arriving from another page with the section in the address.
      const far = hrefs[Math.floor(hrefs.length * 0.7)] ?? '';
      await page.goto(`${site.server.url}articles/adam-adamw/${far}`);
      await expect.poll(() => offset(far), { timeout: 10_000 }).toBeLessThanOrEqual(1);
    },
  );

  it('shows the table of contents open in the wide layout before any script runs, and folded on a phone', async () => {
    const tocLinks = async (width: number, javaScriptEnabled: boolean) => {
      const context = await site.browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${site.server.url}articles/nn-vs-functional/`);
      const first = page.locator('.toc a').first();
      const seen = {
        visible: await first.isVisible(),
        box: await first.boundingBox(),
        text: await page.locator('.prose > p').first().boundingBox(),
      };
      await context.close();
      return seen;
    };
    const wideWithoutScript = await tocLinks(1280, false);
    expect(wideWithoutScript.visible).toBe(true);
    // Scripts then change nothing on screen: no layout shift when they open the element.
    const wideWithScript = await tocLinks(1280, true);
    expect(wideWithScript.box).toEqual(wideWithoutScript.box);
    expect(wideWithScript.text).toEqual(wideWithoutScript.text);
    expect((await tocLinks(390, false)).visible).toBe(false);
  });

  it.each([390, 1280])(
    'topic map at %i px: every arc ends on the dots of its two rows, rows all one height',
    async (width) => {
      const page = await open('map/', { width });
      await page.evaluate(() => document.fonts.ready);
      const found = await page.evaluate(() => {
        const misses: string[] = [];
        const arcs = [...document.querySelectorAll<SVGPathElement>('.topic-map .arc')];
        for (const arc of arcs) {
          const screen = arc.getScreenCTM();
          const ends = (arc.dataset.ends ?? '').split(' ');
          const points = [arc.getPointAtLength(0), arc.getPointAtLength(arc.getTotalLength())];
          for (const [i, point] of points.entries()) {
            const dot = document.querySelector(`.topic-map .row[data-row="${ends[i]}"] .dot`)?.getBoundingClientRect();
            if (!screen || !dot) {
              misses.push(`${arc.dataset.ends}: no row ${ends[i]}`);
              continue;
            }
            const x = screen.a * point.x + screen.c * point.y + screen.e;
            const y = screen.b * point.x + screen.d * point.y + screen.f;
            const [dx, dy] = [x - (dot.left + dot.width / 2), y - (dot.top + dot.height / 2)];
            if (Math.hypot(dx, dy) > 1.5) misses.push(`${arc.dataset.ends}, end ${i}: off by (${dx}, ${dy})`);
          }
        }
        const rows = [...document.querySelectorAll<HTMLElement>('.topic-map .row')];
        return {
          arcs: arcs.length,
          misses,
          heights: [...new Set(rows.map((row) => row.getBoundingClientRect().height))],
          // A title longer than two lines is clamped inside its row, never spilling into the next.
          overflowing: rows.filter((row) => row.scrollHeight > row.clientHeight).map((row) => row.dataset.article),
        };
      });
      expect(found.arcs).toBeGreaterThan(3);
      expect(found.misses).toEqual([]);
      expect(found.heights).toHaveLength(1);
      expect(found.overflowing).toEqual([]);
    },
  );

  it('topic map: pointing at, focusing or opening a row lights its arcs and linked rows and dims the rest', async () => {
    const page = await open('map/');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const lit = () =>
      page.evaluate(() => ({
        arcs: [...document.querySelectorAll<SVGElement>('.topic-map .arc')]
          .filter((arc) => getComputedStyle(arc).strokeOpacity === '1')
          .map((arc) => arc.dataset.ends)
          .sort(),
        rows: [...document.querySelectorAll<HTMLElement>('.topic-map .row')]
          .filter((row) => getComputedStyle(row).opacity === '1')
          .map((row) => row.dataset.row),
      }));
    const everything = await lit();
    expect(everything.arcs).toEqual([]);
    const row = page.locator('.topic-map .row:has(details)').nth(1);
    const index = (await row.getAttribute('data-row')) ?? '';
    const peers = ((await row.getAttribute('data-peers')) ?? '').split(' ');
    const arcs = (
      await page.locator('.topic-map .arc').evaluateAll((all) => all.map((a) => (a as SVGElement).dataset.ends))
    )
      .filter((ends) => ends?.split(' ').includes(index))
      .sort();
    expect(arcs.length).toBeGreaterThan(0);
    const expected = { arcs, rows: everything.rows.filter((r) => r === index || peers.includes(r ?? '')) };

    await row.hover();
    expect(await lit()).toEqual(expected);
    await page.mouse.move(0, 0);
    expect((await lit()).arcs).toEqual([]);

    await row.locator('.row-title').focus();
    expect(await lit()).toEqual(expected);

    // On a phone there is no pointer: opening the counts keeps the row lit and lists its links.
    await row.locator('summary').click();
    await page.locator('h1').click();
    await page.mouse.move(0, 0);
    expect(await lit()).toEqual(expected);
    const listed = await row.locator('.connections a').evaluateAll((links) => links.length);
    expect(listed).toBeGreaterThan(0);
    expect(await row.locator('.connections').isVisible()).toBe(true);
  });

  it('serves the 404 page for a missing address, with working links', async () => {
    const page = await open('no/such/page/');
    expect(await page.locator('h1').textContent()).toContain('404');
    // Every link on the page leads somewhere that exists under the base path.
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const here = page.url();
    const internal = [
      ...new Set(hrefs.filter((href) => href.startsWith(site.server.url) && href.split('#')[0] !== here)),
    ];
    expect(internal.length).toBeGreaterThan(3);
    for (const href of internal) expect((await page.request.get(href)).status(), href).toBe(200);
    // And the way home in the text takes the reader to the home page.
    await page.locator('main a', { hasText: '首页' }).first().click();
    await page.waitForURL(site.server.url);
    await expect(page.locator('h2', { hasText: '最近更新' }).count()).resolves.toBe(1);
  });
});
