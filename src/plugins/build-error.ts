import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { nearest } from '../utils/edit-distance';

/**
 * Where a node stands in the author's file, as `content/a.md:12:5`. Astro renders only the body
 * of a Markdown file, so positions inside the pipeline may be relative to the body; this adds
 * back the lines above it by finding the body in the file.
 */
export function locate(file: VFile, start?: Point): string {
  return formatLocation(locatePoint(file, start));
}

/** A line and column in a Markdown file, as unist positions give them. */
type Point = { line?: number | undefined; column?: number | undefined };

/** Where a problem is: the file relative to the project, and the line and column on disk when known. */
export interface ContentLocation {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
}

/** One problem in the author's content: where it is and what to do about it. */
export interface ContentProblem extends ContentLocation {
  message: string;
}

/** `content/a.md:12:5`, `content/a.md:12` or `content/a.md`. */
export function formatLocation({ file, line, column }: ContentLocation): string {
  return `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}`;
}

/** A problem as the author reads it: `content/a.md:12:5 what is wrong and what to do`. */
export function formatProblem(problem: ContentProblem): string {
  return `${formatLocation(problem)} ${problem.message}`;
}

/** Where a point of the pipeline's text stands in the file on disk (see {@link bodyLineOffset}). */
export function locatePoint(file: VFile, start?: Point): ContentLocation {
  const path = file.path ? relative(process.cwd(), file.path) : '<markdown>';
  if (!start?.line) return { file: path };
  return { file: path, line: start.line + bodyLineOffset(file), column: start.column ?? 1 };
}

declare module 'vfile' {
  interface DataMap {
    /** Problems found so far in this file, thrown together at the end of the pipeline. */
    contentProblems: ContentProblem[];
    /** What to do about a kind of problem, said once after the list (e.g. where KaTeX's commands are listed). */
    contentAdvice: string[];
  }
}

/**
 * Records a problem in the author's file, naming the line and saying what to fix, and lets the
 * pipeline go on, so that one build (and `npm run check`) lists every problem of an article, not
 * only the first. {@link rehypeContentProblems}, the pipeline's last plugin, fails the build with
 * them all. The caller leaves the node as it was written.
 */
export function report(file: VFile, node: Node | undefined, problem: string, advice?: string): void {
  reportProblems(file, [{ ...locatePoint(file, node?.position?.start), message: problem }], advice);
}

/** Records problems already located (see {@link report}), for a check that finds several at once. */
export function reportProblems(file: VFile, problems: readonly ContentProblem[], advice?: string): void {
  if (problems.length === 0) return;
  file.data.contentProblems = [...(file.data.contentProblems ?? []), ...problems];
  if (advice && !file.data.contentAdvice?.includes(advice))
    file.data.contentAdvice = [...(file.data.contentAdvice ?? []), advice];
}

/**
 * Throws an error that fails the build now, naming the file and line and saying what to fix, with
 * the problems reported before it: for a problem after which the pipeline cannot go on (a
 * bibliography that does not parse). Plugins throw instead of calling `file.message`, because
 * Astro exits 0 on messages and a broken formula or dangling reference would reach readers.
 */
export function fail(file: VFile, node: Node | undefined, problem: string): never {
  report(file, node, problem);
  throw fileProblemsError(file);
}

/**
 * Fails the build with every problem {@link report} recorded in the file, in line order. Runs last,
 * after every plugin has had its look; a file without problems passes through.
 */
export function rehypeContentProblems() {
  return (_tree: unknown, file: VFile): void => {
    if (file.data.contentProblems?.length) throw fileProblemsError(file);
  };
}

function fileProblemsError(file: VFile): Error {
  const problems = [...(file.data.contentProblems ?? [])].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return problemsError(problems, file.data.contentAdvice?.join('\n'));
}

/**
 * The error that fails the build for a list of content problems, one line each, and `advice`
 * that applies to them all, if any. Astro prints an
 * error with its stack trace and a "Location:" taken from the stack's first frame, which would
 * send the author to this file; the error therefore carries no stack and sets `loc` to the first
 * problem, so Astro's report (and the dev error overlay) points at the author's file.
 */
export function problemsError(problems: readonly ContentProblem[], advice?: string): Error {
  const [first] = problems;
  return contentError([...problems.map(formatProblem), ...(advice ? [advice] : [])].join('\n'), first);
}

/**
 * The error every content problem fails the build with, its message already naming the file and
 * line: for checks that report one problem outside the Markdown pipeline (the glossary, the
 * bibliography). `location`, if given, is where Astro's report and overlay point.
 */
export function contentError(message: string, location?: ContentLocation): Error {
  const error = new Error(message);
  error.name = 'ContentError';
  // Not a bug in the code: a stack trace would only hide the author's file among ours.
  error.stack = '';
  if (location?.line) {
    Object.assign(error, { loc: { file: resolve(location.file), line: location.line, column: location.column ?? 1 } });
  }
  return error;
}

/**
 * `（是不是 "x"？）` naming the existing label, key or id nearest to a misspelled one, or nothing
 * when none is close: the suggestion every "unknown label" message of the pipeline ends with.
 */
export function didYouMean(name: string, existing: Iterable<string>): string {
  const near = nearest(name, [...existing]);
  return near ? `（是不是 "${near}"？）` : '';
}

/** Whether an error is a content problem (the author's to fix) rather than a bug in the code. */
export function isContentError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ContentError';
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

let quieted = false;

/**
 * Drops content errors from `console.error`, where `@astrojs/markdown-remark` logs every error
 * before rethrowing it: whoever catches it (Astro, `npm run check`) reports it, so the author
 * reads each problem once. Every other error is logged as before.
 */
export function quietRendererErrorLog(): void {
  if (quieted) return;
  quieted = true;
  const log = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && isContentError(args[0])) return;
    log(...args);
  };
}
