import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { katexOptions } from '../../../src/plugins/katex-options';

/**
 * The bare baseline of the build-cost benchmark (`tests/bench/build-cost.ts`): Astro with only
 * remark-math and rehype-katex through the unified processor (with the site's KaTeX macros, so
 * formulas typeset as they do on the site), the content layer's defaults, one
 * page per article. Built with the repository's own node_modules: `astro build --root` this folder.
 */
export default defineConfig({
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.CACHE_DIR ?? './node_modules/.astro',
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, katexOptions()]] }) },
});
