import type { AstroIntegration } from 'astro';
import { checkSiteUrl } from '../utils/deployment';

/**
 * Makes a production build say so, loudly, when its absolute URLs would point at `localhost`
 * (no `SITE_URL`): a warning framed in the build log locally, an error that stops the build on a
 * CI machine. `astro dev` and `astro preview` are left alone: there `localhost` is right.
 */
export function siteUrlIntegration(env: Record<string, string | undefined> = process.env): AstroIntegration {
  return {
    name: 'site-url',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command !== 'build' || !config.site) return;
        const verdict = checkSiteUrl(config.site, env);
        if (!verdict) return;
        if (verdict.fatal) throw new Error(verdict.message);
        const rule = '!'.repeat(72);
        logger.warn(`\n${rule}\n${verdict.message}\n${rule}`);
      },
    },
  };
}
