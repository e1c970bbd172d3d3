import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSearchIndex } from '../../src/integrations/pagefind';
import { mergeSearchBundles } from '../../src/integrations/pagefind-merge';

/**
 * Pages shaped like the site's records: Chinese and Latin words shared across batches, accented
 * spellings (Pagefind lists them as variants of the plain word), filters whose values recur in
 * several batches, and a meta field only some pages have.
 */
const pages = [
  { text: '权重衰减与 L2 正则化。weight decay café', tags: ['优化器', 'adam'], section: '' },
  { text: '学习率预热与衰减。learning rate warmup', tags: ['优化器'], section: '预热' },
  { text: '偏差修正让早期估计无偏。bias correction naïve estimate', tags: ['adam'], section: '' },
  { text: '状态空间模型与卷积。state space cafe convolution', tags: ['ssm'], section: '卷积' },
  { text: '权重衰减不是 L2 正则化。decoupled weight decay', tags: ['adam', '优化器'], section: '' },
  { text: '线性注意力的核技巧。linear attention kernel café', tags: ['attention'], section: '核' },
  { text: '上采样与转置卷积。upsampling transposed convolution naive', tags: ['cnn'], section: '' },
];

const page = (i: number) => {
  const { text, tags, section } = pages[i] ?? { text: '', tags: [], section: '' };
  const meta = section ? `<span data-pagefind-meta="section">${section}</span>` : '';
  const filters = tags.map((tag) => `<span data-pagefind-filter="tag:${tag}"></span>`).join('');
  return `<!doctype html><html lang="zh-CN"><body><main data-pagefind-body><h1 data-pagefind-meta="title">第${i}页</h1>${meta}${filters}<p>${text}</p></main></body></html>`;
};

/** Indexes `pages[from, to)` with a fresh Pagefind process into `outputPath`. */
async function indexPages(from: number, to: number, outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error('Pagefind did not start');
  for (let i = from; i < to; i++) await index.addHTMLFile({ url: `/p${i}/`, content: page(i) });
  await index.writeFiles({ outputPath });
  await pagefind.close();
}

/** A CBOR value decoded on its own terms (not with the code under test). */
function decode(data: Buffer, at = 0): [unknown, number] {
  const first = data[at] ?? 0;
  const major = first >> 5;
  const info = first & 31;
  let value = info;
  let next = at + 1;
  if (info === 24) [value, next] = [data.readUInt8(at + 1), at + 2];
  else if (info === 25) [value, next] = [data.readUInt16BE(at + 1), at + 3];
  else if (info === 26) [value, next] = [data.readUInt32BE(at + 1), at + 5];
  else if (info > 26) throw new Error(`unexpected CBOR header ${first}`);
  if (major === 0) return [value, next];
  if (major === 1) return [-1 - value, next];
  if (major === 3) return [data.subarray(next, next + value).toString('utf8'), next + value];
  if (major === 4) {
    const items: unknown[] = [];
    for (let i = 0; i < value; i++) {
      const [item, end] = decode(data, next);
      items.push(item);
      next = end;
    }
    return [items, next];
  }
  throw new Error(`unexpected CBOR major type ${major}`);
}

const readCbor = (file: string) => decode(gunzipSync(readFileSync(file)).subarray('pagefind_dcd'.length))[0];

/**
 * What a bundle holds, in terms that do not depend on how it was cut or named: per page its
 * fragment's text and word count, every word's entry, every filter's values and pages, the meta
 * fields, and the page count.
 */
function contents(bundle: string) {
  const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string; page_count: number }>;
  };
  return Object.fromEntries(
    Object.entries(entry.languages).map(([language, { hash, page_count }]) => {
      const [version, metaPages, chunks, filters, sorts, fields] = readCbor(
        join(bundle, `pagefind.${hash}.pf_meta`),
      ) as [string, [string, number, unknown][], [string, string, string][], [string, string][], unknown[], string[]];
      const words = chunks.flatMap(
        ([, , chunk]) => (readCbor(join(bundle, 'index', `${chunk}.pf_index`)) as [unknown[]])[0],
      );
      const filterValues = Object.fromEntries(
        filters.map(([name, file]) => {
          const [, values] = readCbor(join(bundle, 'filter', `${file}.pf_filter`)) as [string, [string, number[]][]];
          return [name, Object.fromEntries(values)];
        }),
      );
      const fragments = metaPages.map(([fragment, wordCount, rest]) => [
        gunzipSync(readFileSync(join(bundle, 'fragment', `${fragment}.pf_fragment`))).toString('utf8'),
        wordCount,
        rest,
      ]);
      return [language, { version, page_count, fragments, words, filterValues, sorts, fields }];
    }),
  );
}

let root = '';
let single: ReturnType<typeof contents> = {};
const batchDirs: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pagefind-merge-'));
  await indexPages(0, pages.length, join(root, 'single'));
  single = contents(join(root, 'single'));
  for (const [i, [from, to]] of [
    [0, 3],
    [3, 4],
    [4, 7],
  ].entries()) {
    batchDirs.push(join(root, `batch-${i}`));
    await indexPages(from ?? 0, to ?? 0, join(root, `batch-${i}`));
  }
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('mergeSearchBundles', () => {
  it('gives the bundle Pagefind writes when it indexes every page at once', () => {
    mergeSearchBundles(batchDirs, join(root, 'merged'));
    const merged = contents(join(root, 'merged'));
    const language = single['zh-cn'];
    expect(language?.page_count).toBe(pages.length);
    // The fixture reaches what the merge must get right: words and variants in several batches.
    const words = (language?.words ?? []) as [string, unknown[], [string, unknown[]][]][];
    expect(words.find(([word]) => word === 'decay')?.[1]).toHaveLength(2);
    expect(words.find(([word]) => word === 'cafe')?.[2].map(([spelling]) => spelling)).toEqual(['café']);
    expect(Object.keys(language?.filterValues.tag ?? {})).toContain('adam');
    expect(merged).toEqual(single);
    // What the browser loads: one metadata file, the entry's, and the scripts of one batch.
    expect(readdirSync(join(root, 'merged')).filter((file) => file.endsWith('.pf_meta'))).toHaveLength(1);
    expect(readdirSync(join(root, 'merged'))).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js']));
  });

  it('keeps both fragments when two batches gave different fragments the same name', () => {
    // Give batch 1's page the name of batch 0's first page, as a clash of short digests would.
    const metaName = (dir: string) => readdirSync(dir).find((file) => file.endsWith('.pf_meta')) ?? '';
    const fragmentOf = (dir: string) => (readCbor(join(dir, metaName(dir))) as [string, [string][]])[1][0]?.[0] ?? '';
    const [dir0 = '', dir1 = ''] = batchDirs;
    const taken = fragmentOf(dir0);
    const own = fragmentOf(dir1);
    expect(taken).toHaveLength(own.length);
    renameSync(join(dir1, 'fragment', `${own}.pf_fragment`), join(dir1, 'fragment', `${taken}.pf_fragment`));
    const metaFile = join(dir1, metaName(dir1));
    const meta = gunzipSync(readFileSync(metaFile));
    writeFileSync(metaFile, gzipSync(Buffer.from(meta.toString('latin1').replace(own, taken), 'latin1')));

    mergeSearchBundles(batchDirs, join(root, 'clash'));
    expect(contents(join(root, 'clash'))).toEqual(single);
  });
});

describe('writeSearchIndex', () => {
  it('indexes a site in batches into the same index as in one go, and leaves no batch behind', async () => {
    const site = join(root, 'site');
    for (const i of pages.keys()) {
      mkdirSync(join(site, `p${i}`), { recursive: true });
      writeFileSync(join(site, `p${i}`, 'index.html'), page(i));
    }
    cpSync(site, join(root, 'site-batched'), { recursive: true });
    const once = await writeSearchIndex(site);
    // Every page over the limit: each page its own batch.
    const batched = await writeSearchIndex(join(root, 'site-batched'), 1);
    expect(once.batches).toBe(1);
    expect(batched.batches).toBe(pages.length);
    expect(contents(join(root, 'site-batched', 'pagefind'))).toEqual(contents(join(site, 'pagefind')));
    expect(existsSync(join(root, 'site-batched', '.pagefind-batches'))).toBe(false);
  }, 60_000);
});
