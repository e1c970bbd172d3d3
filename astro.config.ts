import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { contentDir } from './src/content-dir';
import { contentChecksIntegration } from './src/integrations/content-checks';
import { contentSecurityPolicyIntegration } from './src/integrations/content-security-policy';
import { deferredRenderingsIntegration } from './src/integrations/deferred-renderings';
import { draftsIntegration } from './src/integrations/drafts';
import { katexFonts } from './src/integrations/katex-fonts';
import { pagefindIntegration } from './src/integrations/pagefind';
import { timedBuildDone } from './src/integrations/phase-times';
import { quietBuildIntegration } from './src/integrations/quiet-build';
import { siteUrlIntegration } from './src/integrations/site-url';
import { socialCardsIntegration } from './src/integrations/social-cards';
import { markdownPlugins, shikiConfig, siteMarkdownOptions } from './src/plugins';
import { deployment } from './src/utils/deployment';

// SITE_URL and BASE_PATH choose where the site is served (see README, "Deploy").
const { site, base } = deployment(process.env);

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // Tests and benchmarks build into their own folders so they never clobber dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  // The build-cost benchmark gives each build its own cache, to measure cold and warm builds.
  cacheDir: process.env.CACHE_DIR ?? './node_modules/.astro',
  build: { format: 'directory' },
  markdown: {
    processor: unified(markdownPlugins(siteMarkdownOptions({ contentDir, base }))),
    shikiConfig,
  },
  integrations: timedBuildDone([
    contentChecksIntegration(),
    deferredRenderingsIntegration(),
    quietBuildIntegration(),
    siteUrlIntegration(),
    draftsIntegration(),
    socialCardsIntegration(),
    // Every page but the 404 and the search page, which have nothing to index.
    sitemap({ filter: (page) => !/\/(404|search)\/?$/.test(new URL(page).pathname) }),
    contentSecurityPolicyIntegration(),
    pagefindIntegration(),
    katexFonts(),
  ]),
  devToolbar: { enabled: false },
  // Pages whose cacheKey (src/utils/page-cache-key.ts) and code are unchanged are copied from the
  // previous build in the cache folder. It needs build.concurrency 1, the default.
  experimental: { incrementalBuild: true },
});
