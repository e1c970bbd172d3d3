import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { articleLoader, renderedFiles } from '../../src/content-loader';
import { countRequest, deferredKey, deferredRenderings } from '../../src/deferred-renderings';
import { type DataEntry, fakeStore } from '../helpers/content-store';

/**
 * How the articles' loader shares the `astro dev` process with the server, on a 300-article site
 * (the size at which the dev server stopped answering). Rendering is replaced by a stub: what is
 * tested is when the loader runs its syncs and renderings, not what they produce.
 */

const ARTICLES = 300;

let root: string;
let contentDir: string;

const articlePath = (index: number) => join(contentDir, `a-${String(index).padStart(4, '0')}.md`);
const article = (title: string) =>
  `---\ntitle: "${title}"\ndescription: "一篇用来测试同步调度的短文章。"\ndate: 2026-01-01\ntopic: optimization\nicon: "🧪"\n---\n\n## 一节\n\n正文。\n`;

/** Runs the loader as `astro dev` does (with a file watcher); `synced` holds one line per sync. */
async function startLoader(options: { onRender?: (contents: string) => void } = {}) {
  const synced: string[] = [];
  const errors: string[] = [];
  const watcher = Object.assign(new EventEmitter(), { add: () => watcher });
  const entries = new Map<string, DataEntry>();
  const context = {
    store: fakeStore(entries),
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    renderMarkdown: async (contents: string) => {
      options.onRender?.(contents);
      return { html: `<p>${contents.length}</p>`, metadata: { frontmatter: {} } };
    },
    logger: {
      info: (line: string) => synced.push(line),
      error: (line: string) => errors.push(line),
      warn: () => undefined,
    },
    watcher,
    // A cache per loader: with a shared one, each test's loader would find the renderings of the
    // test before, as a restarted server finds its own.
    config: { cacheDir: pathToFileURL(`${mkdtempSync(join(root, 'cache-'))}/`) },
  } as unknown as LoaderContext;
  const loading = articleLoader({ contentDir, base: '/' }).load(context);
  /** Waits until the articles the first sync left to the background are rendered and stored. */
  const settled = () =>
    vi.waitFor(
      () => {
        const done = synced.findIndex((line) => line.startsWith('rendered in the background'));
        expect(done).toBeGreaterThanOrEqual(0);
        expect(synced[done + 1]).toMatch(/^0 rendered, 300 reused in /);
      },
      { timeout: 20_000 },
    );
  return { loading, synced, errors, watcher, entries, settled };
}

/** The key an entry's rendering was deferred with, if it was. */
const waitingKey = (entry: DataEntry | undefined) => deferredKey(entry?.rendered?.metadata?.frontmatter ?? {});

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'loader-scheduling-'));
  contentDir = join(root, 'content');
  mkdirSync(contentDir);
  for (let index = 0; index < ARTICLES; index++) writeFileSync(articlePath(index), article(`文章 ${index}`));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the articles loader under astro dev', () => {
  it('leaves every article of the first sync to the background, and stores them once rendered', async () => {
    let renders = 0;
    const { loading, synced, entries, settled } = await startLoader({ onRender: () => renders++ });
    await loading;
    expect(synced).toEqual([expect.stringMatching(/^0 rendered, 0 reused, 300 left to render in the background/)]);
    expect([...entries.values()].every((entry) => waitingKey(entry) !== undefined)).toBe(true);
    // Astro saves its store and Vite reloads it after a sync, outside any request: the background
    // waits a moment first.
    await new Promise((done) => setTimeout(done, 1000));
    expect(renders).toBe(0);
    await settled();
    for (const entry of entries.values()) {
      expect(waitingKey(entry)).toBeUndefined();
      expect(renderedFiles(entry.rendered?.metadata?.frontmatter ?? {})).toBeDefined();
    }
  }, 30_000);

  it('lets the server run while it renders, so the dev server can answer before a long first sync ends', async () => {
    // Astro builds the dev server's app while the first sync runs, and Vite gives each module it
    // fetches for it 60 s. A timer set as the sync starts stands for that work: it must get its
    // turn while articles are still being rendered, not only after the last one.
    let timerRan = false;
    let renderedBeforeTimer = 0;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const { loading, settled } = await startLoader({
      onRender: () => {
        if (!timerRan) renderedBeforeTimer++;
      },
    });
    await loading;
    await settled();
    expect(timerRan).toBe(true);
    expect(renderedBeforeTimer).toBeLessThan(ARTICLES);
  }, 30_000);

  it('renders the article a page asks for first, and waits while the server answers a request', async () => {
    const rendered: string[] = [];
    const { loading, entries, settled } = await startLoader({
      onRender: (contents) => rendered.push(/title: "(.*)"/.exec(contents)?.[1] ?? ''),
    });
    await loading;
    // A request comes in: the background waits until its response closes.
    const response = new EventEmitter();
    countRequest(response);
    const page = deferredRenderings()?.rendering('a-0299', waitingKey(entries.get('a-0299')) ?? '');
    expect(await page).toBeDefined();
    // Longer than the quiet period after a page's own rendering (3 s), so that only the open
    // request can be what holds the background back.
    await new Promise((done) => setTimeout(done, 4000));
    expect(rendered).toEqual(['文章 299']);
    response.emit('close');
    // A page load is a chain of requests: the background waits a second after each response.
    await new Promise((done) => setTimeout(done, 300));
    expect(rendered).toEqual(['文章 299']);
    await settled();
    expect(rendered).toHaveLength(ARTICLES);
  }, 30_000);

  it('answers a burst of file events (a git checkout) with one more sync, which sees the last change', async () => {
    const { loading, synced, errors, watcher, entries, settled } = await startLoader();
    await loading;
    await settled();
    const first = synced.length;
    for (let index = 0; index < ARTICLES; index++) {
      writeFileSync(articlePath(index), article(`改过的文章 ${index}`));
      watcher.emit('change', articlePath(index));
    }
    await vi.waitFor(() => expect(synced.length).toBeGreaterThan(first), { timeout: 20_000 });
    // Every event came before that sync started: none may be left queued behind it.
    await new Promise((done) => setTimeout(done, 500));
    expect(errors).toEqual([]);
    expect(synced.slice(first)).toEqual([expect.stringMatching(/^300 rendered, 0 reused in /)]);
    expect(entries.get('a-0299')?.data).toMatchObject({ title: '改过的文章 299' });

    // A change made while a sync runs, to an article that sync has already read, is not lost:
    // a sync that starts after it follows.
    const before = synced.length;
    writeFileSync(articlePath(0), article('再改一次'));
    watcher.emit('change', articlePath(0));
    while (!JSON.stringify(entries.get('a-0000')?.data).includes('再改一次')) {
      await new Promise((done) => setImmediate(done));
    }
    expect(synced.length).toBe(before);
    writeFileSync(articlePath(0), article('又改一次'));
    watcher.emit('change', articlePath(0));
    await vi.waitFor(() => expect(entries.get('a-0000')?.data).toMatchObject({ title: '又改一次' }), {
      timeout: 10_000,
    });
  }, 30_000);

  it('runs no sync for a file event that changed nothing (the watcher reports some edits twice)', async () => {
    const { loading, synced, watcher, settled } = await startLoader();
    await loading;
    await settled();
    const first = synced.length;
    writeFileSync(articlePath(7), article('改了一次'));
    watcher.emit('change', articlePath(7));
    await vi.waitFor(() => expect(synced).toHaveLength(first + 1), { timeout: 10_000 });
    watcher.emit('change', articlePath(7));
    await new Promise((done) => setTimeout(done, 500));
    expect(synced.slice(first)).toEqual([expect.stringMatching(/^1 rendered, 299 reused in /)]);
  }, 30_000);
});
