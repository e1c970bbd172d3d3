/** Where the built site is served: the origin and the base path, as Astro's `site` and `base`. */
export interface Deployment {
  /** The origin, e.g. `https://user.github.io`. */
  site: string;
  /** The base path with leading and trailing slash: `/` or `/REPO/`. */
  base: string;
}

/**
 * Reads the deployment target from the environment so one repo serves `USER.github.io/` and
 * `USER.github.io/REPO/` without code changes: `SITE_URL` (origin) and `BASE_PATH` (`/`, `kb`,
 * `/kb/` all work). The GitHub Pages workflow sets both from the repository's Pages settings.
 */
export function deployment(env: Record<string, string | undefined>): Deployment {
  const site = (env.SITE_URL?.trim() || 'http://localhost:4321').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(site)) {
    throw new Error(`SITE_URL must be an origin like https://user.github.io, got "${env.SITE_URL}"`);
  }
  const trimmed = (env.BASE_PATH ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return { site, base: trimmed ? `/${trimmed}/` : '/' };
}
