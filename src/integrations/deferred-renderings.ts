import type { AstroIntegration } from 'astro';
import { countRequest } from '../deferred-renderings';

/**
 * Under `astro dev`, makes the articles the server's first sync left to render in the background
 * (`src/deferred-renderings.ts`) wait while the server answers a request, so a page opened during
 * a cold start comes in seconds, not after every article is rendered.
 */
export function deferredRenderingsIntegration(): AstroIntegration {
  return {
    name: 'deferred-renderings',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((_request, response, next) => {
          countRequest(response);
          next();
        });
      },
    },
  };
}
