import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkCollection } from '../content-checks';
import { contentDir } from '../content-dir';
import { isContentError, problemsError } from '../plugins/build-error';

/**
 * Runs the collection checks (`src/content-checks.ts`: empty folder, encoding, frontmatter, URL
 * collisions) before anything is built, so `astro build` fails once with every problem listed,
 * each with its file and line. Astro's own schema check would stop at the first file, name no
 * line, and accept dates Astro's YAML parser has already rolled over.
 *
 * A failed build empties the output folder, as Astro does when the Markdown pipeline fails later
 * on, so `dist/` never holds an older build that looks like the current one.
 *
 * Under `astro dev` nothing stops the server: a middleware runs the same checks on every request
 * and throws, so the problem shows in the browser's error overlay while the author fixes it.
 *
 * Astro's Markdown renderer logs each error before rethrowing it, and Astro prints it again when
 * the build fails: the content errors (which Astro prints, pointing at the author's file) are
 * dropped from the first, so the author reads each once.
 */
export function contentChecksIntegration(): AstroIntegration {
  return {
    name: 'content-checks',
    hooks: {
      'astro:config:setup': ({ command, config, addMiddleware }) => {
        quietRendererErrorLog();
        if (command === 'dev') {
          addMiddleware({ entrypoint: new URL('../middleware/content-checks.ts', import.meta.url), order: 'pre' });
        }
        if (command !== 'build') return;
        const problems = checkCollection(contentDir);
        if (problems.length === 0) return;
        rmSync(fileURLToPath(config.outDir), { recursive: true, force: true });
        throw problemsError(problems);
      },
    },
  };
}

let quieted = false;

/** Drops content errors from `console.error`, where `@astrojs/markdown-remark` logs before rethrowing. */
function quietRendererErrorLog(): void {
  if (quieted) return;
  quieted = true;
  const log = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && isContentError(args[0])) return;
    log(...args);
  };
}
