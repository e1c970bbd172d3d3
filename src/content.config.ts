import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ARTICLE_PATTERN } from './content-checks';
import { articleSchema, articleSchemaInDev } from './schema';

/**
 * The articles: every `.md` under the top-level `content/` folder (files starting with `_` are
 * ignored). `CONTENT_DIR` points the build at another folder, which the tests and benchmarks use.
 * `deferRender` renders each article when its page is built instead of holding every rendered
 * article in memory at once: KaTeX output is ~70 times the size of its source.
 */
const articles = defineCollection({
  loader: glob({
    base: process.env.CONTENT_DIR ?? './content',
    pattern: ARTICLE_PATTERN,
    deferRender: true,
  }),
  schema: import.meta.env.DEV ? articleSchemaInDev : articleSchema,
});

export const collections = { articles };
