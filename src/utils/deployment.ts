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

/** What a production build says about its site URL: nothing, a warning, or an error that stops it. */
export interface SiteUrlVerdict {
  /** True where the build is about to be published (a CI machine): the build must stop. */
  fatal: boolean;
  message: string;
}

/**
 * Checks the origin a production build writes into canonical links, Open Graph and JSON-LD, the
 * feeds, the sitemap and robots.txt. Without `SITE_URL` they all point at `localhost`, which looks
 * fine in a local preview and is wrong everywhere else. On a CI machine (`CI` set, as GitHub
 * Actions and every other CI does) such a build is on its way to being published, so it fails; a
 * local `npm run build` keeps working, with a warning that names the fix.
 */
export function checkSiteUrl(site: string, env: Record<string, string | undefined>): SiteUrlVerdict | undefined {
  const { hostname } = new URL(site);
  if (!/^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/.test(hostname)) return undefined;
  const fatal = Boolean(env.CI);
  return {
    fatal,
    message: [
      `SITE_URL is not set: every absolute URL of this build (canonical links, Open Graph images, JSON-LD, feeds, sitemap, robots.txt) points at ${site}.`,
      fatal
        ? 'A build on a CI machine is about to be published, so it stops here.'
        : 'Fine for a local preview; do not publish this dist/.',
      'Set the origin (and the base path for a project site), e.g. SITE_URL=https://user.github.io BASE_PATH=/repo/ npm run build',
    ].join('\n'),
  };
}
