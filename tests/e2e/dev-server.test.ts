import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchChromium } from '../helpers/browser';

const missing = browserSkipReason();

/** A port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts `astro dev` on `contentDir` and resolves once it watches for changes, with the URL of
 * `path` on it and `output()`, all the server has printed so far.
 */
async function startDev(
  contentDir: string,
  path: string,
): Promise<{ server: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const server = spawn(resolve('node_modules/.bin/astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], {
    // Without Vitest's variables: with VITEST set, Astro's dev server answers every page with 404.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'))),
      CI: '',
      CONTENT_DIR: contentDir,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);
  const started = Date.now();
  while (!output.includes('watching for file changes')) {
    if (server.exitCode !== null) throw new Error(`astro dev stopped:\n${output}`);
    if (Date.now() - started > 90_000) throw new Error(`astro dev did not start:\n${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return { server, url: `http://127.0.0.1:${port}${path}`, output: () => output };
}

/**
 * `npm run dev` with a frontmatter mistake, as an author meets it: the server must start anyway
 * (Astro's own schema check would end it, naming no line), the browser must show the site's
 * message with the line and the fix in Vite's error overlay, the terminal must print it once per
 * request (Astro logs a request's error twice), and fixing the file must bring the page back.
 */
describe.skipIf(missing !== undefined)('npm run dev with a frontmatter mistake', () => {
  const contentDir = mkdtempSync(join(tmpdir(), 'dev-content-'));
  const article = join(contentDir, 'bad-frontmatter.md');
  let server: ChildProcess;
  let output = () => '';
  let url = '';
  let browser: Browser;

  beforeAll(async () => {
    cpSync(resolve('tests/fixtures/broken/frontmatter'), contentDir, { recursive: true });
    ({ server, url, output } = await startDev(contentDir, '/articles/bad-frontmatter/'));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it('starts, shows the message with its line in the overlay, prints it once, recovers when fixed, and shows a later formula mistake', async () => {
    const message = 'bad-frontmatter.md:4 topic 没有 "optimisation"（是不是 "optimization"？）';
    // The first requests after start-up can meet Vite still optimising dependencies.
    await expect.poll(async () => (await fetch(url)).status, { timeout: 30_000, interval: 500 }).toBe(500);
    const printed = () => output().split(message).length - 1;
    await new Promise((done) => setTimeout(done, 4000));
    const before = printed();
    const page = await browser.newPage();
    await page.goto(url);
    const overlay = page.locator('vite-error-overlay');
    await overlay.waitFor({ state: 'attached', timeout: 30_000 });
    await expect.poll(() => overlay.evaluate((element) => element.shadowRoot?.textContent ?? '')).toContain(message);
    // The page's request printed it once more, not twice.
    await new Promise((done) => setTimeout(done, 1500));
    expect(printed()).toBe(before + 1);

    const fixed = readFileSync(article, 'utf8')
      .replace('topic: optimisation', 'topic: optimization')
      .replace('date:', 'description: 修好了的文章，有了一句描述。\ndate:');
    writeFileSync(article, fixed);
    await expect.poll(async () => (await page.goto(url))?.status(), { timeout: 30_000, interval: 1000 }).toBe(200);

    // A Markdown mistake made while the server runs shows the same way, at its line.
    writeFileSync(article, `${fixed.trimEnd()}\n\n公式 $\\frac{1}{$ 没写完。\n`);
    const line = readFileSync(article, 'utf8').trimEnd().split('\n').length;
    await expect.poll(async () => (await page.goto(url))?.status(), { timeout: 30_000, interval: 1000 }).toBe(500);
    const formulaOverlay = page.locator('vite-error-overlay');
    await formulaOverlay.waitFor({ state: 'attached', timeout: 30_000 });
    await expect
      .poll(() => formulaOverlay.evaluate((element) => element.shadowRoot?.textContent ?? ''))
      .toMatch(new RegExp(`bad-frontmatter\\.md:${line}:\\d+ 公式无法解析`));
    await page.close();
  }, 90_000);
});

const coldArticle = (title: string, text: string) =>
  `---\ntitle: ${title}\ndescription: 用来测试开发服务器冷启动的文章。\ndate: 2026-01-01\ntopic: optimization\nicon: "🧪"\n---\n\n## 一节\n\n${text}\n`;

/**
 * `npm run dev` on articles never rendered before: the server's first sync leaves them to render
 * in the background, a page renders its own article when asked, and once the background has
 * rendered and stored every article, what is read across articles (here a backlink) is whole.
 */
describe.skipIf(missing !== undefined)('npm run dev on a cold start', () => {
  const contentDir = mkdtempSync(join(tmpdir(), 'dev-cold-'));
  let server: ChildProcess;
  let output = () => '';
  let url = '';

  beforeAll(async () => {
    writeFileSync(join(contentDir, 'cited.md'), coldArticle('被引用的文章', '一段正文。'));
    writeFileSync(join(contentDir, 'citing.md'), coldArticle('引用别人的文章', '见[被引用的文章](./cited.md)。'));
    ({ server, url, output } = await startDev(contentDir, '/articles/cited/'));
  }, 120_000);

  afterAll(() => {
    server?.kill();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it('answers before rendering the articles, renders the page asked for, and adds the backlink once all are rendered', async () => {
    expect(output()).toMatch(/0 rendered, 0 reused, 2 left to render in the background/);
    const page = async () => {
      const response = await fetch(url);
      return response.ok ? response.text() : '';
    };
    await expect.poll(page, { timeout: 60_000, interval: 500 }).toContain('被引用的文章');
    // Not asked more often: the background waits a second after each request, so pages come first.
    await expect
      .poll(page, { timeout: 60_000, interval: 2500 })
      .toMatch(/<section class="end-section backlinks"[\s\S]*href="\/articles\/citing\/"/);
    expect(output()).toMatch(/rendered in the background in [\d.]+ s; storing them/);
  }, 90_000);
});
