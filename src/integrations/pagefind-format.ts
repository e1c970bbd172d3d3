import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/*
 * Pagefind 1.x's file format, read and written byte by byte: each index file is gzip of the
 * signature `pagefind_dcd` followed by CBOR (definite lengths, the shortest headers, as minicbor
 * writes them). Shared by the chunk cutter and the batch merge, which both rewrite Pagefind's
 * files in place of options Pagefind does not have.
 */

export const SIGNATURE = 'pagefind_dcd';

/** A Pagefind file's CBOR: gzip, then a signature. */
export function unpack(file: Buffer, name: string): Buffer {
  const data = gunzipSync(file);
  if (data.subarray(0, SIGNATURE.length).toString() !== SIGNATURE)
    throw new Error(`${name}: no Pagefind signature (has Pagefind's file format changed?)`);
  return data.subarray(SIGNATURE.length);
}

export function pack(cbor: Buffer): Buffer {
  return gzipSync(Buffer.concat([Buffer.from(SIGNATURE), cbor]), { level: 9 });
}

/** A short hex digest naming a file by its content, as Pagefind names its files. */
export function digest(data: Buffer, length: number): string {
  return createHash('sha256').update(data).digest('hex').slice(0, length);
}

/**
 * A file's name as Pagefind names them, `<language>_<7 hex digits of its digest>`, one digit more
 * while `taken` has it; the name is added to `taken`.
 */
export function contentName(language: string, body: Buffer, taken: Set<string>): string {
  let name = `${language}_${digest(body, 7)}`;
  for (let length = 8; taken.has(name); length++) name = `${language}_${digest(body, length)}`;
  taken.add(name);
  return name;
}

/** Where a CBOR item starts and ends in its buffer. */
export interface Item {
  start: number;
  end: number;
}

/** A CBOR item's major type and argument (a length, or an integer's value), and where its content starts. */
export function header(data: Buffer, at: number): { major: number; value: number; content: number } {
  const first = data[at];
  if (first === undefined) throw new Error(`CBOR ends early at ${at}`);
  const major = first >> 5;
  const info = first & 31;
  if (info < 24) return { major, value: info, content: at + 1 };
  if (info === 24) return { major, value: data.readUInt8(at + 1), content: at + 2 };
  if (info === 25) return { major, value: data.readUInt16BE(at + 1), content: at + 3 };
  if (info === 26) return { major, value: data.readUInt32BE(at + 1), content: at + 5 };
  if (info === 27) return { major, value: Number(data.readBigUInt64BE(at + 1)), content: at + 9 };
  throw new Error(`Unexpected CBOR item (major ${major}, info ${info}) at ${at}`);
}

/** Where the CBOR item starting at `at` ends. Pagefind writes integers, strings, arrays, maps and simple values. */
export function itemEnd(data: Buffer, at: number): number {
  const { major, value, content } = header(data, at);
  if (major === 0 || major === 1 || major === 7) return content;
  if (major === 2 || major === 3) return content + value;
  let end = content;
  const count = major === 4 ? value : major === 5 ? 2 * value : Number.NaN;
  if (Number.isNaN(count)) throw new Error(`Unexpected CBOR major type ${major} at ${at}`);
  for (let i = 0; i < count; i++) end = itemEnd(data, end);
  return end;
}

/** The items of the CBOR array starting at `at`. */
export function arrayItems(data: Buffer, at: number): Item[] {
  const { major, value, content } = header(data, at);
  if (major !== 4) throw new Error(`Expected a CBOR array at ${at}, found major type ${major}`);
  const items: Item[] = [];
  let start = content;
  for (let i = 0; i < value; i++) {
    const end = itemEnd(data, start);
    items.push({ start, end });
    start = end;
  }
  return items;
}

export function readString(data: Buffer, at: number): string {
  const { major, value, content } = header(data, at);
  if (major !== 3) throw new Error(`Expected a CBOR string at ${at}, found major type ${major}`);
  return data.subarray(content, content + value).toString('utf8');
}

export function typeHeader(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) {
    const out = Buffer.alloc(3);
    out[0] = (major << 5) | 25;
    out.writeUInt16BE(value, 1);
    return out;
  }
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(value, 1);
  return out;
}

export function arrayHeader(length: number): Buffer {
  return typeHeader(4, length);
}

export function textItem(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([typeHeader(3, bytes.length), bytes]);
}
