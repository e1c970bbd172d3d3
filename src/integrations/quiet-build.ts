import { stripVTControlCharacters } from 'node:util';
import type { AstroIntegration } from 'astro';

/** A warning from Vite's bundler, as its `onwarn` hook receives it. */
interface BundlerWarning {
  code?: string;
  message: string;
}

/**
 * Whether a bundler warning is the one Astro itself causes for every Markdown article: Astro's
 * content plugin marks each article's `?astroPropagatedAssets` module with the directive
 * `"use astro:head-inject"`, and Rolldown warns that a module-level directive may not be kept
 * when bundling (ten lines, in colour, per article). Astro reads the directive before bundling,
 * so the warning is noise that hides real ones; every other warning is kept.
 */
export function isAstroHeadInjectWarning(warning: BundlerWarning): boolean {
  return warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"');
}

/**
 * Whether `chunk`, written to the terminal, repeats `previous` apart from the time stamp that
 * Astro's logger puts first (`12:03:45 [ERROR] …`).
 */
export function repeatsLogLine(chunk: string, previous: string): boolean {
  const withoutTime = (line: string) => stripVTControlCharacters(line).replace(/^\d{2}:\d{2}:\d{2}/, '');
  return previous !== '' && withoutTime(chunk) === withoutTime(previous);
}

/**
 * Keeps a clean build's output to what an author needs: drops {@link isAstroHeadInjectWarning}.
 * Under `astro dev`, where Astro logs an error thrown while rendering a page twice (once when the
 * request fails, once when it renders the error overlay), an error line written again within a
 * few seconds of itself (three: a loaded machine spaces the two lines) is dropped, so the author
 * reads each problem once.
 */
export function quietBuildIntegration(): AstroIntegration {
  return {
    name: 'quiet-build',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'dev') dropRepeatedErrorLines();
        updateConfig({
          vite: {
            build: {
              rollupOptions: {
                onwarn(warning: BundlerWarning, warn: (warning: BundlerWarning) => void) {
                  if (!isAstroHeadInjectWarning(warning)) warn(warning);
                },
              },
            },
          },
        });
      },
    },
  };
}

let dropping = false;

function dropRepeatedErrorLines(): void {
  if (dropping) return;
  dropping = true;
  const write = process.stderr.write.bind(process.stderr);
  let previous = '';
  let previousAt = 0;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const now = Date.now();
    if (now - previousAt < 3000 && repeatsLogLine(text, previous)) return true;
    previous = text;
    previousAt = now;
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
}
