import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkBeforeRendering } from '../check-content';
import { contentDir } from '../content-dir';
import { contentError, quietRendererErrorLog } from '../plugins/build-error';

/**
 * Runs the checks that need no page rendered (`checkBeforeRendering`: empty folder, encoding,
 * frontmatter, URL collisions, bibliography, glossary) before anything is built, so
 * `astro build` fails once with every problem listed, each with its file and line. Astro's own
 * schema check would stop at the first file, name no line, and accept dates its YAML parser has
 * already rolled over.
 *
 * A failed build, whatever failed, leaves an empty output folder: `dist/` never holds half a
 * build, or an older one that looks like the current one.
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
      'astro:config:setup': async ({ command, config, addMiddleware }) => {
        quietRendererErrorLog();
        if (command === 'dev') {
          addMiddleware({ entrypoint: new URL('../middleware/content-checks.ts', import.meta.url), order: 'pre' });
        }
        if (command !== 'build') return;
        const outDir = fileURLToPath(config.outDir);
        process.once('exit', (code) => {
          if (code !== 0) rmSync(outDir, { recursive: true, force: true });
        });
        const problems = await checkBeforeRendering(contentDir);
        if (problems.length > 0) throw contentError(problems.join('\n'), locationOf(problems[0]));
      },
    },
  };
}

/** The file and line a problem line starts with, for Astro's "Location:". */
function locationOf(line = '') {
  const match = /^(\S+?):(\d+)(?::(\d+))? /.exec(line);
  return match ? { file: match[1] ?? '', line: Number(match[2]), column: Number(match[3] ?? 1) } : undefined;
}
