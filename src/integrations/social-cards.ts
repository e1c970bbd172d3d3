import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Tells the social-card route (`src/pages/og/`) where to keep drawn cards between builds:
 * `social-cards/` in Astro's cache folder (`node_modules/.astro` unless `cacheDir` says
 * otherwise), as `import.meta.env.SOCIAL_CARD_CACHE`. Deleting the folder redraws every card.
 */
export function socialCardsIntegration(): AstroIntegration {
  return {
    name: 'social-cards',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const cacheDir = fileURLToPath(new URL('social-cards/', config.cacheDir));
        updateConfig({ vite: { define: { 'import.meta.env.SOCIAL_CARD_CACHE': JSON.stringify(cacheDir) } } });
      },
    },
  };
}
