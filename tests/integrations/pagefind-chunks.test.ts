import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chunkWords,
  type IndexChunk,
  readSearchIndex,
  rechunkSearchIndex,
} from '../../src/integrations/pagefind-chunks';

/** Byte order of UTF-8, the order Pagefind's WebAssembly compares words and chunk ranges in. */
const compare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The chunk Pagefind's browser code loads for a word of the index: the first whose range holds it. */
const chunkFor = (chunks: readonly IndexChunk[], word: string) =>
  chunks.find((chunk) => compare(chunk.from, word) <= 0 && compare(word, chunk.to) <= 0);

const pages = [
  '权重衰减与 L2 正则化：权重衰减让权重变小，衰减系数决定快慢。权威的说法是权衡。',
  '学习率预热，学习率衰减，学习曲线。apple applesauce application apply apricot',
  'banana bandit band bank bias biased bicycle 偏差修正 偏差 偏置 修正 修改',
  'weight weights weighted decay decays decayed momentum moment 动量 动量法 动态',
  'zebra zero zeta 零阶保持 零点 状态空间模型 状态 空间 模型 模式',
];

let bundle = '';
let before: Record<string, IndexChunk[]> = {};

beforeAll(async () => {
  bundle = join(mkdtempSync(join(tmpdir(), 'pagefind-chunks-')), 'pagefind');
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error('Pagefind did not start');
  for (const [i, text] of pages.entries())
    await index.addHTMLFile({
      url: `/p${i}/`,
      content: `<!doctype html><html lang="zh-CN"><body><main data-pagefind-body><h1>第${i}页</h1><p>${text}</p></main></body></html>`,
    });
  await index.writeFiles({ outputPath: bundle });
  await pagefind.close();
  before = readSearchIndex(bundle);
}, 30_000);

afterAll(() => rmSync(join(bundle, '..'), { recursive: true, force: true }));

describe('rechunkSearchIndex', () => {
  it('cuts the index into smaller chunks that hold every word once, in order', () => {
    const words = (index: Record<string, IndexChunk[]>) =>
      (index['zh-cn'] ?? []).flatMap((chunk) => chunk.words.map((word) => [word.word, word.bytes.toString('hex')]));
    const original = words(before);
    expect(original.length).toBeGreaterThan(40);
    expect(before['zh-cn']).toHaveLength(1);

    rechunkSearchIndex(bundle, () => 8);
    const after = readSearchIndex(bundle);
    expect(after['zh-cn']?.length).toBeGreaterThan(5);
    // Each word's entry (its pages and locations) is carried over byte for byte.
    expect(words(after)).toEqual(original);
    // On disk: exactly the chunks the metadata lists, and one metadata file, the entry's.
    const files = readdirSync(bundle);
    expect(readdirSync(join(bundle, 'index')).sort()).toEqual(
      (after['zh-cn'] ?? []).map((chunk) => `${chunk.hash}.pf_index`).sort(),
    );
    expect(files.filter((file) => file.endsWith('.pf_meta'))).toHaveLength(1);
  });

  it('puts each word, and every longer word it begins, in the chunk a search for it loads', () => {
    const chunks = readSearchIndex(bundle)['zh-cn'] ?? [];
    const all = chunks.flatMap((chunk) => chunk.words.map((word) => word.word));
    for (const word of all) {
      const chunk = chunkFor(chunks, word);
      expect(chunk, word).toBeDefined();
      const held = chunk?.words.map((entry) => entry.word) ?? [];
      for (const longer of all.filter((other) => other.startsWith(word)))
        expect(held, `${word} → ${longer}`).toContain(longer);
    }
    // A Chinese word's family (权 → 权重, 权重衰减, 权威…) and a Latin prefix's (app → apple, apply…).
    expect(chunkFor(chunks, '权')?.words.map((entry) => entry.word)).toEqual(
      expect.arrayContaining(['权重', '权重衰减'].filter((word) => all.includes(word))),
    );
  });
});

describe('chunkWords', () => {
  const entry = (word: string, locations = 1) => ({ word, locations });

  it('cuts only between words whose first character differs, or first two for Latin letters', () => {
    const words = ['apple', 'apply', 'apricot', 'banana', 'bank', 'bias', '权', '权重', '权重衰减', '衰减'].map(
      (word) => entry(word),
    );
    const cut = chunkWords(words, 1).map((chunk) => chunk.map((word) => word.word));
    expect(cut).toEqual([
      ['apple', 'apply', 'apricot'],
      ['banana', 'bank'],
      ['bias'],
      ['权', '权重', '权重衰减'],
      ['衰减'],
    ]);
    // A family larger than the size stays whole; small neighbours share a chunk up to the size.
    expect(chunkWords([entry('a1', 5), entry('b1'), entry('c1'), entry('d1')], 2).map((c) => c.length)).toEqual([
      1, 2, 1,
    ]);
  });
});
