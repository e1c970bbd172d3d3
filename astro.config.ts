import { resolve } from 'node:path';
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { contentDir } from './src/content-dir';
import { draftsIntegration } from './src/integrations/drafts';
import { katexFonts } from './src/integrations/katex-fonts';
import { pagefindIntegration } from './src/integrations/pagefind';
import { markdownPlugins, shikiConfig } from './src/plugins';
import { deployment } from './src/utils/deployment';

// SITE_URL and BASE_PATH choose where the site is served (see README, "Deploy").
const { site, base } = deployment(process.env);

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // Tests and benchmarks build into their own folders so they never clobber dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  build: { format: 'directory' },
  markdown: {
    processor: unified(
      markdownPlugins({
        base,
        contentDir,
        publicDir: resolve('public'),
        bibliography: resolve(contentDir, 'references.bib'),
        rootDir: resolve('.'),
      }),
    ),
    shikiConfig,
  },
  integrations: [
    draftsIntegration(),
    // Every page but the 404 and the search page, which have nothing to index.
    sitemap({ filter: (page) => !/\/(404|search)\/?$/.test(new URL(page).pathname) }),
    pagefindIntegration(),
    katexFonts(),
  ],
  devToolbar: { enabled: false },
});
