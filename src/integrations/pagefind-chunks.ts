import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  arrayHeader,
  arrayItems,
  contentName,
  digest,
  header,
  type Item,
  pack,
  readString,
  textItem,
  unpack,
} from './pagefind-format.ts';

/**
 * Re-cuts a Pagefind 1.x bundle's word index into smaller chunks, so that a search fetches less.
 *
 * Pagefind cuts its index into chunks of 20,000 word locations (hard-coded in 1.6, not an option):
 * about 31 KB gzipped each here, and a query fetches the chunk of each of its words, so a two-word
 * Chinese query fetched 95 KB of index for results that fit in a few. Smaller chunks cost a line
 * each in the metadata every reader loads with Pagefind, so the size is a trade:
 * {@link chunkLocations} picks it from the index's size (`size` overrides it, for tests).
 *
 * The files stay in Pagefind's own format (gzip of `pagefind_dcd` + CBOR): each word's entry is
 * copied byte for byte into its new chunk, and only the metadata's list of chunks (first word,
 * last word, file) is rewritten. Pagefind's browser code looks each query word up in the one chunk
 * whose range holds it, and finds longer words starting with it (权重 → 权重衰减) only in that
 * chunk: so chunks are cut only between words that differ in their first character (Chinese) or
 * first two (Latin, digits), never inside a family of words a prefix search needs together.
 * Pagefind's own cut falls wherever the count does (`transformer` | `transformers`, `包` | `包一`).
 *
 * Tied to Pagefind's file format: a Pagefind upgrade that changes it fails the build here (the
 * signature or the structure is checked) and the search tests, rather than shipping a broken index.
 */
export function rechunkSearchIndex(
  bundleDir: string,
  size?: (words: readonly WordEntry[]) => number,
): { before: number; after: number } {
  const entryFile = join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { languages: Record<string, { hash: string }> };
  let before = 0;
  let after = 0;
  for (const [language, index] of Object.entries(entry.languages)) {
    const { meta, chunkList, chunks: oldChunks } = readLanguageIndex(bundleDir, index.hash);
    // The chunks cover the words in order, so their words in turn are every word, sorted.
    const words = oldChunks.flatMap((chunk) => chunk.words);
    const cuts = chunkWords(words, (size ?? chunkLocations)(words));
    const taken = new Set<string>();
    const newChunks = cuts.map((group) => {
      const body = Buffer.concat([arrayHeader(1), arrayHeader(group.length), ...group.map((word) => word.bytes)]);
      const hash = contentName(language, body, taken);
      writeFileSync(join(bundleDir, 'index', `${hash}.pf_index`), pack(body));
      return hash;
    });
    for (const { hash } of oldChunks)
      if (!newChunks.includes(hash)) rmSync(join(bundleDir, 'index', `${hash}.pf_index`));
    // Each chunk's range is its first and last word, as Pagefind 1.6 writes them.
    const list = Buffer.concat([
      arrayHeader(cuts.length),
      ...cuts.map((group, i) =>
        Buffer.concat([
          arrayHeader(3),
          textItem(group[0]?.word ?? ''),
          textItem(group.at(-1)?.word ?? ''),
          textItem(newChunks[i] ?? ''),
        ]),
      ),
    ]);
    const newMeta = Buffer.concat([meta.subarray(0, chunkList.start), list, meta.subarray(chunkList.end)]);
    rmSync(join(bundleDir, `pagefind.${index.hash}.pf_meta`));
    // The metadata's name carries its digest, as Pagefind names it, so no browser keeps an old copy.
    index.hash = `${language}_${digest(newMeta, 13)}`;
    writeFileSync(join(bundleDir, `pagefind.${index.hash}.pf_meta`), pack(newMeta));
    before += oldChunks.length;
    after += newChunks.length;
  }
  writeFileSync(entryFile, JSON.stringify(entry));
  return { before, after };
}

/** One chunk of a language's word index: its range in the metadata, its file, its words in order. */
export interface IndexChunk {
  from: string;
  to: string;
  hash: string;
  words: WordEntry[];
}

/** The word index of each language of a Pagefind bundle, chunk by chunk, as the metadata lists them. */
export function readSearchIndex(bundleDir: string): Record<string, IndexChunk[]> {
  const entry = JSON.parse(readFileSync(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  return Object.fromEntries(
    Object.entries(entry.languages).map(([language, index]) => [
      language,
      readLanguageIndex(bundleDir, index.hash).chunks,
    ]),
  );
}

/** A language's metadata (CBOR), where its list of chunks lies in it, and the chunks. */
function readLanguageIndex(bundleDir: string, hash: string): { meta: Buffer; chunkList: Item; chunks: IndexChunk[] } {
  const metaFile = join(bundleDir, `pagefind.${hash}.pf_meta`);
  const meta = unpack(readFileSync(metaFile), metaFile);
  // [version, pages, chunks, filters, sorts, meta fields]: the chunks are the third.
  const chunkList = arrayItems(meta, 0)[2];
  if (!chunkList) throw new Error(`${metaFile}: not a Pagefind 1.x metadata file`);
  const chunks = arrayItems(meta, chunkList.start).map((item) => {
    const [from = '', to = '', chunkHash = ''] = arrayItems(meta, item.start).map((field) =>
      readString(meta, field.start),
    );
    const file = join(bundleDir, 'index', `${chunkHash}.pf_index`);
    const chunk = unpack(readFileSync(file), file);
    const [list] = arrayItems(chunk, 0);
    if (!list) throw new Error(`${file}: not a Pagefind 1.x index chunk`);
    return { from, to, hash: chunkHash, words: arrayItems(chunk, list.start).map((word) => wordEntry(chunk, word)) };
  });
  return { meta, chunkList, chunks };
}

/** One word of the index: its text, how many locations Pagefind counts for it, and its CBOR bytes. */
export interface WordEntry {
  word: string;
  locations: number;
  bytes: Buffer;
}

/** Bytes a chunk's line adds to the metadata every reader loads (gzipped; measured on this site). */
const METADATA_LINE_BYTES = 16;
/** Bytes of a chunk per word location Pagefind counts (gzipped; measured on this site). */
const BYTES_PER_LOCATION = 1.7;
/** Chunks a first query fetches: a two-word Chinese query is often split in three (权 / 重 / 衰减). */
const CHUNKS_PER_QUERY = 3;

/**
 * Word locations per chunk. For L locations in chunks of s, a first query fetches about
 * CHUNKS_PER_QUERY·s locations of index, and every reader loads L/s metadata lines first: the sum
 * is least at s = √(L·METADATA_LINE_BYTES / (CHUNKS_PER_QUERY·BYTES_PER_LOCATION)). That is about
 * 1,100 for this site's 400,000 locations (about 240 chunks of 2–3 KB), and grows with the site,
 * so the metadata does not outgrow what the smaller chunks save. Never more than Pagefind's 20,000.
 */
export function chunkLocations(words: readonly { locations: number }[]): number {
  const total = words.reduce((sum, word) => sum + word.locations, 0);
  const best = Math.sqrt((total * METADATA_LINE_BYTES) / (CHUNKS_PER_QUERY * BYTES_PER_LOCATION));
  return Math.min(20_000, Math.max(100, Math.round(best)));
}

/**
 * The words cut into runs of about `size` locations, each cut falling only where a prefix search
 * cannot need both sides: between words whose first characters differ, or (Latin letters and
 * digits) whose first two do. A family larger than `size` stays whole.
 */
export function chunkWords<T extends { word: string; locations: number }>(words: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let count = 0;
  for (const word of words) {
    const last = current.at(-1);
    if (last && count >= size && canCutBetween(last.word, word.word)) {
      chunks.push(current);
      current = [];
      count = 0;
    }
    current.push(word);
    count += word.locations;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function canCutBetween(a: string, b: string): boolean {
  const [a0 = '', a1 = ''] = Array.from(a);
  const [b0 = '', b1 = ''] = Array.from(b);
  if (a0 !== b0) return true;
  // Words of Latin letters or digits share a first letter by the thousand: the second may differ.
  return /^[\p{Script=Latin}\p{Nd}]$/u.test(a0) && a1 !== b1;
}

/**
 * A word's entry, `[word, [[page, [locations…], …], …], …]`, as Pagefind counts it for its chunk
 * size: a location per entry of each page's list, plus one per page.
 */
function wordEntry(data: Buffer, item: Item): WordEntry {
  const [word, pages] = arrayItems(data, item.start);
  if (!word || !pages) throw new Error(`A word entry without its pages at ${item.start}`);
  const locations = arrayItems(data, pages.start).reduce((sum, page) => {
    const locationList = arrayItems(data, page.start)[1];
    return sum + 1 + (locationList ? header(data, locationList.start).value : 0);
  }, 0);
  return { word: readString(data, word.start), locations, bytes: data.subarray(item.start, item.end) };
}
