import { absoluteUrl, url } from '../utils/url';

/** robots.txt with the sitemap's absolute URL, which depends on SITE_URL and BASE_PATH. */
export function GET(): Response {
  const sitemap = absoluteUrl(url('sitemap-index.xml'));
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
