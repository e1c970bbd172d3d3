import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/**
 * Where a node stands in the author's file, as `content/a.md:12:5`. Astro renders only the body
 * of a Markdown file (frontmatter removed, whitespace trimmed), so positions inside the pipeline
 * are relative to the body; this adds back the lines above it by finding the body in the file.
 */
export function locate(file: VFile, start?: { line?: number | undefined; column?: number | undefined }): string {
  const path = file.path ? relative(process.cwd(), file.path) : '<markdown>';
  if (!start?.line) return path;
  return `${path}:${start.line + bodyLineOffset(file)}:${start.column ?? 1}`;
}

/**
 * Throws an error that fails the build, naming the file and line and saying what to fix. Plugins
 * throw instead of calling `file.message`, because Astro exits 0 on messages and a broken formula
 * or dangling reference would reach readers.
 */
export function fail(file: VFile, node: Node | undefined, problem: string): never {
  const error = new Error(`${locate(file, node?.position?.start)} ${problem}`);
  error.name = 'ContentError';
  throw error;
}

const offsets = new WeakMap<VFile, number>();

function bodyLineOffset(file: VFile): number {
  const cached = offsets.get(file);
  if (cached !== undefined) return cached;
  let offset = 0;
  try {
    const source = readFileSync(file.path, 'utf8');
    const body = String(file.value).trimStart();
    const index = body ? source.indexOf(body.slice(0, 200)) : -1;
    if (index > 0) offset = source.slice(0, index).split('\n').length - 1;
  } catch {
    // Not a file on disk (a unit test's string): positions are already right.
  }
  offsets.set(file, offset);
  return offset;
}
