import { defineCollection } from 'astro:content';
import { contentDir } from './content-dir';
import { articleLoader } from './content-loader';
import { articleSchema, articleSchemaInDev } from './schema';
import { deployment } from './utils/deployment';

/**
 * The articles: every `.md` under the top-level `content/` folder (files starting with `_` are
 * ignored). `CONTENT_DIR` points the build at another folder, which the tests and benchmarks use.
 * The loader renders each article once and reuses the rendering in later builds until something
 * it depends on changes (`src/content-loader.ts`, which says why neither mode of `glob()` fitted).
 */
const articles = defineCollection({
  loader: articleLoader({ contentDir, base: deployment(process.env).base }),
  schema: import.meta.env.DEV ? articleSchemaInDev : articleSchema,
});

export const collections = { articles };
