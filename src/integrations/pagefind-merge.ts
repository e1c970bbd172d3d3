import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  typeHeader,
  unpack,
} from './pagefind-format.ts';

/**
 * Merges the Pagefind bundles written for consecutive batches of a site's pages into one bundle
 * in `outDir`, the bundle Pagefind would have written had it indexed every page in one go: the
 * same pages in the same order, so the same page numbers, words, locations and filters.
 *
 * Why: Pagefind holds everything it indexed until it writes, and its writing needs several times
 * that again (measured: 300 copies of this site's articles, 7,000 records, peaked at 2.1 GB in
 * Pagefind's process alone). Indexed in batches, one Pagefind process at a time, its memory stays
 * that of one batch whatever the site's size; this merge costs a pass over the index in Node.
 *
 * What it rewrites, for each language: the metadata's page list (pages of batch k come after those
 * of batches before it), the word index (a word's page list is delta-coded, the first page absolute:
 * only the first page number of each batch's run of a word changes), the filters (absolute page
 * numbers, shifted), and the fragment files, copied as they are (renamed with a longer digest if
 * two batches gave different fragments one name). The word index is written as one chunk;
 * `rechunkSearchIndex` cuts it afterwards, as it does Pagefind's own.
 *
 * Tied to Pagefind 1.x's format like the chunk cutter: a structure it does not expect (a sort, a
 * different shape of metadata or word entry, batches from two versions) throws rather than
 * writing an index that finds the wrong pages.
 */
export function mergeSearchBundles(batchDirs: readonly string[], outDir: string): void {
  const entries = batchDirs.map((dir) => readEntry(dir));
  const versions = new Set(entries.map((entry) => entry.version));
  if (versions.size !== 1) throw new Error(`Pagefind batches from different versions: ${[...versions].join(', ')}`);
  mkdirSync(join(outDir, 'fragment'), { recursive: true });
  mkdirSync(join(outDir, 'index'), { recursive: true });
  mkdirSync(join(outDir, 'filter'), { recursive: true });
  // Pagefind's scripts, styles and WebAssembly are the same in every batch of one version.
  for (const dir of batchDirs)
    for (const file of readdirSync(dir, { withFileTypes: true }))
      if (file.isFile() && !file.name.endsWith('.pf_meta') && file.name !== 'pagefind-entry.json')
        if (!existsSync(join(outDir, file.name))) cpSync(join(dir, file.name), join(outDir, file.name));

  const languages: Record<string, LanguageEntry> = {};
  const names = [...new Set(entries.flatMap((entry) => Object.keys(entry.languages)))];
  for (const language of names) {
    const parts = batchDirs.flatMap((dir, i) => {
      const entry = entries[i]?.languages[language];
      return entry ? [{ dir, entry }] : [];
    });
    const hash = mergeLanguage(
      language,
      parts.map(({ dir, entry }) => readLanguage(dir, entry.hash)),
      outDir,
    );
    languages[language] = {
      hash,
      wasm: parts.find(({ entry }) => entry.wasm)?.entry.wasm ?? null,
      page_count: parts.reduce((sum, { entry }) => sum + entry.page_count, 0),
    };
  }
  const [first] = entries;
  writeFileSync(join(outDir, 'pagefind-entry.json'), JSON.stringify({ ...first, languages }));
}

interface LanguageEntry {
  hash: string;
  wasm: string | null;
  page_count: number;
}

interface BundleEntry {
  version: string;
  languages: Record<string, LanguageEntry>;
}

function readEntry(dir: string): BundleEntry {
  return JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as BundleEntry;
}

/** One batch's index of one language: its metadata's fields, and where to read the rest. */
interface BatchLanguage {
  dir: string;
  meta: Buffer;
  /** [version, pages, chunks, filters, sorts, meta fields], as Pagefind 1.6 writes them. */
  fields: Item[];
  pages: Item[];
}

function readLanguage(dir: string, hash: string): BatchLanguage {
  const file = join(dir, `pagefind.${hash}.pf_meta`);
  const meta = unpack(readFileSync(file), file);
  const fields = arrayItems(meta, 0);
  const [, pages, , , sorts] = fields;
  if (fields.length !== 6 || !pages || !sorts) throw new Error(`${file}: not a Pagefind 1.6 metadata file`);
  if (header(meta, sorts.start).value !== 0)
    throw new Error(`${file}: the search index has sort orders (data-pagefind-sort), which batches cannot merge yet`);
  return { dir, meta, fields, pages: arrayItems(meta, pages.start) };
}

/** Merges one language's batches into `outDir` and returns the name of its metadata file (its hash). */
function mergeLanguage(language: string, batches: BatchLanguage[], outDir: string): string {
  const offsets: number[] = [];
  let total = 0;
  for (const batch of batches) {
    offsets.push(total);
    total += batch.pages.length;
  }

  // The meta fields (title, section…), sorted as Pagefind sorts them; word locations in a field
  // name it by its index in this list, so each batch's indices are mapped to the merged list's.
  const batchFields = batches.map((batch) => {
    const list = batch.fields[5];
    return list ? arrayItems(batch.meta, list.start).map((item) => readString(batch.meta, item.start)) : [];
  });
  const fieldNames = [...new Set(batchFields.flat())].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const fieldMaps = batchFields.map((names) => names.map((name) => fieldNames.indexOf(name)));

  const pages = batches.flatMap((batch) => batch.pages.map((page) => copyFragment(batch, page, outDir)));
  const words = mergeWords(batches, offsets, fieldMaps);
  const chunkBody = Buffer.concat([arrayHeader(1), arrayHeader(words.length), ...words.map((word) => word.bytes)]);
  const chunkHash = contentName(language, chunkBody, new Set());
  writeFileSync(join(outDir, 'index', `${chunkHash}.pf_index`), pack(chunkBody));
  const filters = mergeFilters(language, batches, offsets, outDir);

  const [firstBatch] = batches;
  const version = firstBatch?.fields[0];
  const sorts = firstBatch?.fields[4];
  if (!firstBatch || !version || !sorts) throw new Error(`No Pagefind batch for ${language}`);
  const meta = Buffer.concat([
    arrayHeader(6),
    firstBatch.meta.subarray(version.start, version.end),
    arrayHeader(pages.length),
    ...pages,
    arrayHeader(1),
    Buffer.concat([
      arrayHeader(3),
      textItem(words[0]?.word ?? ''),
      textItem(words.at(-1)?.word ?? ''),
      textItem(chunkHash),
    ]),
    arrayHeader(filters.length),
    ...filters.map(([name, hash]) => Buffer.concat([arrayHeader(2), textItem(name), textItem(hash)])),
    firstBatch.meta.subarray(sorts.start, sorts.end),
    arrayHeader(fieldNames.length),
    ...fieldNames.map((name) => textItem(name)),
  ]);
  const hash = `${language}_${digest(meta, 13)}`;
  writeFileSync(join(outDir, `pagefind.${hash}.pf_meta`), pack(meta));
  return hash;
}

/**
 * Copies a page's fragment (what a result shows) and returns the page's entry for the merged
 * metadata, `[fragment, word count, …]`. Two batches can give different fragments one short name
 * (seven hex digits, and Pagefind lengthens a name only against its own batch): the later one is
 * then renamed with more digits of its own digest.
 */
function copyFragment(batch: BatchLanguage, page: Item, outDir: string): Buffer {
  const [hashItem, ...rest] = arrayItems(batch.meta, page.start);
  if (!hashItem) throw new Error('A Pagefind page entry without its fragment');
  const hash = readString(batch.meta, hashItem.start);
  const content = readFileSync(join(batch.dir, 'fragment', `${hash}.pf_fragment`));
  let name = hash;
  for (let length = 1; ; length++) {
    const target = join(outDir, 'fragment', `${name}.pf_fragment`);
    if (!existsSync(target)) {
      writeFileSync(target, content);
      break;
    }
    if (readFileSync(target).equals(content)) break;
    name = `${hash}${digest(content, length)}`;
  }
  if (name === hash) return batch.meta.subarray(page.start, page.end);
  return Buffer.concat([
    arrayHeader(rest.length + 1),
    textItem(name),
    ...rest.map((item) => batch.meta.subarray(item.start, item.end)),
  ]);
}

/** A word of one batch's index: its text, and its entry `[word, pages, variants]` in its chunk. */
interface BatchWord {
  word: string;
  key: Buffer;
  batch: number;
  data: Buffer;
  entry: Item;
}

/** Every word of every batch, merged into one sorted index with the batches' pages renumbered. */
function mergeWords(
  batches: BatchLanguage[],
  offsets: number[],
  fieldMaps: number[][],
): { word: string; bytes: Buffer }[] {
  const all: BatchWord[] = [];
  for (const [batch, { dir, meta, fields }] of batches.entries()) {
    const chunks = fields[2];
    if (!chunks) continue;
    for (const chunk of arrayItems(meta, chunks.start)) {
      const hashItem = arrayItems(meta, chunk.start)[2];
      if (!hashItem) throw new Error(`${dir}: a Pagefind index chunk without its file`);
      const file = join(dir, 'index', `${readString(meta, hashItem.start)}.pf_index`);
      const data = unpack(readFileSync(file), file);
      const [list] = arrayItems(data, 0);
      if (!list) throw new Error(`${file}: not a Pagefind 1.x index chunk`);
      for (const entry of arrayItems(data, list.start)) {
        const [wordItem] = arrayItems(data, entry.start);
        if (!wordItem) throw new Error(`${file}: a word entry without its word`);
        const word = readString(data, wordItem.start);
        all.push({ word, key: Buffer.from(word), batch, data, entry });
      }
    }
  }
  // Pagefind sorts words as Rust sorts strings, by their UTF-8 bytes; one word's batches in order.
  all.sort((a, b) => Buffer.compare(a.key, b.key) || a.batch - b.batch);
  const merged: { word: string; bytes: Buffer }[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]?.word === all[i]?.word) j++;
    const group = all.slice(i, j);
    merged.push({ word: group[0]?.word ?? '', bytes: mergeWord(group, offsets, fieldMaps) });
    i = j;
  }
  return merged;
}

/**
 * One word's entry from its entries in several batches: `[word, pages, variants]`, where `pages`
 * is a list of `[page, locations, meta locations]` whose page numbers are delta-coded (the first
 * absolute), and `variants` lists `[spelling, pages]` for the word's accented spellings.
 */
function mergeWord(group: BatchWord[], offsets: number[], fieldMaps: number[][]): Buffer {
  const pageRuns: PageRun[] = [];
  const variants = new Map<string, PageRun[]>();
  for (const { data, entry, batch, word } of group) {
    const parts = arrayItems(data, entry.start);
    const [wordItem, pages, variantList] = parts;
    if (parts.length !== 3 || !wordItem || !pages || !variantList)
      throw new Error(`Unexpected Pagefind word entry for "${word}" (has Pagefind's file format changed?)`);
    const offset = offsets[batch] ?? 0;
    const fields = fieldMaps[batch] ?? [];
    pageRuns.push({ data, list: pages, offset, fields });
    for (const variant of arrayItems(data, variantList.start)) {
      const [spelling, variantPages] = arrayItems(data, variant.start);
      if (!spelling || !variantPages) throw new Error('Unexpected Pagefind word variant');
      const name = readString(data, spelling.start);
      variants.set(name, [...(variants.get(name) ?? []), { data, list: variantPages, offset, fields }]);
    }
  }
  const [first] = group;
  if (!first) throw new Error('An empty group of words');
  const wordItem = arrayItems(first.data, first.entry.start)[0] as Item;
  return Buffer.concat([
    arrayHeader(3),
    first.data.subarray(wordItem.start, wordItem.end),
    mergePageRuns(pageRuns),
    arrayHeader(variants.size),
    ...[...variants].map(([spelling, runs]) =>
      Buffer.concat([arrayHeader(2), textItem(spelling), mergePageRuns(runs)]),
    ),
  ]);
}

/**
 * One batch's delta-coded page list for a word, the number of pages of the batches before it, and
 * where each of its meta fields is in the merged list.
 */
interface PageRun {
  data: Buffer;
  list: Item;
  offset: number;
  fields: number[];
}

/**
 * Concatenates the page lists of consecutive batches. Each entry is `[page, locations, meta
 * locations]`: only the first page of each run changes (the lists are delta-coded), and in the
 * meta locations a negative number names a meta field, -1 - its index, mapped to the merged list.
 */
function mergePageRuns(runs: PageRun[]): Buffer {
  const out: Buffer[] = [];
  let count = 0;
  let last = 0;
  for (const { data, list, offset, fields } of runs) {
    const sameFields = fields.every((merged, own) => merged === own);
    let page = 0;
    for (const [i, item] of arrayItems(data, list.start).entries()) {
      const parts = arrayItems(data, item.start);
      const [number, locations, metaLocations] = parts;
      const delta = number ? header(data, number.start) : undefined;
      if (parts.length !== 3 || !number || !locations || !metaLocations || delta?.major !== 0)
        throw new Error("Unexpected Pagefind page entry in a word (has Pagefind's file format changed?)");
      page += delta.value;
      count++;
      if (i > 0 && sameFields) {
        out.push(data.subarray(item.start, item.end));
        continue;
      }
      const absolute = page + offset;
      if (i === 0 && count > 1 && absolute < last) throw new Error('Pagefind batches out of order');
      out.push(
        Buffer.concat([
          arrayHeader(3),
          i > 0 ? data.subarray(number.start, number.end) : typeHeader(0, count === 1 ? absolute : absolute - last),
          data.subarray(locations.start, locations.end),
          sameFields ? data.subarray(metaLocations.start, metaLocations.end) : remapFields(data, metaLocations, fields),
        ]),
      );
    }
    last = page + offset;
  }
  return Buffer.concat([arrayHeader(count), ...out]);
}

/** A word's meta locations with each field index (a negative number, -1 - index) mapped by `fields`. */
function remapFields(data: Buffer, list: Item, fields: number[]): Buffer {
  const items = arrayItems(data, list.start).map((item) => {
    const { major, value } = header(data, item.start);
    if (major === 0) return data.subarray(item.start, item.end);
    const merged = fields[value];
    if (major !== 1 || merged === undefined || merged < 0)
      throw new Error("Unexpected Pagefind meta location in a word (has Pagefind's file format changed?)");
    return typeHeader(1, merged);
  });
  return Buffer.concat([arrayHeader(items.length), ...items]);
}

/**
 * Every batch's filters merged, `[filter, [[value, [pages…]], …]]` with absolute page numbers,
 * written one file per filter; returns the metadata's list of `[filter, file]`.
 */
function mergeFilters(
  language: string,
  batches: BatchLanguage[],
  offsets: number[],
  outDir: string,
): [string, string][] {
  const filters = new Map<string, Map<string, Buffer[]>>();
  for (const [batch, { dir, meta, fields }] of batches.entries()) {
    const list = fields[3];
    if (!list) continue;
    for (const filter of arrayItems(meta, list.start)) {
      const [nameItem, hashItem] = arrayItems(meta, filter.start);
      if (!nameItem || !hashItem) throw new Error(`${dir}: a Pagefind filter without its file`);
      const file = join(dir, 'filter', `${readString(meta, hashItem.start)}.pf_filter`);
      const data = unpack(readFileSync(file), file);
      const [, values] = arrayItems(data, 0);
      if (!values) throw new Error(`${file}: not a Pagefind 1.x filter`);
      const name = readString(meta, nameItem.start);
      const merged = filters.get(name) ?? new Map<string, Buffer[]>();
      filters.set(name, merged);
      for (const value of arrayItems(data, values.start)) {
        const [valueItem, pages] = arrayItems(data, value.start);
        if (!valueItem || !pages) throw new Error(`${file}: a filter value without its pages`);
        const shifted = arrayItems(data, pages.start).map((page) => {
          const { major, value: number } = header(data, page.start);
          if (major !== 0) throw new Error(`${file}: a filter page that is not a number`);
          return typeHeader(0, number + (offsets[batch] ?? 0));
        });
        const key = readString(data, valueItem.start);
        merged.set(key, [...(merged.get(key) ?? []), ...shifted]);
      }
    }
  }
  const taken = new Set<string>();
  return [...filters].map(([name, values]) => {
    const body = Buffer.concat([
      arrayHeader(2),
      textItem(name),
      arrayHeader(values.size),
      ...[...values].map(([value, pages]) =>
        Buffer.concat([arrayHeader(2), textItem(value), arrayHeader(pages.length), ...pages]),
      ),
    ]);
    const hash = contentName(language, body, taken);
    writeFileSync(join(outDir, 'filter', `${hash}.pf_filter`), pack(body));
    return [name, hash];
  });
}
