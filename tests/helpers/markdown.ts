import { resolve } from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { markdownPlugins, shikiConfig } from '../../src/plugins';

/** Folders of the test fixtures' miniature site. */
export const fixtureDirs = {
  contentDir: resolve('tests/fixtures/content'),
  publicDir: resolve('tests/fixtures/public'),
};

/**
 * Renders Markdown through the site's real pipeline (Astro's unified processor with our plugin
 * list and Shiki settings), as a plugin test needs. `path` names the file for error messages
 * and resolves relative links; it defaults to a file in the fixture content folder.
 */
export async function renderMarkdown(
  markdown: string,
  options: { contentDir?: string; path?: string; base?: string } = {},
): Promise<string> {
  return (await renderMarkdownWithData(markdown, options)).code;
}

/**
 * Like {@link renderMarkdown}, but also returns what the pipeline hands the page besides the HTML
 * (`metadata.frontmatter`, where rehype-toc puts the table of contents).
 */
export async function renderMarkdownWithData(
  markdown: string,
  {
    contentDir = fixtureDirs.contentDir,
    path = resolve(contentDir, 'test.md'),
    base = '/',
    frontmatter = {},
  }: { contentDir?: string; path?: string; base?: string; frontmatter?: Record<string, unknown> } = {},
): Promise<{ code: string; frontmatter: Record<string, unknown> }> {
  const processor = await createMarkdownProcessor({
    ...markdownPlugins({
      ...fixtureDirs,
      contentDir,
      base,
      bibliography: resolve('tests/fixtures/references.bib'),
      rootDir: resolve('.'),
    }),
    shikiConfig,
    syntaxHighlight: 'shiki',
  });
  const { code, metadata } = await processor.render(markdown, { fileURL: new URL(`file://${path}`), frontmatter });
  return { code, frontmatter: metadata.frontmatter };
}

/** The fixture file that `renderMarkdown` names in error messages, relative to the repo root. */
export const FIXTURE_FILE = 'tests/fixtures/content/test.md';

/** Markdown from lines, so a test can say which line an error must name. */
export const md = (...lines: string[]): string => lines.join('\n');
