import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

/** Every article of `CONTENT_DIR`, with the content layer's defaults (rendered HTML kept in the store). */
const articles = defineCollection({
  loader: glob({ base: process.env.CONTENT_DIR ?? './content', pattern: '**/[^_]*.md' }),
});

export const collections = { articles };
