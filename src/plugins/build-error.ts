import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/**
 * Where a node stands in the author's file, as `content/a.md:12:5`. Astro renders only the body
 * of a Markdown file, so positions inside the pipeline may be relative to the body; this adds
 * back the lines above it by finding the body in the file.
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
  throw contentError(`${locate(file, node?.position?.start)} ${problem}`);
}

/**
 * The error every content problem fails the build with, its message already naming the file and
 * line: for checks that run outside the Markdown pipeline (the glossary, the bibliography).
 */
export function contentError(message: string): Error {
  const error = new Error(message);
  error.name = 'ContentError';
  return error;
}

const offsets = new WeakMap<VFile, number>();

/**
 * Lines to add to a position inside `file.value` to get the line in the file on disk. Astro
 * sometimes hands the pipeline the body with the frontmatter blanked out (line numbers intact) and
 * sometimes trimmed (numbers shifted), so compare where the first text stands in each.
 */
function bodyLineOffset(file: VFile): number {
  const cached = offsets.get(file);
  if (cached !== undefined) return cached;
  let offset = 0;
  try {
    const source = readFileSync(file.path, 'utf8');
    const value = String(file.value);
    const start = value.search(/\S/);
    const inSource = start === -1 ? -1 : source.indexOf(value.slice(start, start + 200));
    if (inSource !== -1) offset = lineOf(source, inSource) - lineOf(value, start);
  } catch {
    // Not a file on disk (a unit test's string): positions are already right.
  }
  offsets.set(file, offset);
  return offset;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
