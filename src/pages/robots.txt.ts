import type { APIContext } from 'astro';
import { url } from '../utils/url';

/** robots.txt with the sitemap's absolute URL, which depends on SITE_URL and BASE_PATH. */
export function GET(context: APIContext): Response {
  const sitemap = new URL(url('sitemap-index.xml'), context.site ?? 'http://localhost:4321');
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap.href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
