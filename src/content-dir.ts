import { resolve } from 'node:path';

/**
 * The folder of the articles, the glossary and the bibliography: `content/`, or `CONTENT_DIR`,
 * which the tests and benchmarks set to build other content. Absolute, for the Markdown plugins
 * and the pages that read files next to the articles.
 */
export const contentDir = resolve(process.env.CONTENT_DIR ?? 'content');
