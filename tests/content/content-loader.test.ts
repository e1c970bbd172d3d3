import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderedFiles, renderProblem, type SyncContext, syncArticles } from '../../src/content-loader';
import { DeferredRenderings, deferredKey } from '../../src/deferred-renderings';
import { quietRendererErrorLog } from '../../src/plugins/build-error';
import { markdownPlugins, shikiConfig, siteMarkdownOptions } from '../../src/plugins/index';
import type { DigestContext } from '../../src/render-digest';
import { type DataEntry, fakeStore } from '../helpers/content-store';

/**
 * The content cache must never serve a stale rendering, and must not redo what has not changed.
 * A three-article site is synced twice, with one change between: the articles rendered again
 * must be exactly those whose HTML the change affects. The repository's `src/` is copied, so a
 * figure module can be edited without touching the real one.
 */

const BIB = `@article{kingma2015adam,
  title = {Adam: A Method for Stochastic Optimization},
  author = {Kingma, Diederik P. and Ba, Jimmy},
  journal = {ICLR},
  year = {2015}
}

@article{duchi2011adagrad,
  title = {Adaptive Subgradient Methods},
  author = {Duchi, John and Hazan, Elad and Singer, Yoram},
  journal = {JMLR},
  year = {2011}
}

@article{nobody2020cites,
  title = {An Entry No Article Cites},
  author = {Nobody, A.},
  journal = {Nowhere},
  year = {2020}
}
`;

const frontmatter = (title: string) =>
  `---\ntitle: "${title}"\ndescription: "一篇用来测试渲染缓存的短文章。"\ndate: 2026-01-01\ntopic: optimization\nicon: "🧪"\n---\n`;

const ARTICLES: Record<string, string> = {
  'figure-and-cite.md': `${frontmatter('图与引用')}
## 偏差修正

Adam 的偏差修正 $1-\\beta^t$ [@kingma2015adam]。

\`\`\`figure
src: pixel-shuffle
id: fig:shuffle
caption: 像素重排。
alt: 一个网格被重排成另一个网格。
\`\`\`
`,
  'links-and-cites.md': `${frontmatter('链接与引用')}
## 对照

见[偏差修正](./figure-and-cite.md#偏差修正)与 AdaGrad [@duchi2011adagrad]。
`,
  'plain.md': `${frontmatter('无依赖')}
## 只有公式

$$
a^2+b^2=c^2
$$
`,
};

let root: string;
let site: DigestContext;

let store: Map<string, DataEntry>;
let renderMarkdown: LoaderContext['renderMarkdown'];

/** The site's pipeline for a content folder, as Astro's content layer renders for a loader (`renderMarkdown`). */
async function pipelineFor(contentDir: string): Promise<LoaderContext['renderMarkdown']> {
  const processor = await createMarkdownProcessor({
    ...markdownPlugins(siteMarkdownOptions({ contentDir, base: '/' })),
    shikiConfig,
    syntaxHighlight: 'shiki',
  });
  return async (content, options) => {
    const { frontmatter, content: body } = parseFrontmatter(content);
    const fileURL = options?.fileURL;
    const { code, metadata } = await processor.render(body, { frontmatter, ...(fileURL ? { fileURL } : {}) });
    return { html: code, metadata };
  };
}

/** Writes a file and moves its modification time on, as an author's edit a moment later would. */
function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  const later = new Date(Date.now() + 5_000 + Math.random() * 1_000);
  utimesSync(path, later, later);
}

/** A sync against the store kept from the previous one, as the next build would run it. */
function sync(keepErrors = false) {
  const context: SyncContext = {
    store: fakeStore(store),
    parseData: async ({ data }) => data,
    renderMarkdown,
    logger: console as unknown as LoaderContext['logger'],
    keepErrors,
    htmlDir: join(root, 'cache/rendered-articles'),
  };
  return syncArticles(context, site);
}

beforeAll(async () => {
  quietRendererErrorLog();
  root = mkdtempSync(join(tmpdir(), 'content-cache-'));
  cpSync(resolve('src'), join(root, 'src'), { recursive: true });
  for (const file of ['package-lock.json', 'astro.config.ts']) cpSync(resolve(file), join(root, file));
  const contentDir = join(root, 'content');
  mkdirSync(contentDir);
  writeFileSync(join(contentDir, 'references.bib'), BIB);
  for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(join(contentDir, name), text);
  site = { rootDir: root, contentDir, base: '/' };
  renderMarkdown = await pipelineFor(contentDir);
  store = new Map();
  await sync();
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the content cache (syncArticles)', () => {
  it('reuses every rendering when nothing changed', async () => {
    expect(await sync()).toEqual({
      rendered: [],
      reused: ['figure-and-cite', 'links-and-cites', 'plain'],
      deferred: [],
    });
  });

  it('re-renders exactly the articles citing an edited bibliography entry, and none for an uncited one', async () => {
    edit(join(site.contentDir, 'references.bib'), (text) =>
      text.replace('Adaptive Subgradient', 'Adaptive Sub-gradient'),
    );
    expect((await sync()).rendered).toEqual(['links-and-cites']);
    expect(readFileSync(renderedHtml('links-and-cites'), 'utf8')).toContain('Adaptive Sub-gradient');
    edit(join(site.contentDir, 'references.bib'), (text) => text.replace('An Entry No Article', 'An Entry No One'));
    expect((await sync()).rendered).toEqual([]);
  });

  it('re-renders exactly the articles drawing an edited figure module, or a module it imports', async () => {
    edit(join(root, 'src/figures/pixel-shuffle.ts'), (text) => `${text}\n// edited\n`);
    expect((await sync()).rendered).toEqual(['figure-and-cite']);
    edit(join(root, 'src/numerics/upsampling.ts'), (text) => `${text}\n// edited\n`);
    expect((await sync()).rendered).toEqual(['figure-and-cite']);
  });

  it('re-renders the article linking to a renamed heading, which then fails with the broken link', async () => {
    const target = join(site.contentDir, 'figure-and-cite.md');
    edit(target, (text) => text.replace('## 偏差修正', '## 偏差校正'));
    // Under astro dev the problem is kept for the page to show.
    expect((await sync(true)).rendered).toEqual(['figure-and-cite', 'links-and-cites']);
    const problem = renderProblem(store.get('links-and-cites')?.rendered?.metadata?.frontmatter ?? {});
    expect(problem?.message).toMatch(/不存在的位置：#偏差修正/);
    // A build fails with it, naming the linking article's file and line.
    await expect(sync()).rejects.toThrow(
      /links-and-cites\.md:\d+:\d+ 链接指向 figure-and-cite\.md 中不存在的位置：#偏差修正/,
    );
    edit(target, (text) => text.replace('## 偏差校正', '## 偏差修正'));
    expect((await sync()).rendered).toEqual(['figure-and-cite', 'links-and-cites']);
  });
});

describe('two articles with the same text', () => {
  it('are two renderings: the glossary links a term everywhere but in the article that explains it', async () => {
    const contentDir = mkdtempSync(join(tmpdir(), 'content-twins-'));
    try {
      const text = `${frontmatter('同一段文字')}\n## 小节\n\nAdam 的偏差修正让早期的估计无偏。\n`;
      writeFileSync(join(contentDir, 'twin-a.md'), text);
      writeFileSync(join(contentDir, 'twin-b.md'), text);
      writeFileSync(
        join(contentDir, 'glossary.yaml'),
        "- id: bias-correction\n  zh: 偏差修正\n  en: bias correction\n  definition: '把滑动估计除以 $1-\\beta^t$ 的步骤。'\n  article: twin-a\n",
      );
      const twins = new Map<string, DataEntry>();
      const htmlDir = join(contentDir, '.cache');
      await syncArticles(
        {
          store: fakeStore(twins),
          parseData: async ({ data }) => data,
          renderMarkdown: await pipelineFor(contentDir),
          logger: console as unknown as LoaderContext['logger'],
          keepErrors: false,
          htmlDir,
        },
        { rootDir: resolve('.'), contentDir, base: '/' },
      );
      const html = (id: string) =>
        readFileSync(String(twins.get(id)?.rendered?.metadata?.frontmatter?.htmlFile), 'utf8');
      expect(html('twin-b')).toContain('glossary/#bias-correction');
      expect(html('twin-a')).not.toContain('glossary/#bias-correction');
    } finally {
      rmSync(contentDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function renderedHtml(id: string): string {
  const file = store.get(id)?.rendered?.metadata?.frontmatter?.htmlFile;
  if (typeof file !== 'string') throw new Error(`no rendering stored for ${id}`);
  return file;
}

describe('under astro dev, renderings the first sync leaves to the background', () => {
  let devSite: DigestContext;
  let devStore: Map<string, DataEntry>;
  let devRender: LoaderContext['renderMarkdown'];
  let deferred: DeferredRenderings;
  let htmlDir: string;

  /** A sync as the dev server runs it: the first defers everything (`deferAll`), later ones what the author did not edit. */
  const devSync = (deferAll: boolean) =>
    syncArticles(
      {
        store: fakeStore(devStore),
        parseData: async ({ data }) => data,
        renderMarkdown: devRender,
        logger: console as unknown as LoaderContext['logger'],
        keepErrors: true,
        htmlDir,
        deferred,
        deferAll,
      },
      devSite,
    );
  const stored = (id: string) => devStore.get(id)?.rendered?.metadata?.frontmatter ?? {};
  const keyOf = (id: string) => deferredKey(stored(id)) ?? '';
  const drain = () =>
    deferred.drain(
      async () => undefined,
      (id, error) => {
        throw new Error(`${id}: ${String(error)}`);
      },
    );

  beforeAll(async () => {
    const contentDir = join(root, 'dev-content');
    cpSync(site.contentDir, contentDir, { recursive: true });
    devSite = { ...site, contentDir };
    devRender = await pipelineFor(contentDir);
  }, 60_000);

  beforeEach(async () => {
    devStore = new Map();
    deferred = new DeferredRenderings();
    htmlDir = mkdtempSync(join(root, 'dev-articles-'));
    expect(await devSync(true)).toEqual({
      rendered: [],
      reused: [],
      deferred: ['figure-and-cite', 'links-and-cites', 'plain'],
    });
  });

  it('renders the one a page asks for at once, and stores the finished ones without rendering them again', async () => {
    const page = await deferred.rendering('plain', keyOf('plain'));
    expect(readFileSync(page.stored.htmlFile, 'utf8')).toContain('class="katex');
    expect(deferred.waiting).toBe(2);
    expect(deferred.finished('links-and-cites', keyOf('links-and-cites'))).toBeUndefined();
    await drain();
    expect(deferred.waiting).toBe(0);
    expect(await devSync(false)).toEqual({
      rendered: [],
      reused: ['figure-and-cite', 'links-and-cites', 'plain'],
      deferred: [],
    });
    expect(keyOf('plain')).toBe('');
    expect(renderedFiles(stored('plain'))?.html).toBe(page.stored.htmlFile);
  });

  it('stores a background rendering that failed, for its page to show, and renders it again at each later sync', async () => {
    const broken = join(devSite.contentDir, 'broken.md');
    writeFileSync(broken, `${frontmatter('坏公式')}\n## 一节\n\n公式 $\\frac{1}{$ 没写完。\n`);
    try {
      devStore = new Map();
      deferred = new DeferredRenderings();
      expect((await devSync(true)).deferred).toContain('broken');
      await drain();
      // Stored with its problem, and not left to the background again: that would never end.
      const stored = await devSync(false);
      expect(stored.deferred).toEqual([]);
      expect(stored.reused).toContain('broken');
      expect(renderProblem(devStore.get('broken')?.rendered?.metadata?.frontmatter ?? {})?.message).toMatch(
        /公式无法解析/,
      );
      expect(await devSync(false)).toEqual({
        rendered: ['broken'],
        reused: ['figure-and-cite', 'links-and-cites', 'plain'],
        deferred: [],
      });
    } finally {
      rmSync(broken);
    }
  });

  it('finds again what the background rendered when the server stopped before storing it', async () => {
    await drain();
    // A new server: its store never learnt of those renderings.
    devStore = new Map();
    deferred = new DeferredRenderings();
    expect(await devSync(true)).toEqual({
      rendered: [],
      reused: ['figure-and-cite', 'links-and-cites', 'plain'],
      deferred: [],
    });
  });

  it('renders an article edited while it waits at once, and leaves to the background one whose citation changed', async () => {
    const plain = join(devSite.contentDir, 'plain.md');
    edit(plain, (text) => text.replace('a^2+b^2=c^2', 'a^3+b^3\\ne c^3'));
    const afterEdit = await devSync(false);
    expect(afterEdit).toEqual({ rendered: ['plain'], reused: [], deferred: ['figure-and-cite', 'links-and-cites'] });
    expect(readFileSync(renderedFiles(stored('plain'))?.html ?? '', 'utf8')).toContain('≠');
    await drain();
    expect((await devSync(false)).reused).toHaveLength(3);
    // The bibliography changed, not the article: the article is left to the background (its page
    // renders it when asked), and the sync after that stores the new rendering.
    edit(join(devSite.contentDir, 'references.bib'), (text) =>
      text.replace(/Adaptive Sub-?gradient/, 'Adaptive Subgradients Revisited'),
    );
    expect(await devSync(false)).toEqual({
      rendered: [],
      reused: ['figure-and-cite', 'plain'],
      deferred: ['links-and-cites'],
    });
    await drain();
    expect(await devSync(false)).toEqual({
      rendered: [],
      reused: ['figure-and-cite', 'links-and-cites', 'plain'],
      deferred: [],
    });
    expect(readFileSync(renderedFiles(stored('links-and-cites'))?.html ?? '', 'utf8')).toContain(
      'Adaptive Subgradients Revisited',
    );
  });
});
