import type { AstroIntegration } from 'astro';

/** The prefix of a timing line on stderr, which `tests/bench/build-cost.ts` reads. */
export const PHASE_TIME_PREFIX = '[phase-time]';

/**
 * The integrations as given, each of whose `astro:build:done` hook prints how long it took when
 * `PHASE_TIMES` is set (`[phase-time] pagefind 1234 ms` on stderr), for the build-cost benchmark's
 * breakdown. Astro runs the hooks one integration after another, so the times add up to the
 * whole step. Without `PHASE_TIMES` the integrations are returned untouched.
 */
export function timedBuildDone(integrations: AstroIntegration[], env = process.env): AstroIntegration[] {
  if (!env.PHASE_TIMES) return integrations;
  return integrations.map((integration) => {
    const done = integration.hooks['astro:build:done'];
    if (!done) return integration;
    return {
      ...integration,
      hooks: {
        ...integration.hooks,
        'astro:build:done': async (options) => {
          const started = performance.now();
          await done(options);
          const ms = performance.now() - started;
          process.stderr.write(`${PHASE_TIME_PREFIX} ${integration.name} ${Math.round(ms)} ms\n`);
        },
      },
    };
  });
}
